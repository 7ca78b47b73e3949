"""How much drawing a reader key causes: frames and whole-screen layouts, not time.

Speed itself is measured by the benchmarks (benchmarks/reading.py); these tests keep
the shape of the work from growing back: a move in the entity list is drawn in the
same frame as the panes that follow it, and a details panel that changes shape costs one
whole-screen layout, not one more for its scrollbar.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from textual.screen import Screen

from tests.support.pilot import reader, reader_filled
from tui.app.reader_app import GlossApp
from tui.app.screens.reader import ReaderScreen
from tui.app.widgets.details import DetailFacts


class Drawing:
    """Frames written and layouts done while it counts."""

    def __init__(self) -> None:
        self.frames = 0
        self.layouts = 0
        self.selected_at_first_frame: str | None = None
        """The reader's selected entity when the first frame was written."""


@contextmanager
def counting(app: GlossApp, monkeypatch: pytest.MonkeyPatch) -> Iterator[Drawing]:
    drawing = Drawing()
    display = app._display

    def counted_display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            if not drawing.frames and isinstance(screen, ReaderScreen):
                drawing.selected_at_first_frame = screen.selected_entity
            drawing.frames += 1

    layout = Screen._refresh_layout

    def counted_layout(screen: Screen[Any], *args: Any, **kwargs: Any) -> None:
        drawing.layouts += 1
        layout(screen, *args, **kwargs)

    monkeypatch.setattr(app, "_display", counted_display)
    monkeypatch.setattr(Screen, "_refresh_layout", counted_layout)
    yield drawing


async def test_a_move_in_the_entity_list_draws_the_panes_in_its_frame(
    bundled_app: GlossApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with bundled_app.run_test(size=(120, 40)) as pilot:
        await reader_filled(pilot)
        screen = reader(bundled_app)
        screen.entity_list.focus()
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        before = screen.selected_entity
        with counting(bundled_app, monkeypatch) as drawing:
            await pilot.press("j")
            await pilot.pause()
        assert screen.selected_entity not in (None, before)
        # The list's cursor, the article and the details are in the same first frame,
        # and a second one only when the details changed shape (their scrollbar).
        assert drawing.selected_at_first_frame == screen.selected_entity
        assert drawing.frames <= 1 + drawing.layouts


async def test_the_details_changing_shape_is_one_layout(
    bundled_app: GlossApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with bundled_app.run_test(size=(120, 40)) as pilot:
        await reader_filled(pilot)
        screen = reader(bundled_app)
        document = screen.document
        facts = screen.query_one(DetailFacts)
        screen.select_entity(document.entities[0].id, mention_index=None, jump=False)
        await pilot.pause()
        reshaped = 0
        steps: list[tuple[str, str]] = []
        for event in document.events[:3]:
            steps += [("event", event.id), ("entity", event.arguments[0].entity_id)]
        for kind, target in steps:
            height = facts.size.height
            with counting(bundled_app, monkeypatch) as drawing:
                if kind == "event":
                    screen.select_event(target, jump=False)
                else:
                    screen.select_entity(target, mention_index=0, jump=False)
                await pilot.pause()
            reshaped += facts.size.height != height
            assert drawing.layouts <= 1
            # After the layout's frame, only the links (their scrollbar, or their rows
            # drawn again when the scrollbar took or gave back a column).
            assert drawing.frames <= 3
        assert reshaped  # the facts did change height along the way
