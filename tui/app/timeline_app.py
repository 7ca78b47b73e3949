"""``gloss timeline DIR --interactive``: the corpus timeline as its own application."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import App
from textual.binding import BindingType

from tui.app import bindings
from tui.app.collector import Collector
from tui.core.timeline.table import Loaded


class CorpusTimelineApp(App[None]):
    """The timeline of several documents, with the reader one key away."""

    CSS_PATH = "app.tcss"
    TITLE = "gloss timeline"
    BINDINGS: ClassVar[list[BindingType]] = bindings.TIMELINE_APP

    def __init__(self, loaded: Sequence[Loaded], *, entity: str | None = None) -> None:
        super().__init__()
        self.loaded = list(loaded)
        self.entity = entity
        self.collector = Collector()
        """The garbage collector's schedule while readers are open (see tui.app.collector)."""

    def on_mount(self) -> None:
        from tui.app.screens.corpus_timeline import CorpusTimelineScreen

        documents = [item.document for item in self.loaded]
        self.push_screen(
            CorpusTimelineScreen(documents, entity=self.entity, collector=self.collector)
        )

    def action_help(self) -> None:
        """Show every key."""
        from tui.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
