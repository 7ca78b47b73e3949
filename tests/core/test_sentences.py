"""The default passage of an event: the sentence around its trigger."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.document.model import Span
from tui.core.text.sentences import _END, _is_abbreviation, sentence_around

ARTICLE = (
    "The visit, which began on Thursday, was held in Rabat between the Head of the IDF’s "
    "Strategy and Third-Circle Division Maj.-Gen. Tal Kalman, the Head of the IDF’s Foreign "
    "Relations Division Brig.-Gen. Efi Dafrin and the Head of the Operations Division in the "
    "Intelligence Division Brig.-Gen. G.\n"
    "\n"
    "They met with the Chief of the Moroccan military Inspector General Belkhir el-Farouk. "
    "“The officials discussed ties,” the IDF said. Did they agree? Yes! Dr. Smith said so.\n"
)


def sentence_of(word: str, text: str = ARTICLE) -> str:
    """The sentence the loader would show as passage for a trigger on ``word``."""
    start = text.index(word)
    span = sentence_around(text, Span(start, start + len(word)))
    return text[span.start : span.end]


@pytest.mark.parametrize("word", ["visit", "Kalman", "Maj.-Gen.", "Dafrin", "Brig.-Gen. G."])
def test_abbreviations_and_initials_do_not_end_the_sentence(word: str) -> None:
    assert sentence_of(word) == ARTICLE[: ARTICLE.index("\n")]


def test_a_sentence_never_crosses_a_paragraph_break() -> None:
    assert sentence_of("They") == (
        "They met with the Chief of the Moroccan military Inspector General Belkhir el-Farouk."
    )


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert sentence_of("officials") == "“The officials discussed ties,” the IDF said."


@pytest.mark.parametrize(
    ("word", "sentence"),
    [("agree", "Did they agree?"), ("Yes", "Yes!"), ("Smith", "Dr. Smith said so.")],
)
def test_question_and_exclamation_marks_end_sentences(word: str, sentence: str) -> None:
    assert sentence_of(word) == sentence


def test_a_trigger_across_a_full_stop_gets_both_sentences() -> None:
    text = "One ends here. Two starts here.\n"
    start = text.index("here.")
    span = sentence_around(text, Span(start, text.index("Two") + 3))
    assert text[span.start : span.end] == "One ends here. Two starts here."


def test_text_without_a_full_stop_is_one_sentence() -> None:
    text = "  a headline without a stop  "
    span = sentence_around(text, Span(4, 12))
    assert text[span.start : span.end] == "a headline without a stop"


def reference_sentence_around(text: str, span: Span) -> Span:
    """The straightforward scan from the paragraph start, for comparison."""
    from tui.core.text.sentences import _END, _is_abbreviation

    paragraph_start = text.rfind("\n\n", 0, span.start)
    paragraph_start = 0 if paragraph_start == -1 else paragraph_start + 2
    paragraph_end = text.find("\n\n", span.end)
    paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
    start, end = paragraph_start, paragraph_end
    for match in _END.finditer(text, paragraph_start, paragraph_end):
        if _is_abbreviation(text, match.start()):
            continue
        if match.end() <= span.start:
            start = match.end()
        elif match.start() >= span.end - 1:
            end = match.end()
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, max(end, span.end))


PIECES = [
    "Maj.",
    "-Gen.",
    " G.",
    "word",
    " ",
    "  ",
    ". ",
    "? ",
    "!",
    "”",
    ")",
    "\n",
    "\n\n",
    "Dr.",
    "x" * 700,
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.data())
def test_windowed_search_matches_a_full_scan(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 30)))
    span = Span(start, end)
    assert sentence_around(text, span) == reference_sentence_around(text, span)


def naive_sentence_around(text: str, span: Span) -> Span:
    """The definition, searched directly: the paragraph around the span, then the last
    sentence end before it and the first from its last character on, inside it."""
    paragraph_start = text.rfind("\n\n", 0, span.start)
    paragraph_start = 0 if paragraph_start == -1 else paragraph_start + 2
    paragraph_end = text.find("\n\n", span.end)
    paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
    # A sentence end needs white space after it, inside the paragraph.
    ends = [
        match
        for match in _END.finditer(text[:paragraph_end], paragraph_start)
        if not _is_abbreviation(text, match.start())
    ]
    start = max(
        (match.end() for match in ends if match.end() <= span.start), default=paragraph_start
    )
    end = min(
        (match.end() for match in ends if match.start() >= max(paragraph_start, span.end - 1)),
        default=paragraph_end,
    )
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, max(end, span.end))


PIECES = st.sampled_from(["word", "Mr", "G", " ", "  ", "\n", ".", "?", "!", '"', "”", ")", "e.g."])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=40).map("".join), st.data())
def test_passage_agrees_with_a_direct_search(text: str, data: st.DataObject) -> None:
    """Boundaries found once per text give what searching the text directly gives."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert sentence_around(text, Span(start, end)) == naive_sentence_around(text, Span(start, end))
