"""Which known format a file is, to say so when it is given to the wrong import.

Prodigy's JSONL given to ``import doccano`` once wrote hundreds of empty annotation
files; a file of another known format is now named ("this is Prodigy JSONL: use gloss
import prodigy") and nothing is written. The guesses look at the keys each tool always
writes, never at values.
"""

from __future__ import annotations

import json
from typing import Any

KNOWN: dict[str, tuple[str, str]] = {
    "labelstudio": ("Label Studio JSON", "gloss import labelstudio"),
    "labelstudio-min": (
        "Label Studio JSON-MIN",
        "export JSON (not JSON-MIN) from Label Studio, then gloss import labelstudio",
    ),
    "prodigy": ("Prodigy JSONL", "gloss import prodigy"),
    "hypothesis": ("hypothes.is API JSON", "gloss import hypothesis --text PAGE.txt"),
    "doccano": ("doccano JSONL", "gloss import doccano"),
    "displacy": ("displaCy JSON", "gloss import displacy"),
    "w3c": ("W3C Web Annotation JSON-LD", "gloss import w3c"),
    "gloss-json": ("gloss's resolved JSON", "the YAML it was exported from"),
    "xmi": ("UIMA CAS XMI", "gloss import xmi"),
    "webanno": ("WebAnno TSV 3.x", "gloss import webanno"),
    "brat": ("brat standoff", "gloss import brat"),
    "conll": ("CoNLL", "gloss import conll"),
    "timeml": ("TimeML", "gloss import timeml"),
    "cat": ("CAT XML", "gloss import cat"),
}


def record_kind(record: Any) -> str | None:
    """The format one JSON value (a file, or a JSONL line) is written in, if known."""
    if isinstance(record, list):
        kinds = {record_kind(item) for item in record[:20] if isinstance(item, dict)}
        kinds.discard(None)
        if len(kinds) == 1:
            only = kinds.pop()
            return "labelstudio" if only == "labelstudio-task" else only
        return None
    if not isinstance(record, dict):
        return None
    keys = set(record)
    if record.get("gloss") == 1 and "document" in keys:
        return "gloss-json"
    if "@context" in keys or record.get("type") in (
        "Annotation",
        "AnnotationCollection",
        "AnnotationPage",
    ):
        return "w3c"
    rows = record.get("rows")
    if isinstance(rows, list) and any(
        isinstance(row, dict) and ("uri" in row or "target" in row) for row in rows[:20]
    ):
        return "hypothesis"
    if isinstance(record.get("data"), dict) and (
        keys & {"annotations", "predictions", "completions"} or keys <= {"data", "id", "meta"}
    ):
        return "labelstudio-task"
    if keys & {"annotator", "annotation_id"} and "id" in keys:
        return "labelstudio-min"
    if keys & {"_input_hash", "_task_hash", "_view_id"}:
        return "prodigy"
    if "text" in keys and "ents" in keys:
        return "displacy"
    if ("text" in keys or "data" in keys) and keys & {"label", "labels", "entities", "annotations"}:
        return "doccano"
    return None


def source_kind(source: str) -> str | None:
    """The known format of a file's text: JSON, JSONL (by its first line), or one of the
    XML and TSV formats gloss reads (by their opening)."""
    head = source.lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        opening = head[:4000]
        if "http://www.omg.org/XMI" in opening:
            return "xmi"
        return "timeml" if "<TimeML" in opening else None
    if head.startswith("#FORMAT=WebAnno TSV"):
        return "webanno"
    first = head.split("\n", 1)[0]
    if first[:1] == "T" and "\t" in first and first.split("\t", 1)[0][1:].isdigit():
        return "brat"
    try:
        return record_kind(json.loads(head))
    except (ValueError, RecursionError):
        pass
    try:
        return record_kind(json.loads(head.split("\n", 1)[0]))
    except (ValueError, RecursionError):
        return None


def named_json(head: str, what: str) -> str | None:
    """ "this is Prodigy JSONL, not CoNLL: use …" for a JSON file of a known tool."""
    kind = source_kind(head)
    if kind == "labelstudio-task":
        kind = "labelstudio"
    if kind is None or kind not in KNOWN:
        return None
    name, command = KNOWN[kind]
    return f"this is {name}, not {what}: use {command}"


def wrong_format(source: str | None, data: Any, expected: str) -> str | None:
    """The message that names the file's real format, when it is another known one."""
    kind = record_kind(data) if data is not None else None
    if kind is None and source is not None:
        kind = source_kind(source)
    if kind == "labelstudio-task":
        kind = "labelstudio"
    if kind is None or kind == expected or kind not in KNOWN:
        return None
    name, command = KNOWN[kind]
    return f"this is {name}, not {KNOWN[expected][0]}: use {command}; nothing was imported"
