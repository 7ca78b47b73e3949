"""Annotate mode in the reader: selecting words, making and correcting annotations, undo,
saving back into the file, and the questions asked before unsaved edits are lost."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.support.corpora import SMALL_TEXT
from tests.support.pilot import reader, reader_filled, wait_until
from tui.app.reader_app import GlossApp, make_app
from tui.app.screens.annotate_dialogs import PickerScreen, PromptScreen, QuestionScreen
from tui.app.screens.occurrences import OccurrencesScreen
from tui.core.document.model import Span
from tui.core.loading.loader import load

SIZE = (120, 36)


def _span_of(word: str, occurrence: int = 1) -> Span:
    start = -1
    for _ in range(occurrence):
        start = SMALL_TEXT.index(word, start + 1)
    return Span(start, start + len(word))


async def _annotating(pilot: Pilot[None]) -> None:
    screen = await reader_filled(pilot)
    await pilot.press("m")
    await wait_until(pilot, lambda: screen.annotating, "annotate mode")


async def _find(pilot: Pilot[None], text: str) -> None:
    app = pilot.app
    await pilot.press("slash")
    await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen), "the find prompt")
    await pilot.press(*text, "enter")
    await wait_until(pilot, lambda: not isinstance(app.screen, PromptScreen), "the find")


async def _pick(pilot: Pilot[None], query: str) -> None:
    """Type ``query`` into the picker on screen and take its highlighted row."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen), "a picker")
    picker = app.screen
    if query:
        await pilot.press(*query)
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.screen is not picker, "the picker to close")


async def test_annotate_mode_shows_a_selection_and_the_status_line(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(small_app)
        assert screen.selection_span == _span_of("Alice")
        assert screen.article.highlight.selection == _span_of("Alice")
        assert screen.has_class("-annotating")
        await pilot.press("right")
        assert screen.selection_span == _span_of("met")
        await pilot.press("shift+right")  # the moving end one word on
        assert screen.selection_span == Span(_span_of("met").start, _span_of("Bob").end)
        await pilot.press("comma")  # one character back
        assert screen.selection_span == Span(_span_of("met").start, _span_of("Bob").end - 1)
        await pilot.press("escape")
        assert not screen.annotating and screen.article.highlight.selection is None


async def test_find_selects_the_next_match_after_the_selection(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        await _find(pilot, "paris")
        assert reader(small_app).selection_span == _span_of("Paris")
        await _find(pilot, "paris")
        assert reader(small_app).selection_span == _span_of("Paris", 2)


async def test_a_new_entity_from_the_selection_is_made_undone_redone_and_saved(
    small_path: Path, small_app: GlossApp
) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        await _find(pilot, "Later")
        await pilot.press("e")
        await _pick(pilot, "LOC")
        screen = reader(small_app)
        made = [e for e in screen.document.entities if e.name == "Later"]
        assert len(made) == 1 and made[0].type == "LOC"
        assert screen.selected_entity == made[0].id
        assert screen.session is not None and screen.session.dirty
        assert any(e.name == "Later" for e in screen.entity_list.document.entities)
        await pilot.press("u")
        assert not any(e.name == "Later" for e in screen.document.entities)
        assert not screen.session.dirty
        await pilot.press("ctrl+r")
        assert any(e.name == "Later" for e in screen.document.entities)
        before = small_path.read_text(encoding="utf-8")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.session.dirty, "the save")  # type: ignore[union-attr]
    saved = small_path.read_text(encoding="utf-8")
    assert saved.startswith(before.split("events:")[0].rstrip("\n").rsplit("\n", 0)[0][:40])
    reloaded = load(str(small_path)).document
    assert reloaded is not None
    assert [(e.name, e.type) for e in reloaded.entities if e.name == "Later"] == [("Later", "LOC")]


async def test_a_mention_is_added_to_the_selected_entity(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(small_app)
        screen.select_entity("carol", mention_index=0, jump=False)
        await _find(pilot, "there")
        await pilot.press("a")
        await wait_until(
            pilot,
            lambda: len(screen.document.entity_by_id["carol"].mentions) == 2,
            "the new mention",
        )
        spans = [m.span for m in screen.document.entity_by_id["carol"].mentions]
        assert _span_of("there") in spans


async def test_delete_retype_and_rename(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(small_app)
        await _find(pilot, "Carol")
        await pilot.press("x")  # Carol's only mention: the entity goes
        await wait_until(pilot, lambda: "carol" not in screen.document.entity_by_id, "delete")
        await pilot.press("u")
        assert "carol" in screen.document.entity_by_id
        screen.select_entity("bob", mention_index=0, jump=False)
        await pilot.press("R")
        await _pick(pilot, "ORG")
        assert screen.document.entity_by_id["bob"].type == "ORG"
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(small_app.screen, PromptScreen), "rename")
        await pilot.press("ctrl+u", *"Robert", "enter")
        await wait_until(
            pilot, lambda: screen.document.entity_by_id["bob"].name == "Robert", "the new name"
        )


async def test_every_occurrence_offers_each_and_adds_the_taken(tmp_path: Path) -> None:
    text = "Alice met Bob. Bob and Alice left. Bob stayed.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "a.yaml"
    path.write_text(
        "gloss: 1\ndocument:\n  id: a\n  text: a.txt\nentities:\n"
        "  - id: bob\n    type: PER\n    name: Bob\n    mentions: [{quote: Bob, occurrence: 1}]\n",
        encoding="utf-8",
    )
    app = make_app(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(app)
        screen.select_entity("bob", mention_index=0, jump=False)
        await pilot.press("asterisk")
        await wait_until(pilot, lambda: isinstance(app.screen, OccurrencesScreen), "the offer")
        offer = app.screen
        assert isinstance(offer, OccurrencesScreen) and len(offer.spans) == 2
        await pilot.press("y", "n", "enter")
        await wait_until(
            pilot, lambda: len(screen.document.entity_by_id["bob"].mentions) == 2, "one taken"
        )
        await pilot.press("u")  # the whole offer is one step
        assert len(screen.document.entity_by_id["bob"].mentions) == 1


async def test_a_new_event_gets_an_argument_and_a_date(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(small_app)
        await _find(pilot, "works")
        await pilot.press("E")
        await _pick(pilot, "Start-Position")
        made = [e for e in screen.document.events if e.trigger == _span_of("works")]
        assert len(made) == 1 and made[0].type == "Personnel.Start-Position"
        assert screen.selected_event == made[0].id
        await pilot.press("plus")
        await _pick(pilot, "Employee")
        await _pick(pilot, "Bob")
        event = screen.document.event_by_id[made[0].id]
        assert [(a.role, a.entity_id) for a in event.arguments] == [("Employee", "bob")]
        # Dated by words of its sentence: the value is proposed, enter takes it.
        await _find(pilot, "Later")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(small_app.screen, PromptScreen), "the date")
        await pilot.press("ctrl+u", *"2022-03", "enter")
        await wait_until(
            pilot,
            lambda: screen.document.event_by_id[made[0].id].date is not None,
            "the date to be set",
        )
        date = screen.document.event_by_id[made[0].id].date
        assert date is not None and date.value.text == "2022-03" and date.text == "Later"


async def test_quitting_with_unsaved_edits_asks(small_path: Path, small_app: GlossApp) -> None:
    before = small_path.read_text(encoding="utf-8")
    async with small_app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(small_app)
        screen.select_entity("bob", mention_index=0, jump=False)
        await pilot.press("R")
        await _pick(pilot, "ORG")
        await pilot.press("escape", "q")
        await wait_until(pilot, lambda: isinstance(small_app.screen, QuestionScreen), "a question")
        await pilot.press("escape")  # stay
        assert isinstance(small_app.screen, type(screen))
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(small_app.screen, QuestionScreen), "a question")
        await pilot.press("d")
        await wait_until(
            pilot, lambda: small_app.return_code is not None or not small_app.is_running, "quit"
        )
    assert small_path.read_text(encoding="utf-8") == before


async def test_a_journal_left_by_a_killed_session_is_offered_back(
    small_path: Path,
) -> None:
    first = make_app(str(small_path))
    async with first.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(first)
        screen.select_entity("bob", mention_index=0, jump=False)
        await pilot.press("R")
        await _pick(pilot, "ORG")
        # The app is taken down without saving or being asked, as a kill would: the
        # journal's file is closed (a killed process holds no lock), nothing is saved.
        session = screen.session
        assert session is not None and session.journal is not None
        await wait_until(pilot, lambda: not session.journal_waiting, "the journal write")
        session.journal.close()
        screen.session = None
    second = make_app(str(small_path))
    async with second.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(second.screen, QuestionScreen), "the offer")
        await pilot.press("r")
        await wait_until(
            pilot,
            lambda: reader(second).document.entity_by_id["bob"].type == "ORG",
            "the restored edit",
        )
        assert reader(second).session is not None and reader(second).session.dirty  # type: ignore[union-attr]


async def test_a_bare_text_is_annotated_and_its_file_written_on_save(tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("Ada Lovelace wrote to Babbage in London.\n", encoding="utf-8")
    app = make_app(str(text))
    async with app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(app)
        await pilot.press("shift+right")  # Ada Lovelace
        await pilot.press("e")
        await _pick(pilot, "PER")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: (tmp_path / "note.yaml").exists(), "the new file")
        assert screen.session is not None and not screen.session.dirty
    document = load(str(tmp_path / "note.yaml")).document
    assert document is not None
    assert [(e.name, e.type) for e in document.entities] == [("Ada Lovelace", "PER")]


async def test_merge_split_fragment_and_adjust(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(small_app)
        # Merge Carol into Alice: her mention moves over, she is gone.
        screen.select_entity("alice", mention_index=0, jump=False)
        await pilot.press("M")
        await _pick(pilot, "Carol")
        assert "carol" not in screen.document.entity_by_id
        alice = screen.document.entity_by_id["alice"]
        assert _span_of("Carol") in {m.span for m in alice.mentions}
        # Split that mention off again into an entity of its own.
        await _find(pilot, "Carol")
        await pilot.press("s")
        await wait_until(
            pilot,
            lambda: (
                _span_of("Carol")
                not in {m.span for m in screen.document.entity_by_id["alice"].mentions}
            ),
            "the split",
        )
        split = [
            e for e in screen.document.entities if _span_of("Carol") in {m.span for m in e.mentions}
        ]
        assert len(split) == 1 and split[0].id != "alice" and split[0].type == "PER"
        # Adjust Acme Corp's first mention to "Acme" alone, then add "Corp" back as a fragment.
        screen.select_entity("acme", mention_index=0, jump=False)
        acme = _span_of("Acme Corp")
        await _find(pilot, "Acme")
        assert screen.selection_span == Span(acme.start, acme.start + 4)
        await pilot.press("A")
        await wait_until(
            pilot,
            lambda: (
                screen.document.entity_by_id["acme"].mentions[0].span
                == Span(acme.start, acme.start + 4)
            ),
            "the adjusted mention",
        )
        await _find(pilot, "Corp")
        await pilot.press("f")
        await wait_until(
            pilot,
            lambda: len(screen.document.entity_by_id["acme"].mentions[0].parts) == 2,
            "the fragment",
        )
        first = screen.document.entity_by_id["acme"].mentions[0]
        assert first.parts == (Span(acme.start, acme.start + 4), Span(acme.end - 4, acme.end))
        for _ in range(4):  # each edit is one step back
            await pilot.press("u")
        session = screen.session
        assert session is not None and not session.dirty
        assert screen.document is session.saved_document


async def test_event_realis_same_as_attribute_and_relations(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(small_app)
        screen.select_event("visit", jump=False)
        await pilot.press("z")
        await _pick(pilot, "planned")
        assert screen.document.event_by_id["visit"].realis == "planned"
        await pilot.press("equals_sign")
        await _pick(pilot, "meets")  # the other event, by its summary
        assert screen.document.event_by_id["visit"].same_as == "meeting"
        await pilot.press("at")
        await wait_until(pilot, lambda: isinstance(small_app.screen, PromptScreen), "the prompt")
        await pilot.press(*"Certainty=Low", "enter")
        await wait_until(
            pilot,
            lambda: ("Certainty", "Low") in screen.document.event_by_id["visit"].attributes,
            "the attribute",
        )
        # A relation from Bob to Acme Corp, of a new type typed in the picker.
        screen.select_entity("bob", mention_index=0, jump=False)
        await pilot.press("w")
        await _pick(pilot, "Acme")
        await _pick(pilot, "works-for")
        before = [r for r in screen.document.relations_of("bob") if r.type != "works-for"]
        made = [r for r in screen.document.relations_of("bob") if r.type == "works-for"]
        assert [(r.from_id, r.to_id) for r in made] == [("bob", "acme")]
        await pilot.press("W")
        await _pick(pilot, "works-for")
        assert screen.document.relations_of("bob") == before


async def test_deleting_an_entity_asks_and_takes_its_arguments(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(small_app)
        used = [
            e for e in screen.document.events if any(a.entity_id == "alice" for a in e.arguments)
        ]
        screen.select_entity("alice", mention_index=0, jump=False)
        await pilot.press("X")
        await wait_until(
            pilot, lambda: isinstance(small_app.screen, QuestionScreen), "the question"
        )
        await pilot.press("escape")  # kept
        assert "alice" in screen.document.entity_by_id
        await pilot.press("X")
        await wait_until(
            pilot, lambda: isinstance(small_app.screen, QuestionScreen), "the question"
        )
        await pilot.press("y")
        await wait_until(pilot, lambda: "alice" not in screen.document.entity_by_id, "the delete")
        for event in used:
            after = screen.document.event_by_id[event.id]
            assert all(a.entity_id != "alice" for a in after.arguments)
        await pilot.press("u")
        assert screen.document.entity_by_id["alice"].mentions


async def test_an_outside_change_with_unsaved_edits_asks_which_to_keep(
    small_path: Path, small_app: GlossApp
) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(small_app)
        screen.select_entity("bob", mention_index=0, jump=False)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(small_app.screen, PromptScreen), "rename")
        await pilot.press("ctrl+u", *"Robert", "enter")
        await wait_until(pilot, lambda: screen.session is not None and screen.session.dirty, "edit")
        text = small_path.read_text(encoding="utf-8")
        small_path.write_text(text.replace("Works for Acme", "Changed outside"), "utf-8")
        await wait_until(
            pilot, lambda: isinstance(small_app.screen, QuestionScreen), "the question"
        )
        await pilot.press("k")  # keep mine
        await wait_until(pilot, lambda: small_app.screen is screen, "back to the reader")
        assert screen.document.entity_by_id["bob"].name == "Robert"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.session.dirty, "the save")  # type: ignore[union-attr]
    saved = load(str(small_path)).document
    assert saved is not None and saved.entity_by_id["bob"].name == "Robert"


async def test_an_article_of_a_library_is_annotated_and_the_index_sees_it(
    tmp_path: Path,
) -> None:
    from tests.support.corpora import small_files
    from tests.support.pilot import library_indexed
    from tui.app.library_app import make_library_app
    from tui.app.screens.corpus_reader import CorpusReaderScreen

    folder = tmp_path / "corpus"
    folder.mkdir()
    small_files(folder)
    app = make_library_app([str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        library = await library_indexed(pilot)
        before = library.row_list.rows[0].mentions
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CorpusReaderScreen), "the reader")
        await _annotating(pilot)
        await _find(pilot, "Later")
        await pilot.press("e")
        await _pick(pilot, "LOC")
        await pilot.press("ctrl+s")
        screen = reader(app)
        await wait_until(pilot, lambda: not screen.session.dirty, "the save")  # type: ignore[union-attr]
        await wait_until(
            pilot,
            lambda: (
                library.report is not None
                and not library.indexing
                and library.all_rows
                and next(iter(library.all_rows.values())).mentions == before + 1
            ),
            "the index to take the new version",
        )
        await pilot.press("escape", "L")  # back to the library: nothing left to ask about
        await wait_until(pilot, lambda: app.screen is library, "the library")


async def test_a_new_type_is_declared_from_the_picker(
    small_path: Path, small_app: GlossApp
) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await _annotating(pilot)
        screen = reader(small_app)
        await _find(pilot, "Later")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(small_app.screen, PickerScreen), "the picker")
        picker = small_app.screen
        assert isinstance(picker, PickerScreen)
        await pilot.press(*"time")
        await wait_until(pilot, lambda: "+TIME" in picker.shown_values, "the offer to declare")
        await _pick(pilot, "")  # TIME matches no type: declaring it is the first row
        made = [e for e in screen.document.entities if e.name == "Later"]
        assert [e.type for e in made] == ["TIME"]
        assert screen.document.entity_types["TIME"].declared
        await pilot.press("u")  # the declaration and the entity are one step
        assert "TIME" not in screen.document.entity_types
        await pilot.press("ctrl+r", "ctrl+s")
        await wait_until(pilot, lambda: not screen.session.dirty, "the save")  # type: ignore[union-attr]
    saved = load(str(small_path)).document
    assert saved is not None and saved.entity_types["TIME"].declared
