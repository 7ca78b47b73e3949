"""Span-only formats: doccano JSONL and spaCy's displaCy manual-render JSON.

Both carry a text and labelled character spans, nothing more (doccano may add
relations between spans). Imports make one entity per distinct type and text
(:mod:`.grouping`) unless kept apart; offsets count the characters of the text as
given (CRLF included) and are converted to gloss's, which count after CRLF → LF.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Position
from tui.core.document.model import Document, Span
from tui.core.formats.common import (
    EntityDraft,
    OffsetMap,
    RelationDraft,
    TypeMapper,
    build_document,
    export_label,
    relation_label,
    slugify,
)
from tui.core.formats.doccano_shapes import Record, RecordSpan, read_label_map, read_record
from tui.core.formats.grouping import GroupKey, same_text_key
from tui.core.formats.jsonin import compact
from tui.core.formats.sniff import refuse_other_format
from tui.core.formats.spankeep import (
    DISPLACY_ENT,
    DISPLACY_RECORD,
    DOCCANO_RECORD,
    DOCCANO_RELATION,
    DOCCANO_SPAN,
    FORM,
    LINE,
    LIST,
    fill,
    ordered,
    origins_attribute,
    record_of,
    relation_origin,
    span_origins,
)
from tui.core.loading import yamlsafe
from tui.core.loading.yamlsafe import read_text_file
from tui.core.text.fitting import shorten
from tui.core.text.textsafety import inert_json, one_line

DISPLACY_LINKS = ("kb_id", "kb_url")
"""displaCy entity keys that name a knowledge-base entry; kept as the entity's links."""

SPACY_LABELS = {"PER": "PERSON"}
"""gloss codes written as spaCy's own labels (spaCy says PERSON, gloss PER)."""


@dataclass(frozen=True)
class SpansImport:
    """The documents found in a file and every problem found."""

    documents: tuple[Document, ...]
    diagnostics: tuple[Diagnostic, ...]
    raw_texts: tuple[str, ...] = ()
    """Each document's text as the source gives it (CRLF kept), to be written as its
    ``.txt`` so that an export counts offsets as the source did."""


@dataclass
class _Labelled:
    start: int
    end: int
    label: str
    key: object = None
    """The span's own id in the source (doccano's entity id), for relations."""
    links: tuple[tuple[str, str], ...] = ()
    """Knowledge-base links of the span (displaCy's ``kb_id`` and ``kb_url``)."""
    origin: tuple[str, int, dict[str, Any]] | None = None
    """Where the span stands in its record and its other keys (see :mod:`.spankeep`)."""


@dataclass
class _Source:
    text: str
    spans: list[_Labelled]
    doc_id: str
    title: str | None
    position: Position
    relations: list[tuple[object, object, str]] = field(default_factory=list)
    relation_rest: list[dict[str, Any]] = field(default_factory=list)
    attributes: list[tuple[str, str]] = field(default_factory=list)
    """The document's attributes: the record kept (see :mod:`.spankeep`)."""
    span_attribute: str = DOCCANO_SPAN


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _document(
    source: _Source, path: str, sink: DiagnosticSink, keep_apart: bool = False
) -> Document | None:
    """Check one document's spans and build it; problems point at its line."""
    mapping = OffsetMap(source.text)
    text = mapping.text
    types = TypeMapper()
    errors = sink.error_count
    valid: list[tuple[_Labelled, Span]] = []
    for number, item in enumerate(source.spans, start=1):
        if not (0 <= item.start < item.end <= len(source.text)):
            sink.error(
                source.position,
                f"span {number} [{item.start}, {item.end}) is not within the text "
                f"({len(source.text)} characters) or is empty",
            )
            continue
        if not item.label.strip():
            sink.error(source.position, f"span {number} has an empty label")
            continue
        span = Span(mapping.to_gloss(item.start), mapping.to_gloss(item.end))
        if not text[span.start : span.end].strip():
            sink.warning(source.position, f"span {number} covers only white space; skipped")
            continue
        valid.append((item, span))
    group_of = _groups(valid, text, source.relations, keep_apart)
    drafts: list[EntityDraft] = []
    draft_of: dict[int, int] = {}
    by_key: dict[object, int] = {}
    origins: dict[tuple[int, Span], list[tuple[str, int, dict[str, Any]]]] = {}
    for (item, span), group in zip(valid, group_of, strict=True):
        index = draft_of.setdefault(group, len(drafts))
        if index == len(drafts):
            drafts.append(EntityDraft(types.entity(item.label), []))
        drafts[index].spans.append(span)
        drafts[index].links.extend(link for link in item.links if link not in drafts[index].links)
        if item.key is not None:
            by_key[item.key] = index
        if item.origin is not None:
            origins.setdefault((index, span), []).append(item.origin)
    for (index, span), found in origins.items():
        drafts[index].mention_attributes[(span,)] = [
            origins_attribute(source.span_attribute, found)
        ]
    relations = []
    for number, (source_key, target_key, label) in enumerate(source.relations):
        if source_key not in by_key or target_key not in by_key:
            sink.error(
                source.position,
                f"relation {label!r} links span ids {source_key!r} and {target_key!r}, "
                "which are not both entities of this document",
            )
            continue
        if by_key[source_key] == by_key[target_key]:
            sink.warning(
                source.position,
                f"relation {label!r} links span {source_key!r} to itself; gloss relations "
                "link two entities, so it is not kept",
            )
            continue
        drafts_relation = RelationDraft(
            types.relation(label), by_key[source_key], by_key[target_key]
        )
        if number < len(source.relation_rest):
            drafts_relation.attributes.append(
                (DOCCANO_RELATION, compact([number, source.relation_rest[number]]))
            )
        relations.append(drafts_relation)
    if sink.error_count > errors:
        return None
    del path
    built = build_document(
        doc_id=source.doc_id,
        text=text,
        text_path=source.doc_id + ".txt",
        title=source.title,
        entities=drafts,
        events=[],
        relations=relations,
        types=types,
    )
    if not source.attributes:
        return built
    return replace(built, info=replace(built.info, attributes=tuple(source.attributes)))


def _groups(
    valid: list[tuple[_Labelled, Span]],
    text: str,
    relations: list[tuple[object, object, str]],
    keep_apart: bool,
) -> list[int]:
    """The entity of each span, as a number: spans of one label and text share one
    (see :mod:`.grouping`) unless ``keep_apart``.

    Spans whose knowledge-base links disagree stay apart. So does a span a relation
    names when export would name another (the entity's first mention).
    """
    if keep_apart:
        return list(range(len(valid)))
    first_of: dict[GroupKey, int] = {}
    links_of: dict[int, dict[str, str]] = {}
    group_of: list[int] = []
    for number, (item, span) in enumerate(valid):
        own = dict(item.links)
        group = first_of.setdefault(same_text_key(item.label, text[span.start : span.end]), number)
        shared = links_of.setdefault(group, {})
        if any(shared.get(key, value) != value for key, value in own.items()):
            group = number  # the source tells them apart
        else:
            shared.update(own)
        group_of.append(group)
    # doccano export writes a relation from the entity's first mention, in the order
    # of Document.mentions (at one start, the longer first).
    first: dict[int, Span] = {}
    for number, (_item, span) in enumerate(valid):
        known = first.get(group_of[number])
        if known is None or (span.start, -span.end) < (known.start, -known.end):
            first[group_of[number]] = span
    numbered = {item.key: number for number, (item, _) in enumerate(valid) if item.key is not None}
    for source_key, target_key, _label in relations:
        for end in (source_key, target_key):
            named = numbered.get(end)
            if named is not None and first.get(group_of[named]) != valid[named][1]:
                group_of[named] = -1 - named  # its own entity, apart from every group
    return group_of


def _read(path: str, sink: DiagnosticSink) -> str | None:
    decoded = read_text_file(path, sink, Position(1, 1), "input", yamlsafe.MAX_TEXT_BYTES)
    return None if decoded is None else decoded.text


def _finish(
    sources: list[_Source], path: str, sink: DiagnosticSink, keep_apart: bool = False
) -> SpansImport:
    documents = []
    raw_texts = []
    for source in sources:
        document = _document(source, path, sink, keep_apart)
        if document is not None:
            documents.append(document)
            raw_texts.append(source.text)
    if sink.has_errors:
        documents, raw_texts = [], []
    return SpansImport(tuple(documents), sink.sorted(), tuple(raw_texts))


def _stem(path: str) -> str:
    return slugify(os.path.splitext(os.path.basename(path))[0], limit=80) or "document"


# -- doccano ---------------------------------------------------------------------------


def import_doccano(
    path: str, *, labels_path: str | None = None, keep_apart: bool = False
) -> SpansImport:
    """Read doccano JSONL in any of its shapes (see :mod:`doccano_shapes`); label ids
    of doccano 1.x are named from ``labels_path``, the project's label export. Spans
    of one label and text are one entity unless ``keep_apart``."""
    sink = DiagnosticSink(path)
    label_names: dict[int, str] | None = None
    if labels_path is not None:
        labels_source = _read(labels_path, sink)
        if labels_source is None:
            return SpansImport((), sink.sorted())
        label_names, label_problem = read_label_map(labels_source)
        if label_problem:
            sink.error(Position(1, 1), f"{labels_path}: {label_problem}")
            return SpansImport((), sink.sorted())
    # JSON strings escape CR and LF, so the file's own line ends do not matter here.
    source = _read(path, sink)
    if source is None or refuse_other_format("doccano", sink, head=source):
        return SpansImport((), sink.sorted())
    sources: list[_Source] = []
    stem = _stem(path)
    named_at: dict[str, int] = {}
    lines = [(n, line) for n, line in enumerate(source.split("\n"), start=1) if line.strip()]
    for number, line in lines:
        position = Position(number, 1)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            sink.error(
                Position(number, error.colno),
                f"expected one JSON object per line: {error.msg}",
            )
            continue
        except RecursionError:
            sink.error(position, "the JSON is nested too deeply")
            continue
        shape, problem = read_record(record, label_names)
        if shape is None:
            sink.error(position, problem)
            continue
        if not _record_encodes(record, shape.text, position, sink):
            continue
        if not shape.labelled:
            sink.warning(
                position,
                'no annotations found (expected "label", "entities" or "annotations"); '
                "the document is imported without entities",
            )
        spans = [
            _Labelled(s.start, s.end, s.label, s.key, origin=(s.list_key, s.at, _rest(record, s)))
            for s in shape.spans
        ]
        relations = shape.relations
        skeleton = _doccano_skeleton(record, shape, number)
        doc_id = stem if len(lines) == 1 else _record_name(stem, record.get("id"), number)
        if doc_id in named_at:
            sink.error(
                position,
                f"this record's document name {doc_id!r} is already line {named_at[doc_id]}'s "
                '(ids such as 7 and "7" or a repeated id give one name); '
                'give each record its own "id"',
            )
            continue
        named_at[doc_id] = number
        sources.append(
            _Source(
                shape.text,
                spans,
                doc_id,
                None,
                position,
                relations,
                shape.relation_rest,
                [(DOCCANO_RECORD, compact(skeleton))],
            )
        )
    return _finish(sources, path, sink, keep_apart)


def _rest(record: dict[str, Any], span: RecordSpan) -> dict[str, Any]:
    """A span's other keys; ``@list`` for an ``entities`` span written ``[start, end, LABEL]``."""
    if span.list_key == "entities" and isinstance(record["entities"][span.at], list):
        return {"@list": True}
    return dict(span.rest)


def _doccano_skeleton(record: dict[str, Any], shape: Record, line: int) -> dict[str, Any]:
    """The record with its text, spans and relations left out (see :mod:`.spankeep`)."""
    skeleton: dict[str, Any] = json.loads(json.dumps(record))
    skeleton["text" if "text" in record else "data"] = None
    for span in shape.spans:
        skeleton[span.list_key][span.at] = None
    if isinstance(skeleton.get("relations"), list):
        skeleton["relations"] = [None] * len(skeleton["relations"])
    first = shape.spans[0] if shape.spans else None
    if first is not None:
        form = "object" if isinstance(record[first.list_key][first.at], dict) else "list"
        skeleton[FORM] = [first.list_key, form]
    skeleton[LINE] = line
    return skeleton


def _record_name(stem: str, ident: object, line: int) -> str:
    """A record's document name: from its own id, else from its line (never ``-none``)."""
    if isinstance(ident, str | int) and not isinstance(ident, bool):
        slug = slugify(str(ident))
        if slug:
            return f"{stem}-{slug}"
    return f"{stem}-line-{line}"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _text_encodes(text: str, position: Position, sink: DiagnosticSink) -> bool:
    """Whether ``text`` can be written as UTF-8; a lone surrogate (from a JSON escape
    such as ``\\ud800`` with no pair) cannot, and is an error here, not a traceback later."""
    found = _LONE_SURROGATE.search(text)
    if found is None:
        return True
    sink.error(
        position,
        f'"text" holds a lone surrogate (U+{ord(found.group()):04X}) at character '
        f"{found.start()}; it is not a character and cannot be saved as UTF-8",
    )
    return False


def _record_encodes(
    record: object, text: str, position: Position, sink: DiagnosticSink, where: str = ""
) -> bool:
    """Whether the record's ``text`` and every other string in it (labels, titles, links)
    can be written as UTF-8. One that cannot is an error before anything is written: a
    label with a lone surrogate once left behind a YAML file gloss itself cannot read."""
    if not _text_encodes(text, position, sink):
        return False
    bad = _first_unencodable(record)
    if bad is None:
        return True
    found = _LONE_SURROGATE.search(bad)
    assert found is not None
    sink.error(
        position,
        f"{where}'{one_line(shorten(bad[: found.start()]))}?' holds a lone surrogate "
        f"(U+{ord(found.group()):04X}); it is not a character and cannot be saved as UTF-8",
    )
    return False


def _first_unencodable(data: object) -> str | None:
    """The first string in ``data`` (object keys included) holding a lone surrogate."""
    pending = [data]
    while pending:  # a loop, not recursion: the JSON may be as deep as the parser allows
        value = pending.pop()
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                pending.extend((item, key))
        elif isinstance(value, list):
            pending.extend(reversed(value))
        elif isinstance(value, str) and _LONE_SURROGATE.search(value):
            return value
    return None


def to_doccano(document: Document, raw_text: str | None = None) -> dict[str, Any]:
    """The document as one doccano JSONL record: the record it was read from when it was
    (see :mod:`.spankeep`), else entities and the relations between them."""
    kept = record_of(document, DOCCANO_RECORD)
    if kept is not None:
        return _kept_doccano(document, kept, _raw_for(document, raw_text))
    entities = []
    first_span: dict[str, int] = {}
    labels = {
        code: export_label(code, info, event=False, builtin=None)
        for code, info in document.entity_types.items()
    }
    for number, mention in enumerate(document.mentions, start=1):
        entity = document.entity_by_id[mention.entity_id]
        first_span.setdefault(entity.id, number)
        entities.append(
            {
                "id": number,
                "label": labels.get(entity.type, entity.type),
                "start_offset": mention.span.start,
                "end_offset": mention.span.end,
            }
        )
    relations = [
        {
            "id": index,
            "from_id": first_span[relation.from_id],
            "to_id": first_span[relation.to_id],
            "type": relation_label(document, relation.type),
        }
        for index, relation in enumerate(
            (r for r in document.relations if not (r.from_event or r.to_event)), start=1
        )
    ]
    return {
        "id": document.info.id,
        "text": document.text,
        "entities": entities,
        "relations": relations,
    }


def _raw_for(document: Document, raw_text: str | None) -> str:
    """The text offsets are counted in: the text as stored, when it is the document's."""
    if raw_text is not None and OffsetMap(raw_text).text == document.text:
        return raw_text
    return document.text


_SPAN_KEYS = ("entities", "annotations", "label", "labels")


def _doccano_item(key: str, start: int, end: int, label: str, rest: dict[str, Any]) -> Any:
    if key in ("label", "labels") or rest.get("@list"):
        return [start, end, label]
    more = dict(rest)
    name = more.pop("@name", None)
    if name is not None and name != label:
        more.pop("label", None)  # the type was changed in gloss: its name, not the old id
    return {"start_offset": start, "end_offset": end, "label": label, **more}


def _kept_doccano(document: Document, record: dict[str, Any], raw: str) -> dict[str, Any]:
    """The record the document was read from, with gloss's spans and relations in it."""
    mapping = OffsetMap(raw)
    form = record.pop(FORM, None)
    record.pop(LINE, None)
    record["text" if "text" in record else "data"] = raw
    if not (isinstance(form, list) and len(form) == 2 and form[0] in _SPAN_KEYS):
        key = next((k for k in _SPAN_KEYS if isinstance(record.get(k), list)), "entities")
        form = [key, "object" if key in ("entities", "annotations") else "list"]
    labels = {
        code: export_label(code, info, event=False, builtin=None)
        for code, info in document.entity_types.items()
    }
    taken = [
        rest["id"]
        for mention in document.mentions
        for _, _, rest in span_origins(mention, DOCCANO_SPAN)
        if isinstance(rest.get("id"), int) and not isinstance(rest.get("id"), bool)
    ]
    fresh = iter(range(max(taken, default=0) + 1, 1 << 62))
    placed: dict[str, list[tuple[int, Any]]] = {}
    added: list[Any] = []
    ids_of: dict[str, list[object]] = {}
    for mention in document.mentions:
        entity = document.entity_by_id[mention.entity_id]
        label = labels.get(entity.type, entity.type)
        start, end = mapping.to_raw(mention.span.start), mapping.to_raw(mention.span.end)
        origins = span_origins(mention, DOCCANO_SPAN)
        for key, at, rest in origins:
            placed.setdefault(key, []).append((at, _doccano_item(key, start, end, label, rest)))
            if "id" in rest:
                ids_of.setdefault(entity.id, []).append(rest["id"])
        if not origins:
            rest = {"id": next(fresh)} if form == ["entities", "object"] else {}
            added.append(_doccano_item(form[0], start, end, label, rest))
            if rest:
                ids_of.setdefault(entity.id, []).append(rest["id"])
    for key in {*placed, *([form[0]] if added else [])}:
        fill(record, key, placed.get(key, []), added if key == form[0] else [])
    kept_relations: list[tuple[int, Any]] = []
    new_relations: list[Any] = []
    fresh_relation = iter(range(len(record.get("relations") or []) + 1, 1 << 62))
    for relation in document.relations:
        if relation.from_event or relation.to_event:
            continue
        ends: list[object] = []
        origin = relation_origin(relation)
        for side, entity_id in (("from_id", relation.from_id), ("to_id", relation.to_id)):
            own = ids_of.get(entity_id, [None])
            said = origin[1].get(side) if origin else None
            ends.append(said if said in own else own[0])
        kind = relation_label(document, relation.type)
        if origin is not None:
            item = {**origin[1], "from_id": ends[0], "to_id": ends[1], "type": kind}
            kept_relations.append((origin[0], item))
        else:
            item = {"id": next(fresh_relation), "from_id": ends[0], "to_id": ends[1], "type": kind}
            new_relations.append(item)
    if "relations" in record or new_relations:
        fill(record, "relations", kept_relations, new_relations)
    return record


def dumps_doccano(document: Document, raw_text: str | None = None) -> str:
    """One JSONL line: the record the document was read from, when it was."""
    return inert_json(to_doccano(document, raw_text), indent=None) + "\n"


def dumps_doccano_many(documents: Sequence[tuple[Document, str]]) -> str:
    """A JSONL file of ``(document, text as stored)`` pairs, in the order of the lines
    they were read from."""
    return "".join(dumps_doccano(d, raw) for d, raw in ordered(documents, DOCCANO_RECORD))


# -- displaCy --------------------------------------------------------------------------


def import_displacy(path: str, *, keep_apart: bool = False) -> SpansImport:
    """Read displaCy manual JSON: ``{"text", "ents": [{"start", "end", "label"}], "title"}``.

    Spans of one label and text are one entity unless ``keep_apart``."""
    sink = DiagnosticSink(path)
    source = _read(path, sink)
    if source is None or refuse_other_format("displacy", sink, head=source):
        return SpansImport((), sink.sorted())
    try:
        data = json.loads(source)
    except json.JSONDecodeError as error:
        sink.error(Position(error.lineno, error.colno), f"not valid JSON: {error.msg}")
        return SpansImport((), sink.sorted())
    except RecursionError:
        sink.error(Position(1, 1), "the JSON is nested too deeply")
        return SpansImport((), sink.sorted())
    if refuse_other_format("displacy", sink, value=data):
        return SpansImport((), sink.sorted())
    records = data if isinstance(data, list) else [data]
    stem = _stem(path)
    sources = []
    for number, record in enumerate(records, start=1):
        position = Position(1, 1)
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            sink.error(position, f'document {number}: expected an object with "text" (a string)')
            continue
        if not _record_encodes(record, record["text"], position, sink, f"document {number}: "):
            continue
        ents = record.get("ents", [])
        spans: list[_Labelled] = []
        for item in ents if isinstance(ents, list) else [None]:
            if (
                not isinstance(item, dict)
                or _int(item.get("start")) is None
                or _int(item.get("end")) is None
                or not isinstance(item.get("label"), str)
            ):
                sink.error(
                    position,
                    f'document {number}: each of "ents" needs "start", "end" (numbers) and "label"',
                )
                break
            links = tuple(
                (key, value.strip())
                for key in DISPLACY_LINKS
                if isinstance(value := item.get(key), str) and value.strip()
            )
            rest = {k: v for k, v in item.items() if k not in ("start", "end", "label")}
            spans.append(
                _Labelled(
                    item["start"],
                    item["end"],
                    item["label"],
                    links=links,
                    origin=("ents", len(spans), rest),
                )
            )
        title = record.get("title")
        doc_id = stem if len(records) == 1 else f"{stem}-{number}"
        skeleton = json.loads(json.dumps(record))
        skeleton["text"] = None
        if isinstance(ents, list):
            skeleton["ents"] = [None] * len(ents)
        skeleton[LINE] = number
        if isinstance(data, list):
            skeleton[LIST] = True
        sources.append(
            _Source(
                record["text"],
                spans,
                doc_id,
                title.strip() or None if isinstance(title, str) else None,
                position,
                attributes=[(DISPLACY_RECORD, compact(skeleton))],
                span_attribute=DISPLACY_ENT,
            )
        )
    return _finish(sources, path, sink, keep_apart)


def displacy_label(document: Document, code: str) -> str:
    """The label written for a type: spaCy's name where it has one."""
    if code in SPACY_LABELS:
        return SPACY_LABELS[code]
    return export_label(code, document.entity_types.get(code), event=False, builtin=None)


def to_displacy(document: Document, raw_text: str | None = None) -> dict[str, Any]:
    """spaCy's manual-render form; every mention, in text order (they may overlap). A
    document read from displaCy gives back the document it was read from (see
    :mod:`.spankeep`)."""
    kept = record_of(document, DISPLACY_RECORD)
    if kept is not None:
        return _kept_displacy(document, kept, _raw_for(document, raw_text))
    ents = []
    for mention in document.mentions:
        entity = document.entity_by_id[mention.entity_id]
        ent: dict[str, Any] = {
            "start": mention.span.start,
            "end": mention.span.end,
            "label": displacy_label(document, entity.type),
        }
        ent.update((key, value) for key, value in entity.links if key in DISPLACY_LINKS)
        ents.append(ent)
    ents.sort(key=lambda e: (e["start"], e["end"]))
    return {"text": document.text, "ents": ents, "title": document.info.title}


def _kept_displacy(document: Document, record: dict[str, Any], raw: str) -> dict[str, Any]:
    mapping = OffsetMap(raw)
    record.pop(LINE, None)
    record.pop(LIST, None)
    record["text"] = raw
    title = record.get("title")
    if (title.strip() or None if isinstance(title, str) else None) != document.info.title:
        record["title"] = document.info.title
    placed: list[tuple[int, Any]] = []
    added: list[dict[str, Any]] = []
    for mention in document.mentions:
        entity = document.entity_by_id[mention.entity_id]
        links = {k: v for k, v in entity.links if k in DISPLACY_LINKS}
        ent: dict[str, Any] = {
            "start": mapping.to_raw(mention.span.start),
            "end": mapping.to_raw(mention.span.end),
            "label": displacy_label(document, entity.type),
        }
        origins = span_origins(mention, DISPLACY_ENT)
        for _, at, rest in origins:
            own = dict(rest)
            for key, value in links.items():
                said = own.get(key)
                if key in own and (not isinstance(said, str) or said.strip() != value):
                    own[key] = value  # the link was changed in gloss
            placed.append((at, {**ent, **own}))
        if not origins:
            added.append({**ent, **links})
    fill(record, "ents", placed, added)
    if added:
        record["ents"].sort(key=lambda e: (e["start"], e["end"]))
    return record


def dumps_displacy(document: Document, raw_text: str | None = None) -> str:
    return inert_json(to_displacy(document, raw_text)) + "\n"


def dumps_displacy_many(documents: Sequence[tuple[Document, str]]) -> str:
    """One displaCy document, or a list of them: as the file they were read from was."""
    ordered_documents = ordered(documents, DISPLACY_RECORD)
    records = [to_displacy(d, raw) for d, raw in ordered_documents]
    first = record_of(ordered_documents[0][0], DISPLACY_RECORD) if ordered_documents else None
    if len(records) == 1 and not (first and first.get(LIST)):
        return inert_json(records[0]) + "\n"
    return inert_json(records) + "\n"
