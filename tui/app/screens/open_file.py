"""Open another annotation file: recent files first, then a tree of folders."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, OptionList, Static
from textual.widgets.option_list import Option

from tui.app import bindings
from tui.core.files.recent import read_recent
from tui.core.text.textsafety import one_line


class AnnotationTree(DirectoryTree):
    """Folders and YAML files only (hidden ones left out)."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (path.is_dir() or path.suffix.lower() in (".yaml", ".yml"))
        ]


class OpenFileScreen(ModalScreen[str | None]):
    """Dismisses with the chosen annotation file, or None."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.OPEN_FILE

    def __init__(self, start: str) -> None:
        super().__init__()
        self.start = start

    def compose(self) -> ComposeResult:
        recent = read_recent()
        with Vertical(id="open-dialog"):
            if recent:
                yield Static(Text("Recent files", style="bold"), markup=False)
                yield OptionList(
                    *(Option(Text(one_line(path)), id=path) for path in recent),
                    id="recent-files",
                    markup=False,
                )
            yield Static(Text("Folders", style="bold"), markup=False)
            yield AnnotationTree(self.start, id="file-tree")

    def on_mount(self) -> None:
        self.query_one("#open-dialog").border_title = "Open an annotation file (escape cancels)"
        recent = self.query(OptionList)
        (recent.first() if recent else self.query_one(AnnotationTree)).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#recent-files")
    def _recent_chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    @on(DirectoryTree.FileSelected)
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(str(event.path))
