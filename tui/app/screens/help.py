"""The help screen, generated from the bindings so it never goes stale."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app import bindings
from tui.app.bindings import binding_rows
from tui.app.textual_private import keymap_of


class HelpScreen(ModalScreen[None]):
    """Every key, by where it works."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.HELP

    def __init__(self, *, library: bool = False) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, expand=True, pad_edge=False)
        table.add_column("keys", style="bold", no_wrap=True)
        table.add_column("does", ratio=1)
        section_shown = None
        keymap = keymap_of(self.app)
        for section, keys, description in binding_rows(keymap, library=self.library):
            if section != section_shown:
                if section_shown is not None:
                    table.add_row("", "")
                table.add_row(Text(section, style="underline"), "")
                section_shown = section
            table.add_row(Text(keys), Text(description))
        with VerticalScroll(id="help-dialog"):
            yield Static(table, id="help-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#help-dialog").border_title = "Keys (escape closes)"

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-dialog", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#help-dialog", VerticalScroll).scroll_up(animate=False)

    def action_scroll_home(self) -> None:
        self.query_one("#help-dialog", VerticalScroll).scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.query_one("#help-dialog", VerticalScroll).scroll_end(animate=False)
