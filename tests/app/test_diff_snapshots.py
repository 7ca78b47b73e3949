"""What the diff screen looks like, at 80x24 and 160x50, against reviewed SVG snapshots.

Update after a deliberate change of look with ``pytest tests/app/test_diff_snapshots.py
--snapshot-update`` and read ``snapshot_report.html`` first.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.snapshots import SIZES, steady_after
from tui.app.screens.diff import make_diff_app

DATA = Path(__file__).parent.parent / "compare" / "data"

SCENES: dict[str, list[str]] = {
    "start": [],
    "third-difference": ["right_square_bracket"] * 3,
    "list-focused": ["tab", "down"],
}


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
