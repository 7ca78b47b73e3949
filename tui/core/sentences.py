"""Sentence boundaries, for the default passage of an event (the sentence of its trigger)."""

from __future__ import annotations

import re

from tui.core.model import Span

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


_WINDOW = 1024
"""How far back each step of the search for a sentence start looks."""


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


_last: tuple[str | None, dict[tuple[int, int], Span]] = (None, {})
"""The text last asked about and the sentences found in it: an importer finds each
event's passage, then the writer asks again to leave out a passage that is the default.
Only one text is kept, so no document outlives its use; the pair is replaced as a whole,
so a thread never reads the answers of another thread's text."""


def sentence_around(text: str, span: Span) -> Span:
    """The sentence holding ``span``, never crossing a paragraph (blank line) break.

    Only the text near ``span`` is searched, so a long paragraph costs no more than a
    short one; the answers for the last text are remembered.
    """
    global _last
    known_text, known = _last
    if known_text is not text:
        known = {}
        _last = (text, known)
    key = (span.start, span.end)
    found = known.get(key)
    if found is None:
        found = known[key] = _sentence_around(text, span)
    return found


def _sentence_around(text: str, span: Span) -> Span:
    paragraph_start = text.rfind("\n\n", 0, span.start)
    paragraph_start = 0 if paragraph_start == -1 else paragraph_start + 2
    paragraph_end = text.find("\n\n", span.end)
    paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
    start = _sentence_start(text, span, paragraph_start, paragraph_end)
    end = paragraph_end
    for match in _END.finditer(text, max(paragraph_start, span.end - 1), paragraph_end):
        if not _is_abbreviation(text, match.start()):
            end = match.end()
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, max(end, span.end))


def _sentence_start(text: str, span: Span, paragraph_start: int, paragraph_end: int) -> int:
    """Just after the last sentence end before ``span``, searching back window by window.

    Each window looks only at the stops (``.!?``) inside it, so a long paragraph with no
    sentence end costs one pass over it, not one pass per window.
    """
    high = span.start
    while high > paragraph_start:
        low = max(paragraph_start, high - _WINDOW)
        last = None
        for stop in _STOP.finditer(text, low, high):
            # The lookahead needs the character after the sentence end, at most span.start.
            match = _END.match(text, stop.start(), min(paragraph_end, span.start + 1))
            if match is None or match.end() > span.start:
                continue
            if not _is_abbreviation(text, match.start()):
                last = match
        if last is not None:
            return last.end()
        high = low
    return paragraph_start
