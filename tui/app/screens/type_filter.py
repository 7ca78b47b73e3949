"""A small chooser of the entity types the reader shows, one or several at once."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app import bindings
from tui.core.document.model import Document
from tui.core.text.textsafety import one_line

ALL_TYPES = "*"

TypeChoice = frozenset[str] | str | None
"""What the screen dismisses with: the types to show, None for all, "" when cancelled."""


class TypeFilterScreen(ModalScreen[TypeChoice]):
    """``space`` ticks types in or out; ``enter`` shows the ticked ones, or only the type
    under the cursor when nothing was ticked; ``escape`` leaves things as they were."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.TYPE_FILTER

    def __init__(self, document: Document, shown: frozenset[str] | None = None) -> None:
        super().__init__()
        self.document = document
        self.codes = list(document.entity_types_in_use)
        self.ticked: set[str] = set(self.codes if shown is None else shown)
        self._ticking = False
        """Whether the reader ticked anything here (then enter applies the ticks)."""

    def _label(self, code: str | None, counts: dict[str, int]) -> Text:
        if code is None:
            mark = "[x]" if len(self.ticked) == len(self.codes) else "[ ]"
            return Text(f"{mark} All types  {len(self.document.entities)}")
        label = Text(f"{'[x]' if code in self.ticked else '[ ]'} {code}  ")
        label.append(one_line(self.document.type_label(code)))
        label.append(f"  {counts.get(code, 0)}", style="dim")
        return label

    def _options(self) -> list[Option]:
        counts: dict[str, int] = {}
        for entity in self.document.entities:
            counts[entity.type] = counts.get(entity.type, 0) + 1
        options = [Option(self._label(None, counts), id=ALL_TYPES)]
        options.extend(Option(self._label(code, counts), id=code) for code in self.codes)
        return options

    def compose(self) -> ComposeResult:
        with Vertical(id="type-dialog"):
            yield OptionList(*self._options(), id="type-options", markup=False)
            yield Static(
                Text("space ticks · enter shows · escape cancels", style="dim"),
                id="type-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#type-dialog").border_title = "Show entities of type"
        self.query_one(OptionList).focus()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss("")

    def action_tick(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        code = options.get_option_at_index(options.highlighted).id
        if code == ALL_TYPES:
            everything = len(self.ticked) == len(self.codes)
            self.ticked = set() if everything else set(self.codes)
        elif code is not None:
            self.ticked ^= {code}
        self._ticking = True
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = highlighted

    def _result(self) -> frozenset[str] | None:
        return None if len(self.ticked) == len(self.codes) else frozenset(self.ticked)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if self._ticking:
            self.dismiss(self._result())
        elif event.option_id == ALL_TYPES:
            self.dismiss(None)
        elif event.option_id is not None:
            self.dismiss(frozenset({event.option_id}))
