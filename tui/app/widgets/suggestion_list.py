"""The suggestions pane: suggested mentions grouped by the entity each would join.

Each group opens with a heading (the entity's type and name, whether it is the
article's own or would be new, and where it is known from); under it, one row per
suggestion with its words and line. Highlighting a row makes that suggestion current
(the reader shows it); ``enter`` accepts it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.core.document.model import Span
from tui.core.text.fitting import shorten
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:  # the finder imports the editor and the YAML checks: not at start-up
    from tui.core.suggesting.review import Group
    from tui.core.suggesting.suggestions import Suggestion


def _row_id(span: Span) -> str:
    return f"{span.start}:{span.end}"


def _span_of(row_id: str | None) -> Span | None:
    if not row_id or ":" not in row_id or row_id.startswith("group:"):
        return None
    start, end = row_id.split(":", 1)
    return Span(int(start), int(end))


def heading(group: Group) -> Text:
    """A group's heading: ``ORG Israel Aerospace Industries  new · corpus 14 · 2``."""
    first = group.first
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{first.type} ", style="bold")
    line.append(shorten(one_line(first.name), 60), style="bold")
    joins = "joins" if first.entity_id is not None else "new"
    where: str = first.source
    if first.source == "corpus":
        where += f" {first.documents}"
    line.append(f"  {joins} · {where} · {len(group.suggestions)}", style="dim")
    return line


class SuggestionList(OptionList):
    """Suggestions by entity; posts :class:`Highlighted` and :class:`Chosen`."""

    @dataclass
    class Highlighted(Message):
        """The cursor is on the suggestion at ``span``."""

        span: Span

    @dataclass
    class Chosen(Message):
        """``enter`` on the suggestion at ``span``: accept it."""

        span: Span

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._quiet = False
        self._rows: list[str] = []

    def show(
        self,
        groups: Sequence[Group],
        current: Span | None,
        words: Callable[[Suggestion], str],
        line_of: Callable[[int], int],
    ) -> None:
        """Show ``groups``, the cursor on ``current``; ``words`` says a suggestion's words,
        ``line_of`` the line (from 1) an offset is on."""
        options: list[Option] = []
        rows: list[str] = []
        for group in groups:
            options.append(Option(heading(group), id=f"group:{group.key}", disabled=True))
            rows.append(f"group:{group.key}")
            for suggestion in group.suggestions:
                row = Text(no_wrap=True, overflow="ellipsis")
                row.append("  «")
                row.append(shorten(one_line(words(suggestion)), 48), style="italic")
                row.append("»")
                row.append(f" L{line_of(suggestion.span.start)}", style="dim")
                options.append(Option(row, id=_row_id(suggestion.span)))
                rows.append(_row_id(suggestion.span))
        self._quiet = True
        try:
            if rows != self._rows:
                self.clear_options()
                self.add_options(options)
                self._rows = rows
            self.move_to(current)
        finally:
            self._quiet = False

    def move_to(self, span: Span | None) -> None:
        """Put the cursor on the suggestion at ``span`` (quietly: no message)."""
        if span is None:
            self.highlighted = None
            return
        try:
            index = self.get_option_index(_row_id(span))
        except OptionDoesNotExist:
            return
        quiet, self._quiet = self._quiet, True
        try:
            self.highlighted = index
        finally:
            self._quiet = quiet

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        span = _span_of(event.option_id)
        if span is not None and not self._quiet:
            self.post_message(self.Highlighted(span))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        span = _span_of(event.option_id)
        if span is not None:
            self.post_message(self.Chosen(span))
