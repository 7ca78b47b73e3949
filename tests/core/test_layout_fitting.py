"""Pane widths always add up to the screen, and cut names stay distinguishable."""

from __future__ import annotations

import pytest

from tui.core.reading.layout import ARTICLE_COMFORT, pane_widths
from tui.core.text.fitting import (
    ELLIPSIS,
    cell_width,
    cut_end,
    cut_middle,
    fit_names,
    fit_with_suffix,
    short_repr,
    shorten,
    shorten_at_word,
)


@pytest.mark.parametrize("total", [20, 40, 60, 72, 80, 100, 120, 160, 240])
@pytest.mark.parametrize("entities", [True, False])
@pytest.mark.parametrize("events", [True, False])
def test_panes_always_fit(total: int, entities: bool, events: bool) -> None:
    widths = pane_widths(total, show_entities=entities, show_events=events)
    assert widths.entities + widths.events + widths.article == total
    assert (widths.entities > 0) == entities
    assert (widths.events > 0) == events
    assert widths.article >= min(ARTICLE_COMFORT, total // 2)


def test_wide_terminals_give_sidebars_their_share() -> None:
    widths = pane_widths(160, show_entities=True, show_events=True)
    assert widths.entities == 35
    assert widths.events == 41
    assert widths.article == 84


def test_sixty_columns_with_entities_keeps_forty_for_the_article() -> None:
    widths = pane_widths(60, show_entities=True, show_events=False)
    assert widths.article == 40
    assert widths.entities == 20


def test_cut_end_marks_the_cut() -> None:
    assert cut_end("Benny Gantz", 20) == "Benny Gantz"
    assert cut_end("Head of the Moroccan military", 10) == "Head of t" + ELLIPSIS
    assert cell_width(cut_end("日本語の名前", 5)) <= 5


def test_cut_middle_keeps_both_ends() -> None:
    assert cut_middle("abcdefghij", 5) == "ab" + ELLIPSIS + "ij"


def test_names_differing_at_the_end_stay_distinct() -> None:
    names = [
        "Head of the Moroccan military intelligence division",
        "Head of the Moroccan military operations division",
        "Benny Gantz",
    ]
    fitted = fit_names(names, 24)
    assert fitted[2] == "Benny Gantz"
    assert fitted[0] != fitted[1]
    assert all(ELLIPSIS in name and cell_width(name) <= 24 for name in fitted[:2])


def test_names_differing_only_in_the_middle_stay_distinct() -> None:
    names = ["Alpha Beta Gamma One Delta Epsilon", "Alpha Beta Gamma Two Delta Epsilon"]
    fitted = fit_names(names, 14)
    assert fitted[0] != fitted[1]
    assert all(cell_width(name) <= 14 for name in fitted)


def test_identical_names_are_left_alike() -> None:
    assert (
        fit_names(["Same long name here", "Same long name here"], 8) == ["Same lo" + ELLIPSIS] * 2
    )


def test_shorten_counts_characters_and_ends_with_an_ellipsis() -> None:
    assert shorten("short") == "short"
    assert shorten("x" * 40) == "x" * 40
    assert shorten("x" * 100) == "x" * 39 + "…"
    assert shorten("年" * 10, 5) == "年年年年…"
    assert short_repr("a\x1bb" * 20, 6) == "'a\\x1bba\\x1b…'"


def test_shorten_at_word_cuts_at_a_space() -> None:
    assert shorten_at_word("the long name", 13) == "the long name"
    assert shorten_at_word("the long name", 12) == "the long…"


@pytest.mark.parametrize(
    ("name", "room", "shown"),
    [
        ("judge", 20, ("judge", " ×2 by name")),
        ("$20 million", 22, ("$20 million", " ×2 by name")),
        ("$20 million", 16, ("$20 million", " ×2")),  # the words give way first
        ("Morningside Recovery", 16, ("Morningside…", " ×2")),
        ("Morningside Recovery", 3, ("M…", " ×2")),
    ],
)
def test_a_suffix_gives_way_before_the_name(name: str, room: int, shown: tuple[str, str]) -> None:
    assert fit_with_suffix(name, (" ×2 by name", " ×2"), room) == shown
