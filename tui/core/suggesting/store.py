"""What gloss keeps of an article's suggestions, apart from the article's own file.

One JSON file per annotation file in ``$XDG_STATE_HOME/gloss/suggestions/``, named by
the SHA-256 of the annotation file's absolute path (as the journal is):

- ``rejected``: the suggestions turned down (their words and where they were), so they
  are not proposed again;
- ``found``: the mentions a pipeline found (``gloss suggest --model``), each with its
  type, name and the model's label, waiting to be reviewed in the reader.

Nothing here is ever written into the user's YAML: an accepted suggestion becomes an
edit like any other, saved with ``ctrl+s``. The file is hostile data when read back
(it may be damaged or written by someone else): what cannot be used is dropped, and a
missing, unreadable or unwritable folder never stops gloss (one line says why).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.files.places import state_dir as default_state_dir
from tui.core.files.saferead import ReadRefused, read_capped
from tui.core.files.safewrite import WriteRefused, write_file
from tui.core.suggesting.suggestions import Found, Rejected

VERSION = 1
FOLDER_NAME = "suggestions"
MAX_BYTES = 16 * 1024 * 1024
MOST_ITEMS = 200_000
"""More rejections or found mentions than this in one file are not read."""


@dataclass(slots=True)
class SuggestionState:
    """What is kept for one annotation file."""

    path: str
    rejected: list[Rejected] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)
    problem: str | None = None
    """Why it could not be read or written, in one line (None: all went well)."""


def state_path(annotation_path: str, state_dir: Path | str | None = None) -> Path:
    """Where the suggestions of one annotation file are kept."""
    absolute = os.path.abspath(annotation_path)
    name = hashlib.sha256(os.fsencode(absolute)).hexdigest()
    folder = Path(state_dir if state_dir is not None else default_state_dir()) / FOLDER_NAME
    return folder / f"{name}.json"


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _rejected(item: object) -> Rejected | None:
    if not isinstance(item, list) or len(item) != 3:
        return None
    start, end, words = _int(item[0]), _int(item[1]), item[2]
    if start is None or end is None or end <= start or not isinstance(words, str):
        return None
    return Rejected(start, end, words)


def _found(item: object) -> Found | None:
    if not isinstance(item, dict):
        return None
    start, end = _int(item.get("start")), _int(item.get("end"))
    texts = [item.get(name) for name in ("words", "type", "name", "label", "model")]
    if start is None or end is None or end <= start:
        return None
    if not all(isinstance(text, str) and text for text in texts):
        return None
    words, type_code, name, label, model = (str(text) for text in texts)
    return Found(start, end, words, type_code, name, label, model)


def read_state(annotation_path: str, state_dir: Path | str | None = None) -> SuggestionState:
    """What is kept for ``annotation_path`` (nothing, when there is nothing usable)."""
    state = SuggestionState(os.path.abspath(annotation_path))
    path = state_path(annotation_path, state_dir)
    if not path.exists():
        return state
    try:
        data: Any = json.loads(read_capped(str(path), MAX_BYTES).decode("utf-8"))
    except (ReadRefused, ValueError, UnicodeDecodeError, OSError) as error:
        state.problem = f"suggestions kept for this file cannot be read: {error}"
        return state
    if not isinstance(data, dict) or data.get("path") != state.path:
        return state  # another file's (a hash collision) or not ours: nothing kept
    rejected = data.get("rejected")
    if isinstance(rejected, list):
        state.rejected = [r for r in map(_rejected, rejected[:MOST_ITEMS]) if r is not None]
    found = data.get("found")
    if isinstance(found, list):
        state.found = [f for f in map(_found, found[:MOST_ITEMS]) if f is not None]
    return state


def write_state(state: SuggestionState, state_dir: Path | str | None = None) -> str | None:
    """Keep ``state``; returns why it could not be kept, or None."""
    data = {
        "version": VERSION,
        "path": state.path,
        "rejected": [[r.start, r.end, r.words] for r in state.rejected],
        "found": [
            {
                "start": f.start,
                "end": f.end,
                "words": f.words,
                "type": f.type,
                "name": f.name,
                "label": f.label,
                "model": f.model,
            }
            for f in state.found
        ],
    }
    path = state_path(state.path, state_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(str(path), json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    except WriteRefused as refused:
        return f"suggestions not kept: {refused}"
    except OSError as error:
        return f"suggestions not kept in {path.parent}: {error.strerror or error}"
    return None
