"""The read rule: resolved, inside the annotation's folder, a regular file, capped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.core.saferead import (
    ReadRefused,
    excerpt,
    is_inside,
    read_capped,
    read_with_stat,
    resolve_named,
)


def test_a_name_inside_resolves_to_its_real_path(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x")
    (tmp_path / "link.txt").symlink_to(tmp_path / "sub" / "a.txt")
    yaml = str(tmp_path / "a.yaml")
    assert resolve_named(yaml, "sub/a.txt") == str((tmp_path / "sub" / "a.txt").resolve())
    assert resolve_named(yaml, "link.txt") == str((tmp_path / "sub" / "a.txt").resolve())


@pytest.mark.parametrize("name", ["../out.txt", "/etc/hostname", "up.txt", "sub/../../out.txt"])
def test_a_name_resolving_outside_is_refused_unless_allowed(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "doc"
    folder.mkdir()
    (tmp_path / "out.txt").write_text("secret")
    (folder / "up.txt").symlink_to(tmp_path / "out.txt")
    with pytest.raises(ReadRefused, match=r"is outside the folder of a\.yaml"):
        resolve_named(str(folder / "a.yaml"), name)
    assert resolve_named(str(folder / "a.yaml"), name, allow_outside=True)


def test_a_sibling_folder_with_the_same_prefix_is_outside(tmp_path: Path) -> None:
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc-evil").mkdir()
    assert not is_inside(str(tmp_path / "doc"), str(tmp_path / "doc-evil" / "a.txt"))
    assert is_inside(str(tmp_path / "doc"), str(tmp_path / "doc" / "a.txt"))


def test_read_capped_counts_bytes_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_capped(str(path), 100) == b"x" * 100
    with pytest.raises(ReadRefused, match="over the 99 bytes limit"):
        read_capped(str(path), 99)


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null", "/proc/self"])
def test_read_capped_refuses_what_is_not_a_regular_file(path: str) -> None:
    with pytest.raises(ReadRefused, match="not a regular file"):
        read_capped(path, 1024)


def test_read_capped_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(ReadRefused, match="a pipe"):
        read_capped(str(tmp_path / "pipe"), 1024)


def test_read_capped_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadRefused, match="does not exist"):
        read_capped(str(tmp_path / "none"), 1024)


def test_read_with_stat_gives_the_stat_of_the_file_it_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    os.utime(path, ns=(1, 1_000_000_007))
    data, info = read_with_stat(str(path), 10)
    assert (data, info.st_size, info.st_mtime_ns) == (b"abc", 3, 1_000_000_007)


def test_read_with_stat_can_refuse_a_link(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"abc")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    assert read_with_stat(str(tmp_path / "link.txt"), 10)[0] == b"abc"
    with pytest.raises(ReadRefused, match="cannot be read"):
        read_with_stat(str(tmp_path / "link.txt"), 10, follow_links=False)


def test_read_with_stat_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(ReadRefused, match="a pipe"):
        read_with_stat(str(tmp_path / "pipe"), 1024, follow_links=False)


def test_excerpt_is_short() -> None:
    assert excerpt("short") == "short"
    assert excerpt("x" * 100) == "x" * 39 + "…"
