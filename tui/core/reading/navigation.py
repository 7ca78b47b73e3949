"""Where the reader's stepping keys go, as functions of the document and a position.

``n`` / ``N`` step through the selected entity's mentions, ``]`` / ``[`` through every
entity's mentions in text order, ``e`` / ``E`` through the event list, and enter in the
search box to the next match of the text. Each wraps at the ends; the screen only says
where it is and shows the result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.document.model import Document, Mention, Span


def step_index(count: int, current: int | None, step: int) -> int | None:
    """The index ``step`` away from ``current`` among ``count`` items, wrapping; with no
    ``current``, the first item going forward and the last going backward (None: no items).

    Used for the selected entity's mentions and for the event list.
    """
    if count <= 0:
        return None
    if current is None or not 0 <= current < count:
        return 0 if step > 0 else count - 1
    return (current + step) % count


def step_event(event_ids: Sequence[str], current: str | None, step: int) -> int | None:
    """Index in ``event_ids`` of the event ``step`` away from ``current`` (wrapping); with
    no current event, or one the list no longer shows, the first or the last."""
    position = event_ids.index(current) if current in event_ids else None
    return step_index(len(event_ids), position, step)


def step_any_mention(
    document: Document, step: int, *, current: Mention | None, top: int, bottom: int
) -> Mention | None:
    """The mention of any entity ``step`` away, in text order (outer before inner where
    mentions start together), wrapping.

    From ``current`` when there is one (the caller passes it only while it is in view);
    otherwise from the text in view, ``top`` to ``bottom``: forward, the first mention
    starting at or after ``top``; backward, the last one starting before ``bottom``.
    """
    mentions = document.mentions
    if not mentions:
        return None
    if current is not None:
        index = document.index_of(current) + step
    elif step > 0:
        index = document.mention_index_at_or_after(top) + step - 1
    else:
        index = document.mention_index_at_or_after(bottom) + step
    return mentions[index % len(mentions)]


@dataclass(frozen=True, slots=True)
class TextMatch:
    """A match of the search box's text, and where it stands among all of them."""

    span: Span
    number: int
    """1 + how many matches (taken left to right, without overlaps) end before it starts."""
    total: int
    """Matches in the whole text, taken left to right without overlaps."""


def find_text(text: str, needle: str, after: int) -> TextMatch | None:
    """The first match of ``needle`` (any case) starting at or after ``after``, or else
    the first in the text (wrapping); None when it is not in the text or is empty."""
    if not needle:
        return None
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    match = pattern.search(text, after) or pattern.search(text, 0)
    if match is None:
        return None
    total = sum(1 for _ in pattern.finditer(text))
    number = sum(1 for _ in pattern.finditer(text, 0, match.start())) + 1
    return TextMatch(Span(match.start(), match.end()), number, total)
