"""The reading screen: owns what is selected and keeps every pane in step with it."""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui.app import collector as longlived
from tui.app.bindings import give_binding_ids
from tui.app.render.highlight import HighlightState, Palette
from tui.app.render.type_markers import legend_tag
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.details import Details
from tui.core.document.diagnostics import Diagnostic
from tui.core.document.model import Document, Event, Mention, Span
from tui.core.files.saferead import ReadRefused, read_capped_text
from tui.core.loading.yamlsafe import MAX_YAML_BYTES
from tui.core.reading.jumps import JumpList, Place
from tui.core.reading.layout import pane_widths
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    # Imported where used: the lists are mounted after the first frame, and so can their
    # modules be loaded.
    from tui.app.widgets.entity_list import EntityList
    from tui.app.widgets.event_list import EventList

NARROW_FOR_EVENTS = 110
"""Below this width the event sidebar starts hidden (a key shows it)."""
NARROW_FOR_ENTITIES = 72
"""Below this width the entity sidebar starts hidden too, so the text keeps ~40 columns."""
SHORT_FOR_DETAILS = 18
"""Below this height the details panel starts hidden."""
SHORT_TERMINAL = 32
"""Below this height the details panel is kept small."""


class ReaderScreen(Screen[None]):
    """Article in the middle, entities left, events right, details below."""

    AUTO_FOCUS = "#article"
    """Focus starts on the text (not on the first focusable widget, then moved): each move
    restyles both panes and rebuilds the footer's keys before the first frame."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_mention", "Next mention"),
        Binding("N", "previous_mention", "Prev mention"),
        Binding("right_square_bracket", "next_any", "Next annotated", show=False),
        Binding("left_square_bracket", "previous_any", "Prev annotated", show=False),
        Binding("e", "next_event", "Next event"),
        Binding("E", "previous_event", "Prev event", show=False),
        Binding("slash", "search", "Search"),
        Binding("t", "type_filter", "Type filter"),
        Binding("c", "toggle_plain", "Colours on/off", show=False),
        Binding("y", "copy", "Copy sentence", show=False),
        Binding("v", "edit", "Edit in $EDITOR", show=False),
        Binding("r", "reload", "Reload", show=False),
        Binding("T", "timeline", "Timeline", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
        Binding("g", "top", "Top", show=False),
        Binding("G", "bottom", "Bottom", show=False),
        Binding("less_than_sign", "toggle_entities", "Entities pane", show=False),
        Binding("greater_than_sign", "toggle_events", "Events pane", show=False),
        Binding("D", "toggle_details", "Details pane", show=False),
        Binding("p", "problems", "Problems", show=False),
        Binding("escape", "clear", "Clear", show=False),
        # Not in the footer, where the reader's own keys fit 120 columns; help and the
        # palette list them.
        Binding("ctrl+o", "jump_back", "Jump back", show=False),
        Binding("ctrl+f", "jump_forward", "Jump forward", show=False),
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
    """Whether the terminal is short enough to give the details panel fewer lines."""

    def __init__(self, document: Document, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__()
        self.document = document
        self.diagnostics = diagnostics
        self._search_pattern: re.Pattern[str] | None = None
        self._search_match: Span | None = None
        self._auto_layout_width: int | None = None
        self.path = ""
        """The annotation file the reader's places name."""
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
        self._filled = asyncio.Event()

    # -- composition -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Decide which panes show before the first layout, so the article is wrapped once
        # at its real width rather than once more after the sidebars settle.
        self._apply_size(*self.app.size)
        # The sidebars' final widths too: the first frame is drawn before any resize event.
        widths = pane_widths(
            self.app.size.width, show_entities=self.show_entities, show_events=self.show_events
        )
        yield Static(self._header_text(), id="header", markup=False)
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
        await self.query_one("#entity-pane").mount(EntityList(self.document, id="entities"))
        self.watch(self.entity_list, "cursor_line", self._entity_cursor_moved, init=False)
        await self.query_one("#event-pane").mount(EventList(self.document, id="events"))
        await self.query_one("#article-pane").mount(search, before="#legend")
        # After the refresh that lays the lists out and places their cursors.
        self.call_after_refresh(self._panes_are_filled)

    def _panes_are_filled(self) -> None:
        self.panes_filled = True
        self._filled.set()
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

    if not TYPE_CHECKING:  # (a __getattr__ would hide every misspelt attribute from mypy)

        def __getattr__(self, name: str) -> Any:
            # Keys pressed while the lists are being mounted wait for them rather than act
            # on panes that are not there yet. Textual looks an action up as "_action_NAME"
            # before "action_NAME", so until then the reader's actions come through here.
            if name.startswith("_action_") and not self.__dict__.get("panes_filled", True):
                action = getattr(self, name[1:])

                async def after_filling(*parameters: object) -> None:
                    await self._filled.wait()
                    if not self.panes_filled:
                        return  # the reader closed first
                    result = action(*parameters)
                    if inspect.isawaitable(result):
                        await result

                return after_filling
            raise AttributeError(name)

    def _header_text(self) -> Text:
        info = self.document.info
        text = Text(style="bold")
        text.append(one_line(info.title or info.id))
        if info.date is not None:
            text.append(f"  ·  {info.date.text}", style="not bold")
        if info.title:
            text.append(f"  ·  {one_line(info.id)}", style="dim not bold")
        problems = len(self.diagnostics)
        if problems:
            text.append(
                f"  ·  {problems} warning{'s' if problems != 1 else ''} (p lists them)",
                style="not bold reverse",
            )
        return text

    def on_mount(self) -> None:
        self.query_one("#entity-pane").border_title = "Entities"
        self.query_one("#article-pane").border_title = "Article"
        self.query_one("#event-pane").border_title = (
            "Events in text order" if self.document.events else "No events in this article"
        )
        self._update_legend()
        self._apply_size(self.size.width, self.size.height)
        self.query_one(Details).show_nothing(
            "Select an entity (enter jumps to it) or an event; ? lists every key."
        )
        self.watch(self.app, "theme", lambda _theme: self._update_legend(), init=False)
        # The reader starts by reading: j, k and space scroll the text, as in less.
        self.article.focus()
        # The document and the panes built from it live as long as the reader: once the
        # first frame has built them, keep the collector's full passes (a pause on some
        # key press) off them and off the keys (see tui.app.collector).
        self.call_after_refresh(self._fill_panes)
        self.when_filled(self._keep_document_from_collector)
        self.set_interval(longlived.IDLE_SECONDS, longlived.collect_if_idle)

    def _keep_document_from_collector(self) -> None:
        if self.is_attached:
            longlived.keep_open_documents(self)

    def on_unmount(self) -> None:
        self._filled.set()  # keys still waiting for the lists give up
        longlived.release_closed_document(self)
        self.app.set_timer(longlived.REFREEZE_AFTER_SECONDS, longlived.collect_and_keep)

    @on(events.Key)
    def _key_pressed(self) -> None:
        # Only noted (the keys themselves are bindings): full collections wait for a pause.
        longlived.key_pressed()

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
        self.show_entities = width >= NARROW_FOR_ENTITIES
        self.show_details = height >= SHORT_FOR_DETAILS

    def _update_legend(self) -> None:
        palette = Palette.for_document(
            self.document, self.app.theme_variables, no_color=self.app.no_color
        )
        legend = Text(no_wrap=True, overflow="ellipsis")
        if self.plain:
            legend.append("plain reading (c brings the colours back)", style="italic")
        for code in palette.types if not self.plain else ():
            style = palette.type_style(code)
            if self.shown_types is not None and code not in self.shown_types:
                style = Style(dim=True, strike=True)
            legend.append("■", style=style)
            legend.append(" ")
            legend.append(code, style=style)
            legend.append(" ")
            if self.app.no_color:
                legend_tag(legend, self.document, code)
        self.query_one("#legend", Static).update(legend)

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

    # -- the jump list (see tui.app.screens.jumping) ------------------------------------------
    def record_jump(self) -> None:
        """A jump is about to leave the reader's place: put it on the jump list."""
        from tui.app.screens.jumping import place_of

        if not self.restoring:
            self.jumps.record(place_of(self))

    def go_to_place(self, place: Place) -> None:
        """Show a place of the jump list (no new jump is recorded)."""
        from tui.app.screens.jumping import show_place

        self.restoring = True
        try:
            show_place(self, place)
        finally:
            self.restoring = False

    def action_jump_back(self) -> None:
        """``ctrl+o``: back to where the last jump left."""
        from tui.app.screens.jumping import place_of

        target = self.jumps.back(place_of(self))
        if target is None:
            self.say("At the start of the jump list")
        else:
            self.go_to_place(target)

    def action_jump_forward(self) -> None:
        """``ctrl+f``: forward again, after going back."""
        from tui.app.screens.jumping import place_of

        target = self.jumps.forward(place_of(self))
        if target is None:
            self.say("At the end of the jump list")
        else:
            self.go_to_place(target)

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

    def on_event_list_event_chosen(self, message: EventList.EventChosen) -> None:
        if not message.jump and not self.event_list.has_focus:
            return
        if message.jump or message.event_id != self.selected_event:
            self.select_event(message.event_id, jump=message.jump)

    def on_event_list_order_changed(self, message: EventList.OrderChanged) -> None:
        self.query_one("#event-pane").border_title = Text(f"Events {self.event_list.order_name}")
        self.say(f"Events {self.event_list.order_name}")

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
        entity = self.document.entity_by_id[entity_id]
        count = len(entity.mentions)
        if self.mention_index is None or self.selected_entity != entity_id:
            index = 0 if step > 0 else count - 1
        else:
            index = (self.mention_index + step) % count
        self.go_to_mention(entity.mentions[index])

    def action_next_mention(self) -> None:
        """Next mention of the selected entity (wraps)."""
        self._step_mention(1)

    def action_previous_mention(self) -> None:
        """Previous mention of the selected entity (wraps)."""
        self._step_mention(-1)

    def _step_any(self, step: int) -> None:
        mentions = self.document.mentions
        if not mentions:
            return
        current = self.current_mention
        if current is not None and self.article.span_is_visible(current.span):
            index = self.document.index_of(current) + step
        elif step > 0:
            # The reader has scrolled away from the current mention: start from the text
            # on screen, as they see it, not from where the selection was left.
            index = self.document.mention_index_at_or_after(self.article.top_offset())
        else:
            index = self.document.mention_index_at_or_after(self.article.bottom_offset()) - 1
        index %= len(mentions)
        self.go_to_mention(mentions[index])

    def action_next_any(self) -> None:
        """Next annotated mention of any entity from the current position."""
        self._step_any(1)

    def action_previous_any(self) -> None:
        """Previous annotated mention of any entity from the current position."""
        self._step_any(-1)

    def _step_event(self, step: int) -> None:
        ids = self.event_list.event_ids
        if not ids:
            self.say("This article has no events")
            return
        current = self.event_list.highlighted_event_id if self.selected_event else None
        if current is None:
            index = 0 if step > 0 else len(ids) - 1
        else:
            index = (ids.index(current) + step) % len(ids)
        self.select_event(ids[index], jump=True)
        event: Event = self.document.event_by_id[ids[index]]
        self.say(f"Event {index + 1} of {len(ids)}: {one_line(event.summary)}")

    def action_next_event(self) -> None:
        """Next event passage (in the event list's order)."""
        self._step_event(1)

    def action_previous_event(self) -> None:
        """Previous event passage."""
        self._step_event(-1)

    def action_page_down(self) -> None:
        self.article.action_page_down()

    def action_page_up(self) -> None:
        self.article.action_page_up()

    def action_top(self) -> None:
        self.article.action_scroll_home()

    def action_bottom(self) -> None:
        self.article.action_scroll_end()

    def action_toggle_entities(self) -> None:
        """Show or hide the entity sidebar."""
        self.show_entities = not self.show_entities

    def action_toggle_events(self) -> None:
        """Show or hide the event sidebar."""
        self.show_events = not self.show_events

    def action_toggle_details(self) -> None:
        """Show or hide the details panel."""
        self.show_details = not self.show_details

    def action_search(self) -> None:
        """Open the search box: typing filters entities, enter finds the text."""
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

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

    def action_toggle_plain(self) -> None:
        """Plain reading: the article without type colours, and back."""
        self.plain = not self.plain
        self._update_legend()
        self._refresh_highlight()
        self.say("Plain reading: no type colours" if self.plain else "Type colours back")

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

    def action_problems(self) -> None:
        """List the warnings found when loading."""
        from tui.app.screens.problems import ProblemsScreen

        if not self.diagnostics:
            self.say("No problems were found in this file")
            return
        self.app.push_screen(ProblemsScreen(self.diagnostics), self.go_to_problem)

    def go_to_problem(self, problem: Diagnostic | None) -> None:
        """Select the entity or event a warning is about, or say why that cannot be done."""
        if problem is None:
            return
        from tui.core.loading.sourcemap import annotation_at, annotation_places

        try:
            places = annotation_places(read_capped_text(problem.path, MAX_YAML_BYTES))
        except ReadRefused as refused:
            self.say(
                f"Cannot read {one_line(problem.path)}: {one_line(refused.reason)}", warning=True
            )
            return
        place = annotation_at(places, problem.position)
        if place is not None and place.kind == "entity" and place.id in self.document.entity_by_id:
            self.select_entity(place.id, mention_index=0, jump=True)
        elif place is not None and place.kind == "event" and place.id in self.document.event_by_id:
            self.select_event(place.id, jump=True)
        else:
            where = f"line {problem.position.line}"
            self.say(f"That warning is about {where} of the file, not one annotation")

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

    # -- the files behind the view --------------------------------------------------------
    def action_copy(self) -> None:
        """Copy the current mention's sentence, or the selected event's passage."""
        from tui.core.text.sentences import sentence_around

        event = self.document.event_by_id.get(self.selected_event or "")
        mention = self.current_mention
        if mention is None and self.selected_entity is not None:
            mention = self.document.entity_by_id[self.selected_entity].mentions[0]
        if event is not None:
            span, what = event.passage, "the event's passage"
        elif mention is not None:
            span, what = sentence_around(self.document.text, mention.span), "the sentence"
        else:
            self.say("Select a mention or an event to copy its sentence", warning=True)
            return
        self.app.copy_to_clipboard(self.document.text[span.start : span.end])
        self.say(f"Copied {what} ({span.end - span.start} characters)")

    def _source_position(self) -> tuple[int, int]:
        """Line and column in the YAML of the selected event or entity (else the top)."""
        from tui.core.loading.sourcemap import annotation_places, place_of

        path = getattr(self.app, "source_path", None)
        if path is None:
            return 1, 1
        try:
            places = annotation_places(read_capped_text(path, MAX_YAML_BYTES))
        except ReadRefused:
            return 1, 1
        position = None
        if self.selected_event is not None:
            position = place_of(places, "event", self.selected_event)
        elif self.selected_entity is not None:
            position = place_of(places, "entity", self.selected_entity)
        return (position.line, position.column) if position is not None else (1, 1)

    def action_edit(self) -> None:
        """Open the annotation file in $VISUAL / $EDITOR at the selection; reload after."""
        if getattr(self.app, "source_path", None) is None:
            self.say("This view has no annotation file to edit", warning=True)
            return
        line, column = self._source_position()
        self.app.open_in_editor(line, column)  # type: ignore[attr-defined]

    def action_reload(self) -> None:
        """Load the annotation file and its text again."""
        reload = getattr(self.app, "reload_document", None)
        if reload is not None:
            reload()

    # -- search --------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        entity_list = self.entity_list
        entity_list.filter_text = event.value
        entity_list.rebuild()
        self._search_pattern = (
            re.compile(re.escape(event.value), re.IGNORECASE) if event.value else None
        )

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        pattern = self._search_pattern
        if pattern is None:
            return
        text = self.document.text
        after = self._search_match.start + 1 if self._search_match else self.article.top_offset()
        match = pattern.search(text, after) or pattern.search(text, 0)
        if match is None:
            self.say(f"Not found: {one_line(event.value)}", warning=True)
            return
        total = sum(1 for _ in pattern.finditer(text))
        number = sum(1 for _ in pattern.finditer(text, 0, match.start())) + 1
        self.record_jump()
        self._search_match = Span(match.start(), match.end())
        self._refresh_highlight()
        self.article.scroll_to_span(self._search_match)
        self.say(f"Match {number} of {total}")


# Binding ids ("scope.action") let a user's configuration rebind these keys.
give_binding_ids(ReaderScreen, "reader")
