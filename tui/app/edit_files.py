"""The annotation file behind a reader, as annotate mode edits it: opening its session
(with the journal of an earlier one that did not save), and the questions asked before
unsaved edits could be lost. Shared by the single-article app and the library."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import TYPE_CHECKING, Any

from tui.app.screens.annotate_dialogs import Answer, QuestionScreen
from tui.core.document.model import Document
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from textual.app import App

    from tui.app.screens.reader import ReaderScreen
    from tui.core.editing.session import EditSession


def open_session(path: str, document: Document, *, exists: bool = True) -> EditSession:
    """The edits of the annotation file ``path`` (``exists`` False: a bare text's, not
    written yet, beside its text). What an earlier session left unsaved is in
    ``session.restorable``."""
    from tui.core.editing.journal import Journal, content_digest, examine
    from tui.core.editing.session import EditSession
    from tui.core.files.saferead import ReadRefused, read_capped
    from tui.core.loading.limits import MAX_YAML_BYTES

    source: str | None = None
    data = b""
    if exists:
        try:
            data = read_capped(path, MAX_YAML_BYTES)
            source = data.decode("utf-8")
        except (ReadRefused, UnicodeDecodeError):
            source = None  # loaded a moment ago: read again when saving
    digest = content_digest(data)
    found = examine(path, digest)
    session = EditSession(
        path,
        document,
        source,
        saver=write_edits,
        journal=Journal.open(path, digest),
        later=_journal_writer().submit,
    )
    session.restorable = found.entries or []
    session.restore_problem = found.problem
    session.base_digest = digest
    return session


@cache
def _journal_writer() -> ThreadPoolExecutor:
    """The one thread that writes journals (each write synced to disk): the reader never
    waits for the disk to show an edit."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="gloss-journal")


def offer_restore(app: App[Any], reader: ReaderScreen) -> None:
    """Ask whether to put back the edits an earlier session journaled and did not save."""
    from tui.core.editing.journal import journal_path

    path = reader.annotation_path
    if path is None or not journal_path(path).exists():
        return  # nothing journaled: the edits are opened when annotating begins
    session = reader.session
    if session is None:
        return
    if session.restore_problem and not session.restorable:
        reader.say(session.restore_problem, warning=True)
        from tui.core.files.safewrite import in_use

        if not in_use(str(journal_path(session.path))):
            session.discard_journal()  # it can never be replayed on this file
        return
    entries = session.restorable
    if not entries:
        return
    session.restorable = []

    def answered(key: str | None) -> None:
        from tui.core.editing.journal import Journal

        if key == "r":
            session.journal = Journal.open(session.path, session.base_digest, resume=True)
            replayed, skipped = session.restore(entries)
            reader.replace_document(session.document)
            note = f", {skipped} no longer applied" if skipped else ""
            reader.say(f"Restored {replayed} unsaved edit(s){note}: ctrl+s saves them")
        else:
            session.discard_journal()
            reader.say("The unsaved edits of the earlier session were dropped")

    count = len(entries)
    app.push_screen(
        QuestionScreen(
            "Unsaved edits",
            f"{one_line(session.path)} has {count} unsaved edit(s) from an earlier session "
            "that ended without saving. Restore them?",
            [Answer("r", "restore"), Answer("d", "drop them")],
        ),
        answered,
    )


def confirm_leaving(
    app: App[Any], reader: ReaderScreen | None, what: str, go_on: Callable[[], object]
) -> None:
    """Run ``go_on`` now when nothing is unsaved; else ask: save, discard, or stay."""
    session = reader.session_if_open if reader is not None else None
    if reader is None or session is None or not session.dirty:
        if session is not None:
            session.close()
        go_on()
        return

    def answered(key: str | None) -> None:
        if key == "s":
            if reader.save_edits():
                session.close()
                go_on()
        elif key == "d":
            session.discard_journal()
            session.close()
            go_on()

    app.push_screen(
        QuestionScreen(
            "Unsaved edits",
            f"{one_line(session.path)} has unsaved edits. Save them before you {what}?",
            [Answer("s", "save"), Answer("d", "discard")],
        ),
        answered,
    )


def write_edits(
    path: str, source: str | None, original: Document, edited: Document
) -> tuple[str | None, str]:
    """Save through :func:`tui.core.editing.saving.save`: ``(why not, or None; the text
    now in the file)``."""
    from tui.core.editing.saving import save

    result = save(path, source, original, edited)
    if result.written and result.text is not None:
        return None, result.text
    if result.problems:
        first = result.problems[0]
        more = len(result.problems) - 1
        also = f" (and {more} more)" if more else ""
        return f"line {first.position.line}: {first.message}{also}", ""
    return result.refused or "the file could not be written", ""
