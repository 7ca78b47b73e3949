"""The annotate mode's selection: snapping to words, moving either end, search, and
every other occurrence, never splitting what a reader sees as one character."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tui.core.document.model import Span
from tui.core.editing.selection import (
    Selection,
    find_next,
    next_char_edge,
    next_token,
    previous_char_edge,
    previous_token,
    snap_to_words,
    whole_word_occurrences,
)
from tui.core.text.anchoring import Selector, TextIndex, is_grapheme_boundary, resolve

ARTICLE = 'Tal Kalman said, in Tel Aviv: "café 👨\u200d👩\u200d👧 ok".\nNext line — here.'

PIECES = [*"ab c,.\n-_1A", "\u0301", "\u200d", "😀", "é", "🇫", "🇷", "\u00a0", "  "]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def shown(text: str, span: Span) -> str:
    return text[span.start : span.end]


def at(text: str, word: str, nth: int = 0) -> Span:
    starts = [m.start() for m in re.finditer(re.escape(word), text)]
    return Span(starts[nth], starts[nth] + len(word))


def is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def word_cluster_before(text: str, offset: int) -> bool:
    """Whether the user-perceived character ending at ``offset`` starts with a word
    character (that is what it counts as)."""
    if offset <= 0:
        return False
    start = offset - 1
    while start > 0 and not is_grapheme_boundary(text, start):
        start -= 1
    return is_word(text[start])


def blank(text: str) -> bool:
    """Nothing but space: no word, no mark (a combining mark on a space is one)."""
    return all(char.isspace() for char in text)


def test_a_selection_snaps_out_to_whole_words_and_keeps_punctuation() -> None:
    assert shown(ARTICLE, snap_to_words(ARTICLE, Span(5, 6))) == "Kalman"
    assert shown(ARTICLE, snap_to_words(ARTICLE, Span(1, 8))) == "Tal Kalman"
    assert shown(ARTICLE, snap_to_words(ARTICLE, Span(0, 0))) == "Tal"
    assert shown(ARTICLE, snap_to_words(ARTICLE, at(ARTICLE, ","))) == ","
    assert shown(ARTICLE, snap_to_words(ARTICLE, at(ARTICLE, " in "))) == "in"
    assert shown(ARTICLE, snap_to_words(ARTICLE, at(ARTICLE, "—"))) == "—"
    # A caret in space takes the word it follows, else the next one.
    assert shown(ARTICLE, snap_to_words(ARTICLE, Span(3, 3))) == "Tal"
    assert shown("a   b", snap_to_words("a   b", Span(2, 2))) == "b"
    # The accent is part of its letter; the family emoji is one character.
    cafe = at(ARTICLE, "caf")
    assert shown(ARTICLE, snap_to_words(ARTICLE, cafe)) == "café"
    family = ARTICLE.index("👨")
    assert shown(ARTICLE, snap_to_words(ARTICLE, Span(family + 1, family + 2))) == (
        "👨\u200d👩\u200d👧"
    )
    assert snap_to_words("", Span(0, 0)) == Span(0, 0)
    assert snap_to_words("   ", Span(1, 2)) == Span(1, 1)


def test_a_selection_spans_lines() -> None:
    selection = Selection.of(at(ARTICLE, "ok"))
    for _ in range(3):
        selection = selection.extend_end(ARTICLE)
    assert shown(ARTICLE, selection.span) == 'ok".\nNext line'


def test_either_end_grows_and_shrinks_by_a_word_or_a_character() -> None:
    selection = Selection.word_at(ARTICLE, ARTICLE.index("said"))
    assert shown(ARTICLE, selection.span) == "said"
    grown = selection.extend_end(ARTICLE)
    assert shown(ARTICLE, grown.span) == "said,"
    assert shown(ARTICLE, grown.extend_end(ARTICLE).span) == "said, in"
    assert grown.shrink_end(ARTICLE) == selection
    assert shown(ARTICLE, selection.extend_start(ARTICLE).span) == "Kalman said"
    assert shown(ARTICLE, selection.extend_start(ARTICLE).shrink_start(ARTICLE).span) == "said"
    assert shown(ARTICLE, selection.extend_end(ARTICLE, by="char").span) == "said,"
    assert shown(ARTICLE, selection.shrink_end(ARTICLE, by="char").span) == "sai"
    assert shown(ARTICLE, selection.shrink_start(ARTICLE, by="char").span) == "aid"
    assert shown(ARTICLE, selection.extend_start(ARTICLE, by="char").span) == " said"
    # Never across the other end, never past the text.
    assert selection.shrink_end(ARTICLE) == selection
    assert selection.shrink_start(ARTICLE) == selection
    one = Selection(0, 1)
    assert one.shrink_end(ARTICLE, by="char") == one
    assert one.extend_start(ARTICLE).span == Span(0, 1)
    last = Selection.of(Span(len(ARTICLE) - 1, len(ARTICLE)))
    assert last.extend_end(ARTICLE).span == last.span
    assert last.extend_end(ARTICLE, by="char").span == last.span


def test_a_character_step_never_splits_one() -> None:
    text = "e\u0301🇫🇷👍🏽x\r\n"
    edges = [0]
    while edges[-1] < len(text):
        edges.append(next_char_edge(text, edges[-1]))
    assert edges == [0, 2, 4, 6, 7, 9]
    back = [len(text)]
    while back[-1] > 0:
        back.append(previous_char_edge(text, back[-1]))
    assert back == edges[::-1]


def test_the_caret_moves_by_words_and_punctuation() -> None:
    selection = Selection.word_at(ARTICLE, 0)
    seen = []
    for _ in range(7):
        selection = selection.next_word(ARTICLE)
        seen.append(shown(ARTICLE, selection.span))
    assert seen == ["Kalman", "said", ",", "in", "Tel", "Aviv", ":"]
    assert shown(ARTICLE, selection.previous_word(ARTICLE).span) == "Aviv"
    end = Selection.of(previous_token(ARTICLE, len(ARTICLE)) or Span(0, 0))
    assert end.next_word(ARTICLE) == end
    assert Selection.word_at(ARTICLE, 0).previous_word(ARTICLE) == Selection(0, 3)
    assert next_token("   ", 0) is None and previous_token("   ", 3) is None


def test_search_finds_the_next_match_after_the_caret_and_wraps() -> None:
    text = "Tel Aviv and tel aviv and TEL AVIV"
    assert find_next(text, "tel", 0) == Span(13, 16)
    assert find_next(text, "tel", 13) == Span(26, 29)
    assert find_next(text, "tel", 26) == Span(0, 3)  # wrapped round
    assert find_next(text, "Tel", 0) == Span(0, 3)  # wrapped: the only exact match
    assert find_next(text, "TEL", 30) == Span(26, 29)
    assert find_next(text, "jaffa", 0) is None
    assert find_next(text, "", 0) is None
    assert find_next("aaa", "aa", 0) == Span(1, 3)  # overlapping matches count
    # "e" inside "é" written with a combining accent is not a match.
    assert find_next("cafe\u0301 cafe", "cafe", 0) == Span(6, 10)


def test_every_other_occurrence_is_what_all_true_selects() -> None:
    text = "the cat and the dog, theme: the. Other"
    assert whole_word_occurrences(text, Span(0, 3)) == [Span(12, 15), Span(28, 31)]
    assert whole_word_occurrences(text, Span(12, 15), TextIndex(text)) == [
        Span(0, 3),
        Span(28, 31),
    ]
    assert whole_word_occurrences(text, Span(3, 4)) == []  # a space
    assert whole_word_occurrences(text, Span(5, 5)) == []


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 45), st.integers(0, 45))
def test_snapping_gives_whole_words_with_no_space_at_the_edges(
    text: str, one: int, two: int
) -> None:
    span = Span(min(one, two, len(text)), min(max(one, two), len(text)))
    snapped = snap_to_words(text, span)
    assert 0 <= snapped.start <= snapped.end <= len(text)
    assert is_grapheme_boundary(text, snapped.start) and is_grapheme_boundary(text, snapped.end)
    assert (len(snapped) == 0) == blank(text)
    if len(snapped):
        inner = shown(text, snapped)
        assert not blank(inner[0]) or not is_grapheme_boundary(text, snapped.start + 1)
        assert not blank(inner[-1]) or not is_grapheme_boundary(text, snapped.end - 1)
        inside_start = word_cluster_before(text, snapped.start) and is_word(inner[0])
        inside_end = word_cluster_before(text, snapped.end) and is_word(
            text[snapped.end : snapped.end + 1] or "-"
        )
        assert not inside_start and not inside_end
    if not blank(shown(text, span)) and is_grapheme_boundary(text, span.start):
        # What was selected (less its space) stays selected.
        trimmed = len(shown(text, span)) - len(shown(text, span).lstrip())
        assert snapped.start <= span.start + trimmed
    assert snap_to_words(text, snapped) == snapped


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 45), st.integers(0, 45), st.lists(st.integers(0, 7), max_size=12))
def test_moving_an_end_keeps_the_selection_whole_and_inside_the_text(
    text: str, one: int, two: int, moves: list[int]
) -> None:
    assume(not blank(text))
    selection = Selection.of(snap_to_words(text, Span(min(one, two), max(one, two))))
    for move in moves:
        before = selection.span
        name = ["extend_end", "shrink_end", "extend_start", "shrink_start"][move % 4]
        by = "word" if move < 4 else "char"
        selection = getattr(selection, name)(text, by)
        span = selection.span
        assert 0 <= span.start < span.end <= len(text)
        assert is_grapheme_boundary(text, span.start) and is_grapheme_boundary(text, span.end)
        if name.endswith("_end"):
            assert span.start == before.start  # the other end stays where it was
            assert (
                (span.end >= before.end) if name.startswith("extend") else (span.end <= before.end)
            )
        else:
            assert span.end == before.end
            assert (
                (span.start <= before.start)
                if name.startswith("extend")
                else (span.start >= before.start)
            )


@settings(max_examples=300, deadline=None)
@given(texts)
def test_word_steps_there_and_back_return_to_the_same_words(text: str) -> None:
    assume(not blank(text))
    selection = Selection.word_at(text, 0)
    grown = selection.extend_end(text)
    if grown != selection:
        assert grown.shrink_end(text).span == selection.span
    edges = [0]
    while edges[-1] < len(text):
        following = next_char_edge(text, edges[-1])
        assert following > edges[-1] and is_grapheme_boundary(text, following)
        assert previous_char_edge(text, following) == edges[-1]
        edges.append(following)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*"aAbB ", "\u0301"]), max_size=30).map("".join),
    st.lists(st.sampled_from([*"aAbB"]), min_size=1, max_size=3).map("".join),
    st.integers(-1, 32),
)
def test_search_is_the_first_whole_match_after_the_caret_in_smart_case(
    text: str, query: str, after: int
) -> None:
    fold = not any(char.isupper() for char in query)

    def matches(start: int) -> bool:
        piece = text[start : start + len(query)]
        same = piece.lower() == query.lower() if fold else piece == query
        return (
            same
            and start + len(query) <= len(text)
            and is_grapheme_boundary(text, start)
            and is_grapheme_boundary(text, start + len(query))
        )

    starts = [start for start in range(len(text)) if matches(start)]
    later = [start for start in starts if start > after]
    expected = (later or starts)[0] if starts else None
    found = find_next(text, query, after)
    assert (found.start if found else None) == expected
    if found:
        assert len(found) == len(query)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 45), st.integers(0, 45))
def test_other_occurrences_are_all_true_less_the_selection(text: str, one: int, two: int) -> None:
    span = snap_to_words(text, Span(min(one, two, len(text)), min(max(one, two), len(text))))
    assume(shown(text, span).strip())
    index = TextIndex(text)
    try:
        every = resolve(Selector(quote=shown(text, span), all=True), index)
    except ValueError:
        every = ()
    assert whole_word_occurrences(text, span) == [s for s in every if s != span]


@pytest.mark.parametrize("offset", [0, 5, len(ARTICLE)])
def test_a_caret_anywhere_selects_something(offset: int) -> None:
    assert len(Selection.word_at(ARTICLE, offset).span) > 0
