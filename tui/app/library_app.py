"""``gloss DIR`` and ``gloss A.yaml B.yaml``: the library app over a corpus index."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

if TYPE_CHECKING:
    from tui.app.screens.reader import ReaderScreen

from tui.app import bindings
from tui.app.bindings import palette_commands
from tui.app.collector import Collector
from tui.app.edit_files import confirm_leaving, offer_restore, open_session
from tui.app.screens.library import LibraryScreen
from tui.core.corpus.backend import CorpusStore, StoreFailure, open_store
from tui.core.corpus.discovery import CorpusSource
from tui.core.corpus.targets import source_of
from tui.core.text.textsafety import one_line


class LibraryApp(App[None]):
    """The articles of a corpus; each opens in the reader."""

    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "library.tcss", "crossdoc.tcss"]
    TITLE = "gloss"
    BINDINGS: ClassVar[list[BindingType]] = bindings.LIBRARY_APP

    def __init__(self, index: CorpusStore, name: str) -> None:
        """Show the library of ``index`` (opened, not necessarily up to date).

        Args:
            index: the corpus index; the library refreshes it in a worker.
            name: the corpus as the user named it (``content/``).
        """
        super().__init__()
        self.index = index
        self.corpus_name = name
        self.library = LibraryScreen(index, name)
        self.collector = Collector()
        """The garbage collector's schedule while readers are open (see tui.app.collector)."""

    def on_mount(self) -> None:
        self.title = f"gloss: {one_line(self.corpus_name)}"
        self.push_screen(self.library)

    # -- what the library's screens ask to open ------------------------------------------
    def on_library_screen_open_article(self, message: LibraryScreen.OpenArticle) -> None:
        """Read an article of the library; a file with errors shows its problems instead."""
        from tui.app.screens.corpus_reader import CorpusReaderScreen
        from tui.core.loading.bare import load_target

        # A text of the library that no annotation file names is read bare.
        result = load_target(message.absolute)
        if result.document is None:
            from tui.app.screens.problems import ProblemsScreen

            if message.replace is not None:
                self.pop_screen()
            self.push_screen(ProblemsScreen(result.diagnostics))
            return
        # A reader taking another's place keeps where that one was opened from.
        origin, depth = message.origin, None
        if origin is None and isinstance(message.replace, CorpusReaderScreen):
            origin, depth = message.replace.origin, message.replace.origin_depth
        reader = CorpusReaderScreen(
            result.document,
            result.diagnostics,
            self.library,
            message.path,
            message.trail,
            collector=self.collector,
            new_annotation=result.new_annotation,
            origin=origin,
            origin_depth=depth,
        )
        new = result.new_annotation
        annotation = new.yaml_path if new is not None else result.path
        reader.annotation_path = annotation
        reader.session_opener = lambda: open_session(
            annotation, reader.document, exists=new is None
        )
        reader.when_filled(offer_restore, self, reader)
        if message.replace is not None:
            self.switch_screen(reader)
        else:
            self.push_screen(reader)
        self.library.show_row(message.path)

    def on_edits_saved(self) -> None:
        """A reader saved its file: the index takes the new version (a bare text's first
        save makes it an annotated article)."""
        reader = self.reader
        if reader is not None:
            reader.new_annotation = None
        self.library.refresh_index()

    @property
    def reader(self) -> ReaderScreen | None:
        """The reader on top, if the screen on top is one."""
        from tui.app.screens.reader import ReaderScreen

        screen = self.screen
        return screen if isinstance(screen, ReaderScreen) else None

    async def action_quit(self) -> None:
        """Quit; unsaved edits in the reader are asked about first."""
        confirm_leaving(self, self.reader, "quit", self.exit)

    def on_library_screen_open_search(self) -> None:
        from tui.app.screens.search import SearchScreen

        self.push_screen(SearchScreen(self.library))

    def on_library_screen_open_entity_index(self, message: LibraryScreen.OpenEntityIndex) -> None:
        from tui.app.screens.entity_index import EntityIndexScreen, EntityMentionsScreen

        entity = message.entity
        self.push_screen(EntityIndexScreen(self.library, start_key=entity.key if entity else None))
        if entity is not None:
            self.push_screen(EntityMentionsScreen(self.library, entity, at=message.at))

    def on_library_screen_open_tellings(self, message: LibraryScreen.OpenTellings) -> None:
        from tui.app.screens.tellings import TellingsScreen

        self.push_screen(TellingsScreen(self.library, message.event))

    def action_help(self) -> None:
        """Show every key of the reader."""
        from tui.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(library=True))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from tui.app.screens.reader import ReaderScreen

        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            yield from palette_commands(screen, {})


def corpus_name(paths: Sequence[str], source: CorpusSource) -> str:
    """How the title names the corpus: the folder as given, or the number of files."""
    if len(paths) == 1:
        return paths[0]
    return f"{len(paths)} files in {source.display_root}"


def make_library_app(
    paths: Sequence[str], *, name: str | None = None, database: str | None = None
) -> LibraryApp:
    """Build the library app for a folder or files (used by the command, tests, screenshots).

    ``name`` replaces how the corpus is named in titles (screenshots of a temporary folder).

    ``database``: keep the index there (a ``postgresql://`` address) instead of the cache.

    Raises:
        ValueError: when the paths name no corpus, or the database cannot be used; the
            message says why (never with a password).
    """
    source = source_of(paths, walk=False)
    if isinstance(source, str):
        raise ValueError(source)
    try:
        index = open_store(source, database)
    except StoreFailure as failure:
        raise ValueError(str(failure)) from None
    return LibraryApp(index, name or corpus_name(paths, source))


def run_library(paths: Sequence[str], *, database: str | None = None) -> int:
    """Open the library; a usage mistake (or a database that cannot be used) prints one
    line and exits 2."""
    try:
        app = make_library_app(paths, database=database)
    except ValueError as error:
        print(f"gloss: {one_line(str(error))}", file=sys.stderr)
        return 2
    interactive = (sys.stdout.isatty() and sys.stdin.isatty()) or bool(
        os.environ.get("GLOSS_FORCE_TTY")
    )
    if not interactive:
        print(
            "gloss: the library needs a terminal (stdin and stdout are not a TTY); "
            "use 'gloss search' or 'gloss check' in scripts",
            file=sys.stderr,
        )
        return 2
    try:
        app.run()
    finally:
        app.index.close()
    return app.return_code or 0
