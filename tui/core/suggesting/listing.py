"""Suggestions as ``gloss suggest`` prints them: one line each, or a record for JSON."""

from __future__ import annotations

from typing import Any

from tui.core.document.model import Document
from tui.core.suggesting.suggestions import Suggestion
from tui.core.text.anchoring import TextIndex
from tui.core.text.fitting import shorten
from tui.core.text.textsafety import one_line


def suggestion_line(document: Document, suggestion: Suggestion, where: TextIndex) -> str:
    """``FILE:LINE:COL: TYPE "words" → entity (source)``: the place in the article's
    text, one display line (the words and the name are shown inert and cut short; an
    entity to be made is ``new: NAME``)."""
    line, column = where.line_column(suggestion.span.start)
    words = shorten(one_line(" ".join(suggestion.words(document.text).split())), 80)
    name = shorten(one_line(suggestion.name), 80)
    new = "" if suggestion.entity_id is not None else "new: "
    path = one_line(document.info.text_path)
    return (
        f'{path}:{line}:{column}: {suggestion.type} "{words}" → {new}{name} ({suggestion.source})'
    )


def suggestion_record(
    document: Document, suggestion: Suggestion, where: TextIndex, annotation_path: str
) -> dict[str, Any]:
    """What ``--json`` gives of one suggestion."""
    line, column = where.line_column(suggestion.span.start)
    return {
        "file": annotation_path,
        "text_file": document.info.text_path,
        "line": line,
        "column": column,
        "start": suggestion.span.start,
        "end": suggestion.span.end,
        "text": suggestion.words(document.text),
        "type": suggestion.type,
        "entity": suggestion.name,
        "entity_id": suggestion.entity_id,
        "source": suggestion.source,
        "score": round(suggestion.score, 4),
        "why": suggestion.why,
        "links": [{"key": key, "value": value} for key, value in suggestion.links],
    }
