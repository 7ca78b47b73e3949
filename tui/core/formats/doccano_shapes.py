"""The shapes of a doccano JSONL record, across doccano versions and project kinds.

doccano has written, over its versions and project kinds:

* sequence labelling: ``{"text", "label": [[start, end, "LABEL"], …]}`` (or ``labels``);
* with relations: ``{"text", "entities": [{"id", "label", "start_offset",
  "end_offset"}], "relations": [{"from_id", "to_id", "type"}]}``;
* intent detection and slot filling: ``{"text", "entities": [[start, end, "City"]],
  "cats": ["flight"]}``;
* 1.x: ``{"data": …}`` instead of ``"text"``, and ``{"annotations": [{"label": 3,
  "start_offset", "end_offset", "user"}]}`` where the label is the id of one of the
  project's labels (exported separately as ``[{"id": 3, "text": "PER"}, …]``).

:func:`read_record` turns any of them into spans and relations, or says exactly what
does not fit; document categories (``cats``, or a text-classification ``label`` of
plain strings) have no place in gloss and are reported, never dropped silently.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass
class RecordSpan:
    start: int
    end: int
    label: str
    key: object = None
    list_key: str = ""
    """The record's key whose list the span stands in (``entities``, ``label`` …)."""
    at: int = 0
    """Its place in that list."""
    rest: dict[str, object] = field(default_factory=dict)
    """Its other keys (an entity's ``id``; a 1.x annotation's ``user``, and its label id
    as ``label`` with the name it stands for as ``@name``)."""


@dataclass
class Record:
    """What one doccano line holds, whatever its shape."""

    text: str
    spans: list[RecordSpan] = field(default_factory=list)
    relations: list[tuple[object, object, str]] = field(default_factory=list)
    relation_rest: list[dict[str, object]] = field(default_factory=list)
    """Each relation's other keys, ``from_id`` and ``to_id`` included."""
    categories: list[str] = field(default_factory=list)
    """Labels of the whole document (``cats``): reported, gloss has no place for them."""
    comments: int = 0
    """How many annotator comments (doccano 1.x ``Comments``) the record has: reported."""
    labelled: bool = False
    """Whether the record has any of doccano's annotation keys (an empty list counts)."""


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def read_label_map(source: str) -> tuple[dict[int, str], str | None]:
    """doccano's label list (``[{"id": 3, "text": "PER"}, …]``) or a ``{"3": "PER"}``
    mapping, as ``id -> name``; the second value is a problem, if any."""
    try:
        data = json.loads(source)
    except json.JSONDecodeError as error:
        return {}, f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
    names: dict[int, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if not (isinstance(key, str) and key.isdigit() and isinstance(value, str)):
                return {}, 'expected {"ID": "NAME", …} with whole-number ids'
            names[int(key)] = value
        return names, None
    if isinstance(data, list):
        for item in data:
            ident = _int(item.get("id")) if isinstance(item, dict) else None
            name = item.get("text", item.get("name")) if isinstance(item, dict) else None
            if ident is None or not isinstance(name, str):
                return {}, 'expected a list of {"id": NUMBER, "text": "NAME"} objects'
            names[ident] = name
        return names, None
    return {}, "expected doccano's label list or an id-to-name mapping"


def read_record(record: object, label_names: Mapping[int, str] | None) -> tuple[Record | None, str]:
    """The record's text, spans and relations; ``(None, problem)`` when it does not fit."""
    if not isinstance(record, dict):
        return None, 'expected an object with "text" (a string)'
    text = record.get("text", record.get("data"))
    if not isinstance(text, str):
        return None, 'expected an object with "text" (a string; doccano 1.x writes "data")'
    result = Record(text)
    result.labelled = any(
        key in record for key in ("entities", "annotations", "label", "labels", "cats")
    )
    comments = record.get("Comments", record.get("comments"))
    if isinstance(comments, list):
        result.comments = len(comments)
    cats = record.get("cats")
    if cats is not None:
        if not isinstance(cats, list) or not all(isinstance(c, str) for c in cats):
            return None, '"cats" must be a list of category names'
        result.categories.extend(cats)
    if "entities" in record:
        problem = _entities(record["entities"], result)
        if problem:
            return None, problem
        for relation in record.get("relations") or []:
            if not isinstance(relation, dict) or not isinstance(relation.get("type"), str):
                return None, 'each relation needs "from_id", "to_id" and "type"'
            result.relations.append(
                (relation.get("from_id"), relation.get("to_id"), relation["type"])
            )
            result.relation_rest.append({k: v for k, v in relation.items() if k != "type"})
    if "annotations" in record:
        problem = _annotations(record["annotations"], result, label_names)
        if problem:
            return None, problem
    for key in ("label", "labels"):
        if key in record:
            problem = _labels(record[key], result, key)
            if problem:
                return None, problem
            break
    return result, ""


def _entities(entities: object, result: Record) -> str:
    if not isinstance(entities, list):
        return '"entities" must be a list'
    for at, entity in enumerate(entities):
        if isinstance(entity, list):
            if len(entity) != 3 or _int(entity[0]) is None or _int(entity[1]) is None:
                return 'each of "entities" as a list must be [start, end, "LABEL"]'
            if not isinstance(entity[2], str):
                return 'each of "entities" as a list must be [start, end, "LABEL"]'
            result.spans.append(RecordSpan(entity[0], entity[1], entity[2], None, "entities", at))
            continue
        if not isinstance(entity, dict):
            return '"entities" must be a list of objects or of [start, end, "LABEL"]'
        start, end = _int(entity.get("start_offset")), _int(entity.get("end_offset"))
        label = entity.get("label")
        if start is None or end is None or not isinstance(label, str):
            return 'each entity needs "start_offset", "end_offset" (numbers) and "label"'
        rest = {k: v for k, v in entity.items() if k not in ("start_offset", "end_offset", "label")}
        result.spans.append(RecordSpan(start, end, label, entity.get("id"), "entities", at, rest))
    return ""


def _annotations(annotations: object, result: Record, label_names: Mapping[int, str] | None) -> str:
    if not isinstance(annotations, list):
        return '"annotations" must be a list'
    for at, item in enumerate(annotations):
        if not isinstance(item, dict):
            return '"annotations" must be a list of objects'
        label = item.get("label")
        number = _int(label)
        if number is not None:
            if label_names is None or number not in label_names:
                known = "" if label_names is None else " (the label list has no such id)"
                return (
                    f"annotation label {label} is a doccano label id{known}; give the "
                    "project's labels with --labels FILE (doccano's label export, "
                    '[{"id": 3, "text": "PER"}, …])'
                )
            label = label_names[number]
        if not isinstance(label, str):
            return 'each annotation needs a "label" (a name, or a label id with --labels)'
        start, end = _int(item.get("start_offset")), _int(item.get("end_offset"))
        if start is None and end is None:
            result.categories.append(label)  # a text-classification annotation
            continue
        if start is None or end is None:
            return 'each span annotation needs "start_offset" and "end_offset" (numbers)'
        rest = {k: v for k, v in item.items() if k not in ("start_offset", "end_offset", "label")}
        if number is not None:
            rest.update({"label": number, "@name": label})
        result.spans.append(RecordSpan(start, end, label, item.get("id"), "annotations", at, rest))
    return ""


def _labels(labels: object, result: Record, key: str) -> str:
    if not isinstance(labels, list):
        return f'expected "{key}" as a list of [start, end, "LABEL"]'
    for at, item in enumerate(labels):
        if isinstance(item, str):
            result.categories.append(item)  # text classification: the document's labels
            continue
        if (
            not isinstance(item, list)
            or len(item) != 3
            or _int(item[0]) is None
            or _int(item[1]) is None
            or not isinstance(item[2], str)
        ):
            return f'expected "{key}" as a list of [start, end, "LABEL"]'
        result.spans.append(RecordSpan(item[0], item[1], item[2], None, key, at))
    return ""
