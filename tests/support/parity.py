"""Comparing what the two backends print: the row ids that differ between databases
are replaced by what they stand for."""

from __future__ import annotations

import re
from pathlib import Path


def keys_named(text: str, paths: dict[str, str]) -> str:
    """Group keys of unlinked members name their document's row id, which differs from
    database to database: name the document by its file instead."""
    return re.sub(r"#(\d+)/", lambda m: f"#{paths.get(m[1], m[1])}/", text)


def row_paths(folder: Path, database: str | None) -> dict[str, str]:
    """Row id → file (relative to ``folder``) of the corpus's index (the embedded one
    when ``database`` is None)."""
    from tui.core.corpus.backend import open_store
    from tui.core.corpus.discovery import discover_folder

    index = open_store(discover_folder(str(folder)), database)
    try:
        return {str(row.file_id): row.relative for row in index.rows()}
    finally:
        index.close()
