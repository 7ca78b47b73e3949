"""The timeline with odd documents: no date, no events, no dated events, and text from the
file that tries to be markup or terminal control sequences."""

from __future__ import annotations

from pathlib import Path

from tests.core.helpers import HEADER, TEXT, write_pair
from tests.support.pilot import reader_filled
from tui.app.reader_app import GlossApp
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.timeline import TimelineScreen
from tui.core.loading.loader import load


def app_for(path: Path) -> GlossApp:
    result = load(str(path))
    assert result.document is not None, result.diagnostics
    return GlossApp(result.document, result.diagnostics)


async def open_and_walk(app: GlossApp) -> list[str]:
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_filled(pilot)
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        await pilot.press("j", "k", "plus", "plus", "minus", "G", "g", "l")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        view = screen.view
        lines = [view.render_line(y).text for y in range(view.size.height)]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, (ReaderScreen, TimelineScreen))
        return lines


async def test_no_events_at_all(tmp_path: Path) -> None:
    lines = await open_and_walk(app_for(write_pair(tmp_path, "")))
    # Nothing to place in time: no axis, only the article's own date is named.
    assert lines[0].rstrip() == (
        " The article has no events, so there is no time axis  (article of 2022-03-25)"
    )
    assert lines[1].strip() == ""
    assert "All events none dated" in lines[2]


async def test_no_document_date_and_only_undated_events(tmp_path: Path) -> None:
    header = HEADER.replace("  date: 2022-03-25\n", "")
    body = "events:\n  - {id: met, type: Contact.Meet, summary: They meet, trigger: met}\n"
    lines = await open_and_walk(app_for(write_pair(tmp_path, body, header=header)))
    assert "now" not in lines[0]
    assert any("Undated, in text order" in line for line in lines)
    assert any("They meet" in line for line in lines)


async def test_hostile_text_stays_inert(tmp_path: Path) -> None:
    text = TEXT.replace("Thursday", "Thu\x1b[2Jrsday")
    body = (
        "entities:\n"
        '  - {id: k, type: PER, name: "[bold]K\\u202e\\x1b]0;x\\x07", mentions: [Kalman]}\n'
        "events:\n"
        "  - id: visit\n"
        "    type: Contact.Meet\n"
        '    summary: "[red]Visit\\x1b[31m\\u202e[/red]"\n'
        "    trigger: visited\n"
        '    date: {value: 2022-03-24, text: "Thu\\x1b[2Jrsday"}\n'
        "    arguments: [{role: Visitor, entity: k}]\n"
        '    note: "[b]Date inferred\\x1b[0m"\n'
    )
    app = app_for(write_pair(tmp_path, body, text))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        reader.select_entity("k", mention_index=0, jump=True)
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        view = screen.view
        lines = [view.render_line(y).text for y in range(view.size.height)]
        shown = "\n".join(lines)
        assert "\x1b" not in shown and "\u202e" not in shown
        assert "[red]Visit" in shown  # markup shown as the text it is
        assert "[bold]K" in shown  # the entity's lane title
        details = str(screen.query_one("#timeline-details").render())
        assert "\x1b" not in details and "[b]Date inferred" in details
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.selected_event == "visit"
