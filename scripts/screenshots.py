"""Write the README's screenshots (SVG) from the real app on the bundled article.

Run with ``make screenshots``. Each shot is a headless run at a fixed size with
the keys a reader would press.
"""

from __future__ import annotations

import asyncio
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
]


async def shoot(name: str, size: tuple[int, int], keys: list[str]) -> Path:
    app = make_app(str(bundled_article()))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.8)  # let the jump's flash fade so the shot shows the steady state
        path = OUT / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(OUT))
        return path


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, size, keys in SHOTS:
        print(await shoot(name, size, keys))


if __name__ == "__main__":
    asyncio.run(main())
