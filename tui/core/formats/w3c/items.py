"""gloss's own W3C annotation for one mention or event, as the export writes it."""

from __future__ import annotations

import os
from typing import Any

from tui.core.document.model import Document, Event, Mention, Span, TypeInfo

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


def mention_item(document: Document, mention: Mention, base: str, source: str) -> dict[str, Any]:
    """The annotation gloss writes for one mention."""
    entity = document.entity_by_id[mention.entity_id]
    body: dict[str, Any] = {
        "id": f"{base}:entity:{entity.id}",
        "type": "SpecificResource",
        "purpose": "identifying",
        "entityId": entity.id,
        "entityType": entity.type,
        "name": entity.name,
    }
    return {
        "id": f"{base}:mention:{entity.id}:{mention.index + 1}",
        "type": "Annotation",
        "motivation": "identifying",
        "body": _with_type_label(body, "entityTypeLabel", document.entity_types.get(entity.type)),
        "target": {"source": source, "selector": _selectors(document.text, mention.span)},
    }


def event_item(document: Document, event: Event, base: str, source: str) -> dict[str, Any]:
    """The annotation gloss writes for one event (its trigger)."""
    body: dict[str, Any] = {
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
    return {
        "id": f"{base}:trigger:{event.id}",
        "type": "Annotation",
        "motivation": "tagging",
        "body": body,
        "target": {"source": source, "selector": _selectors(document.text, event.trigger)},
    }


def base_and_source(document: Document) -> tuple[str, str]:
    """The id prefix of gloss's annotations and the source they target."""
    return f"urn:gloss:{document.info.id}", os.path.basename(document.info.text_path)
