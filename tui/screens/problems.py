"""The list of warnings found while loading the file."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.diagnostics import Diagnostic
from tui.core.textsafety import one_line


class ProblemsScreen(ModalScreen[None]):
    """Each problem as ``FILE:LINE:COLUMN: severity: message``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,p", "close", "Close"),
    ]

    def __init__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        super().__init__()
        self.diagnostics = diagnostics

    def compose(self) -> ComposeResult:
        options = [Option(Text(one_line(d.format()))) for d in self.diagnostics]
        with Vertical(id="problems-dialog"):
            yield OptionList(*options, id="problems", markup=False)

    def on_mount(self) -> None:
        count = len(self.diagnostics)
        self.query_one("#problems-dialog").border_title = Text(
            f"{count} problem{'s' if count != 1 else ''} in this file"
        )
        self.query_one(OptionList).focus()

    def action_close(self) -> None:
        self.dismiss(None)
