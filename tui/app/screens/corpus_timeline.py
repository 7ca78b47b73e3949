"""The timeline of several documents: every happening by date, each with its document.

Happenings sharing ``links`` across documents are folded into one (see
:mod:`tui.core.timeline.corpus`). ``enter`` opens the reader on the document of the
happening's first telling, at its passage; ``T`` or ``escape`` there comes back here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui.app import bindings
from tui.app.collector import Collector
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.timeline import describe, legend
from tui.app.widgets.timeline_view import TimelineView
from tui.core.document.model import Document, Event
from tui.core.text.textsafety import one_line
from tui.core.timeline.corpus import corpus_happenings
from tui.core.timeline.happenings import ALL_LANE, UNDATED_LANE, Happening, Lane, by_date


def takes_part(document: Document, event: Event, name: str) -> bool:
    """Whether an entity named ``name`` (id, name, alias or link value; any case) is an
    argument of ``event``."""
    wanted = name.casefold()
    for argument in event.arguments:
        entity = document.entity_by_id.get(argument.entity_id)
        if entity is None:
            continue
        names = (entity.id, entity.name, *entity.aliases, *(v for _, v in entity.links))
        if any(candidate.casefold() == wanted for candidate in names):
            return True
    return False


class CorpusTimelineScreen(Screen[None]):
    """Every document's happenings on one axis, interleaved by date."""

    CSS_PATH = "../timeline.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings.CORPUS_TIMELINE

    def __init__(
        self,
        documents: Sequence[Document],
        *,
        entity: str | None = None,
        collector: Collector | None = None,
    ) -> None:
        """Show ``documents`` (only the events of ``entity``, if given); ``collector``
        is the app's, for the readers opened from here."""
        super().__init__()
        self.documents = list(documents)
        self.collector = collector
        happenings, self._document_of = corpus_happenings(self.documents)
        if entity is not None:
            happenings = [
                h
                for h in happenings
                if any(takes_part(self.document_of(t), t, entity) for t in h.tellings)
            ]
        self.entity = entity
        self.happenings = by_date(happenings)

    def document_of(self, event: Event) -> Document:
        """The document telling ``event``."""
        return self.documents[self._document_of[id(event)]]

    def _source(self, happening: Happening) -> str:
        first = self.document_of(happening.event).info.id
        others = {self._document_of[id(t)] for t in happening.tellings} - {
            self._document_of[id(happening.event)]
        }
        return first + (f" +{len(others)}" if others else "")

    def compose(self) -> ComposeResult:
        yield Static(self._header_text(), id="timeline-header", markup=False)
        yield TimelineView(None, source_of=self._source, id="timeline")
        yield Static(id="timeline-details", markup=False)
        yield Static(id="timeline-legend", markup=False)
        yield Footer()

    def _header_text(self) -> Text:
        dated = sum(1 for h in self.happenings if h.date is not None)
        count = len(self.documents)
        text = Text(style="bold")
        text.append(f"Timeline of {count} document{'s' if count != 1 else ''}")
        if self.entity is not None:
            text.append(f": events of {one_line(self.entity)}")
        text.append(f"  ·  {dated} dated, {len(self.happenings) - dated} undated", style="not bold")
        return text

    def on_mount(self) -> None:
        dated = tuple(h for h in self.happenings if h.date is not None)
        undated = tuple(h for h in self.happenings if h.date is None)
        lanes = [Lane(ALL_LANE, "All events", dated)]
        if undated:
            lanes.append(Lane(UNDATED_LANE, "Undated, in document and text order", undated))
        view = self.query_one(TimelineView)
        view.set_lanes(lanes)
        self.query_one("#timeline-legend", Static).update(legend(view))
        view.focus()

    @property
    def view(self) -> TimelineView:
        """The timeline rows."""
        return self.query_one(TimelineView)

    @on(TimelineView.Highlighted)
    def _highlighted(self, message: TimelineView.Highlighted) -> None:
        happening = message.happening
        text = Text()
        documents = [self.document_of(t).info for t in happening.tellings]
        names = list(dict.fromkeys(one_line(info.title or info.id) for info in documents))
        more = f" and {len(names) - 1} more" if len(names) > 1 else ""
        text.append(f"{names[0]}{more}: ", style="dim")
        text.append_text(describe(happening))
        self.query_one("#timeline-details", Static).update(text)

    @on(TimelineView.Chosen)
    def _chosen(self, message: TimelineView.Chosen) -> None:
        event = message.happening.event
        reader = CorpusReaderScreen(self.document_of(event), collector=self.collector)
        self.app.push_screen(reader)
        reader.when_filled(reader.select_event, event.id, jump=True)

    def action_zoom_in(self) -> None:
        """Halve the window around the event under the cursor."""
        if self.view.zoom < self.view.axis.max_zoom:
            self.view.set_zoom(self.view.zoom + 1)

    def action_zoom_out(self) -> None:
        """Double the window."""
        if self.view.zoom:
            self.view.set_zoom(self.view.zoom - 1)

    def action_zoom_fit(self) -> None:
        """Show every date."""
        self.view.set_zoom(0)


class CorpusReaderScreen(ReaderScreen):
    """The reader on one document of a corpus timeline: ``T`` and ``escape`` go back to it
    (where its cursor was left)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings.ANNOTATE,
        *bindings.SUGGEST,
        *bindings.TIMELINE_READER,
        *bindings.READER,
    ]
    """The reader's keys, ``escape`` named for where it goes (a key bound here replaces
    every binding the reader gives it, so the reader's own come again)."""

    def action_timeline(self) -> None:
        """Back to the corpus timeline."""
        self.dismiss(None)

    def action_clear(self) -> None:
        """``escape``: a search or filter open is cleared first; else back to the timeline
        (the event the reader opened on needs no clearing)."""
        search = self.query_one("#search", Input)
        if self.entity_list.filter_text or self.shown_types is not None or search.display:
            super().action_clear()
            return
        self.dismiss(None)
