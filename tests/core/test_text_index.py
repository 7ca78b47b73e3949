"""The word-token index finds exactly what a plain scan finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.text.anchoring import TextIndex

WORDS = [
    "Israel",
    "Israeli",
    "IDF",
    "IDF’s",
    "Rabat",
    "a",
    "ab",
    "ba",
    "aa",
    "Maj",
    "Gen",
    "é",
    "x_1",
]
GLUE = [" ", "  ", "\n", ".", "-", ".-", "’", ", ", "", "\n\n", "é"]

texts = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)), min_size=1, max_size=60
).map(lambda parts: "".join(word + glue for word, glue in parts))


@st.composite
def text_and_quote(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a quote cut from it at random places (so it occurs at least once)."""
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 25)))
    return text, text[start:end]


@settings(max_examples=400, deadline=None)
@given(text_and_quote())
def test_token_index_matches_scan(case: tuple[str, str]) -> None:
    text, quote = case
    by_token = TextIndex(text, use_token_index=True)
    by_scan = TextIndex(text, use_token_index=False)
    assert by_token.occurrences(quote) == by_scan.occurrences(quote)
    assert by_token.word_bounded(quote) == by_scan.word_bounded(quote)
    assert by_scan.occurrences(quote)  # the quote was cut from the text


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from([*WORDS, "Israel ", " IDF", "a a", "Gen.", "zzz"]))
def test_token_index_matches_scan_for_words_that_may_be_absent(text: str, quote: str) -> None:
    by_token = TextIndex(text, use_token_index=True)
    by_scan = TextIndex(text, use_token_index=False)
    assert by_token.occurrences(quote) == by_scan.occurrences(quote)


def test_occurrences_include_overlapping_ones() -> None:
    for use_token_index in (True, False):
        assert TextIndex("aaaa", use_token_index=use_token_index).occurrences("aa") == (0, 1, 2)


def test_word_bounded_skips_matches_inside_words() -> None:
    index = TextIndex("Israel, Israeli and Israel’s", use_token_index=True)
    assert index.occurrences("Israel") == (0, 8, 20)
    assert index.word_bounded("Israel") == (0, 20)


def test_line_column_is_one_based() -> None:
    index = TextIndex("ab\ncd\n\nef")
    assert [index.line_column(offset) for offset in (0, 1, 3, 6, 7)] == [
        (1, 1),
        (1, 2),
        (2, 1),
        (3, 1),
        (4, 1),
    ]


def test_long_texts_use_the_token_index_by_default() -> None:
    long_text = "word " * 20_000
    assert TextIndex(long_text)._use_token_index
    assert not TextIndex("short")._use_token_index
