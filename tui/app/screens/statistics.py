"""Corpus statistics as pictures: types x documents, events per month, top entities."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.app import bindings
from tui.app.screens.index_answers import answer_from_worker
from tui.core.corpus.backend import CorpusStore
from tui.core.corpus.index import LibraryRow
from tui.core.corpus.stats import (
    CorpusStatistics,
    DocumentDates,
    bin_values,
    column_chart,
    corpus_statistics,
    fill_months,
    type_grid,
)
from tui.core.text.fitting import cell_width, cut_end, fit_type_names
from tui.core.text.textsafety import one_line

CHART_HEIGHT = 8


DATES_BAR = 40
"""Cells of the bar of given, guessed and undated articles."""


def dates_text(dates: DocumentDates) -> Text:
    """The article-dates box: a bar of given, guessed and undated articles, the counts,
    and the days the dates cover."""
    text = Text()
    if dates.documents:
        given = round(dates.given * DATES_BAR / dates.documents)
        guessed = round(dates.guessed * DATES_BAR / dates.documents)
        text.append("█" * given, style="green")
        text.append("▒" * guessed, style="yellow")
        text.append("░" * max(0, DATES_BAR - given - guessed), style="dim")
        text.append("  █ given  ▒ guessed  ░ none\n", style="dim")
    text.append(dates.summary())
    span = dates.span()
    if span is not None:
        text.append("\n" + span)
    return text


class StatisticsScreen(Screen[None]):
    """What the corpus holds, drawn rather than counted."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.STATISTICS

    def __init__(self, index: CorpusStore, name: str) -> None:
        super().__init__()
        self.index = index
        self.corpus_name = name
        self.statistics: CorpusStatistics | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Text(f"Statistics of {one_line(self.corpus_name)}", style="bold"),
            id="stats-header",
            markup=False,
        )
        with VerticalScroll(id="stats"):
            yield Static(id="stats-dates", markup=False)
            yield Static(id="stats-types", markup=False)
            yield Static(id="stats-months", markup=False)
            yield Static(id="stats-top", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stats-dates", Static).border_title = "Article dates"
        self.query_one("#stats-types", Static).border_title = "Entity types × documents (by date)"
        self.query_one("#stats-months", Static).border_title = "Events per month"
        self.query_one("#stats-top", Static).border_title = "Top entities (names first)"
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        index = self.index
        statistics, rows = answer_from_worker(
            self, index, lambda: (corpus_statistics(index), index.rows())
        )
        self.app.call_from_thread(self._draw, statistics, rows)

    def on_resize(self) -> None:
        if self.statistics is not None:
            self._load()

    def _draw(self, statistics: CorpusStatistics, rows: list[LibraryRow]) -> None:
        self.statistics = statistics
        width = max(20, self.size.width - 20)
        self.query_one("#stats-dates", Static).update(dates_text(statistics.document_dates))
        types = Text()
        annotated = [r for r in rows if r.kind == "gloss"]
        codes = sorted({code for r in annotated for code in r.type_counts})
        codes += [e.type for e in statistics.top_entities]
        # Types whole where they fit, else their short forms (HUMAN_PART_PER → PER).
        shown = fit_type_names(codes, 24 if self.size.width >= 120 else 12)
        label_width = max((cell_width(shown[code]) for code in codes), default=4)
        grid = type_grid(annotated, max(20, self.size.width - 12 - label_width))
        for code, shades, documents in grid:
            types.append(f"{one_line(shown[code]):>{label_width}} ", style="bold")
            types.append(shades, style="cyan")
            types.append(f" {documents}\n", style="dim")
        if not grid:
            types.append("No entities yet.")
        self.query_one("#stats-types", Static).update(types)

        months = fill_months(statistics.events_per_month)
        chart = Text()
        if months:
            values = bin_values([count for _, count in months], width)
            per_column = -(-len(months) // len(values))
            peak = max(values)
            for number, line in enumerate(column_chart(values, CHART_HEIGHT)):
                label = str(peak) if number == 0 else ""
                chart.append(f"{label:>6} ", style="dim")
                chart.append(line + "\n", style="green")
            chart.append(f"{'':>6} {months[0][0]}", style="dim")
            end = months[-1][0]
            gap = max(1, len(values) - len(months[0][0]) - len(end))
            chart.append(" " * gap + end, style="dim")
            if per_column > 1:
                chart.append(f"\n{'':>6} one column = {per_column} months", style="dim")
        else:
            chart.append("No dated events.")
        self.query_one("#stats-months", Static).update(chart)

        top = Text()
        most = max((e.documents for e in statistics.top_entities), default=1)
        kind = max((cell_width(shown[e.type]) for e in statistics.top_entities), default=4)
        for entity in statistics.top_entities:
            bar = "█" * max(1, round(entity.documents * 30 / most))
            top.append(f"{cut_end(one_line(entity.name), 24):<24} ", style="bold")
            top.append(f"{one_line(shown[entity.type]):<{kind}} ", style="dim")
            top.append(f"{bar:<30} ", style="magenta")
            top.append(f"{entity.documents} docs, {entity.mentions} mentions\n")
        if not statistics.top_entities:
            top.append("No entities yet.")
        self.query_one("#stats-top", Static).update(top)

    def action_back(self) -> None:
        self.dismiss(None)
