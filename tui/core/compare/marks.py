"""Which findings touch a stretch of A's text, for painting the article line by line."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.compare.align import Finding, Kind, Layer
from tui.core.document.model import Span

MARKERS: dict[Kind, str] = {
    Kind.BOTH: "=",
    Kind.ONLY_A: "−",
    Kind.ONLY_B: "+",
    Kind.TYPE: "≠",
    Kind.BOUNDARY: "↔",
    Kind.DATE: "~",
    Kind.REALIS: "~",
    Kind.NOT_PLACED: "?",
}
"""One sign per kind, shown beside each difference so kinds differ by more than colour."""


_PAINTED = frozenset({Layer.MENTION, Layer.EVENT})


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of A's text painted for one finding."""

    span: Span
    kind: Kind


class Marks:
    """Every finding's spans, sorted, with a look-up of those overlapping a range."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        marks: list[Mark] = []
        for finding in findings:
            if finding.layer not in _PAINTED:
                continue  # an argument or relation has no words of its own to mark
            for span in (finding.span, finding.other_span):
                if span is not None and len(span):
                    marks.append(Mark(span, finding.kind))
        marks.sort(key=lambda mark: (mark.span.start, mark.span.end))
        self._marks = marks
        self._starts = [mark.span.start for mark in marks]
        self._longest = max((len(mark.span) for mark in marks), default=0)

    def overlapping(self, start: int, end: int) -> list[Mark]:
        """Marks sharing a character with ``[start, end)``: longest first, so that inner
        marks are painted over outer ones, agreements before differences."""
        first = bisect.bisect_left(self._starts, start - self._longest)
        stop = bisect.bisect_left(self._starts, end)
        found = [mark for mark in self._marks[first:stop] if mark.span.end > start]
        found.sort(key=lambda mark: (mark.kind is not Kind.BOTH, -len(mark.span)))
        return found
