"""The entity index's screenshots, on the same generated corpus as the library's."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from corpus_screenshots import _corpus  # beside this script

from tui.library_app import make_library_app

SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("entity-index", (160, 40), ["i"]),
    ("entity-mentions", (160, 40), ["i", "enter"]),
]


async def shoot_entity_index(out: Path) -> list[Path]:
    """Write ``entity-index.svg`` and ``entity-mentions.svg`` into ``out``."""
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CACHE_HOME"] = str(Path(scratch) / "cache")
        os.environ["XDG_STATE_HOME"] = str(Path(scratch) / "state")
        corpus = _corpus(Path(scratch) / "articles")
        for name, size, keys in SHOTS:
            app = make_library_app([str(corpus)], name="articles/")
            async with app.run_test(size=size) as pilot:
                while app.library.indexing:
                    await pilot.pause(0.05)
                for key in keys:
                    await pilot.press(key)
                    await app.workers.wait_for_complete()
                    await pilot.pause(0.2)
                app.clear_notifications()
                await pilot.pause()
                app.save_screenshot(filename=f"{name}.svg", path=str(out))
            app.index.close()
            written.append(out / f"{name}.svg")
    return written
