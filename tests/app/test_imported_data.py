"""Reading data as importers write it: no coreference, generic summaries, no dates, no events."""

from __future__ import annotations

from pathlib import Path

from tests.support.pilot import reader, reader_filled
from tui.app.reader_app import make_app
from tui.app.widgets.event_list import EventList
from tui.core.reading.eventrows import row_words, summary_is_generic

TEXT = "LMP1 upregulates IL10. IL10 binds IL10R. Later IL10 was found.\n"

YAML = """\
gloss: 1
document: {id: ge, text: ge.txt}
types:
  entities: {PROTEIN: {label: Protein}}
  events: {Bio.Positive-regulation: {label: Positive_regulation}, Bio.Binding: {label: Binding}}
entities:
  - {id: T1, type: PROTEIN, name: LMP1, mentions: [{start: 0, end: 4}]}
  - {id: T2, type: PROTEIN, name: IL10, mentions: [{start: 17, end: 21}]}
  - {id: T3, type: PROTEIN, name: IL10, mentions: [{start: 23, end: 27}]}
  - {id: T4, type: PROTEIN, name: IL10R, mentions: [{start: 34, end: 39}]}
  - {id: T5, type: PROTEIN, name: IL10, mentions: [{start: 47, end: 51}]}
events:
  - id: E1
    type: Bio.Positive-regulation
    summary: 'Positive_regulation: upregulates'
    trigger: {start: 5, end: 16}
    arguments: [{role: Theme, entity: T2}, {role: Cause, entity: T1}]
  - id: E2
    type: Bio.Binding
    summary: 'Binding: binds'
    trigger: {start: 28, end: 33}
    arguments: [{role: Theme, entity: T3}, {role: Theme2, entity: T4}]
"""


def write(tmp_path: Path, yaml_text: str) -> Path:
    (tmp_path / "ge.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "ge.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    return path


async def test_same_type_same_name_entities_share_one_row(tmp_path: Path) -> None:
    app = make_app(str(write(tmp_path, YAML)))
    async with app.run_test(size=(140, 36)) as pilot:
        await reader_filled(pilot)
        screen = reader(app)
        tree = screen.entity_list
        protein = tree.root.children[0]
        rows = [str(node.label) for node in protein.children]
        assert rows[0].startswith("IL10 3 ×3 by name"), rows
        assert len(rows) == 3  # IL10 (grouped), LMP1, IL10R
        assert not protein.children[0].is_expanded
        screen.entity_list.focus()
        tree.show_entity("T5")
        await pilot.pause()
        assert protein.children[0].is_expanded
        assert tree.cursor_node is not None and tree.cursor_node.data == "T5"


async def test_event_rows_read_trigger_and_arguments_without_a_date_column(
    tmp_path: Path,
) -> None:
    app = make_app(str(write(tmp_path, YAML)))
    document = app.document
    assert document is not None
    assert summary_is_generic(document, document.events[0])
    assert row_words(document, document.events[0]) == ("upregulates", "Theme IL10, Cause LMP1")
    async with app.run_test(size=(140, 36)) as pilot:
        await reader_filled(pilot)
        events = reader(app).query_one(EventList)
        first = str(events.get_option_at_index(0).prompt)
        assert first == "upregulates Theme IL10, Cause LMP1"
        assert "?" not in first


async def test_a_document_without_events_gives_the_width_to_the_article(tmp_path: Path) -> None:
    no_events = YAML.split("events:\n")[0].replace(
        "  events: {Bio.Positive-regulation: {label: Positive_regulation}, "
        "Bio.Binding: {label: Binding}}\n",
        "",
    )
    app = make_app(str(write(tmp_path, no_events)))
    async with app.run_test(size=(140, 36)) as pilot:
        await reader_filled(pilot)
        screen = reader(app)
        assert not screen.show_events
        await pilot.press("greater_than_sign")
        await pilot.pause()
        events = screen.query_one(EventList)
        assert "No events" in str(screen.query_one("#event-pane").border_title)
        assert events.event_ids == []
        await pilot.press("e")
        assert screen.selected_event is None
