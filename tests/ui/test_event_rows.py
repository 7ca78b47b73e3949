"""Dates in the event list: short where the document's year makes them clear."""

from __future__ import annotations

import pytest

from tui.app.widgets.event_list import date_label
from tui.core.document.dates import parse_date
from tui.core.document.model import Event, EventDate, Span


def event_dated(value: str | None) -> Event:
    date = EventDate(parse_date(value), None, None) if value else None
    return Event("e", "Contact.Meet", "s", Span(0, 1), Span(0, 1), date, "actual", (), None, None)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("2022-03-24", "03-24"),
        ("2022-03", "2022-03"),
        ("2022", "2022"),
        ("2021-12-31", "2021-12-31"),
        ("2022-03-24/2022-03-25", "03-24…"),
        ("2021-06/2022-01", "2021-06…"),
        (None, "?"),
    ],
)
def test_date_labels(value: str | None, label: str) -> None:
    assert date_label(event_dated(value), 2022) == label
