"""The gloss application: takes an already-loaded document and shows the reader."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Callable, Iterable
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from tui.app import bindings
from tui.app.bindings import bindable, palette_commands, screen_commands
from tui.app.collector import Collector
from tui.app.edit_files import confirm_leaving, offer_restore, open_session
from tui.app.render.reader_text import reader_title
from tui.app.screens.annotate_dialogs import Answer, QuestionScreen
from tui.app.screens.annotating import EditsSaved
from tui.app.screens.jumping import content_key
from tui.app.screens.reader import ReaderScreen
from tui.app.textual_private import keymap_of
from tui.core.document.diagnostics import Diagnostic
from tui.core.document.model import Document
from tui.core.loading.result import LoadResult, NewAnnotation
from tui.core.text.textsafety import one_line


def file_stamps(*paths: str) -> tuple[tuple[int, int], ...]:
    """``(size, mtime_ns)`` of each path; a missing file counts as ``(-1, -1)``."""
    stamps: list[tuple[int, int]] = []
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            stamps.append((-1, -1))
        else:
            stamps.append((status.st_size, status.st_mtime_ns))
    return tuple(stamps)


class GlossApp(App[None]):
    """A terminal reader for annotated articles."""

    CSS_PATH = "app.tcss"
    TITLE = "gloss"
    BINDINGS: ClassVar[list[BindingType]] = bindings.APP

    def __init__(
        self,
        document: Document | None,
        diagnostics: tuple[Diagnostic, ...] = (),
        *,
        load_path: str | None = None,
        source_path: str | None = None,
        theme_name: str | None = None,
        allow_outside: bool = False,
        new_annotation: NewAnnotation | None = None,
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
            new_annotation: when ``document`` is a bare text (``source_path`` is the
                text), where its annotation file will be written; None when it has one.
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
        self.new_annotation = new_annotation
        """Set while the reader shows a bare text: its annotation file does not exist
        yet, and this says where it will be written (see :mod:`tui.core.loading.bare`)."""
        self.theme_name = theme_name
        self.startup_notices: list[str] = []
        """One-line notices to show once the reader is up (a state file not saved...)."""
        self.remember_as_recent: str | None = None
        """A file to put first in the recent files once the reader is on screen."""
        self.keep_load: Callable[[], str | None] | None = None
        """Writes the document's load into the document cache (see
        :mod:`tui.core.loading.cache`) once the reader is on screen; returns a one-line
        problem when it cannot."""
        self._stamps: tuple[tuple[int, int], ...] | None = None
        self.collector = Collector()
        """The garbage collector's schedule while readers are open (see tui.app.collector)."""

    def _apply_config(self) -> None:
        """Theme and keys from the user's configuration; what is wrong with it is said
        in the app (FILE:LINE:COLUMN) and left out."""
        from tui.core.files.config import read_config

        binding_ids = frozenset(binding_id for binding_id, _keys, _description in bindable())
        config = read_config(binding_ids=binding_ids, themes=set(self.available_themes))
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

    def _keep_load(self, keep: Callable[[], str | None]) -> None:
        """Write the document cache's entry in a thread of its own (it hashes and writes
        files), saying in one line if it could not be written."""
        import threading

        def write() -> None:
            problem = keep()
            if problem is not None and self.is_running:
                with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                    self.call_from_thread(
                        self.notify, one_line(problem), severity="warning", timeout=10, markup=False
                    )

        threading.Thread(target=write, name="document cache", daemon=False).start()

    def _remember_recent(self, path: str) -> None:
        from tui.core.files.recent import remember

        problem = remember(path)
        if problem is not None:
            self.notify(one_line(problem), severity="warning", timeout=10, markup=False)

    def _open(
        self, document: Document, diagnostics: tuple[Diagnostic, ...], *, top_offset: int
    ) -> None:
        self.title = reader_title(document, not_annotated=self.new_annotation is not None)
        reader = self._new_reader(document, diagnostics, self.source_path)
        self._stamps = self._file_stamps()
        self.push_screen(reader)
        if self.keep_load is not None:
            # Once the text and the panes are drawn: the entry's hashing and writing
            # would otherwise share the first frame's time.
            reader.when_filled(self._keep_load, self.keep_load)
            self.keep_load = None
        if top_offset:
            # Keep the reader where they had scrolled the text while it loaded.
            reader.when_filled(reader.article.scroll_to_offset, top_offset)
        else:
            reader.when_filled(reader.arrive)

    def _new_reader(
        self, document: Document, diagnostics: tuple[Diagnostic, ...], path: str | None
    ) -> ReaderScreen:
        reader = ReaderScreen(
            document, diagnostics, collector=self.collector, new_annotation=self.new_annotation
        )
        reader.path = path or ""
        # A bare text has no annotation file for the edit key to open (until saved).
        reader.source_path = path if self.new_annotation is None else None
        new = self.new_annotation
        reader.annotation_path = new.yaml_path if new is not None else path
        if new is not None:
            yaml_path = new.yaml_path
            reader.session_opener = lambda: open_session(yaml_path, reader.document, exists=False)
        elif path is not None:
            reader.session_opener = lambda: open_session(path, reader.document)
        if reader.session_opener is not None:
            reader.when_filled(offer_restore, self, reader)
        return reader

    @property
    def reader(self) -> ReaderScreen | None:
        """The reader, under any dialog open over it."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ReaderScreen):
                return screen
        return None

    def remember_place(self) -> None:
        """Keep where the reader is, for the next time this article opens."""
        if self.reader is not None:
            self.reader.leave()

    async def action_quit(self) -> None:
        """Quit, remembering where the reader was; unsaved edits are asked about first."""
        confirm_leaving(self, self.reader, "quit", self._quit_now)

    def _quit_now(self) -> None:
        self.remember_place()
        self.exit()

    def on_edits_saved(self, message: EditsSaved) -> None:
        reader = self.reader
        if self.new_annotation is not None and reader is not None:
            # A bare text's first save: from now on it is an annotated article.
            self.new_annotation = None
            self.source_path = message.path
            reader.source_path = reader.path = message.path
            reader.new_annotation = None
            self.title = reader_title(reader.document, not_annotated=False)
        if reader is not None:
            self.document = reader.document
        # The file changed because the reader saved it: not a change to reload.
        self._stamps = self._file_stamps()

    # -- keeping the reader in step with the files: reload on change, the editor --------
    def _file_stamps(self) -> tuple[tuple[int, int], ...] | None:
        """Size and modification time of the annotation file and its text (of a bare
        text: the text and the annotation file it will have, which may appear)."""
        if self.source_path is None or self.document is None:
            return None
        if self.new_annotation is not None:
            return file_stamps(self.new_annotation.text_path, self.new_annotation.yaml_path)
        return file_stamps(self.source_path, self.document.info.text_path)

    def _reload_if_changed(self) -> None:
        stamps = self._file_stamps()
        if stamps is None or stamps == self._stamps or not isinstance(self.screen, ReaderScreen):
            return  # unchanged, or a dialog is open: try again on the next tick
        self._stamps = stamps
        reader = self.screen
        if reader.session_if_open is not None and reader.session_if_open.dirty:
            self._ask_which_to_keep(reader)
            return
        self.reload_document()

    def _ask_which_to_keep(self, reader: ReaderScreen) -> None:
        """The file changed outside while the reader has unsaved edits: theirs or mine."""

        def answered(key: str | None) -> None:
            if key == "t" and reader.session_if_open is not None:
                reader.session_if_open.discard_journal()
                self.reload_document()
            elif key == "k":
                reader.say("Kept your edits: saving writes them over the file's new version")

        self.push_screen(
            QuestionScreen(
                "The file changed",
                f"{one_line(self.source_path or '')} was changed outside gloss while you "
                "have unsaved edits. Keep yours, or take the file's version?",
                [Answer("k", "keep mine"), Answer("t", "take the file's")],
            ),
            answered,
        )

    def reload_document(self) -> bool:
        """Load the file again and show it where the reader was; on errors keep the last
        good view and list the errors. Returns whether the new version is shown."""
        if self.source_path is None or not isinstance(self.screen, ReaderScreen):
            return False
        self.remember_place()
        self._stamps = self._file_stamps()
        before = self.source_path
        shown = self._reload_into(self.screen, self.source_path)
        if self.source_path != before:
            self._stamps = self._file_stamps()  # other files are watched from now on
        return shown

    def on_reader_screen_reload_requested(self) -> None:
        self.reload_document()

    def _load_or_say(self, reader: ReaderScreen, path: str, errors: str, title: str) -> LoadResult:
        """Load ``path``; on errors ``reader`` says ``errors`` and the errors are listed."""
        from tui.app.screens.problems import ProblemsScreen
        from tui.core.loading.bare import load_target

        result = load_target(path, allow_outside=self.allow_outside)
        if result.document is None:
            reader.say(f"{one_line(path)} {errors}", warning=True)
            self.push_screen(ProblemsScreen(result.diagnostics, title=title))
        return result

    def _reload_into(self, reader: ReaderScreen, path: str) -> bool:
        """Show the file's new version in place of ``reader``, at the same place and with
        the same selection; on errors keep ``reader`` and list the errors."""
        result = self._load_or_say(
            reader,
            path,
            "has errors now; this is the last good version",
            "Errors: the last good version stays",
        )
        document = result.document
        if document is None:
            return False
        top = reader.article.top_offset()
        entity, event = reader.selected_entity, reader.selected_event
        same_file = result.path == self.source_path
        self._adopt(result)
        fresh = self._new_reader(document, result.diagnostics, self.source_path)
        said = "Reloaded: the file changed"
        if same_file:
            fresh.path, fresh.jumps = reader.path, reader.jumps  # the same file: the same jumps
        else:
            # A bare text whose annotation file appeared (saved, or written by someone
            # else): that file is read from now on.
            self.title = reader_title(document)
            said = f"Reloaded: the annotation file {result.path} is read now"

        def restore() -> None:
            fresh.remembered_as = content_key(fresh.path, document.text) if fresh.path else None
            fresh.article.scroll_to_offset(min(top, len(document.text)))
            if entity is not None and entity in document.entity_by_id:
                fresh.select_entity(entity, mention_index=None, jump=False)
            elif event is not None and event in document.event_by_id:
                fresh.select_event(event, jump=False)
            fresh.say(said)

        self.switch_screen(fresh)
        fresh.when_filled(restore)
        return True

    def action_open_file(self) -> None:
        """Choose another annotation file (recent ones first) and read it."""
        from tui.app.screens.open_file import OpenFileScreen

        start = os.path.dirname(os.path.abspath(self.source_path or ".")) or "."
        relative = os.path.relpath(start)
        if not relative.startswith(".."):
            start = relative  # shorter, and what the reader typed on the command line
        self.push_screen(OpenFileScreen(start), self._open_chosen)

    def _open_chosen(self, path: str | None) -> None:
        if path is not None:
            confirm_leaving(self, self.reader, "open another file", lambda: self._open_now(path))

    def _open_now(self, path: str | None) -> None:
        if path is not None:
            self.remember_place()
        opened = (
            path is not None
            and isinstance(self.screen, ReaderScreen)
            and self._open_other(self.screen, path)
        )
        if opened:
            self._stamps = self._file_stamps()

    def _open_other(self, reader: ReaderScreen, path: str) -> bool:
        """Read ``path`` and show it instead of ``reader``; on errors keep ``reader``."""
        from tui.core.files.recent import remember

        result = self._load_or_say(
            reader, path, "has errors; it was not opened", "Errors: the file was not opened"
        )
        if result.document is None:
            return False
        self._adopt(result)
        self.title = reader_title(result.document, not_annotated=self.new_annotation is not None)
        fresh = self._new_reader(result.document, result.diagnostics, self.source_path)
        self.switch_screen(fresh)
        fresh.when_filled(fresh.arrive)  # its last place, if it was read before
        problem = remember(result.path)
        self.call_after_refresh(
            fresh.say, problem or f"Opened {one_line(result.path)}", warning=problem is not None
        )
        return True

    def _adopt(self, result: LoadResult) -> None:
        """Make a load that succeeded the app's document, from the file it came from
        (a bare text's own annotation file, once it exists)."""
        self.document = result.document
        self.diagnostics = result.diagnostics
        self.source_path = result.path
        self.new_annotation = result.new_annotation

    def on_reader_screen_edit_requested(self, message: ReaderScreen.EditRequested) -> None:
        self.open_in_editor(message.line, message.column)

    def open_in_editor(self, line: int, column: int) -> None:
        """Suspend, run the editor on the annotation file at ``line``/``column``, reload."""
        if self.source_path is None:
            return
        problem = self._run_editor(self.source_path, line, column)
        if problem is not None and isinstance(self.screen, ReaderScreen):
            self.screen.say(problem, warning=True)
            return
        self.reload_document()

    def _run_editor(self, path: str, line: int, column: int) -> str | None:
        """Run the reader's editor on ``path``; returns why it could not, or None."""
        from tui.core.files.editor import chosen_editor, editor_command

        command = editor_command(chosen_editor(), path, line, column)
        try:
            with self.suspend():
                subprocess.run(command, check=False)
        except FileNotFoundError:
            return f"Editor not found: {one_line(command[0])} (set $VISUAL or $EDITOR)"
        except Exception as error:  # suspending is not possible everywhere (a web terminal)
            return f"Cannot run the editor here: {one_line(str(error))}"
        # Whatever the editor's status, the file may have changed: the caller reloads.
        return None

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
            yield from palette_commands(screen, keymap_of(self))
            return
        # Other screens (help, problems, type filter): their own keys, by name.
        yield from screen_commands(screen)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG picture of the screen and say where, or why it could not be saved."""
        from tui.app.screenshot import save_screen_picture

        message, ok = save_screen_picture(self, filename, path)
        self.clear_notifications()
        self.notify(one_line(message), severity="information" if ok else "error", markup=False)


def open_app(path: str) -> GlossApp:
    """The app as ``gloss FILE`` builds it: large files load in a thread behind their text.

    Raises:
        ValueError: when a file loaded up front has errors; the message lists them.
    """
    from tui.core.loading.companions import looks_like_text
    from tui.core.loading.preview import loads_in_background

    if not looks_like_text(path) and loads_in_background(path):
        return GlossApp(None, load_path=path)
    return make_app(path)


def make_app(path: str) -> GlossApp:
    """Load ``path`` and build the app around it (used by tests and screenshots).

    Raises:
        ValueError: when the file has errors; the message lists them.
    """
    from tui.core.loading.bare import load_target

    result = load_target(path)
    if result.document is None:
        raise ValueError("\n".join(d.format() for d in result.diagnostics))
    return GlossApp(
        result.document,
        result.diagnostics,
        source_path=result.path,
        new_annotation=result.new_annotation,
    )
