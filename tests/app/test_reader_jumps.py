"""The single-article reader's jump list (ctrl+o back, ctrl+f forward) and the place it
returns to when the same article opens again."""

from __future__ import annotations

from pathlib import Path

from tests.support.pilot import reader, reader_filled, wait_until
from tui.app.bindings import PALETTE, bindable
from tui.app.reader_app import GlossApp, make_app
from tui.app.screens.reader import ReaderScreen
from tui.core.files.places import state_dir
from tui.core.reading.jumps import POSITIONS_FILE

from .conftest import BUNDLED

SIZE = (120, 36)


def where(screen: ReaderScreen) -> tuple[str | None, int | None, str | None]:
    return screen.selected_entity, screen.mention_index, screen.selected_event


async def test_ctrl_o_goes_back_through_the_jumps_and_ctrl_f_forward(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("n", "n", "e")  # Alice's first mention, her second, the meeting
        assert where(screen) == (None, None, "meeting")
        await pilot.press("ctrl+o")
        assert where(screen) == ("alice", 1, None)
        await pilot.press("ctrl+o")
        assert where(screen) == ("alice", 0, None)
        await pilot.press("ctrl+f")
        assert where(screen) == ("alice", 1, None)
        await pilot.press("ctrl+f")
        assert where(screen) == (None, None, "meeting")
        await pilot.press("ctrl+f")  # nothing further: it stays and says so
        assert where(screen) == (None, None, "meeting")
        assert any("end of the jump list" in n.message for n in small_app._notifications)


async def test_a_new_jump_after_going_back_drops_the_way_forward(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("n", "n", "ctrl+o", "e")
        assert where(screen) == (None, None, "meeting")
        assert screen.jumps.forward_places == []
        await pilot.press("ctrl+o")
        assert where(screen) == ("alice", 0, None)


async def test_a_search_hit_is_a_jump() -> None:
    app = make_app(str(BUNDLED))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(app)
        text = screen.document.text
        word = "Sahara"
        assert text.index(word) > len(text) // 3  # far below the first screen
        await pilot.press("slash", *word, "enter")
        await pilot.pause()
        found = screen.article.top_offset()
        assert found > 0
        screen.article.focus()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.article.top_offset() == 0
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert screen.article.top_offset() == found


async def test_reopening_the_same_article_returns_to_the_last_place(small_path: Path) -> None:
    first = make_app(str(small_path))
    async with first.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.press("n", "n")
        assert where(reader(first)) == ("alice", 1, None)
        await pilot.press("q")
    assert (state_dir() / POSITIONS_FILE).is_file()
    again = make_app(str(small_path))
    async with again.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.pause()
        assert where(reader(again)) == ("alice", 1, None)
        assert list(again._notifications) == []  # nothing to say


async def test_the_scrolled_place_comes_back_too() -> None:
    first = make_app(str(BUNDLED))
    async with first.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.press("space", "space")
        scrolled = reader(first).article.top_offset()
        assert scrolled > 0
        await pilot.press("q")
    again = make_app(str(BUNDLED))
    async with again.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.pause()
        assert reader(again).article.top_offset() == scrolled


async def test_changed_content_starts_at_the_top(small_path: Path) -> None:
    first = make_app(str(small_path))
    async with first.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.press("n", "n", "q")
    small_path.write_text(small_path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = make_app(str(small_path))
    async with again.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.pause()
        assert where(reader(again)) == (None, None, None)


async def test_a_background_load_returns_to_the_last_place(small_path: Path) -> None:
    first = make_app(str(small_path))
    async with first.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.press("e", "q")
    app = GlossApp(None, load_path=str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await wait_until(pilot, lambda: where(reader(app))[2] == "meeting", "the remembered event")
        assert where(reader(app)) == (None, None, "meeting")


async def test_a_damaged_state_file_is_one_notice_and_the_reader_works(
    small_path: Path,
) -> None:
    state_dir().mkdir(parents=True, exist_ok=True)
    (state_dir() / POSITIONS_FILE).write_text("{not json\x1b[31m", encoding="utf-8")
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert len(notices) == 1
        assert "damaged" in notices[0] and "\n" not in notices[0] and "\x1b" not in notices[0]
        screen = reader(app)
        await pilot.press("n", "n", "ctrl+o")
        assert where(screen) == ("alice", 0, None)
        await pilot.press("q")
    assert app.return_code == 0


def test_the_jump_keys_can_be_rebound_and_are_in_the_palette() -> None:
    ids = {binding_id: keys for binding_id, keys, _ in bindable()}
    assert ids["reader.jump_back"] == "ctrl+o"
    assert ids["reader.jump_forward"] == "ctrl+f"
    actions = {entry.action for entry in PALETTE}
    assert {"jump_back", "jump_forward"} <= actions
