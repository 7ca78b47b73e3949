"""What the screen looks like, compared against reviewed SVG snapshots.

Update after a deliberate change of look with ``make snapshot-update`` and read
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
    "entity-selected": ["shift+tab", "down", "enter", "n"],
    "event-passage": ["tab", "down", "enter"],
    "help": ["question_mark"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(snap_compare: Callable[..., bool], scene: str, size: tuple[int, int]) -> None:
    app = make_app(str(bundled_article()))
    assert snap_compare(app, terminal_size=size, run_before=steady_after(SCENES[scene]))
