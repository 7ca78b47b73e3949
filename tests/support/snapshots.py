"""Scenes for the SVG snapshot tests: press keys, wait for the app to be steady."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from tests.support.pilot import library_indexed, reader_filled, workers_done
from tui.app.screens.reader import ReaderScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 50), id="160x50")]


async def _steady(pilot: Pilot[None]) -> None:
    """Wait until the work a key started has ended: workers, and a reader's panes."""
    await workers_done(pilot)
    if isinstance(pilot.app.screen, ReaderScreen):
        await reader_filled(pilot)


def steady_after(keys: list[str]) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Wait for the app's first screen to be filled (a library for its index), press
    each key and let its work end, then drop toasts, so shots are stable.

    The snapshot tests draw no jump flash (``tests/conftest.py`` turns it off), so no
    scene waits for one to fade.
    """

    async def run_before(pilot: Pilot[None]) -> None:
        try:
            await _settle_after(pilot, keys)
        except BaseException:
            # Textual's snapshot harness waits for the app forever when the scene fails;
            # ending the app makes the test fail with this error instead of hanging.
            pilot.app.exit()
            raise

    return run_before


async def _settle_after(pilot: Pilot[None], keys: list[str]) -> None:
    from tui.app.library_app import LibraryApp

    await pilot.pause()
    if isinstance(pilot.app, LibraryApp):
        await library_indexed(pilot)
    await _steady(pilot)
    for key in keys:
        await pilot.press(key)
        await _steady(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()
