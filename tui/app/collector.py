"""Keeping the garbage collector's full passes off the reader's keys.

A 1 MB document is a few hundred thousand small objects (spans, mentions, arguments)
that live as long as its reader. Python's full collection walks every one of them,
100-150 ms on a busy machine, and it comes round every few dozen frames, so that pause
lands on whatever key was pressed at the time. Two things keep it off the keys:

- Freezing (``gc.freeze``) moves the objects alive once the reader has drawn where the
  collector no longer walks them; reference counting still frees them as usual.
- While a reader is open, full passes wait for a pause in the reading (no key for
  :data:`IDLE_SECONDS`) instead of coming every ten younger passes; a reader who never
  pauses still gets one after :data:`PATIENCE` times as many, so memory stays bounded.

When the last reader closes, the frozen objects are handed back and the usual schedule
comes back, so that the closed document can be collected; when one of several closes, the
others' objects stay frozen until :meth:`Collector.collect_and_keep` frees the closed one's.
Each app owns one :class:`Collector` for the readers it opens.
"""

from __future__ import annotations

import gc
import time

IDLE_SECONDS = 1.0
"""How long without a key before a full pass may run."""
PATIENCE = 10
"""How many times the usual number of younger passes a full pass may wait for."""
REFREEZE_AFTER_SECONDS = 1.0
"""How long after a reader closes the collection that frees it runs (off the keys)."""


class Collector:
    """The collector's schedule while an app's readers are open; the app owns one and
    hands it to each reader it opens.

    Freezing is the interpreter's, for the whole process: a reader that closes while
    another is still open leaves the frozen objects frozen, so that the other's stay out
    of the full passes; :meth:`collect_and_keep` (off the keys, a moment later) then frees
    what the closed one left and freezes what is still open again, in one go.
    """

    def __init__(self) -> None:
        self._readers_open: set[int] = set()
        """``id()`` of each open reader (a reader may say it opened more than once)."""
        self._usual_threshold: tuple[int, int, int] | None = None
        """The schedule before the first reader opened (None: no reader is open)."""
        self._last_key = 0.0

    @property
    def readers_open(self) -> int:
        """How many readers keep their documents out of the full passes."""
        return len(self._readers_open)

    def keep_open_documents(self, reader: object) -> None:
        """Take every object alive now out of the collector's full passes, and let full
        passes wait for a pause in the reading while ``reader`` is open."""
        gc.freeze()
        self._readers_open.add(id(reader))
        if self._usual_threshold is None:
            self._usual_threshold = gc.get_threshold()
            young, middle, old = self._usual_threshold
            gc.set_threshold(young, middle, old * PATIENCE)

    def key_pressed(self) -> None:
        """The reader pressed a key: no full pass for a moment."""
        self._last_key = time.monotonic()

    def collect_if_idle(self) -> None:
        """Run a full pass now if the reader paused and one is due by the usual schedule."""
        usual = self._usual_threshold
        if usual is None or time.monotonic() - self._last_key < IDLE_SECONDS:
            return
        if gc.get_count()[2] >= usual[2]:
            gc.collect()

    def release_closed_document(self, reader: object) -> None:
        """``reader`` closed; when it was the last one, hand the frozen objects back to
        the collector and bring the usual schedule back."""
        self._readers_open.discard(id(reader))
        if not self._readers_open and self._usual_threshold is not None:
            gc.unfreeze()
            gc.set_threshold(*self._usual_threshold)
            self._usual_threshold = None

    def collect_and_keep(self) -> None:
        """Free what closed readers left, then keep what is still open out of the way."""
        if self._readers_open:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        else:
            gc.collect()
