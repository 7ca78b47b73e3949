"""Finding known names in a text: whole words, case-aware, longest first, in linear time.

A text and every name are cut into **tokens** the way ``all: true`` sees words: a run of
word characters (:func:`tui.core.text.anchoring.is_word_char`) is one token, any other
visible character is a token of its own, and space only separates (whether a token has
space before it is part of the name: ``AT&T`` is not ``AT & T``). Names are kept in a
trie of case-folded tokens, so finding every name that starts at a token is a walk of
at most :data:`MOST_NAME_TOKENS` steps; a text of *n* tokens costs O(*n* ×
:data:`MOST_NAME_TOKENS`) dictionary look-ups however the names overlap. A name longer
than that is not looked for (no one's name is that long; a hostile one costs nothing).

**Case-aware** means a token of the text matches a token of the name when it is written
the same, or in capitals (``ISRAEL AEROSPACE INDUSTRIES`` in a headline), or, for the
first token only, with its first letter made a capital (``the Hague`` at the start of a
sentence as ``The Hague``). ``apple`` never matches ``Apple``, nor ``US`` ``us``.

**Longest first**: of the matches that may be kept, longer ones are taken first (the
earlier one first among equals), and a match that overlaps one already taken is
dropped; what was taken never overlaps.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from tui.core.text.anchoring import is_grapheme_boundary

T = TypeVar("T")

MOST_NAME_TOKENS = 16
"""Names of more tokens than this are not looked for."""
MOST_NAME_CHARS = 400
"""Nor are names longer than this many code points."""

_TOKEN = re.compile(r"\w+|\S", re.UNICODE)
"""A word (what :func:`~tui.core.text.anchoring.is_word_char` calls word characters:
``str.isalnum`` and ``_``, which is what ``\\w`` matches) or one other visible character."""

Key = tuple[str, bool]
"""A trie edge: the case-folded token and whether space comes before it."""


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    spaced: bool
    """Whether space (or the text's start) comes before it."""


def tokens(text: str) -> list[Token]:
    """The tokens of ``text`` in order."""
    found: list[Token] = []
    last = 0
    for match in _TOKEN.finditer(text):
        start = match.start()
        found.append(Token(start, match.end(), match.group(), start > last or start == 0))
        last = match.end()
    return found


def _keys(parts: list[Token]) -> tuple[Key, ...]:
    return tuple(
        (part.text.casefold(), index > 0 and part.spaced) for index, part in enumerate(parts)
    )


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


@dataclass(slots=True)
class _Node(Generic[T]):
    children: dict[Key, _Node[T]] = field(default_factory=dict)
    exact: dict[tuple[str, ...], T] = field(default_factory=dict)
    """Payloads by the name's tokens as written."""
    shouted: dict[tuple[str, ...], T] = field(default_factory=dict)
    """The same by the name in capitals (the first name given wins)."""
    capitalised: dict[tuple[str, ...], T] = field(default_factory=dict)
    """The same by the name with its first letter a capital."""


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """A name found in the text: where (code points and tokens), and its payload."""

    start: int
    end: int
    payload: T
    first: int = 0
    """The index of its first token."""
    last: int = 0
    """The index of its last token."""
    rank: int = 0
    """Between matches of one length and place, the lower rank is taken."""


class NameFinder(Generic[T]):
    """Names and what each stands for (a payload), to be found in texts."""

    def __init__(self) -> None:
        self._root: _Node[T] = _Node()
        self.size = 0
        """How many distinct names (as written) it holds."""

    def add(self, name: str, payload: T, *, prefer: Callable[[T, T], T] | None = None) -> bool:
        """Look for ``name`` (as written); a name given twice keeps the payload
        ``prefer(old, new)`` chooses (the first one without ``prefer``).

        Returns whether the name can be looked for (it has a word and is not too long).
        """
        if len(name) > MOST_NAME_CHARS:
            return False
        parts = tokens(name)
        if not parts or len(parts) > MOST_NAME_TOKENS:
            return False
        if not any(_is_word(part.text) for part in parts):
            return False  # "–" or "..." name nothing a reader looks for
        node = self._root
        for key in _keys(parts):
            node = node.children.setdefault(key, _Node())
        written = tuple(part.text for part in parts)
        old = node.exact.get(written)
        if old is None:
            self.size += 1
            chosen = payload
        else:
            chosen = prefer(old, payload) if prefer is not None else old
        node.exact[written] = chosen
        shouted = tuple(word.upper() for word in written)
        if shouted not in node.shouted or node.shouted[shouted] is old:
            node.shouted[shouted] = chosen
        capitalised = (_capitalised(written[0]), *written[1:])
        if capitalised not in node.capitalised or node.capitalised[capitalised] is old:
            node.capitalised[capitalised] = chosen
        return True

    def add_all(self, names: Iterable[tuple[str, T]]) -> None:
        for name, payload in names:
            self.add(name, payload)

    def candidates(self, text: str, found: list[Token] | None = None) -> Iterator[Match[T]]:
        """Every match of a name in ``text`` (overlapping ones too), by start."""
        parts = tokens(text) if found is None else found
        folded = [part.text.casefold() for part in parts]
        root = self._root
        for first in range(len(parts)):
            node: _Node[T] | None = root
            for depth in range(min(MOST_NAME_TOKENS, len(parts) - first)):
                at = first + depth
                key = (folded[at], depth > 0 and parts[at].spaced)
                node = node.children.get(key) if node is not None else None
                if node is None:
                    break
                if not node.exact:
                    continue
                written = tuple(part.text for part in parts[first : at + 1])
                payload = node.exact.get(written)
                if payload is None:
                    payload = node.capitalised.get(written)
                if payload is None and all(word == word.upper() for word in written):
                    payload = node.shouted.get(written)
                if payload is None:
                    continue
                start, end = parts[first].start, parts[at].end
                if is_grapheme_boundary(text, start) and is_grapheme_boundary(text, end):
                    yield Match(start, end, payload, first, at)


def _is_word(text: str) -> bool:
    return text[:1].isalnum() or text[:1] == "_"


def longest_first(
    matches: Iterable[Match[T]], allowed: Callable[[Match[T]], bool]
) -> list[Match[T]]:
    """The matches ``allowed`` lets through, longest first (in tokens, then in code
    points, the earlier first among equals), none overlapping another; in text order.

    Taking the longest first makes the overlap check two look-ups: a match taken
    earlier is at least as long, so if it overlaps a later one it holds that one's
    first or last token.
    """
    kept = [match for match in matches if allowed(match)]
    kept.sort(key=lambda m: (m.first - m.last, m.start - m.end, m.start, m.rank))
    taken: list[Match[T]] = []
    held: dict[int, bool] = {}
    for match in kept:
        if match.first in held or match.last in held:
            continue
        for token in range(match.first, match.last + 1):
            held[token] = True
        taken.append(match)
    taken.sort(key=lambda m: m.start)
    return taken
