"""The one rule for every file gloss reads because an annotation file names it.

An annotation file may name its article text (``document.text``), a brat ``.ann`` has
its ``.txt`` beside it, a W3C annotation names its source. Folders come from other
people, so that name may be ``/proc/self/environ``, ``../../.ssh/id_rsa``, a link to
either, a FIFO that never ends or ``/dev/zero``. The rule:

- the name is resolved (``realpath``: every link followed) and the result must lie
  inside the annotation file's own folder tree (also resolved); anything else is an
  error naming the path, unless the user says ``--allow-outside``;
- what is read must be a regular file: it is opened without blocking (a FIFO or a
  terminal never hangs the open) and checked with ``fstat`` before a byte is read;
- at most a fixed number of bytes is read, counting the bytes actually read (a device
  or ``/proc`` file says its size is 0).

Files the user names on the command line (``gloss FILE``, ``--text FILE``) are the
user's choice: they are read with the same regular-file check and size cap, without
the folder rule.
"""

from __future__ import annotations

import os
import stat

ALLOW_OUTSIDE_HINT = "pass --allow-outside to read it anyway"


class ReadRefused(Exception):
    """gloss will not read ``path``; ``reason`` says why, in words for the user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


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


def read_capped(path: str, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them.

    Never blocks on a FIFO or terminal; raises :class:`ReadRefused` for anything that is
    not a regular file, for a file over the cap (counting the bytes actually read, not
    the size the file claims) and for an ``OSError`` (with its reason).
    """
    return read_with_stat(path, max_bytes)[0]


def read_with_stat(
    path: str, max_bytes: int, *, follow_links: bool = True
) -> tuple[bytes, os.stat_result]:
    """As :func:`read_capped`, with the ``fstat`` of the very file that was read.

    A cache keeps size and modification time beside a hash of the bytes; taking both
    from one open means they always describe the same file. With ``follow_links=False``
    a symbolic link at ``path`` is refused rather than followed.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ReadRefused(path, "does not exist") from None
    except OSError as error:
        raise ReadRefused(path, f"cannot be read ({error.strerror or error})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused(path, f"is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            over = f"is {_size(info.st_size)}, over the {_size(max_bytes)} limit"
            raise ReadRefused(path, over + "; it was not read")
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise ReadRefused(path, f"is over the {_size(max_bytes)} limit; it was not read")
        return b"".join(chunks), info
    except OSError as error:
        raise ReadRefused(path, f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)


def read_head(path: str, count: int) -> bytes | None:
    """The first ``count`` bytes of the regular file ``path``; None for anything else.

    For quick looks (is this a gloss file? which text does it name?) that must never
    block on a FIFO or a terminal that happens to carry a ``.yaml`` name.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
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


EXCERPT_CHARS = 40
"""The most characters of article text a diagnostic quotes."""


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """At most ``limit`` characters of ``text``, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1] + "…"
