"""Writing a resolved document back as a readable gloss annotation file.

Importers build a :class:`Document`; this module chooses, for each span, the most
readable selector that resolves to exactly that span:

* the plain quote when it occurs once in the text;
* ``{quote: …, all: true}`` when an entity is mentioned by every whole-word
  occurrence of the quote (two or more);
* ``{quote: …, occurrence: N}`` for a repeated quote (N up to 10, no line break);
* ``{start: S, end: E, quote: …}`` otherwise.

Defaults are left out (``realis: actual``, a passage that is the trigger's sentence).
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from tui.core.document.model import Document, Span
from tui.core.formats.yaml_emit import Flow as _Flow
from tui.core.formats.yaml_emit import Unwritable, emit
from tui.core.text.anchoring import TextIndex
from tui.core.text.sentences import sentence_around
from tui.core.text.textsafety import find_hazards

_MAX_OCCURRENCE = 10


@functools.cache
def _dumper() -> type[Any]:
    """PyYAML's dumper for the data the direct writer leaves to it (imported only then);
    libyaml's emitter when present, which writes the same YAML several times faster."""
    import yaml

    base: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[valid-type,misc]  # chosen at run time
        def ignore_aliases(self, data: Any) -> bool:
            return True  # gloss refuses anchors and aliases

    def represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
        return dumper.represent_mapping("tag:yaml.org,2002:map", dict(data), flow_style=True)

    Dumper.add_representer(_Flow, represent_flow)
    return Dumper


class SelectorWriter:
    """Chooses selectors for spans of one text."""

    def __init__(self, text: str, index: TextIndex | None = None) -> None:
        self.text = text
        self.index = TextIndex(text) if index is None else index

    def one(self, span: Span) -> str | _Flow:
        """The most readable selector for exactly ``span``."""
        quote = self.text[span.start : span.end]
        starts = self.index.occurrences(quote)
        if len(starts) == 1:
            return quote
        # The starts are sorted: bisection, not a scan (a word repeated 40,000 times).
        at = bisect.bisect_left(starts, span.start)
        occurrence = at + 1 if at < len(starts) and starts[at] == span.start else 0
        if 0 < occurrence <= _MAX_OCCURRENCE and "\n" not in quote:
            return _Flow(quote=quote, occurrence=occurrence)
        return _Flow(start=span.start, end=span.end, quote=quote)

    def mentions(self, spans: list[Span]) -> list[str | _Flow]:
        """Selectors for an entity's mentions; ``all: true`` where it says the same."""
        by_quote: dict[str, list[Span]] = {}
        for span in spans:
            by_quote.setdefault(self.text[span.start : span.end], []).append(span)
        result: list[tuple[Span, str | _Flow]] = []
        for quote, group in by_quote.items():
            if len(group) > 1 and not quote.isspace():
                bounded = self.index.word_bounded(quote)
                if set(bounded) == {span.start for span in group} and len(bounded) == len(group):
                    result.append((group[0], _Flow(quote=quote, all=True)))
                    continue
            result.extend((span, self.one(span)) for span in group)
        result.sort(key=lambda item: item[0])
        return [selector for _, selector in result]


def to_data(document: Document, *, text_name: str) -> dict[str, Any]:
    """The document as the plain data of an annotation file."""
    text = document.text
    writer = SelectorWriter(text)
    info = document.info
    head: dict[str, Any] = {"id": info.id}
    if info.title:
        head["title"] = info.title
    if info.date:
        head["date"] = info.date.text
    if info.note:
        head["note"] = info.note
    if info.language:
        head["language"] = info.language
    head["text"] = text_name
    if find_hazards(text):
        # The control characters of an imported text are the source's own: the import
        # says so once, and the file accepts them (see docs/format.md).
        head["accept"] = ["text-hazard"]
    if info.attributes:
        head["attributes"] = dict(info.attributes)
    data: dict[str, Any] = {"gloss": 1, "document": head}
    types: dict[str, Any] = {}
    for section, table in (
        ("entities", document.entity_types),
        ("events", document.event_types),
        ("relations", document.relation_types),
    ):
        declared = {}
        for code, info_ in table.items():
            if info_.declared:
                spec: dict[str, str] = {"label": info_.label}
                if info_.description:
                    spec["description"] = info_.description
                if info_.source:
                    spec["source"] = info_.source
                declared[code] = spec
        if declared:
            types[section] = declared
    if types:
        data["types"] = types
    entities = []
    for entity in document.entities:
        item: dict[str, Any] = {"id": entity.id, "type": entity.type, "name": entity.name}
        if entity.aliases:
            item["aliases"] = list(entity.aliases)
        if entity.description:
            item["description"] = entity.description
        if entity.links:
            item["links"] = dict(entity.links)
        if entity.attributes:
            item["attributes"] = dict(entity.attributes)
        plain = [m for m in entity.mentions if not m.parts and not m.attributes]
        item["mentions"] = writer.mentions([m.span for m in plain])
        # A mention of several fragments is written as its parts, in text order; one
        # with attributes as a mapping that holds them beside its selector.
        for mention in entity.mentions:
            if mention.parts:
                selector = _Flow(parts=[writer.one(part) for part in mention.parts])
            elif mention.attributes:
                chosen = writer.one(mention.span)
                selector = _Flow(quote=chosen) if isinstance(chosen, str) else chosen
            else:
                continue
            if mention.attributes:
                selector["attributes"] = dict(mention.attributes)
            item["mentions"].append(selector)
        entities.append(item)
    if entities:
        data["entities"] = entities
    events = []
    for event in document.events:
        entry: dict[str, Any] = {
            "id": event.id,
            "type": event.type,
            "summary": event.summary,
            "trigger": writer.one(event.trigger),
        }
        if event.passage != sentence_around(text, event.trigger):
            entry["passage"] = writer.one(event.passage)
        if event.date is not None:
            if event.date.span is None:
                entry["date"] = event.date.value.text
            else:
                entry["date"] = {
                    "value": event.date.value.text,
                    "text": writer.one(event.date.span),
                }
        if event.realis != "actual":
            entry["realis"] = event.realis
        if event.arguments or event.event_arguments:
            entry["arguments"] = [
                *(_Flow(role=a.role, entity=a.entity_id) for a in event.arguments),
                *(_Flow(role=a.role, event=a.event_id) for a in event.event_arguments),
            ]
        if event.same_as:
            entry["same_as"] = event.same_as
        if event.note:
            entry["note"] = event.note
        if event.links:
            entry["links"] = dict(event.links)
        if event.attributes:
            entry["attributes"] = dict(event.attributes)
        events.append(entry)
    if events:
        data["events"] = events
    relations = []
    for relation in document.relations:
        link: dict[str, Any] = {
            "type": relation.type,
            "from_event" if relation.from_event else "from": relation.from_id,
            "to_event" if relation.to_event else "to": relation.to_id,
        }
        if relation.evidence is not None:
            link["evidence"] = writer.one(relation.evidence)
        if relation.note:
            link["note"] = relation.note
        if relation.attributes:
            link["attributes"] = dict(relation.attributes)
        relations.append(link)
    if relations:
        data["relations"] = relations
    return data


def dumps(document: Document, *, text_name: str, header: str | None = None) -> str:
    """The document as annotation-file YAML; ``header`` becomes a leading comment.

    The data is written by :mod:`tui.core.formats.yaml_emit` (PyYAML reads it back as
    exactly the data, many times faster than PyYAML writes it), or by PyYAML when it
    holds something that writer leaves to PyYAML.
    """
    data = to_data(document, text_name=text_name)
    try:
        return emit(data, header)
    except Unwritable:
        return _dumps_with_pyyaml(data, header)


def _dumps_with_pyyaml(data: dict[str, Any], header: str | None) -> str:
    import yaml

    body = yaml.dump(
        data,
        Dumper=_dumper(),
        allow_unicode=True,
        sort_keys=False,
        width=96,
        default_flow_style=False,
    )
    # A blank line before each section and each entity or event keeps long files scannable.
    body = re.sub(r"\n(?=(?:types|entities|events|relations):|- id:)", "\n\n", body)
    lines = [f"# {line}".rstrip() for line in (header or "").splitlines()]
    return "\n".join([*lines, body]) if lines else body
