"""The entity index, a corpus entity's mentions, tellings, a cross-document step and the
jump list, compared against reviewed SVG snapshots (80x24 and 160x50).

Update after a deliberate change of look with
``pytest tests/app/test_crossdoc_snapshots.py --snapshot-update`` (read the report first).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.corpora import write_corpus
from tests.support.snapshots import SIZES, steady_after
from tui.app.library_app import make_library_app

SCENES: dict[str, list[str]] = {
    "entity-index": ["i"],
    "entity-index-guessed": ["i", "m"],
    "entity-mentions": ["i", "down", "enter"],
    "tellings": ["i", "v", "enter"],
    # Read a-visit, select Rabat, step to the next article that mentions it.
    "cross-document-step": ["shift+tab", "enter", "n", "x"],
    # ... then back with the jump list.
    "jump-back": ["shift+tab", "enter", "n", "x", "ctrl+o"],
}


@pytest.fixture(autouse=True)
def isolated_places(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("xdg-state")))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(SCENES))
def test_crossdoc_screen(
    snap_compare: Callable[..., bool], tmp_path: Path, scene: str, size: tuple[int, int]
) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    app = make_library_app([str(corpus)], name="corpus/")
    assert snap_compare(app, terminal_size=size, run_before=steady_after(SCENES[scene]))
