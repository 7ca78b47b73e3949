"""What a mention of several fragments, attributes and their glyph look like, compared
against reviewed SVG snapshots at 80x24 and 160x50."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.snapshots import SIZES, steady_after
from tui.app.reader_app import make_app

FRAGMENTS = Path(__file__).parent / "data" / "fragments.yaml"

SCENES: dict[str, list[str]] = {
    "negated-event": ["e"],
    "possible-event": ["e", "e"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(snap_compare: Callable[..., bool], scene: str, size: tuple[int, int]) -> None:
    app = make_app(str(FRAGMENTS))
    assert snap_compare(app, terminal_size=size, run_before=steady_after(SCENES[scene]))
