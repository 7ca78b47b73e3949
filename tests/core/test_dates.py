"""ISO 8601 dates at year, month and day precision, ranges, and their order."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.core.document.dates import DateError, Precision, parse_date


@pytest.mark.parametrize(
    ("text", "first", "last", "precision", "is_range"),
    [
        ("2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31), Precision.YEAR, False),
        ("2022-02", dt.date(2022, 2, 1), dt.date(2022, 2, 28), Precision.MONTH, False),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), Precision.MONTH, False),
        ("2022-03-24", dt.date(2022, 3, 24), dt.date(2022, 3, 24), Precision.DAY, False),
        ("2024-02-29", dt.date(2024, 2, 29), dt.date(2024, 2, 29), Precision.DAY, False),
        ("2022-03-24/2022-03-25", dt.date(2022, 3, 24), dt.date(2022, 3, 25), Precision.DAY, True),
        ("2021/2022-03", dt.date(2021, 1, 1), dt.date(2022, 3, 31), Precision.YEAR, True),
        ("2022-03-24/2022-03-24", dt.date(2022, 3, 24), dt.date(2022, 3, 24), Precision.DAY, True),
    ],
)
def test_valid_dates(
    text: str, first: dt.date, last: dt.date, precision: Precision, is_range: bool
) -> None:
    value = parse_date(text)
    assert (value.text, value.first, value.last, value.precision, value.is_range) == (
        text,
        first,
        last,
        precision,
        is_range,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "'2024-02-30': day 30 does not exist in February 2024"),
        ("2023-02-29", "'2023-02-29': day 29 does not exist in February 2023"),
        ("2022-04-31", "'2022-04-31': day 31 does not exist in April 2022"),
        ("2022-00", "'2022-00': month 00 does not exist"),
        ("2022-13-01", "'2022-13-01': month 13 does not exist"),
        ("0000", "'0000': year 0000 does not exist"),
        ("22", "'22' is not an ISO 8601 date (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("2022-3-5", "'2022-3-5' is not an ISO 8601 date (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("20220325", "'20220325' is not an ISO 8601 date (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("2022-03-25T10:00", "'2022-03-25T10:00' is not an ISO 8601 date"),
        (" 2022", "' 2022' is not an ISO 8601 date"),
        ("٢٠٢٢", "'٢٠٢٢' is not an ISO 8601 date"),
        ("2022/2023/2024", "'2022/2023/2024': a range has exactly one '/' (START/END)"),
        ("2022-03-25/2022-03-24", "'2022-03-25/2022-03-24': the range ends before it starts"),
        ("2022/", "'' is not an ISO 8601 date"),
        ("", "'' is not an ISO 8601 date"),
    ],
)
def test_invalid_dates(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value).startswith(message)


def test_mixed_precisions_sort_by_first_day_then_coarser_first() -> None:
    texts = ["2022-03-24", "2022-03", "2021-12-31", "2022", "2022-03-01", "2022-03-01/2022-03-05"]
    ordered = [value.text for value in sorted(parse_date(text) for text in texts)]
    assert ordered == [
        "2021-12-31",
        "2022",
        "2022-03",
        "2022-03-01",
        "2022-03-01/2022-03-05",
        "2022-03-24",
    ]


def test_sort_key_and_less_than_agree() -> None:
    year, day = parse_date("2022"), parse_date("2022-01-01")
    assert year < day
    assert not day < year
    assert year.sort_key < day.sort_key


def test_short_label_uses_an_en_dash_for_ranges() -> None:
    assert parse_date("2022-03-24/2022-03-25").short() == "2022-03-24–2022-03-25"
    assert parse_date("2022-03").short() == "2022-03"
