"""Telling an article text from an annotation file, and finding the YAML that uses a text."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tui.core.files.saferead import read_head

YAML_SUFFIXES = frozenset({".yaml", ".yml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
"""Suffixes of files that are article texts rather than annotation files."""
_SCAN_LIMIT = 500
"""At most this many YAML files beside the text are looked at."""
_HEAD_BYTES = 8192
"""The ``text:`` key is in the ``document`` block near the top: only this much is read."""
_TEXT_KEY = re.compile(
    r"""^\s*text:\s*(?:"([^"\n]+)"|'([^'\n]+)'|([^\s#'"{}\[\],][^#\n,}]*))""", re.M
)


def looks_like_text(path: str) -> bool:
    """Whether ``path`` is named like an article text (``.txt`` and the like)."""
    return Path(path).suffix.lower() in TEXT_SUFFIXES


def yaml_using_text(text_path: str) -> list[str]:
    """Annotation files beside ``text_path`` whose ``document.text`` names it."""
    target = Path(text_path)
    try:
        resolved = target.resolve()
        folder = resolved.parent
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    found: list[str] = []
    scanned = 0
    for name in names:
        if Path(name).suffix.lower() not in YAML_SUFFIXES:
            continue
        scanned += 1
        if scanned > _SCAN_LIMIT:
            break
        # Never blocks: a FIFO or a terminal named *.yaml is passed over, not read.
        raw = read_head(str(folder / name), _HEAD_BYTES)
        if raw is None:
            continue
        head = raw.decode("utf-8", errors="replace")
        for match in _TEXT_KEY.finditer(head):
            value = next(group for group in match.groups() if group).strip()
            if (folder / value).resolve() == resolved:
                found.append(str(target.parent / name))
                break
    return found


def text_file_message(text_path: str) -> str | None:
    """What to say when ``text_path``, named neither as an annotation file nor as an
    article text (``article``, ``notes.log``), is the text of an annotation file beside it."""
    if Path(text_path).suffix.lower() in YAML_SUFFIXES:
        return None  # named as an annotation file: the loader speaks for it
    users = yaml_using_text(text_path)
    if users:
        return (
            f"{text_path} is an article text, not an annotation file; "
            f"the annotation file that uses it is {users[0]} (gloss {users[0]})"
        )
    return None  # a lone .txt: 'gloss FILE' reads it bare (see tui.core.loading.bare)
