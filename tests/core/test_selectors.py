"""Each selector form, through the loader (exact diagnostics) and through ``resolve``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.document.model import Span
from tui.core.text.anchoring import (
    Selector,
    SelectorError,
    TextIndex,
    is_grapheme_boundary,
    resolve,
)

from .helpers import TEXT, check, entity_yaml, loaded, spans_text


def mention_problems(tmp_path: Path, mention: str, text: str = TEXT) -> list[str]:
    """Diagnostics for one entity whose only mention is ``mention`` (on line 11)."""
    return check(tmp_path, "entities:\n" + entity_yaml("x", "PER", mention), text)


def at(quote: str, occurrence: int = 1, text: str = TEXT) -> tuple[int, int, str]:
    """``(start, end, quote)`` of the N-th occurrence of ``quote`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return start, start + len(quote), quote


def test_plain_unique_quote(tmp_path: Path) -> None:
    document = loaded(tmp_path, "entities:\n" + entity_yaml("tal", "PER", "Tal Kalman"))
    assert spans_text(document, "tal") == [at("Tal Kalman")]


def test_quote_mapping_is_the_same_as_a_plain_string(tmp_path: Path) -> None:
    document = loaded(tmp_path, "entities:\n" + entity_yaml("tal", "PER", "{quote: Tal Kalman}"))
    assert spans_text(document, "tal") == [(10, 20, "Tal Kalman")]


def test_repeated_plain_quote_is_an_error_listing_where(tmp_path: Path) -> None:
    assert mention_problems(tmp_path, "Rabat") == [
        "a.yaml:11:9: error: mention: 'Rabat' occurs 2 times (at text 1:41, 1:108); "
        "say which with occurrence: N, prefix/suffix, or all: true"
    ]


def test_occurrence_picks_the_nth(tmp_path: Path) -> None:
    document = loaded(
        tmp_path,
        "entities:\n" + entity_yaml("rabat", "GPE", "{quote: Rabat, occurrence: 2}"),
    )
    assert spans_text(document, "rabat") == [at("Rabat", 2)]


def test_occurrence_past_the_last_is_an_error(tmp_path: Path) -> None:
    assert mention_problems(tmp_path, "{quote: Rabat, occurrence: 3}") == [
        "a.yaml:11:9: error: mention: occurrence 3 asked for, but 'Rabat' occurs 2 times"
    ]


def test_occurrence_zero_is_an_error(tmp_path: Path) -> None:
    assert mention_problems(tmp_path, "{quote: Rabat, occurrence: 0}") == [
        "a.yaml:11:36: error: occurrence counts from 1"
    ]


@pytest.mark.parametrize(
    ("mention", "occurrence"),
    [
        ('{quote: IDF, prefix: "The "}', 2),
        ('{quote: IDF, suffix: " visited"}', 1),
        ('{quote: IDF, prefix: "the ", suffix: " visited"}', 1),
        ('{quote: Rabat, prefix: "in "}', 2),
    ],
)
def test_prefix_and_suffix_choose_the_occurrence(
    tmp_path: Path, mention: str, occurrence: int
) -> None:
    document = loaded(tmp_path, "entities:\n" + entity_yaml("x", "ORG", mention))
    quote = mention.split(",")[0].removeprefix("{quote: ")
    assert spans_text(document, "x") == [at(quote, occurrence)]


def test_prefix_that_never_matches_is_an_error(tmp_path: Path) -> None:
    assert mention_problems(tmp_path, '{quote: IDF, prefix: "our "}') == [
        "a.yaml:11:9: error: mention: 'IDF' occurs 2 times (at text 1:29, 3:45) "
        "but never with prefix 'our '"
    ]


def test_prefix_that_still_matches_twice_is_an_error(tmp_path: Path) -> None:
    assert mention_problems(tmp_path, '{quote: Rabat, prefix: " "}') == [
        "a.yaml:11:9: error: mention: 'Rabat' with that prefix/suffix still occurs 2 times "
        "(at text 1:41, 1:108); lengthen them or add occurrence: N"
    ]


def test_all_matches_whole_words_only(tmp_path: Path) -> None:
    """'Israel' does not match inside 'Israeli'."""
    document = loaded(
        tmp_path, "entities:\n" + entity_yaml("il", "GPE", "{quote: Israel, all: true}")
    )
    assert TEXT.count("Israel") == 2
    assert spans_text(document, "il") == [at("Israel", 2)]


def test_all_expands_to_one_mention_per_occurrence(tmp_path: Path) -> None:
    document = loaded(
        tmp_path, "entities:\n" + entity_yaml("idf", "ORG", "{quote: IDF, all: true}")
    )
    assert spans_text(document, "idf") == [at("IDF", 1), at("IDF", 2)]
    assert [m.index for m in document.entity_by_id["idf"].mentions] == [0, 1]


def test_all_inside_longer_words_only_is_an_error(tmp_path: Path) -> None:
    assert mention_problems(tmp_path, "{quote: Isra, all: true}") == [
        "a.yaml:11:9: error: mention: 'Isra' occurs only inside longer words, never on its "
        "own (all: true matches whole words)"
    ]


def test_all_cannot_be_combined_with_occurrence(tmp_path: Path) -> None:
    assert mention_problems(tmp_path, "{quote: IDF, all: true, occurrence: 1}") == [
        "a.yaml:11:9: error: mention: 'all: true' cannot be combined with occurrence, "
        "prefix or suffix"
    ]


def test_offsets_without_quote(tmp_path: Path) -> None:
    document = loaded(tmp_path, "entities:\n" + entity_yaml("tal", "PER", "{start: 10, end: 20}"))
    assert spans_text(document, "tal") == [(10, 20, "Tal Kalman")]


def test_offsets_with_matching_quote(tmp_path: Path) -> None:
    document = loaded(
        tmp_path,
        "entities:\n" + entity_yaml("tal", "PER", "{start: 10, end: 20, quote: Tal Kalman}"),
    )
    assert spans_text(document, "tal") == [(10, 20, "Tal Kalman")]


def test_stale_quote_names_where_the_quote_is_now(tmp_path: Path) -> None:
    assert mention_problems(tmp_path, "{start: 9, end: 19, quote: Tal Kalman}") == [
        "a.yaml:11:9: error: mention: stale offsets: text[9:19] is ' Tal Kalma', "
        "not 'Tal Kalman'; the quote is at start: 10, end: 20"
    ]


def test_utf16_offsets_get_a_hint(tmp_path: Path) -> None:
    text = "Flag \U0001f1ee\U0001f1f1 of Israel.\n"  # two astral characters before the name
    start = text.index("Israel")
    assert mention_problems(
        tmp_path, f"{{start: {start + 2}, end: {start + 8}, quote: Israel}}", text
    ) == [
        f"a.yaml:11:9: error: mention: stale offsets: text[{start + 2}:{start + 8}] is 'rael.\\n', "
        "not 'Israel'; these offsets count UTF-16 code units, gloss counts code points: "
        f"use start: {start}, end: {start + 6}"
    ]


@pytest.mark.parametrize(
    ("mention", "column", "message"),
    [
        ("{start: 5, end: 5}", 9, "mention: start 5 must be before end 5"),
        ("{start: 6, end: 5}", 9, "mention: start 6 must be before end 5"),
        (
            "{start: 0, end: 999}",
            9,
            "mention: end 999 is past the end of the text (182 characters)",
        ),
        ("{start: -1, end: 5}", 17, "start must not be negative (-1)"),
        ("{start: 5}", 9, "mention needs both 'start' and 'end'"),
        ("{occurrence: 1}", 9, "mention needs 'quote' (or 'start' and 'end')"),
        (
            "{start: 0, end: 3, occurrence: 1}",
            9,
            "mention: offsets cannot be combined with occurrence, prefix, suffix or all",
        ),
        ("{start: '0', end: 3}", 17, "start must be a number, not the quoted text '0'"),
        ("{start: 1.5, end: 3}", 17, "start must be a whole number, not '1.5'"),
        ('""', 9, "mention: the quote is empty"),
        (
            "{quote: Tal Kalman, colour: red}",
            29,
            "unknown key 'colour' in mention "
            "(expected quote, occurrence, prefix, suffix, all, start, end)",
        ),
        ("{quote: IDF, all: yes}", 27, "all must be true or false, not 'yes'"),
    ],
)
def test_malformed_selectors(tmp_path: Path, mention: str, column: int, message: str) -> None:
    assert mention_problems(tmp_path, mention) == [f"a.yaml:11:{column}: error: {message}"]


@pytest.mark.parametrize(
    ("text", "quote", "difference"),
    [
        ("the IDF’s division\n", "IDF's division", "quotation marks (curly vs straight)"),
        ("Maj.–Gen. Kalman\n", "Maj.-Gen. Kalman", "dash or hyphen kind"),
        ("Tal  Kalman\n", "Tal Kalman", "whitespace"),
        ("tal kalman\n", "Tal Kalman", "upper/lower case"),
    ],
)
def test_not_found_names_the_nearest_passage_and_why(
    tmp_path: Path, text: str, quote: str, difference: str
) -> None:
    problems = mention_problems(tmp_path, f'"{quote}"', text)
    assert len(problems) == 1
    assert problems[0].startswith(f"a.yaml:11:9: error: mention: {quote!r} is not in the text; ")
    assert problems[0].endswith(f"which differs in {difference}")
    assert "nearest passage at text 1:" in problems[0]


def test_not_found_with_nothing_close(tmp_path: Path) -> None:
    assert mention_problems(tmp_path, "Zanzibar") == [
        "a.yaml:11:9: error: mention: 'Zanzibar' is not in the text, nor anything close to it"
    ]


def test_not_found_with_a_typo_offers_the_closest_passage(tmp_path: Path) -> None:
    problems = mention_problems(tmp_path, "Tal Kalmann")
    assert problems == [
        "a.yaml:11:9: error: mention: 'Tal Kalmann' is not in the text; the closest passage "
        "is 'Tal Kalman' at text 1:11"
    ]


# -- resolve() directly ----------------------------------------------------------------


def test_resolve_offsets_and_quotes_agree() -> None:
    index = TextIndex(TEXT)
    start, end, _ = at("Moroccan officers")
    assert resolve(Selector(quote="Moroccan officers"), index) == (Span(start, end),)
    assert resolve(Selector(start=start, end=end), index) == (Span(start, end),)
    assert resolve(Selector(start=start, end=end, quote="Moroccan officers"), index) == (
        Span(start, end),
    )


def test_resolve_all_respects_word_boundaries_on_word_edges_only() -> None:
    index = TextIndex("a-b ab-b x-b\n")
    # "-b" starts with a non-word character: only its right edge is checked.
    assert resolve(Selector(quote="-b", all=True), index) == (
        Span(1, 3),
        Span(6, 8),
        Span(10, 12),
    )


def test_resolve_needs_quote_or_offsets() -> None:
    with pytest.raises(SelectorError, match="needs 'quote' or 'start' and 'end'"):
        resolve(Selector(), TextIndex(TEXT))


def test_grapheme_boundaries() -> None:
    text = "e\u0301 \U0001f1ee\U0001f1f1 a\u200db"
    assert is_grapheme_boundary(text, 0)
    assert not is_grapheme_boundary(text, 1)  # before a combining accent
    assert is_grapheme_boundary(text, 2)
    assert not is_grapheme_boundary(text, 4)  # inside a flag
    assert is_grapheme_boundary(text, 5)
    assert not is_grapheme_boundary(text, 7)  # before a joiner
    assert not is_grapheme_boundary(text, 8)  # after a joiner


def test_not_found_suggestion_is_widened_to_whole_words(tmp_path: Path) -> None:
    assert mention_problems(tmp_path, "the IDF sad") == [
        "a.yaml:11:9: error: mention: 'the IDF sad' is not in the text; the closest passage "
        "is 'The IDF said' at text 3:41"
    ]


def test_a_span_splitting_a_character_is_a_warning(tmp_path: Path) -> None:
    text = "Cafe\u0301 Rabat\n"
    problems = check(tmp_path, "entities:\n" + entity_yaml("c", "FAC", "{start: 0, end: 4}"), text)
    assert problems == [
        "a.yaml:11:9: warning: mention: the span [0, 4) splits a character at offset 4 "
        "(a combining mark, joiner or flag) [span-splits-character]"
    ]
