"""Shared helpers for the core tests: write a small .txt + .yaml pair and load it."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tui.core.document.model import Document
from tui.core.loading.loader import LoadResult, load

TEXT = (
    "Maj.-Gen. Tal Kalman of the IDF visited Rabat on Thursday. "
    "The Israeli delegation met Moroccan officers in Rabat.\n"
    "\n"
    "Israel and Morocco signed a memorandum. The IDF said so on Friday.\n"
)
"""A short article; offsets in tests are computed from it with ``TEXT.index``."""

HEADER = "gloss: 1\ndocument:\n  id: t\n  date: 2022-03-25\n  text: a.txt\n"
"""The five lines every test file starts with; a body given to :func:`write_pair`
starts on line 6."""


def write_pair(
    tmp_path: Path,
    body: str,
    text: str | bytes = TEXT,
    *,
    header: str = HEADER,
) -> Path:
    """Write ``a.txt`` and ``a.yaml`` (``header`` + dedented ``body``); return the YAML path."""
    text_path = tmp_path / "a.txt"
    if isinstance(text, bytes):
        text_path.write_bytes(text)
    else:
        text_path.write_bytes(text.encode("utf-8"))
    yaml_path = tmp_path / "a.yaml"
    yaml_path.write_bytes((header + textwrap.dedent(body)).encode("utf-8"))
    return yaml_path


def lines(result: LoadResult, tmp_path: Path) -> list[str]:
    """The formatted diagnostics with the temporary folder removed from paths."""
    prefix = f"{tmp_path}/"
    return [d.format().replace(prefix, "") for d in result.diagnostics]


def check(
    tmp_path: Path, body: str, text: str | bytes = TEXT, *, header: str = HEADER
) -> list[str]:
    """Load a pair written from ``body`` and return its diagnostics as lines."""
    return lines(load(str(write_pair(tmp_path, body, text, header=header))), tmp_path)


def loaded(
    tmp_path: Path, body: str, text: str | bytes = TEXT, *, header: str = HEADER
) -> Document:
    """Load a pair that must load without any diagnostic."""
    result = load(str(write_pair(tmp_path, body, text, header=header)))
    assert lines(result, tmp_path) == []
    assert result.document is not None
    return result.document


def entity_yaml(entity_id: str, entity_type: str, *mentions: str) -> str:
    """One entity as YAML lines (two-space indent), each mention written as given."""
    out = [f"  - id: {entity_id}", f"    type: {entity_type}", f"    name: {entity_id}"]
    out.append("    mentions:")
    out.extend(f"      - {mention}" for mention in mentions)
    return "\n".join(out) + "\n"


def spans_text(document: Document, entity_id: str) -> list[tuple[int, int, str]]:
    """The mentions of one entity as ``(start, end, text)``."""
    entity = document.entity_by_id[entity_id]
    return [
        (m.span.start, m.span.end, document.text[m.span.start : m.span.end])
        for m in entity.mentions
    ]
