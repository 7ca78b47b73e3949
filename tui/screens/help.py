"""The help screen, generated from the bindings so it never goes stale."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def _library_sections() -> list[tuple[str, list[BindingType]]]:
    from tui.screens.corpus_reader import CorpusReaderScreen
    from tui.screens.entity_index import (
        EntityIndexScreen,
        EntityMentionsScreen,
        TellingsScreen,
    )
    from tui.screens.library import LibraryScreen

    return [
        ("Library", LibraryScreen.BINDINGS),
        ("Reading in a library", CorpusReaderScreen.BINDINGS),
        ("Entity index", EntityIndexScreen.BINDINGS),
        ("Mentions of a corpus entity", EntityMentionsScreen.BINDINGS),
        ("Tellings of a corpus event", TellingsScreen.BINDINGS),
    ]


def _sections() -> list[tuple[str, list[BindingType]]]:
    # Imported here: the app imports this module lazily, and the classes import the app's parts.
    from tui.app import GlossApp
    from tui.screens.reader import ReaderScreen
    from tui.screens.timeline import TimelineScreen
    from tui.widgets.article_view import ArticleView
    from tui.widgets.entity_list import EntityList
    from tui.widgets.event_list import EventList
    from tui.widgets.timeline_view import TimelineView

    return [
        ("Everywhere", GlossApp.BINDINGS),
        ("Reading", ReaderScreen.BINDINGS),
        ("Entity list", EntityList.BINDINGS),
        ("Article", ArticleView.BINDINGS),
        ("Event list", EventList.BINDINGS),
        ("Timeline (T)", [*TimelineView.BINDINGS, *TimelineScreen.BINDINGS]),
    ]


EXTRA_KEYS: list[tuple[str, str, str]] = [
    ("Everywhere", "tab / shift+tab", "Move focus: entities → article → events → details"),
    ("Everywhere", "ctrl+p", "Command palette: every action by name"),
]


def binding_rows(*, library: bool = False) -> list[tuple[str, str, str]]:
    """``(section, keys, description)`` for every binding with a description (with
    ``library``: also those of the library and its screens)."""
    rows: list[tuple[str, str, str]] = []
    sections = _sections() + (_library_sections() if library else [])
    for section, bindings in sections:
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = " / ".join(_key_name(k) for k in binding.key.split(","))
            rows.append((section, keys, binding.description))
    rows.extend(EXTRA_KEYS)
    return rows


_KEY_NAMES = {
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "slash": "/",
    "question_mark": "?",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "space": "space",
    "plus": "+",
    "equals_sign": "=",
    "minus": "-",
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
}


def _key_name(key: str) -> str:
    key = key.strip()
    return _KEY_NAMES.get(key, key)


class HelpScreen(ModalScreen[None]):
    """Every key, by where it works."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
    ]

    def __init__(self, *, library: bool = False) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, expand=True, pad_edge=False)
        table.add_column("keys", style="bold", no_wrap=True)
        table.add_column("does", ratio=1)
        section_shown = None
        for section, keys, description in binding_rows(library=self.library):
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
