"""Sentence boundaries, for the default passage of an event (the sentence of its trigger)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from tui.core.document.model import Span

# A sentence ends at . ! or ? (with closing quotes or brackets after it) followed by
# whitespace, unless the word before the full stop is an abbreviation or an initial.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")
_STOP = re.compile(r"[.!?]")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "maj",
        "brig",
        "col",
        "lt",
        "capt",
        "sgt",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` closes an abbreviation rather than a sentence."""
    if text[stop] != ".":
        return False
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:stop]
    last_part = re.split(r"[-.]", word)[-1]
    if len(last_part) == 1 and last_part.isalpha() and last_part.isupper():
        return True  # an initial such as "G." in "Brig.-Gen. G."
    return last_part.lower() in _ABBREVIATIONS or word.lower().rstrip(".") in _ABBREVIATIONS


@dataclass(frozen=True, slots=True)
class _Boundaries:
    """Where a text's paragraphs break and its sentences end, found once per text.

    Every event of a document asks for the sentence around its trigger; looking these
    up by bisection keeps a document of many events near-linear even when its text has
    no blank line or no full stop for a long way.
    """

    paragraph_breaks: list[int]
    """Where each ``\\n\\n`` starts (overlapping runs included, as ``find`` sees them)."""
    stop_starts: list[int]
    """Where each sentence end (a full stop that is not an abbreviation's) starts."""
    stop_ends: list[int]
    """Where each of those ends, closing quotes and brackets included."""


_last: tuple[str | None, _Boundaries | None] = (None, None)
"""The text last asked about and its boundaries: an importer or the loader asks for
every event of one document in turn. Only one text is kept, so no document outlives its
use; the pair is replaced as a whole, so a thread never reads another text's answers."""


def _boundaries(text: str) -> _Boundaries:
    global _last
    known_text, known = _last
    if known_text is text and known is not None:
        return known
    breaks = [match.start() for match in _PARAGRAPH_BREAK.finditer(text)]
    starts: list[int] = []
    ends: list[int] = []
    for match in _END.finditer(text):
        if not _is_abbreviation(text, match.start()):
            starts.append(match.start())
            ends.append(match.end())
    found = _Boundaries(breaks, starts, ends)
    _last = (text, found)
    return found


def forget_last_text() -> None:
    """Drop the remembered boundaries (a measurement that wants each run to find them)."""
    global _last
    _last = (None, None)


_PARAGRAPH_BREAK = re.compile(r"(?=\n\n)")


def sentence_around(text: str, span: Span) -> Span:
    """The sentence holding ``span``, never crossing a paragraph (blank line) break."""
    found = _boundaries(text)
    before = bisect_right(found.paragraph_breaks, span.start - 2) - 1
    paragraph_start = 0 if before < 0 else found.paragraph_breaks[before] + 2
    after = bisect_left(found.paragraph_breaks, span.end)
    paragraph_end = (
        len(text) if after == len(found.paragraph_breaks) else found.paragraph_breaks[after]
    )
    start = paragraph_start
    # The last sentence end at or before the span's start, inside the paragraph and
    # followed by white space inside it.
    last = bisect_right(found.stop_ends, min(span.start, paragraph_end - 1)) - 1
    if last >= 0 and found.stop_starts[last] >= paragraph_start:
        start = found.stop_ends[last]
    end = paragraph_end
    # The first sentence end from the span's last character on, inside the paragraph.
    first = bisect_left(found.stop_starts, max(paragraph_start, span.end - 1))
    if first < len(found.stop_starts) and found.stop_ends[first] < paragraph_end:
        end = found.stop_ends[first]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, max(end, span.end))
