"""The floor under the reader's key latency: a bare Textual ``ScrollView`` scrolled a line.

``key_ratio`` compares the reader's keys with a key that changes one ``Static``. Most of
the reader's keys move the text, and moving text repaints the whole visible region of a
scrolled view, however little the widget itself does. This probe measures that cost on
its own: an app holding nothing but a Line-API ``ScrollView`` that fills the terminal
(120x40, as the other probes), with every line's ``Strip`` built once up front, and a
``j`` that scrolls it one line at once (no animation). Timed the same way as the other
keys (key press to the last frame, headless, ``TEXTUAL_FPS=1000``, fresh process):
``python benchmarks/keys_floor.py --presses N`` prints the seconds of each press.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LINES = 10_000
"""Lines in the bare view: far more than a screen, like the 1 MB document."""
WORDS = "the quick brown fox jumps over the lazy dog while reading the annotated article"


def bare_scroll_keys(presses: int) -> list[float]:
    """Seconds per press of ``j`` scrolling a bare Line-API view by one line."""
    from rich.segment import Segment
    from textual.app import App, ComposeResult
    from textual.geometry import Size
    from textual.scroll_view import ScrollView
    from textual.strip import Strip

    from benchmarks.frames import frame_timer
    from benchmarks.reading import _timed

    class Lines(ScrollView, can_focus=True):
        BINDINGS = [("j", "step", "Down")]  # noqa: RUF012

        def __init__(self) -> None:
            super().__init__()
            self.strips = [Strip([Segment(f"{number:>6} {WORDS}")]) for number in range(LINES)]
            self.virtual_size = Size(100, LINES)

        def render_line(self, y: int) -> Strip:
            number = self.scroll_offset.y + y
            if number >= LINES:
                return Strip.blank(self.size.width)
            return self.strips[number].crop_extend(0, self.size.width, None)

        def action_step(self) -> None:
            self.scroll_down(animate=False, immediate=True)

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Lines()

    app = Bare()
    frames = frame_timer(app)
    found: list[float] = []

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.query_one(Lines).focus()
            await pilot.pause()
            found.extend(await _timed(pilot, frames, "j", presses))

    asyncio.run(session())
    return found


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=15)
    args = parser.parse_args(arguments)
    result: Any = bare_scroll_keys(args.presses)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
