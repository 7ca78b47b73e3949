"""gloss → W3C Web Annotation: one annotation per mention and per trigger."""

from __future__ import annotations

from typing import Any

from tui.core.document.model import Document
from tui.core.formats.w3c.items import (
    base_and_source,
    event_item,
    mention_item,
)
from tui.core.formats.w3c.kept import kept_file
from tui.core.text.textsafety import inert_json

CONTEXT: list[Any] = [
    "http://www.w3.org/ns/anno.jsonld",
    {
        "gloss": "https://gloss.invalid/ns#",
        "entityId": "gloss:entityId",
        "entityType": "gloss:entityType",
        "eventId": "gloss:eventId",
        "eventType": "gloss:eventType",
        "name": "gloss:name",
        "summary": "gloss:summary",
        "realis": "gloss:realis",
        "arguments": {"@id": "gloss:arguments", "@container": "@list"},
        "role": "gloss:role",
        "entityTypeLabel": "gloss:entityTypeLabel",
        "eventTypeLabel": "gloss:eventTypeLabel",
    },
]


def to_w3c(document: Document) -> Any:
    """An ``AnnotationCollection`` with all annotations on its first page; for a document
    read from another tool's W3C file, that file (an object or a list), with what was
    edited in gloss written from gloss (see :mod:`.kept`)."""
    again = kept_file(document)
    if again is not None:
        return again
    base, source = base_and_source(document)
    items = [mention_item(document, mention, base, source) for mention in document.mentions]
    items.extend(event_item(document, event, base, source) for event in document.events)
    return collection(document, items)


def collection(document: Document, items: list[dict[str, Any]]) -> dict[str, Any]:
    base, _ = base_and_source(document)
    return {
        "@context": CONTEXT,
        "id": f"{base}:annotations",
        "type": "AnnotationCollection",
        "label": document.info.title or document.info.id,
        "total": len(items),
        "first": {"id": f"{base}:annotations:page1", "type": "AnnotationPage", "items": items},
    }


def dumps(document: Document) -> str:
    return inert_json(to_w3c(document)) + "\n"
