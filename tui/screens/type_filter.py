"""A small chooser of the entity type the sidebar shows."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.model import Document
from tui.core.textsafety import one_line

ALL_TYPES = "*"


class TypeFilterScreen(ModalScreen[str | None]):
    """Dismisses with a type code, None for all types, or "" when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document

    def compose(self) -> ComposeResult:
        counts: dict[str, int] = {}
        for entity in self.document.entities:
            counts[entity.type] = counts.get(entity.type, 0) + 1
        options = [Option(Text(f"All types  {len(self.document.entities)}"), id=ALL_TYPES)]
        for code in self.document.entity_types_in_use:
            label = Text(f"{code}  ")
            label.append(one_line(self.document.type_label(code)))
            label.append(f"  {counts[code]}", style="dim")
            options.append(Option(label, id=code))
        with Vertical(id="type-dialog"):
            yield OptionList(*options, id="type-options", markup=False)

    def on_mount(self) -> None:
        self.query_one("#type-dialog").border_title = "Show entities of type"
        self.query_one(OptionList).focus()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss("")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(None if event.option_id == ALL_TYPES else event.option_id)
