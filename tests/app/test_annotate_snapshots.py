"""Snapshots of annotate mode: the selection and the status line, the type picker, and
the two steps of adding an event's argument (its role, then who fills it).

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
    # Two words selected: the status line names them.
    "annotate-mode": ["m", "right", "shift+right"],
    "annotate-no-color": ["m", "right", "shift+right"],
    "type-picker": ["m", "right", "e"],
    # The first event chosen in the event list (no notice over the dialogs), then
    # annotate: its argument's role, then its entity.
    "role-picker": ["tab", "enter", "m", "plus"],
    "argument-picker": ["tab", "enter", "m", "plus", "enter"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(SCENES))
def test_annotating(
    snap_compare: Callable[..., bool],
    monkeypatch: pytest.MonkeyPatch,
    scene: str,
    size: tuple[int, int],
) -> None:
    if scene.endswith("no-color"):
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(str(bundled_article()))
    assert snap_compare(app, terminal_size=size, run_before=steady_after(SCENES[scene]))
