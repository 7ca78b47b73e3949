"""The events of an article on a time axis: dates of happenings, their order, lanes, scale.

Pure data, no Textual: the timeline screen, ``gloss timeline`` and the event list's
"by date" order all ask this module and draw what it returns.

A *happening* is one thing that happened, told one or more times (events joined by
``same_as``). Its date is the most precise date any telling gives (see
:func:`happening_date`); its date words are the words of the article that date came from
(see :func:`date_words_of`).

**Order.** Dated happenings are sorted by the interval of days their date covers: by the
first day, then the *longer* interval first, so an interval always comes before every
interval it contains (``2022`` < ``2022-03`` < ``2022-03-01/2022-03-05`` <
``2022-03-01`` < ``2022-03-24`` < ``2022-04``): a day inside a month sorts within that
month, after it. Happenings with the same interval keep text order (the tie rule; the
sort is stable). Undated happenings come after every dated one, in text order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from tui.core.document.dates import DateValue, Precision
from tui.core.document.model import Document, DocumentInfo, Event, Span

# -- dates of happenings -------------------------------------------------------------------


def interval_key(value: DateValue) -> tuple[int, int]:
    """Sort key of a date: first day, then the longer interval first (containers first)."""
    return (value.first.toordinal(), -value.last.toordinal())


def days_covered(value: DateValue) -> int:
    """How many days the date covers (1 for a day)."""
    return (value.last - value.first).days + 1


def happening_date(tellings: Sequence[Event]) -> Event | None:
    """The telling whose date is the most precise one known for the happening.

    Most precise means the fewest days covered; between equally narrow dates, a single
    value before a range (``2022-03-01/2022-03-31`` is as narrow as ``2022-03``, which
    wins); then the first telling in text order. ``None`` when no telling is dated.
    """
    best: Event | None = None
    best_key: tuple[int, bool] | None = None
    for telling in tellings:
        if telling.date is None:
            continue
        value = telling.date.value
        key = (days_covered(value), value.is_range)
        if best_key is None or key < best_key:
            best, best_key = telling, key
    return best


# -- the date words ------------------------------------------------------------------------

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_RELATIVE = r"(?:last|next|this|the\s+coming|the\s+past|the\s+previous)\s+(?:year|month|week)"
_TEMPORAL = re.compile(
    r"\b(?:(?:on|in|during|since|by|until|from|early|late|mid|last|next|this)[\s-]+)*"
    r"(?:"
    rf"(?:{_WEEKDAYS})"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\.?(?:\s+\d{{1,2}}(?!\d))?(?:,?\s+\d{{4}})?"
    r"|(?:1[5-9]|20)\d\d(?!\d)"
    r"|yesterday|today|tomorrow|tonight"
    rf"|{_RELATIVE}"
    r")"
    rf"(?:\s+of\s+{_RELATIVE})?\b",
    re.IGNORECASE,
)
"""English temporal expressions: weekdays, months with or without day and year, years,
``yesterday``, ``last year``, with the prepositions that lead them (``in January of last
year``). Only used when an annotation does not say which words give the date."""


WordsSource = Literal["annotated", "passage"]


WORDS_REACH = 200
"""Temporal expressions are looked for this many characters either side of the trigger
(within the passage), so a huge passage costs no more than a sentence."""


def temporal_words_near(text: str, passage: Span, trigger: Span) -> Span | None:
    """The temporal expression in ``passage`` nearest the trigger (within
    :data:`WORDS_REACH` characters of it), if there is one."""
    best: Span | None = None
    best_distance = 0
    start = max(passage.start, trigger.start - WORDS_REACH)
    end = min(passage.end, trigger.end + WORDS_REACH)
    for match in _TEMPORAL.finditer(text, start, end):
        span = Span(match.start(), match.end())
        distance = max(span.start - trigger.end, trigger.start - span.end, 0)
        if best is None or distance < best_distance:
            best, best_distance = span, distance
    return best


def date_words_of(
    document: Document, tellings: Sequence[Event], dated_by: Event
) -> tuple[str, Span, WordsSource] | None:
    """The words the happening's date came from, where they are, and how they were found.

    The annotated ``date.text`` of the telling that gave the date; failing that, of another
    telling with the same value; failing that, a temporal expression found in the dating
    telling's passage, nearest its trigger (``"passage"``: derived, not annotated).
    """
    assert dated_by.date is not None
    value = dated_by.date.value
    candidates = [dated_by, *(t for t in tellings if t is not dated_by)]
    for telling in candidates:
        date = telling.date
        if date is not None and date.value == value and date.text and date.span is not None:
            return date.text, date.span, "annotated"
    found = temporal_words_near(document.text, dated_by.passage, dated_by.trigger)
    if found is None:
        return None
    return document.text[found.start : found.end], found, "passage"


_GUESS_WORDS = re.compile(
    r"\b(?:infer\w*|guess\w*|presum\w*|assum\w*|estimat\w*|approximat\w*|probabl\w*"
    r"|uncertain\w*|unclear|unsure)\b",
    re.IGNORECASE,
)
_DATE_TOPIC = re.compile(r"\b(?:dates?|dated|years?|months?|days?|weeks?|when)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


def note_says_guessed(note: str | None) -> bool:
    """Whether a note says the date was guessed: one of its sentences has a word of
    guessing (``inferred``, ``presumably``, ``estimated``…) and a word about dates (``date``,
    ``year``, ``month``, ``day``, ``week``, ``when``). "Year inferred" counts; "Signatories
    are inferred" does not."""
    if not note:
        return False
    return any(
        _GUESS_WORDS.search(sentence) and _DATE_TOPIC.search(sentence)
        for sentence in _SENTENCE_END.split(note)
    )


def document_date_guessed(info: DocumentInfo) -> bool:
    """Whether the document's date is a guess: its note says so, as an event's does."""
    return info.date is not None and note_says_guessed(info.note)


# -- happenings on the timeline ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Happening:
    """One thing that happened, with every telling of it and the date the timeline uses."""

    tellings: tuple[Event, ...]
    """Every event telling it, in text order; the first one stands for the happening."""
    text_order: int
    """Position among the document's happenings in text order."""
    date: DateValue | None
    """The most precise date any telling gives (None: undated)."""
    dated_by: Event | None
    """The telling that gave :attr:`date`."""
    date_words: str | None
    """The article's words the date came from."""
    date_words_span: Span | None
    words_source: WordsSource | None
    """``"annotated"`` (the annotation names the words) or ``"passage"`` (found in the passage)."""
    guessed: bool
    """A note on a dated telling says the date was guessed or inferred."""
    guess_note: str | None

    @property
    def event(self) -> Event:
        """The first telling, which stands for the happening."""
        return self.tellings[0]

    @property
    def id(self) -> str:
        """The id of the first telling."""
        return self.tellings[0].id

    @property
    def realis(self) -> str:
        """The realis of the first telling."""
        return self.tellings[0].realis

    @property
    def entity_ids(self) -> frozenset[str]:
        """Entities taking part in any telling."""
        return frozenset(a.entity_id for telling in self.tellings for a in telling.arguments)


def _happening(document: Document, tellings: tuple[Event, ...], position: int) -> Happening:
    dated_by = happening_date(tellings)
    words: tuple[str, Span, WordsSource] | None = None
    guess_note: str | None = None
    if dated_by is not None:
        words = date_words_of(document, tellings, dated_by)
        assert dated_by.date is not None
        value = dated_by.date.value
        for telling in (dated_by, *tellings):
            dated_alike = telling.date is not None and telling.date.value == value
            if dated_alike and note_says_guessed(telling.note):
                guess_note = telling.note
                break
    return Happening(
        tellings=tellings,
        text_order=position,
        date=dated_by.date.value if dated_by is not None and dated_by.date else None,
        dated_by=dated_by,
        date_words=words[0] if words else None,
        date_words_span=words[1] if words else None,
        words_source=words[2] if words else None,
        guessed=guess_note is not None,
        guess_note=guess_note,
    )


def happenings_in_text_order(document: Document) -> list[Happening]:
    """Every happening of the document, in the text order of its first telling."""
    seen: set[str] = set()
    found: list[Happening] = []
    for event in document.events:
        if event.id in seen:
            continue
        tellings = document.happening_of(event)
        seen.update(telling.id for telling in tellings)
        found.append(_happening(document, tellings, len(found)))
    return found


def by_date(happenings: Iterable[Happening]) -> list[Happening]:
    """Dated happenings by interval (containers first, ties in text order), then undated
    ones in text order. The result does not depend on the order they came in; the sort is
    stable, so happenings with equal keys (the same text position) keep it."""
    items = list(happenings)
    dated = [h for h in items if h.date is not None]
    undated = [h for h in items if h.date is None]
    dated.sort(key=lambda h: (*interval_key(h.date), h.text_order) if h.date else (0, 0, 0))
    undated.sort(key=lambda h: h.text_order)
    return dated + undated


# -- lanes ---------------------------------------------------------------------------------

ALL_LANE = "*all"
UNDATED_LANE = "*undated"


@dataclass(frozen=True, slots=True)
class Lane:
    """One band of the timeline: every dated event, one entity's, or the undated ones."""

    key: str
    """:data:`ALL_LANE`, :data:`UNDATED_LANE` or an entity id."""
    title: str
    happenings: tuple[Happening, ...]
    undated_left_out: int = 0
    """Undated happenings of an entity lane (they are in the undated lane)."""


def build_lanes(
    document: Document, ordered: Sequence[Happening], entity_ids: Sequence[str]
) -> list[Lane]:
    """The all-events lane, one lane per entity (its dated events), then the undated lane.

    ``ordered`` is :func:`by_date` of the document's happenings.
    """
    dated = tuple(h for h in ordered if h.date is not None)
    undated = tuple(h for h in ordered if h.date is None)
    lanes = [Lane(ALL_LANE, "All events", dated)]
    for entity_id in entity_ids:
        entity = document.entity_by_id.get(entity_id)
        if entity is None:
            continue
        own = tuple(h for h in dated if entity_id in h.entity_ids)
        left_out = sum(1 for h in undated if entity_id in h.entity_ids)
        lanes.append(Lane(entity_id, entity.name, own, left_out))
    if undated:
        lanes.append(Lane(UNDATED_LANE, "Undated, in text order", undated))
    return lanes


def entities_with_events(document: Document) -> list[tuple[str, int]]:
    """Entities that take part in events, with how many, most first (then by name)."""
    counts = [
        (entity.id, len(document.events_of(entity.id)))
        for entity in document.entities
        if document.events_of(entity.id)
    ]
    names = document.entity_by_id
    counts.sort(key=lambda pair: (-pair[1], names[pair[0]].name.casefold(), pair[0]))
    return counts


# -- the axis ------------------------------------------------------------------------------


class Unit(Enum):
    """What the axis ticks mark."""

    YEAR = "years"
    MONTH = "months"
    DAY = "days"


MIN_SPAN_DAYS = 8
"""The narrowest window zooming in reaches: about a week."""


@dataclass(frozen=True, slots=True)
class Tick:
    """A labelled place on the axis."""

    column: int
    label: str


@dataclass(frozen=True, slots=True)
class Axis:
    """A window of days drawn over ``width`` cells."""

    start: dt.date
    end: dt.date
    """Last day shown (inclusive)."""
    width: int
    zoom: int
    max_zoom: int

    @property
    def span_days(self) -> int:
        """Days in the window."""
        return (self.end - self.start).days + 1

    @property
    def unit(self) -> Unit:
        """Ticks in years for windows over about three years, months down to about two
        months, days below."""
        if self.span_days > 3 * 366:
            return Unit.YEAR
        if self.span_days > 62:
            return Unit.MONTH
        return Unit.DAY

    def column_of(self, day: dt.date) -> int:
        """The cell ``day`` falls in; left of 0 or beyond ``width - 1`` when outside."""
        return ((day - self.start).days * self.width) // self.span_days

    def cells(self, value: DateValue) -> tuple[int, int] | None:
        """First and last cell a date covers, clipped to the window; None when wholly outside."""
        if value.last < self.start or value.first > self.end:
            return None
        first = max(0, self.column_of(max(value.first, self.start)))
        last = min(self.width - 1, self.column_of(min(value.last, self.end)))
        return first, max(first, last)

    def side_of(self, value: DateValue) -> int:
        """-1 when the date lies before the window, 1 after it, 0 when it overlaps."""
        if value.last < self.start:
            return -1
        if value.first > self.end:
            return 1
        return 0

    def ticks(self) -> list[Tick]:
        """Labelled ticks that fit without overlapping, in column order."""
        unit = self.unit
        found: list[Tick] = []
        free_from = 0
        for day in _tick_days(self.start, self.end, unit, self.span_days, self.width):
            column = self.column_of(day)
            label = _tick_label(day, unit, first=not found)
            if column < free_from or column + len(label) > self.width:
                continue
            found.append(Tick(column, label))
            free_from = column + len(label) + 1
        return found


def _tick_days(
    start: dt.date, end: dt.date, unit: Unit, span_days: int, width: int
) -> Iterable[dt.date]:
    """Tick days at a round step (1, 2, 5, 10… years; 1, 2, 3, 6 months; 1, 2, 7, 14 days)
    wide enough for a label between ticks, so they are evenly spaced."""
    cells_per_day = width / max(1, span_days)
    if unit is Unit.YEAR:
        step = next(
            (s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if s * 365 * cells_per_day >= 5),
            1000,
        )
        year = start.year if start == dt.date(start.year, 1, 1) else start.year + 1
        year += -year % step
        while year <= end.year:
            yield dt.date(year, 1, 1)
            year += step
    elif unit is Unit.MONTH:
        step = next((s for s in (1, 2, 3, 6) if s * 30 * cells_per_day >= 4), 12)
        year, month = start.year, start.month
        if start.day != 1:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        while (month - 1) % step:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        while dt.date(year, month, 1) <= end:
            yield dt.date(year, month, 1)
            month += step
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    else:
        step = next((s for s in (1, 2, 7, 14) if s * cells_per_day >= 3), 28)
        day = start
        while day <= end:
            yield day
            day += dt.timedelta(days=step)


def _tick_label(day: dt.date, unit: Unit, *, first: bool) -> str:
    if unit is Unit.YEAR:
        return str(day.year)
    if unit is Unit.MONTH:
        return f"{day.year}-{day.month:02d}" if first or day.month == 1 else day.strftime("%b")
    return day.isoformat() if first or day.day == 1 else f"{day.day:02d}"


def extent(happenings: Iterable[Happening], now: DateValue | None) -> tuple[dt.date, dt.date]:
    """First and last day of every dated happening and of the article's date."""
    firsts: list[dt.date] = []
    lasts: list[dt.date] = []
    for happening in happenings:
        if happening.date is not None:
            firsts.append(happening.date.first)
            lasts.append(happening.date.last)
    if now is not None:
        firsts.append(now.first)
        lasts.append(now.last)
    if not firsts:
        today = dt.date(2000, 1, 1)
        return today, today
    return min(firsts), max(lasts)


def make_axis(
    first: dt.date, last: dt.date, width: int, zoom: int, focus: dt.date | None = None
) -> Axis:
    """The window at ``zoom`` (0: everything; each step halves the window around ``focus``),
    a little wider than the extent so the ends are not on the edge."""
    width = max(1, width)
    full = (last - first).days + 1
    pad = max(1, full // 40)
    start = first - dt.timedelta(days=pad)
    full += 2 * pad
    max_zoom = 0
    while full >> (max_zoom + 1) >= MIN_SPAN_DAYS:
        max_zoom += 1
    zoom = max(0, min(zoom, max_zoom))
    span = max(1, full >> zoom)
    if zoom and focus is not None:
        offset = (focus - start).days - span // 2
        offset = max(0, min(offset, full - span))
        start = start + dt.timedelta(days=offset)
    end = start + dt.timedelta(days=span - 1)
    return Axis(start, end, width, zoom, max_zoom)


def precision_name(value: DateValue) -> str:
    """``day``, ``month``, ``year`` or ``range``."""
    if value.is_range:
        return "range"
    return {Precision.DAY: "day", Precision.MONTH: "month", Precision.YEAR: "year"}[value.precision]


def is_mark(value: DateValue) -> bool:
    """A single day is drawn as a mark; months, years and ranges as bars."""
    return not value.is_range and value.precision is Precision.DAY
