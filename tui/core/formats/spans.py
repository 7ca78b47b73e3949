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
from dataclasses import dataclass, field
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
from tui.core.formats.doccano_shapes import read_label_map, read_record
from tui.core.formats.grouping import GroupKey, same_text_key
from tui.core.formats.inputs import (
    DISPLACY,
    DOCCANO,
    SNIFF_BYTES,
    KnownFormat,
    other_format,
    sniff,
)
from tui.core.formats.sniff import wrong_format
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


@dataclass
class _Labelled:
    start: int
    end: int
    label: str
    key: object = None
    """The span's own id in the source (doccano's entity id), for relations."""
    links: tuple[tuple[str, str], ...] = ()
    """Knowledge-base links of the span (displaCy's ``kb_id`` and ``kb_url``)."""


@dataclass
class _Source:
    text: str
    spans: list[_Labelled]
    doc_id: str
    title: str | None
    position: Position
    relations: list[tuple[object, object, str]] = field(default_factory=list)


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
    for (item, span), group in zip(valid, group_of, strict=True):
        index = draft_of.setdefault(group, len(drafts))
        if index == len(drafts):
            drafts.append(EntityDraft(types.entity(item.label), []))
        drafts[index].spans.append(span)
        drafts[index].links.extend(link for link in item.links if link not in drafts[index].links)
        if item.key is not None:
            by_key[item.key] = index
    relations = []
    for source_key, target_key, label in source.relations:
        if source_key not in by_key or target_key not in by_key:
            sink.error(
                source.position,
                f"relation {label!r} links span ids {source_key!r} and {target_key!r}, "
                "which are not both entities of this document",
            )
            continue
        if by_key[source_key] != by_key[target_key]:
            relations.append(
                RelationDraft(types.relation(label), by_key[source_key], by_key[target_key])
            )
    if sink.error_count > errors:
        return None
    del path
    return build_document(
        doc_id=source.doc_id,
        text=text,
        text_path=source.doc_id + ".txt",
        title=source.title,
        entities=drafts,
        events=[],
        relations=relations,
        types=types,
    )


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
    for source in sources:
        document = _document(source, path, sink, keep_apart)
        if document is not None:
            documents.append(document)
    if sink.has_errors:
        documents = []
    return SpansImport(tuple(documents), sink.sorted())


def _stem(path: str) -> str:
    return slugify(os.path.splitext(os.path.basename(path))[0], limit=80) or "document"


def _of_another_format(source: str, expected: KnownFormat, sink: DiagnosticSink) -> bool:
    """Whether ``source`` is a file of another format gloss knows (Prodigy JSONL given to
    the doccano import): then that is the error, and nothing of it is imported."""
    message = other_format(sniff(source[:SNIFF_BYTES]), expected)
    if message is not None:
        sink.error(Position(1, 1), message)
    return message is not None


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
    if source is None or _of_another_format(source, DOCCANO, sink):
        return SpansImport((), sink.sorted())
    if named := wrong_format(source, None, "doccano"):
        sink.error(Position(1, 1), named)
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
        if shape.categories:
            sink.warning(
                position,
                "document categories "
                + ", ".join(repr(c) for c in shape.categories)
                + " have no place in gloss; they are not kept",
            )
        if shape.comments:
            sink.warning(
                position,
                f"{shape.comments} annotator comment(s) have no place in gloss; they are not kept",
            )
        if not shape.labelled:
            sink.warning(
                position,
                'no annotations found (expected "label", "entities" or "annotations"); '
                "the document is imported without entities",
            )
        spans = [_Labelled(s.start, s.end, s.label, s.key) for s in shape.spans]
        relations = shape.relations
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
        sources.append(_Source(shape.text, spans, doc_id, None, position, relations))
    return _finish(sources, path, sink, keep_apart)


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


def to_doccano(document: Document) -> dict[str, Any]:
    """The document as one doccano JSONL record (entities, and relations between them)."""
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


def dumps_doccano(document: Document) -> str:
    """One JSONL line."""
    return inert_json(to_doccano(document), indent=None) + "\n"


# -- displaCy --------------------------------------------------------------------------


def import_displacy(path: str, *, keep_apart: bool = False) -> SpansImport:
    """Read displaCy manual JSON: ``{"text", "ents": [{"start", "end", "label"}], "title"}``.

    Spans of one label and text are one entity unless ``keep_apart``."""
    sink = DiagnosticSink(path)
    source = _read(path, sink)
    if source is None or _of_another_format(source, DISPLACY, sink):
        return SpansImport((), sink.sorted())
    try:
        data = json.loads(source)
    except json.JSONDecodeError as error:
        sink.error(Position(error.lineno, error.colno), f"not valid JSON: {error.msg}")
        return SpansImport((), sink.sorted())
    except RecursionError:
        sink.error(Position(1, 1), "the JSON is nested too deeply")
        return SpansImport((), sink.sorted())
    if named := wrong_format(None, data, "displacy"):
        sink.error(Position(1, 1), named)
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
        spans = []
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
            spans.append(_Labelled(item["start"], item["end"], item["label"], links=links))
        title = record.get("title")
        doc_id = stem if len(records) == 1 else f"{stem}-{number}"
        sources.append(
            _Source(
                record["text"],
                spans,
                doc_id,
                title.strip() or None if isinstance(title, str) else None,
                position,
            )
        )
    return _finish(sources, path, sink, keep_apart)


def displacy_label(document: Document, code: str) -> str:
    """The label written for a type: spaCy's name where it has one."""
    if code in SPACY_LABELS:
        return SPACY_LABELS[code]
    return export_label(code, document.entity_types.get(code), event=False, builtin=None)


def to_displacy(document: Document) -> dict[str, Any]:
    """spaCy's manual-render form; every mention, in text order (they may overlap)."""
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


def dumps_displacy(document: Document) -> str:
    return inert_json(to_displacy(document)) + "\n"
