"""The reader on a bare text (no annotation file yet), alone and from the library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from tests.support.corpora import make_corpus
from tests.support.pilot import library_indexed, reader, reader_filled, wait_until
from tui.app.library_app import make_library_app
from tui.app.reader_app import make_app
from tui.app.screens.corpus_reader import CorpusReaderScreen
from tui.app.widgets.details import Details

SIZE = (120, 36)
NEWS = "Casablanca port\n\nMay 3, 2013\n\nThe minister met a zebra keeper in Casablanca.\n"


def last_notice(app: Any) -> str:
    notifications = list(app._notifications)
    assert notifications, "no notification was shown"
    return str(notifications[-1].message)


def header_of(app: Any) -> str:
    return str(reader(app).query_one("#header", Static).render())


@pytest.fixture
def news(tmp_path: Path) -> Path:
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    return path


async def test_a_bare_text_opens_in_the_reader_marked_not_annotated(news: Path) -> None:
    app = make_app(str(news))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_filled(pilot)
        assert app.title == "news.txt (not annotated)"
        header = header_of(app)
        assert header.startswith("news.txt  ·  not annotated  ·  2013-05-03")
        assert screen.document.text == NEWS
        assert screen.new_annotation is not None
        assert screen.new_annotation.yaml_path == str(news.with_suffix(".yaml"))
        assert app.new_annotation == screen.new_annotation
        assert "Not annotated yet" in screen.query_one(Details).facts_text
        assert not screen.show_entities and not screen.show_events  # the text has the room
        await pilot.press("n")  # nothing to step through: said, no failure
        await pilot.pause()
        assert app.is_running


async def test_v_says_there_is_no_annotation_file_yet(news: Path) -> None:
    app = make_app(str(news))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert last_notice(app) == (
            f"No annotation file yet: {news.with_suffix('.yaml')} is written when this "
            "text's annotations are first saved"
        )
        assert not news.with_suffix(".yaml").exists()


async def test_a_changed_text_is_reloaded(news: Path) -> None:
    app = make_app(str(news))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        news.write_text(NEWS.replace("zebra", "giraffe"), encoding="utf-8")
        # The files are looked at every second: wait for the reload, not for a second.
        await wait_until(pilot, lambda: "giraffe" in reader(app).document.text, "the reload")
        await reader_filled(pilot)
        assert reader(app).new_annotation is not None
        assert "not annotated" in header_of(app)


async def test_when_its_annotation_file_appears_the_reader_reads_it(news: Path) -> None:
    """Saved (or written by someone else), article.yaml is what is read from then on."""
    app = make_app(str(news))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        news.with_suffix(".yaml").write_text(
            "gloss: 1\ndocument:\n  id: news\n  title: The port\n  text: news.txt\n"
            "entities:\n  - {id: c, type: GPE, name: Casablanca, mentions: [Casablanca port]}\n",
            encoding="utf-8",
        )
        await wait_until(pilot, lambda: bool(reader(app).document.entities), "the reload")
        screen = await reader_filled(pilot)
        assert app.source_path == str(news.with_suffix(".yaml"))
        assert app.new_annotation is None and screen.new_annotation is None
        assert screen.source_path == str(news.with_suffix(".yaml"))  # v edits it now
        assert app.title == "The port"
        assert "not annotated" not in header_of(app)


async def test_the_library_lists_a_bare_text_and_opens_it(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    (corpus / "news.txt").write_text(NEWS, encoding="utf-8")
    app = make_library_app([str(corpus)])
    async with app.run_test(size=SIZE) as pilot:
        library = await library_indexed(pilot)
        rows = library.row_list.rows
        assert len(rows) == 15  # the corpus's 14 articles and the bare text
        bare = [row for row in rows if row.kind == "bare"]
        assert [row.relative for row in bare] == ["news.txt"]
        header = str(library.query_one("#library-header", Static).render())
        assert "15 articles  ·  1 not annotated" in header
        # The filter finds it by its mark.
        await pilot.press("f", *"not annotated")
        assert [row.relative for row in library.row_list.rows] == ["news.txt"]
        await pilot.press("enter", "enter")
        screen = await reader_filled(pilot)
        assert isinstance(screen, CorpusReaderScreen)
        assert screen.document.text == NEWS
        assert screen.new_annotation is not None
        assert screen.new_annotation.yaml_path == str(corpus / "news.yaml")
        assert header_of(app).startswith("news.txt  ·  not annotated")
        await pilot.press("v")
        await pilot.pause()
        assert last_notice(app).startswith("No annotation file yet:")
