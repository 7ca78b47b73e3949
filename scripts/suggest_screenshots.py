"""The suggestions' screenshot: an ECB+ article read from its library, ``S`` pressed.

The names proposed are those the topic's other articles annotate ("known in 5 articles
as ..."). Run on its own (``python scripts/suggest_screenshots.py``) it writes only
``screenshots/suggestions.svg``; ``scripts/screenshots.py`` calls it with the rest.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.app.library_app import make_library_app

TOPIC = Path(__file__).resolve().parent.parent / "examples" / "ecbplus-topic1"
ARTICLE = "1_12ecbplus.yaml"
SIZE = (160, 50)


async def shoot_suggestions(out: Path) -> Path:
    """Write ``suggestions.svg`` into ``out`` (fresh cache and state)."""
    with tempfile.TemporaryDirectory(prefix="gloss-suggest-shot-") as scratch:
        for variable in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            os.environ[variable] = os.path.join(scratch, variable.lower())
        app = make_library_app([str(TOPIC)], name="examples/ecbplus-topic1/")
        async with app.run_test(size=SIZE) as pilot:
            library = app.library
            while library.indexing or library.report is None:
                await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            row = next(r for r in library.all_rows.values() if r.relative == ARTICLE)
            library.open_article(row.path)
            while not getattr(app.screen, "panes_filled", False):
                await pilot.pause(0.05)
            await pilot.press("S")
            while not getattr(app.screen, "reviewing", False):
                await pilot.pause(0.05)
            await pilot.press("n")  # "rehab": known in 30 articles as the treatment centre
            await pilot.pause(0.8)  # the jump's flash fades
            app.clear_notifications()
            await pilot.pause()
            app.save_screenshot(filename="suggestions.svg", path=str(out))
        app.index.close()
    return out / "suggestions.svg"


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "screenshots"
    print(asyncio.run(shoot_suggestions(out)))
