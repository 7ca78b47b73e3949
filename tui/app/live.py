"""Keeping the reader in step with the files: reload on change, and the editor round trip."""

from __future__ import annotations

import os
import subprocess
from typing import TYPE_CHECKING, Any

from tui.core.loading.loader import load
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from textual.app import App

    from tui.app.screens.reader import ReaderScreen


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


def reload_into(app: App[Any], reader: ReaderScreen, path: str) -> bool:
    """Show the file's new version in place of ``reader``, at the same place and with
    the same selection; on errors keep ``reader`` and list the errors."""
    from tui.app.screens.problems import ProblemsScreen
    from tui.app.screens.reader import ReaderScreen

    result = load(path, allow_outside=getattr(app, "allow_outside", False))
    if result.document is None:
        reader.say(f"{one_line(path)} has errors now; this is the last good version", warning=True)
        app.push_screen(
            ProblemsScreen(result.diagnostics, title="Errors: the last good version stays")
        )
        return False
    top = reader.article.top_offset()
    entity, event = reader.selected_entity, reader.selected_event
    fresh = ReaderScreen(result.document, result.diagnostics)
    fresh.path, fresh.jumps = reader.path, reader.jumps  # the same file: the same jumps
    app.document = result.document  # type: ignore[attr-defined]
    app.diagnostics = result.diagnostics  # type: ignore[attr-defined]

    def restore() -> None:
        from tui.app.screens.jumping import content_key

        fresh.remembered_as = content_key(fresh.path, fresh.document.text) if fresh.path else None
        fresh.article.scroll_to_offset(
            min(top, len(result.document.text) if result.document else 0)
        )
        if entity is not None and entity in fresh.document.entity_by_id:
            fresh.select_entity(entity, mention_index=None, jump=False)
        elif event is not None and event in fresh.document.event_by_id:
            fresh.select_event(event, jump=False)
        fresh.say("Reloaded: the file changed")

    app.switch_screen(fresh)
    fresh.when_filled(restore)
    return True


def run_editor(app: App[Any], path: str, line: int, column: int) -> str | None:
    """Run the reader's editor on ``path``; returns why it could not, or None."""
    from tui.core.files.editor import chosen_editor, editor_command

    command = editor_command(chosen_editor(), path, line, column)
    try:
        with app.suspend():
            completed = subprocess.run(command, check=False)
    except FileNotFoundError:
        return f"Editor not found: {one_line(command[0])} (set $VISUAL or $EDITOR)"
    except Exception as error:  # suspending is not possible everywhere (a web terminal)
        return f"Cannot run the editor here: {one_line(str(error))}"
    del completed  # whatever the editor's status, the file may have changed: reload
    return None


def open_other(app: App[Any], reader: ReaderScreen, path: str) -> bool:
    """Read ``path`` and show it instead of ``reader``; on errors keep ``reader``."""
    from tui.app.screens.jumping import arrive
    from tui.app.screens.problems import ProblemsScreen
    from tui.app.screens.reader import ReaderScreen
    from tui.core.files.recent import remember

    result = load(path, allow_outside=getattr(app, "allow_outside", False))
    if result.document is None:
        reader.say(f"{one_line(path)} has errors; it was not opened", warning=True)
        app.push_screen(ProblemsScreen(result.diagnostics, title="Errors: the file was not opened"))
        return False
    app.document = result.document  # type: ignore[attr-defined]
    app.diagnostics = result.diagnostics  # type: ignore[attr-defined]
    app.source_path = path  # type: ignore[attr-defined]
    app.title = one_line(result.document.info.title or result.document.info.id)
    fresh = ReaderScreen(result.document, result.diagnostics)
    fresh.path = path
    app.switch_screen(fresh)
    fresh.when_filled(arrive, fresh)  # its last place, if it was read before
    problem = remember(path)
    app.call_after_refresh(
        fresh.say, problem or f"Opened {one_line(path)}", warning=problem is not None
    )
    return True
