"""The reader on the structures real corpora use: a mention of several fragments,
attributes with their glyph, an event argument that is an event and a relation whose
end is an event."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.support.pilot import reader, reader_filled
from tui.app.reader_app import GlossApp, make_app
from tui.app.screens.reader import ReaderScreen
from tui.app.widgets.details import DetailLinks
from tui.app.widgets.event_list import EventList

SIZE = (120, 36)

TEXT = "The yogurt is then slowly heated. Smoking did not cause it, said Dr Lee.\n"
YAML = """\
gloss: 1
document: {id: yogurt, text: yogurt.txt}
types:
  entities:
    FOOD: {label: Food}
  events:
    Other.Cause: {label: Cause}
    Other.Say: {label: Say}
entities:
  - id: heated-yogurt
    type: FOOD
    name: heated yogurt
    attributes: {Certainty: High}
    mentions:
      - {parts: [yogurt, heated], attributes: {Heated: true}}
      - {quote: it, suffix: ", said"}
  - {id: lee, type: PER, name: Dr Lee, mentions: [Dr Lee]}
  - {id: smoking, type: FAC, name: Smoking, mentions: [Smoking]}
events:
  - id: cause
    type: Other.Cause
    summary: smoking causes it
    trigger: cause
    arguments: [{role: Theme, entity: smoking}]
    attributes: {Negation: true}
  - id: say
    type: Other.Say
    summary: Dr Lee says so
    trigger: said
    arguments: [{role: Speaker, entity: lee}, {role: Topic, event: cause}]
    attributes: {Factuality: Possible}
relations:
  - {type: reported-by, from_event: cause, to: lee, note: said twice}
"""


@pytest.fixture
def app(tmp_path: Path) -> GlossApp:
    (tmp_path / "yogurt.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "yogurt.yaml").write_text(YAML, encoding="utf-8")
    return make_app(str(tmp_path / "yogurt.yaml"))


def facts(screen: ReaderScreen) -> str:
    return str(screen.query_one("#details-facts", Static).render())


def rows(screen: ReaderScreen) -> list[str]:
    links = screen.query_one(DetailLinks)
    return [str(links.get_option_at_index(i).prompt) for i in range(links.option_count)]


async def test_n_stops_once_on_a_mention_of_several_fragments(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(app)
        screen.select_entity("heated-yogurt", mention_index=None, jump=False)
        await pilot.pause()
        await pilot.press("n")
        mention = screen.current_mention
        assert mention is not None and len(mention.parts) == 2
        assert [TEXT[p.start : p.end] for p in mention.parts] == ["yogurt", "heated"]
        assert "Heated" in facts(screen)  # the mention's own attribute
        assert "Certainty: High" in facts(screen)
        await pilot.press("n")
        assert screen.current_mention is not None
        assert TEXT[screen.current_mention.span.start : screen.current_mention.span.end] == "it"
        await pilot.press("n")
        assert screen.current_mention == mention  # two mentions, not three


async def test_event_details_show_attributes_glyph_event_arguments_and_relations(
    app: GlossApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(app)
        await pilot.press("e")
        assert screen.selected_event == "cause"
        shown = facts(screen)
        assert "trigger: cause ¬" in shown
        assert "Negation" in shown
        assert rows(screen) == [
            "Theme: Smoking",
            "Topic in Dr Lee says so",
            "reported-by → Dr Lee  (said twice)",
        ]
        await pilot.press("e")
        assert screen.selected_event == "say"
        assert "trigger: said ?" in facts(screen)
        assert "Factuality: Possible" in facts(screen)
        assert rows(screen) == ["Speaker: Dr Lee", "Topic: smoking causes it"]
        links = screen.query_one(DetailLinks)
        links.focus()
        await pilot.press("down", "enter")  # the event argument leads to its event
        assert screen.selected_event == "cause"


async def test_the_event_list_shows_the_glyph_after_the_summary(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        events = reader(app).query_one(EventList)
        prompts = [str(events.get_option_at_index(i).prompt) for i in range(events.option_count)]
        assert prompts[0].endswith("smoking causes it ¬")
        assert prompts[1].endswith("Dr Lee says so ?")


async def test_an_entity_lists_its_relation_to_an_event(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(app)
        screen.select_entity("lee", mention_index=None, jump=False)
        await pilot.pause()
        assert "← reported-by smoking causes it  (said twice)" in rows(screen)
        links = screen.query_one(DetailLinks)
        links.focus()
        index = rows(screen).index("← reported-by smoking causes it  (said twice)")
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        assert screen.selected_event == "cause"
