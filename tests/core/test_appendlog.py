"""The one writer's append-only log: made without following a link, private, synced,
locked while open, and a line cut short by a kill cut off before anything is added."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tui.core.files.safewrite import AppendLog, WriteRefused, in_use


def test_a_log_is_private_synced_and_locked_while_open(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    log = AppendLog.create(str(path), b"head\n")
    log.append(b"one\n")
    assert path.read_bytes() == b"head\none\n" and log.size == 9
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert in_use(str(path))
    with pytest.raises(WriteRefused, match="another gloss"):
        AppendLog.create(str(path), b"other\n")
    with pytest.raises(WriteRefused, match="another gloss"):
        AppendLog.reopen(str(path))
    log.close()
    assert not in_use(str(path))
    with pytest.raises(WriteRefused, match="closed"):
        log.append(b"two\n")
    assert [p.name for p in tmp_path.iterdir()] == ["log.jsonl"]  # no temporary left


def test_a_link_is_replaced_on_create_and_refused_on_reopen(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    path = tmp_path / "log.jsonl"
    path.symlink_to(victim)
    with pytest.raises(WriteRefused, match="symbolic link"):
        AppendLog.reopen(str(path))
    AppendLog.create(str(path), b"head\n").close()
    assert not path.is_symlink() and path.read_bytes() == b"head\n"
    assert victim.read_text() == "mine\n"
    linked_folder = tmp_path / "linked"
    linked_folder.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    with pytest.raises(WriteRefused, match="folder is a symbolic link"):
        AppendLog.create(str(linked_folder / "log.jsonl"), b"head\n")
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_reopening_cuts_off_a_last_line_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(b"head\n" + b"x" * 200_000)  # a last line longer than one read back
    log = AppendLog.reopen(str(path))
    assert log.size == 5
    log.append(b"next\n")
    log.close()
    assert path.read_bytes() == b"head\nnext\n"
    path.write_bytes(b"no newline at all")
    AppendLog.reopen(str(path)).close()
    assert path.read_bytes() == b""


def test_a_fifo_is_not_a_log(tmp_path: Path) -> None:
    path = tmp_path / "fifo"
    os.mkfifo(path)
    assert not in_use(str(path))
    with pytest.raises(WriteRefused, match="not a regular file"):
        AppendLog.reopen(str(path))
