"""Snapshots of reviewing suggestions: the suggestions pane by entity, the current one
selected, the rest drawn apart from the annotations, the reason in the details panel.

Update after a deliberate change of look with
``pytest tests/app/test_suggest_snapshots.py --snapshot-update`` (read the report first).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.snapshots import SIZES, steady_after
from tests.support.suggesting import write_article
from tui.app.reader_app import make_app


@pytest.mark.parametrize("size", SIZES)
def test_reviewing_suggestions(
    snap_compare: Callable[..., bool], tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(str(write_article(tmp_path / "iai")))
    assert snap_compare(app, terminal_size=size, run_before=steady_after(["S", "n"]))
