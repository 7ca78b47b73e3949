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

When a reader closes, the frozen objects are handed back and the usual schedule comes
back, so that the closed document can be collected.
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

_readers_open: set[int] = set()
"""``id()`` of each open reader (a reader may say it opened more than once)."""
_usual_threshold: tuple[int, int, int] | None = None
_last_key = 0.0


def keep_open_documents(reader: object) -> None:
    """Take every object alive now out of the collector's full passes, and let full
    passes wait for a pause in the reading while ``reader`` is open."""
    global _usual_threshold
    gc.freeze()
    _readers_open.add(id(reader))
    if _usual_threshold is None:
        _usual_threshold = gc.get_threshold()
        young, middle, old = _usual_threshold
        gc.set_threshold(young, middle, old * PATIENCE)


def key_pressed() -> None:
    """The reader pressed a key: no full pass for a moment."""
    global _last_key
    _last_key = time.monotonic()


def collect_if_idle() -> None:
    """Run a full pass now if the reader paused and one is due by the usual schedule."""
    if _usual_threshold is None or time.monotonic() - _last_key < IDLE_SECONDS:
        return
    if gc.get_count()[2] >= _usual_threshold[2]:
        gc.collect()


def release_closed_document(reader: object) -> None:
    """Hand frozen objects back to the collector so the closed ``reader`` can be freed."""
    global _usual_threshold
    gc.unfreeze()
    _readers_open.discard(id(reader))
    if not _readers_open and _usual_threshold is not None:
        gc.set_threshold(*_usual_threshold)
        _usual_threshold = None


def collect_and_keep() -> None:
    """Free what closed readers left, then keep what is still open out of the way."""
    gc.collect()
    if _readers_open:
        gc.freeze()
