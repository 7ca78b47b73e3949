"""Snapshots of a bare text (no annotation file yet): in the reader, and in the library.

Update after a deliberate change of look with
``pytest tests/app/test_bare_snapshots.py --snapshot-update`` (read the report first).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.corpora import make_corpus
from tests.support.snapshots import SIZES, steady_after
from tui.app.library_app import make_library_app
from tui.app.reader_app import make_app

NEWS = """\
Port of Casablanca reopens after the storm

May 3, 2013

CASABLANCA - The port of Casablanca reopened on Friday after three days in which no \
ship could enter or leave, the harbour master said.

Dockers returned to work at dawn. A first container ship, the Atlas Star, was \
unloaded by noon, and the queue of lorries at the gates had gone by the evening.

"We lost three days, not the season," said Nadia Laroui, who runs a freight company \
in the old town. The ministry of transport said repairs to the breakwater would \
begin next month.
"""


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.mark.parametrize("size", SIZES)
def test_reader_on_a_bare_text(
    snap_compare: Callable[..., bool], tmp_path: Path, size: tuple[int, int]
) -> None:
    text = tmp_path / "casablanca-port.txt"
    text.write_text(NEWS, encoding="utf-8")
    app = make_app(str(text))
    assert snap_compare(app, terminal_size=size, run_before=steady_after([]))


@pytest.mark.parametrize("size", SIZES)
def test_library_with_a_bare_text(
    snap_compare: Callable[..., bool], tmp_path: Path, size: tuple[int, int]
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    (corpus / "casablanca-port.txt").write_text(NEWS, encoding="utf-8")
    app = make_library_app([str(corpus)], name="corpus/")
    assert snap_compare(app, terminal_size=size, run_before=steady_after([]))
