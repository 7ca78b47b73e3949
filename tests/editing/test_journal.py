"""The journal of unsaved edits: what it writes, what it gives back, and that a broken
state folder or a damaged journal never stops the app."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tui.core.editing import journal as journal_module
from tui.core.editing.journal import (
    JOURNAL_VERSION,
    Journal,
    content_digest,
    examine,
    journal_folder,
    journal_path,
    pending,
)

BASE = content_digest(b"entities: []\n")
OTHER = content_digest(b"entities: [changed]\n")


@pytest.fixture
def annotation(tmp_path: Path) -> Path:
    path = tmp_path / "article.yaml"
    path.write_text("entities: []\n")
    return path


def edit(number: int) -> dict[str, Any]:
    return {"kind": "rename_entity", "entity_id": f"e{number}", "name": f"Name {number}"}


def test_each_step_is_on_disk_with_a_header_naming_the_file_and_its_content(
    annotation: Path,
) -> None:
    journal = Journal.open(annotation, BASE)
    journal.record(edit(1))
    journal.record(edit(2))
    journal.record_undo()
    journal.record_redo()
    journal.record_undo()
    journal.record(edit(3))
    path = journal_path(annotation)
    assert path.parent == journal_folder()
    assert path.name.endswith(".jsonl") and len(path.stem) == 64
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines[0] == {
        "gloss_journal": JOURNAL_VERSION,
        "annotation": str(annotation.resolve()),
        "base": BASE,
    }
    assert [line["op"] for line in lines[1:]] == ["edit", "edit", "undo", "redo", "undo", "edit"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert journal.problem is None
    journal.close()
    # Undo and redo are folded in: the state the app had, not every edit made.
    assert pending(annotation, BASE) == [edit(1), edit(3)]


def test_opening_writes_nothing_so_a_waiting_journal_is_kept(annotation: Path) -> None:
    first = Journal.open(annotation, BASE)
    first.record(edit(1))
    first.close()
    reader = Journal.open(annotation, BASE)  # reopened, no edit yet
    assert pending(annotation, BASE) == [edit(1)]
    reader.close()
    assert pending(annotation, BASE) == [edit(1)]


def test_a_journal_for_another_version_of_the_file_is_not_offered(annotation: Path) -> None:
    with Journal.open(annotation, BASE) as journal:
        journal.record(edit(1))
    found = examine(annotation, OTHER)
    assert found.entries is None and found.base == BASE
    assert found.problem is not None and "another version of the file" in found.problem
    assert pending(annotation, OTHER) is None
    assert pending(annotation.parent / "unrelated.yaml", BASE) is None
    assert examine(annotation.parent / "unrelated.yaml", BASE).problem is None


def test_saving_starts_afresh_and_discarding_removes_it(annotation: Path) -> None:
    journal = Journal.open(annotation, BASE)
    journal.record(edit(1))
    journal.saved(OTHER)
    assert not journal_path(annotation).exists()  # nothing unsaved until the next edit
    assert pending(annotation, BASE) is None
    journal.record(edit(2))
    journal.close()
    assert pending(annotation, OTHER) == [edit(2)]
    assert json.loads(journal_path(annotation).read_text().splitlines()[0])["base"] == OTHER
    journal.discard()
    assert not journal_path(annotation).exists()
    assert pending(annotation, OTHER) is None
    journal.record(edit(3))  # a discarded journal starts again at the next edit
    journal.close()
    assert pending(annotation, OTHER) == [edit(3)]


def test_undoing_past_the_last_save_is_said_and_not_replayed(annotation: Path) -> None:
    journal = Journal.open(annotation, BASE)
    journal.record(edit(1))
    journal.saved(OTHER)
    journal.record_undo()  # back to the content before the save: not on disk any more
    assert journal.problem is not None and "past the last save" in journal.problem
    journal.close()
    found = examine(annotation, OTHER)
    assert found.entries is None and found.problem is not None
    journal = Journal.open(annotation, OTHER, resume=True)
    assert journal.problem is not None and "past the last save" in journal.problem
    journal.record_redo()  # the saved content again
    assert journal.problem is None
    journal.close()
    assert pending(annotation, OTHER) == []
    journal = Journal.open(annotation, OTHER, resume=True)
    journal.record_undo()
    journal.record(edit(2))  # an edit on a state the file cannot give
    assert journal.problem is not None and "save to keep them safe" in journal.problem
    journal.close()
    assert pending(annotation, OTHER) is None
    journal.saved(content_digest(b"new"))
    assert journal.problem is None


def test_resuming_adds_to_the_restored_journal(annotation: Path) -> None:
    with Journal.open(annotation, BASE) as journal:
        journal.record(edit(1))
        journal.record(edit(2))
    restored = pending(annotation, BASE)
    assert restored == [edit(1), edit(2)]
    with Journal.open(annotation, BASE, resume=True) as resumed:
        resumed.record_undo()
        resumed.record(edit(3))
        assert resumed.problem is None
    assert pending(annotation, BASE) == [edit(1), edit(3)]
    # Resuming a journal of another content starts afresh at the next edit.
    with Journal.open(annotation, OTHER, resume=True) as other:
        other.record(edit(4))
    assert pending(annotation, OTHER) == [edit(4)]


def test_a_line_cut_short_by_a_kill_is_dropped_and_resuming_cuts_it_off(annotation: Path) -> None:
    with Journal.open(annotation, BASE) as journal:
        journal.record(edit(1))
        journal.record(edit(2))
    path = journal_path(annotation)
    whole = path.read_bytes()
    path.write_bytes(whole[:-9])  # the second edit's line, half written
    found = examine(annotation, BASE)
    assert found.entries == [edit(1)] and found.problem is None
    with Journal.open(annotation, BASE, resume=True) as resumed:
        resumed.record(edit(3))
    found = examine(annotation, BASE)
    assert found.entries == [edit(1), edit(3)] and found.problem is None
    assert path.read_bytes().count(b"\n") == 3  # the half line is gone, not joined


def test_damaged_lines_are_skipped_and_counted(annotation: Path) -> None:
    with Journal.open(annotation, BASE) as journal:
        journal.record(edit(1))
    path = journal_path(annotation)
    with open(path, "ab") as handle:
        handle.write(b"not json\n")
        handle.write(b"[" * 100_000 + b"\n")  # nested past any stack
        handle.write(b"\xff\xfe\n")
        handle.write(b'{"op": "edit", "entry": [1, 2]}\n')
        handle.write(b'{"op": "explode"}\n')
        handle.write(b"42\n")
        handle.write(b'{"op": "redo"}\n')  # nothing to redo: ignored
        handle.write(json.dumps({"op": "edit", "entry": edit(2)}).encode() + b"\n")
    found = examine(annotation, BASE)
    assert found.entries == [edit(1), edit(2)]
    assert found.problem == "skipped 6 damaged lines of the journal"


@pytest.mark.parametrize(
    ("first_line", "says"),
    [
        (b"garbage\n", "first line is not a journal's"),
        (b'{"gloss_journal": 99, "annotation": "x", "base": "y"}\n', "version 99"),
        (b'{"gloss_journal": 1, "annotation": "/elsewhere.yaml", "base": "y"}\n', "another file"),
        (b'{"gloss_journal": 1, "annota', "cut short"),
        (b"", "empty"),
    ],
)
def test_a_damaged_header_is_said_in_one_line(
    annotation: Path, first_line: bytes, says: str
) -> None:
    path = journal_path(annotation)
    path.parent.mkdir(parents=True)
    path.write_bytes(first_line)
    found = examine(annotation, BASE)
    assert found.entries is None
    assert found.problem is not None and says in found.problem and "\n" not in found.problem


def test_a_huge_journal_is_not_read_and_a_full_one_stops_writing(
    annotation: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_module, "MAX_JOURNAL_BYTES", 2048)
    journal = Journal.open(annotation, BASE)
    for number in range(100):
        journal.record(edit(number))
    assert journal.problem is not None and "reached" in journal.problem
    size = journal_path(annotation).stat().st_size
    assert size <= 2048
    journal.record(edit(101))
    assert journal_path(annotation).stat().st_size == size  # nothing more is written
    entries = pending(annotation, BASE)
    assert entries is not None and entries == [edit(n) for n in range(len(entries))]
    journal.close()
    with open(journal_path(annotation), "ab") as handle:
        handle.write(b" " * 4096 + b"\n")
    found = examine(annotation, BASE)
    assert found.entries is None and found.problem is not None and "over" in found.problem


def test_a_state_folder_that_cannot_be_made_is_said_and_editing_goes_on(
    annotation: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("")
    journal = Journal.open(annotation, BASE, state_dir=blocker / "gloss")
    journal.record(edit(1))
    journal.record_undo()
    journal.record_redo()
    assert journal.problem is not None and journal.problem.startswith("edits are not journaled")
    assert "\n" not in journal.problem
    journal.saved(OTHER)
    journal.discard()
    assert pending(annotation, BASE, state_dir=blocker / "gloss") is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_state_folder_is_said(annotation: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir(mode=0o500)
    try:
        journal = Journal.open(annotation, BASE, state_dir=state)
        journal.record(edit(1))
        assert journal.problem is not None and "Permission denied" in journal.problem
    finally:
        state.chmod(0o700)


def test_a_journal_folder_that_is_a_link_is_never_written_through(
    annotation: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    state = tmp_path / "state"
    state.mkdir()
    (state / "journal").symlink_to(victim)
    journal = Journal.open(annotation, BASE, state_dir=state)
    journal.record(edit(1))
    assert journal.problem is not None and "link" in journal.problem
    assert list(victim.iterdir()) == []
    found = examine(annotation, BASE, state_dir=state)
    assert found.entries is None and found.problem is not None and "link" in found.problem
    journal.discard()
    assert list(victim.iterdir()) == []


def test_a_journal_that_is_a_link_is_replaced_never_followed(
    annotation: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("keep me\n")
    path = journal_path(annotation)
    path.parent.mkdir(parents=True)
    path.symlink_to(secret)
    found = examine(annotation, BASE)
    assert found.entries is None and found.problem is not None and "link" in found.problem
    with Journal.open(annotation, BASE, resume=True) as journal:
        journal.record(edit(1))
        assert journal.problem is None
    assert secret.read_text() == "keep me\n"
    assert not path.is_symlink()
    assert pending(annotation, BASE) == [edit(1)]


def test_a_second_gloss_on_the_same_file_does_not_take_the_journal_over(
    annotation: Path,
) -> None:
    first = Journal.open(annotation, BASE)
    first.record(edit(1))
    second = Journal.open(annotation, BASE)
    second.record(edit(2))
    assert second.problem is not None and "another gloss" in second.problem
    found = examine(annotation, BASE)
    assert found.entries is None and found.problem is not None and "another gloss" in found.problem
    first.record(edit(3))
    first.close()
    assert pending(annotation, BASE) == [edit(1), edit(3)]


def test_an_entry_that_is_not_json_stops_the_journal_rather_than_raising(
    annotation: Path,
) -> None:
    journal = Journal.open(annotation, BASE)
    journal.record(edit(1))
    journal.record({"kind": "x", "span": {1, 2}})
    assert journal.problem is not None and "JSON" in journal.problem
    journal.record(edit(2))  # a journal with a step missing would replay wrongly
    assert pending(annotation, BASE) == [edit(1)]
