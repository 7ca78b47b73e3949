"""Dates of an imported CAT document and of its events, where the source gives none.

**The document's date** is, in this order (the first that gives one):

1. the ``TIMEX3`` whose function is the document's creation (MEANTIME);
2. a **dateline** at the top of the text: one of the first four paragraphs after the
   source address that is a date of a day and little else (``May 03, 2013``,
   ``Updated: November 11, 2011 20:09 IST``, ``Posted on Thu Jun 13, 2013 08:45 AM
   PDT``, ``TNN Nov 12, 2011, 05. 51AM IST MUMBAI:``): besides the date, only numbers,
   times, time zones, weekdays, words such as *updated*, *published*, *posted*, *on*,
   *at*, and at most two other words (a place, an agency);
3. a dateline **without a year** (``Monday, Dec. 15``) whose weekday fits that day in
   exactly one of the years the text names (15 December was a Monday in 2008, not in
   2007 or 2009), marked as guessed (:func:`yearless_dateline`);
4. the **first absolute date** of the text (a day or a month with its year: ``September
   15, 2008``, ``June 2012``, ``05/02/2013``), marked as guessed. A year alone is not
   taken: in news it names the past or the future (``since 1991``) far more often than
   the day of writing (on the ECB+ sample the years an article names were its own year
   in 1 of 7 articles with a dateline);
5. failing all these, the days that the article's relative words fit, read backwards from
   the date other articles give the happening they tell (:mod:`.inferred_dates`).

Phrases are found by their shape (a month name with a day and a year, a day before the
month, a month and a year, ``MM/DD/YYYY`` in US order, ``YYYY-MM-DD``) and read by
:func:`tui.core.timeline.timex.normalise`, which decides what they mean.

**A time expression's date** (for events, see :mod:`.build`): a ``TIMEX3``'s own ``value``
when it is a calendar date; otherwise its words, normalised against the document's date
(relative words such as *Thursday* or *yesterday* only when that date is the source's
own or a dateline's, not a guess).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from tui.core.document.dates import DateError, DateValue, Precision, parse_date
from tui.core.document.model import Event, EventDate, Span
from tui.core.timeline.timex import TimeValue, TimexPrecision, normalise

DATELINE_PARAGRAPHS = 4
"""How many paragraphs after the source address a dateline may be in (ECB+ puts the
headline, sometimes a first sentence, before it)."""
_LONGEST_DATELINE = 100
_OTHER_WORDS_IN_A_DATELINE = 2

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]|20)\d\d"
_DATE_PHRASE = re.compile(
    rf"(?<![\w/-])(?:(?P<month_first>{_MONTH})\s+{_DAY},?\s+{_YEAR}"
    rf"|{_DAY}\s+(?:of\s+)?(?P<day_first>{_MONTH}),?\s+{_YEAR}"
    rf"|(?P<month_year>{_MONTH}),?\s+{_YEAR}"
    rf"|\d{{1,2}}/\d{{1,2}}/{_YEAR}|{_YEAR}-\d\d-\d\d)(?![\w/-])",
    re.IGNORECASE,
)
_WEEKDAYS = {
    **{name: number for number, name in enumerate(calendar.day_name)},
    **{name: number for number, name in enumerate(calendar.day_abbr)},
    "Tues": 1,
    "Thur": 3,
    "Thurs": 3,
}
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?,?"
_YEARLESS = re.compile(
    rf"(?<![\w/-]){_WEEKDAY}\s+(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month_after>{_MONTH}))"
    rf"(?![\w/-])(?!,?\s*(?:{_YEAR}|'\d\d)(?!\d))",
    re.IGNORECASE,
)
_NAMED_YEAR = re.compile(rf"(?<![\w/.,-]){_YEAR}(?![\w/-])")
_MONTH_NUMBERS = {
    name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name
}
_WORD = re.compile(r"[^\W\d_]+")
_DATELINE_WORDS = frozenset(
    {
        *("updated", "update", "published", "posted", "first", "last", "originally", "on"),
        *("at", "by", "date", "dated", "time", "am", "pm", "a", "p", "m", "hrs", "hr", "noon"),
        *("ist", "et", "edt", "est", "pt", "pdt", "pst", "ct", "cdt", "cst", "mdt", "mst"),
        *("gmt", "bst", "utc", "cet", "cest"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
    }
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date read from the words at ``span``."""

    value: DateValue
    span: Span
    words: str


def date_value(found: TimeValue | None) -> DateValue | None:
    """A normalised time value in gloss's date syntax (None if gloss cannot write it)."""
    if found is None:
        return None
    try:
        return parse_date(found.date_text)
    except DateError:
        return None


def absolute_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[FoundDate]:
    """The dates of days or months with their year written in ``text[start:end]``, in
    text order."""
    for match in _DATE_PHRASE.finditer(text, start, len(text) if end is None else end):
        month = match["month_first"] or match["day_first"] or match["month_year"]
        if month is not None and not month[0].isupper():
            continue  # "you may 12 …": a month is written with a capital
        words = match[0]
        found = normalise(words, None)
        if found is None or found.anchored:
            continue
        if found.precision not in (TimexPrecision.DAY, TimexPrecision.MONTH):
            continue
        value = date_value(found)
        if value is not None:
            yield FoundDate(value, Span(match.start(), match.end()), " ".join(words.split()))


def _paragraphs(text: str) -> Iterator[Span]:
    start = 0
    while start < len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            yield Span(start, end)
        start = end + 2


def dateline(text: str, *, skip_first: bool) -> FoundDate | None:
    """The date of a dateline at the top of ``text`` (see the module's docstring);
    ``skip_first`` when the first paragraph is the source address."""
    paragraphs = _paragraphs(text)
    if skip_first:
        next(paragraphs, None)
    for number, paragraph in enumerate(paragraphs):
        if number >= DATELINE_PARAGRAPHS:
            return None
        if paragraph.end - paragraph.start > _LONGEST_DATELINE:
            continue
        for found in absolute_dates(text, paragraph.start, paragraph.end):
            if found.value.precision is not Precision.DAY:
                continue
            if _short_dateline(text, paragraph, found.span):
                return found
    return None


def _short_dateline(text: str, paragraph: Span, found: Span) -> bool:
    """Whether a paragraph holds little besides the date at ``found`` (a dateline)."""
    rest = text[paragraph.start : found.start] + " " + text[found.end : paragraph.end]
    other = [w for w in _WORD.findall(rest) if w.casefold() not in _DATELINE_WORDS]
    return len(other) <= _OTHER_WORDS_IN_A_DATELINE


@dataclass(frozen=True, slots=True)
class YearlessDate:
    """A dateline without a year, dated by the one named year its weekday fits."""

    found: FoundDate
    year_line: int
    """The line of the text (1-based) where that year is first named."""


def yearless_dateline(text: str, *, skip_first: bool) -> YearlessDate | None:
    """A dateline at the top of ``text`` that names a weekday, a month and a day but no
    year (``Monday, Dec. 15``), in the one year named in the text whose calendar puts that
    day on that weekday; None when no year, or more than one, fits."""
    paragraphs = _paragraphs(text)
    if skip_first:
        next(paragraphs, None)
    for number, paragraph in enumerate(paragraphs):
        if number >= DATELINE_PARAGRAPHS:
            return None
        if paragraph.end - paragraph.start > _LONGEST_DATELINE:
            continue
        for match in _YEARLESS.finditer(text, paragraph.start, paragraph.end):
            span = Span(match.start(), match.end())
            month_name = match["month"] or match["month_after"]
            if not month_name[0].isupper() or not _short_dateline(text, paragraph, span):
                continue
            month = _MONTH_NUMBERS[month_name.rstrip(".")[:3].casefold()]
            day = int(match["day"] or match["day_first"])
            weekday = _WEEKDAYS[match["weekday"].rstrip(".,").capitalize()]
            fitting: dict[int, int] = {}
            for named in _NAMED_YEAR.finditer(text):
                year = int(named[0])
                try:
                    fits = dt.date(year, month, day).weekday() == weekday
                except ValueError:
                    fits = False
                if fits and year not in fitting:
                    fitting[year] = text.count("\n", 0, named.start()) + 1
            if len(fitting) != 1:
                return None
            ((year, line),) = fitting.items()
            value = parse_date(f"{year:04d}-{month:02d}-{day:02d}")
            words = " ".join(match[0].split())
            return YearlessDate(FoundDate(value, span, words), line)
    return None


@functools.lru_cache(maxsize=4096)
def normalised_date(words: str, anchor: dt.date | None) -> DateValue | None:
    """The date that the words of a time expression name, relative ones resolved against
    ``anchor`` (time expressions repeat across a corpus: each is read once)."""
    return date_value(normalise(words, anchor))


@dataclass(frozen=True, slots=True)
class DateSupport:
    """Where an event's date came from: a time expression the source links to the event
    (a ``TLINK``, a chain), or one guessed from its sentence."""

    linked: bool
    words: str | None
    note: str | None
    """The event's note without the sentence that says how it was dated."""
    shared: bool = False
    """The date is that of another telling of the happening (:func:`share_dates`)."""
    source: str | None = None
    """The document the shared date came from (named as :class:`Telling` names it)."""


@dataclass(frozen=True, slots=True)
class Telling:
    """One event of one imported document, as far as sharing dates is concerned."""

    document: str
    """The document's id (named in the note of an event dated from another document)."""
    event: Event
    support: DateSupport | None
    """How its own date came (None: undated)."""
    document_date: DateValue | None


def _share_note(base: str | None, source: Telling, here: str) -> str:
    assert source.support is not None and source.event.date is not None
    where = "this document" if source.document == here else source.document
    words = source.support.words or source.event.date.value.text
    if source.support.linked:
        said = f"Date shared with the other tellings of this happening: “{words}” in {where}."
    else:
        said = (
            "Date shared with the other tellings of this happening: guessed from"
            f" “{words}” in the same sentence, in {where}."
        )
    return f"{base}; {said}" if base else said


def best_supported(tellings: Sequence[Telling]) -> Telling | None:
    """The telling whose date a happening's tellings share: a date the source links to an
    event beats a guessed one; then the date most tellings have; then the earliest (by
    its first day, the coarser first, as :class:`DateValue` orders); then the first telling."""
    dated = [t for t in tellings if t.support is not None and t.event.date is not None]
    linked = [t for t in dated if t.support is not None and t.support.linked]
    pool = linked or dated
    if not pool:
        return None
    counts = Counter(t.event.date.value.text for t in pool if t.event.date is not None)

    def rank(telling: Telling) -> tuple[int, tuple[dt.date, int, dt.date, str]]:
        assert telling.event.date is not None
        value = telling.event.date.value
        return (-counts[value.text], value.sort_key)

    return min(pool, key=rank)


def share_dates(happening: Sequence[Telling]) -> dict[tuple[str, str], tuple[Event, DateSupport]]:
    """The tellings of one happening (in one or several documents) take its best-supported
    date (:func:`best_supported`); by (document, event id), each telling that changes.

    A telling keeps its own words when it already has that date; one from another document
    gets the value alone and a note naming where it came from (guessed there, guessed here).
    A telling told as actual never takes a date after its document's (it could not have
    happened yet when the article was written)."""
    best = best_supported(happening)
    if best is None or best.event.date is None or best.support is None:
        return {}
    value = best.event.date.value
    changed: dict[tuple[str, str], tuple[Event, DateSupport]] = {}
    for telling in happening:
        event = telling.event
        if event.date is not None and event.date.value == value:
            continue
        after = telling.document_date is not None and value.first > telling.document_date.last
        if event.realis == "actual" and after:
            continue
        base = telling.support.note if telling.support is not None else event.note
        same_document = telling.document == best.document
        date = best.event.date if same_document else EventDate(value, None, None)
        support = DateSupport(
            best.support.linked, date.text, base, shared=True, source=best.document
        )
        note = _share_note(base, best, telling.document)
        changed[(telling.document, event.id)] = (replace(event, date=date, note=note), support)
    return changed
