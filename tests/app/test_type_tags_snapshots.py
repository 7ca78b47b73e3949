"""Snapshots of the type tags drawn after mentions with NO_COLOR, at 80x24 and 160x50.

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
    "start": [],
    # Rows of the type dialog: All, PER, ORG, GPE, ...: untick all, tick GPE, apply.
    "gpe-only": ["t", "space", "down", "down", "down", "space", "enter"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(SCENES))
def test_no_color_type_tags(
    snap_compare: Callable[..., bool],
    monkeypatch: pytest.MonkeyPatch,
    scene: str,
    size: tuple[int, int],
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("XDG_STATE_HOME", "/nonexistent-state")  # no recent files shown
    app = make_app(str(bundled_article()))
    assert snap_compare(app, terminal_size=size, run_before=steady_after(SCENES[scene]))
