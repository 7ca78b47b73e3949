"""gloss → W3C Web Annotation: one annotation per mention and per trigger."""

from __future__ import annotations

import os
from typing import Any

from tui.core.document.model import (
    Document,
    Span,
    TypeInfo,
)
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


CONTEXT_CHARS = 32
"""How much text the prefix and suffix of a TextQuoteSelector carry."""


def _selectors(text: str, span: Span) -> list[dict[str, Any]]:
    return [
        {
            "type": "TextQuoteSelector",
            "exact": text[span.start : span.end],
            "prefix": text[max(0, span.start - CONTEXT_CHARS) : span.start],
            "suffix": text[span.end : span.end + CONTEXT_CHARS],
        },
        {"type": "TextPositionSelector", "start": span.start, "end": span.end},
    ]


def _with_type_label(body: dict[str, Any], key: str, info: TypeInfo | None) -> dict[str, Any]:
    """The body, with the label of a declared type under ``key`` (built-in ones go without)."""
    if info is not None and info.declared:
        body[key] = info.label
    return body


def to_w3c(document: Document) -> dict[str, Any]:
    """An ``AnnotationCollection`` with all annotations on its first page."""
    base = f"urn:gloss:{document.info.id}"
    source = os.path.basename(document.info.text_path)
    text = document.text
    items: list[dict[str, Any]] = []
    entities = document.entity_by_id
    for mention in document.mentions:
        entity = entities[mention.entity_id]
        body: dict[str, Any] = {
            "id": f"{base}:entity:{entity.id}",
            "type": "SpecificResource",
            "purpose": "identifying",
            "entityId": entity.id,
            "entityType": entity.type,
            "name": entity.name,
        }
        items.append(
            {
                "id": f"{base}:mention:{entity.id}:{mention.index + 1}",
                "type": "Annotation",
                "motivation": "identifying",
                "body": _with_type_label(
                    body, "entityTypeLabel", document.entity_types.get(entity.type)
                ),
                "target": {"source": source, "selector": _selectors(text, mention.span)},
            }
        )
    for event in document.events:
        body = {
            "id": f"{base}:event:{event.id}",
            "type": "SpecificResource",
            "purpose": "tagging",
            "eventId": event.id,
            "eventType": event.type,
        }
        _with_type_label(body, "eventTypeLabel", document.event_types.get(event.type))
        body["summary"] = event.summary
        body["realis"] = event.realis
        body["arguments"] = [{"role": a.role, "entityId": a.entity_id} for a in event.arguments]
        items.append(
            {
                "id": f"{base}:trigger:{event.id}",
                "type": "Annotation",
                "motivation": "tagging",
                "body": body,
                "target": {"source": source, "selector": _selectors(text, event.trigger)},
            }
        )
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"{base}:annotations",
        "type": "AnnotationCollection",
        "label": document.info.title or document.info.id,
        "total": len(items),
        "first": {"id": f"{base}:annotations:page1", "type": "AnnotationPage", "items": items},
    }
    return collection


def dumps(document: Document) -> str:
    return inert_json(to_w3c(document)) + "\n"
