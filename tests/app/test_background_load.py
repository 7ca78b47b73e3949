"""Large files: the text shows at once while the annotations load in a thread."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from textual.widgets import ProgressBar

from tests.support.corpora import SMALL_TEXT
from tests.support.pilot import wait_until
from tui.app.reader_app import GlossApp
from tui.app.screens.loading import LoadingScreen, text_only_document
from tui.app.screens.reader import ReaderScreen
from tui.app.widgets.article_view import ArticleView
from tui.core.loading.loader import LoadResult, load


async def test_the_text_shows_first_then_the_reader_opens_on_the_same_place(
    small_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_load(path: str, **options: bool) -> LoadResult:
        release.wait(10)
        return load(path, **options)

    monkeypatch.setattr("tui.app.screens.loading.load", slow_load)
    app = GlossApp(None, load_path=str(small_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # The loading screen comes up with the article text, before any annotation.
        loading = app.screen
        assert isinstance(loading, LoadingScreen)
        assert loading.preview is not None and loading.preview.text == SMALL_TEXT
        article = loading.query_one(ArticleView)
        assert article.document.entities == ()
        await pilot.press("j")  # the text can be read and scrolled already
        assert loading.query_one(ProgressBar).total is None
        release.set()
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        assert app.document is not None and len(app.document.entities) == 5
        await pilot.press("n")
        assert app.screen.current_mention is not None


async def test_errors_found_in_the_background_close_the_reader_with_status_1(
    tmp_path: Path, small_path: Path
) -> None:
    broken = small_path.read_text(encoding="utf-8").replace("mentions: [Carol]", "mentions: [Dan]")
    small_path.write_text(broken, encoding="utf-8")
    app = GlossApp(None, load_path=str(small_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: not app.is_running, "the reader to close")
    assert app.return_code == 1
    assert app.failed_load is not None
    messages = [d.format() for d in app.failed_load.diagnostics]
    assert any("'Dan' is not in the text" in message for message in messages)


def test_text_only_preview_needs_no_yaml_parsing(tmp_path: Path, small_path: Path) -> None:
    # Break the YAML after the document block: the preview still finds the text.
    text = small_path.read_text(encoding="utf-8").replace("entities:", "entities: [: :", 1)
    small_path.write_text(text, encoding="utf-8")
    preview = text_only_document(str(small_path))
    assert preview is not None and preview.text == SMALL_TEXT
    missing = tmp_path / "elsewhere"
    missing.mkdir()
    shutil.copy(small_path, missing / "small.yaml")
    assert text_only_document(str(missing / "small.yaml")) is None
