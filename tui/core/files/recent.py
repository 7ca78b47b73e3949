"""The files a reader opened lately, kept in :func:`tui.core.files.places.state_dir`.

The list may be missing, corrupt or unwritable: reading gives what can be used (or
nothing), and remembering says in one line why it could not, never stopping gloss.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tui.core.files.places import state_dir
from tui.core.files.safewrite import WriteRefused, write_file

RECENT_NAME = "recent.json"
RECENT_LIMIT = 20
_MAX_BYTES = 256 * 1024


def recent_path() -> Path:
    """Where the list is kept."""
    return state_dir() / RECENT_NAME


def read_recent(path: Path | None = None) -> list[str]:
    """Recently opened annotation files, newest first, that still exist."""
    path = path or recent_path()
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_BYTES + 1)
        data = json.loads(raw.decode("utf-8")) if len(raw) <= _MAX_BYTES else None
    except (OSError, ValueError, UnicodeDecodeError):
        return []
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        return []
    return [item for item in files if isinstance(item, str) and os.path.isfile(item)][:RECENT_LIMIT]


def remember(opened: str, path: Path | None = None) -> str | None:
    """Put ``opened`` first in the list; returns why it could not be saved, or None."""
    path = path or recent_path()
    absolute = os.path.abspath(opened)
    files = [absolute, *(item for item in read_recent(path) if item != absolute)]
    data = json.dumps({"files": files[:RECENT_LIMIT]}, indent=1) + "\n"
    try:
        write_file(str(path), data)
    except WriteRefused as refused:
        return f"recent files not saved: {refused}"
    except OSError as error:
        return f"recent files not saved to {path}: {error.strerror or error}"
    return None
