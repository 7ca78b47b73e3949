"""The tellings view without a screen: by article, passages with triggers, how many side
by side, which are shown."""

from __future__ import annotations

import pytest

from tui.core.corpus.entities import Telling
from tui.core.reading.tellings import (
    Passage,
    by_article,
    columns_for,
    first_shown,
    passage_pieces,
    position_text,
)

TEXT = "Reid checked into Promises.  She  went\nthere on Tuesday."


def telling(path: str, event: str, start: int, end: int, trigger: str) -> Telling:
    at = TEXT.index(trigger)
    return Telling(1, path, path.removesuffix(".yaml"), "t", None, event, TEXT[start:end],
                   start, end, at, at + len(trigger))  # fmt: skip


def test_tellings_group_by_article_in_text_order_sharing_passages() -> None:
    first = (0, 27)
    second = (29, len(TEXT))
    told = [
        telling("b.yaml", "went", *second, "went"),
        telling("a.yaml", "x", *first, "checked into"),
        telling("b.yaml", "checked", *first, "checked into"),
        telling("b.yaml", "there", *second, "there"),
    ]
    articles = by_article(told)
    assert [a.path for a in articles] == ["b.yaml", "a.yaml"]  # the index's order kept
    b = articles[0]
    assert b.mentions == 3
    assert [t.event_id for t in b.tellings] == ["checked", "went", "there"]
    assert [(p.start, p.triggers) for p in b.passages] == [
        (0, ((5, 17),)),
        (29, ((5, 9), (10, 15))),
    ]


def test_a_passage_in_one_line_with_its_triggers_marked() -> None:
    passage = Passage(29, len(TEXT), TEXT[29:], ((5, 9), (10, 15)))
    assert passage_pieces(passage) == [
        ("She ", False),
        ("went", True),
        (" ", False),
        ("there", True),
        (" on Tuesday.", False),
    ]
    hostile = Passage(0, 9, "a\x1b[2Jb\u202e", ((0, 1),))
    assert all("\x1b" not in text and "\u202e" not in text for text, _ in passage_pieces(hostile))


@pytest.mark.parametrize(
    ("width", "cards", "columns"),
    [(80, 18, 1), (95, 18, 1), (96, 18, 2), (120, 18, 2), (144, 18, 3), (160, 18, 3),
     (300, 18, 3), (160, 2, 2), (160, 0, 1), (20, 5, 1)],
)  # fmt: skip
def test_columns_for_the_width(width: int, cards: int, columns: int) -> None:
    assert columns_for(width, cards) == columns


def test_the_window_moves_as_little_as_keeps_the_current_card_shown() -> None:
    assert first_shown(0, 0, 3, 18) == 0
    assert first_shown(2, 0, 3, 18) == 0
    assert first_shown(3, 0, 3, 18) == 1
    assert first_shown(17, 1, 3, 18) == 15
    assert first_shown(0, 15, 3, 18) == 0  # round the end
    assert first_shown(1, 0, 3, 2) == 0
    assert position_text(2, 18) == "article 3 of 18"
