"""What every command shares: its exit codes, and the ways it speaks to the terminal.

Problems go to stderr one line each (text from files never reaches the terminal as
control sequences: see :func:`tui.core.text.textsafety.one_line`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.document.diagnostics import Diagnostic

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """Each problem as ``FILE:LINE:COLUMN: severity: message`` on stderr."""
    from tui.core.text.textsafety import one_line

    for diagnostic in diagnostics:
        print(one_line(diagnostic.format()), file=sys.stderr)


def say(message: str) -> None:
    """``gloss: message`` on stderr, as one display line."""
    from tui.core.text.textsafety import one_line

    print(one_line(f"gloss: {message}"), file=sys.stderr)


def interactive() -> bool:
    """Whether the app may take over the terminal (``GLOSS_FORCE_TTY`` says so in tests)."""
    return (sys.stdout.isatty() and sys.stdin.isatty()) or bool(os.environ.get("GLOSS_FORCE_TTY"))


def stdout_closed() -> None:
    """The reader of our output went away (``| head``): stop quietly, as grep does."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def refuse_text_file(path: str) -> bool:
    """Say so when ``path`` is an article text rather than its annotation file."""
    from tui.core.loading.companions import text_file_message
    from tui.core.text.textsafety import one_line

    message = text_file_message(path)
    if message is not None:
        print(f"gloss: {one_line(message)}", file=sys.stderr)
    return message is not None
