"""The one reader: every file gloss reads that an annotation names or a folder holds.

An annotation file may name its article text (``document.text``), a brat ``.ann`` has
its ``.txt`` beside it, a W3C annotation names its source, ``gloss import cat`` reads
every ``.xml`` in a folder. Folders come from other people, so that name may be
``/proc/self/environ``, ``../../.ssh/id_rsa``, a link to either, a FIFO that never ends
or ``/dev/zero``. The rule:

- a name from data is resolved (``realpath``: every link followed) and the result must
  lie inside the annotation file's own folder tree (also resolved), and a file found by
  walking a folder must resolve inside that folder; anything else is an error naming
  the path, unless the user says ``--allow-outside`` (:func:`resolve_named`,
  :func:`resolve_found`);
- what is read must be a regular file: it is opened without blocking (a FIFO or a
  terminal never hangs the open) and checked with ``fstat`` before a byte is read;
- at most a fixed number of bytes is read, counting the bytes actually read (a device
  or ``/proc`` file says its size is 0).

Files the user names on the command line (``gloss FILE``, ``--text FILE``) are the
user's choice: the readers (:func:`read_capped`, :func:`read_with_stat`,
:func:`read_capped_text`, :func:`read_head`) apply the regular-file check and the size
cap themselves, and the folder rule only where the caller resolved the name first.
Nothing else in gloss opens a file to read it; ``tests/hostile/test_one_reader.py``
holds that in place.
"""

from __future__ import annotations

import errno
import os
import stat

ALLOW_OUTSIDE_HINT = "pass --allow-outside to read it anyway"


class ReadRefused(Exception):
    """gloss will not read ``path``; ``reason`` says why, in words for the user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Unreadable(ReadRefused):
    """The file is missing or the system would not open or read it (``strerror`` says why)."""

    def __init__(self, path: str, reason: str, strerror: str) -> None:
        super().__init__(path, reason)
        self.strerror = strerror


class NotRegular(ReadRefused):
    """The name is a folder, a FIFO, a device, a socket (or, not followed, a link)."""


class TooLarge(ReadRefused):
    """The file is over the cap: ``size`` is what it claims, None when found by counting."""

    def __init__(self, path: str, reason: str, size: int | None) -> None:
        super().__init__(path, reason)
        self.size = size


def is_inside(folder: str, path: str) -> bool:
    """Whether the resolved ``path`` lies in the resolved ``folder`` tree."""
    root = os.path.realpath(folder)
    real = os.path.realpath(path)
    try:
        return os.path.commonpath([root, real]) == root
    except ValueError:  # different drives on Windows
        return False


def resolve_named(annotation_path: str, name: str, *, allow_outside: bool = False) -> str:
    """The file ``name`` that the annotation file ``annotation_path`` points at, resolved.

    ``name`` is relative to the annotation file's folder (or absolute). Raises
    :class:`ReadRefused` when the resolved file is outside that folder's tree (unless
    ``allow_outside``); whether it is a regular file is checked when it is read.
    """
    folder = os.path.dirname(os.path.abspath(annotation_path))
    joined = os.path.join(folder, name)
    real = os.path.realpath(joined)
    if allow_outside or is_inside(folder, real):
        return real
    shown = name if real == os.path.abspath(joined) else f"{name} (resolved: {real})"
    raise ReadRefused(
        name,
        f"'{shown}' is outside the folder of {os.path.basename(annotation_path)}; "
        f"gloss reads only files inside it ({ALLOW_OUTSIDE_HINT})",
    )


def resolve_found(folder: str, path: str, *, allow_outside: bool = False) -> str:
    """The file ``path``, found by walking ``folder``, resolved.

    A name in a folder may be a link to anywhere: raises :class:`ReadRefused` when the
    resolved file is outside ``folder``'s tree (unless ``allow_outside``).
    """
    real = os.path.realpath(path)
    if allow_outside or is_inside(folder, real):
        return real
    raise ReadRefused(
        path,
        f"links to '{real}', outside the folder {folder}; gloss reads only files inside it "
        f"({ALLOW_OUTSIDE_HINT})",
    )


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)


def _open_regular(path: str, follow_links: bool) -> tuple[int, os.stat_result]:
    """An open descriptor of the regular file ``path`` and its ``fstat``; the caller
    closes it. Never blocks on a FIFO or a terminal (opened without blocking, checked
    before a byte is read)."""
    try:
        fd = os.open(path, _READ_FLAGS if follow_links else _READ_FLAGS | os.O_NOFOLLOW)
    except FileNotFoundError as error:
        raise Unreadable(path, "does not exist", error.strerror or str(error)) from None
    except OSError as error:
        if not follow_links and error.errno == errno.ELOOP:
            raise NotRegular(path, "is a symbolic link; it is not followed") from None
        raise _unreadable(path, error) from None
    try:
        info = os.fstat(fd)
    except OSError as error:
        os.close(fd)
        raise _unreadable(path, error) from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise NotRegular(path, f"is {_kind(info.st_mode)}, not a regular file")
    return fd, info


def _unreadable(path: str, error: OSError) -> Unreadable:
    strerror = error.strerror or str(error)
    return Unreadable(path, f"cannot be read ({strerror})", strerror)


def read_with_stat(
    path: str, max_bytes: int, *, follow_links: bool = True
) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file ``path`` (at most ``max_bytes``) and its ``fstat``,
    from one open: the size and times are those of the very bytes read.

    Raises :class:`ReadRefused` (one of its kinds) for anything that is not a regular
    file, for a file over the cap (counting the bytes actually read, not the size the
    file claims) and for an ``OSError`` (with its reason). With ``follow_links`` False a
    link is refused, not followed.
    """
    fd, info = _open_regular(path, follow_links)
    try:
        if info.st_size > max_bytes:
            over = f"is {_size(info.st_size)}, over the {_size(max_bytes)} limit"
            raise TooLarge(path, over + "; it was not read", info.st_size)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            over = f"is over the {_size(max_bytes)} limit; it was not read"
            raise TooLarge(path, over, None)
        return b"".join(chunks), info
    except OSError as error:
        raise _unreadable(path, error) from None
    finally:
        os.close(fd)


def read_capped(path: str, max_bytes: int, *, follow_links: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them (see
    :func:`read_with_stat` for what is refused)."""
    return read_with_stat(path, max_bytes, follow_links=follow_links)[0]


def read_capped_text(path: str, max_bytes: int, *, errors: str = "strict") -> str:
    """The regular file ``path`` as UTF-8 text (a BOM dropped), at most ``max_bytes``.

    Raises :class:`ReadRefused` as :func:`read_capped` does, and for text that is not
    UTF-8 (unless ``errors`` is ``"replace"``).
    """
    data = read_capped(path, max_bytes)
    try:
        return data.decode("utf-8-sig", errors=errors)
    except UnicodeDecodeError as error:
        raise ReadRefused(path, f"is not valid UTF-8 (byte {error.start + 1})") from None


def read_head(path: str, count: int, *, follow_links: bool = True) -> bytes | None:
    """The first ``count`` bytes of the regular file ``path``; None for anything else.

    For quick looks (is this a gloss file? which text does it name?) that must never
    block on a FIFO or a terminal that happens to carry a ``.yaml`` name.
    """
    try:
        fd, _ = _open_regular(path, follow_links)
    except ReadRefused:
        return None
    try:
        return os.read(fd, count)
    except OSError:
        return None
    finally:
        os.close(fd)


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count} bytes"
