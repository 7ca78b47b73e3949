"""The reader on an ECB+ article imported by ``gloss import cat`` (the shipped demo
corpus), compared against reviewed SVG snapshots at 80x24 and 160x50."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.snapshots import steady_after
from tui.app.reader_app import make_app

DEMO = Path(__file__).resolve().parents[2] / "examples" / "ecbplus-topic1" / "1_1ecbplus.yaml"

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 50), id="160x50")]

SCENES: dict[str, list[str]] = {
    "start": [],
    # The person chain (Lindsay Lohan, 11 mentions), then its second mention.
    "chain": ["shift+tab", "down", "down", "down", "enter", "n"],
    # The first event of the events list: one telling of a cross-document happening.
    "event": ["tab", "enter"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(SCENES))
def test_ecbplus_screen(
    snap_compare: Callable[..., bool], scene: str, size: tuple[int, int]
) -> None:
    app = make_app(str(DEMO))
    assert snap_compare(app, terminal_size=size, run_before=steady_after(SCENES[scene]))
