"""The resolved JSON form: every selector turned into offsets, every default filled in."""

from __future__ import annotations

from typing import Any

from tui.core.document.model import Document, Mention, Span
from tui.core.text.textsafety import inert_json


def _span(text: str, span: Span | None, *, with_text: bool = True) -> dict[str, Any] | None:
    if span is None:
        return None
    result: dict[str, Any] = {"start": span.start, "end": span.end}
    if with_text:
        result["text"] = text[span.start : span.end]
    return result


def _mention(text: str, mention: Mention) -> dict[str, Any] | None:
    """A mention's span; one of several fragments also lists them as ``parts``."""
    result = _span(text, mention.span, with_text=not mention.parts)
    if result is not None and mention.parts:
        result["parts"] = [_span(text, part) for part in mention.parts]
    if result is not None and mention.attributes:
        result["attributes"] = dict(mention.attributes)
    return result


def to_resolved(document: Document) -> dict[str, Any]:
    """The document as plain JSON-ready data (the "Resolved form" of the format)."""
    text = document.text
    info = document.info
    declared = {
        section: {
            code: {"label": t.label, "description": t.description, "source": t.source}
            for code, t in table.items()
            if t.declared
        }
        for section, table in (
            ("entities", document.entity_types),
            ("events", document.event_types),
            ("relations", document.relation_types),
        )
    }
    return {
        "gloss": 1,
        "document": {
            "id": info.id,
            "title": info.title,
            "date": info.date.text if info.date else None,
            "note": info.note,
            "language": info.language,
            "text": text,
            "attributes": dict(info.attributes),
        },
        "types": declared,
        "entities": [
            {
                "id": entity.id,
                "type": entity.type,
                "name": entity.name,
                "aliases": list(entity.aliases),
                "description": entity.description,
                "links": dict(entity.links),
                "mentions": [_mention(text, mention) for mention in entity.mentions],
                "attributes": dict(entity.attributes),
            }
            for entity in document.entities
        ],
        "events": [
            {
                "id": event.id,
                "type": event.type,
                "summary": event.summary,
                "trigger": _span(text, event.trigger),
                "passage": _span(text, event.passage, with_text=False),
                "date": None
                if event.date is None
                else {
                    "value": event.date.value.text,
                    "text": event.date.text,
                    "start": event.date.span.start if event.date.span else None,
                    "end": event.date.span.end if event.date.span else None,
                },
                "realis": event.realis,
                "arguments": [
                    *(
                        {"role": argument.role, "entity": argument.entity_id}
                        for argument in event.arguments
                    ),
                    *(
                        {"role": argument.role, "event": argument.event_id}
                        for argument in event.event_arguments
                    ),
                ],
                "same_as": event.same_as,
                "note": event.note,
                "links": dict(event.links),
                "attributes": dict(event.attributes),
            }
            for event in document.events
        ],
        "relations": [
            {
                "type": relation.type,
                "from": relation.from_id,
                "to": relation.to_id,
                "from_event": relation.from_event,
                "to_event": relation.to_event,
                "evidence": _span(text, relation.evidence),
                "note": relation.note,
                "attributes": dict(relation.attributes),
            }
            for relation in document.relations
        ],
    }


def dumps(document: Document) -> str:
    """The resolved form as indented JSON (non-ASCII kept as is)."""
    return inert_json(to_resolved(document)) + "\n"
