"""gloss documents → Label Studio JSON (a list of tasks).

A document imported from Label Studio is written back from what it kept (see
:mod:`.importing`): its task, its annotation or prediction, each region with its id.
Documents of one task (one per annotator, per model) become that one task again, in
the order the file had. Any other document is a task of its own, with one annotation
whose regions say which gloss entity they are, so that importing it gives the same
entities back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tui.core.document.model import Document, Mention
from tui.core.formats.common import OffsetMap, export_label, relation_label
from tui.core.formats.labelstudio.importing import (
    DEFAULTS,
    ENTRY,
    FRESH_RESTS,
    FROM,
    LABEL_AT,
    LABELS,
    MORE,
    NO_LABELS,
    NO_TEXT,
    OFFSETS,
    OTHER,
    REGION_ID,
    TASK,
    TO,
    payload_key,
)
from tui.core.formats.spanbuild import Utf16, declared_types
from tui.core.text.textsafety import inert_json

_LIST_ANSWERS = frozenset({"choices", "textarea", "taxonomy", "labels"})


def decode_answer(value: str, kind: str) -> Any:
    """The answer an attribute value stands for (the inverse of ``encode_answer``)."""
    try:
        loaded = json.loads(value)
    except ValueError:
        loaded = None
    else:
        if isinstance(loaded, list) or kind not in _LIST_ANSWERS:
            return loaded
    return [value] if kind in _LIST_ANSWERS else value


class _Offsets:
    def __init__(self, raw: str, points: bool) -> None:
        self.raw = raw
        self.map = OffsetMap(raw)
        self.units = None if points else Utf16(raw)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.map.to_raw(start), self.map.to_raw(end)

    def out(self, raw_offset: int) -> int:
        return raw_offset if self.units is None else self.units.to_units(raw_offset)


def _attributes(document: Document) -> dict[str, str]:
    return dict(document.info.attributes)


def _result(document: Document, raw: str, fresh: bool) -> list[dict[str, Any]]:
    kept = _attributes(document)
    defaults = json.loads(kept[DEFAULTS]) if DEFAULTS in kept else {}
    offsets = _Offsets(raw, kept.get(OFFSETS) == "code-points")
    fresh_labels = json.loads(FRESH_RESTS["labels"])
    regions: dict[tuple[str, str], dict[str, Any]] = {}
    label_order: dict[tuple[str, str], list[tuple[int, str]]] = {}
    controls: list[dict[str, Any]] = []
    region_of_mention: dict[tuple[str, int], str] = {}
    order: list[tuple[str, str]] = []
    number = 0
    for mention in document.mentions:
        entity = document.entity_by_id[mention.entity_id]
        attributes = dict(mention.attributes)
        number += 1
        region_id = attributes.get(REGION_ID) or f"g{number}"
        rest = json.loads(
            attributes[MORE]
            if MORE in attributes
            else json.dumps(defaults.get("labels", fresh_labels))
        )
        key = (region_id, json.dumps(rest, sort_keys=True))
        region_of_mention[(entity.id, mention.index)] = region_id
        label = export_label(
            entity.type, document.entity_types.get(entity.type), event=False, builtin=None
        )
        position = int(attributes.get(LABEL_AT, "0") or 0)
        label_order.setdefault(key, []).append((position, label))
        if key in regions:
            continue
        raw_start, raw_end = offsets.raw_span(mention.span.start, mention.span.end)
        value: dict[str, Any] = {"start": offsets.out(raw_start), "end": offsets.out(raw_end)}
        if not rest.pop(NO_TEXT, False):
            value["text"] = raw[raw_start:raw_end]
        value.update(rest.pop("value", {}))
        item: dict[str, Any] = {"id": region_id, **rest, "value": value}
        if fresh:
            item["gloss"] = _gloss_region(document, mention)
        regions[key] = item
        order.append(key)
        for name, answer in mention.attributes:
            if name.startswith(("ls-", "@")) or fresh:
                continue
            controls.append(
                _control(name, answer, attributes, defaults, region_id, value, raw_start, raw_end)
            )
    result: list[dict[str, Any]] = []
    for key in order:
        item = regions[key]
        item["value"]["labels"] = [label for _, label in sorted(label_order[key])]
        result.append(item)
    result.extend(controls)
    result.extend(_relations(document, region_of_mention, defaults, fresh))
    if OTHER in kept:
        result.extend(json.loads(kept[OTHER]))
    return result


def _control(
    name: str,
    answer: str,
    attributes: dict[str, str],
    defaults: dict[str, Any],
    region_id: str,
    value: dict[str, Any],
    raw_start: int,
    raw_end: int,
) -> dict[str, Any]:
    more = attributes.get(f"{MORE}:{name}")
    rest = (
        json.loads(more)
        if more is not None
        else dict(defaults.get(f"control:{name}", {"to_name": "text", "type": "textarea"}))
    )
    kind = str(rest.get("type", "textarea"))
    key = payload_key(kind)
    if "value" in rest:
        span_part = rest.pop("value")
    else:
        span_part = {"start": value["start"], "end": value["end"]}
        if key != "text" and "text" in value:
            span_part["text"] = value["text"]
    del raw_start, raw_end
    return {
        "id": region_id,
        "from_name": name,
        **rest,
        "value": {**span_part, key: decode_answer(answer, kind)},
    }


def _gloss_region(document: Document, mention: Mention) -> dict[str, Any]:
    """What a region of gloss's own export says of its entity (on its first mention)."""
    entity = document.entity_by_id[mention.entity_id]
    said: dict[str, Any] = {"entity": entity.id}
    if mention.index == 0:
        said["name"] = entity.name
        if entity.aliases:
            said["aliases"] = list(entity.aliases)
        if entity.description:
            said["description"] = entity.description
        if entity.links:
            said["links"] = dict(entity.links)
        if entity.attributes:
            said["attributes"] = dict(entity.attributes)
    if mention.attributes:
        said["mention"] = dict(mention.attributes)
    return said


def _relations(
    document: Document,
    region_of_mention: dict[tuple[str, int], str],
    defaults: dict[str, Any],
    fresh: bool,
) -> list[dict[str, Any]]:
    found = []
    fresh_rest = json.loads(FRESH_RESTS["relation"])
    for relation in document.relations:
        if relation.from_event or relation.to_event:
            continue
        attributes = dict(relation.attributes)
        ends = []
        for entity_id, named in ((relation.from_id, FROM), (relation.to_id, TO)):
            regions = {
                region_of_mention[(entity_id, m.index)]
                for m in document.entity_by_id[entity_id].mentions
            }
            wanted = attributes.get(named)
            ends.append(wanted if wanted in regions else region_of_mention[(entity_id, 0)])
        rest = (
            json.loads(attributes[MORE])
            if MORE in attributes
            else defaults.get("relation", fresh_rest)
        )
        rest = dict(rest)
        item: dict[str, Any] = {"from_id": ends[0], "to_id": ends[1], **rest}
        if not item.pop(NO_LABELS, False):
            item["labels"] = (
                json.loads(attributes[LABELS])
                if LABELS in attributes
                else [relation_label(document, relation.type)]
            )
        if fresh:
            said: dict[str, Any] = {}
            if relation.attributes:
                said["attributes"] = dict(relation.attributes)
            if relation.note:
                said["note"] = relation.note
            if said:
                item["gloss"] = said
        found.append(item)
    return found


def to_labelstudio(documents: Sequence[tuple[Document, str]]) -> list[dict[str, Any]]:
    """Label Studio tasks for ``(document, raw text)`` pairs (the raw text as stored)."""
    tasks: dict[object, dict[str, Any]] = {}
    entries: dict[object, dict[str, list[tuple[int, dict[str, Any]]]]] = {}
    order: list[tuple[float, int, object]] = []
    for number, (document, raw) in enumerate(documents):
        kept = _attributes(document)
        fresh = TASK not in kept
        if fresh:
            skeleton: dict[str, Any] = {"data": {"text": None}, "@text": "text", "annotations": []}
            meta = {"id": document.info.id}
            if document.info.title:
                meta["title"] = document.info.title
            if document.info.note:
                meta["note"] = document.info.note
            declared = declared_types(document)
            key: object = ("fresh", number)
            skeleton["meta"] = {"gloss": {**meta, **({"types": declared} if declared else {})}}
            task_at: float = float("inf")
        else:
            skeleton = json.loads(kept[TASK])
            task_at = skeleton.pop("@task", 0)
            key = ("task", task_at, json.dumps(skeleton, sort_keys=True))
        text_key = skeleton.pop("@text", "text")
        if key not in tasks:
            skeleton["data"][text_key] = raw
            tasks[key] = skeleton
            entries[key] = {}
            order.append((task_at, number, key))
        kind = next((k for k, name in ENTRY.items() if name in kept), None)
        if kind is None and fresh:
            kind = "annotation"
            entry: dict[str, Any] = {}
        elif kind is None:
            continue  # the task had neither annotations nor predictions
        else:
            entry = json.loads(kept[ENTRY[kind]])
        at = entry.pop("@entry", 0)
        no_result = entry.pop("@no-result", False)
        if not no_result:
            entry["result"] = _result(document, raw, fresh)
        entries[key].setdefault(kind, []).append((at, entry))
    written = []
    for _, _, key in sorted(order, key=lambda item: (item[0], item[1])):
        task = tasks[key]
        for kind, items in entries[key].items():
            task.setdefault(f"{kind}s", [])
            task[f"{kind}s"] = [entry for _, entry in sorted(items, key=lambda each: each[0])]
        written.append(task)
    return written


def dumps_labelstudio(documents: Sequence[tuple[Document, str]]) -> str:
    return inert_json(to_labelstudio(documents)) + "\n"
