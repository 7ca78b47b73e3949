"""Write the README's screenshots (SVG) from the real app on the bundled article.

Run with ``make screenshots``. Each shot is a headless run at a fixed size with
the keys a reader would press.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from textual.app import App

from tui.app.reader_app import make_app
from tui.app.screens.diff import make_diff_app
from tui.cli.main import bundled_article
from tui.core.files.safewrite import write_file

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
    ("timeline", (160, 50), ["T", "l", *["down"] * 8, "enter"]),
    # Annotate mode: two words selected, then the type picker for them, then an event's
    # argument (its role taken, the entity picked next).
    ("annotate", (160, 50), ["m", "right", "right", "shift+right"]),
    ("annotate-type-picker", (120, 36), ["m", "right", "right", "shift+right", "e"]),
    ("annotate-argument", (160, 50), ["tab", "enter", "m", "plus", "enter"]),
]

DIFF_PAIR = Path(__file__).resolve().parent.parent / "tests" / "compare" / "data"
DIFF_SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("diff", (160, 50), ["right_square_bracket"] * 3),
]
"""``gloss diff`` on the hand-made pair of the tests (a.yaml against b.yaml)."""


def diff_app() -> App[None]:
    return make_diff_app(
        os.path.relpath(DIFF_PAIR / "a.yaml"), os.path.relpath(DIFF_PAIR / "b.yaml")
    )


ECBPLUS = Path(__file__).resolve().parent.parent / "examples" / "ecbplus-topic1" / "1_1ecbplus.yaml"
"""An ECB+ article as gloss import cat writes it (the demo corpus)."""

ECBPLUS_SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("ecbplus", (160, 50), ["shift+tab", "down", "down", "down", "enter", "n"]),
]

NO_COLOR_SHOTS = {"no-color"}
"""Shots taken as a terminal with NO_COLOR set shows the reader."""


def ecbplus_app() -> App[None]:
    return make_app(str(ECBPLUS))


async def shoot(
    name: str, size: tuple[int, int], keys: list[str], build: Callable[[], App[None]] | None = None
) -> Path:
    if name in NO_COLOR_SHOTS:
        os.environ["NO_COLOR"] = "1"
    try:
        app = build() if build is not None else make_app(str(bundled_article()))
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
        # The project's own screenshots are replaced on purpose (force); like every gloss
        # writer, this never writes through a link.
        write_file(str(path), app.export_screenshot(), force=True)
        return path


async def main() -> None:
    # The shots show gloss as a new user meets it: no remembered places, recent files,
    # configured keys or theme from whoever runs the script.
    scratch = tempfile.mkdtemp(prefix="gloss-screenshots-")
    for variable in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        os.environ[variable] = os.path.join(scratch, variable.lower())
    OUT.mkdir(exist_ok=True)
    for name, size, keys in SHOTS:
        print(await shoot(name, size, keys))
    for name, size, keys in DIFF_SHOTS:
        print(await shoot(name, size, keys, diff_app))
    for name, size, keys in ECBPLUS_SHOTS:
        print(await shoot(name, size, keys, ecbplus_app))
    from corpus_screenshots import shoot_library  # beside this script

    for path in await shoot_library(OUT):
        print(path)
    from crossdoc_screenshots import shoot_entity_index  # beside this script

    for path in await shoot_entity_index(OUT):
        print(path)
    from suggest_screenshots import shoot_suggestions  # beside this script

    print(await shoot_suggestions(OUT))


if __name__ == "__main__":
    asyncio.run(main())
