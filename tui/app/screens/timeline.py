"""The timeline screen: the article's events on a date axis, in lanes, with their date words.

It owns what the timeline shows (the entity lanes, the zoom) and dismisses with the id of
the event whose passage the reader should jump to, or None when escape returns.
"""

from __future__ import annotations

import weakref
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.app import bindings
from tui.app.widgets.timeline_view import CURSOR, GUESSED, NOW_LINE, REALIS_GLYPHS, TimelineView
from tui.core.document.model import Document
from tui.core.text.textsafety import one_line
from tui.core.timeline.happenings import (
    Happening,
    build_lanes,
    by_date,
    document_date_guessed,
    entities_with_events,
    happenings_in_text_order,
    precision_name,
)


class TimelineScreen(Screen[str | None]):
    """Every happening of the article by date: all events, entity lanes, the undated."""

    CSS_PATH = "../timeline.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings.TIMELINE

    def __init__(
        self,
        document: Document,
        *,
        entity_id: str | None = None,
        event_id: str | None = None,
    ) -> None:
        """Open on ``event_id``'s happening, with a lane for ``entity_id`` if given."""
        super().__init__()
        self.document = document
        self.happenings = _ordered_happenings(document)
        self.lane_entities: list[str] = (
            [entity_id] if entity_id and self.document.events_of(entity_id) else []
        )
        self._start_event = event_id

    def compose(self) -> ComposeResult:
        yield Static(self._header_text(), id="timeline-header", markup=False)
        info = self.document.info
        yield TimelineView(info.date, now_guessed=document_date_guessed(info), id="timeline")
        yield Static(id="timeline-details", markup=False)
        yield Static(id="timeline-legend", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        view = self.view
        start = None
        if self._start_event is not None:
            event = self.document.event_by_id.get(self._start_event)
            if event is not None:
                start = self.document.happening_of(event)[0].id
        self._show_lanes(keep=start)
        self._update_legend()
        view.focus()

    @property
    def view(self) -> TimelineView:
        """The timeline rows."""
        return self.query_one(TimelineView)

    def _header_text(self) -> Text:
        info = self.document.info
        dated = sum(1 for h in self.happenings if h.date is not None)
        text = Text(style="bold")
        text.append("Timeline: ")
        text.append(one_line(info.title or info.id))
        undated = len(self.happenings) - dated
        if dated or not undated:
            summary = f"  ·  {dated} dated, {undated} undated"
        else:
            summary = f"  ·  no event is dated ({undated} undated)"
        text.append(summary, style="not bold")
        return text

    def _show_lanes(self, keep: str | None = None) -> None:
        view = self.view
        current = view.current
        lanes = build_lanes(self.document, self.happenings, self.lane_entities)
        view.set_lanes(lanes, keep=keep or (current.id if current else None))

    def _update_legend(self) -> None:
        self.query_one("#timeline-legend", Static).update(legend(self.view))

    @on(TimelineView.Highlighted)
    def _highlighted(self, message: TimelineView.Highlighted) -> None:
        self.query_one("#timeline-details", Static).update(describe(message.happening))

    @on(TimelineView.Chosen)
    def _chosen(self, message: TimelineView.Chosen) -> None:
        self.dismiss(message.happening.id)

    def action_back(self) -> None:
        """Return to the article."""
        self.dismiss(None)

    def _without_axis(self) -> bool:
        if self.view.has_axis:
            return False
        self.notify("No event has a date: there is no time axis", timeout=2, markup=False)
        return True

    def action_zoom_in(self) -> None:
        """Halve the window around the event under the cursor."""
        view = self.view
        if self._without_axis():
            return
        if view.zoom >= view.axis.max_zoom:
            self.notify("Zoomed in as far as it goes", timeout=2, markup=False)
            return
        view.set_zoom(view.zoom + 1)

    def action_zoom_out(self) -> None:
        """Double the window."""
        view = self.view
        if self._without_axis():
            return
        if view.zoom == 0:
            self.notify("Every date is in view", timeout=2, markup=False)
            return
        view.set_zoom(view.zoom - 1)

    def action_zoom_fit(self) -> None:
        """Show every date."""
        self.view.set_zoom(0)

    def action_lanes(self) -> None:
        """Choose an entity to add or remove as a lane."""

        def chosen(entity_id: str | None) -> None:
            if entity_id is None:
                return
            if entity_id in self.lane_entities:
                self.lane_entities.remove(entity_id)
                self._show_lanes()
            else:
                self.lane_entities.append(entity_id)
                self._show_lanes()
                self.view.show_lane(entity_id)

        self.app.push_screen(EntityLanesScreen(self.document, self.lane_entities), chosen)


def legend(view: TimelineView) -> Text:
    """What the glyphs and styles of the rows mean, drawn with the rows' own styles."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for realis, (glyph, bar) in REALIS_GLYPHS.items():
        style = view.realis_style(realis)
        text.append(f"{glyph}{bar}", style=style)
        text.append(f" {realis}  ", style=style)
    text.append(f"{REALIS_GLYPHS['actual'][0]} day, ")
    text.append(f"{REALIS_GLYPHS['actual'][1] * 2} month/year/range  ")
    if view.now is not None:
        text.append(NOW_LINE, style=view.get_component_rich_style("timeline--now", partial=True))
        text.append(" article date  ")
    text.append(f"{GUESSED} guessed  ×N tellings  ≈ words found in the passage")
    return text


_last_ordered: tuple[weakref.ref[Document], list[Happening]] | None = None


def _ordered_happenings(document: Document) -> list[Happening]:
    """The document's happenings by date, kept for the last document so that opening the
    timeline again does not date and order every event again."""
    global _last_ordered
    if _last_ordered is not None and _last_ordered[0]() is document:
        return _last_ordered[1]
    ordered = by_date(happenings_in_text_order(document))
    _last_ordered = (weakref.ref(document), ordered)
    return ordered


def describe(happening: Happening) -> Text:
    """The details of a happening: summary, date with its words, guesses, tellings."""
    event = happening.event
    text = Text()
    text.append(one_line(event.summary), style="bold")
    if happening.realis != "actual":
        text.append(f" ({happening.realis})", style="italic")
    text.append("\n")
    value = happening.date
    if value is None:
        text.append("No date in the article", style="dim")
    else:
        text.append(f"{value.text} ({precision_name(value)})")
        if happening.date_words is not None:
            words = one_line(happening.date_words)
            if happening.words_source == "annotated":
                text.append(f" from “{words}”")
            else:
                text.append(f" ≈ “{words}” (found in the passage, not annotated)")
        if happening.dated_by is not None and happening.dated_by is not event:
            text.append(f", dated by its telling {one_line(happening.dated_by.id)}", style="dim")
    if happening.guessed:
        text.append(f"\n{GUESSED} guessed: ", style="bold")
        text.append(one_line(happening.guess_note or ""))
    count = len(happening.tellings)
    text.append(
        f"\n{'told ' + str(count) + ' times; ' if count > 1 else ''}enter jumps to the passage",
        style="dim",
    )
    return text


class EntityLanesScreen(ModalScreen[str | None]):
    """Entities taking part in events, most first; enter adds or removes one's lane."""

    CSS_PATH = "../timeline.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings.LANES

    def __init__(self, document: Document, active: list[str]) -> None:
        super().__init__()
        self.document = document
        self.active = set(active)

    def compose(self) -> ComposeResult:
        options = []
        for entity_id, count in entities_with_events(self.document):
            entity = self.document.entity_by_id[entity_id]
            prompt = Text()
            prompt.append(CURSOR if entity_id in self.active else " ", style="bold")
            prompt.append(f" {one_line(entity.name)}")
            prompt.append(f"  {count} event{'s' if count != 1 else ''}", style="dim")
            options.append(Option(prompt, id=entity_id))
        with Vertical(id="lanes-dialog"):
            yield OptionList(*options, id="lane-choices", markup=False)

    def on_mount(self) -> None:
        self.query_one("#lanes-dialog").border_title = Text(
            "Entity lanes: enter adds or removes one"
        )
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _selected(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(message.option_id)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
