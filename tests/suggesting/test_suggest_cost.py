"""Suggesting costs time in proportion to the text, however hostile the names."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.cost import assert_near_linear
from tui.core.document.model import Document, DocumentInfo, Entity, Mention, Span
from tui.core.suggesting.names import MOST_NAME_TOKENS, NameFinder, longest_first
from tui.core.suggesting.suggestions import Known, build_finder, suggest

pytestmark = pytest.mark.perf


def test_names_that_are_all_prefixes_of_each_other() -> None:
    """Every run of ``a`` up to the longest name matches everywhere: the trie walk is
    bounded by the longest name, not by the text."""
    finder: NameFinder[int] = NameFinder()
    for size in range(1, MOST_NAME_TOKENS + 1):
        finder.add(" ".join(["a"] * size), size)

    def make(count: int) -> Callable[[], object]:
        text = " ".join(["a"] * count)
        return lambda: longest_first(finder.candidates(text), lambda _m: True)

    assert_near_linear(make, 3_000)


def test_one_huge_token_and_many_case_variants() -> None:
    finder: NameFinder[int] = NameFinder()
    for number in range(512):
        variant = "".join(c.upper() if number >> i & 1 else c for i, c in enumerate("abcdefghi"))
        finder.add(variant, number)

    def make(count: int) -> Callable[[], object]:
        text = ("ABCDEFGHI abcdefghi Abcdefghi " * (count // 3)) + "x" * count
        return lambda: longest_first(finder.candidates(text), lambda _m: True)

    assert_near_linear(make, 3_000)


def test_suggesting_over_an_article_full_of_mentions() -> None:
    def make(count: int) -> Callable[[], object]:
        words = [f"Name{i % 50}" for i in range(count)]
        text = " ".join(words)
        mentions = []
        position = 0
        for index, word in enumerate(words):
            if index % 3 == 0:
                mentions.append(Span(position, position + len(word)))
            position += len(word) + 1
        entity = Entity(
            "e",
            "PER",
            "Name0",
            (),
            None,
            (),
            tuple(Mention(span, "e", i) for i, span in enumerate(mentions)),
        )
        document = Document(DocumentInfo("d", None, None, None, "d.txt"), text, (entity,), (), ())
        known = [
            Known("corpus", "ORG", f"Name{i}", (f"Name{i}", f"Name{i} Name{i + 1}"), key=str(i))
            for i in range(50)
        ]
        finder = build_finder(known)
        return lambda: suggest(document, finder)

    assert_near_linear(make, 2_000)
