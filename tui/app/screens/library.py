"""The library: one row per article of a corpus, filled in as the index is brought up to date.

The screen owns the corpus state (every row, the filter, the sort); the list widget only
draws rows. Indexing runs in a worker thread and posts rows back as they arrive.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, ProgressBar, Static

from tui.app import bindings
from tui.app.widgets.row_list import Column, RowList
from tui.core.corpus.backend import CorpusStore
from tui.core.corpus.entities import CorpusEntity
from tui.core.corpus.index import LibraryRow, RefreshReport
from tui.core.corpus.library_table import (
    date_shown,
    folder_counts,
    folder_term,
    in_folder,
    parse_filter,
    widest,
)
from tui.core.corpus.matching import HitTrail
from tui.core.corpus.records import KIND_BARE
from tui.core.reading.jumps import JumpList
from tui.core.text.fitting import distinct_suffixes
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from tui.core.suggesting.corpus import CorpusNames

SORTS = ("date", "title", "folder", "entities", "events", "problems")
"""Orders the library cycles through with ``s``."""

_START_CHECK_AFTER = 0.25
"""Seconds between showing the indexed rows and checking the files behind them."""

_BATCH_SECONDS = 0.15
"""How often rows found by the indexing thread are shown."""


def _sort_key(sort: str) -> object:
    if sort == "title":
        return lambda r: (r.title.lower(), r.path)
    if sort == "folder":
        # A topic's articles together, in date order within it.
        return lambda r: (
            os.path.dirname(r.relative),
            r.date_first is None,
            r.date_first or 0,
            r.path,
        )
    if sort == "entities":
        return lambda r: (-r.entities, -r.mentions, r.path)
    if sort == "events":
        return lambda r: (-r.events, r.path)
    if sort == "problems":
        return lambda r: (-r.errors, -r.warnings, r.path)
    return lambda r: (r.date_first is None, r.date_first or 0, r.path)


def _passes(row: LibraryRow, needle: str) -> bool:
    """Whether a row passes the filter ``needle`` (lower case): a needle ending in ``/``
    is a folder and keeps the articles under it (``1/`` is topic 1, not 11 or 21); any
    other is looked for in the title, the file, the id and the date."""
    if not needle:
        return True
    if needle.endswith("/"):
        return row.relative.lower().startswith(needle.lstrip("/"))
    return (
        needle in row.title.lower()
        or (row.kind == KIND_BARE and needle in NOT_ANNOTATED)
        or needle in row.relative.lower()
        or needle in row.doc_id.lower()
        or needle in (date_shown(row.date_text, row.date_guessed) or "")
    )


def type_summary(counts: dict[str, int], shorts: Mapping[str, str] | None = None) -> str:
    """``PER 5 ORG 3 GPE 2``: entity counts by type, most first; each type by its short
    form in ``shorts`` (the corpus's :func:`distinct_suffixes`) when given."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    names = shorts or {}
    return " ".join(f"{names.get(code, code)} {count}" for code, count in ordered)


def problems_text(row: LibraryRow) -> Text:
    """``2 errors`` (in the error colour), ``1 warning``, or nothing."""
    if row.errors:
        return Text(f"{row.errors} error{'s' if row.errors != 1 else ''}", style="bold red")
    if row.warnings:
        return Text(f"{row.warnings} warning{'s' if row.warnings != 1 else ''}", style="yellow")
    return Text("")


NOT_ANNOTATED = "not annotated"
"""How the library marks a bare text (words, so that it shows without colour too)."""


def bare_cells(row: LibraryRow) -> list[Text]:
    """The cells of a bare text's row: its name marked as not annotated, no counts."""
    marker = Text(NOT_ANNOTATED, style="italic dim")
    title = Text(one_line(row.title))
    title.append("  ")
    title.append_text(marker)
    none = Text("—", style="dim")
    date = date_shown(row.date_text, row.date_guessed)
    return [
        Text(date or "—", style="dim" if date is None else ""),
        title,
        Text(one_line(row.folder)),
        Text(one_line(os.path.basename(row.relative)), style="dim"),
        marker,
        none,
        none,
        problems_text(row),
    ]


def library_cells(row: LibraryRow, shorts: Mapping[str, str] | None = None) -> list[Text]:
    """The cells of one library row (file text shown as data, never as markup); types
    by their short forms in ``shorts`` when given."""
    if row.kind == KIND_BARE:
        return bare_cells(row)
    date = date_shown(row.date_text, row.date_guessed)
    return [
        Text(date or "—", style="dim" if date is None else ""),
        Text(one_line(row.title)),
        Text(one_line(row.folder)),
        Text(one_line(os.path.basename(row.relative)), style="dim"),
        Text(one_line(type_summary(row.type_counts, shorts))),
        Text(str(row.mentions)),
        Text(str(row.events)),
        problems_text(row),
    ]


DATE_COLUMN = Column("date", 23, fit=True)
"""Wide enough for a range of days with its guess mark (``2008-12-09/2008-12-15~``)."""
FOLDER_COLUMN = Column("folder", 40, fit=True)
"""A folder takes the cells it needs up to 40; the title gives way first."""

TYPES_COLUMN = Column("entities by type", 44, hide_below=100, fit=True)
"""Counts by type take the cells they need up to 44 (types by their short forms)."""

LIBRARY_COLUMNS = (
    DATE_COLUMN,
    Column("title", None),
    FOLDER_COLUMN,
    Column("file", 24, hide_below=120),
    TYPES_COLUMN,
    Column("mentions", 8, right=True),
    Column("events", 6, right=True),
    Column("problems", 10),
)


class LibraryScreen(Screen[None]):
    """Every article of the corpus; ``enter`` reads one, ``/`` searches them all."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.LIBRARY

    # What the library's screens ask the app to open: they name each other only through it.
    @dataclass
    class OpenArticle(Message):
        """Read the article the library lists at ``path``, from the file ``absolute``."""

        path: str
        absolute: str
        trail: HitTrail | None = None
        """The search hits it was opened from (``n`` / ``N`` step through them)."""
        replace: Screen[Any] | None = None
        """The reader it takes the place of (None: it opens over the library)."""
        origin: Screen[Any] | None = None
        """The list it was opened from (mentions, tellings, hits): ``ctrl+o`` returns
        there once the jumps made in the reader are undone (None: the reader it replaces
        says, else the library)."""

    class OpenSearch(Message):
        """Search the library's articles."""

    @dataclass
    class OpenEntityIndex(Message):
        """The entity index; with ``entity``, open on that corpus entity's mentions
        (the index's cursor on its row behind them)."""

        entity: CorpusEntity | None = None
        at: tuple[str, int] | None = None
        """The mention the list's cursor starts on: its article and where it starts."""

    @dataclass
    class OpenTellings(Message):
        """The tellings of a corpus event, side by side."""

        event: CorpusEntity

    sort: var[str] = var("date")
    reverse: var[bool] = var(False)
    filter_text: var[str] = var("")
    indexing: var[bool] = var(False, toggle_class="-indexing")

    def __init__(self, index: CorpusStore, name: str) -> None:
        super().__init__()
        self.index = index
        self.corpus_name = name
        self.all_rows: dict[str, LibraryRow] = {row.path: row for row in index.rows()}
        self.type_shorts: dict[str, str] = {}
        """Each entity type of the corpus by its short form (``HUMAN_PART_PER`` → ``PER``)."""
        self._rows_in_date_order = True
        """``all_rows`` is in date order as the index gave it (no need to sort for it)."""
        self.report: RefreshReport | None = None
        self.jumps = JumpList()
        """Where jumps in this library's readers left (kept while back in the library)."""
        self._pending: list[LibraryRow] = []
        self._last_flush = 0.0
        self._corpus_names: CorpusNames | None = None

    @property
    def corpus_names(self) -> CorpusNames:
        """The library's corpus entities as names to suggest, kept for its readers
        (grouped again only when the indexed files change)."""
        if self._corpus_names is None:
            from tui.core.suggesting.corpus import CorpusNames

            self._corpus_names = CorpusNames()
        return self._corpus_names

    def compose(self) -> ComposeResult:
        yield Static(id="library-header", markup=False)
        yield ProgressBar(id="library-progress", show_eta=False)
        yield Input(
            placeholder="filter: title, file, id or date; folder:NAME, or NAME/ with subfolders",
            id="library-filter",
        )
        yield RowList(
            LIBRARY_COLUMNS,
            lambda row: library_cells(row, self.type_shorts),
            empty="No articles yet.",
            id="library",
        )
        yield Footer()

    @property
    def row_list(self) -> RowList[LibraryRow]:
        return self.query_one("#library", RowList)

    def on_mount(self) -> None:
        self.query_one("#library-filter", Input).display = False
        self._show_rows()
        self.row_list.focus()
        for notice in self.index.notices:
            self.notify(one_line(notice), severity="warning", timeout=8, markup=False)
        self.indexing = True
        if self.all_rows:
            # The rows already known show first; checking the files (a thread that holds
            # the interpreter much of the time) starts once they are on screen.
            self.set_timer(_START_CHECK_AFTER, self._refresh_index)
        else:
            self._refresh_index()

    # -- indexing ----------------------------------------------------------------------
    def refresh_index(self) -> None:
        """Bring the index up to date with the files (one was saved from a reader)."""
        self.indexing = True
        self._refresh_index()

    @work(thread=True, exclusive=True, group="index")
    def _refresh_index(self) -> None:
        def progress(done: int, total: int, row: LibraryRow | None) -> None:
            if row is not None:
                self._pending.append(row)
            now = time.monotonic()
            if now - self._last_flush >= _BATCH_SECONDS or done == total:
                self._last_flush = now
                rows, self._pending = self._pending, []
                self.app.call_from_thread(self._rows_arrived, rows, done, total)

        seen_notices = len(self.index.notices)
        report = self.index.refresh(progress)
        # Rows read again only when files changed: an unchanged corpus keeps its rows.
        changed = report.parsed or report.removed or self.index.notices[seen_notices:]
        rows = self.index.rows() if changed else None
        self.app.call_from_thread(self._indexed, report, rows, self.index.notices[seen_notices:])

    def _rows_arrived(self, rows: list[LibraryRow], done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)
        if rows:
            for row in rows:
                self.all_rows[row.path] = row
            self._rows_in_date_order = False
            self._show_rows()
        self._update_header()

    def _indexed(
        self, report: RefreshReport, rows: list[LibraryRow] | None, notices: list[str]
    ) -> None:
        self.report = report
        if rows is not None:
            self.all_rows = {row.path: row for row in rows}
            self._rows_in_date_order = True
        self.indexing = False
        self._show_rows()
        for notice in notices:
            self.notify(one_line(notice), severity="warning", timeout=8, markup=False)

    # -- rows --------------------------------------------------------------------------
    def shown_rows(self) -> list[LibraryRow]:
        """The rows that pass the filter, in the chosen order."""
        wanted = parse_filter(self.filter_text)
        needle = wanted.rest.lower()
        if not self.filter_text and self.sort == "date" and self._rows_in_date_order:
            ordered = list(self.all_rows.values())
            return ordered[::-1] if self.reverse else ordered
        rows = [
            row
            for row in self.all_rows.values()
            if in_folder(row.relative, wanted.folder) and _passes(row, needle)
        ]
        rows.sort(key=_sort_key(self.sort), reverse=self.reverse)  # type: ignore[arg-type]
        return rows

    def _show_rows(self) -> None:
        if not self.query("#library"):
            return  # not composed yet
        current = self.row_list.current
        self.row_list.fit_widths(self._needed_widths())
        self.row_list.set_rows(self.shown_rows(), keep=current, keep_place=self.indexing)
        self._update_header()

    def _needed_widths(self) -> dict[str, int]:
        """The cells the date and folder columns need for every article (shown or not,
        so a filter does not make the columns jump)."""
        rows = self.all_rows.values()
        types = {code for row in rows if row.kind != KIND_BARE for code in row.type_counts}
        if types != set(self.type_shorts):
            self.type_shorts = distinct_suffixes(sorted(types))
        dates = (date_shown(row.date_text, row.date_guessed) or "—" for row in rows)
        summaries = (
            type_summary(row.type_counts, self.type_shorts) for row in rows if row.kind != KIND_BARE
        )
        return {
            TYPES_COLUMN.heading: widest(summaries, TYPES_COLUMN.heading, TYPES_COLUMN.width or 0),
            DATE_COLUMN.heading: widest(dates, DATE_COLUMN.heading, DATE_COLUMN.width or 0),
            FOLDER_COLUMN.heading: widest(
                (one_line(row.folder) for row in rows),
                FOLDER_COLUMN.heading,
                FOLDER_COLUMN.width or 0,
            ),
        }

    def _update_header(self) -> None:
        rows = self.all_rows.values()
        header = Text(style="bold")
        header.append(one_line(self.corpus_name))
        header.append(f"  ·  {len(self.all_rows)} articles", style="not bold")
        bare = sum(1 for row in rows if row.kind == KIND_BARE)
        if bare:
            header.append(f"  ·  {bare} {NOT_ANNOTATED}", style="not bold")
        broken = sum(1 for row in rows if row.errors)
        if broken:
            header.append(f"  ·  {broken} with errors", style="not bold red")
        if self.report is not None and self.report.skipped:
            skipped = self.report.skipped
            noun = "file" if skipped == 1 else "files"
            header.append(f"  ·  {skipped} {noun} skipped", style="dim not bold")
        if self.indexing:
            header.append("  ·  indexing…", style="dim not bold")
        header.append(f"  ·  sorted by {self.sort}{' ↑' if self.reverse else ''}", style="dim")
        if self.filter_text:
            header.append(f"  ·  filter: {one_line(self.filter_text)}", style="not bold")
        self.query_one("#library-header", Static).update(header)

    def watch_sort(self) -> None:
        self._show_rows()

    def watch_reverse(self) -> None:
        self._show_rows()

    def watch_filter_text(self) -> None:
        self._show_rows()

    def watch_indexing(self) -> None:
        if self.query("#library-header"):
            self._update_header()

    # -- actions -----------------------------------------------------------------------
    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]

    def action_reverse(self) -> None:
        self.reverse = not self.reverse

    def action_filter(self) -> None:
        field = self.query_one("#library-filter", Input)
        field.display = True
        field.focus()

    def action_folders(self) -> None:
        """Choose one folder to keep (its ``folder:NAME`` goes into the filter)."""
        from tui.app.screens.folder_picker import FolderPickerScreen

        counts = folder_counts(row.folder for row in self.all_rows.values())
        current = parse_filter(self.filter_text).folder
        self.app.push_screen(FolderPickerScreen(counts, current), self._folder_chosen)

    def _folder_chosen(self, folder: str | None) -> None:
        """Keep ``folder`` (None: every folder), with the rest of the filter as it was."""
        rest = parse_filter(self.filter_text).rest
        terms = [folder_term(folder)] if folder is not None else []
        text = " ".join([*terms, *([rest] if rest else [])])
        field = self.query_one("#library-filter", Input)
        field.value = text
        field.display = bool(text)
        self.filter_text = text
        self.row_list.focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#library-filter", Input)
        field.value = ""
        field.display = False
        self.filter_text = ""
        self.row_list.focus()

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value

    @on(Input.Submitted, "#library-filter")
    def _filter_done(self) -> None:
        self.row_list.focus()

    def action_search(self) -> None:
        self.post_message(self.OpenSearch())

    def action_statistics(self) -> None:
        from tui.app.screens.statistics import StatisticsScreen

        self.app.push_screen(StatisticsScreen(self.index, self.corpus_name))

    def action_entity_index(self) -> None:
        self.post_message(self.OpenEntityIndex())

    @on(RowList.Chosen, "#library")
    def _chosen(self, event: RowList.Chosen) -> None:
        row = self.row_list.rows[event.index]
        self.open_article(row.path)

    # -- reading -----------------------------------------------------------------------
    def open_article(
        self,
        path: str,
        *,
        trail: HitTrail | None = None,
        replace: Screen[Any] | None = None,
        origin: Screen[Any] | None = None,
    ) -> None:
        """Read the article at ``path`` (the app opens it: a file with errors shows its
        problems instead)."""
        row = self.all_rows.get(path)
        absolute = self.index.absolute_path(row.file_id) if row is not None else None
        if absolute is None:
            self.notify(
                f"{one_line(path)} is no longer in the corpus", severity="warning", markup=False
            )
            return
        self.post_message(self.OpenArticle(path, absolute, trail, replace, origin))

    def show_row(self, path: str) -> None:
        """Put the cursor on the row of the article at ``path`` (if it is listed)."""
        self.row_list.move_to(self._row_index(path))

    def open_hit(
        self,
        trail: HitTrail,
        *,
        replace: Screen[Any] | None = None,
        origin: Screen[Any] | None = None,
    ) -> None:
        """Read the article of a search hit, with the hit highlighted; ``origin`` is the
        list it was chosen in (``ctrl+o`` goes back there)."""
        self.open_article(trail.hit.path, trail=trail, replace=replace, origin=origin)

    def _row_index(self, path: str) -> int:
        for number, row in enumerate(self.row_list.rows):
            if row.path == path:
                return number
        return self.row_list.cursor

    def return_from_reader(self, path: str) -> None:
        """Back to the library, on the row of the article that was read."""
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        self.row_list.move_to(self._row_index(path))
        self.row_list.focus()

    def step_article(self, path: str, step: int) -> None:
        """Replace the reader with the next (or previous) article in the library's order."""
        rows = self.row_list.rows
        if not rows:
            return
        number = (self._row_index(path) + step) % len(rows)
        self.open_article(rows[number].path, replace=self.app.screen)
