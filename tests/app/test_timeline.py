"""The timeline screen: opening it, moving, zooming, lanes, and jumping back to the text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tests.formats.helpers import run
from tests.support.pilot import reader_filled, wait_until
from tui.app.reader_app import GlossApp, make_app
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.timeline import EntityLanesScreen, TimelineScreen
from tui.app.widgets.event_list import EventList
from tui.app.widgets.timeline_view import TimelineView
from tui.core.timeline.happenings import ALL_LANE, UNDATED_LANE, Unit


def timeline(app: GlossApp) -> TimelineScreen:
    screen = app.screen
    assert isinstance(screen, TimelineScreen)
    return screen


def details(app: GlossApp) -> str:
    return str(timeline(app).query_one("#timeline-details", Static).render())


async def test_T_opens_the_timeline_and_escape_returns(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(120, 36)) as pilot:
        await reader_filled(pilot)
        await pilot.press("T")
        await pilot.pause()
        view = timeline(bundled_app).view
        assert view.has_focus
        assert view.current is not None and view.current.id == "drone-deal-signing"
        assert "2014 (year) from “in 2014”" in details(bundled_app)
        lanes = [row.lane.key for row in view.rows if row.happening is None]
        assert lanes == [ALL_LANE, UNDATED_LANE]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(bundled_app.screen, ReaderScreen)
        assert bundled_app.screen.selected_event is None


async def test_j_k_move_between_events_and_skip_lane_titles(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        view = timeline(bundled_app).view
        await pilot.press("j")
        await pilot.pause()
        assert view.current is not None and view.current.id == "heron-delivery"
        assert "from “In January of last year”" in details(bundled_app)
        assert "dated by its telling heron-delivery-2" in details(bundled_app)
        await pilot.press("k", "k")  # stays on the first event, not the lane title
        assert view.current is not None and view.current.id == "drone-deal-signing"
        await pilot.press("G")
        await pilot.pause()
        assert view.current is not None and view.current.date is None
        assert view.current.id == "king-visit-israel"  # the undated lane is in text order
        for _ in range(len(view.rows)):
            await pilot.press("k")
        assert view.current is not None and view.current.id == "drone-deal-signing"


async def test_guessed_dates_say_so(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        view = timeline(bundled_app).view
        while view.current is not None and view.current.id != "lapid-visit":
            await pilot.press("j")
        await pilot.pause()
        assert "~ guessed: Year inferred" in details(bundled_app)
        assert "told 2 times" in details(bundled_app)


async def test_enter_jumps_to_the_passage(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        reader = bundled_app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.selected_event == "heron-delivery"
        passage = bundled_app.document.event_by_id["heron-delivery"].passage  # type: ignore[union-attr]
        assert reader.article.span_is_visible(passage)


async def test_timeline_opens_on_the_selected_event(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(120, 36)) as pilot:
        await reader_filled(pilot)
        reader = bundled_app.screen
        assert isinstance(reader, ReaderScreen)
        reader.select_event("lapid-visit-2", jump=True)
        await pilot.press("T")
        await pilot.pause()
        view = timeline(bundled_app).view
        assert view.current is not None and view.current.id == "lapid-visit"


async def test_plus_and_minus_zoom(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        view = timeline(bundled_app).view
        assert view.axis.zoom == 0 and view.axis.unit is Unit.YEAR
        await pilot.press("G")
        await pilot.press("g")
        while view.current is not None and view.current.id != "idf-statement":
            await pilot.press("j")
        for _ in range(5):
            await pilot.press("plus")
        await pilot.pause()
        assert view.axis.zoom == 5 and view.axis.unit is Unit.MONTH
        for _ in range(20):
            await pilot.press("plus")
        await pilot.pause()
        axis = view.axis
        assert axis.unit is Unit.DAY and axis.zoom == axis.max_zoom
        assert axis.start.isoformat() <= "2022-03-25" <= axis.end.isoformat()
        await pilot.press("minus")
        await pilot.pause()
        assert view.axis.zoom == axis.max_zoom - 1
        await pilot.press("g")  # the 2014 deal: the zoomed window follows the cursor
        await pilot.pause()
        assert view.axis.zoom == axis.max_zoom - 1
        assert view.axis.start.year == 2014
        await pilot.press("0")
        await pilot.pause()
        assert view.axis.zoom == 0
        await pilot.press("minus")
        await pilot.pause()
        assert view.axis.zoom == 0


async def test_the_selected_entity_gets_a_lane_and_more_come_from_the_list(
    bundled_app: GlossApp,
) -> None:
    async with bundled_app.run_test(size=(120, 36)) as pilot:
        await reader_filled(pilot)
        reader = bundled_app.screen
        assert isinstance(reader, ReaderScreen)
        reader.select_entity("yair-lapid", mention_index=0, jump=True)
        await pilot.press("T")
        await pilot.pause()
        screen = timeline(bundled_app)
        keys = [row.lane.key for row in screen.view.rows if row.happening is None]
        assert keys == [ALL_LANE, "yair-lapid", UNDATED_LANE]
        lapid_rows = [
            r.happening.id for r in screen.view.rows if r.lane.key == "yair-lapid" and r.happening
        ]
        assert lapid_rows == [
            "lapid-visit",
            "mission-inauguration",
            "lapid-bourita-meeting",
            "herzog-invitation",
        ]
        await pilot.press("l")
        await pilot.pause()
        lanes_screen = bundled_app.screen
        assert isinstance(lanes_screen, EntityLanesScreen)
        choices = lanes_screen.query_one(OptionList)
        assert choices.get_option_at_index(0).id == "morocco"
        await pilot.press("enter")  # add Morocco's lane
        await pilot.pause()
        keys = [row.lane.key for row in screen.view.rows if row.happening is None]
        assert keys == [ALL_LANE, "yair-lapid", "morocco", UNDATED_LANE]
        current = screen.view.rows[screen.view.cursor]
        assert current.lane.key == "morocco" and current.happening is not None
        await pilot.press("l")
        await pilot.pause()
        choices = bundled_app.screen.query_one(OptionList)
        row = next(
            i
            for i in range(choices.option_count)
            if choices.get_option_at_index(i).id == "yair-lapid"
        )
        choices.highlighted = row
        await pilot.press("enter")  # remove Lapid's lane
        await pilot.pause()
        keys = [row.lane.key for row in screen.view.rows if row.happening is None]
        assert keys == [ALL_LANE, "morocco", UNDATED_LANE]
        await pilot.press("l", "escape")
        await pilot.pause()
        assert bundled_app.screen is screen


async def test_rows_draw_marks_bars_now_line_and_words(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(160, 50)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        view = timeline(bundled_app).view
        lines = [view.render_line(y).text for y in range(view.size.height)]
        assert (
            lines[0].startswith("years, zoom 0")
            and "2014" in lines[0]
            and "now 2022-03-25" in lines[0]
        )
        assert "▼" in lines[1]
        assert "All events" in lines[2]
        first = lines[3]
        assert first.startswith("▶") and "━" in first and "“in 2014”" in first
        statement = next(line for line in lines if "IDF issues a statement" in line)
        assert "●" in statement and "×4" in statement
        budget = next(line for line in lines if "defense budget" in line)
        assert "○" in budget and "╍" in budget
        lapid = next(line for line in lines if "Lapid visits" in line)
        assert "~" in lapid[:16]
        assert any("│" in line for line in lines[3:])


async def test_event_list_by_date_puts_the_heron_drones_in_january_2021(
    bundled_app: GlossApp,
) -> None:
    async with bundled_app.run_test(size=(140, 40)) as pilot:
        await reader_filled(pilot)
        events = bundled_app.screen.query_one(EventList)
        events.action_toggle_order()
        await pilot.pause()
        ids = events.event_ids
        assert ids[:3] == ["drone-deal-signing", "heron-delivery", "c-130-landing"]
        heron = events.get_option_at_index(1).prompt
        assert str(heron).lstrip().startswith("2021-01")


async def test_a_document_without_events(small_app: GlossApp) -> None:
    async with small_app.run_test(size=(80, 24)) as pilot:
        await reader_filled(pilot)
        await pilot.press("T")
        await pilot.pause()
        view = timeline(small_app).view
        await pilot.press("j", "k", "plus", "minus", "enter")
        await pilot.pause()
        assert isinstance(small_app.screen, (TimelineScreen, ReaderScreen))
        assert view.rows is not None


async def test_clicking_a_row_moves_the_cursor(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        view = timeline(bundled_app).view
        # Ruler (2 lines), lane title, then the first events; the view has a border.
        await pilot.click(TimelineView, offset=(30, 1 + 2 + 3))
        await pilot.pause()
        assert view.cursor == 3
        assert view.current is not None and view.current.id == "c-130-landing"


UNDATED_TEXT = "Pirates were caught. The navy said so.\n"
UNDATED_YAML = """gloss: 1
document: {id: undated, text: undated.txt}
events:
  - {id: caught, type: Justice.Arrest-Jail, summary: Pirates are caught, trigger: caught}
  - {id: said, type: Contact.Broadcast, summary: The navy says so, trigger: said}
"""


async def _until(pilot: Pilot[None], ready: Callable[[], bool]) -> None:
    """Wait for ``ready`` (each pause lets the screen handle what is queued)."""
    await wait_until(pilot, ready, "the screen to be ready")


async def test_an_undated_article_draws_no_axis_and_lists_its_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    (tmp_path / "undated.txt").write_text(UNDATED_TEXT, encoding="utf-8")
    (tmp_path / "undated.yaml").write_text(UNDATED_YAML, encoding="utf-8")
    app = make_app(str(tmp_path / "undated.yaml"))
    async with app.run_test(size=(120, 24)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("T")
        await _until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        screen = timeline(app)
        view = screen.view
        await _until(pilot, lambda: view.current is not None and view.size.height > 4)
        assert not view.has_axis
        lines = [view.render_line(y).text.rstrip() for y in range(5)]
        assert lines == [
            " No event has a date, so there is no time axis; the 2 undated events are listed"
            " below, in text order",
            "",
            "── All events none dated",
            "── Undated, in text order 2, not on the axis",
            "▶          ?  ● Pirates are caught",
        ]
        # No made-up days anywhere: not a year, not a month, not a day.
        assert not any(re.search(r"\d{4}|\b\d{2}\b", line) for line in lines)
        header = str(screen.query_one("#timeline-header", Static).render())
        assert header.endswith("·  no event is dated (2 undated)")
        assert "No date in the article" in details(app)
        await pilot.press("plus")
        await _until(pilot, lambda: bool(app._notifications))
        assert [n.message for n in app._notifications] == [
            "No event has a date: there is no time axis"
        ]
        await pilot.press("j")
        await _until(pilot, lambda: view.current is not None and view.current.id == "said")
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.selected_event == "said"


def test_gloss_timeline_says_when_nothing_is_dated(tmp_path: Path) -> None:
    (tmp_path / "undated.txt").write_text(UNDATED_TEXT, encoding="utf-8")
    (tmp_path / "undated.yaml").write_text(UNDATED_YAML, encoding="utf-8")
    code, stdout, stderr = run("timeline", str(tmp_path / "undated.yaml"))
    assert code == 0
    assert [line.split()[0] for line in stdout.splitlines()[1:]] == ["?", "?"]
    assert stderr == "gloss: no event has a date; the 2 undated are listed in text order\n"
    code, stdout, stderr = run("timeline", "--json", str(tmp_path / "undated.yaml"))
    assert code == 0 and [row["date"] for row in json.loads(stdout)] == [None, None]


async def test_a_guessed_article_date_is_marked_on_the_ruler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    (tmp_path / "undated.txt").write_text(UNDATED_TEXT, encoding="utf-8")
    guessed = UNDATED_YAML.replace(
        "document: {id: undated, text: undated.txt}",
        'document: {id: undated, text: undated.txt, date: 2008-12-09, note: "Date guessed."}',
    ).replace("trigger: caught}", "trigger: caught, date: 2008-12-01}")
    (tmp_path / "undated.yaml").write_text(guessed, encoding="utf-8")
    app = make_app(str(tmp_path / "undated.yaml"))
    async with app.run_test(size=(120, 24)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("T")
        await _until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        view = timeline(app).view
        await _until(pilot, lambda: view.current is not None and view.size.height > 4)
        assert view.has_axis
        assert view.render_line(0).text.rstrip().endswith("now 2008-12-09~")
