"""The default passage of an event: the sentence around its trigger."""

from __future__ import annotations

import pytest

from tui.core.model import Span
from tui.core.sentences import sentence_around

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
