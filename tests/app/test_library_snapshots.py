"""The library, search results and statistics, compared against reviewed SVG snapshots.

Update after a deliberate change of look with
``pytest tests/app/test_library_snapshots.py --snapshot-update`` (read the report first).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.library_fixtures import make_corpus
from tui.library_app import LibraryApp, make_library_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 50), id="160x50")]

SCENES: dict[str, list[str]] = {
    "library": [],
    "library-sorted-by-title": ["s"],
    "search": ["slash", *"type:GPE", "enter"],
    "statistics": ["c"],
}


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


def steady_after(keys: list[str]) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Wait for the index, press ``keys``, let workers finish and drop toasts."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, LibraryApp)
        for _ in range(200):
            await pilot.pause(0.05)
            if not app.library.indexing:
                break
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(SCENES))
def test_library_screen(
    snap_compare: Callable[..., bool], tmp_path: Path, scene: str, size: tuple[int, int]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    app = make_library_app([str(corpus)], name="corpus/")
    assert snap_compare(app, terminal_size=size, run_before=steady_after(SCENES[scene]))
