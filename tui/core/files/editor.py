"""The command that opens ``$VISUAL`` / ``$EDITOR`` at a line and column of a file."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping

FALLBACK_EDITOR = "vi"

_VI_LIKE = ("vi", "vim", "nvim", "gvim", "mvim", "view")
_PLUS_LINE_COLON_COLUMN = ("emacs", "emacsclient", "kak", "micro", "mg", "joe")
_PLUS_LINE_COMMA_COLUMN = ("nano", "pico")
_GOTO_FLAG = ("code", "codium", "code-insiders", "cursor")
_PATH_LINE_COLUMN = ("subl", "hx", "helix", "zed", "gedit")

_ENDS_OPTIONS_BEFORE_FILE = frozenset({*_VI_LIKE, "emacs", "kak", "subl", "hx", "helix", "zed"})
"""Editors that read every argument after ``--`` as a file while the ``+...`` position
before it still applies: vim's ``--``, Emacs's "just files" switch, Kakoune's
positional-only switch, Helix's end of options, ``subl -- FILE`` and Zed's (clap)
end of options. The others get no ``--``: some would open a file called ``--``."""

_ENDS_OPTIONS_BEFORE_POSITION = frozenset({"nano"})
"""Editors whose getopt parsing ends at ``--`` and which look for ``+LINE,COLUMN`` among
the arguments left after it, so ``--`` goes first (it also survives ``POSIXLY_CORRECT``)."""


def chosen_editor(environ: Mapping[str, str] | None = None) -> str:
    """``$VISUAL``, else ``$EDITOR``, else ``vi`` (as ``less`` and ``git`` choose)."""
    env = os.environ if environ is None else environ
    return env.get("VISUAL") or env.get("EDITOR") or FALLBACK_EDITOR


def editor_command(editor: str, path: str, line: int, column: int) -> list[str]:
    """Arguments that open ``path`` at ``line`` (1-based) and ``column`` (1-based).

    Editors known to take a column get it in their own form; any other gets the ``+LINE``
    form most terminal editors accept. The file is always given as an absolute path, so
    no file name (``+!touch x``, ``-c``, ``--help``) can be read as an option or as an
    editor command; editors known to take ``--`` get it before the file as well.
    """
    words = shlex.split(editor) or [FALLBACK_EDITOR]
    name = os.path.basename(words[0])
    target = os.path.abspath(path)
    end = ["--"] if name in _ENDS_OPTIONS_BEFORE_FILE else []
    if name in _VI_LIKE:
        return [*words, f"+call cursor({line}, {column})", *end, target]
    if name in _PLUS_LINE_COLON_COLUMN:
        return [*words, f"+{line}:{column}", *end, target]
    if name in _PLUS_LINE_COMMA_COLUMN:
        first = ["--"] if name in _ENDS_OPTIONS_BEFORE_POSITION else []
        return [*words, *first, f"+{line},{column}", target]
    if name in _GOTO_FLAG:
        return [*words, "--goto", f"{target}:{line}:{column}"]
    if name in _PATH_LINE_COLUMN:
        return [*words, *end, f"{target}:{line}:{column}"]
    return [*words, f"+{line}", target]
