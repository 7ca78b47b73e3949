"""One annotation file being edited: its edits, their undo, the journal and saving.

The reader holds one :class:`EditSession` per file it shows. Each change (one edit, or
several made as one, such as every occurrence of a name) is applied to the model,
pushed on the undo history and written to the journal before the reader shows it;
saving writes the file from the document last saved and the one now held, so that
only what changed is rewritten.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from tui.core.document.model import Document, carry_mention_index
from tui.core.editing.edits import Edit, EditRefused, apply, describe, edit_from_json, edit_to_json
from tui.core.editing.history import History
from tui.core.editing.journal import content_digest


@dataclass(frozen=True, slots=True)
class Change:
    """What one undo step takes back: the edits made together and how to say them."""

    edits: tuple[Edit, ...]
    description: str


@dataclass(frozen=True, slots=True)
class UndoStep:
    """The document an undo or redo went to, and what was undone or redone."""

    document: Document
    description: str


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    """Whether the file was written, and if not, why (one sentence)."""

    ok: bool
    reason: str = ""


class JournalLike(Protocol):
    """What the session needs of the crash journal (:mod:`tui.core.editing.journal`)."""

    @property
    def problem(self) -> str | None: ...

    def record(self, entry: dict[str, object]) -> None: ...

    def record_undo(self) -> None: ...

    def record_redo(self) -> None: ...

    def saved(self, new_digest: str) -> None: ...

    def discard(self) -> None: ...

    def close(self) -> None: ...


class Saver(Protocol):
    """Writes the file: checks the new text first (see :mod:`tui.core.editing.saving`)."""

    def __call__(
        self, path: str, source: str | None, original: Document, edited: Document
    ) -> tuple[str | None, str]:
        """``(reason it was refused or None, the text now in the file)``."""
        ...


class EditSession:
    """The edits of one annotation file (which may not exist yet: a bare text's)."""

    def __init__(
        self,
        path: str,
        document: Document,
        source: str | None,
        *,
        saver: Saver,
        journal: JournalLike | None = None,
        later: Callable[[Callable[[], object]], object] | None = None,
    ) -> None:
        """Edit ``document``, read from ``source`` (the file's text; None: no file yet)
        at ``path``."""
        self.path = path
        self.source = source
        self.saved_document = document
        self.history: History[Document, Change] = History(document)
        self.journal = journal
        self._saver = saver
        self._later = later
        self._pending: list[Callable[[JournalLike], object]] = []
        self._writing = threading.Lock()
        """Held while steps are written: a flush from the reader waits for one running
        in the background, so steps never interleave."""
        """Runs the journal's writes off the reader's way (a thread of their own), in
        order; None: at once. The reader sees an edit without waiting for the disk, and
        the journal has it a few milliseconds later."""
        self.last_entity_type: str | None = None
        """The type the last new entity got: the type picker starts on it."""
        self.last_event_type: str | None = None
        self.restorable: list[dict[str, object]] = []
        """Edits an earlier session journaled and did not save, to offer restoring."""
        self.restore_problem: str | None = None
        """Why such edits cannot be restored, when there are some that cannot."""
        self.base_digest = ""
        """The digest of the file's content when the session began (the journal's)."""

    # -- state -----------------------------------------------------------------------
    @property
    def document(self) -> Document:
        """The document with every edit applied so far."""
        return self.history.current

    @property
    def dirty(self) -> bool:
        """Whether there are edits the file does not hold."""
        return self.history.dirty

    @property
    def exists(self) -> bool:
        """Whether the annotation file exists (a bare text's is written on first save)."""
        return self.source is not None

    @property
    def journal_problem(self) -> str | None:
        """Why edits are not being journaled, if they are not (one line)."""
        return self.journal.problem if self.journal is not None else None

    # -- edits -----------------------------------------------------------------------
    def apply(self, edit: Edit) -> Document:
        """Make one edit.

        Raises:
            EditRefused: it cannot be made; nothing changed.
        """
        return self.apply_all((edit,), describe(edit, self.document))

    def apply_all(self, edits: Sequence[Edit], description: str) -> Document:
        """Make several edits as one step (undone together), all or none.

        Raises:
            EditRefused: one of them cannot be made; nothing changed.
        """
        before = document = self.document
        for edit in edits:
            document = apply(document, edit)
        carry_mention_index(before, document)
        change = Change(tuple(edits), description)
        self.history.push(change, document)
        if self.journal is not None:
            self.journal.record(
                {"edits": [edit_to_json(edit) for edit in edits], "say": description}
            )
        return document

    def undo(self) -> UndoStep | None:
        """Take back the last change; None when there is none."""
        change = self.history.next_undo
        document = self.history.undo()
        if document is None or change is None:
            return None
        self._journal(lambda journal: journal.record_undo())
        return UndoStep(document, change.description)

    def redo(self) -> UndoStep | None:
        """Make the last undone change again; None when there is none."""
        change = self.history.next_redo
        document = self.history.redo()
        if document is None or change is None:
            return None
        self._journal(lambda journal: journal.record_redo())
        return UndoStep(document, change.description)

    def restore(self, entries: Iterable[object]) -> tuple[int, int]:
        """Replay a journal's entries (an earlier session that did not save).

        Returns ``(changes replayed, changes skipped)``: an entry that is damaged or no
        longer applies is skipped, never raised.
        """
        replayed = skipped = 0
        journal, self.journal = self.journal, None  # the journal holds these already
        try:
            for entry in entries:
                if self._replay(entry):
                    replayed += 1
                else:
                    skipped += 1
        finally:
            self.journal = journal
        return replayed, skipped

    def _replay(self, entry: object) -> bool:
        """Make one journaled change again; False when it is damaged or no longer applies."""
        try:
            edits = _edits_of(entry)
            description = entry.get("say") if isinstance(entry, dict) else None
            self.apply_all(edits, str(description or "a restored edit")[:200])
        except EditRefused:
            return False
        return True

    # -- saving ----------------------------------------------------------------------
    def save(self) -> SaveOutcome:
        """Write the edits into the file; refused (and nothing written) when the new file
        would not pass ``gloss check``, with the reason."""
        self.flush_journal()
        edited = self.document
        refusal, text = self._saver(self.path, self.source, self.saved_document, edited)
        if refusal is not None:
            return SaveOutcome(False, refusal)
        self.source = text
        self.saved_document = edited
        self.history.mark_saved()
        digest = content_digest(text.encode("utf-8"))
        self._journal(lambda journal: journal.saved(digest))
        return SaveOutcome(True)

    def _journal(self, write: Callable[[JournalLike], object]) -> None:
        """Write to the journal now, or after the frame when the app gave a way to (in
        order: :meth:`flush_journal` runs what is waiting)."""
        self._pending.append(write)
        if self._later is None:
            self.flush_journal()
        elif len(self._pending) == 1:
            self._later(self.flush_journal)

    @property
    def journal_waiting(self) -> bool:
        """Whether some step is yet to be written to the journal (after this frame)."""
        return bool(self._pending)

    def flush_journal(self) -> None:
        """Write what waits for the journal now (before quitting, discarding, saving)."""
        with self._writing:
            waiting, self._pending = self._pending, []
            journal = self.journal
            if journal is not None:
                for write in waiting:
                    write(journal)

    def discard_journal(self) -> None:
        """The reader chose to drop the unsaved edits: nothing is left to restore."""
        with self._writing:
            self._pending = []
            if self.journal is not None:
                self.journal.discard()

    def close(self) -> None:
        """The reader closes: what waits is written, and the journal file let go of (it
        stays on disk for the next start while it holds unsaved edits)."""
        self.flush_journal()
        if self.journal is not None:
            self.journal.close()


def _edits_of(entry: object) -> tuple[Edit, ...]:
    """The edits of one journal entry (hostile data: a damaged one is refused)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("edits"), list):
        raise EditRefused("The journal entry is damaged.")
    edits = entry["edits"]
    if not edits:
        raise EditRefused("The journal entry holds no edit.")
    return tuple(edit_from_json(item) for item in edits)
