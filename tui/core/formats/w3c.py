"""W3C Web Annotation (JSON-LD): one Annotation per mention and per event trigger.

Each annotation targets the article with a ``TextQuoteSelector`` (exact, prefix,
suffix) and a ``TextPositionSelector`` (code points, as gloss counts them), so
tools can anchor either way. The body names the gloss entity (id, type, name) or
event (id, type, summary, realis, arguments).
"""

from __future__ import annotations

import json
import os
from typing import Any

from tui.core.model import Document, Span

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


def to_w3c(document: Document) -> dict[str, Any]:
    """An ``AnnotationCollection`` with all annotations on its first page."""
    base = f"urn:gloss:{document.info.id}"
    source = os.path.basename(document.info.text_path)
    text = document.text
    items: list[dict[str, Any]] = []
    for mention in document.mentions:
        entity = document.entity_by_id[mention.entity_id]
        items.append(
            {
                "id": f"{base}:mention:{entity.id}:{mention.index + 1}",
                "type": "Annotation",
                "motivation": "identifying",
                "body": {
                    "id": f"{base}:entity:{entity.id}",
                    "type": "SpecificResource",
                    "purpose": "identifying",
                    "entityId": entity.id,
                    "entityType": entity.type,
                    "name": entity.name,
                },
                "target": {"source": source, "selector": _selectors(text, mention.span)},
            }
        )
    for event in document.events:
        items.append(
            {
                "id": f"{base}:trigger:{event.id}",
                "type": "Annotation",
                "motivation": "tagging",
                "body": {
                    "id": f"{base}:event:{event.id}",
                    "type": "SpecificResource",
                    "purpose": "tagging",
                    "eventId": event.id,
                    "eventType": event.type,
                    "summary": event.summary,
                    "realis": event.realis,
                    "arguments": [
                        {"role": a.role, "entityId": a.entity_id} for a in event.arguments
                    ],
                },
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
    return json.dumps(to_w3c(document), ensure_ascii=False, indent=2) + "\n"
