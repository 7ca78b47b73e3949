"""The reader's first frame holds the text; the lists come right after it.

The entity and event lists and the search box are mounted once the first frame is drawn,
into sidebars that already have their final widths, so nothing moves or re-wraps when
they arrive; keys pressed in between wait for them instead of being lost.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from tests.support.pilot import reader_filled, wait_until
from tui.app.reader_app import GlossApp, make_app
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.reader_parts import waits_for_panes
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.entity_list import EntityList
from tui.app.widgets.event_list import EventList
from tui.cli.main import bundled_article


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> asyncio.Event:
    """Hold the lists back until the test sets the returned event."""
    opened = asyncio.Event()
    fill_panes = ReaderScreen._fill_panes

    async def held(self: ReaderScreen) -> None:
        await opened.wait()
        await fill_panes(self)

    monkeypatch.setattr(ReaderScreen, "_fill_panes", held)
    return opened


async def reader_on_screen(pilot: Pilot[None]) -> ReaderScreen:
    """The reader once its article has drawn its first line of text (its lists are held
    back by ``gate``, so they are still missing)."""
    app = pilot.app

    def text_drawn() -> bool:
        screen = app.screen
        if not isinstance(screen, ReaderScreen) or not screen.query(ArticleView):
            return False
        return bool(screen.article.render_line(0).text.strip())

    await wait_until(pilot, text_drawn, "the article's first frame")
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def test_the_text_comes_first_in_sidebars_of_their_final_widths(
    bundled_app: GlossApp, gate: asyncio.Event
) -> None:
    async with bundled_app.run_test(size=(120, 40)) as pilot:
        reader = await reader_on_screen(pilot)
        assert not reader.panes_filled
        assert not reader.query(EntityList) and not reader.query(EventList)
        first_line = reader.article.render_line(0).text
        assert first_line.strip()  # the article's text is on screen
        widths = {
            pane: reader.query_one(pane).size.width
            for pane in ("#entity-pane", "#event-pane", "#article-pane")
        }

        gate.set()
        await reader_filled(pilot)
        assert reader.panes_filled
        assert reader.query(EntityList) and reader.query(EventList)
        settled = {pane: reader.query_one(pane).size.width for pane in widths}
        assert settled == widths  # nothing moved: the text was not wrapped again
        assert reader.article.render_line(0).text == first_line


async def test_a_key_pressed_before_the_lists_are_there_waits_for_them(
    bundled_app: GlossApp, gate: asyncio.Event
) -> None:
    async with bundled_app.run_test(size=(120, 40)) as pilot:
        reader = await reader_on_screen(pilot)
        # Posted rather than pressed: the pilot would wait for the key to be handled.
        bundled_app.post_message(events.Key("n", "n"))
        # The key's action is kept until the panes are filled: it waits, nothing moved.
        await wait_until(pilot, lambda: reader._after_filling, "the key to wait for the lists")
        assert reader.current_mention is None
        gate.set()
        await reader_filled(pilot)
        await wait_until(pilot, lambda: reader.current_mention is not None, "the key's mention")
        assert reader.current_mention is not None  # n: the first entity's first mention


class _Filling:
    """A reader whose panes are not filled yet: what waits is kept, as the reader keeps it."""

    def __init__(self) -> None:
        self.panes_filled = False
        self.waiting: list[Callable[[], object]] = []
        self.done: list[tuple[object, ...]] = []

    def when_filled(self, callback: Callable[..., object], *args: Any, **kwargs: Any) -> None:
        self.waiting.append(partial(callback, *args, **kwargs))

    @waits_for_panes
    def action_two(self, first: int, second: str) -> None:
        self.done.append((first, second))


def test_an_action_that_waits_for_the_panes_keeps_all_its_arguments() -> None:
    reader = _Filling()
    # Textual passes an action as many arguments as its signature takes: both, here.
    assert list(inspect.signature(reader.action_two).parameters) == ["first", "second"]
    reader.action_two(1, "b")
    assert reader.done == []
    reader.panes_filled = True
    for callback in reader.waiting:
        callback()
    assert reader.done == [(1, "b")]
    reader.action_two(2, "c")  # filled: at once
    assert reader.done == [(1, "b"), (2, "c")]


async def test_closing_while_the_lists_are_mounted_is_clean() -> None:
    """The lists mount after the first frame; an app closed in between (``q`` at once,
    or a test that only reads the start-up notices) must not fail looking for them."""
    for _ in range(10):
        app = make_app(str(bundled_article()))
        async with app.run_test(size=(120, 36)):
            pass  # leaving at once closes the app while its reader fills its panes
        assert app.return_code in (None, 0)
