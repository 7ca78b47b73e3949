"""One measured annotating session on a document, run in a fresh process by ``editing.py``.

``python benchmarks/editing_probe.py FILE [--presses N]`` copies nothing: FILE must be a
copy the probe may write (the parent makes one). It opens the reader headless at
120x40 as ``gloss FILE`` does, starts annotate mode and prints one JSON line:

- ``n``: seconds from pressing ``n`` (next mention of the busiest entity) to the last
  frame it caused, as ``probe.py`` times keys;
- ``add``: the same for ``a``, adding the selected word as a mention of that entity
  (each timed press is undone, untimed, before the next);
- ``add_unjournaled``: ``a`` again with the session's journal taken away, so the
  journal's own cost is the difference;
- ``save``: seconds of saving after one edit (the new file checked, then written);
- ``check``: seconds of loading and checking the file as ``gloss check`` does, in the
  same process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WARM_UP = 2


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--presses", type=int, default=15)
    args = parser.parse_args()

    from benchmarks.frames import frame_timer
    from tui.app.reader_app import make_app
    from tui.app.screens.reader import ReaderScreen
    from tui.core.document.model import Span
    from tui.core.editing.selection import Selection
    from tui.core.loading.loader import load

    app = make_app(args.file)
    frames = frame_timer(app)
    figures: dict[str, list[float]] = {"n": [], "add": [], "add_unjournaled": [], "save": []}

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            while not (isinstance(app.screen, ReaderScreen) and app.screen.panes_filled):
                await pilot.pause(0.001)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReaderScreen)
            document = screen.document
            busiest = max(document.entities, key=lambda entity: len(entity.mentions))
            screen.select_entity(busiest.id, mention_index=0, jump=False)
            await pilot.pause()
            await pilot.press("m")
            await pilot.pause()

            async def timed(key: str, name: str, before: object = None) -> None:
                for number in range(WARM_UP + args.presses):
                    if callable(before):
                        before()
                        await pilot.pause()
                    frames.clear()
                    start = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    end = frames[-1] if frames else time.perf_counter()
                    if number >= WARM_UP:
                        figures[name].append(end - start)
                    if name.startswith("add"):
                        await pilot.press("u")
                        await pilot.pause()

            await pilot.press("escape")
            await timed("n", "n")
            await pilot.press("m")
            await pilot.pause()
            # A word no mention covers, on the screen the reader is looking at.
            text = screen.document.text
            start = screen.article.top_offset()
            free: Span | None = None
            for offset in range(start, len(text) - 1):
                if text[offset].isalpha() and (offset == 0 or not text[offset - 1].isalnum()):
                    end = offset
                    while end < len(text) and text[end].isalnum():
                        end += 1
                    if not screen.document.mentions_overlapping(offset, end):
                        free = Span(offset, end)
                        break
            assert free is not None, "no free word to annotate"
            chosen = free
            # One edit kept from the start: the timed ones are made on a document that
            # already has unsaved edits, as all but an annotator's first are.
            later = screen.article.bottom_offset()
            for offset in range(later, len(text) - 1):
                if text[offset].isalpha() and not text[offset - 1].isalnum():
                    end = offset
                    while end < len(text) and text[end].isalnum():
                        end += 1
                    if not screen.document.mentions_overlapping(offset, end):
                        screen.selection = Selection(offset, end)
                        screen.select_entity(busiest.id, mention_index=0, jump=False)
                        await pilot.pause()
                        await pilot.press("a")
                        await pilot.pause()
                        break

            def select() -> None:
                screen.selection = Selection(chosen.start, chosen.end)
                screen.select_entity(busiest.id, mention_index=0, jump=False)

            await timed("a", "add", select)
            session_ = screen.session
            assert session_ is not None
            journal, session_.journal = session_.journal, None
            await timed("a", "add_unjournaled", select)
            session_.journal = journal
            select()
            await pilot.press("a")
            await pilot.pause()
            for _ in range(3):
                began = time.perf_counter()
                saved = screen.save_edits()  # as ctrl+s does
                figures["save"].append(time.perf_counter() - began)
                assert saved, "the save was refused"
                await pilot.press("u")
                await pilot.pause()
                select()
                await pilot.press("a")
                await pilot.pause()

    asyncio.run(session())
    checks = []
    for _ in range(3):
        began = time.perf_counter()
        result = load(args.file)
        assert result.document is not None
        checks.append(time.perf_counter() - began)
    print(json.dumps({**figures, "check": checks}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
