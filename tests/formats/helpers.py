"""Shared helpers for the interoperability tests: run the CLI, compare documents, write
W3C annotations, generate small documents, and check the highlights of an HTML page."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests.support.inprocess import gloss
from tui.core.document.model import REALIS_VALUES, Document, Span
from tui.core.formats.common import (
    EntityDraft,
    EventDraft,
    RelationDraft,
    TypeMapper,
    build_document,
)
from tui.core.text.textsafety import make_visible

DATA = Path(__file__).parent / "data"
BUNDLED = Path(__file__).resolve().parents[2] / "content" / "idf-morocco-2022-03-25.yaml"

NEWS_TEXT = (
    "Barack Obama visited Paris.\r\n"
    'Obama met Macron there; he said   it was "good".\r\n'
    "Überraschung: Zoë bought a Ruger's gun for $5.\r\n"
)
"""The article of ``data/news.ann``: CRLF line ends, so brat's offsets count each CR."""


run = gloss
"""Run ``gloss`` in-process; return exit code, stdout and stderr."""


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


# -- W3C annotations written by hand ---------------------------------------------------

W3C_TEXT = "Tal Kalman visited Rabat.\nKalman liked Rabat and Zoë.\n"
"""The article the W3C annotations of ``write`` are on, unless a test gives its own."""


def quote(exact: str, prefix: str = "", suffix: str = "") -> dict[str, Any]:
    """A TextQuoteSelector."""
    return {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}


def position(start: int, end: int) -> dict[str, Any]:
    """A TextPositionSelector."""
    return {"type": "TextPositionSelector", "start": start, "end": end}


def tag(label: str, selector: Any, source: str = "doc.txt", **extra: Any) -> dict[str, Any]:
    """A tagging annotation of ``source`` with the body ``label``."""
    return {
        "type": "Annotation",
        "motivation": "tagging",
        "body": {"type": "TextualBody", "purpose": "tagging", "value": label, **extra},
        "target": {"source": source, "selector": selector},
    }


def write(folder: Path, data: Any, text: str = W3C_TEXT, name: str = "a.jsonld") -> Path:
    """Write ``data`` as ``name`` beside the text it annotates, ``doc.txt``."""
    (folder / "doc.txt").write_text(text, encoding="utf-8", newline="")
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# -- small generated documents --------------------------------------------------------

WORDS = [
    "Rabat",
    "IDF",
    "visit",
    "Zoë",
    "Москва",
    "北京",
    "😀",
    "it",
    "<script>alert(1)</script>",
    "&amp;",
    "R&D",
    '"quoted"',
    "no",
    "2022-03-25",
    "a'b",
]
SEPARATORS = [" ", " ", " ", "\n", ", ", "  ", "\n\n", ". "]
"""What ``documents`` puts between its words (a space most often)."""


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A small valid document built the way importers build theirs."""
    count = draw(st.integers(3, 14))
    words = [draw(st.sampled_from(WORDS)) for _ in range(count)]
    seps = [draw(st.sampled_from(SEPARATORS)) for _ in range(count - 1)]
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    offset = 0
    for index, word in enumerate(words):
        starts.append(offset)
        pieces.append(word)
        offset += len(word)
        ends.append(offset)
        if index < count - 1:
            pieces.append(seps[index])
            offset += len(seps[index])
    text = "".join(pieces) + "\n"

    def word_span() -> Span:
        first = draw(st.integers(0, count - 1))
        last = draw(st.integers(first, min(count - 1, first + 2)))
        return Span(starts[first], ends[last])

    types = TypeMapper()
    entity_types = [types.entity("Person"), types.entity("GPE"), types.entity("Agreement")]
    entities = []
    for number in range(draw(st.integers(1, 4))):
        draft = EntityDraft(
            draw(st.sampled_from(entity_types)),
            [word_span() for _ in range(draw(st.integers(1, 3)))],
        )
        if draw(st.booleans()):
            draft.description.append(draw(st.sampled_from(["a leader", "Zoë's 😀 <b>", "x & y"])))
        if draw(st.booleans()):
            draft.links.append(("wikidata", f"Q{number + 1}"))
            draft.name = f"Named {number}"
        entities.append(draft)
    event_types = [types.event("Meet"), types.event("Thing Happened")]
    events: list[EventDraft] = []
    for number in range(draw(st.integers(0, 3))):
        event = EventDraft(
            draw(st.sampled_from(event_types)),
            word_span(),
            f"event {number}",
            realis=draw(st.sampled_from(REALIS_VALUES)),
        )
        for _ in range(draw(st.integers(0, 2))):
            event.arguments.append(
                (draw(st.sampled_from(["Agent", "Place"])), draw(st.integers(0, len(entities) - 1)))
            )
        if draw(st.booleans()):
            event.note.append("unsure <i>")
        if events and draw(st.booleans()):
            event.same_as = draw(st.integers(0, len(events) - 1))
        events.append(event)
    relations = []
    if len(entities) > 1:
        for _ in range(draw(st.integers(0, 2))):
            source = draw(st.integers(0, len(entities) - 1))
            target = draw(st.integers(0, len(entities) - 1))
            if source != target:
                relations.append(RelationDraft("head-of", source, target))
    return build_document(
        doc_id="generated",
        text=text,
        text_path="generated.txt",
        title=None,
        entities=entities,
        events=events,
        relations=relations,
        types=types,
    )


# -- the highlights of an HTML page ---------------------------------------------------


class _Marks(HTMLParser):
    """Collects the text of every element with data-start/data-end."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int, int] | None] = []
        self.buffers: list[list[str]] = []
        self.found: list[tuple[int, int, str]] = []
        self.covered: dict[str, set[int]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "br", "link"):
            return
        values = dict(attrs)
        if values.get("data-start") is not None and values.get("data-end") is not None:
            start, end = int(values["data-start"] or 0), int(values["data-end"] or 0)
            self.open.append((tag, start, end))
            self.buffers.append([])
            key = values.get("data-entity") or f"event:{values.get('data-event')}"
            self.covered.setdefault(key, set()).update(range(start, end))
        else:
            self.open.append(None)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("meta", "br", "link") or not self.open:
            return
        top = self.open.pop()
        if top is not None:
            text = "".join(self.buffers.pop())
            self.found.append((top[1], top[2], text))
            if self.buffers:
                self.buffers[-1].append(text)

    def handle_data(self, data: str) -> None:
        if self.buffers:
            self.buffers[-1].append(data)


def check_html_marks(page: str, document: Document) -> int:
    """Every highlighted element's text is the text at its offsets (made visible)."""
    parser = _Marks()
    parser.feed(page)
    visible = make_visible(document.text, keep_tabs=True)
    for start, end, text in parser.found:
        assert text == visible[start:end], (start, end, text)
    # The pieces of each entity and event cover exactly its mentions or trigger.
    expected: dict[str, set[int]] = {}
    for mention in document.mentions:
        expected.setdefault(mention.entity_id, set()).update(
            range(mention.span.start, mention.span.end)
        )
    for event in document.events:
        expected.setdefault(f"event:{event.id}", set()).update(
            range(event.trigger.start, event.trigger.end)
        )
    assert parser.covered == expected
    return len(parser.found)
