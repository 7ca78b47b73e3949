"""Undo and redo folded into the edits in effect, in one pass over a journal's steps.

A journal holds a segment of a session: the steps since the last save. Undo and redo
can reach out of it: an undo past its start goes back to before the saved content
(``behind``), and a redo after a save can bring back an edit undone before it. While
an undo past the start is in effect, the state cannot be rebuilt from the saved file,
and :attr:`Replay.replayable` says so; redoing back makes it replayable again. An edit
made there can never be rebuilt (its way back to the saved state was dropped with the
redo), until the next save.

While the app runs, the replay remembers every edit of the session, so an edit undone
before a save and redone after it is still known and carried into the next segment.
A segment read back from disk knows only its own edits: what lies before it is
:data:`UNKNOWN`, and a state that needs it is not replayable either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()
"""An edit in effect (or to redo) that the segment does not hold."""


@dataclass(frozen=True, slots=True)
class _Past(Generic[T]):
    """An undo that went past the segment's start; its redo goes back towards it."""

    item: T | _Unknown


class Replay(Generic[T]):
    """The steps of a segment applied as they come."""

    def __init__(self) -> None:
        self.done: list[T | _Unknown] = []
        """The edits in effect since the segment's start, oldest first."""
        self.undone: list[T | _Unknown | _Past[T]] = []
        """What a redo brings back, the next one last."""
        self.below: list[T | _Unknown] = []
        """The edits in effect before the segment's start (earlier segments)."""
        self.behind = 0
        """Undos in effect that went past the segment's start."""
        self.unknown = 0
        """Edits in effect since the start that the segment does not hold."""
        self.lost = False
        """An edit was made while ``behind``: no steps from the start give the state."""

    def edit(self, item: T | _Unknown) -> None:
        """A new edit (``UNKNOWN`` for one the segment cannot name); redo is dropped."""
        if self.behind:
            self.lost = True
        self.done.append(item)
        if item is UNKNOWN:
            self.unknown += 1
        self.undone.clear()

    def undo(self) -> None:
        if self.done:
            item = self.done.pop()
            if item is UNKNOWN:
                self.unknown -= 1
            self.undone.append(item)
        else:
            self.undone.append(_Past(self.below.pop() if self.below else UNKNOWN))
            self.behind += 1

    def redo(self) -> None:
        """Bring back the last undone edit; a redo with none (a damaged journal) is
        ignored."""
        if not self.undone:
            return
        item = self.undone.pop()
        if isinstance(item, _Past):
            self.below.append(item.item)
            self.behind -= 1
            return
        self.done.append(item)
        if item is UNKNOWN:
            self.unknown += 1

    @property
    def replayable(self) -> bool:
        """Whether ``done`` rebuilds the state from the segment's start."""
        return not self.lost and self.behind == 0 and self.unknown == 0

    def entries(self) -> list[T]:
        """The edits in effect since the start (all of them when :attr:`replayable`)."""
        return [item for item in self.done if not isinstance(item, _Unknown)]

    def carried(self) -> list[T | _Unknown]:
        """What a redo could bring back after a save now, the next one first."""
        return [item.item if isinstance(item, _Past) else item for item in reversed(self.undone)]

    def after_save(self) -> Replay[T]:
        """The next segment, starting at the state in effect now: its redo brings back
        what this one's would (:meth:`carried`, journaled as edits then undone)."""
        carried = self.carried()
        following: Replay[T] = Replay()
        for item in carried:
            following.edit(item)
        for _ in carried:
            following.undo()
        following.below = [*self.below, *self.done]
        return following
