"""The query language: parsed to a plan; every mistake is a message, never an exception."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.corpus.query import QueryError, QueryPlan, Term, fts_expression, parse_query


def plan(query: str) -> QueryPlan:
    parsed = parse_query(query)
    assert isinstance(parsed, QueryPlan), parsed
    return parsed


def test_words_phrases_and_prefixes() -> None:
    parsed = plan('Rabat "official visit" sahar*')
    assert parsed.terms == (
        Term(("rabat",)),
        Term(("official", "visit")),
        Term(("sahar",), prefix=True),
    )
    assert fts_expression(parsed) == '"rabat" AND "official visit" AND "sahar" *'


def test_filters() -> None:
    parsed = plan(
        'type:GPE entity:"Tal Kalman" event:Movement.Visit realis:Planned'
        " date:2021..2022-03 doc:idf"
    )
    assert parsed.types == ("GPE",)
    assert parsed.entities == ("Tal Kalman",)
    assert parsed.event_types == ("Movement.Visit",)
    assert parsed.realis == ("planned",)
    assert (parsed.date_first, parsed.date_last) == (dt.date(2021, 1, 1), dt.date(2022, 3, 31))
    assert parsed.docs == ("idf",)


def test_open_date_ranges() -> None:
    assert plan("x date:2022..").date_last is None
    assert plan("x date:..2022").date_first is None
    assert plan("x date:2022-03").date_first == dt.date(2022, 3, 1)


def test_punctuation_in_a_word_becomes_a_phrase() -> None:
    assert plan("U.S.").terms == (Term(("u", "s")),)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "type words to find"),
        ('"unclosed', "closing quote"),
        ("colour:red", "unknown filter 'colour:'"),
        ("type:", "type: needs a value"),
        ("realis:maybe", "realis:maybe is not one of"),
        ("x date:2022-13", "month 13 does not exist"),
        ("x date:2023..2022", "ends before it starts"),
        ("doc:idf", "add words or a type:"),
        ('""', "an empty phrase"),
        ("---", "no letters or digits"),
    ],
)
def test_bad_queries_say_why(query: str, message: str) -> None:
    parsed = parse_query(query)
    assert isinstance(parsed, QueryError)
    assert message in parsed.message


@given(st.text(max_size=40))
def test_any_text_parses_or_explains(query: str) -> None:
    parsed = parse_query(query)
    assert isinstance(parsed, QueryPlan | QueryError)
    if isinstance(parsed, QueryPlan):
        expression = fts_expression(parsed)
        assert expression is None or expression.count('"') % 2 == 0
