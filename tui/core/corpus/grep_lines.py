"""Hits as ``grep`` prints them: each source line with a hit once, its hits marked.

``gloss search`` prints ``FILE:LINE:COL:line`` for every line of an article's text that
holds a hit (``COL`` is the first hit's), and with context ``FILE-LINE-line`` for the
lines around it and ``--`` between groups that do not touch, as ``grep -n --column -C``
does. Files come in the order of their best hit; lines in text order. The text of each
line is made visible (no character a terminal acts on), split into parts that are hits
or not, so the caller can colour the hits.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.core.corpus.matching import Hit
from tui.core.text.textsafety import one_line


@dataclass(frozen=True, slots=True)
class GrepLine:
    """One printed line: a line of a text (with or without hits), or a ``--`` separator."""

    path: str
    """The text file as shown."""
    line: int
    """1-based line number (0 for a separator)."""
    column: int | None
    """1-based column of the line's first hit; None for a context line or a separator."""
    parts: tuple[tuple[str, bool], ...] = ()
    """The line's text in parts, each made visible, with whether it is a hit."""

    @property
    def separator(self) -> bool:
        """Whether this is the ``--`` between groups of lines."""
        return self.line == 0

    @property
    def text(self) -> str:
        """The line's text, without marks."""
        return "".join(part for part, _ in self.parts)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def grep_lines(hits: Sequence[Hit], texts: Mapping[str, str], context: int = 0) -> list[GrepLine]:
    """The lines to print for ``hits`` (ranked), ``texts`` giving each hit's article text
    by its annotation file's path (``Hit.path``), with ``context`` lines around each."""
    files: dict[str, list[Hit]] = {}
    for hit in hits:
        files.setdefault(hit.path, []).append(hit)
    printed: list[GrepLine] = []
    for path, found in files.items():
        text = texts.get(path)
        if text is None:
            continue
        starts = _line_starts(text)
        spans_by_line: dict[int, list[tuple[int, int]]] = {}
        for hit in sorted(found, key=lambda h: (h.start, h.end)):
            number = bisect.bisect_right(starts, hit.start)
            line_end = _line_end(text, starts, number)
            spans_by_line.setdefault(number, []).append((hit.start, min(hit.end, line_end)))
        wanted: set[int] = set()
        for number in spans_by_line:
            wanted.update(range(max(1, number - context), min(len(starts), number + context) + 1))
        shown_path = found[0].text_path
        last = None
        for number in sorted(wanted):
            if context and printed and (last is None or number > last + 1):
                printed.append(GrepLine(shown_path, 0, None))
            last = number
            start, end = starts[number - 1], _line_end(text, starts, number)
            spans = spans_by_line.get(number, [])
            printed.append(
                GrepLine(
                    shown_path,
                    number,
                    spans[0][0] - start + 1 if spans else None,
                    _parts(text, start, end, spans),
                )
            )
    return printed


def _line_end(text: str, starts: list[int], number: int) -> int:
    """Where line ``number`` (1-based) ends, before its line break."""
    end = starts[number] - 1 if number < len(starts) else len(text)
    if end > starts[number - 1] and text[end - 1] == "\r":
        end -= 1
    return end


def _parts(
    text: str, start: int, end: int, spans: list[tuple[int, int]]
) -> tuple[tuple[str, bool], ...]:
    parts: list[tuple[str, bool]] = []
    at = start
    for span_start, span_end in spans:
        span_start = max(span_start, at)
        if span_end <= span_start:
            continue
        if span_start > at:
            parts.append((one_line(text[at:span_start]), False))
        parts.append((one_line(text[span_start:span_end]), True))
        at = span_end
    if at < end or not parts:
        parts.append((one_line(text[at:end]), False))
    return tuple(parts)
