"""ISO 8601 calendar dates at the precisions annotators use, and ranges of them.

``2022``, ``2022-03``, ``2022-03-24`` and ``START/END`` (each end at any of those
precisions) are accepted. Values of mixed precision sort together by the first
day they cover, then the coarser value first (``2022`` before ``2022-03`` before
``2022-03-01``), then by their last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum

_DATE_PATTERN = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?", re.ASCII)


class Precision(IntEnum):
    """How much of a calendar date is known."""

    YEAR = 1
    MONTH = 2
    DAY = 3


class DateError(ValueError):
    """A date value that is not one of the accepted ISO 8601 forms."""


@dataclass(frozen=True, slots=True)
class DateValue:
    """A normalised date or date range, as written (``text``) and as days (``first``..``last``)."""

    text: str
    first: dt.date
    last: dt.date
    precision: Precision
    is_range: bool

    @property
    def sort_key(self) -> tuple[dt.date, int, dt.date, str]:
        """Chronological order that also places coarser values before finer ones."""
        return (self.first, int(self.precision), self.last, self.text)

    def __lt__(self, other: DateValue) -> bool:
        return self.sort_key < other.sort_key

    def short(self) -> str:
        """A compact label for lists: ``03-24`` style within the article's year is the caller's
        business; this returns the value itself, ranges joined with an en dash."""
        return self.text.replace("/", "–")


def _parse_single(text: str) -> tuple[dt.date, dt.date, Precision]:
    match = _DATE_PATTERN.fullmatch(text)
    if match is None:
        raise DateError(f"'{text}' is not an ISO 8601 date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(match["year"])
    if year < 1:
        raise DateError(f"'{text}': year 0000 does not exist")
    if match["month"] is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise DateError(f"'{text}': month {match['month']} does not exist")
    last_day = calendar.monthrange(year, month)[1]
    if match["day"] is None:
        return dt.date(year, month, 1), dt.date(year, month, last_day), Precision.MONTH
    day = int(match["day"])
    if not 1 <= day <= last_day:
        raise DateError(
            f"'{text}': day {match['day']} does not exist in {calendar.month_name[month]} {year}"
        )
    day_value = dt.date(year, month, day)
    return day_value, day_value, Precision.DAY


def parse_date(text: str) -> DateValue:
    """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``START/END``.

    Raises:
        DateError: with a message saying what is wrong.
    """
    if "/" in text:
        start_text, _, end_text = text.partition("/")
        if "/" in end_text:
            raise DateError(f"'{text}': a range has exactly one '/' (START/END)")
        first, _, start_precision = _parse_single(start_text)
        _, last, end_precision = _parse_single(end_text)
        if last < first:
            raise DateError(f"'{text}': the range ends before it starts")
        return DateValue(text, first, last, min(start_precision, end_precision), True)
    first, last, precision = _parse_single(text)
    return DateValue(text, first, last, precision, False)
