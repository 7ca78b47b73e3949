"""One measured session of the reader, run in a fresh process by ``benchmarks/run.py``.

``python benchmarks/probe.py FILE [--presses N]`` builds the app with
:func:`tui.app.reader_app.open_app`, exactly as ``gloss FILE`` does (large files show their text
first and load the annotations in a thread), runs it headless at 120x40 and prints one
JSON line:

- ``started``: ``time.monotonic()`` when this script began (after interpreter start-up);
- ``open``: ``time.monotonic()`` when :meth:`ArticleView.render_line` first returned a
  strip with visible text, i.e. article text reached the screen. The hook is installed
  from here by wrapping the method on the class; the application code is not changed.
  ``time.monotonic`` is the system-wide ``CLOCK_MONOTONIC`` on Linux, so the parent
  subtracts its own reading taken just before it spawned this process;
- ``settled``: when the reader screen is up with every annotation and had no pending
  work (sidebars built, first frame done);
- ``latency``: for each interaction, the seconds from key press to the last frame that
  press caused: ``n`` (next mention of the entity with the most mentions), ``select``
  (``j`` in the entity list: the next entity becomes selected) and ``e`` (next event
  passage). The key goes in with ``pilot.press``, then ``pilot.pause`` waits until
  every message is handled and forces a compositor refresh; each frame written to the
  (headless) terminal is timed by wrapping the app instance's ``_display`` (Textual's
  one place that writes a frame; a private name, so the probe falls back to the
  press-to-idle time if it ever disappears). Press-to-idle is not used as the latency
  itself because ``pilot.pause`` detects idleness by sleeping in small steps, which
  adds ~100 ms of waiting. Run with ``TEXTUAL_FPS=1000`` to measure the app's own
  cost rather than the 60 fps frame pacing;
- ``maxrss_kb``: peak resident memory of this process (``VmHWM``, see peak_memory.py).
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from peak_memory import peak_rss_kb  # noqa: E402  (beside this script)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WARM_UP = 2
"""Presses of each kind made before timing starts (first-use caches, imports)."""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--presses", type=int, default=15)
    args = parser.parse_args()

    from benchmarks.frames import frame_timer
    from tui.app.reader_app import open_app
    from tui.app.widgets.article_view import ArticleView

    marks: dict[str, float] = {}
    original = ArticleView.render_line

    def render_line(self: ArticleView, y: int) -> Any:
        strip = original(self, y)
        if "open" not in marks and strip.text.strip():
            marks["open"] = time.monotonic()
        return strip

    ArticleView.render_line = render_line  # type: ignore[method-assign]
    app = open_app(args.file)
    frames = frame_timer(app)
    latency: dict[str, list[float]] = {"n": [], "select": [], "e": []}

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            from tui.app.screens.reader import ReaderScreen

            while "open" not in marks or not isinstance(app.screen, ReaderScreen):
                await pilot.pause(0.001)
            await pilot.pause()
            marks["settled"] = time.monotonic()

            screen = app.screen
            assert isinstance(screen, ReaderScreen)
            document = screen.document
            busiest = max(document.entities, key=lambda entity: len(entity.mentions))
            screen.select_entity(busiest.id, mention_index=None, jump=False)
            await pilot.pause()

            async def timed(key: str, name: str) -> None:
                for number in range(WARM_UP + args.presses):
                    frames.clear()
                    start = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    end = frames[-1] if frames else time.perf_counter()
                    if number >= WARM_UP:
                        latency[name].append(end - start)

            await timed("n", "n")
            await timed("e", "e")
            screen.entity_list.focus()
            screen.select_entity(document.entities[0].id, mention_index=None, jump=False)
            await pilot.pause()
            await timed("j", "select")

    asyncio.run(session())
    print(
        json.dumps(
            {
                "started": STARTED,
                "open": marks["open"],
                "settled": marks["settled"],
                "latency": latency,
                "maxrss_kb": peak_rss_kb(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
