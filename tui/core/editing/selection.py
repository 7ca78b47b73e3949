"""The annotate mode's caret and selection over an article, in code-point offsets.

A mention is almost always whole words, so a selection snaps to words and moves by
words; a step by one character is there for the rest. Neither ever splits a
user-perceived character (a letter and its combining accent, an emoji joined by a
zero-width joiner, a flag), so a selection always covers what the reader sees.
Words are what ``all: true`` calls words (:func:`tui.core.text.anchoring.is_word_char`),
so "every other occurrence" of a selection finds what the saved selector will.

Moves are offset-based; which offset is one line down is the article view's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tui.core.document.model import Span
from tui.core.text.anchoring import TextIndex, is_grapheme_boundary, is_word_char

Unit = Literal["word", "char"]

_WORD, _MARK, _SPACE = "word", "mark", "space"
"""What a character cluster is: part of a word, punctuation or a symbol, or space."""


def _class(text: str, start: int) -> str:
    """The class of the character cluster starting at ``start``: its first code
    point's, except that a space carrying a combining mark is a visible mark."""
    char = text[start]
    if is_word_char(char):
        return _WORD
    if not char.isspace():
        return _MARK
    return _SPACE if next_char_edge(text, start) == start + 1 else _MARK


def next_char_edge(text: str, offset: int) -> int:
    """The edge after the user-perceived character at ``offset`` (``len(text)`` at most)."""
    end = len(text)
    offset = min(max(offset, 0), end)
    if offset == end:
        return end
    offset += 1
    while offset < end and not is_grapheme_boundary(text, offset):
        offset += 1
    return offset


def previous_char_edge(text: str, offset: int) -> int:
    """The edge before the user-perceived character that ends at ``offset`` (0 at least)."""
    offset = min(max(offset, 0), len(text))
    if offset == 0:
        return 0
    offset -= 1
    while offset > 0 and not is_grapheme_boundary(text, offset):
        offset -= 1
    return offset


def _kind_before(text: str, offset: int) -> str | None:
    """The class of the character cluster that ends at ``offset``."""
    if offset <= 0:
        return None
    return _class(text, previous_char_edge(text, offset))


def _kind_after(text: str, offset: int) -> str | None:
    """The class of the character cluster that starts at ``offset``."""
    return _class(text, offset) if offset < len(text) else None


def _run_end(text: str, offset: int) -> int:
    """The end of the run of one class that the cluster at ``offset`` starts or continues."""
    kind = _kind_after(text, offset)
    while offset < len(text) and _kind_after(text, offset) == kind:
        offset = next_char_edge(text, offset)
    return offset


def _run_start(text: str, offset: int) -> int:
    """The start of the run of one class that the cluster ending at ``offset`` is in."""
    kind = _kind_before(text, offset)
    while offset > 0 and _kind_before(text, offset) == kind:
        offset = previous_char_edge(text, offset)
    return offset


def _inside_run(text: str, offset: int) -> bool:
    before, after = _kind_before(text, offset), _kind_after(text, offset)
    return before is not None and before == after and before != _SPACE


def _skip_space_forward(text: str, offset: int) -> int:
    return _run_end(text, offset) if _kind_after(text, offset) == _SPACE else offset


def _skip_space_back(text: str, offset: int) -> int:
    return _run_start(text, offset) if _kind_before(text, offset) == _SPACE else offset


def next_token(text: str, offset: int) -> Span | None:
    """The word (or run of punctuation) at or after ``offset``, skipping space: where
    the caret goes by a word forward."""
    start = _skip_space_forward(text, offset)
    if start >= len(text):
        return None
    if _inside_run(text, start):
        start = _run_start(text, start)
    return Span(start, _run_end(text, start))


def previous_token(text: str, offset: int) -> Span | None:
    """The word (or run of punctuation) that ends at or before ``offset``."""
    end = _skip_space_back(text, offset)
    if end <= 0:
        return None
    if _inside_run(text, end):
        end = _run_end(text, end)
    return Span(_run_start(text, end), end)


def snap_to_words(text: str, span: Span) -> Span:
    """``span`` widened to whole words, without the space at its edges.

    A run of punctuation stays as it is (a selected "." or "—" is what was meant). A
    selection of nothing but space, or an empty one, becomes the word at (or else
    after, or else before) its place: it is empty only when the text has no word or
    mark at all.
    """
    size = len(text)
    start = min(max(span.start, 0), size)
    end = min(max(span.end, start), size)
    while start > 0 and not is_grapheme_boundary(text, start):
        start -= 1
    while end < size and not is_grapheme_boundary(text, end):
        end += 1
    place = start
    start, end = _skip_space_forward(text, start), _skip_space_back(text, end)
    if start >= end:
        token = _token_near(text, place)
        return token if token is not None else Span(place, place)
    if _kind_after(text, start) == _WORD and _kind_before(text, start) == _WORD:
        start = _run_start(text, start)
    if _kind_before(text, end) == _WORD and _kind_after(text, end) == _WORD:
        end = _run_end(text, end)
    return Span(start, end)


def _token_near(text: str, offset: int) -> Span | None:
    offset = min(max(offset, 0), len(text))
    if _kind_before(text, offset) == _WORD and _kind_after(text, offset) != _WORD:
        return previous_token(text, offset)  # the caret just after a word
    return next_token(text, offset) or previous_token(text, offset)


@dataclass(frozen=True, slots=True)
class Selection:
    """Where the selection started (``anchor``) and the end that moves (``caret``)."""

    anchor: int
    caret: int

    @property
    def span(self) -> Span:
        return Span(min(self.anchor, self.caret), max(self.anchor, self.caret))

    @classmethod
    def of(cls, span: Span) -> Selection:
        return cls(span.start, span.end)

    @classmethod
    def word_at(cls, text: str, offset: int) -> Selection:
        """The word at the caret (see :func:`snap_to_words`)."""
        return cls.of(snap_to_words(text, Span(offset, offset)))

    def snapped(self, text: str) -> Selection:
        """Widened to whole words, keeping which end the caret is at."""
        span = snap_to_words(text, self.span)
        if self.caret < self.anchor:
            return Selection(span.end, span.start)
        return Selection(span.start, span.end)

    # -- moving one end (never past the text, never across the other end) ----------
    def extend_end(self, text: str, by: Unit = "word") -> Selection:
        """The end moved forward by a word (the next word or punctuation) or a character."""
        span = self.span
        if by == "char":
            return Selection(span.start, next_char_edge(text, span.end))
        if _inside_run(text, span.end):
            return Selection(span.start, _run_end(text, span.end))
        token = next_token(text, span.end)
        return Selection(span.start, token.end if token else span.end)

    def shrink_end(self, text: str, by: Unit = "word") -> Selection:
        """The end moved back by a word or a character; the selection keeps one at least."""
        span = self.span
        if by == "char":
            end = previous_char_edge(text, span.end)
        else:
            last = previous_token(text, span.end)
            end = _skip_space_back(text, last.start) if last else span.start
        return Selection(span.start, end) if end > span.start else Selection.of(span)

    def extend_start(self, text: str, by: Unit = "word") -> Selection:
        """The start moved back by a word or a character."""
        span = self.span
        if by == "char":
            return Selection(span.end, previous_char_edge(text, span.start))
        if _inside_run(text, span.start):
            return Selection(span.end, _run_start(text, span.start))
        token = previous_token(text, span.start)
        return Selection(span.end, token.start if token else span.start)

    def shrink_start(self, text: str, by: Unit = "word") -> Selection:
        """The start moved forward by a word or a character; one at least is kept."""
        span = self.span
        if by == "char":
            start = next_char_edge(text, span.start)
        else:
            first = next_token(text, span.start)
            start = _skip_space_forward(text, first.end) if first else span.end
        return Selection(span.end, start) if start < span.end else Selection.of(span)

    # -- moving the whole selection ---------------------------------------------------
    def next_word(self, text: str) -> Selection:
        """The word (or punctuation) after the selection, or the selection at the end."""
        token = next_token(text, self.span.end)
        return Selection.of(token) if token else self

    def previous_word(self, text: str) -> Selection:
        """The word (or punctuation) before the selection, or the selection at the start."""
        token = previous_token(text, self.span.start)
        return Selection.of(token) if token else self


def find_next(text: str, query: str, after: int) -> Span | None:
    """The first match of ``query`` that starts after ``after``, wrapping round to the
    text's start; None when there is none.

    Smart case, as in vim: a query with no capital letter matches any case, one with
    a capital matches exactly. A match that would split a user-perceived character is
    passed over.
    """
    if not query or not text:
        return None
    flags = 0 if any(char.isupper() for char in query) else re.IGNORECASE
    pattern = re.compile(re.escape(query), flags)
    return _search(text, pattern, after + 1, len(text)) or _search(text, pattern, 0, after + 1)


def _search(text: str, pattern: re.Pattern[str], position: int, limit: int) -> Span | None:
    """The first whole-character match starting in ``[position, limit)``."""
    position = max(position, 0)
    while position < limit:
        match = pattern.search(text, position)
        if match is None or match.start() >= limit:
            return None
        if is_grapheme_boundary(text, match.start()) and is_grapheme_boundary(text, match.end()):
            return Span(match.start(), match.end())
        position = match.start() + 1
    return None


def whole_word_occurrences(text: str, span: Span, index: TextIndex | None = None) -> list[Span]:
    """Every other place where the text of ``span`` stands as whole words: what
    ``all: true`` would select, less ``span`` itself. ``index`` may be the document's
    own, to share its word index on a long text."""
    quote = text[span.start : span.end]
    if not quote.strip():
        return []
    if index is None or not (index.text is text or index.text == text):
        index = TextIndex(text)
    return [
        Span(start, start + len(quote))
        for start in index.word_bounded(quote)
        if start != span.start
    ]
