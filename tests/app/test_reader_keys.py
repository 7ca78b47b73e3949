"""Every key of the reader, driven through Textual's Pilot as a user would press them."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual.command import CommandPalette
from textual.content import Content
from textual.style import Style as ContentStyle
from textual.widgets import Input

from tests.support.corpora import SMALL_TEXT
from tests.support.pilot import palette_matches, reader, reader_filled, wait_until
from tui.app.bindings import PALETTE, binding_rows
from tui.app.reader_app import GlossApp, make_app
from tui.app.screens.help import HelpScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.type_filter import TypeFilterScreen
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.details import DetailLinks, Details
from tui.app.widgets.entity_list import EntityList
from tui.app.widgets.event_list import EventList
from tui.core.document.model import Span

SIZE = (120, 36)


def span_of(word: str, occurrence: int = 1) -> Span:
    start = -1
    for _ in range(occurrence):
        start = SMALL_TEXT.index(word, start + 1)
    return Span(start, start + len(word))


def last_notification(app: GlossApp) -> str:
    notifications = list(app._notifications)
    assert notifications, "no notification was shown"
    return str(notifications[-1].message)


async def test_focus_starts_on_the_article_and_tab_cycles_panes(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        assert isinstance(small_app.focused, ArticleView)
        await pilot.press("shift+tab")
        assert isinstance(small_app.focused, EntityList)
        await pilot.press("tab")
        assert isinstance(small_app.focused, ArticleView)
        await pilot.press("tab")
        assert isinstance(small_app.focused, EventList)
        await pilot.press("shift+tab")
        assert isinstance(small_app.focused, ArticleView)


async def test_moving_in_the_entity_list_selects_and_shows_details(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        assert screen.selected_entity is None
        await pilot.press("shift+tab", "down")
        assert screen.selected_entity == "bob"
        assert screen.article.highlight.selected_entity == "bob"
        details = screen.query_one(Details)
        assert "Works for Acme" in details.facts_text
        assert "2 mentions" in details.facts_text
        await pilot.press(
            "j", "j"
        )  # Carol, then the ORG heading is skipped by the tree? no: heading
        await pilot.press("k")
        assert screen.selected_entity == "carol"


async def test_enter_on_an_entity_jumps_to_its_first_mention(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("shift+tab", "enter")
        assert screen.selected_entity == "alice"
        assert screen.current_mention is not None
        assert screen.current_mention.span == span_of("Alice")
        assert screen.article.highlight.current_mention == span_of("Alice")
        assert screen.article.highlight.flash == span_of("Alice")
        assert "mention 1 of 2" in screen.query_one(Details).facts_text


async def test_n_and_shift_n_step_through_mentions_and_wrap(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("n")  # works from the entity under the cursor
        assert screen.current_mention is not None and screen.current_mention.index == 0
        await pilot.press("n")
        assert screen.current_mention.span == span_of("Alice", 2)
        assert "mention 2 of 2" in last_notification(small_app)
        await pilot.press("n")
        assert screen.current_mention.span == span_of("Alice", 1)  # wrapped
        await pilot.press("N")
        assert screen.current_mention.span == span_of("Alice", 2)  # wrapped back


async def test_square_brackets_visit_every_annotated_mention_and_sync_the_sidebar(
    small_app: GlossApp,
) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        entity_list = screen.query_one(EntityList)
        await pilot.press("right_square_bracket")
        assert screen.current_mention is not None
        assert screen.current_mention.span == span_of("Alice")
        await pilot.press("right_square_bracket")
        assert screen.current_mention.span == span_of("Bob")
        assert screen.selected_entity == "bob"
        assert entity_list.cursor_node is not None and entity_list.cursor_node.data == "bob"
        await pilot.press("right_square_bracket")
        assert screen.current_mention.span == span_of("Paris")
        assert entity_list.cursor_node.data == "paris"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.current_mention.span == span_of("Alice")
        await pilot.press("left_square_bracket")  # wraps to the last mention in the text
        assert screen.current_mention.span == span_of("Carol")


async def test_e_and_shift_e_step_through_event_passages(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        document = small_app.document
        await pilot.press("e")
        assert screen.selected_event == "meeting"
        meeting = document.event_by_id["meeting"]
        highlight = screen.article.highlight
        assert highlight.passage == meeting.passage
        assert highlight.trigger == span_of("met")
        assert highlight.argument_entities == {"alice", "bob", "paris"}
        assert SMALL_TEXT[meeting.passage.start : meeting.passage.end] == (
            "Alice met Bob in Paris."
        )
        await pilot.press("e")
        assert screen.selected_event == "visit"
        await pilot.press("e")
        assert screen.selected_event == "meeting"  # wraps
        await pilot.press("E")
        assert screen.selected_event == "visit"
        assert "Event 2 of 2" in last_notification(small_app)


async def test_enter_on_an_event_jumps_to_its_passage(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("tab")
        assert isinstance(small_app.focused, EventList)
        await pilot.press("down", "enter")
        assert screen.selected_event == "visit"
        visit = small_app.document.event_by_id["visit"]
        assert screen.article.highlight.flash == visit.passage
        facts = screen.query_one(Details).facts_text
        assert "2022-03-01" in facts and "Movement.Transport-Person" in facts


async def test_o_orders_events_by_date(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        events = reader(small_app).query_one(EventList)
        assert events.event_ids == ["meeting", "visit"]
        await pilot.press("tab", "o")
        assert events.by_date
        assert events.event_ids == ["visit", "meeting"]  # 03-01 before 03-20
        await pilot.press("o")
        assert events.event_ids == ["meeting", "visit"]


async def test_slash_filters_entities_and_finds_text(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        entity_list = screen.query_one(EntityList)
        await pilot.press("slash")
        assert isinstance(small_app.focused, Input)
        await pilot.press(*"acm")
        assert entity_list.visible_entities == ["acme"]
        await pilot.press("enter")
        first, second = span_of("Acme", 1), span_of("Acme", 2)
        assert screen.article.highlight.search_match == Span(first.start, first.start + 3)
        await pilot.press("enter")
        assert screen.article.highlight.search_match == Span(second.start, second.start + 3)
        assert "Match 2 of 2" in last_notification(small_app)
        await pilot.press("escape")
        assert entity_list.visible_entities == ["alice", "bob", "carol", "acme", "paris"]
        assert screen.article.highlight.search_match is None


async def test_t_filters_the_entity_list_by_type(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("t")
        assert isinstance(small_app.screen, TypeFilterScreen)
        await pilot.press("down", "down", "enter")  # All types, PER, ORG
        await pilot.pause()
        entity_list = screen.query_one(EntityList)
        assert entity_list.filter_types == frozenset({"ORG"})
        assert entity_list.visible_entities == ["acme"]
        await pilot.press("t", "enter")  # All types again
        await pilot.pause()
        assert entity_list.filter_types is None
        assert len(entity_list.visible_entities) == 5


async def test_escape_clears_selection_and_filters(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("enter", "e")
        assert screen.selected_event == "meeting"
        await pilot.press("escape")
        assert screen.selected_entity is None and screen.selected_event is None
        assert screen.article.highlight.passage is None
        assert screen.article.highlight.current_mention is None


async def test_paging_and_scrolling_keys_move_the_article(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(80, 24)) as pilot:
        await reader_filled(pilot)
        article = reader(bundled_app).article
        await pilot.press("space")
        paged = article.scroll_offset.y
        assert paged > 0
        await pilot.press("b")
        assert article.scroll_offset.y == 0
        await pilot.press("G")
        assert article.scroll_offset.y == article.max_scroll_y > paged
        await pilot.press("g")
        assert article.scroll_offset.y == 0
        assert small_focus_is(bundled_app, ArticleView)
        await pilot.press("j", "j", "down")
        assert article.scroll_offset.y == 3
        await pilot.press("k", "up")
        assert article.scroll_offset.y == 1


def small_focus_is(app: GlossApp, kind: type) -> bool:
    return isinstance(app.focused, kind)


async def test_question_mark_shows_help_built_from_the_bindings(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.press("question_mark")
        assert isinstance(small_app.screen, HelpScreen)
        described = {description for _, _, description in binding_rows()}
        for expected in (
            "Next mention",
            "Prev mention",
            "Next annotated",
            "Next event",
            "Search",
            "Type filter",
            "Page down",
            "Top",
            "Bottom",
            "Quit",
        ):
            assert expected in described
        keys = {keys for _, keys, _ in binding_rows()}
        assert {"n", "N", "]", "[", "e", "E", "/", "t", "?", "q"} <= {
            k for group in keys for k in group.split(" / ")
        }
        await pilot.press("escape")
        assert isinstance(small_app.screen, ReaderScreen)


async def test_command_palette_offers_every_reader_action(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        titles = {command.title for command in small_app.get_system_commands(small_app.screen)}
        assert {entry.title for entry in PALETTE} <= titles
        for entry in PALETTE:
            assert hasattr(ReaderScreen, f"action_{entry.action.split('(')[0]}")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(small_app.screen, CommandPalette)
        palette = small_app.screen
        await pilot.press(*"Next event")
        # The palette searches in the background: wait for its first match.
        await wait_until(
            pilot, lambda: palette_matches(palette, "Next event"), "the palette's match"
        )
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: reader(small_app).selected_event == "meeting", "the command to run"
        )
        assert reader(small_app).selected_event == "meeting"


async def test_clicking_a_mention_selects_its_entity(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        article = screen.article
        target = span_of("Paris", 2).start
        cell = next(
            (x, y)
            for y in range(article.size.height)
            for x in range(article.scrollable_content_region.width)
            if article.offset_at(x, y) == target
        )
        left_padding = article.styles.padding.left
        await pilot.click(ArticleView, offset=(cell[0] + left_padding, cell[1]))
        assert screen.selected_entity == "paris"
        assert screen.current_mention is not None
        assert screen.current_mention.span == span_of("Paris", 2)
        entity_list = screen.query_one(EntityList)
        assert entity_list.cursor_node is not None and entity_list.cursor_node.data == "paris"


async def test_selecting_in_the_sidebar_scrolls_the_article(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(80, 24)) as pilot:
        await reader_filled(pilot)
        screen = reader(bundled_app)
        document = bundled_app.document
        article = screen.article
        assert article.scroll_offset.y == 0
        # The entity whose first mention comes last in the text is far below the first screen.
        latest = max(document.entities, key=lambda e: e.mentions[0].span.start)
        screen.entity_list.focus()
        screen.query_one(EntityList).show_entity(latest.id)
        await pilot.pause()
        await pilot.pause()  # the details panel grows, then the article keeps it in view
        assert screen.selected_entity == latest.id
        assert article.scroll_offset.y > 0
        assert article.span_is_visible(latest.mentions[0].span)


async def test_details_rows_lead_to_the_entities_of_an_event(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("e")
        links = screen.query_one(DetailLinks)
        links.focus()
        await pilot.press("down", "enter")  # the second argument: Bob
        assert screen.selected_entity == "bob"
        assert screen.current_mention is not None
        assert screen.current_mention.span == span_of("Bob")


async def test_narrow_terminals_hide_sidebars_behind_keys(small_app: GlossApp) -> None:
    async with small_app.run_test(size=(60, 20)) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        assert not screen.show_entities and not screen.show_events
        assert screen.article.size.width >= 40
        await pilot.press("less_than_sign")
        assert screen.show_entities
        await pilot.press("greater_than_sign")
        assert screen.show_events
        await pilot.press("greater_than_sign", "less_than_sign")
        assert not screen.show_entities and not screen.show_events


async def test_q_quits(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not small_app.is_running
    assert small_app.return_code == 0


async def test_warnings_are_counted_and_listed(tmp_path: Path, small_path: Path) -> None:
    text = small_path.read_text(encoding="utf-8")
    text = text.replace(
        "entities:\n  - id: alice",
        "types:\n  entities:\n    TOOL: {label: Tool}\nentities:\n  - id: alice",
        1,
    )
    small_path.write_text(text, encoding="utf-8")
    app = make_app(str(small_path))
    assert len(app.diagnostics) == 1
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        header = str(app.screen.query_one("#header").render())
        assert "1 warning (p lists them)" in header
        await pilot.press("p")
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_an_entity_in_two_roles_gets_two_detail_rows(small_path: Path) -> None:
    text = small_path.read_text(encoding="utf-8")
    text = text.replace(
        "      - {role: Place, entity: paris}\n",
        "      - {role: Place, entity: paris}\n      - {role: Host, entity: alice}\n",
    )
    text = text.replace(
        "relations:\n",
        "relations:\n"
        "  - {type: knows, from: alice, to: bob}\n"
        "  - {type: met, from: alice, to: bob}\n",
    )
    small_path.write_text(text, encoding="utf-8")
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(app)
        await pilot.press(
            "shift+tab", "enter"
        )  # Alice: Entity and Host in the meeting, two relations to Bob
        links = screen.query_one(DetailLinks)
        assert links.option_count == 5
        await pilot.press("e")
        assert links.option_count == 4  # Alice, Bob, Paris, Alice again
        links.focus()
        await pilot.press("end", "enter")
        assert screen.selected_entity == "alice"


async def test_stepping_mentions_keeps_the_detail_rows_and_their_cursor(
    small_app: GlossApp,
) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("shift+tab", "enter")  # Alice: two events
        links = screen.query_one(DetailLinks)
        links.highlighted = 1
        before = [links.get_option_at_index(i).id for i in range(links.option_count)]
        await pilot.press("n")
        details = screen.query_one(Details)
        assert "mention 2 of 2" in details.facts_text
        assert [links.get_option_at_index(i).id for i in range(links.option_count)] == before
        assert links.highlighted == 1
        await pilot.press("down")  # another entity: its own rows
        assert screen.selected_entity == "bob"
        after = [links.get_option_at_index(i).id for i in range(links.option_count)]
        assert after == ["0:event:meeting", "1:entity:acme"]


async def test_article_sidebar_and_legend_colour_each_type_alike(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(160, 50)) as pilot:
        await reader_filled(pilot)
        screen = reader(bundled_app)
        article_colours = {
            code: str(style.color.get_truecolor().hex).lower()
            for code, style in screen.article.palette.types.items()
            if style.color is not None
        }
        # The bundled article declares AGR and uses no FAC: the order must not shift.
        assert list(article_colours) == ["PER", "ORG", "GPE", "LOC", "WEA", "VEH", "MONEY", "AGR"]
        legend = screen.query_one("#legend").render()
        assert isinstance(legend, Content)
        legend_colours = {}
        for span in legend.spans:
            code = legend.plain[span.start : span.end].strip()
            if code in article_colours and isinstance(span.style, ContentStyle):
                assert span.style.foreground is not None
                legend_colours[code] = span.style.foreground.hex.lower()
        assert legend_colours == article_colours
        entity_list = screen.query_one(EntityList)
        for group in entity_list.root.children:
            label = group.label
            assert isinstance(label, Text)
            code = label.plain.split()[0]
            colour = Style.parse(str(label.spans[0].style)).color
            assert colour is not None
            assert str(colour.get_truecolor().hex).lower() == article_colours[code]


async def test_n_before_the_list_has_placed_its_cursor_steps_the_first_entity(
    small_app: GlossApp,
) -> None:
    """The text is on screen before the entity list places its cursor: a quick `n` then
    still steps through the first entity the list shows, as it would a moment later."""
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        heading = screen.entity_list.root.children[0]  # where Textual leaves a new cursor
        screen.entity_list.move_cursor(heading)
        await pilot.pause()
        assert screen.entity_list.cursor_node is heading and heading.data is None
        assert screen.selected_entity is None
        await pilot.press("n")
        await pilot.pause()
        first = screen.entity_list.visible_entities[0]
        assert screen.selected_entity == first
        assert screen.current_mention == screen.document.entity_by_id[first].mentions[0]
