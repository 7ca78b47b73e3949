"""The corpus timeline: several documents interleaved by date, the reader one key away."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.corpora import SMALL_TEXT, SMALL_YAML
from tui.app.screens.corpus_timeline import CorpusReaderScreen, CorpusTimelineScreen
from tui.app.timeline_app import CorpusTimelineApp
from tui.cli.main import bundled_article, main
from tui.core.timeline.table import load_target


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    article = bundled_article()
    (tmp_path / "a").mkdir()
    shutil.copy(article, tmp_path / "a" / article.name)
    shutil.copy(article.with_suffix(".txt"), tmp_path / "a" / article.with_suffix(".txt").name)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "small.txt").write_text(SMALL_TEXT, encoding="utf-8")
    (tmp_path / "b" / "small.yaml").write_text(SMALL_YAML, encoding="utf-8")
    return tmp_path


def corpus_screen(app: CorpusTimelineApp) -> CorpusTimelineScreen:
    screen = app.screen
    assert isinstance(screen, CorpusTimelineScreen)
    return screen


async def test_documents_interleave_and_enter_opens_the_reader(corpus: Path) -> None:
    target = load_target(str(corpus))
    assert target.is_folder and not target.failed and len(target.loaded) == 2
    assert target.diagnostics == []
    app = CorpusTimelineApp(target.loaded)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = corpus_screen(app)
        sources = {screen.document_of(h.event).info.id for h in screen.happenings}
        assert sources == {"idf-morocco-2022-03-25", "small"}
        view = screen.view
        lines = [view.render_line(y).text for y in range(view.size.height)]
        assert "idf-morocco-2022-03-25: The drone deal" in lines[3]
        assert any("small: " in line for line in lines)
        assert "now" not in lines[0]
        await pilot.press("j", "enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, CorpusReaderScreen)
        assert reader.document.info.id == "idf-morocco-2022-03-25"
        assert reader.selected_event == "heron-delivery"
        await pilot.press("T")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("plus", "plus", "minus", "0")
        await pilot.pause()
        assert view.zoom == 0


async def test_one_entitys_events(corpus: Path) -> None:
    app = CorpusTimelineApp(load_target(str(corpus)).loaded, entity="yair lapid")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = corpus_screen(app)
        assert [h.id for h in screen.happenings] == [
            "lapid-visit",
            "mission-inauguration",
            "lapid-bourita-meeting",
            "herzog-invitation",
        ]


def test_interactive_needs_a_terminal(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "-i", str(corpus)]) == 2
    assert "needs a terminal" in capsys.readouterr().err
