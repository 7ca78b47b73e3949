"""Saving a picture of the screen through gloss's one writer, saying where it went."""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from textual.app import App

from tui.core.files.safewrite import WriteRefused, write_file


def _file_name(title: str) -> str:
    stamp = dt.datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
    safe_title = re.sub(r"[^A-Za-z0-9._-]+", "-", title).strip("-")[:40] or "gloss"
    return f"gloss-{safe_title}-{stamp}.svg"


def save_screen_picture(
    app: App[Any], filename: str | None = None, directory: str | None = None
) -> tuple[str, bool]:
    """Write the screen as SVG; returns ``(message for the reader, saved)``."""
    directory = directory or os.getcwd()
    path = os.path.join(directory, filename or _file_name(app.title))
    try:
        written = write_file(path, app.export_screenshot())
    except WriteRefused as refused:
        return f"Screenshot not saved: {refused}", False
    except OSError as error:
        return f"Screenshot not saved to {path}: {error.strerror or error}", False
    return f"Screenshot saved to {written}", True
