"""The entity index, a corpus entity's mentions, tellings, cross-document steps, the jump list."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.support.corpora import write_corpus
from tests.support.pilot import library_indexed, reader_filled, workers_done
from tui.app.library_app import make_library_app
from tui.app.screens.corpus_reader import CorpusReaderScreen
from tui.app.screens.entity_index import (
    EntityIndexScreen,
    EntityMentionsScreen,
    TellingsScreen,
    entity_cells,
)
from tui.app.screens.library import LibraryScreen
from tui.app.screens.reader import ReaderScreen


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


async def ready(pilot: Pilot[None]) -> LibraryScreen:
    return await library_indexed(pilot)


async def settle(pilot: Pilot[None]) -> None:
    """Let every worker end and, when a reader is shown, its panes fill."""
    await workers_done(pilot)
    if isinstance(pilot.app.screen, ReaderScreen):
        await reader_filled(pilot)


def reader(pilot: Pilot[None]) -> CorpusReaderScreen:
    screen = pilot.app.screen
    assert isinstance(screen, CorpusReaderScreen)
    return screen


async def test_entity_index_lists_filters_sorts_and_guesses(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EntityIndexScreen)
        assert [e.name for e in screen.entities][:2] == ["Rabat", "Nadia Laroui"]
        await pilot.press("f", *"laroui")
        await settle(pilot)
        assert [e.name for e in screen.entities] == ["Nadia Laroui"]
        await pilot.press("escape")
        await settle(pilot)
        assert len(screen.entities) == 4
        await pilot.press("s")  # by documents
        await settle(pilot)
        assert screen.sort == "documents"
        await pilot.press("m")
        await settle(pilot)
        assert any(e.guessed for e in screen.entities)
        await pilot.press("v")
        await settle(pilot)
        assert [e.type for e in screen.entities] == ["Movement.Transport"]
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_mentions_by_document_then_the_article_there(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("down", "enter")  # Nadia Laroui
        await settle(pilot)
        mentions = app.screen
        assert isinstance(mentions, EntityMentionsScreen)
        rows = mentions.mention_list.rows
        assert [(r.heading, r.hit.doc_id) for r in rows] == [
            (True, "a-visit"),
            (False, "a-visit"),
            (True, "b-report"),
            (False, "b-report"),
            (False, "b-report"),
        ]
        assert [(e.name, n) for e, n in mentions.together] == [("Rabat", 3)]
        await pilot.press("down", "down", "enter")  # the second b-report line
        await settle(pilot)
        shown = reader(pilot)
        assert shown.document.info.id == "b-report"
        assert shown.trail is not None and shown.trail.hit.start == 10
        # The mention's entity is selected, so the details say where else it is.
        assert (shown.selected_entity, shown.mention_index) == ("nl", 0)
        assert "Also in 1 other article: a-visit" in str(shown.query_one("#corpus-note").render())
        # n goes on through the corpus entity's mentions; ctrl+o comes back.
        await pilot.press("n")
        await settle(pilot)
        assert reader(pilot).mention_index == 1
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert reader(pilot).mention_index == 0
        await pilot.press("ctrl+o")  # nothing further back in the reader: the list
        await settle(pilot)
        assert app.screen is mentions
        assert mentions.mention_list.cursor == 3  # the row left


async def test_details_note_and_stepping_to_the_next_article(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        library = await ready(pilot)
        library.open_article(library.row_list.rows[0].path)
        await settle(pilot)
        first = reader(pilot)
        first.select_entity("rabat", mention_index=0, jump=True)
        await settle(pilot)
        note = first.query_one("#corpus-note")
        assert "Also in 2 other articles: b-report (2022-03-05), c-later" in str(note.render())
        await pilot.press("x")
        await settle(pilot)
        second = reader(pilot)
        assert second.document.info.id == "b-report"
        assert (second.selected_entity, second.mention_index) == ("city", 0)
        await pilot.press("x")
        await settle(pilot)
        assert reader(pilot).document.info.id == "c-later"
        await pilot.press("X")
        await settle(pilot)
        back = reader(pilot)
        assert (back.document.info.id, back.mention_index) == ("b-report", 1)
        # The jump list: back through the articles, then forward again.
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert reader(pilot).document.info.id == "c-later"
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert reader(pilot).document.info.id == "b-report"
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert reader(pilot).document.info.id == "a-visit"
        assert reader(pilot).selected_entity == "rabat"
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert reader(pilot).document.info.id == "b-report"


async def test_event_note_and_tellings(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        library = await ready(pilot)
        library.open_article(library.row_list.rows[0].path)
        await settle(pilot)
        first = reader(pilot)
        first.select_event("ev1", jump=True)
        await settle(pilot)
        note = str(first.query_one("#corpus-note").render())
        assert "Also told in 1 article: b-report (2022-03-05)" in note
        await pilot.press("a")
        await settle(pilot)
        tellings = app.screen
        assert isinstance(tellings, TellingsScreen)
        assert [t.doc_id for t in tellings.told] == ["a-visit", "b-report"]
        await pilot.press("right", "enter")
        await settle(pilot)
        assert reader(pilot).document.info.id == "b-report"


async def test_jumps_within_an_article_and_across_the_library(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        library = await ready(pilot)
        library.open_article(library.row_list.rows[0].path)
        await settle(pilot)
        first = reader(pilot)
        first.select_entity("rabat", mention_index=0, jump=True)
        await pilot.press("n")
        await settle(pilot)
        assert first.mention_index == 1
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert first.mention_index == 0
        # Back to the library, into another article: ctrl+o returns to the first one.
        await pilot.press("L")
        await settle(pilot)
        library.open_article(library.row_list.rows[2].path)
        await settle(pilot)
        assert reader(pilot).document.info.id == "c-later"
        await pilot.press("ctrl+o")
        await settle(pilot)
        again = reader(pilot)
        assert (again.document.info.id, again.selected_entity, again.mention_index) == (
            "a-visit",
            "rabat",
            0,
        )


async def test_reopening_returns_to_the_last_place(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        library = await ready(pilot)
        library.open_article(library.row_list.rows[1].path)
        await settle(pilot)
        reader(pilot).select_entity("nl", mention_index=1, jump=True)
        await pilot.press("L")
        await settle(pilot)
    again = make_library_app([str(corpus)])
    async with again.run_test(size=(120, 30)) as pilot:
        library = await ready(pilot)
        library.open_article(library.row_list.rows[1].path)
        await settle(pilot)
        shown = reader(pilot)
        assert (shown.selected_entity, shown.mention_index) == ("nl", 1)


async def test_hostile_names_are_shown_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    text = "Boss met Boss. The [bold]end[/bold]."
    (folder / "h.txt").write_text(text)
    (folder / "h.yaml").write_text(
        "gloss: 1\ndocument:\n  id: h\n  text: h.txt\n  date: '2022-01-01'\nentities:\n"
        '  - id: x\n    type: PER\n    name: "[red]Boss\\e[31m"\n'
        '    links: {wikidata: "[b]Q1"}\n    mentions: [{start: 0, end: 4}]\n'
    )
    app = make_library_app([str(folder)])
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EntityIndexScreen)
        entity = screen.entities[0]
        assert entity.name == "[red]Boss\x1b[31m"
        name_cell = entity_cells(entity)[1].plain
        assert name_cell.startswith("[red]Boss") and "\x1b" not in name_cell
        await pilot.press("enter")
        await settle(pilot)
        mentions = app.screen
        assert isinstance(mentions, EntityMentionsScreen)
        header = str(mentions.query_one("#mentions-header").render())
        assert "[red]Boss" in header and "\x1b" not in header


async def test_the_entity_index_fetches_more_as_the_cursor_nears_the_end(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.app.screens.entity_index.FIRST_PAGE", 2)
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EntityIndexScreen)
        assert (len(screen.entities), screen.total) == (2, 4)
        assert "2 of 4" in str(screen.query_one("#entity-index-header").render())
        await pilot.press("down")
        await settle(pilot)
        assert len(screen.entities) == 4
        assert screen.entity_list.cursor == 1
