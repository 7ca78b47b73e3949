"""The details panel: everything known about the selected entity or event.

Facts are plain text; the entities, events and relations it names are rows of an
option list, so the reader can move onto one and press enter to go there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.scrollbar import ScrollBar
from textual.visual import visualize
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app import bindings
from tui.app.textual_private import RowsKeptOnResize, vertical_scrollbar_of
from tui.core.document.attributes import realis_glyph
from tui.core.document.model import Attributes, Document, Entity, Event, Relation
from tui.core.text.textsafety import one_line


class _QuietScrollBar(ScrollBar):
    """A scrollbar whose length changes cost no layout and no frame of their own.

    Textual gives every widget's extent a reactive that lays the screen out again when
    it changes; for a scrollbar that extent is only its own height, set by the layout
    that is running (which also draws it), so each resize of the links cost a second
    whole-screen layout and a third frame for the scrollbars."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class DetailLinks(RowsKeptOnResize):
    """Rows that lead somewhere: ``entity:ID`` or ``event:ID`` option ids."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.DETAILS

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """The rows' extent. The panel, not the rows, sets the list's own size, so new rows
    need this list and its scrollbar repainted, not the whole screen laid out again
    (the scrollbar appearing or going still lays out, as it takes a column)."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """The vertical scrollbar, made as Textual makes it but of the quiet kind."""
        return vertical_scrollbar_of(
            self,
            lambda: _QuietScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            ),
        )

    def on_focus(self) -> None:
        # A cursor on the first row at once, so enter goes somewhere without a move first.
        if self.highlighted is None and self.option_count:
            self.highlighted = 0


class DetailFacts(Static):
    """The facts above the links; a change that keeps their height is only repainted."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)
    """Set by the layout from the text's height (these lines never scroll); Textual's
    default lays the screen out once more each time it changes, and a repaint would
    cost a frame after the layout's own, which has drawn the facts already."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._shape: tuple[int, int] | None = None
        """Width and height the text shown now takes (None: not measured yet)."""

    def show(self, facts: Text) -> None:
        """Show ``facts``, laying the screen out again only when their height changes.

        A layout redoes the whole screen (every pane and scrollbar), several times the
        cost of repainting these few lines; stepping through mentions changes one
        number here and should cost no more than that.
        """
        width = self.content_size.width
        shape = None
        if width > 0:
            rules = cast(RulesMap, self.styles)
            shape = (width, visualize(self, facts, markup=False).get_height(rules, width))
        same_height = shape is not None and shape == self._shape
        self._shape = shape
        self.update(facts, layout=not same_height)


class Details(Vertical):
    """Shows the selected entity or event."""

    @dataclass
    class LinkChosen(Message):
        """The reader chose a row naming an entity or event."""

        details: Details
        kind: str
        target: str

        @property
        def control(self) -> Details:
            return self.details

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self.border_title = "Details"
        self._shown: tuple[str, str] | None = None
        """What the panel shows now, as ``(kind, id)``."""
        self._title = "Details"
        """The border title shown now, as plain text."""

    def _set_title(self, title: str) -> None:
        # Setting a title repaints the panel even when it is the same words.
        if title != self._title:
            self._title = title
            self.border_title = Text(title)

    def compose(self) -> ComposeResult:
        yield DetailFacts(id="details-facts")
        yield DetailLinks(id="details-links", markup=False)

    @property
    def facts_text(self) -> str:
        """The plain text shown above the links (for tests and the help of screen readers)."""
        facts = self.query_one("#details-facts", Static)
        return str(facts.render())

    def show_nothing(self, hint: str) -> None:
        """Clear the panel and show ``hint``."""
        self._shown = None
        self._set_title("Details")
        self.add_class("-empty")
        self.query_one(DetailFacts).show(Text(hint, style="dim"))
        links = self.query_one(DetailLinks)
        links.clear_options()
        links.display = False

    def show_text(self, title: str, facts: Text) -> None:
        """Show ``facts`` under ``title`` (a suggestion under review, say)."""
        self._shown = None
        self._set_title(title)
        self.remove_class("-empty")
        self.query_one(DetailFacts).show(facts)
        links = self.query_one(DetailLinks)
        links.clear_options()
        links.display = False

    def show_entity(self, entity: Entity, mention_index: int | None) -> None:
        """Type, description, aliases, links, mention position, events and relations."""
        document = self.document
        self._set_title(one_line(entity.name))
        facts = Text()
        facts.append(f"{entity.type} ", style="bold")
        facts.append(one_line(document.type_label(entity.type)), style="dim")
        count = len(entity.mentions)
        if mention_index is not None:
            facts.append(f"  ·  mention {mention_index + 1} of {count}")
        else:
            facts.append(f"  ·  {count} mention{'s' if count != 1 else ''}")
        if entity.description:
            facts.append("\n")
            facts.append(one_line(entity.description))
        if entity.aliases:
            facts.append("\nalso: ", style="dim")
            facts.append(one_line(", ".join(entity.aliases)))
        for name, value in entity.links:
            facts.append(f"\n{one_line(name)}: ", style="dim")
            facts.append(one_line(value))
        _append_attributes(facts, entity.attributes)
        if mention_index is not None and mention_index < count:
            _append_attributes(facts, entity.mentions[mention_index].attributes, "this mention: ")
        shown = ("entity", entity.id)
        if self._shown == shown:
            # Stepping through mentions changes only the position: keep the rows (and the
            # reader's place in them) instead of rebuilding a list that can be long.
            self.remove_class("-empty")
            self.query_one(DetailFacts).show(facts)
            return
        self._shown = shown
        rows: list[Option] = []
        for event, role in document.events_of(entity.id):
            prompt = Text()
            prompt.append(f"{one_line(role)} in ", style="dim")
            prompt.append(one_line(event.summary))
            rows.append(Option(prompt, id=f"event:{event.id}"))
        for relation in document.relations_of(entity.id):
            rows.append(self._relation_row(relation, entity.id, from_event=False))
        self._show(facts, rows)

    def _relation_row(self, relation: Relation, own_id: str, *, from_event: bool) -> Option:
        """A row for a relation seen from one of its ends: the other end, and where to go."""
        outgoing = relation.from_id == own_id and relation.from_event == from_event
        other_id = relation.to_id if outgoing else relation.from_id
        other_is_event = relation.to_event if outgoing else relation.from_event
        document = self.document
        if other_is_event:
            name = document.event_by_id[other_id].summary
        else:
            name = document.entity_by_id[other_id].name
        prompt = Text()
        arrow = f"{relation.type} →" if outgoing else f"← {relation.type}"
        prompt.append(one_line(arrow) + " ", style="dim")
        prompt.append(one_line(name))
        if relation.note:
            prompt.append(f"  ({one_line(relation.note)})", style="dim italic")
        for attribute, value in relation.attributes:
            prompt.append(f"  {one_line(attribute)}={one_line(value)}", style="dim")
        return Option(prompt, id=f"{'event' if other_is_event else 'entity'}:{other_id}")

    def show_event(self, event: Event) -> None:
        """Type, date (with its words), realis, arguments, other tellings, note."""
        document = self.document
        self._shown = ("event", event.id)
        self._set_title(one_line(event.summary))
        facts = Text()
        facts.append(one_line(event.type), style="bold")
        facts.append(f"  {one_line(document.event_types[event.type].label)}", style="dim")
        facts.append(f"  ·  {event.realis}")
        if event.date is not None:
            facts.append("\ndate: ", style="dim")
            facts.append(event.date.value.text)
            if event.date.text:
                facts.append(f" (“{one_line(event.date.text)}”)", style="italic")
        trigger = document.text[event.trigger.start : event.trigger.end]
        facts.append("\ntrigger: ", style="dim")
        facts.append(one_line(trigger), style="bold")
        glyph = realis_glyph(event.attributes)
        if glyph:
            facts.append(f" {glyph}", style="bold")
        if event.note:
            facts.append("\nnote: ", style="dim")
            facts.append(one_line(event.note))
        for name, value in event.links:
            facts.append(f"\n{one_line(name)}: ", style="dim")
            facts.append(one_line(value))
        _append_attributes(facts, event.attributes)
        rows: list[Option] = []
        for argument in event.arguments:
            entity = document.entity_by_id[argument.entity_id]
            prompt = Text()
            prompt.append(f"{one_line(argument.role)}: ", style="dim")
            prompt.append(one_line(entity.name))
            rows.append(Option(prompt, id=f"entity:{entity.id}"))
        for event_argument in event.event_arguments:
            prompt = Text()
            prompt.append(f"{one_line(event_argument.role)}: ", style="dim")
            prompt.append(one_line(document.event_by_id[event_argument.event_id].summary))
            rows.append(Option(prompt, id=f"event:{event_argument.event_id}"))
        for outer, role in document.events_with_argument(event.id):
            prompt = Text()
            prompt.append(f"{one_line(role)} in ", style="dim")
            prompt.append(one_line(outer.summary))
            rows.append(Option(prompt, id=f"event:{outer.id}"))
        for relation in document.relations_of_event(event.id):
            rows.append(self._relation_row(relation, event.id, from_event=True))
        tellings = document.happening_of(event)
        if len(tellings) > 1:
            for number, telling in enumerate(tellings, 1):
                if telling.id == event.id:
                    continue
                prompt = Text()
                prompt.append(f"telling {number} of {len(tellings)}: ", style="dim")
                prompt.append(one_line(telling.summary))
                rows.append(Option(prompt, id=f"event:{telling.id}"))
        self._show(facts, rows)

    def _show(self, facts: Text, rows: list[Option]) -> None:
        self.remove_class("-empty")
        self.query_one(DetailFacts).show(facts)
        links = self.query_one(DetailLinks)
        if rows:
            # Option ids must be unique, but one entity can play two roles in an event or
            # relate twice to another: number the rows and keep the target after the
            # number. One replacement, not a clear then an add: the list's extent changes
            # once, so its scrollbar does not go and come back.
            links.set_options(
                Option(row.prompt, id=f"{number}:{row.id}") for number, row in enumerate(rows)
            )
        else:
            links.clear_options()
        links.display = bool(rows)

    @on(OptionList.OptionSelected, "#details-links")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        _number, _, link = (event.option_id or "").partition(":")
        kind, _, target = link.partition(":")
        if target:
            self.post_message(self.LinkChosen(self, kind, target))

    @on(OptionList.OptionHighlighted, "#details-links")
    def _quiet(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()


def _append_attributes(facts: Text, attributes: Attributes, lead: str = "") -> None:
    """One line of ``name: value`` pairs; a yes/no attribute shows its name alone."""
    if not attributes:
        return
    facts.append(f"\n{lead}", style="dim")
    shown = [
        one_line(name) if value == "true" else f"{one_line(name)}: {one_line(value)}"
        for name, value in attributes
    ]
    facts.append(" · ".join(shown), style="italic")
