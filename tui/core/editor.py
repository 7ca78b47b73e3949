"""The command that opens ``$VISUAL`` / ``$EDITOR`` at a line and column of a file."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping

FALLBACK_EDITOR = "vi"


def chosen_editor(environ: Mapping[str, str] | None = None) -> str:
    """``$VISUAL``, else ``$EDITOR``, else ``vi`` (as ``less`` and ``git`` choose)."""
    env = os.environ if environ is None else environ
    return env.get("VISUAL") or env.get("EDITOR") or FALLBACK_EDITOR


def editor_command(editor: str, path: str, line: int, column: int) -> list[str]:
    """Arguments that open ``path`` at ``line`` (1-based) and ``column`` (1-based).

    Editors known to take a column get it in their own form; any other gets the ``+LINE``
    form most terminal editors accept.
    """
    words = shlex.split(editor) or [FALLBACK_EDITOR]
    name = os.path.basename(words[0])
    if name in ("vi", "vim", "nvim", "gvim", "mvim", "view"):
        return [*words, f"+call cursor({line}, {column})", path]
    if name in ("emacs", "emacsclient", "kak", "micro", "mg", "joe"):
        return [*words, f"+{line}:{column}", path]
    if name in ("nano", "pico"):
        return [*words, f"+{line},{column}", path]
    if name in ("code", "codium", "code-insiders", "cursor"):
        return [*words, "--goto", f"{path}:{line}:{column}"]
    if name in ("subl", "hx", "helix", "zed", "gedit"):
        return [*words, f"{path}:{line}:{column}"]
    return [*words, f"+{line}", path]
