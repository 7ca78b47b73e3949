"""Keeping the garbage collector's full passes off an open document.

A 1 MB document is a few hundred thousand small objects (spans, mentions, arguments)
that live as long as its reader. Python's full collection walks every one of them,
100-150 ms on a busy machine, and it comes round every so often while the reader
moves about, so that pause lands on whatever key was pressed at the time. Freezing
(``gc.freeze``) moves the objects alive now where the collector no longer walks them;
reference counting still frees them as usual. When a reader closes, they are handed
back so that the closed document can be collected, and whatever is still open is
frozen again once that is done.
"""

from __future__ import annotations

import gc

REFREEZE_AFTER_SECONDS = 1.0
"""How long after a reader closes the collection that frees it runs (off the keys)."""


def keep_open_documents() -> None:
    """Take every object alive now out of the collector's full passes."""
    gc.freeze()


def release_closed_document() -> None:
    """Hand frozen objects back to the collector so a closed reader can be freed."""
    gc.unfreeze()


def collect_and_keep() -> None:
    """Free what closed readers left, then keep what is still open out of the way."""
    gc.collect()
    gc.freeze()
