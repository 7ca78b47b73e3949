"""Finding known names in a text: whole words, case, longest first, unicode, hostile names."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from tui.core.suggesting.names import (
    MOST_NAME_CHARS,
    MOST_NAME_TOKENS,
    Match,
    NameFinder,
    longest_first,
    tokens,
)


def found(names: list[str], text: str) -> list[tuple[str, str]]:
    """(words, name) of what is kept, in text order."""
    finder: NameFinder[str] = NameFinder()
    for name in names:
        finder.add(name, name)
    kept = longest_first(finder.candidates(text), lambda _match: True)
    return [(text[m.start : m.end], m.payload) for m in kept]


def test_whole_words_only() -> None:
    assert found(["Haifa"], "Haifan Haifa's Haifa") == [("Haifa", "Haifa"), ("Haifa", "Haifa")]
    assert found(["Ann"], "Annapolis, Joanne") == []


def test_longest_match_wins_and_nothing_overlaps() -> None:
    names = ["Israel", "Israel Aerospace Industries", "Aerospace"]
    text = "Israel Aerospace Industries, based in Israel, builds aerospace parts. Aerospace."
    assert found(names, text) == [
        ("Israel Aerospace Industries", "Israel Aerospace Industries"),
        ("Israel", "Israel"),
        ("Aerospace", "Aerospace"),
    ]


def test_of_two_overlapping_matches_of_one_length_the_first_is_taken() -> None:
    assert found(["Tel Aviv", "Aviv Bay"], "in Tel Aviv Bay") == [("Tel Aviv", "Tel Aviv")]
    # Of one number of words, the longer in characters.
    assert found(["New York", "York City"], "in New York City") == [("York City", "York City")]


def test_a_shorter_name_is_found_beside_a_longer_one_it_lost_to() -> None:
    text = "the Port of Haifa Bay"
    assert found(["Port of Haifa", "Haifa Bay", "Bay"], text) == [
        ("Port of Haifa", "Port of Haifa"),
        ("Bay", "Bay"),
    ]


def test_case_aware() -> None:
    assert found(["Apple"], "an apple from Apple") == [("Apple", "Apple")]
    assert found(["US"], "let us go to the US") == [("US", "US")]
    # Capitals (a headline) and a capital first letter (a sentence's start) match.
    text = "ISRAEL AEROSPACE INDUSTRIES WINS. The Hague said so, as did the Hague."
    assert found(["Israel Aerospace Industries", "the Hague"], text) == [
        ("ISRAEL AEROSPACE INDUSTRIES", "Israel Aerospace Industries"),
        ("The Hague", "the Hague"),
        ("the Hague", "the Hague"),
    ]
    # Only the first letter may be made a capital, and only the first word's.
    assert found(["the Hague"], "THE hague, The HAGUE") == []


def test_spacing_between_tokens_is_part_of_the_name() -> None:
    assert found(["AT&T"], "AT&T and AT & T") == [("AT&T", "AT&T")]
    assert found(["Tel Aviv"], "Tel\nAviv and TelAviv") == [("Tel\nAviv", "Tel Aviv")]


def test_unicode_names() -> None:
    text = "Zoë met Ærøskøbing's mayor in İstanbul and in 東京, 😀 aside."
    names = ["Zoë", "Ærøskøbing", "İstanbul", "東京"]
    assert [w for w, _ in found(names, text)] == ["Zoë", "Ærøskøbing", "İstanbul", "東京"]


def test_a_match_never_splits_a_letter_and_its_accent() -> None:
    # "Jose" followed by a combining acute accent is "José", not "Jose".
    assert found(["Jose"], "Jose\u0301 and Jose") == [("Jose", "Jose")]
    assert found(["Jose\u0301"], "Jose\u0301 and Jose") == [("Jose\u0301", "Jose\u0301")]


def test_names_too_long_or_without_words_are_not_looked_for() -> None:
    finder: NameFinder[str] = NameFinder()
    assert not finder.add(" ".join(["word"] * (MOST_NAME_TOKENS + 1)), "long")
    assert not finder.add("x" * (MOST_NAME_CHARS + 1), "wide")
    assert not finder.add("—", "dash")
    assert not finder.add("   ", "blank")
    assert finder.add(" ".join(["word"] * MOST_NAME_TOKENS), "longest")
    assert finder.size == 1


def test_hostile_names_are_text() -> None:
    names = ["[bold]x[/bold]", "\x1b[31mred", "a.*b", "(?P<x>)"]
    text = "see [bold]x[/bold] and \x1b[31mred and a.*b and (?P<x>) and aXXb"
    assert [w for w, _ in found(names, text)] == names


def test_a_name_given_twice_keeps_the_preferred_payload() -> None:
    finder: NameFinder[int] = NameFinder()
    finder.add("Paris", 1)
    finder.add("Paris", 5, prefer=max)
    finder.add("Paris", 3, prefer=max)
    assert [m.payload for m in finder.candidates("Paris")] == [5]


def test_what_is_not_allowed_leaves_room_for_the_rest() -> None:
    finder: NameFinder[str] = NameFinder()
    for name in ("University of Haifa", "Haifa"):
        finder.add(name, name)
    text = "the University of Haifa"
    kept = longest_first(finder.candidates(text), lambda m: m.payload != "University of Haifa")
    assert [text[m.start : m.end] for m in kept] == ["Haifa"]


words = st.sampled_from(["Tel", "Aviv", "tel", "TEL", "Haifa", "of", "Bay", ",", "É", "x"])
texts = st.lists(words, max_size=30).map(" ".join)
name_lists = st.lists(st.lists(words, min_size=1, max_size=4).map(" ".join), max_size=8)


@given(name_lists, texts)
def test_kept_matches_never_overlap_and_are_whole_tokens(names: list[str], text: str) -> None:
    finder: NameFinder[str] = NameFinder()
    for name in names:
        finder.add(name, name)
    kept = longest_first(finder.candidates(text), lambda _m: True)
    boundaries = {t.start for t in tokens(text)} | {t.end for t in tokens(text)}
    for before, after in itertools.pairwise(kept):
        assert before.end <= after.start
    for match in kept:
        assert match.start in boundaries and match.end in boundaries
        assert text[match.start : match.end].casefold().split() == match.payload.casefold().split()


@given(name_lists, texts)
def test_no_dropped_match_could_have_been_kept(names: list[str], text: str) -> None:
    """Every candidate left out overlaps a kept match at least as long (in tokens)."""
    finder: NameFinder[str] = NameFinder()
    for name in names:
        finder.add(name, name)
    every = list(finder.candidates(text))
    kept = longest_first(every, lambda _m: True)

    def size(match: Match[str]) -> int:
        return match.last - match.first

    for candidate in every:
        if any((c.start, c.end) == (candidate.start, candidate.end) for c in kept):
            continue
        assert any(
            k.start < candidate.end and candidate.start < k.end and size(k) >= size(candidate)
            for k in kept
        )
