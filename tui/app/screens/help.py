"""The help screen, generated from the bindings so it never goes stale."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def binding_classes() -> list[tuple[str, list[BindingType]]]:
    """Each section of help with the bindings it lists."""
    return _sections()


def _library_sections() -> list[tuple[str, list[BindingType]]]:
    from tui.app.screens.corpus_reader import CorpusReaderScreen
    from tui.app.screens.entity_index import (
        EntityIndexScreen,
        EntityMentionsScreen,
        TellingsScreen,
    )
    from tui.app.screens.library import LibraryScreen

    return [
        ("Library", LibraryScreen.BINDINGS),
        ("Reading in a library", CorpusReaderScreen.BINDINGS),
        ("Entity index", EntityIndexScreen.BINDINGS),
        ("Mentions of a corpus entity", EntityMentionsScreen.BINDINGS),
        ("Tellings of a corpus event", TellingsScreen.BINDINGS),
    ]


def _sections() -> list[tuple[str, list[BindingType]]]:
    # Imported here: the app imports this module lazily, and the classes import the app's parts.
    from tui.app.reader_app import GlossApp
    from tui.app.screens.reader import ReaderScreen
    from tui.app.screens.timeline import TimelineScreen
    from tui.app.widgets.article_view import ArticleView
    from tui.app.widgets.details import DetailLinks
    from tui.app.widgets.entity_list import EntityList
    from tui.app.widgets.event_list import EventList
    from tui.app.widgets.timeline_view import TimelineView

    return [
        ("Everywhere", GlossApp.BINDINGS),
        ("Reading", ReaderScreen.BINDINGS),
        ("Entity list", EntityList.BINDINGS),
        ("Article", ArticleView.BINDINGS),
        ("Event list", EventList.BINDINGS),
        ("Details", DetailLinks.BINDINGS),
        ("Timeline (T)", [*TimelineView.BINDINGS, *TimelineScreen.BINDINGS]),
    ]


EXTRA_KEYS: list[tuple[str, str, str]] = [
    ("Everywhere", "tab / shift+tab", "Move focus: entities → article → events → details"),
    ("Everywhere", "ctrl+p", "Command palette: every action by name"),
]


def binding_rows(
    keymap: Mapping[str, str] | None = None, *, library: bool = False
) -> list[tuple[str, str, str]]:
    """``(section, keys, description)`` for every binding with a description, each
    section once, in the order the sections are listed (with ``library``: also those of
    the library and its screens); keys from ``keymap`` (the user's configuration)
    replace the defaults, so help shows the keys in force."""
    rows: list[tuple[str, str, str]] = []
    listed: set[str] = set()
    keymap = keymap or {}
    sections = _sections() + (_library_sections() if library else [])
    for section, bindings in sections:
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.id and binding.id in listed:
                continue  # a screen that only shows another's key in its footer
            listed.add(binding.id or "")
            key_string = keymap.get(binding.id or "", binding.key)
            keys = " / ".join(_key_name(k) for k in key_string.split(","))
            rows.append((section, keys, binding.description))
        rows.extend(extra for extra in EXTRA_KEYS if extra[0] == section)
    return rows


_KEY_NAMES = {
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "slash": "/",
    "question_mark": "?",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "space": "space",
    "home": "home",
    "end": "end",
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
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, *, library: bool = False) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, expand=True, pad_edge=False)
        table.add_column("keys", style="bold", no_wrap=True)
        table.add_column("does", ratio=1)
        section_shown = None
        keymap = getattr(self.app, "_keymap", None)
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
