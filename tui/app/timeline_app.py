"""``gloss timeline DIR --interactive``: the corpus timeline as its own application."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import ClassVar

from textual.app import App
from textual.binding import BindingType

from tui.app import bindings
from tui.app.collector import Collector
from tui.core.timeline.table import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Loaded,
    load_target,
)


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


def run_corpus_timeline(target: str, *, entity: str | None = None) -> int:
    """Load, report problems, then take over the terminal with the corpus timeline."""
    loaded, _is_folder, failed = load_target(target)
    if not loaded:
        return EXIT_PROBLEMS
    interactive = (sys.stdout.isatty() and sys.stdin.isatty()) or bool(
        os.environ.get("GLOSS_FORCE_TTY")
    )
    if not interactive:
        print(
            "gloss: the timeline needs a terminal (stdin and stdout are not a TTY); "
            "leave out --interactive for a table",
            file=sys.stderr,
        )
        return EXIT_USAGE
    app = CorpusTimelineApp(loaded, entity=entity)
    app.run()
    return EXIT_PROBLEMS if failed else (app.return_code or EXIT_OK)
