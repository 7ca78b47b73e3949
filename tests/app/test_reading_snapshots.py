"""Snapshots of the reading loop: NO_COLOR cues, the type filter in the text, narrow panes.

Update after a deliberate change of look with ``--snapshot-update`` and read
``snapshot_report.html`` first.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.snapshots import SIZES, steady_after
from tui.app.reader_app import make_app
from tui.cli.main import bundled_article

SCENES: dict[str, list[str]] = {
    "no-color": ["right_square_bracket", "right_square_bracket"],
    # Rows of the type dialog: All, PER, ORG, ...: untick all, tick PER, apply.
    "type-filter-person": ["t", "space", "down", "space", "enter"],
    "plain-reading": ["c"],
    "entities-shown-narrow": ["less_than_sign"],
    "open-file": ["O"],
}


@pytest.mark.parametrize("size", [*SIZES, pytest.param((60, 20), id="60x20")])
@pytest.mark.parametrize("scene", list(SCENES))
def test_reading(
    snap_compare: Callable[..., bool],
    monkeypatch: pytest.MonkeyPatch,
    scene: str,
    size: tuple[int, int],
) -> None:
    if scene == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("XDG_STATE_HOME", "/nonexistent-state")  # no recent files shown
    app = make_app(str(bundled_article()))
    assert snap_compare(app, terminal_size=size, run_before=steady_after(SCENES[scene]))
