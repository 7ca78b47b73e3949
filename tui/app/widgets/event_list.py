"""The event sidebar: one row per happening, in text order or by date."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app import bindings
from tui.app.textual_private import SteadyScrollbars
from tui.core.document.attributes import realis_glyph
from tui.core.document.model import Document, Event
from tui.core.reading.eventrows import any_dated, row_words
from tui.core.text.textsafety import one_line
from tui.core.timeline.happenings import by_date, happenings_in_text_order


def happenings(document: Document) -> list[tuple[Event, ...]]:
    """Events grouped by ``same_as`` into happenings, each group in text order."""
    seen: set[str] = set()
    groups: list[tuple[Event, ...]] = []
    for event in document.events:
        if event.id in seen:
            continue
        group = document.happening_of(event)
        seen.update(member.id for member in group)
        groups.append(group)
    return groups


def date_label(event: Event, document_year: int | None) -> str:
    """A compact date for a list row.

    ``03-24`` for a day in the document's year; the value as written otherwise
    (``2021-12``, ``2014``, ``2021-12-31``); a range shows where it starts followed by
    ``…``; an undated event shows ``?``.
    """
    if event.date is None:
        return "?"
    value = event.date.value
    start = value.text.partition("/")[0]
    if document_year is not None and value.first.year == document_year and len(start) == 10:
        start = start[5:]
    return start + ("…" if value.is_range else "")


DATE_COLUMN_MIN = 6
"""Width the date column keeps even when every label is shorter, so rows line up."""


class EventList(OptionList, SteadyScrollbars):
    """Happenings with their dates and summaries."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.EVENT_LIST

    @dataclass
    class OrderChanged(Message):
        """The list was put in text order or by date."""

        event_list: EventList
        by_date: bool

        @property
        def control(self) -> EventList:
            return self.event_list

    @dataclass
    class EventChosen(Message):
        """An event was highlighted (``jump`` false) or chosen with enter (``jump`` true)."""

        event_list: EventList
        event_id: str
        jump: bool

        @property
        def control(self) -> EventList:
            return self.event_list

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.by_date = False
        self._take(document)
        self._row_of_event: dict[str, int] = {}
        self._event_ids: list[str] = []
        """The first event of each row, in row order (kept: ``e`` asks on every press)."""
        self._quiet_row: int | None = None

    def _take(self, document: Document) -> None:
        self.document = document
        self._groups = happenings(document)
        timeline = happenings_in_text_order(document)
        self._date_rank = {h.id: rank for rank, h in enumerate(by_date(timeline))}
        self._dated_by = {h.id: h.dated_by or h.event for h in timeline}

    def on_mount(self) -> None:
        self.rebuild()

    def set_document(self, document: Document) -> None:
        """List an edited version of the document, in the same order."""
        self._take(document)
        self.rebuild()

    def on_focus(self) -> None:
        # Put the cursor on the first row so enter works at once, without choosing it yet.
        if self.highlighted is None and self.option_count:
            self._quiet_row = 0
            self.highlighted = 0

    @property
    def order_name(self) -> str:
        """How the list is ordered now, in words."""
        return "by date" if self.by_date else "in text order"

    @property
    def event_ids(self) -> list[str]:
        """The first event of each row, in row order."""
        return list(self._event_ids)

    def rebuild(self) -> None:
        """Fill the list in the current order, keeping the highlighted happening."""
        current = self.highlighted_event_id
        groups = list(self._groups)
        if self.by_date:
            # A happening's date is the most precise one any of its tellings gives.
            groups.sort(key=lambda group: self._date_rank[group[0].id])
        year = self.document.info.date.first.year if self.document.info.date else None
        labels = [date_label(self._dated_by[group[0].id], year) for group in groups]
        column = max([DATE_COLUMN_MIN, *(len(label) for label in labels)])
        dated = any_dated(self.document)
        options = []
        self._row_of_event = {}
        for row, group in enumerate(groups):
            first = group[0]
            prompt = Text()
            if dated:  # no column of "?" for a document without a single date
                prompt.append(f"{labels[row]:>{column}} ", style="dim")
            head, rest = row_words(self.document, first)
            prompt.append(one_line(head), style="bold")
            if rest:
                prompt.append(" ")
                prompt.append(one_line(rest))
            if len(group) > 1:
                prompt.append(f" ×{len(group)}", style="italic")
            if first.realis != "actual":
                prompt.append(f" ({first.realis})", style="dim italic")
            glyph = realis_glyph(first.attributes)
            if glyph:
                prompt.append(f" {glyph}", style="bold")
            options.append(Option(prompt, id=first.id))
            for event in group:
                self._row_of_event[event.id] = row
        self.clear_options()
        self.add_options(options)
        self._event_ids = [group[0].id for group in groups]
        if current is not None:
            self.show_event(current)

    @property
    def highlighted_event_id(self) -> str | None:
        """The event of the highlighted row, if any."""
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def show_event(self, event_id: str | None) -> None:
        """Highlight the row of ``event_id``'s happening."""
        if event_id is None:
            return
        row = self._row_of_event.get(event_id)
        if row is not None and row != self.highlighted:
            self.highlighted = row

    def action_toggle_order(self) -> None:
        """Events in text order ⇄ by date."""
        self.by_date = not self.by_date
        self.rebuild()
        self.post_message(self.OrderChanged(self, self.by_date))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index == self._quiet_row:
            self._quiet_row = None
            return
        self._quiet_row = None
        if event.option_id is not None:
            self.post_message(self.EventChosen(self, event.option_id, jump=False))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.post_message(self.EventChosen(self, event.option_id, jump=True))
