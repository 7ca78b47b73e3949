"""Waiting in Pilot tests for a signal the app gives, never for a fixed time."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.command import CommandList
from textual.pilot import Pilot
from textual.screen import Screen
from textual.worker import WorkerCancelled, WorkerError, WorkerFailed

from tui.app.screens.library import LibraryScreen
from tui.app.screens.reader import ReaderScreen

SIGNAL_TIMEOUT = 60.0
"""Seconds a wait may take before the test fails with what it was waiting for; generous,
so that a machine whose cores are busy with other work is slow, not failing."""


async def wait_until(
    pilot: Pilot[Any],
    condition: Callable[[], object],
    what: str,
    *,
    timeout: float = SIGNAL_TIMEOUT,
) -> None:
    """Let the app run until ``condition()`` holds; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


def reader(app: App[Any]) -> ReaderScreen:
    """The reader screen the app is showing."""
    screen = app.screen
    assert isinstance(screen, ReaderScreen), f"the app shows {type(screen).__name__}"
    return screen


async def reader_filled(pilot: Pilot[Any]) -> ReaderScreen:
    """Wait until the app shows a reader whose entity and event lists are mounted."""

    def filled() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, ReaderScreen) and screen.panes_filled

    await wait_until(pilot, filled, "the reader's panes to be filled")
    await pilot.pause()
    return reader(pilot.app)


LONG_LIVED_GROUPS = frozenset({"_loader"})
"""Groups of workers that live as long as their widget: a ``DirectoryTree``'s queue of
folders to load. Its loads of each folder are workers of their own, waited for."""


async def workers_done(pilot: Pilot[Any], *, timeout: float = SIGNAL_TIMEOUT) -> None:
    """Wait until every worker the app started has ended and its messages are handled.

    A worker that was cancelled (a screen closed, a newer search replaced it) or that
    failed has ended too: its end is what is waited for, not its success. A worker
    that starts another (a folder tree's queue starts a load) is waited for until two
    looks in a row find nothing running.
    """
    deadline = time.monotonic() + timeout
    quiet_looks = 0
    while quiet_looks < 2:
        running = [
            worker
            for worker in pilot.app.workers
            if worker.group not in LONG_LIVED_GROUPS and not worker.is_finished
        ]
        quiet_looks = 0 if running else quiet_looks + 1
        for worker in running:
            with contextlib.suppress(WorkerCancelled, WorkerFailed, WorkerError):
                await asyncio.wait_for(worker.wait(), max(0.01, deadline - time.monotonic()))
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for workers: {running}")
        await pilot.pause()


async def library_indexed(pilot: Pilot[Any]) -> LibraryScreen:
    """Wait until the library has finished indexing its folder; its screen."""
    from tui.app.library_app import LibraryApp

    app = pilot.app
    assert isinstance(app, LibraryApp)
    library = app.library

    def indexed() -> bool:
        # ``report`` is set when a refresh ends; ``indexing`` alone is also false before
        # the first one starts.
        return library.report is not None and not library.indexing

    await wait_until(pilot, indexed, "the library's index")
    await workers_done(pilot)
    return library


def palette_matches(palette: Screen[Any], typed: str) -> bool:
    """Whether the command palette's highlighted command is one matching ``typed``: its
    search runs in the background, so what it shows first may be from before the typing.
    Wait for it with :func:`wait_until` before pressing ``enter``."""
    commands = palette.query_one(CommandList)
    if commands.highlighted is None:
        return False
    prompt = commands.get_option_at_index(commands.highlighted).prompt
    return typed.lower() in str(prompt).lower()
