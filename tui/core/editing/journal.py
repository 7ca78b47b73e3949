"""The journal of unsaved edits: what a crash, a killed terminal or a lost connection
would otherwise take with it.

Every edit is added to a file in ``$XDG_STATE_HOME/gloss/journal/`` the moment it is
made, synced to disk before the app goes on, so reopening the annotation file can offer
to put the edits back. The file's name is the SHA-256 of the annotation file's absolute
path; its first line names that path, the digest of the content the edits start from,
and the journal's version. Then one line per step: an edit (the entry the app gives,
opaque here), an undo or a redo. Undo and redo are steps too, so replaying gives the
state the app had, not the edits ever made.

The journal is help, never a hazard: a state folder that is missing, read-only or a
link, a journal cut short, damaged or huge, never raises to the app. The journal says
what went wrong in one line (:attr:`Journal.problem`) and the app keeps working.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.editing.replay import UNKNOWN, Replay
from tui.core.files.places import state_dir as default_state_dir
from tui.core.files.saferead import ReadRefused, TooLarge, read_capped
from tui.core.files.safewrite import AppendLog, WriteRefused, in_use
from tui.core.text.textsafety import one_line

JOURNAL_VERSION = 1
FOLDER_NAME = "journal"
MAX_JOURNAL_BYTES = 64 * 1024 * 1024
"""A journal past this is not read (and not written further): far more than a long
day's edits, far less than a hostile file could make gloss parse."""

_UNDO = b'{"op":"undo"}\n'
_REDO = b'{"op":"redo"}\n'


def content_digest(data: bytes) -> str:
    """The digest a journal names its starting content by (``sha256:`` and hex)."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def journal_folder(state_dir: Path | str | None = None) -> Path:
    """Where journals are kept: ``journal/`` in gloss's state folder."""
    return Path(state_dir if state_dir is not None else default_state_dir()) / FOLDER_NAME


def journal_path(
    annotation_path: str | os.PathLike[str], state_dir: Path | str | None = None
) -> Path:
    """The journal of one annotation file, named by the hash of its absolute path."""
    absolute = os.path.abspath(os.fspath(annotation_path))
    name = hashlib.sha256(os.fsencode(absolute)).hexdigest()
    return journal_folder(state_dir) / f"{name}.jsonl"


@dataclass(frozen=True, slots=True)
class _Logged:
    """One edit's line as written, and its entry when it was read back."""

    line: bytes
    entry: dict[str, Any] | None = None


_UNKNOWN_LINE = b'{"op":"unknown"}\n'


@dataclass(frozen=True, slots=True)
class Found:
    """What a journal on disk holds for one annotation file."""

    entries: list[dict[str, Any]] | None
    """The edits to replay on the file as it is now, undo and redo applied, oldest
    first; None when there is nothing that can be restored."""
    problem: str | None = None
    """Why a journal that exists cannot be restored (or what of it was skipped)."""
    base: str | None = None
    """The digest of the content the journal's edits start from, when it was read."""


def examine(
    annotation_path: str | os.PathLike[str],
    current_digest: str,
    state_dir: Path | str | None = None,
) -> Found:
    """What could be restored for ``annotation_path``, whose content is now
    ``current_digest``: the edits when the journal starts from that very content."""
    path = journal_path(annotation_path, state_dir)
    absolute = os.path.abspath(os.fspath(annotation_path))
    read = _read(path, absolute)
    if read.problem is not None or read.base is None or read.fold is None:
        return Found(None, read.problem, read.base)
    if read.base != current_digest:
        return Found(
            None,
            f"unsaved edits of {one_line(absolute)} were journaled for another version of "
            "the file (it changed since); they are not restored",
            read.base,
        )
    if in_use(str(path)):
        return Found(None, "another gloss is editing this file; its journal is left to it")
    if not read.fold.replayable:
        return Found(
            None,
            "the journal undoes or redoes edits from before the last save, so it cannot be "
            "replayed on the saved file; it is not restored",
            read.base,
        )
    entries = [item.entry for item in read.fold.entries() if item.entry is not None]
    return Found(entries, read.skipped_note, read.base)


def pending(
    annotation_path: str | os.PathLike[str],
    current_digest: str,
    state_dir: Path | str | None = None,
) -> list[dict[str, Any]] | None:
    """The entries to offer restoring (see :func:`examine`, which also says why not)."""
    return examine(annotation_path, current_digest, state_dir).entries


@dataclass(slots=True)
class _Read:
    base: str | None = None
    fold: Replay[_Logged] | None = None
    problem: str | None = None
    skipped: int = 0

    @property
    def skipped_note(self) -> str | None:
        if not self.skipped:
            return None
        lines = "line" if self.skipped == 1 else "lines"
        return f"skipped {self.skipped} damaged {lines} of the journal"


def _read(path: Path, absolute: str) -> _Read:
    """Read and fold a journal; never raises (every failure becomes ``problem``)."""
    folder = path.parent
    if folder.is_symlink():
        return _Read(problem=f"the journal folder {one_line(str(folder))} is a link; not read")
    if not os.path.lexists(path):
        return _Read()  # no journal: nothing was left unsaved
    try:
        data = read_capped(str(path), MAX_JOURNAL_BYTES, follow_links=False)
    except TooLarge:
        return _Read(problem=f"the journal is over {MAX_JOURNAL_BYTES >> 20} MB; not restored")
    except ReadRefused as refused:
        return _Read(problem=f"the journal was not read: it {one_line(refused.reason)}")
    lines = data.split(b"\n")
    # The last piece is empty after a whole last line, or a line cut short by a kill:
    # that edit was never recorded (record() had not returned), so it is no loss.
    lines.pop()
    if not lines:
        return _Read(problem="the journal is empty or cut short before its first line")
    header = _json_object(lines[0])
    if header is None or not isinstance(header.get("gloss_journal"), int):
        return _Read(problem="the journal is damaged (its first line is not a journal's)")
    version = header["gloss_journal"]
    if version != JOURNAL_VERSION:
        return _Read(
            problem=f"the journal is of version {version}, this gloss reads {JOURNAL_VERSION}"
        )
    base = header.get("base")
    if not isinstance(base, str) or header.get("annotation") != absolute:
        return _Read(problem="the journal is damaged or names another file; not restored")
    fold: Replay[_Logged] = Replay()
    read = _Read(base=base, fold=fold)
    for line in lines[1:]:
        step = _json_object(line)
        op = step.get("op") if step is not None else None
        if op == "edit" and step is not None and isinstance(entry := step.get("entry"), dict):
            fold.edit(_Logged(line + b"\n", entry))
        elif op == "unknown":
            fold.edit(UNKNOWN)
        elif op == "undo":
            fold.undo()
        elif op == "redo":
            fold.redo()
        else:
            read.skipped += 1
    return read


def _json_object(line: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):  # bad UTF-8 or JSON, or nested past the stack
        return None
    return value if isinstance(value, dict) else None


class Journal:
    """The journal of one editing session of one annotation file.

    Nothing is written until the first step: opening a file to read it never
    replaces a journal that is waiting to be restored. On opening a file the app asks
    :func:`examine`; with entries, it offers them and, when taken, replays them and
    opens with ``resume=True`` (they are in the journal already); when they are given
    up, or :attr:`Found.problem` says they cannot be restored, it calls :meth:`discard`.
    """

    def __init__(self, annotation_path: str, base_digest: str, path: Path) -> None:
        self.annotation_path = annotation_path
        self.base_digest = base_digest
        self.path = path
        self.problem: str | None = None
        """Why edits are not (all) journaled now, in one line; None while all is well."""
        self._log: AppendLog | None = None
        self._fold: Replay[_Logged] = Replay()
        self._prelude = b""
        """Steps that start the next journal made (the redo a save carried over)."""
        self._stopped = False
        """Writing failed: nothing more is written until a save starts afresh (a
        journal with a step missing would replay to a state the app never had)."""

    @classmethod
    def open(
        cls,
        annotation_path: str | os.PathLike[str],
        base_digest: str,
        state_dir: Path | str | None = None,
        *,
        resume: bool = False,
    ) -> Journal:
        """The journal of edits to the file ``annotation_path`` whose content is
        ``base_digest``. With ``resume``, steps are added to the journal already there
        (after its edits were restored), when it starts from that same content."""
        absolute = os.path.abspath(os.fspath(annotation_path))
        journal = cls(absolute, base_digest, journal_path(absolute, state_dir))
        if resume:
            journal._resume()
        return journal

    def _resume(self) -> None:
        read = _read(self.path, self.annotation_path)
        if read.base != self.base_digest or read.fold is None:
            return
        try:
            self._log = AppendLog.reopen(str(self.path))
        except WriteRefused as refused:
            self._stop(refused.reason)
            return
        self._fold = read.fold
        self._note_behind()

    # -- steps --------------------------------------------------------------------
    def record(self, entry: Mapping[str, Any]) -> None:
        """Journal one edit (``entry`` is JSON-able: ``edit_to_json`` of the edit)."""
        try:
            line = json.dumps({"op": "edit", "entry": entry}, separators=(",", ":")) + "\n"
        except (TypeError, ValueError, RecursionError) as error:
            self._stop(f"an edit could not be written as JSON ({error})")
            return
        raw = line.encode("ascii")
        if self._write(raw):
            self._fold.edit(_Logged(raw))
            self._note_behind()

    def record_undo(self) -> None:
        """Journal that the last edit in effect was undone."""
        if self._write(_UNDO):
            self._fold.undo()
            self._note_behind()

    def record_redo(self) -> None:
        """Journal that the last undone edit was made again."""
        if self._write(_REDO):
            self._fold.redo()
            self._note_behind()

    # -- saves and endings -----------------------------------------------------------
    def saved(self, new_digest: str) -> None:
        """The file now holds every edit: start afresh from its new content. What can
        still be redone is carried over, so a redo after the save is journaled too."""
        carried = self._fold.carried()
        following = self._fold.after_save()
        self.discard()
        self.base_digest = new_digest
        self._fold = following
        lines = [item.line if isinstance(item, _Logged) else _UNKNOWN_LINE for item in carried]
        self._prelude = b"".join(lines) + _UNDO * len(carried)

    def discard(self) -> None:
        """Remove the journal (the edits were saved, or the user gave them up)."""
        self.close()
        with contextlib.suppress(OSError):
            if not self.path.parent.is_symlink():
                os.unlink(self.path)
        self._fold = Replay()
        self._prelude = b""
        self._stopped = False
        self.problem = None

    def close(self) -> None:
        """Stop writing; the journal stays on disk for the next start to offer."""
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------
    def _write(self, line: bytes) -> bool:
        if self._stopped:
            return False
        try:
            if self._log is None:
                self._log = self._create()
            elif self._log.size + len(line) > MAX_JOURNAL_BYTES:
                self._stop(f"the journal reached {MAX_JOURNAL_BYTES >> 20} MB")
                return False
            self._log.append(line)
        except WriteRefused as refused:
            self._stop(refused.reason)
            return False
        return True

    def _create(self) -> AppendLog:
        folder = self.path.parent
        try:
            os.makedirs(folder.parent, mode=0o700, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder, 0o700)
        except OSError as error:
            raise WriteRefused(str(folder), f"cannot make it ({error.strerror or error})") from None
        header = {
            "gloss_journal": JOURNAL_VERSION,
            "annotation": self.annotation_path,
            "base": self.base_digest,
        }
        first = json.dumps(header, separators=(",", ":")) + "\n"
        log = AppendLog.create(str(self.path), first.encode("ascii") + self._prelude)
        self._prelude = b""
        return log

    def _stop(self, reason: str) -> None:
        self.close()
        self._stopped = True
        self.problem = f"edits are not journaled until the next save: {one_line(reason)}"

    def _note_behind(self) -> None:
        if self._stopped:
            return
        if self._fold.lost:
            self.problem = (
                "edits made after undoing past the last save are not journaled; "
                "save to keep them safe"
            )
        elif self._fold.behind:
            self.problem = "undoing past the last save is not journaled; save to keep it safe"
        elif self._fold.unknown:
            self.problem = (
                "redoing an edit undone before the last save is not journaled; save to keep it safe"
            )
        else:
            self.problem = None
