"""Soft-wrapping text into display lines by terminal cell width, keeping offsets.

The article view draws one display line at a time; this module says which code
points each display line holds. Paragraph breaks (newlines) are kept, words are
not split unless a single word is wider than the line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from unicodedata import combining, east_asian_width

_TOKEN = re.compile(r"[^ \n]+ *| +")


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Cells a character takes in a terminal: 0 for combining marks, 2 for wide ones."""
    if combining(char) or char in "\u200d\ufe0f\ufe0e":
        return 0
    return 2 if east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Cells ``text`` takes; fast for ASCII."""
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


@dataclass(frozen=True, slots=True)
class LineIndex:
    """Display lines as parallel lists of start and end offsets (``end`` excludes spaces
    that wrapped and the newline)."""

    width: int
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The display line holding ``offset`` (O(log n))."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def wrap(text: str, width: int, *, progress: Callable[[int], None] | None = None) -> LineIndex:
    """Wrap ``text`` to ``width`` cells.

    Args:
        text: the display text (already free of control characters except newlines).
        width: cells per line, at least 1.
        progress: called now and then with the offset reached, for long texts.
    """
    width = max(1, width)
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    length = len(text)
    next_report = 1 << 18
    while position <= length:
        newline = text.find("\n", position)
        paragraph_end = length if newline == -1 else newline
        _wrap_paragraph(text, position, paragraph_end, width, starts, ends)
        position = paragraph_end + 1
        if progress is not None and position >= next_report:
            progress(position)
            next_report = position + (1 << 18)
        if newline == -1:
            break
    return LineIndex(width, starts, ends)


def _wrap_paragraph(
    text: str, start: int, end: int, width: int, starts: list[int], ends: list[int]
) -> None:
    if start == end:
        starts.append(start)
        ends.append(end)
        return
    if end - start <= width and (text.isascii() or cell_width(text[start:end]) <= width):
        starts.append(start)
        ends.append(end)
        return
    if text.isascii() or _single_cells(text[start:end]):
        _wrap_ascii(text, start, end, width, starts, ends)
    else:
        _wrap_words(text, start, end, width, starts, ends)


def _single_cells(paragraph: str) -> bool:
    """Whether every character takes one cell (curly quotes, dashes and accented letters
    do), so the character-counting wrapper applies: measured once per distinct character."""
    if paragraph.isascii():
        return True
    return all(char.isascii() or char_width(char) == 1 for char in set(paragraph))


def _wrap_words(
    text: str, start: int, end: int, width: int, starts: list[int], ends: list[int]
) -> None:
    """Word by word, measuring cells: for text with wide or zero-width characters."""
    line_start = start
    used = 0
    for match in _TOKEN.finditer(text, start, end):
        token_start, token_end = match.span()
        word = match.group()
        stripped = word.rstrip(" ")
        word_cells = cell_width(stripped)
        if used and used + word_cells > width:
            starts.append(line_start)
            ends.append(_trim(text, line_start, token_start))
            line_start = token_start
            used = 0
        if word_cells > width:
            # One word wider than the line: cut it by cells.
            cursor = token_start
            for position, char in enumerate(stripped, token_start):
                cells = char_width(char)
                if used + cells > width and used:
                    starts.append(line_start)
                    ends.append(position)
                    line_start = position
                    used = 0
                used += cells
                cursor = position + 1
            used += token_end - cursor
            continue
        used += word_cells + (len(word) - len(stripped))
    starts.append(line_start)
    ends.append(_trim(text, line_start, end))


def _wrap_ascii(
    text: str, start: int, end: int, width: int, starts: list[int], ends: list[int]
) -> None:
    """One cell per character (not only ASCII): find each break with ``rfind`` instead of
    word by word."""
    position = start
    lines_before = len(starts)
    while end - position > width:
        # Break at the last space that keeps the line within ``width`` cells.
        space = text.rfind(" ", position, position + width + 1)
        if space < position:
            # No space in reach: a word wider than the line is cut at the width.
            starts.append(position)
            ends.append(position + width)
            position += width
        else:
            starts.append(position)
            ends.append(_trim(text, position, space))
            position = space
        while position < end and text[position] == " ":
            position += 1
    if position < end or len(starts) == lines_before:
        starts.append(position)
        ends.append(_trim(text, position, end))


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == " ":
        end -= 1
    return end
