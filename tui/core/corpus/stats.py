"""Corpus statistics as plain data, and as text pictures for a terminal.

Types x documents is a grid of shades (documents in date order, binned to the width);
events per month is a column chart drawn with eighth blocks; top entities is a list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.corpus.backend import CorpusStore
from tui.core.corpus.index import LibraryRow

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
class CorpusStatistics:
    """What the statistics screen draws."""

    events_per_month: tuple[tuple[str, int], ...]
    top_entities: tuple[TopEntity, ...]


def corpus_statistics(index: CorpusStore, top: int = 15) -> CorpusStatistics:
    """Events per month and the entities in most documents (then most mentions)."""
    months = index.events_per_month()
    entities = index.top_entities(top)
    return CorpusStatistics(
        events_per_month=tuple((str(month), int(str(count))) for month, count in months),
        top_entities=tuple(
            TopEntity(str(n), str(t), int(str(d)), int(str(m))) for n, t, d, m in entities
        ),
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
