"""Shared helpers for the interoperability tests: run the CLI, compare documents."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

from tui.cli.main import main
from tui.core.document.model import Document, Span

DATA = Path(__file__).parent / "data"
BUNDLED = Path(__file__).resolve().parents[2] / "content" / "idf-morocco-2022-03-25.yaml"

NEWS_TEXT = (
    "Barack Obama visited Paris.\r\n"
    'Obama met Macron there; he said   it was "good".\r\n'
    "Überraschung: Zoë bought a Ruger's gun for $5.\r\n"
)
"""The article of ``data/news.ann``: CRLF line ends, so brat's offsets count each CR."""


def run(*argv: str) -> tuple[int, str, str]:
    """Run ``gloss`` in-process; return exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def words(text: str) -> str:
    return " ".join(text.split())


def entity_key(document: Document, entity_id: str) -> frozenset[tuple[Span, ...]]:
    """An entity by what it is in the text: its set of mention spans."""
    return frozenset(m.fragments for m in document.entity_by_id[entity_id].mentions)


def type_labels(document: Document) -> set[tuple[str, str]]:
    """``(code, label)`` of every type the document uses."""
    used_entity = {entity.type for entity in document.entities}
    used_event = {event.type for event in document.events}
    return {
        (code, info.label)
        for table, used in (
            (document.entity_types, used_entity),
            (document.event_types, used_event),
        )
        for code, info in table.items()
        if code in used
    }


def brat_view(document: Document) -> dict[str, Any]:
    """Everything brat standoff (with its visual.conf) can carry: ids, names without
    links, aliases, summaries, passages, dates and evidence are not."""
    entities = {
        (
            entity.type,
            entity_key(document, entity.id),
            entity.links,
            entity.name if entity.links else None,
            words(entity.description or ""),
        )
        for entity in document.entities
    }
    trigger_of = {event.id: event.trigger for event in document.events}
    events = {
        (
            event.type,
            event.trigger,
            event.realis,
            tuple(sorted((a.role, entity_key(document, a.entity_id)) for a in event.arguments)),
            words(event.note or ""),
            trigger_of.get(event.same_as) if event.same_as else None,
        )
        for event in document.events
    }

    def end(identifier: str, is_event: bool) -> object:
        return trigger_of[identifier] if is_event else entity_key(document, identifier)

    relations = {
        (r.type, end(r.from_id, r.from_event), end(r.to_id, r.to_event), words(r.note or ""))
        for r in document.relations
    }
    return {
        "text": document.text,
        "entities": entities,
        "events": events,
        "relations": relations,
        "labels": type_labels(document),
    }


def span_view(document: Document) -> dict[str, Any]:
    """What the span-only formats carry: the text and labelled spans."""
    return {
        "text": document.text,
        "spans": {
            (mention.span, document.entity_by_id[mention.entity_id].type)
            for mention in document.mentions
        },
    }


def w3c_view(document: Document) -> dict[str, Any]:
    """What W3C export carries: ids, types (declared labels), names, mention spans,
    and each event's id, type, trigger, summary, realis and arguments."""
    return {
        "text": document.text,
        "entities": {
            (entity.id, entity.type, entity.name, frozenset(m.span for m in entity.mentions))
            for entity in document.entities
        },
        "events": {
            (
                event.id,
                event.type,
                event.trigger,
                event.summary,
                event.realis,
                tuple(sorted((a.role, a.entity_id) for a in event.arguments)),
            )
            for event in document.events
        },
        "labels": type_labels(document),
    }
