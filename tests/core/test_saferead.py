"""The read rule: resolved, inside the annotation's folder, a regular file, capped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.core.files.saferead import (
    NotRegular,
    ReadRefused,
    TooLarge,
    Unreadable,
    is_inside,
    read_capped,
    read_capped_text,
    read_head,
    read_with_stat,
    resolve_found,
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


def test_each_refusal_says_its_kind(tmp_path: Path) -> None:
    (tmp_path / "big").write_bytes(b"x" * 10)
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(TooLarge) as too_large:
        read_capped(str(tmp_path / "big"), 9)
    assert too_large.value.size == 10
    with pytest.raises(NotRegular, match=r"^.*pipe: is a pipe \(FIFO\), not a regular file$"):
        read_capped(str(tmp_path / "pipe"), 9)
    with pytest.raises(Unreadable) as missing:
        read_capped(str(tmp_path / "none"), 9)
    assert (missing.value.reason, missing.value.strerror) == (
        "does not exist",
        "No such file or directory",
    )


def test_a_file_growing_past_its_claimed_size_is_refused_by_count() -> None:
    # /proc files claim size 0; what counts is what was read.
    with pytest.raises(TooLarge, match="is over the 10 bytes limit") as refused:
        read_capped("/proc/self/maps", 10)
    assert refused.value.size is None


def test_read_with_stat_gives_the_stat_of_the_bytes_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"hello")
    data, info = read_with_stat(str(path), 100)
    assert (data, info.st_size, info.st_ino) == (b"hello", 5, path.stat().st_ino)


def test_a_link_is_refused_when_links_are_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"hello")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    assert read_capped(str(tmp_path / "link.txt"), 100) == b"hello"
    with pytest.raises(NotRegular, match="is a symbolic link; it is not followed"):
        read_capped(str(tmp_path / "link.txt"), 100, follow_links=False)
    assert read_head(str(tmp_path / "link.txt"), 2) == b"he"
    assert read_head(str(tmp_path / "link.txt"), 2, follow_links=False) is None


def test_read_capped_text_drops_a_bom_and_refuses_what_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbfgloss: 1\n")
    assert read_capped_text(str(path), 100) == "gloss: 1\n"
    path.write_bytes(b"ab\xff")
    with pytest.raises(ReadRefused, match=r"is not valid UTF-8 \(byte 3\)"):
        read_capped_text(str(path), 100)
    assert read_capped_text(str(path), 100, errors="replace") == "ab\ufffd"


def test_a_file_found_in_a_folder_must_resolve_inside_it(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (tmp_path / "secret.xml").write_text("x")
    (folder / "a.xml").write_text("x")
    (folder / "out.xml").symlink_to(tmp_path / "secret.xml")
    assert resolve_found(str(folder), str(folder / "a.xml")) == str(folder / "a.xml")
    with pytest.raises(ReadRefused) as refused:
        resolve_found(str(folder), str(folder / "out.xml"))
    assert refused.value.reason == (
        f"links to '{tmp_path / 'secret.xml'}', outside the folder {folder}; gloss reads only "
        "files inside it (pass --allow-outside to read it anyway)"
    )
    assert resolve_found(str(folder), str(folder / "out.xml"), allow_outside=True) == str(
        tmp_path / "secret.xml"
    )


def test_read_with_stat_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(ReadRefused, match="a pipe"):
        read_with_stat(str(tmp_path / "pipe"), 1024, follow_links=False)
