"""Carrying spans from one version of a text to another."""

from __future__ import annotations

from tui.core.compare.textmap import align_texts
from tui.core.document.model import Span

OLD = "Hello  world.\nMaj.-Gen. Tal Kalmann visited Rabat.\nThe end.\n"
NEW = "Hello world.\nMaj.-Gen. Tal Kalman visited Rabat.\nThe end.\n"


def span_of(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def test_identical_texts_map_every_span_to_itself() -> None:
    text_map = align_texts(OLD, OLD)
    assert text_map.identical
    assert text_map.span_in_a(Span(3, 9)) == Span(3, 9)


def test_whitespace_and_a_fixed_typo_are_aligned() -> None:
    text_map = align_texts(OLD, NEW)
    assert text_map.same_article and not text_map.identical
    for words in ("Rabat", "The end", "world", "Maj.-Gen."):
        mapped = text_map.span_in_a(span_of(NEW, words))
        assert mapped is not None
        assert OLD[mapped.start : mapped.end] == words


def test_a_span_over_text_the_other_lacks_is_not_mapped() -> None:
    text_map = align_texts("Before. After.\n", "Before. Inserted words. After.\n")
    assert text_map.span_in_a(span_of("Before. Inserted words. After.\n", "Inserted")) is None


def test_different_articles_are_recognised() -> None:
    first = "The delegation visited Rabat on Thursday.\n" * 3
    second = "Shares fell sharply in early trading today.\n" * 3
    assert not align_texts(first, second).same_article


def test_long_texts_align_line_by_line() -> None:
    lines = [f"Line {n} of a long article with some words in it.\n" for n in range(20_000)]
    changed = list(lines)
    changed[500] = changed[500].replace("some", "same")
    text_map = align_texts("".join(lines), "".join(changed))
    assert text_map.similarity > 0.99
    start = sum(len(line) for line in lines[:900])
    assert text_map.span_in_a(Span(start, start + 4)) == Span(start, start + 4)


def test_a_typo_inside_a_long_paragraph_is_aligned_quickly() -> None:
    """A 20 KB line with one fixed character: the common start and end are found first,
    so nothing quadratic runs."""
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    paragraph = " ".join(words[(n * 7) % 8] + str(n % 13) for n in range(2_500)) + "\n"
    fixed = paragraph[:10_000] + "X" + paragraph[10_001:]
    text_map = align_texts(paragraph * 3, fixed * 3)
    assert text_map.similarity > 0.999
    start = len(paragraph) + 10_500
    assert text_map.span_in_a(Span(start, start + 5)) == Span(start, start + 5)


def test_many_edits_in_long_lines_are_aligned_word_by_word() -> None:
    words = ["alpha", "beta", "gamma", "delta"]
    paragraph = " ".join(words[(n * 3) % 4] for n in range(3_000)) + "\n"
    edited = paragraph.replace("gamma delta", "gamma  delta", 40)
    text_map = align_texts(paragraph, edited)
    assert text_map.similarity > 0.99
