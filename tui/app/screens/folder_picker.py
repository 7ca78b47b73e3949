"""A small chooser of the folder the library keeps, each folder with its count."""

from __future__ import annotations

from collections.abc import Sequence
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
from tui.core.text.textsafety import one_line

ALL_FOLDERS = "all"
"""The option that keeps every folder."""
TOP_LABEL = "(the corpus folder itself)"
"""How the picker names the folder at the top (``folder:.`` in the filter)."""


def folder_label(folder: str) -> str:
    """A folder as the picker lists it (the top one by :data:`TOP_LABEL`)."""
    return one_line(folder) if folder else TOP_LABEL


class FolderPickerScreen(ModalScreen[str | None]):
    """``enter`` keeps the folder under the cursor (or every folder), ``escape`` leaves
    the filter as it was. Dismissed with the folder (``""``: the corpus's own folder),
    None for every folder, or the folder kept before when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.FOLDER_PICKER

    def __init__(self, counts: Sequence[tuple[str, int]], current: str | None = None) -> None:
        super().__init__()
        self.counts = list(counts)
        self.folders = [folder for folder, _ in self.counts]
        self.current = current
        """The folder kept now (folded, as the filter holds it), None for all."""

    def _options(self) -> list[Option]:
        total = sum(count for _, count in self.counts)
        width = max((len(folder_label(f)) for f in self.folders), default=0)
        width = max(width, len("All folders"))
        options = [
            Option(Text(f"{'All folders':<{width}}  {total:>5}"), id=ALL_FOLDERS),
        ]
        for number, (folder, count) in enumerate(self.counts):
            label = Text(f"{folder_label(folder):<{width}}  ")
            label.append(f"{count:>5}", style="dim")
            options.append(Option(label, id=str(number)))
        return options

    def compose(self) -> ComposeResult:
        with Vertical(id="folder-dialog"):
            yield OptionList(*self._options(), id="folder-options", markup=False)
            yield Static(
                Text("enter keeps a folder · escape cancels", style="dim"),
                id="folder-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#folder-dialog").border_title = "Keep the articles of one folder"
        options = self.query_one(OptionList)
        folded = [folder.casefold() for folder in self.folders]
        if self.current is not None and self.current in folded:
            options.highlighted = folded.index(self.current) + 1
        else:
            options.highlighted = 0
        options.focus()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        folded = [folder.casefold() for folder in self.folders]
        keep = self.current
        if keep is not None and keep in folded:
            self.dismiss(self.folders[folded.index(keep)])
        else:
            self.dismiss(keep)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == ALL_FOLDERS or event.option_id is None:
            self.dismiss(None)
        else:
            self.dismiss(self.folders[int(event.option_id)])
