"""The gloss application: takes an already-loaded document and shows the reader."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.core.diagnostics import Diagnostic
from tui.core.loader import load
from tui.core.model import Document
from tui.core.textsafety import one_line
from tui.screens.reader import ReaderScreen


class GlossApp(App[None]):
    """A terminal reader for annotated articles."""

    CSS_PATH = "app.tcss"
    TITLE = "gloss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, document: Document, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__()
        self.document = document
        self.diagnostics = diagnostics
        self.title = one_line(document.info.title or document.info.id)

    def on_mount(self) -> None:
        self.push_screen(ReaderScreen(self.document, self.diagnostics))

    def action_help(self) -> None:
        """Show every key."""
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, ReaderScreen):
            return
        for title, help_text, action in PALETTE_ACTIONS:
            yield SystemCommand(title, help_text, _runner(screen, action))


def _runner(screen: ReaderScreen, action: str) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await screen.run_action(action)

    return run


PALETTE_ACTIONS: list[tuple[str, str, str]] = [
    ("Next mention", "Next mention of the selected entity (n)", "next_mention"),
    ("Previous mention", "Previous mention of the selected entity (N)", "previous_mention"),
    ("Next annotated mention", "Next mention of any entity (])", "next_any"),
    ("Previous annotated mention", "Previous mention of any entity ([)", "previous_any"),
    ("Next event", "Jump to the next event passage (e)", "next_event"),
    ("Previous event", "Jump to the previous event passage (E)", "previous_event"),
    ("Search", "Filter entities and find text (/)", "search"),
    ("Filter by type", "Show entities of one type (t)", "type_filter"),
    ("Toggle entity pane", "Show or hide the entity sidebar (<)", "toggle_entities"),
    ("Toggle event pane", "Show or hide the event sidebar (>)", "toggle_events"),
    ("Toggle details pane", "Show or hide the details panel (D)", "toggle_details"),
    ("Show problems", "List the warnings found in the file (p)", "problems"),
    ("Clear selection", "Clear selection, filters and search (escape)", "clear"),
    ("Top of article", "Go to the start of the article (g)", "top"),
    ("Bottom of article", "Go to the end of the article (G)", "bottom"),
]


def make_app(path: str) -> GlossApp:
    """Load ``path`` and build the app around it (used by tests and screenshots).

    Raises:
        ValueError: when the file has errors; the message lists them.
    """
    result = load(path)
    if result.document is None:
        raise ValueError("\n".join(d.format() for d in result.diagnostics))
    return GlossApp(result.document, result.diagnostics)
