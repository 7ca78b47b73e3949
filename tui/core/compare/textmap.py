"""Mapping spans from one text to a slightly different one (whitespace, a fixed typo).

The texts are aligned in passes to keep the cost bounded on long articles: lines first
(``difflib`` on whole lines is fast); inside the stretches of lines that differ, the
common start and end; then words, and characters only inside short gaps. What is left
unaligned cannot carry spans across, and those spans are counted, never guessed.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

from tui.core.document.model import Span

MIN_SHARED = 0.6
"""Below this share of aligned characters (of the longer text) the texts are taken to
be different articles, not two versions of one."""

_MAX_CHARACTER_BLOCK = 2_000
"""Differing stretches longer than this (in either text) are aligned word by word, and
only the short gaps between matched words character by character: ``difflib`` grows
quadratically in the length of what it aligns."""


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
        elif tag == "replace" and a_stop - a_first == b_stop - b_first:
            # As many lines on each side: most likely each line edited in place.
            for a_line, b_line in zip(range(a_first, a_stop), range(b_first, b_stop), strict=True):
                runs.extend(
                    _align_characters(
                        text_a,
                        starts_a[a_line],
                        starts_a[a_line + 1],
                        text_b,
                        starts_b[b_line],
                        starts_b[b_line + 1],
                    )
                )
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
    """Runs inside one stretch of differing lines: the common start and end first (a
    typo in a 20 KB paragraph is a few characters in the middle), then words, then
    characters inside the short gaps between matched words."""
    runs: list[tuple[int, int, int]] = []
    prefix = _common_prefix(text_a, a_start, a_end, text_b, b_start, b_end)
    if prefix:
        runs.append((b_start, a_start, prefix))
        a_start += prefix
        b_start += prefix
    suffix = _common_suffix(text_a, a_start, a_end, text_b, b_start, b_end)
    if suffix:
        runs.append((b_end - suffix, a_end - suffix, suffix))
        a_end -= suffix
        b_end -= suffix
    if a_start == a_end or b_start == b_end:
        return runs
    if a_end - a_start <= _MAX_CHARACTER_BLOCK and b_end - b_start <= _MAX_CHARACTER_BLOCK:
        runs.extend(_difflib_runs(text_a[a_start:a_end], a_start, text_b[b_start:b_end], b_start))
        return runs
    words_a = _WORD.findall(text_a, a_start, a_end)
    words_b = _WORD.findall(text_b, b_start, b_end)
    if len(words_a) > _MAX_WORDS or len(words_b) > _MAX_WORDS:
        return runs  # left unaligned: its spans are counted as not placed
    starts_a = _token_starts(words_a, a_start)
    starts_b = _token_starts(words_b, b_start)
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    previous_a, previous_b = a_start, b_start
    for block in matcher.get_matching_blocks():
        block_a, block_b = starts_a[block.a], starts_b[block.b]
        gap_a, gap_b = block_a - previous_a, block_b - previous_b
        if 0 < gap_a <= _MAX_CHARACTER_BLOCK and 0 < gap_b <= _MAX_CHARACTER_BLOCK:
            runs.extend(
                _difflib_runs(
                    text_a[previous_a:block_a], previous_a, text_b[previous_b:block_b], previous_b
                )
            )
        if block.size:
            length = starts_a[block.a + block.size] - block_a
            runs.append((block_b, block_a, length))
        previous_a = starts_a[block.a + block.size]
        previous_b = starts_b[block.b + block.size]
    return runs


_MAX_WORDS = 4_000
"""Differing stretches of more words than this are not aligned at all (a 20 KB paragraph
has about 3,500): it keeps the cost of hostile texts bounded."""

_WORD = re.compile(r"\s*\S+|\s+")
"""A word with the whitespace before it: tokens that cover the text without gaps."""


def _token_starts(tokens: list[str], start: int) -> list[int]:
    starts = [start]
    for token in tokens:
        starts.append(starts[-1] + len(token))
    return starts


def _common_prefix(
    text_a: str, a_start: int, a_end: int, text_b: str, b_start: int, b_end: int
) -> int:
    limit = min(a_end - a_start, b_end - b_start)
    length = 0
    step = 1024
    while length < limit:  # compare in slices: fast in C, and linear overall
        size = min(step, limit - length)
        if (
            text_a[a_start + length : a_start + length + size]
            == text_b[b_start + length : b_start + length + size]
        ):
            length += size
            continue
        while length < limit and text_a[a_start + length] == text_b[b_start + length]:
            length += 1
        break
    return length


def _common_suffix(
    text_a: str, a_start: int, a_end: int, text_b: str, b_start: int, b_end: int
) -> int:
    limit = min(a_end - a_start, b_end - b_start)
    length = 0
    while length < limit and text_a[a_end - length - 1] == text_b[b_end - length - 1]:
        length += 1
    return length


def _difflib_runs(
    piece_a: str, a_offset: int, piece_b: str, b_offset: int
) -> list[tuple[int, int, int]]:
    matcher = difflib.SequenceMatcher(None, piece_a, piece_b, autojunk=False)
    return [
        (b_offset + block.b, a_offset + block.a, block.size)
        for block in matcher.get_matching_blocks()
        if block.size
    ]
