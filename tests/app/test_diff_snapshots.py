"""What the diff screen looks like, at 80x24 and 160x50, against reviewed SVG snapshots.

Update after a deliberate change of look with ``pytest tests/app/test_diff_snapshots.py
--snapshot-update`` and read ``snapshot_report.html`` first.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.screens.diff import make_diff_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 50), id="160x50")]
DATA = Path(__file__).parent.parent / "compare" / "data"

SCENES: dict[str, list[str]] = {
    "start": [],
    "third-difference": ["right_square_bracket"] * 3,
    "list-focused": ["tab", "down"],
}


def steady_after(keys: list[str]) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Press ``keys``, then wait out any flash and drop toasts, so shots are stable."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.8)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(SCENES))
def test_diff_screen(
    snap_compare: Callable[..., bool],
    scene: str,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(DATA)  # the header shows the paths as given: keep them short and stable
    app = make_diff_app("a.yaml", "b.yaml")
    assert snap_compare(app, terminal_size=size, run_before=steady_after(SCENES[scene]))


@pytest.mark.parametrize("size", SIZES)
def test_folder_table(
    snap_compare: Callable[..., bool],
    size: tuple[int, int],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = tmp_path_factory.mktemp("folders")
    for name, annotation in (("first", "a.yaml"), ("second", "b.yaml")):
        folder = root / name
        folder.mkdir()
        for text in ("article.txt", "other.txt"):
            shutil.copy(DATA / text, folder / text)
        shutil.copy(DATA / "other.yaml", folder / "markets.yaml")
        shutil.copy(DATA / annotation, folder / "one.yaml")
    app = make_diff_app(str(root / "first"), str(root / "second"))
    assert snap_compare(app, terminal_size=size, run_before=steady_after([]))
