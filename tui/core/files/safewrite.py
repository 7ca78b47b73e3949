"""The one way gloss writes a file.

Folders gloss works on come from other people, so a name in them may be a symbolic
link to somewhere the user cares about (``doc.txt -> ~/.bashrc``), dangling or not.
Every file gloss writes (exports, imports, screenshots, state) goes through
:func:`write_file`, which

- never follows a symbolic link: the new file is created beside the target with
  ``O_CREAT | O_EXCL | O_NOFOLLOW`` and renamed over it, so a link at the target's
  name is replaced by a regular file, never written through, and a dangling link
  never creates its target;
- never leaves half a file: the data is written and flushed to the temporary file
  first, and the rename is atomic;
- never replaces a file gloss did not write, unless ``force`` is given: gloss keeps a
  record of the files it wrote (path and content hash, in its state folder), and a file
  whose content is exactly what is about to be written is left as it is.

Every refusal is a :class:`WriteRefused` naming the file and the reason.

A file that grows as things happen and must survive a crash (the editor's journal) is
an :class:`AppendLog`: made the same way (beside its place, renamed over it), private
to the user (mode 0600), then added to through the descriptor it was made with, each
addition synced to disk before it returns.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import stat
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.core.files.places import state_dir

_RECORD_NAME = "written.json"
# Enough for every file of a large import; the oldest entries are dropped first.
_RECORD_LIMIT = 50_000
_record_lock = threading.Lock()


class WriteRefused(Exception):
    """gloss will not write ``path``; ``reason`` says why, in words for the user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class PlannedWrite:
    """One file to write: where, and the bytes."""

    path: str
    data: bytes


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _record_path() -> Path:
    return state_dir() / _RECORD_NAME


def _load_record() -> dict[str, str]:
    try:
        fd = os.open(_record_path(), os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return {}
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return {}
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            raw = handle.read(16 * 1024 * 1024)
        loaded = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    finally:
        if fd >= 0:
            os.close(fd)
    if not isinstance(loaded, dict):
        return {}
    return {k: v for k, v in loaded.items() if isinstance(k, str) and isinstance(v, str)}


def written_by_gloss(path: str, data: bytes | None = None) -> bool:
    """Whether the regular file at ``path`` holds what gloss last wrote there."""
    real = os.path.realpath(path)
    recorded = _load_record().get(real)
    if recorded is None:
        return False
    if data is None:
        data = _read_regular(path)
        if data is None:
            return False
    return recorded == _digest(data)


def _read_regular(path: str) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks: list[bytes] = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _remember(written: Iterable[tuple[str, bytes]]) -> None:
    """Add files to the record; a record that cannot be kept is not an error."""
    with _record_lock:
        record = _load_record()
        for path, data in written:
            real = os.path.realpath(path)
            record.pop(real, None)  # re-insert so the newest entries are last
            record[real] = _digest(data)
        while len(record) > _RECORD_LIMIT:
            record.pop(next(iter(record)))
        payload = json.dumps(record, indent=0, sort_keys=False).encode("utf-8")
        folder = _record_path().parent
        with contextlib.suppress(OSError, WriteRefused):
            os.makedirs(folder, exist_ok=True)
            _replace(str(_record_path()), payload)


def refusal(path: str, data: bytes, *, force: bool = False) -> str | None:
    """Why ``data`` may not be written at ``path``, or ``None`` when it may."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        parent = os.path.dirname(os.path.abspath(path))
        if os.path.lexists(parent) and not os.path.isdir(parent):
            return "its folder is not a folder"
        return None
    except OSError as error:
        return f"cannot look at it ({error.strerror})"
    if stat.S_ISLNK(info.st_mode):
        if force:
            return None  # the link itself is replaced; its target is never touched
        return (
            "it is a symbolic link; gloss does not write through links (--force replaces the link)"
        )
    if stat.S_ISDIR(info.st_mode):
        return "it is a folder"
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file (a device, pipe or socket)"
    if force:
        return None
    existing = _read_regular(path)
    if existing is None:
        return "it cannot be read to see whether gloss wrote it (--force replaces it)"
    if existing == data or written_by_gloss(path, existing):
        return None
    return "it exists and gloss did not write it (--force replaces it)"


class _Folders:
    """Open folders by path, each opened once for a batch of writes (a thousand files
    in one folder would otherwise open it two thousand times)."""

    def __init__(self) -> None:
        self._open: dict[str, int] = {}

    def fd(self, path: str) -> int:
        """The open folder that holds ``path``."""
        folder = os.path.dirname(os.path.abspath(path))
        found = self._open.get(folder)
        if found is None:
            found = self._open[folder] = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        return found

    def close(self) -> None:
        for fd in self._open.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        self._open.clear()


def _write_temporary(path: str, data: bytes, *, sync: bool, folders: _Folders) -> str:
    """Write ``data`` to a new file beside ``path``; returns its name (in the same folder)."""
    name = os.path.basename(path)
    dir_fd = folders.fd(path)
    temp_name = ""
    fd = -1
    for attempt in range(100):
        temp_name = f".{name}.gloss-{os.getpid()}-{attempt}.tmp"
        try:
            fd = os.open(
                temp_name,
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                0o644,
                dir_fd=dir_fd,
            )
            break
        except FileExistsError:
            continue
    if fd < 0:
        raise WriteRefused(path, "no temporary file could be made beside it")
    try:
        view = memoryview(data)
        while view:
            done = os.write(fd, view)
            view = view[done:]
        if sync:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp_name, dir_fd=dir_fd)
        raise
    os.close(fd)
    return temp_name


def _in_folder_of(path: str, action: str, temp_name: str, folders: _Folders) -> None:
    """Rename the temporary file over ``path`` (``action="rename"``) or remove it."""
    dir_fd = folders.fd(path)
    if action == "rename":
        try:
            os.rename(temp_name, os.path.basename(path), src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp_name, dir_fd=dir_fd)
            raise
    else:
        with contextlib.suppress(OSError):
            os.unlink(temp_name, dir_fd=dir_fd)


def _replace(path: str, data: bytes) -> None:
    """Write ``data`` to a new file beside ``path`` and rename it over ``path``."""
    folders = _Folders()
    try:
        temp_name = _write_temporary(path, data, sync=True, folders=folders)
        _in_folder_of(path, "rename", temp_name, folders)
    finally:
        folders.close()


def write_files(
    planned: Sequence[PlannedWrite], *, force: bool = False, make_folders: bool = True
) -> list[str]:
    """Write every planned file, or none: all are checked before the first is written.

    Every file is first written in full beside its target; only when all are on disk
    are they renamed over their targets, so a failure while writing leaves every
    target as it was. Several files are flushed to disk with one ``sync`` rather than
    one ``fsync`` each (a thousand fsyncs cost seconds; the data is just as safe
    before the renames).

    Returns the paths written (a file that already holds the bytes is not rewritten).
    Raises :class:`WriteRefused` for the first file that may not be written, and for
    an ``OSError`` while writing (with the file it happened on).
    """
    problems = refusals(planned, force=force)
    if problems:
        raise problems[0]
    one_sync = len(planned) > 1 and hasattr(os, "sync")
    temporary: list[tuple[PlannedWrite, str]] = []
    written: list[tuple[str, bytes]] = []
    current = planned[0].path if planned else ""
    folders = _Folders()
    made: set[str] = set()
    try:
        for item in planned:
            current = item.path
            folder = os.path.dirname(os.path.abspath(item.path))
            if make_folders and folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            temporary.append(
                (item, _write_temporary(item.path, item.data, sync=not one_sync, folders=folders))
            )
        if one_sync:
            os.sync()
        for item, temp_name in temporary:
            current = item.path
            _in_folder_of(item.path, "rename", temp_name, folders)
            written.append((item.path, item.data))
    except BaseException as error:
        for item, temp_name in temporary[len(written) :]:
            with contextlib.suppress(OSError):
                _in_folder_of(item.path, "remove", temp_name, folders)
        if isinstance(error, OSError):
            reason = f"cannot write it ({error.strerror or error})"
            raise WriteRefused(current, reason) from error
        raise
    finally:
        folders.close()
        _remember(written)
    return [path for path, _ in written]


def write_file(path: str, data: bytes | str, *, force: bool = False) -> str:
    """Write one file the safe way (see the module's docstring); returns its path."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    write_files([PlannedWrite(str(path), raw)], force=force)
    return str(path)


def refusals(planned: Sequence[PlannedWrite], *, force: bool = False) -> list[WriteRefused]:
    """Every reason the planned files may not be written, all at once."""
    found = []
    for item in planned:
        reason = refusal(item.path, item.data, force=force)
        if reason is not None:
            found.append(WriteRefused(item.path, reason))
    return found


class AppendLog:
    """A file gloss adds whole lines to, each on disk before :meth:`append` returns.

    Made by :meth:`create` (a new file beside the target, renamed over it: a link at
    the target's name is replaced, never followed, and a folder that is a link is
    refused) or :meth:`reopen` (``O_APPEND | O_NOFOLLOW``, a regular file only). The
    log holds an exclusive ``flock`` while it is open, so a second gloss can tell that
    the file is being written (:func:`in_use`) rather than take it over.
    Raises :class:`WriteRefused` (naming the file and the reason) for every failure.
    """

    def __init__(self, path: str, fd: int, size: int) -> None:
        self.path = path
        self._fd = fd
        self.size = size
        """Bytes in the file, counting every line this log added."""

    @classmethod
    def create(cls, path: str, first: bytes, *, mode: int = 0o600) -> AppendLog:
        """A new log at ``path`` holding ``first``, replacing whatever file was there."""
        folder = os.path.dirname(os.path.abspath(path))
        temp_name = f".{os.path.basename(path)}.gloss-{os.getpid()}.tmp"
        try:
            dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError as error:
            if os.path.islink(folder):  # O_NOFOLLOW says ELOOP or ENOTDIR
                raise WriteRefused(
                    path, "its folder is a symbolic link; gloss does not write through links"
                ) from None
            raise _refused(path, error, "its folder") from None
        fd = -1
        try:
            if in_use(path):
                raise WriteRefused(path, "another gloss is writing it")
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name, dir_fd=dir_fd)
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
            fd = os.open(temp_name, flags | os.O_CLOEXEC, mode, dir_fd=dir_fd)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            _write_all(fd, first)
            os.fsync(fd)
            os.rename(temp_name, os.path.basename(path), src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            os.fsync(dir_fd)  # the new name is on disk too
        except OSError as error:
            if fd >= 0:
                os.close(fd)
                with contextlib.suppress(OSError):
                    os.unlink(temp_name, dir_fd=dir_fd)
            raise _refused(path, error) from None
        finally:
            os.close(dir_fd)
        return cls(path, fd, len(first))

    @classmethod
    def reopen(cls, path: str) -> AppendLog:
        """The existing log at ``path``, to add to. A last line cut short (the process
        that wrote it was killed mid-line) is cut off first: readers already ignore it,
        and a line added after it must not join it."""
        try:
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError as error:
            raise _refused(path, error) from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise WriteRefused(path, "it is not a regular file")
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            size = _end_of_last_line(fd, info.st_size)
            if size != info.st_size:
                os.ftruncate(fd, size)
                os.fsync(fd)
        except BaseException as error:
            os.close(fd)
            if isinstance(error, OSError):
                raise _refused(path, error) from None
            raise
        return cls(path, fd, size)

    def append(self, data: bytes) -> None:
        """Add ``data`` (whole lines) at the end and sync it to disk."""
        if self._fd < 0:
            raise WriteRefused(self.path, "it was closed")
        try:
            _write_all(self._fd, data)
            os.fsync(self._fd)
        except OSError as error:
            raise _refused(self.path, error) from None
        self.size += len(data)

    def close(self) -> None:
        """Stop writing (the lock goes with the descriptor); the file stays."""
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1


def in_use(path: str) -> bool:
    """Whether an :class:`AppendLog` of some process holds the file at ``path`` open."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        return error.errno in (errno.EWOULDBLOCK, errno.EAGAIN)
    finally:
        os.close(fd)
    return False


def _end_of_last_line(fd: int, size: int) -> int:
    """Where the file's last whole line ends (0 when it has none), read backwards."""
    end = size
    while end > 0:
        start = max(0, end - 65536)
        chunk = os.pread(fd, end - start, start)
        newline = chunk.rfind(b"\n")
        if newline >= 0:
            return start + newline + 1
        end = start
    return 0


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        done = os.write(fd, view)
        view = view[done:]


def _refused(path: str, error: OSError, what: str = "") -> WriteRefused:
    if error.errno == errno.ELOOP:
        reason = f"{what or 'it'} is a symbolic link; gloss does not write through links"
    elif error.errno == errno.EWOULDBLOCK:
        reason = "another gloss is writing it"
    else:
        reason = f"cannot write {what or 'it'} ({error.strerror or error})"
    return WriteRefused(path, reason)
