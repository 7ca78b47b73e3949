"""Corpus statistics as plain data, and as text pictures for a terminal.

Document dates are counted: given (by the source, a dateline, an annotator), guessed
(the document's note says so) and none, with the first and last day they cover. Types x
documents is a grid of shades (documents in date order, binned to the width);
events per month is a column chart drawn with eighth blocks; top entities is a list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.core.corpus.index import CorpusIndex, LibraryRow
from tui.core.corpus.records import KIND_GLOSS

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


def document_dates(index: CorpusIndex) -> DocumentDates:
    """Articles dated (given, guessed) and not, and the span of their dates."""
    found = index.read_rows(
        "SELECT count(date_first), coalesce(sum(date_first IS NOT NULL AND date_guessed), 0),"
        " count(*) - count(date_first), min(date_first), max(coalesce(date_last, date_first))"
        " FROM files WHERE kind = ?",
        (KIND_GLOSS,),
    )
    if not found:
        return DocumentDates()
    dated, guessed, undated, first, last = found[0]
    return DocumentDates(
        given=int(str(dated)) - int(str(guessed)),
        guessed=int(str(guessed)),
        undated=int(str(undated)),
        first=dt.date.fromisoformat(first) if isinstance(first, str) else None,
        last=dt.date.fromisoformat(last) if isinstance(last, str) else None,
    )


def corpus_statistics(index: CorpusIndex, top: int = 15) -> CorpusStatistics:
    """Events per month, the entities in most documents (then most mentions) and the
    articles' dates."""
    months = index.read_rows(
        "SELECT substr(date_first, 1, 7), count(*) FROM events"
        " WHERE date_first IS NOT NULL GROUP BY 1 ORDER BY 1"
    )
    entities = index.read_rows(
        "SELECT e.name, e.type, count(DISTINCT e.file_id), sum(coalesce(m.n, 0))"
        " FROM entities e LEFT JOIN (SELECT file_id, entity_id, count(*) AS n FROM mentions"
        " GROUP BY file_id, entity_id) m ON m.file_id = e.file_id AND m.entity_id = e.entity_id"
        " GROUP BY e.name, e.type ORDER BY 3 DESC, 4 DESC, e.name LIMIT ?",
        (top,),
    )
    return CorpusStatistics(
        events_per_month=tuple((str(month), int(str(count))) for month, count in months),
        top_entities=tuple(
            TopEntity(str(n), str(t), int(str(d)), int(str(m))) for n, t, d, m in entities
        ),
        document_dates=document_dates(index),
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
