"""The one writer: no symlink followed, atomic replace, no clobbering of others' files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tui.core.files.safewrite import PlannedWrite, WriteRefused, write_file, write_files


@pytest.fixture(autouse=True)
def _private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def test_writes_a_new_file_and_replaces_its_own(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_file(str(target), "one")
    assert target.read_text() == "one"
    write_file(str(target), "two")  # gloss wrote it, so it may replace it
    assert target.read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt", "state"]


def test_refuses_a_file_it_did_not_write_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("the user's own")
    with pytest.raises(WriteRefused, match="gloss did not write it"):
        write_file(str(target), "replacement")
    assert target.read_text() == "the user's own"
    write_file(str(target), "replacement", force=True)
    assert target.read_text() == "replacement"


def test_same_content_is_not_a_clobber(tmp_path: Path) -> None:
    target = tmp_path / "same.txt"
    target.write_text("already")
    write_file(str(target), "already")
    assert target.read_text() == "already"


def test_never_writes_through_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    secret = victim / ".bashrc"
    secret.write_text("export PATH=...\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "doc.txt").symlink_to(secret)
    with pytest.raises(WriteRefused, match="symbolic link"):
        write_file(str(folder / "doc.txt"), "attacker text")
    assert secret.read_text() == "export PATH=...\n"
    # Forced, the link itself is replaced by a regular file; the target is untouched.
    write_file(str(folder / "doc.txt"), "attacker text", force=True)
    assert not (folder / "doc.txt").is_symlink()
    assert secret.read_text() == "export PATH=...\n"


def test_a_dangling_link_never_creates_its_target(tmp_path: Path) -> None:
    target = tmp_path / "victim" / ".bash_login"
    (tmp_path / "victim").mkdir()
    link = tmp_path / "corpus.txt"
    link.symlink_to(target)
    with pytest.raises(WriteRefused, match="symbolic link"):
        write_file(str(link), "echo owned")
    assert not target.exists()


def test_all_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("keep")
    planned = [
        PlannedWrite(str(tmp_path / "a.txt"), b"a"),
        PlannedWrite(str(tmp_path / "b.txt"), b"b"),
    ]
    with pytest.raises(WriteRefused) as raised:
        write_files(planned)
    assert raised.value.path.endswith("b.txt")
    assert not (tmp_path / "a.txt").exists()


def test_refuses_folders_and_fifos(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    with pytest.raises(WriteRefused, match="folder"):
        write_file(str(tmp_path / "dir"), "x", force=True)
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(WriteRefused, match="not a regular file"):
        write_file(str(tmp_path / "pipe"), "x", force=True)


def test_unwritable_state_still_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    write_file(str(tmp_path / "out.txt"), "x")
    assert (tmp_path / "out.txt").read_text() == "x"


def test_no_temporary_files_left_behind(tmp_path: Path) -> None:
    for index in range(3):
        write_file(str(tmp_path / "f.txt"), f"v{index}")
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_failure_while_writing_leaves_every_target_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.core.files.safewrite as safewrite

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    write_file(str(first), "old")
    real = safewrite._write_temporary
    calls: list[str] = []

    def failing(path: str, data: bytes, **options: Any) -> str:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(path, data, **options)

    monkeypatch.setattr(safewrite, "_write_temporary", failing)
    planned = [PlannedWrite(str(first), b"new"), PlannedWrite(str(second), b"new")]
    with pytest.raises(WriteRefused, match="No space left on device") as refused:
        write_files(planned)
    assert refused.value.path == str(second)
    assert first.read_text() == "old"  # nothing was renamed: the first is untouched too
    assert not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "state"]
