"""Time expressions normalised to calendar values, absolute and against an anchor day."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.cost import cpu_seconds
from tui.core.document.dates import parse_date
from tui.core.timeline.timex import (
    MAX_EXPRESSION_LENGTH,
    TimeValue,
    TimexPrecision,
    normalise,
    parse_value,
)

# Wednesday 17 December 2008, in ISO week 51.
ANCHOR = dt.date(2008, 12, 17)


def _value(text: str, anchor: dt.date | None = ANCHOR) -> tuple[str, str, bool] | None:
    found = normalise(text, anchor)
    return None if found is None else (found.value, str(found.precision), found.anchored)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("December 15th, 2008", "2008-12-15", "day"),
        ("Dec. 15, 2008", "2008-12-15", "day"),
        ("dec 15 2008", "2008-12-15", "day"),
        ("15 December 2008", "2008-12-15", "day"),
        ("15th of December, 2008", "2008-12-15", "day"),
        ("the 15th of December 2008", "2008-12-15", "day"),
        ("2008-12-15", "2008-12-15", "day"),
        ("12/15/2008", "2008-12-15", "day"),
        ("3/4/2010", "2010-03-04", "day"),
        ("May 03, 2013", "2013-05-03", "day"),
        ("Sept. 11, 2001", "2001-09-11", "day"),
        ("Monday, May 3, 2010", "2010-05-03", "day"),
        ("on Feb. 29, 2008", "2008-02-29", "day"),
        ("December 2008", "2008-12", "month"),
        ("Dec. 2008", "2008-12", "month"),
        ("March of 1998", "1998-03", "month"),
        ("in May 2013", "2013-05", "month"),
        ("2008-12", "2008-12", "month"),
        ("2008", "2008", "year"),
        ("in 1999", "1999", "year"),
        ("1000", "1000", "year"),
        ("2999", "2999", "year"),
        ("early 2008", "2008", "year"),
        ("mid-1998", "1998", "year"),
        ("2008's", "2008", "year"),
        ("2008-W51", "2008-W51", "week"),
        ("2008-Q1", "2008-Q1", "quarter"),
        ("Q3 2008", "2008-Q3", "quarter"),
        ("the first quarter of 2008", "2008-Q1", "quarter"),
        ("the fourth quarter of 1997", "1997-Q4", "quarter"),
        ("the 1990s", "199", "decade"),
        ("the 1990's", "199", "decade"),
        ("the early 1990s", "199", "decade"),
        ("the 2000s", "200", "decade"),
        ("the 1800s", "18", "century"),
        ("the 19th century", "18", "century"),
        ("the twenty-first century", "20", "century"),
        ("the 21st century", "20", "century"),
    ],
)
def test_absolute_expressions_need_no_anchor(text: str, value: str, precision: str) -> None:
    assert _value(text, None) == (value, precision, False)
    assert _value(text) == (value, precision, False)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("today", "2008-12-17", "day"),
        ("Today", "2008-12-17", "day"),
        ("tonight", "2008-12-17", "day"),
        ("this morning", "2008-12-17", "day"),
        ("this evening", "2008-12-17", "day"),
        ("yesterday", "2008-12-16", "day"),
        ("yesterday afternoon", "2008-12-16", "day"),
        ("last night", "2008-12-16", "day"),
        ("tomorrow", "2008-12-18", "day"),
        ("tomorrow morning", "2008-12-18", "day"),
        ("the day before yesterday", "2008-12-15", "day"),
        ("the day after tomorrow", "2008-12-19", "day"),
        # A bare weekday: the most recent one, up to six days back, the anchor day included.
        ("Wednesday", "2008-12-17", "day"),
        ("Tuesday", "2008-12-16", "day"),
        ("on Thursday", "2008-12-11", "day"),
        ("Thursday night", "2008-12-11", "day"),
        ("Monday's", "2008-12-15", "day"),
        ("last Thursday", "2008-12-11", "day"),
        ("last Wednesday", "2008-12-10", "day"),
        ("this past Friday", "2008-12-12", "day"),
        ("this Thursday", "2008-12-18", "day"),
        ("this Monday", "2008-12-15", "day"),
        ("next Thursday", "2008-12-18", "day"),
        ("next Wednesday", "2008-12-24", "day"),
        ("two days ago", "2008-12-15", "day"),
        ("2 days ago", "2008-12-15", "day"),
        ("twenty-one days ago", "2008-11-26", "day"),
        ("a day ago", "2008-12-16", "day"),
        ("in two days", "2008-12-19", "day"),
        ("three days from now", "2008-12-20", "day"),
        ("Dec. 15", "2008-12-15", "day"),
        ("December 15th", "2008-12-15", "day"),
        ("15 December", "2008-12-15", "day"),
        # May 3 is a Monday in neither 2007, 2008 nor 2009: the anchor's year stays.
        ("Monday, May 3", "2008-05-03", "day"),
        # 1 December 2008 was a Monday; 1 June 2009 too (the year after fits).
        ("Monday, Dec. 1", "2008-12-01", "day"),
        ("Monday, June 1", "2009-06-01", "day"),
        ("last week", "2008-W50", "week"),
        ("this week", "2008-W51", "week"),
        ("earlier this week", "2008-W51", "week"),
        ("next week", "2008-W52", "week"),
        ("three weeks ago", "2008-W48", "week"),
        ("a week ago", "2008-W50", "week"),
        ("last month", "2008-11", "month"),
        ("this month", "2008-12", "month"),
        ("earlier this month", "2008-12", "month"),
        ("later this month", "2008-12", "month"),
        ("next month", "2009-01", "month"),
        ("two months ago", "2008-10", "month"),
        ("in January", "2009-01", "month"),  # a month ahead
        ("in October", "2008-10", "month"),
        ("June", "2008-06", "month"),
        ("January", "2009-01", "month"),  # a month ahead
        ("May", "2008-05", "month"),
        ("mid-December", "2008-12", "month"),
        ("in January of last year", "2007-01", "month"),
        ("January next year", "2009-01", "month"),
        ("last January", "2008-01", "month"),
        ("last December", "2007-12", "month"),
        ("next January", "2009-01", "month"),
        ("next December", "2009-12", "month"),
        ("this March", "2008-03", "month"),
        ("the first quarter", "2008-Q1", "quarter"),
        ("last quarter", "2008-Q3", "quarter"),
        ("this quarter", "2008-Q4", "quarter"),
        ("next quarter", "2009-Q1", "quarter"),
        ("the second quarter of last year", "2007-Q2", "quarter"),
        ("last year", "2007", "year"),
        ("late last year", "2007", "year"),
        ("this year", "2008", "year"),
        ("earlier this year", "2008", "year"),
        ("next year", "2009", "year"),
        ("a year ago", "2007", "year"),
        ("ten years ago", "1998", "year"),
        ("the 90s", "199", "decade"),
        ("the '90s", "199", "decade"),
        ("the ’90s", "199", "decade"),
        ("the 00s", "200", "decade"),
        ("a decade ago", "199", "decade"),
        ("last decade", "199", "decade"),
        ("last century", "19", "century"),
    ],
)
def test_relative_expressions_follow_the_anchor(text: str, value: str, precision: str) -> None:
    assert _value(text) == (value, precision, True)
    assert normalise(text, None) is None


def test_a_two_digit_decade_is_never_after_the_anchors_decade() -> None:
    assert _value("the 20s", dt.date(2024, 5, 1)) == ("202", "decade", True)
    assert _value("the 30s", dt.date(2024, 5, 1)) == ("193", "decade", True)


def test_a_bare_weekday_on_a_year_boundary() -> None:
    assert _value("Friday", dt.date(2009, 1, 1)) == ("2008-12-26", "day", True)
    assert _value("last week", dt.date(2009, 1, 1)) == ("2008-W52", "week", True)
    assert _value("this week", dt.date(2009, 1, 1)) == ("2009-W01", "week", True)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "now",
        "right now",
        "currently",
        "recently",
        "three years",
        "the past week",
        "the past three years",
        "two days",
        "several years ago",
        "years ago",
        "every Monday",
        "Mondays",
        "each year",
        "10 a.m.",
        "noon",
        "the next day",
        "the day before",
        "two days later",
        "12",
        "3000",
        "999",
        "20081215",
        "12/15/08",
        "13/15/2008",
        "2008-13-01",
        "Feb. 30, 2008",
        "February 29, 2007",
        "the 15th",
        "Dec",
        "may",
        "march",
        "the 1995s",
        "the 0th century",
        "the fifth quarter",
        "one years ago",
        "two year ago",
        "summer",
        "the weekend",
        "٢٠٠٨",
        "２００８年",
    ],
)
def test_what_is_no_calendar_period(text: str) -> None:
    assert normalise(text, ANCHOR) is None


def test_longer_texts_than_the_cap_are_refused() -> None:
    padded = "December 15, 2008" + " " * (MAX_EXPRESSION_LENGTH - 17)
    assert _value(padded) == ("2008-12-15", "day", False)
    assert normalise(padded + " ", ANCHOR) is None


def test_shifts_beyond_the_calendar_give_none() -> None:
    assert normalise("tomorrow", dt.date.max) is None
    assert normalise("yesterday", dt.date.min) is None
    assert normalise("next year", dt.date(9999, 6, 1)) is None
    assert normalise("last century", dt.date(50, 6, 1)) is None


@pytest.mark.parametrize(
    ("text", "date_text"),
    [
        ("Dec. 15, 2008", "2008-12-15"),
        ("December 2008", "2008-12"),
        ("2008", "2008"),
        ("2008-W51", "2008-12-15/2008-12-21"),
        ("the third quarter of 2008", "2008-07/2008-09"),
        ("the 1990s", "1990/1999"),
        ("the 19th century", "1800/1899"),
    ],
)
def test_date_text_is_a_gloss_date(text: str, date_text: str) -> None:
    found = normalise(text, None)
    assert found is not None
    assert found.date_text == date_text
    parsed = parse_date(found.date_text)
    assert (parsed.first, parsed.last) == (found.start, found.end)


@pytest.mark.parametrize(
    ("value", "expected", "first", "last"),
    [
        ("1998-01-08", "1998-01-08", dt.date(1998, 1, 8), dt.date(1998, 1, 8)),
        ("1998-01-08T18:35:00", "1998-01-08", dt.date(1998, 1, 8), dt.date(1998, 1, 8)),
        ("19980108", "1998-01-08", dt.date(1998, 1, 8), dt.date(1998, 1, 8)),
        ("1998-02", "1998-02", dt.date(1998, 2, 1), dt.date(1998, 2, 28)),
        ("1998", "1998", dt.date(1998, 1, 1), dt.date(1998, 12, 31)),
        ("1998-W02", "1998-W02", dt.date(1998, 1, 5), dt.date(1998, 1, 11)),
        ("1998-W02-WE", "1998-W02", dt.date(1998, 1, 5), dt.date(1998, 1, 11)),
        ("1998-Q2", "1998-Q2", dt.date(1998, 4, 1), dt.date(1998, 6, 30)),
        ("199", "199", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
        ("18", "18", dt.date(1800, 1, 1), dt.date(1899, 12, 31)),
    ],
)
def test_timex3_values_are_read_at_their_precision(
    value: str, expected: str, first: dt.date, last: dt.date
) -> None:
    found = parse_value(value)
    assert found is not None
    assert (found.value, found.start, found.end, found.anchored) == (expected, first, last, False)


@pytest.mark.parametrize(
    "value",
    [
        *("", "P1W", "PT2H", "PRESENT_REF", "PAST_REF", "XXXX-01-08", "1998-SU", "1998-02-30"),
        *("0000", "1998-13", "1998-W54", "1998-Q5", "2", "1998-01-08" * 10),
    ],
)
def test_what_is_no_timex3_calendar_value(value: str) -> None:
    assert parse_value(value) is None


# --- properties ------------------------------------------------------------------------

_VALUE_SHAPES = {
    TimexPrecision.DAY: r"\d{4}-\d{2}-\d{2}",
    TimexPrecision.WEEK: r"\d{4}-W\d{2}",
    TimexPrecision.MONTH: r"\d{4}-\d{2}",
    TimexPrecision.QUARTER: r"\d{4}-Q[1-4]",
    TimexPrecision.YEAR: r"\d{4}",
    TimexPrecision.DECADE: r"\d{3}",
    TimexPrecision.CENTURY: r"\d{2}",
}
_DAYS_AT_MOST = {
    TimexPrecision.DAY: 1,
    TimexPrecision.WEEK: 7,
    TimexPrecision.MONTH: 31,
    TimexPrecision.QUARTER: 92,
    TimexPrecision.YEAR: 366,
    TimexPrecision.DECADE: 3653,
    TimexPrecision.CENTURY: 36525,
}

_EXPRESSIONS = [
    "today",
    "yesterday",
    "tomorrow",
    "last night",
    "Thursday",
    "last Sunday",
    "next Monday",
    "this Friday",
    "last week",
    "three weeks ago",
    "last month",
    "next month",
    "in January",
    "in January of last year",
    "Dec. 15",
    "Monday, May 3",
    "the first quarter",
    "last quarter",
    "a year ago",
    "the 90s",
    "last decade",
    "next century",
    "December 15th, 2008",
    "the 1990s",
    "the 19th century",
    "2008-W01",
    "Q4 1999",
]
_DAY_SHIFTING = ["today", "yesterday", "tomorrow", "last night", "two days ago", "in five days"]
_WEEKDAY_BASED = ["Thursday", "last Sunday", "next Monday", "this Friday", "this past Tuesday"]
_anchors = st.dates(min_value=dt.date(1100, 1, 1), max_value=dt.date(2900, 12, 31))


def _assert_well_formed(found: TimeValue) -> None:
    assert re.fullmatch(_VALUE_SHAPES[found.precision], found.value, re.ASCII)
    assert found.start <= found.end
    assert (found.end - found.start).days < _DAYS_AT_MOST[found.precision]
    parsed = parse_date(found.date_text)
    assert (parsed.first, parsed.last) == (found.start, found.end)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_EXPRESSIONS), _anchors)
def test_a_value_is_its_precision_and_covers_its_anchor_rules(text: str, anchor: dt.date) -> None:
    found = normalise(text, anchor)
    assert found is not None
    _assert_well_formed(found)
    if found.precision is TimexPrecision.DAY and found.anchored:
        # A weekday may move a month and day to the year before or after the anchor's.
        assert abs((found.start - anchor).days) <= 731


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_DAY_SHIFTING), _anchors, st.integers(min_value=-4000, max_value=4000))
def test_day_expressions_shift_with_the_anchor(text: str, anchor: dt.date, shift: int) -> None:
    before = normalise(text, anchor)
    after = normalise(text, anchor + dt.timedelta(days=shift))
    assert before is not None and after is not None
    assert (after.start - before.start).days == shift


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_WEEKDAY_BASED), _anchors, st.integers(min_value=-500, max_value=500))
def test_weekday_expressions_shift_by_whole_weeks(text: str, anchor: dt.date, weeks: int) -> None:
    before = normalise(text, anchor)
    after = normalise(text, anchor + dt.timedelta(weeks=weeks))
    assert before is not None and after is not None
    assert (after.start - before.start).days == 7 * weeks
    assert abs((before.start - anchor).days) <= 7


_NON_DATE_WORDS = [
    "three",
    "years",
    "recently",
    "soon",
    "the",
    "week",
    "past",
    "several",
    "every",
    "now",
    "period",
    "times",
    "decades",
    "long",
    "while",
    "ago",
    "later",
    "earlier",
    "minutes",
    "hours",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_NON_DATE_WORDS),
            st.integers(min_value=0, max_value=999).map(str),
            st.integers(min_value=3000, max_value=99999).map(str),
        ),
        min_size=1,
        max_size=5,
    ),
    _anchors,
)
def test_no_date_from_non_dates(words: list[str], anchor: dt.date) -> None:
    assert normalise(" ".join(words), anchor) is None


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.dates()))
def test_never_raises(text: str, anchor: dt.date | None) -> None:
    for found in (normalise(text, anchor), parse_value(text)):
        if found is not None:
            _assert_well_formed(found)


def test_cost_does_not_grow_with_huge_input() -> None:
    def cpu_time(text: str) -> float:
        return cpu_seconds(lambda: [normalise(text, ANCHOR) for _ in range(200)])

    small = cpu_time("x" * 10_000)
    large = cpu_time("x" * 40_000)
    # Refused by length before any work: four times the text costs about the same.
    assert large < 2 * small + 0.01


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("December", dt.date(1998, 1, 8), "1997-12"),  # the December just past
        ("in March", dt.date(1998, 2, 27), "1998-03"),  # the March just ahead
        ("in January", dt.date(2008, 6, 30), "2008-01"),
        ("March", dt.date(2008, 1, 31), "2008-03"),  # two months ahead
        ("April", dt.date(2008, 1, 31), "2007-04"),  # three ahead: the April before
        ("December", dt.date(2008, 12, 17), "2008-12"),  # the anchor's own month
        ("in January of last year", dt.date(2008, 12, 17), "2007-01"),
        ("January next year", dt.date(2008, 1, 2), "2009-01"),
    ],
)
def test_a_month_alone_is_the_last_one_or_one_just_ahead(
    text: str, anchor: dt.date, value: str
) -> None:
    found = normalise(text, anchor)
    assert found is not None and found.value == value and found.anchored
