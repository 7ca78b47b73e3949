"""What the screen looks like, compared against reviewed SVG snapshots.

Update after a deliberate change of look with ``make snapshot-update`` and read
``snapshot_report.html`` first.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from tui.app import make_app
from tui.cli import bundled_article

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 50), id="160x50")]

SCENES: dict[str, list[str]] = {
    "start": [],
    "entity-selected": ["shift+tab", "down", "enter", "n"],
    "event-passage": ["tab", "down", "enter"],
    "help": ["question_mark"],
}


def steady_after(keys: list[str]) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Press ``keys``, then wait out the jump flash and drop toasts, so shots are stable."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.8)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(snap_compare: Callable[..., bool], scene: str, size: tuple[int, int]) -> None:
    app = make_app(str(bundled_article()))
    assert snap_compare(app, terminal_size=size, run_before=steady_after(SCENES[scene]))
