"""Label Studio JSON → gloss documents: one for each annotation and each prediction.

Everything a task says is kept, so that the export gives the file back (see
``docs/interop.md``, "Label Studio"): what gloss models becomes entities, mentions and
relations; the rest is kept verbatim as compact JSON in attributes whose names start
with ``labelstudio-`` (the document's) or ``ls-`` (a mention's or a relation's).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import Span
from tui.core.formats.common import GLOSS_ID, OffsetMap, slugify
from tui.core.formats.jsonin import (
    Imported,
    JsonImport,
    SourceLines,
    compact,
    is_int,
    plain,
    read_json,
    read_source,
)
from tui.core.formats.sniff import wrong_format
from tui.core.formats.spanbuild import Region, RegionRelation, Utf16, build_regions
from tui.core.text.fitting import short_repr

ENTRY_KINDS = (("annotations", "annotation"), ("predictions", "prediction"))

TASK = "labelstudio-task"
"""The task without its text, annotations and predictions (``[]`` where it had them)."""
ENTRY = {"annotation": "labelstudio-annotation", "prediction": "labelstudio-prediction"}
"""The annotation (or prediction) without its ``result``."""
DEFAULTS = "labelstudio-defaults"
"""The keys most results of a kind share (``from_name``, ``to_name``, ``origin``…)."""
OTHER = "labelstudio-other"
"""Results about the whole text (a classification), verbatim."""
OFFSETS = "labelstudio-offsets"
"""``code-points`` when the file counts offsets in code points, not UTF-16 units."""

REGION_ID = "ls-id"
LABEL_AT = "ls-label"
MORE = "ls-more"
FROM, TO, LABELS = "ls-from", "ls-to", "ls-labels"
NO_TEXT = "@no-text"
NO_LABELS = "@no-labels"

SPAN_KEYS = ("start", "end", "text")


def payload_key(kind: str) -> str:
    """Where a control's answer is in its ``value``: ``text`` for a TextArea, else the
    type's own name (``choices``, ``rating``, ``taxonomy``, ``number``, ``labels``)."""
    return "text" if kind == "textarea" else kind


def encode_answer(payload: Any) -> str:
    """A control's answer as an attribute value: one choice as it is, else JSON."""
    if (
        isinstance(payload, list)
        and len(payload) == 1
        and isinstance(payload[0], str)
        and payload[0]
        and not payload[0].startswith("[")
    ):
        return payload[0]
    return compact(payload)


@dataclass
class _Entry:
    """One annotation or prediction of a task, and where it goes."""

    task_index: int
    task: Any
    kind: str  # annotation, prediction, or task (a task with neither)
    index: int
    entry: Any
    doc_id: str = ""


@dataclass
class _Reading:
    text_key: str
    raw: str
    points: bool
    regions: list[Region] = field(default_factory=list)
    relations: list[RegionRelation] = field(default_factory=list)


def import_labelstudio(path: str, *, keep_apart: bool = False) -> JsonImport:
    """Read a Label Studio JSON export (a list of tasks, or one task)."""
    sink = DiagnosticSink(path)
    read = read_json(path, sink)
    if read is None:
        source = read_source(path, DiagnosticSink(path))
        named = wrong_format(source, None, "labelstudio") if source else None
        if named:
            return JsonImport((), (*_errors_to(sink, named),))
        return JsonImport((), sink.sorted())
    data, lines = read
    tasks = data if isinstance(data, list) else [data]
    if not all(_is_task(task) for task in tasks) or not tasks:
        named = wrong_format(None, data, "labelstudio")
        sink.error(
            Position(1, 1),
            named
            or 'expected Label Studio JSON: a list of tasks, each with "data" (holding the text)'
            ' and "annotations" or "predictions"',
        )
        return JsonImport((), sink.sorted())
    entries = _entries(tasks, path)
    documents = []
    for entry in entries:
        imported = _document(entry, lines, sink, keep_apart)
        if imported is not None:
            documents.append(imported)
    if sink.has_errors:
        documents = []
    return JsonImport(tuple(documents), sink.sorted())


def _errors_to(sink: DiagnosticSink, message: str) -> tuple[Any, ...]:
    fresh = DiagnosticSink(sink.path)
    fresh.error(Position(1, 1), message)
    return fresh.sorted()


def _is_task(task: Any) -> bool:
    return isinstance(task, dict) and isinstance(task.get("data"), dict)


def _entries(tasks: list[Any], path: str) -> list[_Entry]:
    entries: list[_Entry] = []
    for task_index, task in enumerate(tasks):
        found = False
        for key, kind in ENTRY_KINDS:
            items = task.get(key)
            if isinstance(items, list):
                for index, item in enumerate(items):
                    entries.append(_Entry(task_index, task, kind, index, item))
                    found = True
        if not found:
            entries.append(_Entry(task_index, task, "task", 0, None))
    stem = slugify(os.path.splitext(os.path.basename(path))[0], limit=60) or "document"
    taken: set[str] = set()
    for entry in entries:
        if len(entries) == 1:
            name = stem
        else:
            task_part = _part("task", entry.task.get("id"), entry.task_index)
            name = f"{stem}-{task_part}"
            if entry.kind != "task":
                ident = entry.entry.get("id") if isinstance(entry.entry, dict) else None
                name += "-" + _part(entry.kind, ident, entry.index)
        name = name[:100].rstrip("-.")
        unique, number = name, 2
        while unique.lower() in taken or not GLOSS_ID.fullmatch(unique):
            unique = f"{name[:90]}-{number}"
            number += 1
        taken.add(unique.lower())
        entry.doc_id = unique
    return entries


def _part(kind: str, ident: object, index: int) -> str:
    if (is_int(ident) or isinstance(ident, str)) and slugify(str(ident)):
        return f"{kind}-{slugify(str(ident))}"
    return f"{kind}{index + 1}"


def _text_of(task: Any) -> tuple[str, str] | None:
    """The data key that holds the text, and the text."""
    data = task["data"]
    if isinstance(data.get("text"), str):
        return "text", data["text"]
    strings = [key for key, value in data.items() if isinstance(value, str)]
    if len(strings) == 1:
        return strings[0], data[strings[0]]
    return None


def _document(
    entry: _Entry, lines: SourceLines, sink: DiagnosticSink, keep_apart: bool
) -> Imported | None:
    task = entry.task
    at = lines.position(task)
    found = _text_of(task)
    if found is None:
        sink.error(
            at,
            f'task {entry.task_index + 1}: its "data" holds no text (gloss reads text tasks:'
            ' "data": {"text": "…"}, or one field holding a string)',
        )
        return None
    text_key, raw = found
    errors = sink.error_count
    skeleton = plain(task)
    skeleton["data"][text_key] = None
    gloss_meta = None
    meta = skeleton.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("gloss"), dict):
        gloss_meta = meta.pop("gloss")
        if not meta:
            del skeleton["meta"]
    for key, _ in ENTRY_KINDS:
        if key in skeleton:
            if not isinstance(skeleton[key], list):
                sink.error(at, f'task {entry.task_index + 1}: "{key}" must be a list')
                return None
            skeleton[key] = []
    attributes: list[tuple[str, str]] = []
    fresh = gloss_meta is not None and skeleton == {"data": {text_key: None}, "annotations": []}
    if not fresh:
        skeleton["@task"] = entry.task_index
        skeleton["@text"] = text_key
        attributes.append((TASK, compact(skeleton)))
    result: list[Any] = []
    if entry.kind != "task":
        item = entry.entry
        item_at = lines.position(item) if isinstance(item, dict) else at
        if not isinstance(item, dict) or not isinstance(item.get("result", []), list):
            sink.error(
                item_at, f'each of the task\'s {entry.kind}s must be an object with "result"'
            )
            return None
        result = item.get("result", [])
        kept = {key: value for key, value in plain(item).items() if key != "result"}
        if "result" not in item:
            kept["@no-result"] = True
        if not (fresh and entry.kind == "annotation" and not kept):
            kept["@entry"] = entry.index
            attributes.append((ENTRY[entry.kind], compact(kept)))
    reading = _Reading(text_key, raw, points=False)
    if not _read_result(result, reading, lines, sink, entry, attributes, fresh):
        return None
    if sink.error_count > errors:
        return None
    title = gloss_meta.get("title") if gloss_meta else None
    note = gloss_meta.get("note") if gloss_meta else None
    doc_id = gloss_meta.get("id") if gloss_meta else None
    declared = gloss_meta.get("types") if gloss_meta else None
    document = build_regions(
        doc_id=doc_id if isinstance(doc_id, str) and GLOSS_ID.fullmatch(doc_id) else entry.doc_id,
        text=OffsetMap(raw).text,
        title=title if isinstance(title, str) else None,
        regions=reading.regions,
        relations=reading.relations,
        keep_apart=keep_apart,
        document_attributes=tuple(attributes),
        declared=declared if isinstance(declared, dict) else None,
        note=note if isinstance(note, str) else None,
    )
    return Imported(document, raw)


def _read_result(
    result: list[Any],
    reading: _Reading,
    lines: SourceLines,
    sink: DiagnosticSink,
    entry: _Entry,
    attributes: list[tuple[str, str]],
    fresh: bool,
) -> bool:
    raw = reading.raw
    units = Utf16(raw)
    offsets = OffsetMap(raw)
    text = offsets.text
    labels_items = [r for r in result if isinstance(r, dict) and r.get("type") == "labels"]
    points = _counts_points(labels_items, raw, units)
    if points:
        attributes.append((OFFSETS, "code-points"))
    rests: dict[str, Counter[str]] = {}
    pending: list[tuple[str, Any, dict[str, Any]]] = []  # (kind, item, rest)
    other: list[Any] = []
    region_of: dict[str, int] = {}
    region_value: dict[str, dict[str, Any]] = {}
    ok = True
    for item in result:
        where = lines.position(item) if isinstance(item, dict) else lines.position(entry.task)
        if not isinstance(item, dict):
            sink.error(where, "each result must be an object")
            ok = False
            continue
        kind = item.get("type")
        if kind == "labels":
            value = item.get("value")
            region_id = item.get("id")
            if not isinstance(value, dict) or not isinstance(region_id, str) or not region_id:
                sink.error(where, 'a "labels" result needs "id" (a string) and "value"')
                ok = False
                continue
            start, end = value.get("start"), value.get("end")
            labels = value.get("labels")
            if not (is_int(start) and is_int(end)):
                sink.error(
                    where, f'region {short_repr(region_id)}: "start" and "end" must be numbers'
                )
                ok = False
                continue
            if (
                not isinstance(labels, list)
                or not labels
                or not all(isinstance(x, str) and x.strip() for x in labels)
            ):
                sink.error(
                    where,
                    f'region {short_repr(region_id)}: "labels" must list one label or more',
                )
                ok = False
                continue
            span = _span(start, end, points, units, offsets, raw)
            if span is None:
                sink.error(
                    where,
                    f"region {short_repr(region_id)} [{start}, {end}) is not within the text "
                    f"({units.length if not points else len(raw)} characters) or is empty",
                )
                ok = False
                continue
            if "text" in value and value["text"] != raw[span[2] : span[3]]:
                sink.error(
                    where,
                    f"region {short_repr(region_id)}: its text {short_repr(value['text'])} is not"
                    f" the text at [{start}, {end}), {short_repr(raw[span[2] : span[3]])}",
                )
                ok = False
                continue
            if region_id in region_of and region_id in region_value:
                previous = region_value[region_id]
                if (previous.get("start"), previous.get("end")) != (start, end):
                    sink.error(
                        where, f"region {short_repr(region_id)} is given twice, on two spans"
                    )
                    ok = False
                    continue
            if not text[span[0] : span[1]].strip():
                sink.error(where, f"region {short_repr(region_id)} covers only white space")
                ok = False
                continue
            rest = {k: v for k, v in plain(item).items() if k not in ("id", "value")}
            extra = {k: v for k, v in plain(value).items() if k not in (*SPAN_KEYS, "labels")}
            if extra:
                rest["value"] = extra
            if "text" not in value:
                rest[NO_TEXT] = True
            identity = None
            entity = None
            gloss = rest.pop("gloss", None) if fresh else None
            if isinstance(gloss, dict) and isinstance(gloss.get("entity"), str):
                identity = gloss["entity"]
                entity = gloss
            rest_json = compact(rest)
            rests.setdefault("labels", Counter())[rest_json] += 1
            first = len(reading.regions)
            for position, label in enumerate(labels):
                region_attributes = [] if identity else [(REGION_ID, region_id)]
                if len(labels) > 1:
                    region_attributes.append((LABEL_AT, str(position)))
                region = Region(
                    Span(span[0], span[1]),
                    label,
                    region_attributes,
                    identity,
                    entity if position == 0 else None,
                )
                region.attributes.append(("@rest", rest_json))
                if entity and isinstance(entity.get("mention"), dict):
                    region.attributes.extend((str(k), str(v)) for k, v in entity["mention"].items())
                reading.regions.append(region)
            region_of.setdefault(region_id, first)
            region_value[region_id] = {"start": start, "end": end, "text": value.get("text")}
        elif kind == "relation":
            pending.append(("relation", item, {}))
        else:
            pending.append(("control", item, {}))
    for kind, item, _ in pending:
        where = lines.position(item)
        if kind == "relation":
            source, target = item.get("from_id"), item.get("to_id")
            if source not in region_of or target not in region_of:
                sink.error(
                    where,
                    f"relation from {short_repr(source)} to {short_repr(target)}: both ends must"
                    ' be "labels" regions of this annotation',
                )
                ok = False
                continue
            labels = item.get("labels")
            rest = {k: v for k, v in plain(item).items() if k not in ("from_id", "to_id", "labels")}
            if "labels" not in item:
                rest[NO_LABELS] = True
            gloss = rest.pop("gloss", None) if fresh else None
            relation_attributes: list[tuple[str, str]] = []
            if not fresh:
                relation_attributes = [(FROM, source), (TO, target)]
            if not (isinstance(labels, list) and len(labels) == 1 and isinstance(labels[0], str)):
                relation_attributes.append((LABELS, compact(labels if "labels" in item else [])))
            label = (
                labels[0]
                if isinstance(labels, list) and labels and isinstance(labels[0], str)
                else "related-to"
            )
            if isinstance(gloss, dict) and isinstance(gloss.get("attributes"), dict):
                relation_attributes.extend((str(k), str(v)) for k, v in gloss["attributes"].items())
            rest_json = compact(rest)
            rests.setdefault("relation", Counter())[rest_json] += 1
            relation_attributes.append(("@rest", rest_json))
            reading.relations.append(
                RegionRelation(
                    region_of[source],
                    region_of[target],
                    label,
                    relation_attributes,
                    gloss.get("note") if isinstance(gloss, dict) else None,
                )
            )
            continue
        attached = _control(item, region_of, region_value, reading, rests)
        if not attached:
            other.append(plain(item))
    if not ok:
        return False
    defaults = {kind: counts.most_common(1)[0][0] for kind, counts in sorted(rests.items())}
    _settle_rests(reading, defaults)
    if defaults and not (fresh and set(defaults.values()) <= set(FRESH_RESTS.values())):
        attributes.append(
            (DEFAULTS, compact({kind: _loads(rest) for kind, rest in defaults.items()}))
        )
    if other:
        attributes.append((OTHER, compact(other)))
    return True


FRESH_RESTS = {
    "labels": compact({"from_name": "label", "to_name": "text", "type": "labels"}),
    "relation": compact({"type": "relation", "direction": "right"}),
}
"""The keys gloss's own export gives every region and relation."""


def _loads(text: str) -> Any:
    return json.loads(text)


def _control(
    item: dict[str, Any],
    region_of: dict[str, int],
    region_value: dict[str, dict[str, Any]],
    reading: _Reading,
    rests: dict[str, Counter[str]],
) -> bool:
    """Attach a per-region control's answer (choices, textarea, rating…) to its region as
    an attribute named by the control; whether it was attached."""
    region_id, name, kind = item.get("id"), item.get("from_name"), item.get("type")
    value = item.get("value")
    if not (
        isinstance(region_id, str)
        and region_id in region_of
        and isinstance(name, str)
        and isinstance(kind, str)
        and isinstance(value, dict)
        and payload_key(kind) in value
    ):
        return False
    if len(name.split()) != 1 or name != name.strip() or name.startswith(("ls-", "@")):
        return False
    region = reading.regions[region_of[region_id]]
    if any(existing == name for existing, _ in region.attributes):
        return False
    key = payload_key(kind)
    rest = {k: v for k, v in plain(item).items() if k not in ("id", "value", "from_name")}
    span_part = {k: v for k, v in plain(value).items() if k != key}
    expected = {"start": region_value[region_id]["start"], "end": region_value[region_id]["end"]}
    if key != "text" and region_value[region_id]["text"] is not None:
        expected["text"] = region_value[region_id]["text"]
    if span_part != expected:
        rest["value"] = span_part
    rest_json = compact(rest)
    rests.setdefault(f"control:{name}", Counter())[rest_json] += 1
    region.attributes.append((name, encode_answer(value[key])))
    region.attributes.append((f"@rest:{name}", rest_json))
    return True


def _settle_rests(reading: _Reading, defaults: dict[str, str]) -> None:
    """Replace each ``@rest`` marker by ``ls-more`` where it differs from the default."""
    for region in reading.regions:
        settled: list[tuple[str, str]] = []
        for name, value in region.attributes:
            if name == "@rest":
                if value != defaults.get("labels"):
                    settled.append((MORE, value))
            elif name.startswith("@rest:"):
                control = name[len("@rest:") :]
                if value != defaults.get(f"control:{control}"):
                    settled.append((f"{MORE}:{control}", value))
            else:
                settled.append((name, value))
        region.attributes = settled
    for relation in reading.relations:
        relation.attributes = [
            (name, value)
            for name, value in relation.attributes
            if not (name == "@rest" and value == defaults.get("relation"))
        ]
        relation.attributes = [
            (MORE if name == "@rest" else name, value) for name, value in relation.attributes
        ]


def _counts_points(items: list[dict[str, Any]], raw: str, units: Utf16) -> bool:
    """Whether the file counts code points (a script's export) rather than UTF-16 units
    (Label Studio's own, in JavaScript): only when every region's text says so."""
    if units.same or not items:
        return False
    as_units = as_points = True
    for item in items:
        value = item.get("value")
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            continue
        start, end = value.get("start"), value.get("end")
        if not (is_int(start) and is_int(end)):
            continue
        a, b = units.to_points(start), units.to_points(end)
        if a is None or b is None or raw[a:b] != value["text"]:
            as_units = False
        if raw[start:end] != value["text"]:
            as_points = False
    return as_points and not as_units


def _span(
    start: int, end: int, points: bool, units: Utf16, offsets: OffsetMap, raw: str
) -> tuple[int, int, int, int] | None:
    """``(gloss start, gloss end, raw start, raw end)`` of a region, or None."""
    if points:
        raw_start, raw_end = start, end
    else:
        if not (0 <= start < end <= units.length):
            return None
        a, b = units.to_points(start), units.to_points(end)
        if a is None or b is None:
            return None
        raw_start, raw_end = a, b
    if not (0 <= raw_start < raw_end <= len(raw)):
        return None
    return offsets.to_gloss(raw_start), offsets.to_gloss(raw_end), raw_start, raw_end
