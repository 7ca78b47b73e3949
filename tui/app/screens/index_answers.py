"""Asking the corpus index from a worker thread, and saying what it had to mend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.screen import Screen

from tui.core.corpus.backend import CorpusStore
from tui.core.text.textsafety import one_line

T = TypeVar("T")


def answer_from_worker(screen: Screen[Any], index: CorpusStore, question: Callable[[], T]) -> T:
    """``index.answer(question)`` in a worker thread; a cache notice it adds (the index
    was damaged and rebuilt) is shown once as a warning, from the app's thread."""
    before = len(index.notices)
    answer = index.answer(question)
    for notice in index.notices[before:]:
        screen.app.call_from_thread(
            screen.notify, one_line(notice), severity="warning", timeout=8, markup=False
        )
    return answer
