"""Dates of a CAT document and its events: the creation time and dated TIMEX3s."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from tui.core.document.dates import DateValue, Precision
from tui.core.document.model import (
    Event,
    EventDate,
    Span,
)
from tui.core.formats.cat.chains import DATED_CLASSES, Builder, Chain, join_lines, timex_date
from tui.core.formats.cat.classes import (
    CatClass,
    Family,
)
from tui.core.formats.cat.dating import (
    DateSupport,
    absolute_dates,
    dateline,
    yearless_dateline,
)
from tui.core.formats.cat.parse import Relation

DATING_LINKS = {
    # (reltype, the event is the source): the timex holds the event in time.
    ("IS_INCLUDED", True),
    ("SIMULTANEOUS", True),
    ("DURING", True),
    ("IDENTITY", True),
    ("INCLUDES", False),
    ("SIMULTANEOUS", False),
    ("IDENTITY", False),
}


def _creation_date(builder: Builder) -> DateValue | None:
    """The document's date: the value of the ``TIMEX3`` whose function is its creation."""
    # The creation time is often not in the text at all: a markable without tokens.
    markables = [m.markable for m in builder.mentions.values()]
    for markable in [*markables, *builder.instances.values()]:
        if markable.tag == "TIMEX3" and markable.attribute("functionInDocument") in (
            "CREATION_TIME",
            "PUBLICATION_TIME",
        ):
            found = timex_date(markable)
            if found is not None:
                return found
    return None


def _anchor_of(value: DateValue) -> dt.date | None:
    """The day a date is, if it is one day."""
    return value.first if value.precision is Precision.DAY and not value.is_range else None


def date_of_document(builder: Builder) -> tuple[DateValue | None, str | None]:
    """The document's date and a note on where it came from (see :mod:`.dating`): the
    creation time, a dateline, or the first absolute date of the text (guessed). Sets
    the builder's anchor unless the date is a guess."""
    created = _creation_date(builder)
    if created is not None:
        builder.anchor = _anchor_of(created)
        return created, None
    text = builder.layout.text
    found = dateline(text, skip_first=builder.layout.source is not None)
    if found is not None:
        builder.anchor = _anchor_of(found.value)
        return found.value, f"Date from the dateline “{found.words}”."
    skip_first = builder.layout.source is not None
    yearless = yearless_dateline(text, skip_first=skip_first)
    if yearless is not None:
        found = yearless.found
        return found.value, (
            f"Date guessed: the dateline “{found.words}” has no year; that day is a"
            f" {found.value.first.strftime('%A')} in {found.value.first.year}, a year the"
            f" text names (line {yearless.year_line})."
        )
    first = next(absolute_dates(text), None)
    if first is not None:
        line = text.count("\n", 0, first.span.start) + 1
        return first.value, (
            f"Date guessed: the first date in the text, “{first.words}” (line {line})."
        )
    return None, None


def dates_of_chains(
    builder: Builder,
    groups: Sequence[tuple[CatClass, Chain | None, list[str]]],
    first: Mapping[str, tuple[int, int]],
) -> dict[int, EventDate]:
    """The date of each chain that holds a dated time mention (the first in the text),
    by the chain's ``id``: the chain's events take it, as linked to them by the source."""
    text = builder.layout.text
    found: dict[int, EventDate] = {}
    for cat_class, chain, members in groups:
        if chain is None or cat_class.family is not Family.TIME or id(chain) in found:
            continue
        for member in sorted(members, key=first.__getitem__):
            value = builder.time_date(member)
            if value is not None:
                pieces = builder.mentions[member].fragments
                span = Span(pieces[0].start, pieces[-1].end)
                found[id(chain)] = EventDate(
                    value, " ".join(text[span.start : span.end].split()), span
                )
                break
    return found


_NEAREST_TIMES = 4
"""How many time mentions on each side of a trigger are tried for its date: the nearest
usually dates it, and a hostile sentence of thousands of them stays cheap."""


def guess_dates(
    builder: Builder,
    events: list[Event],
    document_date: DateValue | None,
    dated: dict[str, DateSupport],
) -> list[Event]:
    """Undated events take the date of the time expression nearest their trigger in their
    own sentence, marked as guessed in their note; never a date after the document's for
    an event told as actual (it could not have happened yet)."""
    text = builder.layout.text
    times = sorted(
        (mention.fragments[0].start, mention.fragments[-1].end, member)
        for member, mention in builder.mentions.items()
        if mention.cat_class.name in DATED_CLASSES
    )
    if not times:
        return events
    starts = [start for start, _, _ in times]
    changed: list[Event] = []
    for event in events:
        if event.date is not None:
            changed.append(event)
            continue
        passage, trigger = event.passage, event.trigger
        middle = bisect_left(starts, trigger.start)
        low = max(bisect_left(starts, passage.start), middle - _NEAREST_TIMES)
        high = min(bisect_right(starts, passage.end), middle + _NEAREST_TIMES)
        nearby = [times[i] for i in range(low, high) if times[i][1] <= passage.end]
        nearby.sort(key=lambda t: max(t[0] - trigger.end, trigger.start - t[1], 0))
        for start, end, member in nearby:
            value = builder.time_date(member)
            if value is None:
                continue
            if document_date and event.realis == "actual" and value.first > document_date.last:
                continue
            words = " ".join(text[start:end].split())
            note = join_lines(
                [
                    *([event.note] if event.note else []),
                    f"Date guessed from “{words}”, a time expression in the same sentence.",
                ]
            )
            dated[event.id] = DateSupport(False, words, event.note)
            event = replace(event, date=EventDate(value, words, Span(start, end)), note=note)
            break
        changed.append(event)
    return changed


def date_from(
    builder: Builder,
    relation: Relation,
    ends: tuple[tuple[str, str, bool], tuple[str, str, bool]],
    dates: dict[str, EventDate],
    words: Callable[[Span], str],
) -> None:
    """A ``TLINK`` that puts an event inside a dated ``TIMEX3`` gives the event its date
    (the first such link wins); ``ends`` are (m_id, gloss id, is an event) of each end."""
    if relation.kind != "TLINK":
        return
    (source, source_id, source_is_event), (target, target_id, target_is_event) = ends
    if source_is_event and not target_is_event:
        event_id, timex, event_is_source = source_id, target, True
    elif target_is_event and not source_is_event:
        event_id, timex, event_is_source = target_id, source, False
    else:
        return
    if event_id in dates or (relation.attribute("reltype"), event_is_source) not in DATING_LINKS:
        return
    mention = builder.mentions.get(timex)
    value = builder.time_date(timex) if mention is not None else None
    if mention is None or value is None:
        return
    span = Span(mention.fragments[0].start, mention.fragments[-1].end)
    dates[event_id] = EventDate(value, " ".join(words(span).split()), span)
