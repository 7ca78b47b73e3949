"""The jump list and the remembered places (a damaged or unwritable file is only a notice)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.app.bindings import binding_rows
from tui.core.reading.jumps import JumpList, Place, PositionStore


def test_back_and_forward_like_a_browser() -> None:
    jumps = JumpList()
    a, b, c = Place("a.yaml", entity="x", mention=0), Place("b.yaml", 5), Place("c.yaml", 9)
    jumps.record(a)
    jumps.record(b)
    assert jumps.back(c) == b
    assert jumps.back(b) == a
    assert jumps.back(a) is None
    assert jumps.forward(a) == b
    assert jumps.forward(b) == c
    assert jumps.forward(c) is None
    # A new jump after going back forgets the way forward.
    assert jumps.back(c) == b
    jumps.record(Place("d.yaml"))
    assert jumps.forward_places == []


def test_the_same_spot_is_kept_once_and_the_list_is_capped() -> None:
    jumps = JumpList(limit=3)
    jumps.record(Place("a.yaml", 1, entity="x", mention=2))
    jumps.record(Place("a.yaml", 40, entity="x", mention=2))
    assert len(jumps.back_places) == 1
    for number in range(10):
        jumps.record(Place(f"{number}.yaml", number))
    assert [p.path for p in jumps.back_places] == ["7.yaml", "8.yaml", "9.yaml"]


def test_a_floor_keeps_the_places_left_before_a_list_was_entered() -> None:
    jumps = JumpList()
    here = Place("a.yaml", entity="reid", mention=1)
    jumps.record(here)  # left before the list was entered
    assert jumps.mark() == 1
    jumps.record(here)  # the same spot above the floor is a place of its own
    assert len(jumps.back_places) == 2
    jumps.record(Place("a.yaml", entity="reid", mention=1, offset=40))  # kept once above it
    assert len(jumps.back_places) == 2
    later = Place("a.yaml", entity="reid", mention=2)
    assert jumps.back(later, floor=1) == Place("a.yaml", entity="reid", mention=1, offset=40)
    assert jumps.back(here, floor=1) is None  # the floor: back to the list, not before it
    assert len(jumps.back_places) == 1


def test_arrival_is_taken_once_and_only_by_its_article() -> None:
    jumps = JumpList()
    jumps.arrival = Place("a.yaml", 3)
    assert jumps.take_arrival("b.yaml") is None
    jumps.arrival = Place("a.yaml", 3)
    assert jumps.take_arrival("a.yaml") == Place("a.yaml", 3)
    assert jumps.take_arrival("a.yaml") is None


def test_places_are_remembered_by_content_across_runs(tmp_path: Path) -> None:
    store = PositionStore(tmp_path)
    store.remember("hash1", Place("a.yaml", 120, entity="e1", mention=3))
    again = PositionStore(tmp_path)
    assert again.notice is None
    # The same content under another name is the same article.
    assert again.recall("hash1", "moved/a.yaml") == Place("moved/a.yaml", 120, "e1", 3)
    assert again.recall("other", "a.yaml") is None


@pytest.mark.parametrize(
    "content", [b"{not json", b"[]", b'{"format": 1, "places": 3}', b"\xff\xfe", b'{"format": 9}']
)
def test_a_damaged_file_is_ignored_with_a_notice(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "positions.json").write_bytes(content)
    store = PositionStore(tmp_path)
    assert store.notice is not None and "damaged" in store.notice
    assert "\n" not in store.notice
    store.remember("h", Place("a.yaml", 1))  # still works


def test_bad_values_in_a_place_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "positions.json").write_text(
        '{"format": 1, "places": {"h": {"offset": "x"}, "k": {"offset": -4}}}'
    )
    store = PositionStore(tmp_path)
    assert store.recall("h", "a.yaml") is None
    assert store.recall("k", "a.yaml") is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_folder_is_a_notice_once(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        store = PositionStore(folder)
        store.remember("h", Place("a.yaml", 1))
        assert store.notice is not None and "cannot save positions" in store.notice
        store.notice = None
        store.remember("h", Place("a.yaml", 2))
        assert store.notice is None  # said once
        assert store.recall("h", "a.yaml") == Place("a.yaml", 2)  # kept for this run
    finally:
        folder.chmod(0o700)


def test_a_state_path_that_is_a_folder_is_a_notice(tmp_path: Path) -> None:
    (tmp_path / "positions.json").mkdir()
    store = PositionStore(tmp_path)
    assert store.notice is not None
    store.remember("h", Place("a.yaml", 1))
    assert store.notice is not None and "\n" not in store.notice


def test_help_of_the_library_shows_the_jump_keys() -> None:
    rows = {(keys, description) for _, keys, description in binding_rows(library=True)}
    assert ("ctrl+o", "Jump back") in rows
    assert ("ctrl+f", "Jump forward") in rows
    assert ("x", "Same entity, next article") in rows
    assert ("i", "Entity index") in rows
    reader_only = {(keys, description) for _, keys, description in binding_rows()}
    assert ("ctrl+o", "Jump back") in reader_only  # the single reader has the jump list too


def test_a_failing_write_is_a_notice_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: str, data: str) -> str:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("tui.core.reading.jumps.write_file", refuse)
    store = PositionStore(tmp_path)
    store.remember("h", Place("a.yaml", 1))
    assert store.notice is not None and "Read-only file system" in store.notice
    store.notice = None
    store.remember("h", Place("a.yaml", 2))
    assert store.notice is None
    assert store.recall("h", "a.yaml") == Place("a.yaml", 2)
