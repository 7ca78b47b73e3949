"""Keys do what help says: from what is on screen, in every list, one notice at a time."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Tree

from tests.support.pilot import palette_matches, reader, reader_filled, wait_until
from tui.app.bindings import binding_rows
from tui.app.reader_app import GlossApp
from tui.app.screens.help import HelpScreen
from tui.app.widgets.event_list import EventList

SIZE = (120, 36)


async def test_brackets_start_from_what_is_on_screen(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(bundled_app)
        await pilot.press("right_square_bracket")
        first = screen.current_mention
        assert first is not None
        await pilot.press("G")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        current = screen.current_mention
        assert current is not None
        # From the bottom of the text, the next mention is one on screen, not the top one.
        assert current.span.start >= screen.article.top_offset()
        assert screen.article.span_is_visible(current.span)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        current = screen.current_mention
        assert current is not None and current.span.start < 200


async def test_event_pane_title_follows_the_order(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("tab", "o")
        await pilot.pause()
        assert "by date" in str(screen.query_one("#event-pane").border_title)
        await pilot.press("o")
        await pilot.pause()
        assert "text order" in str(screen.query_one("#event-pane").border_title)


async def test_g_and_shift_g_work_in_the_lists_and_help(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(bundled_app)
        await pilot.press("tab")
        events = screen.query_one(EventList)
        assert bundled_app.focused is events
        await pilot.press("G")
        assert events.highlighted == events.option_count - 1
        await pilot.press("g")
        assert events.highlighted == 0
        await pilot.press("shift+tab", "shift+tab")
        tree = screen.entity_list
        assert bundled_app.focused is tree
        await pilot.press("G")
        assert tree.cursor_line == tree.last_line
        await pilot.press("g")
        assert tree.cursor_line <= 1
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = bundled_app.screen
        assert isinstance(help_screen, HelpScreen)
        dialog = help_screen.query_one("#help-dialog")
        await pilot.press("G")
        await pilot.pause()
        assert dialog.scroll_offset.y == dialog.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert dialog.scroll_offset.y == 0


async def test_one_escape_after_a_search_clears_everything(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("slash", *"bob", "enter")
        await pilot.press("shift+tab", "down")
        await pilot.pause()
        assert screen.selected_entity is not None or screen.article.highlight.search_match
        await pilot.press("slash")
        await pilot.press("escape")
        await pilot.pause()
        assert screen.selected_entity is None
        assert screen.article.highlight.search_match is None
        assert not screen.query_one("#search").display


async def test_a_filter_matching_nothing_says_so(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        tree: Tree[str] = screen.entity_list
        labels = [str(node.label) for node in tree.root.children]
        assert any("Nothing matches" in label for label in labels)
        assert screen.entity_list.visible_entities == []


async def test_notices_replace_each_other(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert len(list(small_app._notifications)) == 1


def test_help_lists_each_section_once_and_the_details_enter() -> None:
    rows = binding_rows()
    sections: list[str] = []
    for section, _keys, _description in rows:
        if not sections or sections[-1] != section:
            sections.append(section)
    assert len(sections) == len(set(sections)), sections
    assert any(section == "Details" and keys == "enter" for section, keys, _ in rows)


async def test_palette_finds_every_reader_action_by_its_words(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        titles = [
            f"{command.title} {command.help}".casefold()
            for command in small_app.get_system_commands(small_app.screen)
        ]
        for word in ("order", "page", "hide", "help", "date", "top", "bottom", "problems"):
            assert any(word in title for title in titles), word
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(small_app.screen, CommandPalette)
        palette = small_app.screen
        await pilot.press(*"by date")
        # The palette searches in the background: wait for its first match.
        await wait_until(pilot, lambda: palette_matches(palette, "by date"), "the palette's match")
        await pilot.press("enter")
        await wait_until(pilot, lambda: reader(small_app).event_list.by_date, "the command to run")
        assert reader(small_app).event_list.by_date


async def test_screenshot_is_saved_to_a_stated_path(
    small_app: GlossApp, tmp_path: Path, monkeypatch: object
) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.chdir(tmp_path)
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        small_app.action_screenshot()
        await pilot.pause()
        message = str(list(small_app._notifications)[-1].message)
        saved = list(tmp_path.glob("*.svg"))
        assert len(saved) == 1
        assert str(saved[0].name) in message


async def test_a_screenshot_that_cannot_be_saved_says_why(
    small_app: GlossApp, tmp_path: Path
) -> None:
    from tui.app.screenshot import save_screen_picture

    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x", encoding="utf-8")
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        message, saved = save_screen_picture(small_app, "shot.svg", str(not_a_folder))
        assert not saved
        assert str(not_a_folder / "shot.svg") in message and "not saved" in message


async def test_enter_on_a_problem_goes_to_the_annotation_at_fault(small_path: Path) -> None:
    from tui.app.reader_app import make_app
    from tui.app.screens.problems import ProblemsScreen

    text = small_path.read_text(encoding="utf-8")
    small_path.write_text(text.replace("value: 2022-03-20", "value: 2022-04-20"), "utf-8")
    app = make_app(str(small_path))
    assert len(app.diagnostics) == 1
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.press("p")
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("enter")
        await pilot.pause()
        screen = reader(app)
        assert screen.selected_event == "meeting"


def test_the_library_reader_keeps_every_key_of_the_reader() -> None:
    """Textual merges a subclass's bindings key by key: a key the library's reader names
    replaces the reader's whole list for it, so each reader binding must still be there
    (its `e` is the next event, its `n` the next mention or hit)."""
    from textual.binding import Binding

    from tui.app import bindings
    from tui.app.screens.corpus_reader import CorpusReaderScreen
    from tui.app.screens.reader import ReaderScreen

    for screen in (ReaderScreen, CorpusReaderScreen):
        merged = screen._merge_bindings().key_to_bindings
        for binding in bindings.READER:
            assert isinstance(binding, Binding)
            for key in binding.key.split(","):
                actions = [b.action for b in merged.get(key.strip(), [])]
                assert binding.action in actions, (screen.__name__, key, actions)
