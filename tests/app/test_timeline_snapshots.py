"""What the timeline looks like, compared against reviewed SVG snapshots (80x24, 160x50),
in colour and with NO_COLOR, where realis must still read from glyphs and text styles."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.snapshots import SIZES, steady_after
from tui.app.reader_app import make_app
from tui.cli.main import bundled_article

SCENES: dict[str, list[str]] = {
    "timeline": ["T"],
    "timeline-zoomed": ["T", *["j"] * 19, *["plus"] * 6],
    "timeline-lanes": [
        "T",
        "l",
        "down",
        "down",
        "down",
        "down",
        "down",
        "down",
        "down",
        "down",
        "enter",
    ],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(SCENES))
def test_timeline(snap_compare: Callable[..., bool], scene: str, size: tuple[int, int]) -> None:
    app = make_app(str(bundled_article()))
    assert snap_compare(app, terminal_size=size, run_before=steady_after(SCENES[scene]))


@pytest.mark.parametrize("size", SIZES)
def test_timeline_without_colour(
    snap_compare: Callable[..., bool], size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(str(bundled_article()))
    assert app.no_color
    assert snap_compare(app, terminal_size=size, run_before=steady_after(["T", "j", "j", "j"]))


@pytest.mark.parametrize("size", SIZES)
def test_corpus_timeline(snap_compare: Callable[..., bool], size: tuple[int, int]) -> None:
    from tui.app.timeline_app import CorpusTimelineApp
    from tui.core.timeline.table import load_target

    app = CorpusTimelineApp(load_target(str(bundled_article().parent)).loaded)
    assert snap_compare(app, terminal_size=size, run_before=steady_after(["j", "j"]))
