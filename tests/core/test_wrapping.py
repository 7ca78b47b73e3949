"""Wrapping by terminal cells, keeping offsets into the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.text.wrapping import _wrap_ascii, _wrap_words, cell_width, char_width, wrap


def lines_of(text: str, width: int) -> list[str]:
    index = wrap(text, width)
    return [text[start:end] for start, end in zip(index.starts, index.ends, strict=True)]


def test_words_wrap_at_spaces_and_paragraphs_are_kept() -> None:
    text = "one two three four\n\nfive"
    assert lines_of(text, 9) == ["one two", "three", "four", "", "five"]


def test_a_word_wider_than_the_line_is_cut_by_cells() -> None:
    assert lines_of("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_wide_characters_take_two_cells() -> None:
    text = "日本語のテキスト"
    lines = lines_of(text, 6)
    assert lines == ["日本語", "のテキ", "スト"]
    assert all(cell_width(line) <= 6 for line in lines)


def test_combining_marks_take_no_cell() -> None:
    text = "cafe\u0301 cafe\u0301"
    assert lines_of(text, 5) == ["cafe\u0301", "cafe\u0301"]


def test_line_of_finds_the_display_line_of_an_offset() -> None:
    text = "alpha beta gamma\ndelta"
    index = wrap(text, 10)
    assert [index.line_of(text.index(word)) for word in ("alpha", "beta", "gamma", "delta")] == [
        0,
        0,
        1,
        2,
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab c\n日é\u0301"), max_size=200),
    st.integers(min_value=1, max_value=30),
)
def test_lines_cover_the_text_in_order_and_fit_the_width(text: str, width: int) -> None:
    index = wrap(text, width)
    previous_end = 0
    for start, end in zip(index.starts, index.ends, strict=True):
        assert previous_end <= start <= end <= len(text)
        # Only spaces and newlines are skipped between lines.
        assert set(text[previous_end:start]) <= {" ", "\n"}
        line = text[start:end]
        # A line may only overflow when it holds a single visible character wider than it.
        assert cell_width(line) <= width or sum(1 for c in line if char_width(c)) == 1
        previous_end = end
    assert set(text[previous_end:]) <= {" ", "\n"}
    assert len(index) == text.count("\n") + 1 or len(index) > text.count("\n")


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab c"), max_size=120),
    st.integers(min_value=1, max_value=12),
)
def test_the_ascii_fast_path_breaks_lines_like_the_word_path(text: str, width: int) -> None:
    fast: tuple[list[int], list[int]] = ([], [])
    careful: tuple[list[int], list[int]] = ([], [])
    _wrap_ascii(text, 0, len(text), width, *fast)
    _wrap_words(text, 0, len(text), width, *careful)
    assert fast == careful
