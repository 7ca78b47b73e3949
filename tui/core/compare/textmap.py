"""Mapping spans from one text to a slightly different one (whitespace, a fixed typo).

The texts are aligned in two passes to keep the cost bounded on long articles: lines
first (``difflib`` on whole lines is fast), then characters, but only inside the
stretches of lines that differ and only when such a stretch is short. What is left
unaligned cannot carry spans across, and those spans are counted, never guessed.
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass

from tui.core.model import Span

MIN_SHARED = 0.6
"""Below this share of aligned characters (of the longer text) the texts are taken to
be different articles, not two versions of one."""

_MAX_CHARACTER_BLOCK = 20_000
"""Differing stretches longer than this (in either text) are not aligned character by
character: ``difflib`` grows quadratically there."""


@dataclass(frozen=True, slots=True)
class TextMap:
    """Where each character of text B is in text A, as runs of identical characters."""

    b_starts: tuple[int, ...]
    """Start in B of each run, ascending."""
    a_starts: tuple[int, ...]
    """Start in A of the same run."""
    lengths: tuple[int, ...]
    shared: int
    """Characters aligned in all."""
    length_a: int
    length_b: int

    @property
    def identical(self) -> bool:
        """Whether the texts are the same (every span maps to itself)."""
        return self.length_a == self.length_b == self.shared

    @property
    def similarity(self) -> float:
        """Aligned characters as a share of the longer text."""
        longest = max(self.length_a, self.length_b)
        return self.shared / longest if longest else 1.0

    @property
    def same_article(self) -> bool:
        """Whether the texts are close enough to be versions of one article."""
        return self.similarity >= MIN_SHARED

    def offset_in_a(self, offset: int) -> int | None:
        """Where character ``offset`` of B is in A, if it was aligned."""
        if self.identical:
            return offset
        run = bisect.bisect_right(self.b_starts, offset) - 1
        if run < 0 or offset >= self.b_starts[run] + self.lengths[run]:
            return None
        return self.a_starts[run] + offset - self.b_starts[run]

    def span_in_a(self, span: Span) -> Span | None:
        """``span`` of B in A's offsets, if its first and last characters were aligned."""
        if self.identical:
            return span
        start = self.offset_in_a(span.start)
        last = self.offset_in_a(span.end - 1)
        if start is None or last is None or last < start:
            return None
        return Span(start, last + 1)


def identity(length: int) -> TextMap:
    """The map of a text onto itself."""
    return TextMap((0,), (0,), (length,), length, length, length)


def align_texts(text_a: str, text_b: str) -> TextMap:
    """Align B onto A: lines first, then characters within short differing stretches."""
    if text_a == text_b:
        return identity(len(text_a))
    lines_a = text_a.splitlines(keepends=True)
    lines_b = text_b.splitlines(keepends=True)
    starts_a = _line_starts(lines_a)
    starts_b = _line_starts(lines_b)
    runs: list[tuple[int, int, int]] = []  # (b start, a start, length)
    matcher = difflib.SequenceMatcher(None, lines_a, lines_b, autojunk=False)
    for tag, a_first, a_stop, b_first, b_stop in matcher.get_opcodes():
        a_offset, a_end = starts_a[a_first], starts_a[a_stop]
        b_offset, b_end = starts_b[b_first], starts_b[b_stop]
        if tag == "equal":
            runs.append((b_offset, a_offset, a_end - a_offset))
        elif tag == "replace":
            runs.extend(_align_characters(text_a, a_offset, a_end, text_b, b_offset, b_end))
    runs = [run for run in runs if run[2] > 0]
    runs.sort()
    return TextMap(
        b_starts=tuple(run[0] for run in runs),
        a_starts=tuple(run[1] for run in runs),
        lengths=tuple(run[2] for run in runs),
        shared=sum(run[2] for run in runs),
        length_a=len(text_a),
        length_b=len(text_b),
    )


def _line_starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _align_characters(
    text_a: str, a_start: int, a_end: int, text_b: str, b_start: int, b_end: int
) -> list[tuple[int, int, int]]:
    if a_end - a_start > _MAX_CHARACTER_BLOCK or b_end - b_start > _MAX_CHARACTER_BLOCK:
        return []
    matcher = difflib.SequenceMatcher(
        None, text_a[a_start:a_end], text_b[b_start:b_end], autojunk=False
    )
    return [
        (b_start + block.b, a_start + block.a, block.size)
        for block in matcher.get_matching_blocks()
        if block.size
    ]
