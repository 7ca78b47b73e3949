"""An undated article dated by its own relative words, read backwards from the date other
articles give the happening it tells.

ECB's articles have no dateline and no creation time, and their time words are
relative: *she checked in on Tuesday*. Alone they date nothing. But when another article
dates the same happening (a dateline reads its *on Tuesday* as 2008-12-09, or it says
*December 9, 2008*), the words of this one say when it was written: *Tuesday* is, by
gloss's own reading (:func:`tui.core.timeline.timex.normalise`), the most recent Tuesday,
so it names 2008-12-09 only from an article written on 2008-12-09 to 2008-12-15. Every
day the words fit is tried with that same reading, so the dating is never another rule
than the one that reads the words forwards.

An article is dated this way only when

- it has no date of its own (no creation time, dateline or date in its text);
- an event of it took its date, a single day, from a telling in **another** document
  (:func:`tui.core.formats.cat.dating.share_dates`), and a relative time mention in that
  event's sentence names exactly that day for some days of writing;
- the days allowed by all such events overlap (when they do not, nothing is taken).

The date is the days they allow, a day or a range (``2008-12-09/2008-12-15``), and it is
**guessed**: the note says so and quotes the words, the line and where the happening was
dated. Being a guess, it dates nothing further (as a guessed document date never does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from tui.core.document.dates import DateValue, Precision, parse_date
from tui.core.document.model import Document, Mention
from tui.core.formats.cat.chains import DATED_CLASSES
from tui.core.formats.cat.dating import DateSupport, normalised_date

INFERRED_WORDS = "the same happening, so the article was written"
"""Words of every note of a date found this way (what tells it from other guesses)."""

REACH_DAYS = 14
"""How far from the happening's day a day of writing is looked for, either way (two
weeks: *last Tuesday*, *ten days ago*)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Relative words of an article that name the day another document gives a happening."""

    words: str
    line: int
    day: dt.date
    source: str
    days: frozenset[dt.date]
    """The days of writing for which the words name ``day``."""


def days_of_writing(words: str, day: dt.date) -> frozenset[dt.date]:
    """The days an article written on which would read ``words`` as ``day`` (none for
    words that name a day whatever the day of writing, or no day at all)."""
    if normalised_date(words, None) is not None:
        return frozenset()  # absolute: says nothing of when it was written
    found = set()
    for shift in range(-REACH_DAYS, REACH_DAYS + 1):
        anchor = day + dt.timedelta(days=shift)
        value = normalised_date(words, anchor)
        if _one_day(value) and value is not None and value.first == day:
            found.add(anchor)
    edges = {day - dt.timedelta(days=REACH_DAYS), day + dt.timedelta(days=REACH_DAYS)}
    if found & edges:
        return frozenset()  # "Dec. 9": any day near it fits, the words bound nothing
    return frozenset(found)


def _one_day(value: DateValue | None) -> bool:
    return value is not None and value.precision is Precision.DAY and not value.is_range


def contradicts(words: str, day: dt.date) -> bool:
    """Whether relative ``words`` name a day, but ``day`` on no day of writing near it
    (*on Friday* beside a happening another document puts on a Tuesday)."""
    return _one_day(normalised_date(words, day)) and not days_of_writing(words, day)


def _time_mentions(document: Document) -> list[Mention]:
    times = {e.id for e in document.entities if e.type in DATED_CLASSES}
    return sorted(
        (m for m in document.mentions if m.entity_id in times), key=lambda m: m.span.start
    )


def evidence_of(document: Document, dated: dict[str, DateSupport] | None = None) -> list[Evidence]:
    """What an article's relative words say of its day of writing, event by event."""
    dated = dated or {}
    times = _time_mentions(document)
    found: list[Evidence] = []
    for event in document.events:
        support = dated.get(event.id)
        date = event.date
        if support is None or not support.shared or support.source is None:
            continue
        if date is None or date.text is not None:
            continue  # not dated from another document
        value = date.value
        if value.precision is not Precision.DAY or value.is_range:
            continue
        passage = event.passage
        pieces: list[Evidence] = []
        against = False
        for mention in times:
            if mention.span.start < passage.start or mention.span.end > passage.end:
                continue
            words = " ".join(document.text[mention.span.start : mention.span.end].split())
            days = days_of_writing(words, value.first)
            if days:
                line = document.text.count("\n", 0, mention.span.start) + 1
                pieces.append(Evidence(words, line, value.first, support.source, days))
            elif contradicts(words, value.first):
                against = True
        if not against:
            found.extend(pieces)  # a sentence whose words disagree with the date gives none
    return found


def _range(days: Iterable[dt.date]) -> DateValue:
    ordered = sorted(days)
    first, last = ordered[0], ordered[-1]
    if first == last:
        return parse_date(first.isoformat())
    return parse_date(f"{first.isoformat()}/{last.isoformat()}")


def inferred_date(evidence: Sequence[Evidence]) -> tuple[DateValue, str] | None:
    """The days every piece of evidence allows, and the note that says where they came
    from; None without evidence, or when the pieces disagree."""
    if not evidence:
        return None
    allowed = set(evidence[0].days)
    for piece in evidence[1:]:
        allowed &= piece.days
    if not allowed:
        return None
    value = _range(allowed)
    first = evidence[0]
    span = (
        f"on {value.first.isoformat()}"
        if not value.is_range
        else f"from {value.first.isoformat()} to {value.last.isoformat()}"
    )
    more = len(evidence) - 1
    agree = "time expression agrees" if more == 1 else "time expressions agree"
    besides = f" ({more} more {agree})" if more else ""
    note = (
        f"Date guessed: “{first.words}” (line {first.line}) names {first.day.isoformat()},"
        f" the date {first.source} gives {INFERRED_WORDS} {span}{besides}."
    )
    return value, note


def with_inferred_date(document: Document, dated: dict[str, DateSupport]) -> Document:
    """``document``, dated from its relative words when it has no date (see the module's
    docstring); unchanged otherwise."""
    info = document.info
    if info.date is not None:
        return document
    found = inferred_date(evidence_of(document, dated))
    if found is None:
        return document
    value, note = found
    joined = f"{info.note}\n{note}" if info.note else note
    return replace(document, info=replace(info, date=value, note=joined))
