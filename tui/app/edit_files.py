"""The annotation file behind a reader, as annotate mode edits it: opening its session
(with the journal of an earlier one that did not save), and the questions asked before
unsaved edits could be lost. Shared by the single-article app and the library."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from tui.app.screens.annotate_dialogs import Answer, QuestionScreen
from tui.core.document.model import Document
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from textual.app import App

    from tui.app.screens.reader import ReaderScreen
    from tui.core.editing.session import EditSession


def open_session(
    path: str, document: Document, *, exists: bool = True, text_name: str | None = None
) -> EditSession:
    """The edits of the annotation file ``path`` (``exists`` False: a bare text's, not
    written yet, whose ``document.text`` will say ``text_name``). What an earlier
    session left unsaved is in ``session.restorable``."""
    from tui.core.editing.journal import Journal, content_digest, examine
    from tui.core.editing.saving import write_edits
    from tui.core.editing.session import EditSession
    from tui.core.files.saferead import ReadRefused, read_capped
    from tui.core.loading.yamlsafe import MAX_YAML_BYTES

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
        saver=partial(write_edits, text_name=text_name),
        journal=Journal.open(path, digest),
    )
    session.restorable = found.entries or []
    session.restore_problem = found.problem
    session.base_digest = digest
    return session


def offer_restore(app: App[Any], reader: ReaderScreen) -> None:
    """Ask whether to put back the edits an earlier session journaled and did not save."""
    from tui.core.editing.journal import journal_path

    if reader.source_path is None or not journal_path(reader.source_path).exists():
        return  # nothing journaled: the edits are opened when annotating begins
    session = reader.session
    if session is None:
        return
    if session.restore_problem and not session.restorable:
        reader.say(session.restore_problem, warning=True)
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
        go_on()
        return

    def answered(key: str | None) -> None:
        if key == "s":
            if reader.save_edits():
                go_on()
        elif key == "d":
            session.discard_journal()
            go_on()

    app.push_screen(
        QuestionScreen(
            "Unsaved edits",
            f"{one_line(session.path)} has unsaved edits. Save them before you {what}?",
            [Answer("s", "save"), Answer("d", "discard")],
        ),
        answered,
    )
