"""Time expressions of English news normalised to calendar values (TIMEX3-style).

``normalise(text, anchor)`` reads one time expression (the words of a TIMEX3 tag, or a
date phrase) and returns the calendar period it names, or ``None`` when it names none.
The anchor is the day the text was written (a document's creation time); relative
expressions are resolved against it and give ``None`` without one.

What is read, and the rules chosen where English is ambiguous:

- Absolute dates: ``December 15th, 2008``, ``Dec. 15, 2008``, ``15 December 2008``,
  ``the 15th of December 2008``, ``2008-12-15``, ``12/15/2008`` (**US order**, month
  first; two-digit years are not read), ``December 2008``, ``2008-12``, and a year alone
  when it looks like one (a whole token from 1000 to 2999). ISO week and quarter values
  (``2008-W51``, ``2008-Q1``) are read too, ``Q1 2008`` and ``the first quarter of 2008``.
- Decades and centuries: ``the 1990s`` (value ``199``), ``the 19th century`` (value
  ``18``: 1800 to 1899, as TIMEX3 writes it). ``the 1800s`` is the century, but
  ``the 2000s`` the decade, as news uses them. ``the 90s`` / ``the '90s`` are the most
  recent such decade not after the anchor's, so they are relative.
- A month and day without a year (``Dec. 15``, ``Monday, May 3``) take the anchor's year;
  when a weekday is given and does not fit that year, the year before or after where it
  fits (the anchor's year when neither does). A month alone (``January``, ``in January``)
  is the most recent one, or one at most two months after the anchor's (``December`` in
  a January article is the December before, ``January`` in a December one the next);
  ``in January of last year`` / ``January next year`` shift the anchor's year;
  ``last January`` is the most recent January before the anchor's month, ``next January``
  the first after it.
- ``today``, ``tonight``, ``this morning/afternoon/evening`` are the anchor day;
  ``yesterday`` and ``last night`` the day before; ``tomorrow`` the day after.
- A bare weekday (``Thursday``, ``on Thursday``) is the most recent one **up to six days
  before the anchor, the anchor day included**: news reports what has happened.
  ``last Thursday`` is one to seven days before, ``next Thursday`` one to seven days
  after, ``this Thursday`` the one in the anchor's (Monday-first ISO) week.
- ``last/this/next week|month|quarter|year|decade|century``, ``earlier/later this
  month``, ``two days ago``, ``three weeks ago``, ``a year ago``, ``in two days``,
  ``two days from now``: the period at the unit's precision (``three weeks ago`` is the
  ISO week holding the day 21 days before the anchor).
- ``early``, ``mid``, ``late`` in front change nothing (TIMEX3 keeps them as a modifier,
  the value is the whole period); a leading ``on``, ``in``, ``during``, ``at``, ``by``,
  ``since``, ``until`` and a trailing possessive ``'s`` are ignored.

``None`` for everything that is not one calendar period: durations (``three years``,
``the past week``), vague references (``recently``, ``now``, ``currently`` — TIMEX3 gives
``now`` the reference ``PRESENT_REF``, not a date), times of day alone (``10 a.m.``),
sets (``every Monday``), expressions relative to another event (``the next day``), and
any text longer than ``MAX_EXPRESSION_LENGTH`` characters. English only.

No date library is used: the absolute forms are a handful of token patterns and the
relative ones are gloss's own anchoring rules, so the code is small, linear in its
input, and never guesses a date from a non-date (dateutil's fuzzy parsing would).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

MAX_EXPRESSION_LENGTH = 120
"""Longer texts are not one time expression; refusing them keeps the cost bounded."""


class TimexPrecision(StrEnum):
    """The calendar unit a value is given in."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A calendar period named by a time expression.

    ``value`` is written as TIMEX3 writes it at ``precision`` (``2008-12-15``,
    ``2008-W51``, ``2008-12``, ``2008-Q1``, ``2008``, ``199``, ``18``); ``start`` and
    ``end`` are the first and last day it covers; ``anchored`` says whether the anchor
    was needed to find it.
    """

    value: str
    precision: TimexPrecision
    start: dt.date
    end: dt.date
    anchored: bool

    @property
    def date_text(self) -> str:
        """The period in gloss's date syntax (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a
        ``START/END`` range of them), for ``document.date`` and event dates."""
        if self.precision in (TimexPrecision.DAY, TimexPrecision.MONTH, TimexPrecision.YEAR):
            return self.value
        if self.precision is TimexPrecision.WEEK:
            return f"{self.start.isoformat()}/{self.end.isoformat()}"
        if self.precision is TimexPrecision.QUARTER:
            first, last = self.start, self.end
            return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"
        return f"{self.start.year:04d}/{self.end.year:04d}"


# --- building values -------------------------------------------------------------------


def _day_value(day: dt.date, anchored: bool) -> TimeValue:
    return TimeValue(day.isoformat(), TimexPrecision.DAY, day, day, anchored)


def _week_value(day: dt.date, anchored: bool) -> TimeValue:
    iso_year, iso_week, iso_weekday = day.isocalendar()
    monday = day - dt.timedelta(days=iso_weekday - 1)
    return TimeValue(
        f"{iso_year:04d}-W{iso_week:02d}",
        TimexPrecision.WEEK,
        monday,
        monday + dt.timedelta(days=6),
        anchored,
    )


def _month_value(year: int, month: int, anchored: bool) -> TimeValue:
    last_day = calendar.monthrange(year, month)[1]
    return TimeValue(
        f"{year:04d}-{month:02d}",
        TimexPrecision.MONTH,
        dt.date(year, month, 1),
        dt.date(year, month, last_day),
        anchored,
    )


def _quarter_value(year: int, quarter: int, anchored: bool) -> TimeValue:
    first_month = 3 * quarter - 2
    last_month = first_month + 2
    return TimeValue(
        f"{year:04d}-Q{quarter}",
        TimexPrecision.QUARTER,
        dt.date(year, first_month, 1),
        dt.date(year, last_month, calendar.monthrange(year, last_month)[1]),
        anchored,
    )


def _year_value(year: int, anchored: bool) -> TimeValue:
    return TimeValue(
        f"{year:04d}", TimexPrecision.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31), anchored
    )


def _decade_value(decade: int, anchored: bool) -> TimeValue:
    """``decade`` is the year divided by ten (199 for the 1990s)."""
    first = max(decade * 10, 1)
    return TimeValue(
        f"{decade:03d}",
        TimexPrecision.DECADE,
        dt.date(first, 1, 1),
        dt.date(decade * 10 + 9, 12, 31),
        anchored,
    )


def _century_value(century: int, anchored: bool) -> TimeValue:
    """``century`` is the year divided by a hundred (18 for 1800-1899)."""
    first = max(century * 100, 1)
    return TimeValue(
        f"{century:02d}",
        TimexPrecision.CENTURY,
        dt.date(first, 1, 1),
        dt.date(century * 100 + 99, 12, 31),
        anchored,
    )


def _shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


# --- words -----------------------------------------------------------------------------


def _numbered(words: str, start: int) -> dict[str, int]:
    return {word: number for number, word in enumerate(words.split(), start=start)}


# English names written out: calendar.month_name follows the process's locale.
_MONTHS = _numbered(
    "january february march april may june july august september october november december", 1
)
_MONTH_ABBREVIATIONS = {name[:3]: number for name, number in _MONTHS.items()} | {"sept": 9}
_WEEKDAYS = _numbered("monday tuesday wednesday thursday friday saturday sunday", 0)
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
_NUMBER_WORDS = _numbered(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty",
    0,
) | {"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50}
_ORDINAL_WORDS = _numbered(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth twenty-first twenty-second",
    0,
)
_UNITS = {
    "day": TimexPrecision.DAY,
    "week": TimexPrecision.WEEK,
    "month": TimexPrecision.MONTH,
    "quarter": TimexPrecision.QUARTER,
    "year": TimexPrecision.YEAR,
    "decade": TimexPrecision.DECADE,
    "century": TimexPrecision.CENTURY,
}
_UNIT_PLURALS = {"days": "day", "weeks": "week", "months": "month", "quarters": "quarter"} | {
    "years": "year",
    "decades": "decade",
    "centuries": "century",
}
_LEADING_WORDS = frozenset({"on", "in", "during", "at", "by", "since", "until"})
_MODIFIERS = frozenset({"early", "mid", "late"})
# Month names that are also everyday words count alone only when capitalised.
_WORD_LIKE_MONTHS = frozenset({"may", "march"})

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_ISO_WEEK = re.compile(r"(\d{4})-w(\d{2})", re.ASCII)
_ISO_QUARTER = re.compile(r"(\d{4})-q([1-4])", re.ASCII)
_US_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_YEAR = re.compile(r"[12]\d{3}", re.ASCII)
_DAY_NUMBER = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?", re.ASCII)
_ORDINAL_NUMBER = re.compile(r"(\d{1,2})(?:st|nd|rd|th)", re.ASCII)
_DECADE = re.compile(r"'?(\d{2}|\d{3}0)'?s", re.ASCII)
_QUARTER_TOKEN = re.compile(r"q([1-4])", re.ASCII)
_PUNCTUATION = re.compile(r"[.,;:!?()\[\]\"]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def _year_of(token: str) -> int | None:
    return int(token) if _YEAR.fullmatch(token) else None


def _day_of(token: str) -> int | None:
    match = _DAY_NUMBER.fullmatch(token)
    if match is not None:
        day = int(match[1])
        return day if 1 <= day <= 31 else None
    ordinal = _ORDINAL_WORDS.get(token)
    return ordinal if ordinal is not None and 1 <= ordinal <= 31 else None


def _month_of(token: str, *, abbreviations: bool) -> int | None:
    if token in _MONTHS:
        return _MONTHS[token]
    return _MONTH_ABBREVIATIONS.get(token) if abbreviations else None


def _count_of(token: str) -> int | None:
    if token.isascii() and token.isdigit() and len(token) <= 3:
        return int(token)
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token]
    tens, hyphen, ones = token.partition("-")
    if hyphen and tens in ("twenty", "thirty", "forty", "fifty") and ones in _NUMBER_WORDS:
        one = _NUMBER_WORDS[ones]
        return _NUMBER_WORDS[tens] + one if 1 <= one <= 9 else None
    return None


def _ordinal_of(token: str) -> int | None:
    match = _ORDINAL_NUMBER.fullmatch(token)
    if match is not None:
        return int(match[1])
    return _ORDINAL_WORDS.get(token)


# --- the expression forms --------------------------------------------------------------


def _tokens_of(text: str) -> tuple[list[str], bool]:
    """The words of ``text``, lower case and without punctuation, the leading words and
    modifiers that change nothing removed; and whether it began with ``in``."""
    cleaned = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    words = _PUNCTUATION.sub(" ", cleaned).split()
    if words and words[-1].endswith("'s") and not _DECADE.fullmatch(words[-1]):
        words[-1] = words[-1][:-2]
    elif words and words[-1].endswith("'") and not _DECADE.fullmatch(words[-1]):
        words[-1] = words[-1][:-1]
    began_with_in = bool(words) and words[0] == "in"
    while words and words[0] in _LEADING_WORDS:
        words = words[1:]
    if words and words[0] == "the" and len(words) > 2 and words[1] in _MODIFIERS:
        words = words[1:]
    if words and words[0] in _MODIFIERS and len(words) > 1:
        words = words[1:]
    elif words and words[0].startswith("mid-") and len(words[0]) > 4:
        words[0] = words[0][4:]
    return words, began_with_in


def _iso_or_numeric(token: str) -> TimeValue | None:
    match = _ISO_DAY.fullmatch(token)
    if match is not None:
        return _day_value(dt.date(int(match[1]), int(match[2]), int(match[3])), False)
    match = _US_DAY.fullmatch(token)
    if match is not None:
        return _day_value(dt.date(int(match[3]), int(match[1]), int(match[2])), False)
    match = _ISO_MONTH.fullmatch(token)
    if match is not None:
        return _month_value(int(match[1]), int(match[2]), False)
    match = _ISO_WEEK.fullmatch(token)
    if match is not None:
        return _week_value(dt.date.fromisocalendar(int(match[1]), int(match[2]), 1), False)
    match = _ISO_QUARTER.fullmatch(token)
    if match is not None:
        return _quarter_value(int(match[1]), int(match[2]), False)
    year = _year_of(token)
    return None if year is None else _year_value(year, False)


def _relative_year(words: Sequence[str], anchor: dt.date | None) -> int | None:
    """The year of ``[of] last/this/next year``, or None."""
    if words and words[0] == "of":
        words = words[1:]
    if len(words) != 2 or words[1] != "year" or anchor is None:
        return None
    offset = {"last": -1, "this": 0, "next": 1}.get(words[0])
    return None if offset is None else anchor.year + offset


def _nearest_year(month: int, anchor: dt.date) -> int:
    """The year of a month named alone: the most recent such month, or one at most
    :data:`MONTHS_AHEAD` months after the anchor's, since news mostly tells what has
    happened (``December`` in a January article is the December before, ``March`` in a
    February one the March to come, ``May`` in a December one the May before)."""
    ahead = (month - anchor.month) % 12
    if ahead == 0 or ahead <= MONTHS_AHEAD:
        return anchor.year + (1 if month < anchor.month else 0)
    return anchor.year - (1 if month > anchor.month else 0)


MONTHS_AHEAD = 2
"""How many months after the anchor's a month named alone may be."""


def _month_day_year(
    words: Sequence[str], anchor: dt.date | None, original: str
) -> tuple[int, int | None, int | None, bool] | None:
    """(month, day, year, anchored) of the month-name forms, the year None when absent
    and no anchor gives it."""
    if words and words[0] == "the" and len(words) > 1 and _day_of(words[1]) is not None:
        words = words[1:]
    if not words:
        return None
    month = _month_of(words[0], abbreviations=True)
    if month is not None:
        day = _day_of(words[1]) if len(words) > 1 else None
        rest = words[2:] if day is not None else words[1:]
    else:
        day = _day_of(words[0])
        if day is None or len(words) < 2:
            return None
        rest = words[2:] if words[1] == "of" and len(words) > 2 else words[1:]
        month = _month_of(rest[0], abbreviations=True)
        if month is None:
            return None
        rest = rest[1:]
    if day is None and not rest:
        if words[0] not in _MONTHS:
            return None
        if words[0] in _WORD_LIKE_MONTHS and words[0].capitalize() not in original:
            return None
    if not rest:
        if anchor is None:
            return (month, day, None, True)
        if day is None:
            return (month, day, _nearest_year(month, anchor), True)
        return (month, day, anchor.year, True)
    if rest[0] == "of" and len(rest) == 2:
        rest = rest[1:]
    if len(rest) == 1 and (year := _year_of(rest[0])) is not None:
        return (month, day, year, False)
    relative_year = _relative_year(rest, anchor)
    if relative_year is not None:
        return (month, day, relative_year, True)
    return None


def _absolute_or_calendar(
    words: Sequence[str], anchor: dt.date | None, original: str
) -> TimeValue | None:
    weekday: int | None = None
    if len(words) > 1 and words[0] in _WEEKDAYS:
        weekday = _WEEKDAYS[words[0]]
        words = words[1:]
    found = _month_day_year(words, anchor, original)
    if found is None:
        return None
    month, day, year, anchored = found
    if year is None:
        return None
    if day is None:
        return None if weekday is not None else _month_value(year, month, anchored)
    if day > calendar.monthrange(year, month)[1]:
        return None
    if weekday is not None and anchored:
        for candidate in (year, year - 1, year + 1):
            if (
                1 <= candidate <= 9999
                and day <= calendar.monthrange(candidate, month)[1]
                and dt.date(candidate, month, day).weekday() == weekday
            ):
                year = candidate
                break
    return _day_value(dt.date(year, month, day), anchored)


def _decade_or_century(words: Sequence[str], anchor: dt.date | None) -> TimeValue | None:
    if words and words[0] == "the":
        words = words[1:]
    if len(words) == 2 and words[1] == "century":
        ordinal = _ordinal_of(words[0])
        if ordinal is None or not 2 <= ordinal <= 30:
            return None
        return _century_value(ordinal - 1, False)
    if len(words) != 1:
        return None
    match = _DECADE.fullmatch(words[0])
    if match is None:
        return None
    digits = match[1]
    if len(digits) == 4:
        year = int(digits)
        if not 1000 <= year <= 2990:
            return None
        if year % 100 == 0 and year != 2000:
            return _century_value(year // 100, False)
        return _decade_value(year // 10, False)
    if anchor is None:
        return None
    # The most recent decade ending in these digits that is not after the anchor's.
    anchor_decade = anchor.year // 10
    decade = (anchor_decade // 10) * 10 + int(digits) // 10
    if decade > anchor_decade:
        decade -= 10
    return _decade_value(decade, True) if decade >= 0 else None


def _quarter(words: Sequence[str], anchor: dt.date | None) -> TimeValue | None:
    if words and words[0] == "the":
        words = words[1:]
    if len(words) >= 2 and words[1] == "quarter":
        quarter = _ordinal_of(words[0])
        rest = words[2:]
    elif words and (match := _QUARTER_TOKEN.fullmatch(words[0])) is not None:
        quarter = int(match[1])
        rest = words[1:]
    else:
        return None
    if quarter is None or not 1 <= quarter <= 4:
        return None
    if rest and rest[0] == "of" and len(rest) == 2:
        rest = rest[1:]
    if not rest:
        return None if anchor is None else _quarter_value(anchor.year, quarter, True)
    if len(rest) == 1 and (year := _year_of(rest[0])) is not None:
        return _quarter_value(year, quarter, False)
    relative_year = _relative_year(rest, anchor)
    return None if relative_year is None else _quarter_value(relative_year, quarter, True)


def _period(unit: TimexPrecision, anchor: dt.date, offset: int) -> TimeValue:
    """The period of ``unit`` ``offset`` units from the one holding the anchor."""
    if unit is TimexPrecision.DAY:
        return _day_value(anchor + dt.timedelta(days=offset), True)
    if unit is TimexPrecision.WEEK:
        return _week_value(anchor + dt.timedelta(weeks=offset), True)
    if unit is TimexPrecision.MONTH:
        return _month_value(*_shift_months(anchor.year, anchor.month, offset), True)
    if unit is TimexPrecision.QUARTER:
        year, month = _shift_months(anchor.year, anchor.month, 3 * offset)
        return _quarter_value(year, (month - 1) // 3 + 1, True)
    if unit is TimexPrecision.YEAR:
        return _year_value(anchor.year + offset, True)
    if unit is TimexPrecision.DECADE:
        return _decade_value(anchor.year // 10 + offset, True)
    return _century_value(anchor.year // 100 + offset, True)


def _weekday_near(anchor: dt.date, weekday: int, relation: str) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    if relation == "":
        return anchor - dt.timedelta(days=back)
    if relation == "last":
        return anchor - dt.timedelta(days=back or 7)
    if relation == "next":
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    return anchor + dt.timedelta(days=weekday - anchor.weekday())


def _named_day(words: Sequence[str], anchor: dt.date) -> TimeValue | None:
    """today, yesterday, last night, (last/this/next) Thursday (morning)…"""
    if len(words) == 2 and words[0] in ("this", "last") and words[1] in _DAY_PARTS:
        return _period(TimexPrecision.DAY, anchor, -1 if words[1] == "night" else 0)
    if len(words) > 1 and words[-1] in _DAY_PARTS:
        words = words[:-1]
    if len(words) == 3 and words[:2] == ["this", "past"]:
        words = words[1:]
    if len(words) == 4 and words[:2] == ["the", "day"]:
        offsets = {("before", "yesterday"): -2, ("after", "tomorrow"): 2}
        offset = offsets.get((words[2], words[3]))
        return None if offset is None else _period(TimexPrecision.DAY, anchor, offset)
    if len(words) == 1:
        day_offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(words[0])
        if day_offset is not None:
            return _period(TimexPrecision.DAY, anchor, day_offset)
    relation = ""
    if len(words) == 2 and words[0] in ("last", "this", "next", "past", "coming"):
        relation = {"past": "last", "coming": "next"}.get(words[0], words[0])
        words = words[1:]
    if len(words) == 1 and words[0] in _WEEKDAYS:
        return _day_value(_weekday_near(anchor, _WEEKDAYS[words[0]], relation), True)
    return None


def _relative_period(
    words: Sequence[str], anchor: dt.date, began_with_in: bool
) -> TimeValue | None:
    """last week, earlier this month, two days ago, in three weeks, last January…"""
    if len(words) == 3 and words[0] in ("earlier", "later") and words[1] == "this":
        words = words[1:]
    if len(words) == 2 and words[0] in ("last", "this", "next"):
        offset = {"last": -1, "this": 0, "next": 1}[words[0]]
        unit = _UNITS.get(words[1])
        if unit is not None:
            return _period(unit, anchor, offset)
        month = _month_of(words[1], abbreviations=False)
        if month is None:
            return None
        if offset == 0:
            return _month_value(anchor.year, month, True)
        year = anchor.year - 1 if month >= anchor.month else anchor.year
        if offset == 1:
            year = anchor.year + 1 if month <= anchor.month else anchor.year
        return _month_value(year, month, True)
    count_words: Sequence[str]
    sign = 1
    if len(words) == 3 and words[2] == "ago":
        count_words, sign = words[:2], -1
    elif len(words) == 4 and words[2:] == ["from", "now"]:
        count_words = words[:2]
    elif len(words) == 2 and began_with_in:
        count_words = words
    else:
        return None
    count = _count_of(count_words[0])
    unit_name = _UNIT_PLURALS.get(count_words[1], count_words[1] if count == 1 else "")
    unit = _UNITS.get(unit_name)
    if count is None or unit is None or (count == 1) != (unit_name == count_words[1]):
        return None
    return _period(unit, anchor, sign * count)


_TIMEX_VALUE = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})(?:T.*)?|(?P<compact>\d{8})(?:T.*)?|(?P<month>\d{4}-\d{2})"
    r"|(?P<year>\d{4})|(?P<week>\d{4})-W(?P<week_number>\d{2})(?:-WE)?"
    r"|(?P<quarter>\d{4})-Q(?P<quarter_number>[1-4])|(?P<decade>\d{3})|(?P<century>\d{2})",
    re.ASCII,
)


def parse_value(value: str) -> TimeValue | None:
    """The calendar period of a TIMEX3 ``value`` attribute as annotators write it:
    ``2008-12-15`` (also with a time after it, ``2008-12-15T10:00``, or without hyphens,
    ``20081215``), ``2008-12``, ``2008``, ``2008-W51`` (and its weekend, ``2008-W51-WE``:
    the week), ``2008-Q1``, ``199`` (a decade), ``18`` (a century). None for durations
    (``P1W``), references (``PRESENT_REF``), seasons, unknown digits (``XXXX-12-15``) and
    days that do not exist. The result is never ``anchored``."""
    match = _TIMEX_VALUE.fullmatch(value.strip()) if len(value) <= 64 else None
    if match is None:
        return None
    try:
        if match["day"]:
            return _day_value(dt.date.fromisoformat(match["day"]), False)
        if match["compact"]:
            digits = match["compact"]
            return _day_value(dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])), False)
        if match["month"]:
            year, month = match["month"].split("-")
            return _month_value(int(year), int(month), False)
        if match["year"]:
            return _year_value(int(match["year"]), False)
        if match["week"]:
            monday = dt.date.fromisocalendar(int(match["week"]), int(match["week_number"]), 1)
            return _week_value(monday, False)
        if match["quarter"]:
            return _quarter_value(int(match["quarter"]), int(match["quarter_number"]), False)
        if match["decade"]:
            return _decade_value(int(match["decade"]), False)
        return _century_value(int(match["century"]), False)
    except (ValueError, OverflowError):
        return None


def normalise(text: str, anchor: dt.date | None) -> TimeValue | None:
    """The calendar period ``text`` names, relative ones resolved against ``anchor``.

    None when the text names no single calendar period (see the module docstring for
    what is read and the rules chosen). Never raises.
    """
    if len(text) > MAX_EXPRESSION_LENGTH:
        return None
    words, began_with_in = _tokens_of(text)
    if not words:
        return None
    forms: list[Callable[[], TimeValue | None]] = [
        lambda: _iso_or_numeric(words[0]) if len(words) == 1 else None,
        lambda: _absolute_or_calendar(words, anchor, text),
        lambda: _decade_or_century(words, anchor),
        lambda: _quarter(words, anchor),
    ]
    if anchor is not None:
        forms += [
            lambda: _named_day(words, anchor),
            lambda: _relative_period(words, anchor, began_with_in),
        ]
    for form in forms:
        try:
            value = form()
        except (ValueError, OverflowError):
            # A date outside the calendar (month 13, year 10000 after a shift).
            return None
        if value is not None:
            return value
    return None
