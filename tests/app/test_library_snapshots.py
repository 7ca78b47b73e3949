"""The library, search results and statistics, compared against reviewed SVG snapshots.

Update after a deliberate change of look with
``pytest tests/app/test_library_snapshots.py --snapshot-update`` (read the report first).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.corpora import make_corpus, write_dated_folders
from tests.support.snapshots import SIZES, steady_after
from tui.app.library_app import make_library_app

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


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(SCENES))
def test_library_screen(
    snap_compare: Callable[..., bool], tmp_path: Path, scene: str, size: tuple[int, int]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    app = make_library_app([str(corpus)], name="corpus/")
    assert snap_compare(app, terminal_size=size, run_before=steady_after(SCENES[scene]))


FOLDER_SCENES: dict[str, list[str]] = {
    "folders-and-dates": [],
    "folder-picker": ["d"],
    "one-folder": ["d", "j", "j", "j", "enter"],
    "statistics-dates": ["c"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(FOLDER_SCENES))
def test_library_folders_and_dates(
    snap_compare: Callable[..., bool], tmp_path: Path, scene: str, size: tuple[int, int]
) -> None:
    """An imported corpus's folders (a column, a picker with counts, a folder kept) and
    its articles' dates, guessed ones marked ``~``."""
    corpus = write_dated_folders(tmp_path / "corpus")
    app = make_library_app([str(corpus)], name="corpus/")
    assert snap_compare(app, terminal_size=size, run_before=steady_after(FOLDER_SCENES[scene]))


ECBPLUS_TOPIC = Path(__file__).resolve().parents[2] / "examples" / "ecbplus-topic1"
"""ECB+ topic 1 as imported (CC BY 3.0, Cybulska and Vossen, LREC 2014; see SOURCE.md)."""

ECBPLUS_SCENES: dict[str, list[str]] = {
    "library": [],
    "entity-index": ["i"],
    "entity-mentions": ["i", "enter"],
    "statistics": ["c"],
    # The corpus event told most (39 events in 18 articles), then the next article's card.
    "tellings": ["i", "v", "enter"],
    "tellings-next": ["i", "v", "enter", "right"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(ECBPLUS_SCENES))
def test_ecbplus_corpus_screens(
    snap_compare: Callable[..., bool], scene: str, size: tuple[int, int]
) -> None:
    """The screens of a real corpus's long type names (HUMAN_PART_PER, …), whole where
    they fit and by short forms that keep them apart where they do not."""
    app = make_library_app([str(ECBPLUS_TOPIC)], name="ecbplus-topic1/")
    assert snap_compare(app, terminal_size=size, run_before=steady_after(ECBPLUS_SCENES[scene]))
