"""The reading screen: owns what is selected and keeps every pane in step with it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui.app import bindings
from tui.app.collector import IDLE_SECONDS, REFREEZE_AFTER_SECONDS, Collector
from tui.app.render.highlight import HighlightState, Palette
from tui.app.render.reader_text import header_text, legend_text
from tui.app.screens.annotating import ReaderAnnotating
from tui.app.screens.reader_parts import ReaderFiles, ReaderPlaces, waits_for_panes
from tui.app.screens.suggesting import ReaderSuggesting
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.details import Details
from tui.core.document.diagnostics import Diagnostic
from tui.core.document.model import Document, Event, Mention, Span
from tui.core.loading.result import NewAnnotation
from tui.core.reading.jumps import JumpList
from tui.core.reading.layout import pane_widths
from tui.core.reading.navigation import find_text, step_any_mention, step_event, step_index
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    # Imported where used: the lists are mounted after the first frame, and so can their
    # modules be loaded.
    from tui.app.widgets.entity_list import EntityList
    from tui.app.widgets.event_list import EventList
    from tui.app.widgets.suggestion_list import SuggestionList
    from tui.core.editing.selection import Selection
    from tui.core.editing.session import EditSession
    from tui.core.suggesting.review import Review
    from tui.core.suggesting.store import SuggestionState

NARROW_FOR_EVENTS = 110
"""Below this width the event sidebar starts hidden (a key shows it)."""
NARROW_FOR_ENTITIES = 72
"""Below this width the entity sidebar starts hidden too, so the text keeps ~40 columns."""
SHORT_FOR_DETAILS = 18
"""Below this height the details panel starts hidden."""
SHORT_TERMINAL = 32
"""Below this height the details panel is kept small."""


class ReaderScreen(ReaderSuggesting, ReaderAnnotating, ReaderPlaces, ReaderFiles, Screen[None]):
    """Article in the middle, entities left, events right, details below."""

    AUTO_FOCUS = "#article"
    """Focus starts on the text (not on the first focusable widget, then moved): each move
    restyles both panes and rebuilds the footer's keys before the first frame."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings.ANNOTATE,
        *bindings.SUGGEST,
        *bindings.READER,
    ]

    selected_entity: var[str | None] = var(None)
    """Id of the selected entity."""
    mention_index: var[int | None] = var(None)
    """Which of the selected entity's mentions is current (0-based)."""
    selected_event: var[str | None] = var(None)
    """Id of the event whose passage is shown."""
    show_entities: var[bool] = var(True, toggle_class="-with-entities")
    show_events: var[bool] = var(True, toggle_class="-with-events")
    show_details: var[bool] = var(True, toggle_class="-with-details")
    shown_types: var[frozenset[str] | None] = var(None)
    """Entity types the reader filtered to (None: all): the sidebar lists only those and
    the article dims the rest."""
    plain: var[bool] = var(False)
    """Plain reading: the article without type colours."""
    short: var[bool] = var(False, toggle_class="-short")
    annotating: var[bool] = var(False, toggle_class="-annotating")
    """Annotate mode: a selection in the article, and keys that make annotations of it."""
    reviewing: var[bool] = var(False, toggle_class="-reviewing")
    """Reviewing suggestions (in annotate mode): they are drawn, listed in the entity
    pane's place, and the ``suggest.*`` keys take or drop them."""
    """Whether the terminal is short enough to give the details panel fewer lines."""

    @dataclass
    class EditRequested(Message):
        """The edit key: the app runs the editor on :attr:`ReaderScreen.source_path`."""

        line: int
        column: int

    class ReloadRequested(Message):
        """The reload key: the app loads the annotation file and its text again."""

    def __init__(
        self,
        document: Document,
        diagnostics: tuple[Diagnostic, ...] = (),
        *,
        collector: Collector | None = None,
        new_annotation: NewAnnotation | None = None,
    ) -> None:
        """Show ``document``; ``collector`` is the app's (None: the usual schedule);
        ``new_annotation`` when it is a bare text, without an annotation file yet."""
        super().__init__()
        self.document = document
        self.new_annotation = new_annotation
        """Where a bare text's annotation file will be written (None: it has one, or
        this view has none to have)."""
        self.diagnostics = diagnostics
        self.collector = collector
        self._search_needle = ""
        self._search_match: Span | None = None
        self._auto_layout_width: int | None = None
        self.path = ""
        """The annotation file the reader's places name."""
        self.source_path: str | None = None
        """The annotation file the edit key opens (None: a view without one to edit)."""
        self.jumps = JumpList()
        """Where jumps left (ctrl+o goes back, ctrl+f forward)."""
        self.restoring = False
        """True while the jump list moves the reader (such moves are not new jumps)."""
        self.remembered_as: str | None = None
        """The content key its last place is kept under when it closes (None: not kept)."""
        self.panes_filled = False
        """Whether the entity and event lists and the search box are mounted: they come
        right after the first frame, which shows the article."""
        self._after_filling: list[Callable[[], object]] = []
        self._filling = False
        self.session_opener: Callable[[], EditSession] | None = None
        """Opens the edits of the annotation file behind the view, the first time they are
        needed (None: the view cannot be edited)."""
        self._session: EditSession | None = None
        self.annotation_path: str | None = None
        self._shown_lines: dict[str, Text] = {}
        """What the header and the legend show now (see _show_line)."""
        """The annotation file annotate mode writes (for a bare text: the one to be)."""
        self.selection: Selection | None = None
        """Annotate mode's selection (kept when the mode is left, for the next time)."""
        self.review: Review | None = None
        """The suggestions being reviewed (None: no review begun)."""
        self.suggestion_state: SuggestionState | None = None
        self._review_log: list[Any] = []

    # -- composition -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Decide which panes show before the first layout, so the article is wrapped once
        # at its real width rather than once more after the sidebars settle.
        self._apply_size(*self.app.size)
        # The sidebars' final widths too: the first frame is drawn before any resize event.
        widths = pane_widths(
            self.app.size.width, show_entities=self.show_entities, show_events=self.show_events
        )
        header = header_text(
            self.document, self.diagnostics, not_annotated=self.new_annotation is not None
        )
        yield Static(header, id="header", markup=False)
        with Horizontal(id="body"):
            # The sidebars start empty, at their final widths: their lists are mounted
            # just after the first frame (see _fill_panes), so the text shows sooner.
            with Vertical(id="entity-pane") as entity_pane:
                if widths.entities:
                    entity_pane.styles.width = widths.entities
            with Vertical(id="article-pane"):
                yield ArticleView(self.document, id="article")
                yield Static(id="legend", markup=False)
            with Vertical(id="event-pane") as event_pane:
                if widths.events:
                    event_pane.styles.width = widths.events
        yield Details(self.document, id="details")
        yield Footer()

    async def _fill_panes(self) -> None:
        """Mount what the first frame does not show, then run what waited for it."""
        if self._filling or not self.is_attached:
            return  # a subclass's on_mount may run this screen's on_mount twice
        self._filling = True
        from tui.app.widgets.entity_list import EntityList
        from tui.app.widgets.event_list import EventList

        search = Input(placeholder="search: filter entities, enter finds in text", id="search")
        search.display = False
        entity_list = EntityList(self.document, id="entities")
        await self.query_one("#entity-pane").mount(entity_list)
        if not self.is_attached:
            return
        from tui.app.widgets.suggestion_list import SuggestionList

        suggestions = SuggestionList(id="suggestions")
        suggestions.display = False
        await self.query_one("#entity-pane").mount(suggestions)
        if not self.is_attached:
            return  # closed while the list was mounted (q pressed at once): nothing to fill
        self.watch(entity_list, "cursor_line", self._entity_cursor_moved, init=False)
        await self.query_one("#event-pane").mount(EventList(self.document, id="events"))
        if not self.is_attached:
            return
        await self.query_one("#article-pane").mount(search, before="#legend")
        # After the refresh that lays the lists out and places their cursors.
        self.call_after_refresh(self._panes_are_filled)

    def _panes_are_filled(self) -> None:
        self.panes_filled = True
        waiting, self._after_filling = self._after_filling, []
        for callback in waiting:
            callback()

    def when_filled(self, callback: Callable[..., object], *args: Any, **kwargs: Any) -> None:
        """Call ``callback`` after the refresh that follows the panes' filling (after the
        next refresh if they are filled already), as ``call_after_refresh`` would."""
        if self.panes_filled:
            self.call_after_refresh(callback, *args, **kwargs)
        else:
            self._after_filling.append(partial(callback, *args, **kwargs))

    def on_mount(self) -> None:
        self.query_one("#entity-pane").border_title = "Entities"
        self.query_one("#article-pane").border_title = "Article"
        self.query_one("#event-pane").border_title = (
            "Events in text order" if self.document.events else "No events in this article"
        )
        self._update_legend()
        self._apply_size(self.size.width, self.size.height)
        self.query_one(Details).show_nothing(
            "Not annotated yet: no entities or events. ? lists every key."
            if self.new_annotation is not None
            else "Select an entity (enter jumps to it) or an event; ? lists every key."
        )
        self.watch(self.app, "theme", lambda _theme: self._update_legend(), init=False)
        # The reader starts by reading: j, k and space scroll the text, as in less.
        self.article.focus()
        # The document and the panes built from it live as long as the reader: once the
        # first frame has built them, keep the collector's full passes (a pause on some
        # key press) off them and off the keys (see tui.app.collector).
        self.call_after_refresh(self._fill_panes)
        if self.collector is not None:
            self.when_filled(self._keep_document_from_collector)
            self.set_interval(IDLE_SECONDS, self.collector.collect_if_idle)

    def _keep_document_from_collector(self) -> None:
        if self.is_attached and self.collector is not None:
            self.collector.keep_open_documents(self)

    def on_unmount(self) -> None:
        self._after_filling.clear()  # keys still waiting for the lists give up
        if self._session is not None:
            self._session.close()  # what waits is journaled, the journal let go
        if self.collector is not None:
            self.collector.release_closed_document(self)
            self.app.set_timer(REFREEZE_AFTER_SECONDS, self.collector.collect_and_keep)

    @on(events.Key)
    def _key_pressed(self) -> None:
        # Only noted (the keys themselves are bindings): full collections wait for a pause.
        if self.collector is not None:
            self.collector.key_pressed()

    def on_resize(self) -> None:
        self._apply_size(self.size.width, self.size.height)
        self._fit_panes()

    def _fit_panes(self) -> None:
        """Give the shown sidebars widths that leave the article on screen."""
        if not self.is_mounted:
            return
        widths = pane_widths(
            self.size.width, show_entities=self.show_entities, show_events=self.show_events
        )
        if widths.entities:
            self.query_one("#entity-pane").styles.width = widths.entities
        if widths.events:
            self.query_one("#event-pane").styles.width = widths.events

    def _pane_shown(self, pane_id: str, shown: bool) -> None:
        """Keep the layout and the focus in step with a pane shown or hidden."""
        self._fit_panes()
        if shown or not self.is_mounted:
            return
        focused = self.focused
        pane = self.query_one(pane_id)
        if focused is not None and (focused is pane or pane in focused.ancestors):
            # A hidden pane must not keep the keys: they go back to the text.
            self.article.focus()

    def watch_show_entities(self, shown: bool) -> None:
        self._pane_shown("#entity-pane", shown)

    def watch_show_events(self, shown: bool) -> None:
        self._pane_shown("#event-pane", shown)

    def watch_show_details(self, shown: bool) -> None:
        self._pane_shown("#details", shown)

    def _apply_size(self, width: int, height: int) -> None:
        """Hide sidebars on narrow terminals rather than crush the text (keys bring them back)."""
        self.short = height < SHORT_TERMINAL
        if self._auto_layout_width == width:
            return
        self._auto_layout_width = width
        # A document without events gives the event pane's width to the article.
        self.show_events = width >= NARROW_FOR_EVENTS and bool(self.document.events)
        # So does a bare text (no annotation file yet) with its empty entity pane.
        self.show_entities = width >= NARROW_FOR_ENTITIES and (
            self.new_annotation is None or bool(self.document.entities)
        )
        self.show_details = height >= SHORT_FOR_DETAILS

    def _show_line(self, selector: str, text: Text) -> None:
        """Put ``text`` in a one-line Static (its height fixed at one line by the CSS, so
        no layout of the screen is needed), unless it shows that already."""
        if self._shown_lines.get(selector) == text:
            return
        self._shown_lines[selector] = text
        self.query_one(selector, Static).update(text, layout=False)

    def _update_legend(self) -> None:
        if self.annotating:
            self._show_line("#legend", self.status_line())
            return
        palette = Palette.for_document(
            self.document, self.app.theme_variables, no_color=self.app.no_color
        )
        legend = legend_text(
            self.document,
            palette,
            plain=self.plain,
            shown_types=self.shown_types,
            tagged=self.app.no_color,
        )
        self._show_line("#legend", legend)

    @property
    def session(self) -> EditSession | None:
        """The edits of the annotation file (opened when first asked for)."""
        if self._session is None and self.session_opener is not None:
            self._session = self.session_opener()
        return self._session

    @session.setter
    def session(self, session: EditSession | None) -> None:
        self._session = session

    @property
    def session_if_open(self) -> EditSession | None:
        """The edits, only if annotating has begun (asking never opens them)."""
        return self._session

    # -- widgets -----------------------------------------------------------------------
    @property
    def article(self) -> ArticleView:
        """The article pane."""
        return self.query_one(ArticleView)

    @property
    def entity_list(self) -> EntityList:
        """The entity sidebar."""
        from tui.app.widgets.entity_list import EntityList

        return self.query_one(EntityList)

    @property
    def event_list(self) -> EventList:
        """The event sidebar."""
        from tui.app.widgets.event_list import EventList

        return self.query_one(EventList)

    @property
    def current_mention(self) -> Mention | None:
        """The current mention of the selected entity, if any."""
        if self.selected_entity is None or self.mention_index is None:
            return None
        entity = self.document.entity_by_id[self.selected_entity]
        return entity.mentions[self.mention_index]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        reviewing = self.suggest_check(action)
        if reviewing is not True:
            return reviewing
        return self.annotate_check(action)

    def watch_annotating(self, annotating: bool) -> None:
        if self.is_mounted:
            self.article.annotating = annotating
            self.refresh_bindings()

    def replace_document(self, document: Document, changed: list[Span] | None = None) -> None:
        """Show an edited version of the document in every pane, keeping the selection
        where what was selected still exists. ``changed``: the spans whose look changed
        (None: any), so that the article redraws only their lines."""
        old = self.document
        self.document = document
        if self.selected_entity not in document.entity_by_id:
            self.selected_entity = None
            self.mention_index = None
        elif self.mention_index is not None:
            count = len(document.entity_by_id[self.selected_entity or ""].mentions)
            self.mention_index = min(self.mention_index, count - 1) if count else None
        if self.selected_event not in document.event_by_id:
            self.selected_event = None
        self.article.set_document(document, changed=changed)
        if self.panes_filled:
            self.entity_list.set_document(document)
            if _event_rows_changed(old, document):
                self.event_list.set_document(document)
            else:
                self.event_list.document = document
            if self.selected_entity is not None:
                self.entity_list.show_entity(self.selected_entity)
            if self.selected_event is not None:
                self.event_list.show_event(self.selected_event)
        details = self.query_one(Details)
        details.document = document
        if self.selected_event is not None:
            details.show_event(document.event_by_id[self.selected_event])
        elif self.selected_entity is not None:
            self._show_entity_details()
        else:
            details.show_nothing("Nothing selected.")
        if old.events != document.events or bool(old.events) != bool(document.events):
            self.query_one("#event-pane").border_title = Text(
                f"Events {self.event_list.order_name}"
                if document.events and self.panes_filled
                else "Events in text order"
                if document.events
                else "No events in this article"
            )
        self.suggestions_changed()
        self._update_header()
        self._refresh_highlight()
        self._update_legend()

    def _update_header(self) -> None:
        header = header_text(
            self.document, self.diagnostics, not_annotated=self.new_annotation is not None
        )
        if self._dirty:
            header.append("  ·  ● unsaved edits (ctrl+s saves)", style="not bold")
        self._show_line("#header", header)

    # -- state → panes -----------------------------------------------------------------
    def _refresh_highlight(self) -> None:
        event = self.document.event_by_id.get(self.selected_event or "")
        current = self.current_mention
        self.article.set_highlight(
            HighlightState(
                selected_entity=self.selected_entity,
                current_mention=current.span if current else None,
                passage=event.passage if event else None,
                trigger=event.trigger if event else None,
                argument_entities=frozenset(a.entity_id for a in event.arguments)
                if event
                else frozenset(),
                flash=self.article.highlight.flash,
                search_match=self._search_match,
                shown_types=self.shown_types,
                plain=self.plain,
                selection=self.selection_span,
                suggestions=self.suggested_spans,
            )
        )

    def _show_entity_details(self) -> None:
        entity = self.document.entity_by_id.get(self.selected_entity or "")
        if entity is not None:
            self.query_one(Details).show_entity(entity, self.mention_index)

    def select_entity(self, entity_id: str, *, mention_index: int | None, jump: bool) -> None:
        """Make ``entity_id`` the selected entity, optionally going to one of its mentions."""
        if jump:
            self.record_jump()
        entity = self.document.entity_by_id[entity_id]
        self.selected_entity = entity_id
        self.mention_index = mention_index
        self.selected_event = None
        self.entity_list.show_entity(entity_id)
        self._refresh_highlight()
        self._show_entity_details()
        target = entity.mentions[mention_index if mention_index is not None else 0].span
        if jump:
            self.article.scroll_to_span(target)
        elif not self.article.span_is_visible(target):
            self.article.scroll_to_span(target, flash=False)

    def select_event(self, event_id: str, *, jump: bool) -> None:
        """Show ``event_id``'s passage and details, optionally jumping to it."""
        if jump:
            self.record_jump()
        event = self.document.event_by_id[event_id]
        self.selected_event = event_id
        self.selected_entity = None
        self.mention_index = None
        self.event_list.show_event(event_id)
        self._refresh_highlight()
        self.query_one(Details).show_event(event)
        if jump:
            self.article.scroll_to_span(event.passage)
        elif not self.article.span_is_visible(event.passage):
            self.article.scroll_to_span(event.passage, flash=False)

    def go_to_mention(self, mention: Mention) -> None:
        """Make ``mention`` current: its entity is selected everywhere and it is in view."""
        self.select_entity(mention.entity_id, mention_index=mention.index, jump=True)
        entity = self.document.entity_by_id[mention.entity_id]
        self.say(f"{one_line(entity.name)}: mention {mention.index + 1} of {len(entity.mentions)}")

    def say(self, message: str, *, warning: bool = False) -> None:
        """One short notice, replacing the one before rather than stacking over the panes."""
        self.app.clear_notifications()
        self.notify(
            one_line(message),  # whatever a caller put in it (a path, an OS error)
            severity="warning" if warning else "information",
            timeout=2,
            markup=False,
        )

    def show_match(self, span: Span) -> None:
        """Highlight ``span`` as a search match and bring it into view."""
        self._search_match = span
        self._refresh_highlight()
        self.article.scroll_to_span(span)

    # -- messages from the panes ---------------------------------------------------------
    def _entity_cursor_moved(self, before: int, after: int) -> None:
        # Called as the list's cursor moves, inside the key's own handler: the article
        # and the details follow in the same frame as the cursor, not one message later
        # (the list's EntityChosen that follows finds the entity already selected). The
        # tree also sets the same line again when it redraws its rows: not a move.
        if before == after:
            return
        entity_id = self.entity_list.entity_moved_to
        if entity_id is not None and entity_id != self.selected_entity:
            self.select_entity(entity_id, mention_index=None, jump=False)

    # Handlers named after their messages (not @on(...)): the classes are not imported yet.
    def on_entity_list_entity_chosen(self, message: EntityList.EntityChosen) -> None:
        if not message.jump and not self.entity_list.has_focus:
            # The cursor moved because the list was rebuilt or synced, not by the reader.
            return
        if message.jump:
            self.select_entity(message.entity_id, mention_index=0, jump=True)
        elif message.entity_id != self.selected_entity:
            self.select_entity(message.entity_id, mention_index=None, jump=False)

    def on_suggestion_list_highlighted(self, message: SuggestionList.Highlighted) -> None:
        self.show_suggestion(message.span)

    def on_suggestion_list_chosen(self, message: SuggestionList.Chosen) -> None:
        self.show_suggestion(message.span)
        self.action_accept_suggestion()

    def on_event_list_event_chosen(self, message: EventList.EventChosen) -> None:
        if not message.jump and not self.event_list.has_focus:
            return
        if message.jump or message.event_id != self.selected_event:
            self.select_event(message.event_id, jump=message.jump)

    def on_event_list_order_changed(self, message: EventList.OrderChanged) -> None:
        self.query_one("#event-pane").border_title = Text(f"Events {self.event_list.order_name}")
        self.say(f"Events {self.event_list.order_name}")

    @waits_for_panes
    def action_toggle_event_order(self) -> None:
        """Events in text order ⇄ by date."""
        self.event_list.action_toggle_order()

    @on(ArticleView.MentionClicked)
    def _mention_clicked(self, message: ArticleView.MentionClicked) -> None:
        self.go_to_mention(message.mention)

    @on(Details.LinkChosen)
    def _link_chosen(self, message: Details.LinkChosen) -> None:
        if message.kind == "entity":
            self.select_entity(message.target, mention_index=0, jump=True)
        elif message.kind == "event":
            self.select_event(message.target, jump=True)

    # -- actions -------------------------------------------------------------------------
    def _entity_for_stepping(self) -> str | None:
        if self.selected_entity is not None:
            return self.selected_entity
        node = self.entity_list.cursor_node
        if node is not None and node.data is not None:
            return node.data
        # A key may come before the list has placed its cursor (the text is on screen
        # first): nothing chosen yet means the first entity the list shows.
        return next(iter(self.entity_list.visible_entities), None)

    def _step_mention(self, step: int) -> None:
        entity_id = self._entity_for_stepping()
        if entity_id is None:
            self.say("Select an entity first", warning=True)
            return
        mentions = self.document.entity_by_id[entity_id].mentions
        current = self.mention_index if self.selected_entity == entity_id else None
        index = step_index(len(mentions), current, step)
        if index is not None:
            self.go_to_mention(mentions[index])

    @waits_for_panes
    def action_next_mention(self) -> None:
        """Next mention of the selected entity (wraps)."""
        self._step_mention(1)

    @waits_for_panes
    def action_previous_mention(self) -> None:
        """Previous mention of the selected entity (wraps)."""
        self._step_mention(-1)

    def _step_any(self, step: int) -> None:
        current = self.current_mention
        if current is not None and not self.article.span_is_visible(current.span):
            # The reader has scrolled away from the current mention: start from the text
            # on screen, as they see it, not from where the selection was left.
            current = None
        mention = step_any_mention(
            self.document,
            step,
            current=current,
            top=self.article.top_offset(),
            bottom=self.article.bottom_offset(),
        )
        if mention is not None:
            self.go_to_mention(mention)

    @waits_for_panes
    def action_next_any(self) -> None:
        """Next annotated mention of any entity from the current position."""
        self._step_any(1)

    @waits_for_panes
    def action_previous_any(self) -> None:
        """Previous annotated mention of any entity from the current position."""
        self._step_any(-1)

    def _step_event(self, step: int) -> None:
        ids = self.event_list.event_ids
        current = self.event_list.highlighted_event_id if self.selected_event else None
        index = step_event(ids, current, step)
        if index is None:
            self.say("This article has no events")
            return
        self.select_event(ids[index], jump=True)
        event: Event = self.document.event_by_id[ids[index]]
        self.say(f"Event {index + 1} of {len(ids)}: {one_line(event.summary)}")

    @waits_for_panes
    def action_next_event(self) -> None:
        """Next event passage (in the event list's order)."""
        self._step_event(1)

    @waits_for_panes
    def action_previous_event(self) -> None:
        """Previous event passage."""
        self._step_event(-1)

    @waits_for_panes
    def action_page_down(self) -> None:
        self.article.action_page_down()

    @waits_for_panes
    def action_page_up(self) -> None:
        self.article.action_page_up()

    @waits_for_panes
    def action_top(self) -> None:
        self.article.action_scroll_home()

    @waits_for_panes
    def action_bottom(self) -> None:
        self.article.action_scroll_end()

    @waits_for_panes
    def action_toggle_entities(self) -> None:
        """Show or hide the entity sidebar."""
        self.show_entities = not self.show_entities

    @waits_for_panes
    def action_toggle_events(self) -> None:
        """Show or hide the event sidebar."""
        self.show_events = not self.show_events

    @waits_for_panes
    def action_toggle_details(self) -> None:
        """Show or hide the details panel."""
        self.show_details = not self.show_details

    @waits_for_panes
    def action_search(self) -> None:
        """Open the search box: typing filters entities, enter finds the text."""
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    @waits_for_panes
    def action_type_filter(self) -> None:
        """Choose the entity types to show, in the sidebar and in the article."""
        from tui.app.screens.type_filter import TypeFilterScreen

        def chosen(types: frozenset[str] | str | None) -> None:
            if isinstance(types, str):
                return  # dismissed
            self.shown_types = types

        self.app.push_screen(TypeFilterScreen(self.document, self.shown_types), chosen)

    def watch_shown_types(self, types: frozenset[str] | None) -> None:
        if not self.is_mounted:
            return
        entity_list = self.entity_list
        entity_list.filter_types = types
        entity_list.rebuild()
        title = "Entities"
        if types is not None:
            ordered = [code for code in self.document.entity_types_in_use if code in types]
            title = f"Entities: {one_line(', '.join(ordered)) or 'no type'}"
        self.query_one("#entity-pane").border_title = Text(title)
        self._update_legend()
        self._refresh_highlight()

    @waits_for_panes
    def action_toggle_plain(self) -> None:
        """Plain reading: the article without type colours, and back."""
        self.plain = not self.plain
        self._update_legend()
        self._refresh_highlight()
        self.say("Plain reading: no type colours" if self.plain else "Type colours back")

    @waits_for_panes
    def action_timeline(self) -> None:
        """Open the timeline; choosing an event there jumps to its passage here."""
        from tui.app.screens.timeline import TimelineScreen

        def chosen(event_id: str | None) -> None:
            if event_id is not None and event_id in self.document.event_by_id:
                self.select_event(event_id, jump=True)

        screen = TimelineScreen(
            self.document, entity_id=self.selected_entity, event_id=self.selected_event
        )
        self.app.push_screen(screen, chosen)

    @waits_for_panes
    def action_clear(self) -> None:
        """Clear the selection, the filters and the search."""
        search = self.query_one("#search", Input)
        entity_list = self.entity_list
        if entity_list.filter_text or self.shown_types is not None or search.display:
            search.value = ""
            search.display = False
            entity_list.filter_text = ""
            if self.shown_types is not None:
                self.shown_types = None  # rebuilds the list
            else:
                entity_list.rebuild()
        self.selected_entity = None
        self.mention_index = None
        self.selected_event = None
        self._search_match = None
        self._refresh_highlight()
        self.query_one(Details).show_nothing("Nothing selected.")
        if self.focused is None or self.focused is search:
            self.article.focus()

    # -- the files behind the view (the rest is ReaderFiles') ---------------------------
    @waits_for_panes
    def action_edit(self) -> None:
        """Open the annotation file in $VISUAL / $EDITOR at the selection; reload after."""
        if self.new_annotation is not None:
            self.say(
                f"No annotation file yet: {self.new_annotation.yaml_path} is written when "
                "this text's annotations are first saved",
                warning=True,
            )
            return
        if self.source_path is None:
            self.say("This view has no annotation file to edit", warning=True)
            return
        line, column = self._source_position()
        self.post_message(self.EditRequested(line, column))

    @waits_for_panes
    def action_reload(self) -> None:
        """Load the annotation file and its text again."""
        self.post_message(self.ReloadRequested())

    # -- search --------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        entity_list = self.entity_list
        entity_list.filter_text = event.value
        entity_list.rebuild()
        self._search_needle = event.value

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if not self._search_needle:
            return
        after = self._search_match.start + 1 if self._search_match else self.article.top_offset()
        found = find_text(self.document.text, self._search_needle, after)
        if found is None:
            self.say(f"Not found: {one_line(event.value)}", warning=True)
            return
        self.record_jump()
        self._search_match = found.span
        self._refresh_highlight()
        self.article.scroll_to_span(found.span)
        self.say(f"Match {found.number} of {found.total}")


def _event_rows_changed(old: Document, new: Document) -> bool:
    """Whether the event list shows anything different: its events, or an entity's name
    (a row without a summary of its own names its arguments)."""
    if old.events is not new.events:
        return True
    if len(old.entities) != len(new.entities):
        return True
    return any(
        before is not after and (before.id, before.name) != (after.id, after.name)
        for before, after in zip(old.entities, new.entities, strict=True)
    )
