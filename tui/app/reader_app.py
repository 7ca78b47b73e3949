"""The gloss application: takes an already-loaded document and shows the reader."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Collection, Iterable, Iterator
from functools import cached_property
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.app.bindings import give_binding_ids
from tui.app.screens.reader import ReaderScreen
from tui.core.document.diagnostics import Diagnostic
from tui.core.document.model import Document
from tui.core.loading.loader import LoadResult, load
from tui.core.text.textsafety import one_line


class GlossApp(App[None]):
    """A terminal reader for annotated articles."""

    CSS_PATH = "app.tcss"
    TITLE = "gloss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("O", "open_file", "Open file", show=False),
    ]

    def __init__(
        self,
        document: Document | None,
        diagnostics: tuple[Diagnostic, ...] = (),
        *,
        load_path: str | None = None,
        source_path: str | None = None,
        theme_name: str | None = None,
        allow_outside: bool = False,
    ) -> None:
        """Show ``document``; or, with ``load_path``, load that file in a thread first.

        Args:
            document: an already-loaded document, or None with ``load_path``.
            diagnostics: the warnings found when it was loaded.
            load_path: an annotation file to load in the background while its text shows.
            source_path: the annotation file ``document`` came from: watched for changes
                (the reader reloads) and opened by the edit key.
            theme_name: a theme for this run, over the configuration's.
            allow_outside: let that file's article text resolve outside its folder.
        """
        super().__init__()
        if document is None and load_path is None:
            raise ValueError("GlossApp needs a document or a file to load")
        self.document = document
        self.diagnostics = diagnostics
        self.load_path = load_path
        self.allow_outside = allow_outside
        self.failed_load: LoadResult | None = None
        """Set when a background load found errors; the command prints them after exit."""
        self.source_path = source_path or load_path
        self.theme_name = theme_name
        self.startup_notices: list[str] = []
        """One-line notices to show once the reader is up (a state file not saved...)."""
        self.remember_as_recent: str | None = None
        """A file to put first in the recent files once the reader is on screen."""
        self._stamps: tuple[tuple[int, int], ...] | None = None

    def _apply_config(self) -> None:
        """Theme and keys from the user's configuration; what is wrong with it is said
        in the app (FILE:LINE:COLUMN) and left out."""
        from tui.core.files.config import read_config

        config = read_config(binding_ids=_BindingIds(), themes=set(self.available_themes))
        problems = config.problems
        if config.keys:
            self.set_keymap(config.keys)
        theme = self.theme_name or config.theme
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        for problem in problems:  # the path, too, may hold anything
            self.notify(one_line(problem.format()), severity="warning", timeout=10, markup=False)
        for notice in self.startup_notices:
            self.notify(one_line(notice), severity="warning", timeout=10, markup=False)

    def on_mount(self) -> None:
        self._apply_config()
        if self.remember_as_recent is not None:
            # Saving the list (a write and an fsync) can wait until the text is shown.
            self.call_after_refresh(self._remember_recent, self.remember_as_recent)
        if self.source_path is not None:
            self.set_interval(1.0, self._reload_if_changed, name="watch files")
        if self.document is not None:
            # After Textual's start-up batch: a screen pushed inside it is laid out and
            # rendered once for nothing (the batch drops that frame), then again.
            self.call_next(self._open, self.document, self.diagnostics, top_offset=0)
            return
        from tui.app.screens.loading import LoadingScreen

        assert self.load_path is not None
        loading = LoadingScreen(self.load_path, allow_outside=self.allow_outside)

        def loaded(result: LoadResult | None) -> None:
            if result is None or result.document is None:
                self.failed_load = result
                self.exit(return_code=1)
                return
            self.document = result.document
            self.diagnostics = result.diagnostics
            self._open(result.document, result.diagnostics, top_offset=loading.top_offset)

        self.push_screen(loading, loaded)

    def _remember_recent(self, path: str) -> None:
        from tui.core.files.recent import remember

        problem = remember(path)
        if problem is not None:
            self.notify(one_line(problem), severity="warning", timeout=10, markup=False)

    def _open(
        self, document: Document, diagnostics: tuple[Diagnostic, ...], *, top_offset: int
    ) -> None:
        self.title = one_line(document.info.title or document.info.id)
        from tui.app.screens import jumping

        reader = ReaderScreen(document, diagnostics)
        reader.path = self.source_path or ""
        self._stamps = self._file_stamps()
        self.push_screen(reader)
        if top_offset:
            # Keep the reader where they had scrolled the text while it loaded.
            reader.when_filled(reader.article.scroll_to_offset, top_offset)
        else:
            reader.when_filled(jumping.arrive, reader)

    @property
    def reader(self) -> ReaderScreen | None:
        """The reader, under any dialog open over it."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ReaderScreen):
                return screen
        return None

    def remember_place(self) -> None:
        """Keep where the reader is, for the next time this article opens."""
        from tui.app.screens import jumping

        if self.reader is not None:
            jumping.leave(self.reader)

    async def action_quit(self) -> None:
        """Quit, remembering where the reader was."""
        self.remember_place()
        await super().action_quit()

    # -- reloading ----------------------------------------------------------------------
    def _file_stamps(self) -> tuple[tuple[int, int], ...] | None:
        """Size and modification time of the annotation file and its text."""
        from tui.app.live import file_stamps

        if self.source_path is None or self.document is None:
            return None
        return file_stamps(self.source_path, self.document.info.text_path)

    def _reload_if_changed(self) -> None:
        stamps = self._file_stamps()
        if stamps is None or stamps == self._stamps or not isinstance(self.screen, ReaderScreen):
            return  # unchanged, or a dialog is open: try again on the next tick
        self._stamps = stamps
        self.reload_document()

    def reload_document(self) -> bool:
        """Load the file again and show it where the reader was; on errors keep the last
        good view and list the errors. Returns whether the new version is shown."""
        from tui.app.live import reload_into

        if self.source_path is None or not isinstance(self.screen, ReaderScreen):
            return False
        self.remember_place()
        self._stamps = self._file_stamps()
        return reload_into(self, self.screen, self.source_path)

    def action_open_file(self) -> None:
        """Choose another annotation file (recent ones first) and read it."""
        from tui.app.screens.open_file import OpenFileScreen

        start = os.path.dirname(os.path.abspath(self.source_path or ".")) or "."
        relative = os.path.relpath(start)
        if not relative.startswith(".."):
            start = relative  # shorter, and what the reader typed on the command line
        self.push_screen(OpenFileScreen(start), self._open_chosen)

    def _open_chosen(self, path: str | None) -> None:
        from tui.app.live import open_other

        if path is not None:
            self.remember_place()
        opened = (
            path is not None
            and isinstance(self.screen, ReaderScreen)
            and open_other(self, self.screen, path)
        )
        if opened:
            self._stamps = self._file_stamps()

    def open_in_editor(self, line: int, column: int) -> None:
        """Suspend, run the editor on the annotation file at ``line``/``column``, reload."""
        from tui.app.live import run_editor

        if self.source_path is None:
            return
        problem = run_editor(self, self.source_path, line, column)
        if problem is not None and isinstance(self.screen, ReaderScreen):
            self.screen.say(problem, warning=True)
            return
        self.reload_document()

    def action_help(self) -> None:
        """Show every key."""
        from tui.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                # Textual's own says only "Failed" when it cannot save; this one names the
                # file it wrote or why it could not.
                yield SystemCommand(
                    "Screenshot",
                    "Save an SVG picture of the screen in the current directory",
                    lambda: self.set_timer(0.1, self.action_screenshot),
                )
            else:
                yield command
        yield SystemCommand("Help", "Every key, by where it works (?)", self.action_help)
        yield SystemCommand(
            "Open file",
            "Open another annotation file, or a recent one (O)",
            self.action_open_file,
        )
        if isinstance(screen, ReaderScreen):
            for title, help_text, action in PALETTE_ACTIONS:
                rebound = self._keymap.get(f"reader.{action}")
                if rebound is not None and help_text.endswith(")"):
                    # Name the key in force, not the default one.
                    help_text = f"{help_text.rpartition(' (')[0]} ({rebound})"
                yield SystemCommand(title, help_text, _runner(screen, action))
            return
        # Other screens (help, problems, type filter): their own keys, by name.
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                yield SystemCommand(
                    binding.description,
                    f"{binding.description} ({binding.key})",
                    _runner(screen, binding.action),
                )

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG picture of the screen and say where, or why it could not be saved."""
        from tui.app.screenshot import save_screen_picture

        message, ok = save_screen_picture(self, filename, path)
        self.clear_notifications()
        self.notify(one_line(message), severity="information" if ok else "error", markup=False)


class _BindingIds(Collection[str]):
    """The ids a configuration may rebind, gathered on first use: that means importing
    every screen that has keys, which a configuration without ``[keys]`` never needs."""

    @cached_property
    def _ids(self) -> frozenset[str]:
        from tui.app.bindings import bindable

        return frozenset(binding_id for binding_id, _keys, _description in bindable())

    def __contains__(self, binding_id: object) -> bool:
        return binding_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def _runner(screen: Screen[Any], action: str) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await screen.run_action(action)

    return run


PALETTE_ACTIONS: list[tuple[str, str, str]] = [
    # Titles and help name each action in the words a reader would search for.
    ("Next mention", "Next mention of the selected entity (n)", "next_mention"),
    ("Previous mention", "Previous mention of the selected entity (N)", "previous_mention"),
    ("Next annotated mention", "Next mention of any entity (])", "next_any"),
    ("Previous annotated mention", "Previous mention of any entity ([)", "previous_any"),
    ("Next event", "Jump to the next event passage (e)", "next_event"),
    ("Previous event", "Jump to the previous event passage (E)", "previous_event"),
    ("Jump back", "Back to where the last jump left (ctrl+o)", "jump_back"),
    ("Jump forward", "Forward again after jumping back (ctrl+f)", "jump_forward"),
    ("Search", "Filter entities and find text (/)", "search"),
    ("Filter by type", "Show or hide entity types, in the sidebar and the text (t)", "type_filter"),
    ("Plain reading", "Colours on/off: the text without type colours (c)", "toggle_plain"),
    ("Timeline", "The article's events on a time axis (T)", "timeline"),
    ("Toggle entity pane", "Show or hide the entity sidebar (<)", "toggle_entities"),
    ("Toggle event pane", "Show or hide the event sidebar (>)", "toggle_events"),
    ("Toggle details pane", "Show or hide the details panel (D)", "toggle_details"),
    ("Show problems", "List the warnings found in the file (p)", "problems"),
    ("Clear selection", "Clear selection, filters and search (escape)", "clear"),
    ("Top of article", "Go to the start of the article (g)", "top"),
    ("Bottom of article", "Go to the end of the article (G)", "bottom"),
    ("Copy the sentence", "Copy the mention's sentence or the event's passage (y)", "copy"),
    ("Edit the annotation file", "Open it in $VISUAL / $EDITOR at the selection (v)", "edit"),
    ("Reload", "Load the annotation file and its text again (r)", "reload"),
    ("Page down", "Scroll the article one page down (space)", "page_down"),
    ("Page up", "Scroll the article one page up (b)", "page_up"),
    (
        "Events by date or in text order",
        "Order the event list by date ⇄ in text order (o in the event list)",
        "toggle_event_order",
    ),
]


def open_app(path: str) -> GlossApp:
    """The app as ``gloss FILE`` builds it: large files load in a thread behind their text.

    Raises:
        ValueError: when a file loaded up front has errors; the message lists them.
    """
    from tui.core.loading.preview import loads_in_background

    if loads_in_background(path):
        return GlossApp(None, load_path=path)
    return make_app(path)


def make_app(path: str) -> GlossApp:
    """Load ``path`` and build the app around it (used by tests and screenshots).

    Raises:
        ValueError: when the file has errors; the message lists them.
    """
    result = load(path)
    if result.document is None:
        raise ValueError("\n".join(d.format() for d in result.diagnostics))
    return GlossApp(result.document, result.diagnostics, source_path=path)


# Binding ids ("scope.action") let a user's configuration rebind these keys.
give_binding_ids(GlossApp, "app")
