"""Readable text from ECB+ tokens, with the offsets of every token.

The XML keeps the words but not the spaces between them. :func:`join_tokens` lays
out one sentence by the rules a reader expects:

* no space before ``, . ; : ? ! ) ] } % ...`` and the clitics ``'s n't 'll 're 've 'm 'd``;
  no space after ``( [ { $ #``;
* PTB quotes become real ones: `````` → “ and ``''`` → ”, ```` ` ```` → ‘; a straight
  ``"`` opens and closes in turn; a lone ``'`` after a word ending in *s* is a
  possessive (``pirates' boats``);
* a ``-`` or ``/`` between two words joins them (``anti - piracy`` → ``anti-piracy``,
  ``05 / 03`` → ``05/03``), unless a neighbour is a small function word (``herself - it``
  stays spaced); a ``:`` between two numbers joins them (``4 : 59`` → ``4:59``);
* white space inside a token becomes one space, so a token never breaks a line.

:func:`lay_out` joins the sentences as paragraphs (one per sentence, since the XML
does not mark paragraphs) and rejoins the tokenised URL that ECB+ articles start with
into one line, which is also returned as the document's source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from tui.core.formats.cat.parse import Token

_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "...", "''", "”", "’", "n't"}
)
_CLITICS = frozenset({"'s", "'ll", "'re", "'ve", "'m", "'d", "’s", "’ll", "’re", "’ve", "’m", "’d"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#", "``", "“", "`", "‘"})
_RENDER = {"``": "“", "''": "”", "`": "‘", "-LRB-": "(", "-RRB-": ")"}
_JOINERS = frozenset({"-", "/"})
_SPACED_NEIGHBOURS = frozenset(
    {
        *("the", "a", "an", "it", "he", "she", "they", "we", "i", "you", "this", "that"),
        *("which", "who", "where", "when", "while", "at", "but", "as"),
    }
)
_AFTER_APOSTROPHE = frozenset({"s", "t", "ll", "re", "ve", "m", "d"})
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_sentence_of = itemgetter(1)
"""A token's sentence number (tokens are named tuples)."""


def _wordlike(token: str | None) -> bool:
    return token is not None and token[:1].isalnum() and token[-1:].isalnum()


def _joins(before: str | None, after: str | None) -> bool:
    """Whether a ``-`` or ``/`` between these two tokens is inside one compound."""
    if not (_wordlike(before) and _wordlike(after)):
        return False
    return (before or "").lower() not in _SPACED_NEIGHBOURS and (
        after or ""
    ).lower() not in _SPACED_NEIGHBOURS


def _joins_around(token: str, before: str | None, after: str | None) -> bool:
    """Whether ``token`` is glued to both neighbours: ``anti-piracy``, ``05/03``, ``4:59``."""
    if token in _JOINERS:
        return _joins(before, after)
    return token == ":" and bool(before and after and before.isdigit() and after.isdigit())


def _plain(token: str) -> bool:
    """Whether the token needs no cleaning: no white space in it (the usual case)."""
    return token.isprintable() and " " not in token


def _clean(token: str) -> str:
    return _SPACES.sub(" ", token).strip()


@dataclass(frozen=True, slots=True)
class Joined:
    """A sentence laid out: its text, each token's ``(start, end)``, and whether a
    straight double quote is left open at its end (quotes may run over sentences)."""

    text: str
    offsets: list[tuple[int, int]]
    quote_open: bool


def join_tokens(tokens: Sequence[str], *, quote_open: bool = False) -> Joined:
    """One sentence's text from its tokens; ``quote_open`` if a ``"`` is open before it."""
    cleaned = [
        token
        if token.isalnum() or (" " not in token and token.isprintable())  # as _plain
        else _clean(token)
        for token in tokens
    ]
    pieces: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    glue_next = True  # nothing before the first token
    double_open = quote_open
    single_open = False
    for index, token in enumerate(cleaned):
        if token.isalnum():
            # A plain word (most tokens): a space before it unless the one before glues.
            if index > 0 and not glue_next:
                pieces.append(" ")
                length += 1
            offsets.append((length, length + len(token)))
            pieces.append(token)
            length += len(token)
            glue_next = False
            continue
        before = cleaned[index - 1] if index > 0 else None
        after = cleaned[index + 1] if index + 1 < len(cleaned) else None
        rendered = _RENDER.get(token, token)
        glue_before = False
        glue_after = False
        lowered = token.lower()
        if not token or _joins_around(token, before, after):
            glue_before = glue_after = True
        elif (
            token in ("'", "’") and _wordlike(before) and (after or "").lower() in _AFTER_APOSTROPHE
        ):
            glue_before = glue_after = True  # an apostrophe split off its word: Lohan ' s
        elif token in _NO_SPACE_BEFORE or lowered in _CLITICS or lowered == "n't":
            glue_before = True
        elif token in _NO_SPACE_AFTER:
            glue_after = True
            single_open = single_open or token in ("`", "‘")
        elif token == '"':
            closing = double_open and before is not None
            if after is None or after in _NO_SPACE_BEFORE:
                closing = True
            if closing:
                glue_before = True
            else:
                glue_after = True
            double_open = not closing
        elif token == "'":
            if single_open:
                glue_before, single_open = True, False
                rendered = "’"
            elif before and before[-1:] in ("s", "S") and after is not None:
                glue_before = True  # the possessive of a plural: pirates' boats
            else:
                glue_after, single_open = True, True
        if len(token) > 1:
            # Quotes stuck to a word ("My, blindsided", 'party) open or close a quotation.
            if token[0] in '"“':
                double_open = True
            if token[-1] in '"”':
                double_open = False
            if token[0] in "'`‘" and token[1].isalpha() and lowered not in _CLITICS:
                single_open = True
            elif single_open and token[-1] in "'’" and token[-2].isalpha():
                single_open = False
        if index > 0 and not (glue_next or glue_before or not token):
            pieces.append(" ")
            length += 1
        offsets.append((length, length + len(rendered)))
        pieces.append(rendered)
        length += len(rendered)
        if token:  # an empty token leaves the spacing to its neighbours
            glue_next = glue_after
    return Joined("".join(pieces), offsets, double_open)


@dataclass(frozen=True, slots=True)
class Layout:
    """A document's text and where each token is in it."""

    text: str
    offsets: list[tuple[int, int]]
    """Each token's ``(start, end)`` in file order (empty for a token with no text)."""
    source: str | None
    """The article's address, from the URL line ECB+ articles start with."""
    title: str | None
    """The first sentence after the URL line, the headline in most ECB+ articles."""


def lay_out(tokens: Sequence[Token]) -> Layout:
    """The document's text: one paragraph per sentence, the URL line rejoined."""
    # Tokens are tuples: their sentence numbers and words are taken out in C.
    sentences = [[word for _, _, word, _, _ in run] for _, run in groupby(tokens, _sentence_of)]
    paragraphs: list[str] = []
    offsets: list[tuple[int, int]] = []
    offset = 0
    source: str | None = None
    title: str | None = None
    quote_open = False
    for number, words in enumerate(sentences):
        glued = "".join(_clean(word) for word in words) if number == 0 else ""
        if number == 0 and _URL.fullmatch(glued):
            source = glued
            line = glued
            positions = []
            start = 0
            for word in words:
                size = len(_clean(word))
                positions.append((start, start + size))
                start += size
        else:
            joined = join_tokens(words, quote_open=quote_open)
            line, positions, quote_open = joined.text, joined.offsets, joined.quote_open
            if title is None and line:
                title = line if len(line) <= 120 else line[:119].rstrip() + "…"
        if paragraphs:
            offset += 2  # the blank line between paragraphs
        if offset:
            offsets.extend([(offset + start, offset + end) for start, end in positions])
        else:
            offsets.extend(positions)
        paragraphs.append(line)
        offset += len(line)
    return Layout("\n\n".join(paragraphs) + "\n", offsets, source, title)
