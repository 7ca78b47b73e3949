"""The list of warnings found while loading the file."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app import bindings
from tui.core.document.diagnostics import Diagnostic
from tui.core.text.textsafety import one_line


class ProblemsScreen(ModalScreen[Diagnostic | None]):
    """Each problem as ``FILE:LINE:COLUMN: severity: message``; ``enter`` dismisses with
    the chosen one, so the reader can go to the annotation at fault."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.PROBLEMS

    def __init__(self, diagnostics: tuple[Diagnostic, ...], *, title: str | None = None) -> None:
        super().__init__()
        self.diagnostics = diagnostics
        self.title_text = title

    def compose(self) -> ComposeResult:
        options = [
            Option(Text(one_line(d.format())), id=str(number))
            for number, d in enumerate(self.diagnostics)
        ]
        with Vertical(id="problems-dialog"):
            yield OptionList(*options, id="problems", markup=False)

    def on_mount(self) -> None:
        count = len(self.diagnostics)
        self.query_one("#problems-dialog").border_title = Text(
            self.title_text
            or f"{count} problem{'s' if count != 1 else ''} in this file (enter goes there)"
        )
        self.query_one(OptionList).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_first(self) -> None:
        self.query_one(OptionList).action_first()

    def action_last(self) -> None:
        self.query_one(OptionList).action_last()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.diagnostics[int(event.option_id or 0)])
