"""Finding the text a selector points at.

A selector is the words a mention quotes (with ``occurrence``, ``prefix``/``suffix``
or ``all`` to choose among repeats) or explicit code-point offsets. Resolution is
shared by mentions, triggers, passages, date words and relation evidence.

Long documents with thousands of quotes must not cost one scan of the text per
quote, so :class:`TextIndex` answers "where does this quote occur" from an index
of the text's words, built once, and verifies each candidate with ``startswith``.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from tui.core.document.model import Span
from tui.core.text.fitting import short_repr

_WORD = re.compile(r"\w+")
_SELECTIVE_ENOUGH = 64
"""An inside word with at most this many occurrences makes edge-word look-ups unnecessary."""
_TOKEN_INDEX_MIN_TEXT = 64 * 1024
"""Below this size a plain scan per quote is cheaper than building an index."""
_LONG_TOKEN = 48
"""Words longer than this are not put in the suffix, prefix and substring indexes."""
HINT_WORK_BUDGET = 40_000_000
"""Characters the "closest passage" hints of one text may compare, all quotes together."""


def is_word_char(char: str) -> bool:
    """Whether ``char`` belongs to a word: the rule ``all: true`` matches whole words by,
    shared by every place that asks where a word begins or ends."""
    return char.isalnum() or char == "_"


class TextIndex:
    """Answers occurrence queries over one text, caching what it has computed."""

    def __init__(self, text: str, *, use_token_index: bool | None = None) -> None:
        self.text = text
        self._use_token_index = (
            len(text) >= _TOKEN_INDEX_MIN_TEXT if use_token_index is None else use_token_index
        )
        self._cache: dict[str, tuple[int, ...]] = {}
        self._token_positions: dict[str, list[int]] | None = None
        self._by_suffix: dict[str, list[str]] | None = None
        self._by_prefix: dict[str, list[str]] | None = None
        self._split_tokens: tuple[list[str], list[str]] | None = None
        self._by_length: dict[int, dict[str, list[tuple[str, int]]]] = {}
        self._line_starts: list[int] | None = None
        self._folded: tuple[str, list[int]] | None = None
        self._lowered: str | None = None
        self.hint_work = 0
        """Characters compared so far by "closest passage" hints (bounded by a budget)."""

    # -- positions -----------------------------------------------------------------
    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a code-point offset."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            position = find("\n")
            while position != -1:
                starts.append(position + 1)
                position = find("\n", position + 1)
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def folded(self) -> tuple[str, list[int]]:
        """The text with quotes, dashes, whitespace and case folded (see ``_normalise``),
        computed once: every quote that is not found is looked up in it."""
        if self._folded is None:
            self._folded = _normalise(self.text)
        return self._folded

    def lowered(self) -> str:
        """The text in lower case, computed once for every hint."""
        if self._lowered is None:
            self._lowered = self.text.lower()
        return self._lowered

    # -- occurrences ---------------------------------------------------------------
    def occurrences(self, quote: str) -> tuple[int, ...]:
        """Start offsets of every occurrence of ``quote`` (overlapping ones included)."""
        cached = self._cache.get(quote)
        if cached is not None:
            return cached
        if self._use_token_index and _WORD.search(quote):
            found = self._occurrences_by_token(quote)
        else:
            found = self._occurrences_by_scan(quote)
        self._cache[quote] = found
        return found

    def word_bounded(self, quote: str) -> tuple[int, ...]:
        """Occurrences not glued to a word character on a side where the quote has one."""
        text = self.text
        check_left = is_word_char(quote[0])
        check_right = is_word_char(quote[-1])
        end_offset = len(quote)
        result = []
        for start in self.occurrences(quote):
            if check_left and start > 0 and is_word_char(text[start - 1]):
                continue
            end = start + end_offset
            if check_right and end < len(text) and is_word_char(text[end]):
                continue
            result.append(start)
        return tuple(result)

    def _occurrences_by_scan(self, quote: str) -> tuple[int, ...]:
        found = []
        find = self.text.find
        position = find(quote)
        while position != -1:
            found.append(position)
            position = find(quote, position + 1)
        return tuple(found)

    def _tokens(self) -> dict[str, list[int]]:
        if self._token_positions is None:
            positions: dict[str, list[int]] = {}
            for match in _WORD.finditer(self.text):
                positions.setdefault(match.group(), []).append(match.start())
            self._token_positions = positions
        return self._token_positions

    def _occurrences_by_token(self, quote: str) -> tuple[int, ...]:
        """Candidates from the word index, verified against the text.

        A word of the quote with non-word characters on both sides (inside the quote)
        must be a whole word of the text, so the rarest such word gives the fewest
        candidates; only its positions are built, never those of common words like
        "the" (a sentence-long quote would otherwise cost one list per word). A word
        touching an edge of the quote may be the end, the start or the middle of a
        longer word, so those look-ups go through the vocabulary's suffixes, prefixes
        or substrings, and are only made when no inside word is selective enough.
        """
        tokens = self._tokens()
        length = len(quote)
        best: list[int] | None = None
        best_offset = 0
        edges: list[re.Match[str]] = []
        for match in _WORD.finditer(quote):
            if match.start() == 0 or match.end() == length:
                edges.append(match)
                continue
            found = tokens.get(match.group())
            if found is None:
                return ()  # a whole word that the text never has
            if best is None or len(found) < len(best):
                best, best_offset = found, match.start()
        if best is None or len(best) > _SELECTIVE_ENOUGH:
            # Count what each edge word would give before building any list: the
            # vocabulary entries are few, their positions may be many.
            for match in edges:
                entries = self._edge_tokens(
                    match.group(), match.start() == 0, match.end() == length
                )
                count = sum(len(tokens[token]) for token, _ in entries)
                if best is None or count < len(best):
                    best = [
                        position + shift for token, shift in entries for position in tokens[token]
                    ]
                    best_offset = match.start()
                if not best:
                    return ()
        assert best is not None
        text = self.text
        starts = {position - best_offset for position in best}
        return tuple(sorted(p for p in starts if p >= 0 and text.startswith(quote, p)))

    def _edge_tokens(
        self, word: str, touches_left: bool, touches_right: bool
    ) -> list[tuple[str, int]]:
        """Words of the text a quote's edge word may be part of, each with the offset of
        ``word`` inside it: any part for a one-word quote, else its end or its start."""
        if touches_left and touches_right:
            return self._containing(word)
        if touches_left:
            return [(token, len(token) - len(word)) for token in self._ending_with(word)]
        return [(token, 0) for token in self._starting_with(word)]

    def _short_and_long_tokens(self) -> tuple[list[str], list[str]]:
        """The text's distinct words, split at :data:`_LONG_TOKEN` characters.

        Indexing every suffix, prefix or substring of a word costs its length squared,
        so only short words are indexed; long ones (one 150,000-letter "word" in a
        hostile file) are searched directly, which costs their total length at most.
        """
        if self._split_tokens is None:
            short: list[str] = []
            long: list[str] = []
            for token in self._tokens():
                (long if len(token) > _LONG_TOKEN else short).append(token)
            self._split_tokens = (short, long)
        return self._split_tokens

    def _ending_with(self, word: str) -> list[str]:
        short, long = self._short_and_long_tokens()
        if self._by_suffix is None:
            index: dict[str, list[str]] = {}
            for token in short:
                for cut in range(len(token)):
                    index.setdefault(token[cut:], []).append(token)
            self._by_suffix = index
        return self._by_suffix.get(word, []) + [t for t in long if t.endswith(word)]

    def _starting_with(self, word: str) -> list[str]:
        short, long = self._short_and_long_tokens()
        if self._by_prefix is None:
            index: dict[str, list[str]] = {}
            for token in short:
                for cut in range(1, len(token) + 1):
                    index.setdefault(token[:cut], []).append(token)
            self._by_prefix = index
        return self._by_prefix.get(word, []) + [t for t in long if t.startswith(word)]

    def _containing(self, word: str) -> list[tuple[str, int]]:
        size = len(word)
        short, long = self._short_and_long_tokens()
        by_substring = self._by_length.get(size)
        if by_substring is None:
            by_substring = {}
            if size <= _LONG_TOKEN:
                for token in short:
                    for cut in range(len(token) - size + 1):
                        by_substring.setdefault(token[cut : cut + size], []).append((token, cut))
            self._by_length[size] = by_substring
        found = list(by_substring.get(word, []))
        for token in long:
            cut = token.find(word)
            while cut != -1:
                found.append((token, cut))
                cut = token.find(word, cut + 1)
        return found


# -- selectors ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Selector:
    """What a selector in the YAML asks for, before resolution."""

    quote: str | None = None
    occurrence: int | None = None
    prefix: str | None = None
    suffix: str | None = None
    all: bool = False
    start: int | None = None
    end: int | None = None


class SelectorError(ValueError):
    """A selector that does not resolve; the message says why and what to do."""


def _show(text: str) -> str:
    """A quote for a message: shortened, with invisible characters made visible."""
    return short_repr(text, 60)


def _where(index: TextIndex, starts: Iterable[int], limit: int = 5) -> str:
    places = []
    for count, start in enumerate(starts):
        if count == limit:
            places.append("…")
            break
        line, column = index.line_column(start)
        places.append(f"{line}:{column}")
    return ", ".join(places)


def resolve(selector: Selector, index: TextIndex) -> tuple[Span, ...]:
    """Resolve a selector to one or more spans (several only for ``all``).

    Raises:
        SelectorError: when the selector does not point at exactly what it should.
    """
    text = index.text
    if selector.start is not None or selector.end is not None:
        return (_resolve_offsets(selector, index),)
    quote = selector.quote
    if quote is None:
        raise SelectorError("a selector needs 'quote' or 'start' and 'end'")
    if quote == "":
        raise SelectorError("the quote is empty")
    if selector.all:
        starts = index.word_bounded(quote)
        if not starts:
            if index.occurrences(quote):
                raise SelectorError(
                    f"{_show(quote)} occurs only inside longer words, never on its own "
                    "(all: true matches whole words)"
                )
            raise SelectorError(_not_found_message(quote, text, index))
        return tuple(Span(start, start + len(quote)) for start in starts)
    starts = index.occurrences(quote)
    if not starts:
        raise SelectorError(_not_found_message(quote, text, index))
    if selector.prefix is not None or selector.suffix is not None:
        starts = _filter_context(selector, starts, text, index)
    if selector.occurrence is not None:
        if selector.occurrence < 1:
            raise SelectorError("occurrence counts from 1")
        if selector.occurrence > len(starts):
            raise SelectorError(
                f"occurrence {selector.occurrence} asked for, but {_show(quote)} occurs "
                f"{_times(len(starts))}"
            )
        start = starts[selector.occurrence - 1]
    elif len(starts) > 1:
        raise SelectorError(
            f"{_show(quote)} occurs {_times(len(starts))} (at text {_where(index, starts)}); "
            "say which with occurrence: N, prefix/suffix, or all: true"
        )
    else:
        start = starts[0]
    return (Span(start, start + len(quote)),)


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _filter_context(
    selector: Selector, starts: tuple[int, ...], text: str, index: TextIndex
) -> tuple[int, ...]:
    quote = selector.quote or ""
    prefix = selector.prefix or ""
    suffix = selector.suffix or ""
    # The quote with its context, looked up as one string: as cheap as looking up a
    # rare quote, where filtering every occurrence of a frequent name for each of its
    # mentions would cost occurrences × mentions.
    kept = tuple(position + len(prefix) for position in index.occurrences(prefix + quote + suffix))
    if not kept:
        context = " and ".join(
            f"{name} {_show(value)}"
            for name, value in (("prefix", prefix), ("suffix", suffix))
            if value
        )
        raise SelectorError(
            f"{_show(quote)} occurs {_times(len(starts))} (at text {_where(index, starts)}) "
            f"but never with {context}"
        )
    if len(kept) > 1 and selector.occurrence is None:
        raise SelectorError(
            f"{_show(quote)} with that prefix/suffix still occurs {len(kept)} times "
            f"(at text {_where(index, kept)}); lengthen them or add occurrence: N"
        )
    return kept


def _utf16_to_code_points(text: str, offset: int) -> int | None:
    """Map a UTF-16 code unit offset to a code-point offset, if it lands on a character."""
    units = 0
    for position, char in enumerate(text):
        if units == offset:
            return position
        if units > offset:
            return None
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text) if units == offset else None


def _resolve_offsets(selector: Selector, index: TextIndex) -> Span:
    text = index.text
    start, end = selector.start, selector.end
    if start is None or end is None:
        raise SelectorError("offsets need both 'start' and 'end'")
    if start < 0 or end < 0:
        raise SelectorError(f"offsets must not be negative (start {start}, end {end})")
    if start >= end:
        raise SelectorError(f"start {start} must be before end {end}")
    if end > len(text):
        raise SelectorError(f"end {end} is past the end of the text ({len(text)} characters)")
    actual = text[start:end]
    quote = selector.quote
    if quote is not None and actual != quote:
        hint = ""
        mapped_start = _utf16_to_code_points(text, start)
        mapped_end = _utf16_to_code_points(text, end)
        if (
            mapped_start is not None
            and mapped_end is not None
            and text[mapped_start:mapped_end] == quote
        ):
            hint = (
                f"; these offsets count UTF-16 code units, gloss counts code points: "
                f"use start: {mapped_start}, end: {mapped_end}"
            )
        else:
            found = index.occurrences(quote)
            if found:
                nearest = min(found, key=lambda position: abs(position - start))
                hint = f"; the quote is at start: {nearest}, end: {nearest + len(quote)}"
        raise SelectorError(
            f"stale offsets: text[{start}:{end}] is {_show(actual)}, not {_show(quote)}{hint}"
        )
    return Span(start, end)


# -- "did you mean" ------------------------------------------------------------------

_QUOTE_CHARS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
}
_DASH_CHARS = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")


def _normalise(text: str, *, skip: str = "") -> tuple[str, list[int]]:
    """Fold quotes, dashes, whitespace and case (except the kind named in ``skip``).

    Returns the folded text and, for each of its characters, the original offset.
    """
    out: list[str] = []
    origin: list[int] = []
    previous_space = False
    for position, char in enumerate(text):
        if char.isspace() and skip != "whitespace":
            if previous_space:
                continue
            previous_space = True
            out.append(" ")
            origin.append(position)
            continue
        previous_space = False
        if skip != "quotes":
            char = _QUOTE_CHARS.get(char, char)
        if skip != "dashes":
            char = _DASH_CHARS.get(char, char)
        if skip != "case":
            lowered = char.lower()
            char = lowered if len(lowered) == 1 else char
        out.append(char)
        origin.append(position)
    return "".join(out), origin


_DIFFERENCE_NAMES = {
    "quotes": "quotation marks (curly vs straight)",
    "dashes": "dash or hyphen kind",
    "whitespace": "whitespace",
    "case": "upper/lower case",
}


def _not_found_message(quote: str, text: str, index: TextIndex) -> str:
    message = f"{_show(quote)} is not in the text"
    forms: tuple[tuple[Literal["NFC", "NFD"], str], ...] = (
        ("NFC", "composed"),
        ("NFD", "decomposed"),
    )
    for form, kind in forms:
        # The same letters in the other Unicode normal form: é as one code point (NFC)
        # or as e and a combining accent (NFD). They look alike, so name the cause.
        other = unicodedata.normalize(form, quote)
        found = index.occurrences(other) if other != quote else ()
        if found:
            line, column = index.line_column(found[0])
            passage = text[found[0] : found[0] + len(other)]
            return (
                f"{message}; nearest passage at text {line}:{column} is {_show(passage)}, "
                f"which differs in Unicode normalisation (the text has {kind} accents, "
                f"{form}; save the annotations as {form} or quote the text exactly)"
            )
    folded_text, origin = index.folded()
    folded_quote, _ = _normalise(quote)
    position = folded_text.find(folded_quote) if folded_quote.strip() else -1
    if position != -1:
        start = origin[position]
        end = origin[position + len(folded_quote) - 1] + 1
        passage = text[start:end]
        differences = [
            name
            for kind, name in _DIFFERENCE_NAMES.items()
            if _normalise(passage, skip=kind)[0] != _normalise(quote, skip=kind)[0]
        ]
        line, column = index.line_column(start)
        what = ", ".join(differences) if differences else "invisible characters"
        return (
            f"{message}; nearest passage at text {line}:{column} is {_show(passage)}, "
            f"which differs in {what}"
        )
    closest = _closest_passage(quote, index)
    if closest is not None:
        start, end = closest
        line, column = index.line_column(start)
        return f"{message}; the closest passage is {_show(text[start:end])} at text {line}:{column}"
    return f"{message}, nor anything close to it"


def _closest_passage(quote: str, index: TextIndex) -> tuple[int, int] | None:
    """The window of text most like ``quote``, found around occurrences of its rarest word.

    Comparing windows is the costly part of a hint, and a file may have thousands of
    missing quotes on a repetitive text; the work of all hints of one text together is
    bounded by :data:`HINT_WORK_BUDGET` (counted in characters compared), after which
    the hints stop looking.
    """
    text = index.text
    if index.hint_work >= HINT_WORK_BUDGET:
        return None
    words = sorted(set(_WORD.findall(quote.lower())), key=len, reverse=True)[:3]
    lowered = index.lowered()
    candidates: list[int] = []
    for word in words:
        position = lowered.find(word)
        while position != -1 and len(candidates) < 200:
            candidates.append(position)
            position = lowered.find(word, position + 1)
    best: tuple[float, int, int] | None = None
    width = len(quote)
    matcher = difflib.SequenceMatcher(None)
    matcher.set_seq2(quote.lower())  # the quote's index is built once, not per window
    for anchor in candidates:
        for start in range(max(0, anchor - width), anchor + 1, max(1, width // 8)):
            if index.hint_work >= HINT_WORK_BUDGET:
                break
            window = text[start : start + width]
            matcher.set_seq1(window.lower())
            index.hint_work += 2 * width
            if best is not None and matcher.real_quick_ratio() <= best[0]:
                continue  # upper bounds first: ratio() is quadratic in the quote's length
            if best is not None and matcher.quick_ratio() <= best[0]:
                continue
            index.hint_work += width * width
            ratio = matcher.ratio()
            if best is None or ratio > best[0]:
                best = (ratio, start, start + width)
    if best is None or best[0] < 0.6:
        return None
    return _whole_words(text, best[1], min(best[2], len(text)))


def _whole_words(text: str, start: int, end: int, reach: int = 20) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words (by at most ``reach`` characters each side)
    and drop the whitespace at its edges, so a suggested passage reads naturally."""
    limit = max(0, start - reach)
    while start > limit and is_word_char(text[start - 1]) and is_word_char(text[start]):
        start -= 1
    limit = min(len(text), end + reach)
    while end < limit and is_word_char(text[end - 1]) and is_word_char(text[end]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_grapheme_boundary(text: str, offset: int) -> bool:
    """Whether a span edge at ``offset`` would not split a user-perceived character.

    A cheap approximation of UAX #29 that catches the common splits: before a
    combining mark, next to a zero-width joiner, inside a regional-indicator
    flag pair or a variation sequence.
    """
    if offset <= 0 or offset >= len(text):
        return True
    before, after = text[offset - 1], text[offset]
    if unicodedata.combining(after) or unicodedata.category(after) in ("Mn", "Me"):
        return False
    if after in "\u200d\ufe0f\ufe0e" or before == "\u200d":
        return False
    if 0x1F3FB <= ord(after) <= 0x1F3FF:  # skin-tone modifier
        return False
    if before == "\r" and after == "\n":
        return False

    def is_regional(char: str) -> bool:
        return 0x1F1E6 <= ord(char) <= 0x1F1FF

    if is_regional(before) and is_regional(after):
        run = 0
        position = offset - 1
        while position >= 0 and is_regional(text[position]):
            run += 1
            position -= 1
        return run % 2 == 0
    return True
