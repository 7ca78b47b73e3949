"""Fuzzy matching for pickers: does a typed query occur in a name as a subsequence,
and how well.

The command palette's matcher lives in Textual (and tries every alignment, which
grows fast with repeated letters); pickers in the core need one without a screen,
whose cost is the query's length times the name's. Letters match case-insensitively.
A match scores more for letters that follow each other, that start a word (after a
space, ``.``, ``-``, ``_`` or at a capital after a small letter) and that start the
name, and a little less for each letter skipped; the whole name typed scores most.
"""

from __future__ import annotations

_NO_MATCH = float("-inf")
_START = 3.0
"""A matched letter at the start of a word."""
_RUN = 4.0
"""A matched letter right after the one matched before it."""
_FIRST = 2.0
"""The first letter of the name matched."""
_GAP = 0.2
"""Lost for each letter skipped between two matched ones (or before the first)."""
_WHOLE = 20.0
"""The query is the whole name (any case)."""
_PREFIX = 8.0
"""The query is how the name begins."""


def _word_starts(name: str) -> list[bool]:
    starts = []
    for index, char in enumerate(name):
        before = name[index - 1] if index else ""
        starts.append(
            index == 0
            or before in " .-_/:"
            or (char.isupper() and before.islower())
            or (char.isdigit() and not before.isdigit())
        )
    return starts


def fuzzy_score(query: str, name: str) -> float | None:
    """How well ``query`` matches ``name`` (higher is better), or None when its letters
    do not all occur in ``name`` in order. An empty query matches everything with 0."""
    if not query:
        return 0.0
    wanted = [char.lower() for char in query]
    letters = [char.lower() for char in name]
    if len(wanted) > len(letters):
        return None
    starts = _word_starts(name)
    # best[j]: the best score of the query so far with its last letter at name[j].
    best = [_NO_MATCH] * len(letters)
    for row, char in enumerate(wanted):
        following = [_NO_MATCH] * len(letters)
        carried = _NO_MATCH  # the best earlier end, less the gap to here
        for column, letter in enumerate(letters):
            if row == 0:
                earlier = -_GAP * column
            else:
                earlier = max(carried, best[column - 1] + _RUN if column else _NO_MATCH)
            if letter == char and earlier != _NO_MATCH:
                score = earlier + 1.0 + (_START if starts[column] else 0.0)
                if column == 0:
                    score += _FIRST
                following[column] = score
            if row and column:
                carried = max(carried, best[column - 1]) - _GAP
        best = following
    top = max(best)
    if top == _NO_MATCH:
        return None
    lowered = name.lower()
    typed = query.lower()
    if lowered == typed:
        top += _WHOLE
    elif lowered.startswith(typed):
        top += _PREFIX
    return top


def best_score(query: str, names: tuple[str, ...] | list[str]) -> float | None:
    """The best :func:`fuzzy_score` of ``query`` over several names of one thing."""
    scores = [score for name in names if (score := fuzzy_score(query, name)) is not None]
    return max(scores) if scores else None
