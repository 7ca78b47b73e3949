"""Corpus statistics as plain data, and as text pictures for a terminal.

Document dates are counted: given (by the source, a dateline, an annotator), guessed
(the document's note says so) and none, with the first and last day they cover. Types x
documents is a grid of shades (documents in date order, binned to the width);
events per month is a column chart drawn with eighth blocks; top entities is a list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tui.core.corpus.backend import CorpusStore
from tui.core.corpus.index import LibraryRow
from tui.core.corpus.records import KIND_GLOSS
from tui.core.document.dates import DateError, DateValue, parse_date

SHADES = " ░▒▓█"
_EIGHTHS = " ▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class TopEntity:
    """An entity (by name and type) across the corpus."""

    name: str
    type: str
    documents: int
    mentions: int


@dataclass(frozen=True, slots=True)
class DocumentDates:
    """How many articles (that loaded) have a date, and the days their dates cover."""

    given: int = 0
    """Dated by the source, a dateline or an annotator."""
    guessed: int = 0
    """Dated by a guess (the document's note says so)."""
    undated: int = 0
    first: dt.date | None = None
    """The first day any article's date covers."""
    last: dt.date | None = None

    @property
    def documents(self) -> int:
        return self.given + self.guessed + self.undated

    @property
    def dated(self) -> int:
        return self.given + self.guessed

    def summary(self) -> str:
        """``32 of 69 articles dated (46%): 29 given, 3 guessed ~, 37 without a date``."""
        if not self.documents:
            return "No articles yet."
        noun = "article" if self.documents == 1 else "articles"
        share = percent(self.dated, self.documents)
        return (
            f"{self.dated} of {self.documents} {noun} dated ({share}):"
            f" {self.given} given, {self.guessed} guessed ~, {self.undated} without a date"
        )

    def span(self) -> str | None:
        """``from 2005-09-01 to 2013-05-03``: the days the dates cover (None: no date)."""
        if self.first is None or self.last is None:
            return None
        return f"from {self.first.isoformat()} to {self.last.isoformat()}"


def percent(part: int, whole: int) -> str:
    """``46%`` (rounded), or ``n/a`` of nothing."""
    return f"{round(100 * part / whole)}%" if whole else "n/a"


@dataclass(frozen=True, slots=True)
class CorpusStatistics:
    """What the statistics screen draws."""

    events_per_month: tuple[tuple[str, int], ...]
    top_entities: tuple[TopEntity, ...]
    document_dates: DocumentDates = field(default_factory=DocumentDates)


def document_dates(rows: Iterable[LibraryRow]) -> DocumentDates:
    """Articles (that loaded) dated, given or guessed, and not; the days their dates cover."""
    given = guessed = undated = 0
    first: dt.date | None = None
    last: dt.date | None = None
    for row in rows:
        if row.kind != KIND_GLOSS:
            continue
        value = _date_of(row.date_text)
        if value is None:
            undated += 1
            continue
        if row.date_guessed:
            guessed += 1
        else:
            given += 1
        first = value.first if first is None else min(first, value.first)
        last = value.last if last is None else max(last, value.last)
    return DocumentDates(given, guessed, undated, first, last)


def _date_of(text: str | None) -> DateValue | None:
    if text is None:
        return None
    try:
        return parse_date(text)
    except DateError:
        return None


_NOT_NAMES_TEXT = """
    i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs
    themselves one ones who whom whose which what that this these those there here
    someone somebody everyone everybody anyone anybody nobody none all both each
    some many few most other others another such a an the
    today tonight yesterday tomorrow now then later earlier recently currently
    morning afternoon evening night day days week weeks weekend month months year years
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
"""
NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
"""Words that do not make a name, however written: pronouns, determiners and time words
(English; the names of days and months are capitalised and still no entity's name)."""

CANDIDATES = 20
"""Entities read per one shown, so that names rank first among enough of them."""


def looks_like_name(name: str) -> bool:
    """Whether ``name`` reads as a proper name: a word of it starts with a capital letter
    and is not a pronoun, determiner or time word, or is an acronym (``Tara Reid``,
    ``the Promises center``, ``US``; not ``he``, ``He``, ``people``, ``Wednesday``,
    ``$20 million``)."""
    for word in name.split():
        word = word.strip(".,;:!?'\"()[]")
        if len(word) > 1 and word.isupper():
            return True  # an acronym (US, TMZ), even when it spells a pronoun
        if word[:1].isupper() and word.casefold().removesuffix("'s") not in NOT_NAMES:
            return True
    return False


def rank_names_first(entities: Sequence[TopEntity], top: int) -> tuple[TopEntity, ...]:
    """The ``top`` entities, those named by a proper name (:func:`looks_like_name`)
    before the rest (pronouns, time words, common nouns), each part in its order."""
    named = [entity for entity in entities if looks_like_name(entity.name)]
    others = [entity for entity in entities if not looks_like_name(entity.name)]
    return tuple((named + others)[:top])


def corpus_statistics(index: CorpusStore, top: int = 15) -> CorpusStatistics:
    """Events per month, the entities in most documents (then most mentions), names
    first (:func:`rank_names_first`), and the articles' dates."""
    months = index.events_per_month()
    entities = [
        TopEntity(str(n), str(t), int(str(d)), int(str(m)))
        for n, t, d, m in index.top_entities(top * CANDIDATES)
    ]
    return CorpusStatistics(
        events_per_month=tuple((str(month), int(str(count))) for month, count in months),
        top_entities=rank_names_first(entities, top),
        document_dates=document_dates(index.rows()),
    )


def fill_months(counts: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every month from the first to the last (``YYYY-MM``), months without events at 0."""
    if not counts:
        return []
    found = dict(counts)
    year, month = (int(part) for part in counts[0][0].split("-"))
    last = counts[-1][0]
    filled = []
    while True:
        key = f"{year:04d}-{month:02d}"
        filled.append((key, found.get(key, 0)))
        if key >= last:
            return filled
        month += 1
        if month == 13:
            year, month = year + 1, 1


def bin_values(values: Sequence[int], bins: int) -> list[int]:
    """Sum ``values`` into at most ``bins`` consecutive groups of equal size."""
    if len(values) <= bins:
        return list(values)
    size = -(-len(values) // bins)
    return [sum(values[i : i + size]) for i in range(0, len(values), size)]


def column_chart(values: Sequence[int], height: int) -> list[str]:
    """Rows (top first) of a column chart, one character per value, in eighth blocks."""
    peak = max(values, default=0)
    if peak == 0:
        return [" " * len(values)] * height
    levels = [round(v * height * 8 / peak) for v in values]
    rows = []
    for row in range(height - 1, -1, -1):
        line = []
        for level in levels:
            part = min(8, max(0, level - row * 8))
            line.append(_EIGHTHS[part])
        rows.append("".join(line))
    return rows


def type_grid(rows: Sequence[LibraryRow], width: int) -> list[tuple[str, str, int]]:
    """For each entity type (most used first): its shades across the documents (in date
    order, binned to ``width``), and in how many documents it occurs."""
    ordered = sorted(rows, key=lambda r: (r.date_first is None, r.date_first or 0, r.path))
    counts = [row.type_counts for row in ordered]
    totals: dict[str, int] = {}
    for row_counts in counts:
        for code, count in row_counts.items():
            totals[code] = totals.get(code, 0) + count
    grid = []
    for code in sorted(totals, key=lambda c: (-totals[c], c)):
        per_doc = [row_counts.get(code, 0) for row_counts in counts]
        binned = bin_values(per_doc, width)
        peak = max(binned, default=0) or 1
        shades = "".join(
            SHADES[0] if v == 0 else SHADES[max(1, round(v * (len(SHADES) - 1) / peak))]
            for v in binned
        )
        grid.append((code, shades, sum(1 for v in per_doc if v)))
    return grid
