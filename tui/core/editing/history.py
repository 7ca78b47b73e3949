"""Undo and redo of edits, and whether the document differs from what was last saved.

Edits are applied by building a new immutable document, so undoing one is going back
to the document held before it: nothing is ever computed backwards, and every kind of
edit undoes the same way. The history keeps every step for as long as it lives (an
annotator's session is hundreds of edits, each sharing most of its document with the
one before) and is not reset by saving: undoing past a save is allowed and makes the
document differ from the file again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

D = TypeVar("D")
E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class Step(Generic[D, E]):
    """One edit and the document it produced."""

    edit: E
    after: D


class History(Generic[D, E]):
    """A line of documents from the one opened, one per edit, and where the reader is on it.

    ``D`` and ``E`` are only stored, never looked into, so the history holds any
    document and edit types (the app's, or plain values in tests).
    """

    def __init__(self, initial: D, *, saved: bool = True) -> None:
        """Start at ``initial``; ``saved`` False when it is not what the file holds (a
        restored journal: the document already has edits the file has not)."""
        self._initial = initial
        self._steps: list[Step[D, E]] = []
        self._position = 0
        """How many of ``_steps`` are applied; the rest can be redone."""
        self._saved_at: int | None = 0 if saved else None
        """The position whose document is the saved one, or None when no position is
        (the saved state was on a redo branch a new edit dropped, or never existed)."""

    @property
    def current(self) -> D:
        """The document as it is now."""
        return self._steps[self._position - 1].after if self._position else self._initial

    @property
    def can_undo(self) -> bool:
        return self._position > 0

    @property
    def can_redo(self) -> bool:
        return self._position < len(self._steps)

    @property
    def next_undo(self) -> E | None:
        """The edit :meth:`undo` would take back (to say what it does), or None."""
        return self._steps[self._position - 1].edit if self._position else None

    @property
    def next_redo(self) -> E | None:
        """The edit :meth:`redo` would apply again, or None."""
        return self._steps[self._position].edit if self.can_redo else None

    @property
    def dirty(self) -> bool:
        """Whether the document now differs from the one last saved."""
        return self._saved_at != self._position

    @property
    def undo_depth(self) -> int:
        """How many edits can be undone."""
        return self._position

    def push(self, edit: E, document_after: D) -> None:
        """Record an edit just made; what could be redone is dropped (a new branch)."""
        del self._steps[self._position :]
        if self._saved_at is not None and self._saved_at > self._position:
            self._saved_at = None  # the saved document was on the dropped branch
        self._steps.append(Step(edit, document_after))
        self._position += 1

    def undo(self) -> D | None:
        """Go back one edit; returns the document now current, or None at the start."""
        if not self.can_undo:
            return None
        self._position -= 1
        return self.current

    def redo(self) -> D | None:
        """Apply the last undone edit again; returns the document, or None if none."""
        if not self.can_redo:
            return None
        self._position += 1
        return self.current

    def mark_saved(self) -> None:
        """The current document is now what the file holds."""
        self._saved_at = self._position
