"""Which imported mentions are one entity when the source does not say.

brat text-bound annotations, doccano and displaCy spans and other tools' W3C tags
are mentions with a type and nothing linking them. Left alone, "IL10" written
eighteen times is eighteen entities. Imports therefore group mentions of one
**type and text**, unless asked to keep them apart (``--keep-apart``).

The key is the type as the source writes it and the covered text with every run of
white space folded to one space; case is kept. Line breaks and double spaces inside
a name come from the layout of the text, not from what it names (brat's own text
field compares white space runs alike); case often carries meaning ("US" and "us",
gene symbols such as "AND"), and anything looser (plurals, accents) would be a
guess.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable

from tui.core.document.model import Span

GroupKey = tuple[str, str]
Parts = tuple[Span, ...]
"""A mention as its fragments, in text order (one span for most mentions)."""


def same_text_key(type_name: str, text: str) -> GroupKey:
    """What two mentions share to be grouped: their type and their folded text."""
    return (type_name, " ".join(text.split()))


def mention_order(parts: Parts) -> tuple[Span, Parts]:
    """The order of an entity's mentions in a built document (``Mention.index``)."""
    return (Span(parts[0].start, parts[-1].end), parts)


class ExportPicks:
    """Which mention of a grouped entity an exporter names, found in ``O(log n)``.

    gloss's arguments and relation ends name entities. brat export writes an event
    argument as the entity's mention nearest the trigger (ties: the earlier one) and a
    relation end as its first mention; doccano export writes relations from the first
    mention. An import that groups mentions asks this which one comes back, so that a
    mention an argument names and export would not give back stays its own entity.
    """

    def __init__(self, members: Iterable[tuple[Parts, Hashable]]) -> None:
        ordered = sorted(members, key=lambda member: mention_order(member[0]))
        self._owners = [owner for _, owner in ordered]
        self._starts = [parts[0].start for parts, _ in ordered]

    def first(self) -> Hashable:
        """The owner of the first mention in text order."""
        return self._owners[0]

    def nearest(self, anchor: int) -> Hashable:
        """The owner of the mention whose start is nearest ``anchor`` (ties: earlier)."""
        starts = self._starts
        right = bisect.bisect_left(starts, anchor)
        if right == 0:
            return self._owners[0]
        # The earliest mention of the last start before the anchor.
        left = bisect.bisect_left(starts, starts[right - 1])
        if right == len(starts) or anchor - starts[left] <= starts[right] - anchor:
            return self._owners[left]
        return self._owners[right]
