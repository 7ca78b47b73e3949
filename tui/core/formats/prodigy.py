"""Prodigy JSONL (``prodigy db-out``) ↔ gloss documents.

Records with one ``_input_hash`` are one text; the records of one text by one annotator
(``_annotator_id``, else ``_session_id``) are one gloss document, so that ``gloss diff``
compares annotators. Each record's ``spans`` are mentions, its ``relations`` relations,
and its ``answer`` (accept, reject, ignore) an attribute of each of its mentions.
Everything else a record holds is kept verbatim (compact JSON in the document attribute
``prodigy-records``), so that the export gives the file back; tokens, ``token_start``,
``token_end`` and a span's ``text`` are kept only where they are not what the text
gives (Prodigy's tokens are spaCy's: gloss keeps their boundaries, ``0:6 7:12 …``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import Document, Span
from tui.core.formats.common import GLOSS_ID, OffsetMap, export_label, relation_label, slugify
from tui.core.formats.jsonin import (
    Imported,
    JsonImport,
    SourceLines,
    compact,
    is_int,
    plain,
    read_jsonl,
    read_source,
)
from tui.core.formats.sniff import record_kind, wrong_format
from tui.core.formats.spanbuild import Region, RegionRelation, build_regions, declared_types
from tui.core.text.fitting import short_repr
from tui.core.text.textsafety import inert_json

RECORDS = "prodigy-records"
ANSWER = "answer"
RECORD = "prodigy-record"
MORE = "prodigy-more"
HEAD, CHILD = "prodigy-head", "prodigy-child"
RELATION_ONLY = "prodigy-span"
"""On a mention that only a relation's ``head_span`` or ``child_span`` gives."""

_DERIVED = ("text", "token_start", "token_end")
_TOKEN_KEYS = {"text", "start", "end", "id", "ws"}


@dataclass
class _Group:
    text: str
    records: list[tuple[int, Any]] = field(default_factory=list)
    key: tuple[object, ...] = ()


def _tokens_compact(tokens: Any, raw: str) -> str | None:
    """Token boundaries as ``start:end`` words, when the tokens are exactly what the
    text and those boundaries give (spaCy's ``text``, ``id``, ``ws``); else None."""
    if not isinstance(tokens, list):
        return None
    words = []
    for number, token in enumerate(tokens):
        if not isinstance(token, dict) or set(token) != _TOKEN_KEYS:
            return None
        start, end = token["start"], token["end"]
        if not (is_int(start) and is_int(end) and 0 <= start <= end <= len(raw)):
            return None
        if token != {
            "text": raw[start:end],
            "start": start,
            "end": end,
            "id": number,
            "ws": raw[end : end + 1] == " ",
        }:
            return None
        words.append(f"{start}:{end}")
    return " ".join(words)


def _tokens_from(compacted: str, raw: str) -> list[dict[str, Any]]:
    tokens = []
    for number, word in enumerate(compacted.split()):
        start_text, end_text = word.split(":")
        start, end = int(start_text), int(end_text)
        tokens.append(
            {
                "text": raw[start:end],
                "start": start,
                "end": end,
                "id": number,
                "ws": raw[end : end + 1] == " ",
            }
        )
    return tokens


def _token_index(tokens: Any) -> tuple[dict[int, int], dict[int, int]]:
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    if isinstance(tokens, list):
        for number, token in enumerate(tokens):
            if isinstance(token, dict) and is_int(token.get("start")) and is_int(token.get("end")):
                starts.setdefault(token["start"], number)
                ends[token["end"]] = number
    return starts, ends


def _derived(
    span: dict[str, Any], raw: str, starts: dict[int, int], ends: dict[int, int]
) -> dict[str, Any]:
    """What a span's derivable keys would be, from the text and the tokens."""
    found: dict[str, Any] = {"text": raw[span["start"] : span["end"]]}
    if span["start"] in starts:
        found["token_start"] = starts[span["start"]]
    if span["end"] in ends:
        found["token_end"] = ends[span["end"]]
    return found


def import_prodigy(path: str, *, keep_apart: bool = False) -> JsonImport:
    """Read Prodigy JSONL: one gloss document per text and annotator."""
    sink = DiagnosticSink(path)
    read = read_jsonl(path, sink)
    if read is None:
        source = read_source(path, DiagnosticSink(path))
        named = wrong_format(source, None, "prodigy") if source else None
        if named:
            fresh = DiagnosticSink(path)
            fresh.error(Position(1, 1), named)
            return JsonImport((), fresh.sorted())
        return JsonImport((), sink.sorted())
    records, lines = read
    groups: dict[tuple[object, ...], _Group] = {}
    for number, record in records:
        where = Position(number, 1)
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            kind = record_kind(record)
            named = wrong_format(None, record, "prodigy") if kind != "prodigy" else None
            sink.error(
                where,
                named or 'expected a Prodigy record: an object with "text" (a string)',
            )
            continue
        kind = record_kind(record)
        if kind not in (None, "prodigy"):
            named = wrong_format(None, record, "prodigy")
            if named:
                sink.error(where, named)
                continue
        input_hash = record.get("_input_hash")
        annotator = record.get("_annotator_id", record.get("_session_id"))
        key = (
            ("hash", compact(input_hash)) if input_hash is not None else ("line", number),
            compact(annotator),
            record["text"],
        )
        group = groups.setdefault(key, _Group(record["text"], key=key))
        group.records.append((number, record))
    if sink.has_errors:
        return JsonImport((), sink.sorted())
    split: list[_Group] = []
    for group in groups.values():
        seen: set[tuple[object, ...]] = set()
        clash = False
        for _, record in group.records:
            for span in record.get("spans") or []:
                if isinstance(span, dict):
                    mark = (span.get("start"), span.get("end"), compact(span.get("label")))
                    clash = clash or mark in seen
                    seen.add(mark)
        if clash and len(group.records) > 1:
            split.extend(_Group(group.text, [each], group.key) for each in group.records)
        else:
            split.append(group)
    stem = slugify(os.path.splitext(os.path.basename(path))[0], limit=60) or "document"
    taken: set[str] = set()
    documents = []
    for group in split:
        doc_id = stem if len(split) == 1 else _name(stem, group, taken)
        imported = _document(group, doc_id, lines, sink, keep_apart)
        if imported is not None:
            documents.append(imported)
    if sink.has_errors:
        documents = []
    return JsonImport(tuple(documents), sink.sorted())


def _name(stem: str, group: _Group, taken: set[str]) -> str:
    first = group.records[0][1]
    parts = [stem]
    input_hash = first.get("_input_hash")
    parts.append(f"input-{slugify(str(input_hash))}" if input_hash is not None else "")
    if not parts[-1]:
        parts[-1] = f"line-{group.records[0][0]}"
    annotator = first.get("_annotator_id", first.get("_session_id"))
    if isinstance(annotator, str | int) and slugify(str(annotator)):
        parts.append(slugify(str(annotator)))
    name = "-".join(parts)[:96].rstrip("-.")
    unique, number = name, 2
    while unique.lower() in taken or not GLOSS_ID.fullmatch(unique):
        unique = f"{name[:90]}-{number}"
        number += 1
    taken.add(unique.lower())
    return unique


def _document(
    group: _Group, doc_id: str, lines: SourceLines, sink: DiagnosticSink, keep_apart: bool
) -> Imported | None:
    raw = group.text
    offsets = OffsetMap(raw)
    text = offsets.text
    regions: list[Region] = []
    relations: list[RegionRelation] = []
    skeletons = []
    errors = sink.error_count
    several = len(group.records) > 1
    fresh_meta: dict[str, Any] | None = None
    for position, (number, record) in enumerate(group.records):
        where = Position(number, 1)
        skeleton = {
            key: plain(value)
            for key, value in record.items()
            if key not in ("text", "spans", "relations", "tokens")
        }
        meta = skeleton.get("meta")
        if isinstance(meta, dict) and isinstance(meta.get("gloss"), dict) and not several:
            fresh_meta = meta.pop("gloss")
            if not meta:
                del skeleton["meta"]
        skeleton["@line"] = number
        tokens = record.get("tokens")
        if "tokens" in record:
            compacted = _tokens_compact(tokens, raw)
            skeleton["@tokens"] = compacted if compacted is not None else plain(tokens)
        starts, ends = _token_index(tokens)
        spans = record.get("spans")
        if "spans" in record and not isinstance(spans, list):
            sink.error(where, '"spans" must be a list')
            continue
        spans = spans or []
        valid: list[dict[str, Any]] = []
        for index, span in enumerate(spans, start=1):
            if (
                not isinstance(span, dict)
                or not is_int(span.get("start"))
                or not is_int(span.get("end"))
                or not isinstance(span.get("label"), str)
                or not span["label"].strip()
            ):
                sink.error(where, f'span {index} needs "start", "end" (numbers) and "label"')
                continue
            if not 0 <= span["start"] < span["end"] <= len(raw):
                sink.error(
                    where,
                    f"span {index} [{span['start']}, {span['end']}) is not within the text "
                    f"({len(raw)} characters) or is empty",
                )
                continue
            if (
                isinstance(span.get("text"), str)
                and span["text"] != raw[span["start"] : span["end"]]
            ):
                sink.error(
                    where,
                    f"span {index}: its text {short_repr(span['text'])} is not the text at "
                    f"[{span['start']}, {span['end']}), "
                    f"{short_repr(raw[span['start'] : span['end']])}",
                )
                continue
            valid.append(span)
        shared = [
            key
            for key in _DERIVED
            if valid
            and all(
                key in span and span[key] == _derived(span, raw, starts, ends).get(key)
                for span in valid
            )
        ]
        if "spans" in record:
            skeleton["@spans"] = shared
        answer = record.get("answer")
        region_at: dict[tuple[int, int, str], int] = {}
        span_of: dict[tuple[int, int, str], dict[str, Any]] = {}
        fresh = fresh_meta is not None
        for span in valid:
            derived = _derived(span, raw, starts, ends)
            more = {
                key: value
                for key, value in plain(span).items()
                if key not in ("start", "end", "label")
                and not (key in shared and value == derived.get(key))
            }
            gloss = more.pop("gloss", None) if fresh else None
            attributes: list[tuple[str, str]] = []
            if isinstance(answer, str) and not fresh:
                attributes.append((ANSWER, answer))
            if several:
                attributes.append((RECORD, str(position)))
            if more:
                attributes.append((MORE, compact(more)))
            if isinstance(gloss, dict) and isinstance(gloss.get("mention"), dict):
                attributes.extend((str(k), str(v)) for k, v in gloss["mention"].items())
            start, end = offsets.to_gloss(span["start"]), offsets.to_gloss(span["end"])
            if not text[start:end].strip():
                sink.error(
                    where, f"a span [{span['start']}, {span['end']}) covers only white space"
                )
                continue
            region_at[(span["start"], span["end"], span["label"])] = len(regions)
            span_of[(span["start"], span["end"], span["label"])] = plain(span)
            regions.append(
                Region(
                    Span(start, end),
                    span["label"],
                    attributes,
                    gloss.get("entity")
                    if isinstance(gloss, dict) and isinstance(gloss.get("entity"), str)
                    else None,
                    gloss if isinstance(gloss, dict) else None,
                )
            )
        if "relations" in record:
            skeleton["@relations"] = True
            found = record.get("relations")
            if not isinstance(found, list):
                sink.error(where, '"relations" must be a list')
                continue
            for index, relation in enumerate(found, start=1):
                made = _relation(
                    relation,
                    index,
                    raw,
                    offsets,
                    region_at,
                    span_of,
                    regions,
                    where,
                    sink,
                    several,
                    position,
                    fresh,
                )
                if made is not None:
                    relations.append(made)
        skeletons.append(skeleton)
    if sink.error_count > errors:
        return None
    kept: list[tuple[str, str]] = []
    fresh_skeleton = fresh_meta is not None and skeletons == [
        {"answer": "accept", "@line": group.records[0][0], "@spans": [], "@relations": True}
    ]
    if not fresh_skeleton:
        kept.append((RECORDS, compact(skeletons)))
    meta = fresh_meta or {}
    doc_name = meta.get("id")
    title, note, declared = meta.get("title"), meta.get("note"), meta.get("types")
    document = build_regions(
        doc_id=doc_name if isinstance(doc_name, str) and GLOSS_ID.fullmatch(doc_name) else doc_id,
        text=text,
        title=title if isinstance(title, str) else None,
        regions=regions,
        relations=relations,
        keep_apart=keep_apart,
        document_attributes=tuple(kept),
        declared=declared if isinstance(declared, dict) else None,
        note=note if isinstance(note, str) else None,
    )
    return Imported(document, raw)


def _relation(
    relation: Any,
    index: int,
    raw: str,
    offsets: OffsetMap,
    region_at: dict[tuple[int, int, str], int],
    span_of: dict[tuple[int, int, str], dict[str, Any]],
    regions: list[Region],
    where: Position,
    sink: DiagnosticSink,
    several: bool,
    position: int,
    fresh: bool,
) -> RegionRelation | None:
    if not isinstance(relation, dict) or not isinstance(relation.get("label"), str):
        sink.error(where, f'relation {index} needs "head_span", "child_span" and "label"')
        return None
    ends = []
    more: dict[str, Any] = {
        key: value
        for key, value in plain(relation).items()
        if key not in ("head", "child", "head_span", "child_span", "label")
    }
    gloss = more.pop("gloss", None) if fresh else None
    for side, token_key in (("head_span", "head"), ("child_span", "child")):
        span = relation.get(side)
        if (
            not isinstance(span, dict)
            or not is_int(span.get("start"))
            or not is_int(span.get("end"))
        ):
            sink.error(where, f'relation {index} needs "{side}" with "start" and "end"')
            return None
        start, end = span["start"], span["end"]
        if not 0 <= start < end <= len(raw):
            sink.error(
                where, f"relation {index}: its {side} [{start}, {end}) is not within the text"
            )
            return None
        label = span.get("label")
        key = (start, end, label if isinstance(label, str) else "")
        if key not in region_at:
            region_at[key] = len(regions)
            regions.append(
                Region(
                    Span(offsets.to_gloss(start), offsets.to_gloss(end)),
                    label if isinstance(label, str) and label.strip() else "SPAN",
                    [(RELATION_ONLY, "relation")] + ([(RECORD, str(position))] if several else []),
                )
            )
            more[side] = plain(span)
        else:
            more_span = plain(span)
            if more_span != _relation_end(span_of.get(key, {})):
                more[side] = more_span
        head = relation.get(token_key)
        if head != span.get("token_end") or token_key not in relation:
            more[token_key] = plain(head) if token_key in relation else "@absent"
        ends.append(region_at[key])
    attributes: list[tuple[str, str]] = []
    if not fresh:
        for name, region in ((HEAD, ends[0]), (CHILD, ends[1])):
            span = regions[region].span
            attributes.append((name, f"{span.start}-{span.end}"))
    if several:
        attributes.append((RECORD, str(position)))
    if more:
        attributes.append((MORE, compact(more)))
    if isinstance(gloss, dict) and isinstance(gloss.get("attributes"), dict):
        attributes.extend((str(k), str(v)) for k, v in gloss["attributes"].items())
    note = gloss.get("note") if isinstance(gloss, dict) else None
    return RegionRelation(
        ends[0], ends[1], relation["label"], attributes, note if isinstance(note, str) else None
    )


def _relation_end(span: dict[str, Any]) -> dict[str, Any]:
    """A relation's ``head_span`` or ``child_span`` as the export writes it from the
    span it names: the keys Prodigy's ``rel.manual`` writes there."""
    return {key: span[key] for key in _END_KEYS if key in span}


_END_KEYS = ("start", "end", "token_start", "token_end", "label")


# -- export ----------------------------------------------------------------------------


def to_prodigy(documents: Sequence[tuple[Document, str]]) -> list[dict[str, Any]]:
    """Prodigy records for ``(document, raw text)`` pairs, in the order of the file they
    came from (documents gloss made: one record each, after)."""
    found: list[tuple[float, int, dict[str, Any]]] = []
    for number, (document, raw) in enumerate(documents):
        kept = dict(document.info.attributes)
        fresh = RECORDS not in kept
        if fresh:
            meta: dict[str, Any] = {"id": document.info.id}
            if document.info.title:
                meta["title"] = document.info.title
            if document.info.note:
                meta["note"] = document.info.note
            declared = declared_types(document)
            if declared:
                meta["types"] = declared
            skeletons: list[dict[str, Any]] = [
                {"answer": "accept", "@spans": [], "@relations": True, "meta": {"gloss": meta}}
            ]
        else:
            skeletons = json.loads(kept[RECORDS])
        offsets = OffsetMap(raw)
        for position, skeleton in enumerate(skeletons):
            record = _record(document, raw, offsets, skeleton, position, len(skeletons) > 1, fresh)
            line = float(skeleton.get("@line", float("inf")))
            found.append((line, number, record))
    found.sort(key=lambda item: (item[0], item[1]))
    return [record for _, _, record in found]


def _record(
    document: Document,
    raw: str,
    offsets: OffsetMap,
    skeleton: dict[str, Any],
    position: int,
    several: bool,
    fresh: bool,
) -> dict[str, Any]:
    record = {key: value for key, value in skeleton.items() if not key.startswith("@")}
    record["text"] = raw
    tokens: Any = None
    if "@tokens" in skeleton:
        kept_tokens = skeleton["@tokens"]
        tokens = _tokens_from(kept_tokens, raw) if isinstance(kept_tokens, str) else kept_tokens
        record["tokens"] = tokens
    starts, ends = _token_index(tokens)
    shared = skeleton.get("@spans")
    spans = []
    answers = []
    span_dicts: dict[tuple[str, int], dict[str, Any]] = {}
    for mention in document.mentions:
        attributes = dict(mention.attributes)
        if several and attributes.get(RECORD) != str(position):
            continue
        entity = document.entity_by_id[mention.entity_id]
        start, end = offsets.to_raw(mention.span.start), offsets.to_raw(mention.span.end)
        label = export_label(
            entity.type, document.entity_types.get(entity.type), event=False, builtin=None
        )
        span: dict[str, Any] = {"start": start, "end": end, "label": label}
        derived = _derived(span, raw, starts, ends)
        for key in shared or ():
            if key in derived:
                span[key] = derived[key]
        if MORE in attributes:
            span.update(json.loads(attributes[MORE]))
        if fresh:
            said: dict[str, Any] = {"entity": entity.id}
            if mention.index == 0:
                said["name"] = entity.name
                for key, value in (
                    ("aliases", list(entity.aliases)),
                    ("description", entity.description),
                    ("links", dict(entity.links)),
                    ("attributes", dict(entity.attributes)),
                ):
                    if value:
                        said[key] = value
            if mention.attributes:
                said["mention"] = dict(mention.attributes)
            span["gloss"] = said
        span_dicts[(entity.id, mention.index)] = span
        if ANSWER in attributes:
            answers.append(attributes[ANSWER])
        if attributes.get(RELATION_ONLY) != "relation":
            spans.append(span)
    if answers and "answer" in record:
        record["answer"] = answers[0]
    if shared is not None:
        record["spans"] = sorted(spans, key=lambda s: (s["start"], s["end"], str(s["label"])))
    if skeleton.get("@relations"):
        record["relations"] = _relations(document, offsets, span_dicts, position, several, fresh)
    return record


def _relations(
    document: Document,
    offsets: OffsetMap,
    span_dicts: dict[tuple[str, int], dict[str, Any]],
    position: int,
    several: bool,
    fresh: bool,
) -> list[dict[str, Any]]:
    found = []
    for relation in document.relations:
        if relation.from_event or relation.to_event:
            continue
        attributes = dict(relation.attributes)
        if several and attributes.get(RECORD) != str(position):
            continue
        more = json.loads(attributes[MORE]) if MORE in attributes else {}
        item: dict[str, Any] = {}
        for entity_id, named, side, token_key in (
            (relation.from_id, HEAD, "head_span", "head"),
            (relation.to_id, CHILD, "child_span", "child"),
        ):
            entity = document.entity_by_id[entity_id]
            chosen = entity.mentions[0]
            wanted = attributes.get(named)
            for mention in entity.mentions:
                if f"{mention.span.start}-{mention.span.end}" == wanted:
                    chosen = mention
                    break
            if side in more:
                item[side] = more.pop(side)
            else:
                item[side] = _relation_end(span_dicts.get((entity_id, chosen.index), {}))
            if token_key in more:
                token = more.pop(token_key)
                if token != "@absent":
                    item[token_key] = token
            else:
                item[token_key] = item[side].get("token_end")
        item["label"] = relation_label(document, relation.type)
        item.update(more)
        if fresh:
            said: dict[str, Any] = {}
            if relation.attributes:
                said["attributes"] = dict(relation.attributes)
            if relation.note:
                said["note"] = relation.note
            if said:
                item["gloss"] = said
        found.append(item)
    del offsets
    return found


def dumps_prodigy(documents: Sequence[tuple[Document, str]]) -> str:
    """JSONL, one record a line."""
    return "".join(inert_json(record, indent=None) + "\n" for record in to_prodigy(documents))
