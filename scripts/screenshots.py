"""Write the README's screenshots (SVG) from the real app on the bundled article.

Run with ``make screenshots``. Each shot is a headless run at a fixed size with
the keys a reader would press.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from tui.app import make_app
from tui.cli import bundled_article

OUT = Path(__file__).resolve().parent.parent / "screenshots"

SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("start", (160, 50), []),
    ("entity", (160, 50), ["shift+tab", "down", "enter", "n"]),
    ("event", (160, 50), ["tab", "down", "enter"]),
    ("help", (120, 40), ["question_mark"]),
    ("small-terminal", (80, 24), ["shift+tab", "enter"]),
    # The type chooser: untick all, tick PER, show it (the rest of the text is dimmed).
    ("type-filter", (120, 36), ["t", "space", "down", "space", "enter"]),
    ("no-color", (120, 36), ["right_square_bracket", "right_square_bracket"]),
]

NO_COLOR_SHOTS = {"no-color"}
"""Shots taken as a terminal with NO_COLOR set shows the reader."""


async def shoot(name: str, size: tuple[int, int], keys: list[str]) -> Path:
    if name in NO_COLOR_SHOTS:
        os.environ["NO_COLOR"] = "1"
    try:
        app = make_app(str(bundled_article()))
    finally:
        os.environ.pop("NO_COLOR", None)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.8)  # let the jump's flash fade so the shot shows the steady state
        app.clear_notifications()
        await pilot.pause()
        path = OUT / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(OUT))
        return path


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, size, keys in SHOTS:
        print(await shoot(name, size, keys))


if __name__ == "__main__":
    asyncio.run(main())
