"""Which known format a file is, to say so when it is given to the wrong import.

Prodigy's JSONL given to ``import doccano`` once wrote hundreds of empty annotation
files; a UIMA XMI given to ``import cat`` wrote a text of one byte. Every import asks
this module first: a file of another format gloss knows is refused with one message,

    this is Prodigy JSONL, not doccano JSONL: use gloss import prodigy; nothing is imported

and nothing is written. The guesses look at what each tool always writes (an XML root
element, a JSON record's keys, a TSV header, the shape of the first lines), never at
values; a file they cannot place is left to the import, which reads it whole or refuses
it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from tui.core.document.diagnostics import DiagnosticSink, Position


@dataclass(frozen=True, slots=True)
class KnownFormat:
    """A format gloss knows by its look."""

    key: str
    """``prodigy``, ``labelstudio``, ``doccano``…: for an import, the name it takes."""
    name: str
    """``Prodigy JSONL``: how a message names it."""
    use: str
    """What to do with such a file: ``gloss import prodigy``."""
    json: bool = False
    """Whether the format is JSON (or JSONL)."""


_LS_MIN = "export JSON (not JSON-MIN) from Label Studio, then gloss import labelstudio"
_ANY_JSON = "gloss import doccano, displacy, w3c, labelstudio, prodigy or hypothesis"
_TABLE: tuple[tuple[str, str, bool, str], ...] = (
    # key, name, JSON, what to do with such a file (default: gloss import KEY)
    ("brat", "brat standoff", False, ""),
    ("doccano", "doccano JSONL", True, ""),
    ("displacy", "displaCy JSON", True, ""),
    ("w3c", "W3C Web Annotation JSON-LD", True, ""),
    ("cat", "CAT XML", False, ""),
    ("timeml", "TimeML", False, ""),
    ("labelstudio", "Label Studio JSON", True, ""),
    ("labelstudio-min", "Label Studio JSON-MIN", True, _LS_MIN),
    ("prodigy", "Prodigy JSONL", True, ""),
    ("hypothesis", "hypothes.is API JSON", True, "gloss import hypothesis --text PAGE.txt"),
    ("conll", "CoNLL", False, ""),
    ("webanno", "WebAnno TSV 3.x", False, ""),
    ("xmi", "UIMA CAS XMI", False, ""),
    ("gloss-json", "gloss's resolved JSON", True, "the YAML it was exported from"),
    ("json", "JSON", True, _ANY_JSON),
)

FORMATS: dict[str, KnownFormat] = {
    key: KnownFormat(key, name, use or f"gloss import {key}", is_json)
    for key, name, is_json, use in _TABLE
}
"""Every format a file can be named as. ``json`` is JSON of no format known by its keys;
``labelstudio-min`` and ``gloss-json`` are exports gloss names but does not import."""

IMPORTS = (
    "brat",
    "doccano",
    "displacy",
    "w3c",
    "cat",
    "timeml",
    "labelstudio",
    "prodigy",
    "hypothesis",
    "conll",
    "webanno",
    "xmi",
)
"""The ``gloss import`` formats, each of which refuses a file of another known format."""

SNIFF_BYTES = 65_536
"""How much of a file is looked at to name its format."""

_XML_ROOT = re.compile(r"<(?![?!])([A-Za-z_][\w.:-]*)([^>]*)>", re.DOTALL)
_BRAT_LINE = re.compile(r"(?:[TERAMN#][0-9][A-Za-z0-9_-]*|#|\*)\t")
_W3C_TYPES = frozenset({"Annotation", "AnnotationCollection", "AnnotationPage"})


def _record_key(record: object) -> str | None:
    """The format one JSON object (a file, a list's item or a JSONL line) is written in."""
    if not isinstance(record, dict):
        return None
    keys = set(record)
    if record.get("gloss") == 1 and "document" in keys:
        return "gloss-json"
    kind = record.get("type")
    if "@context" in keys or (isinstance(kind, str) and kind in _W3C_TYPES):
        return "w3c"
    rows = record.get("rows")
    if isinstance(rows, list) and (
        not rows
        or any(isinstance(row, dict) and ("uri" in row or "target" in row) for row in rows[:20])
    ):
        return "hypothesis"
    if isinstance(record.get("data"), dict) and (
        keys & {"annotations", "predictions", "completions"} or keys <= {"data", "id", "meta"}
    ):
        return "labelstudio"
    if keys & {"annotator", "annotation_id"} and "id" in keys:
        return "labelstudio-min"
    if keys & {"_input_hash", "_task_hash", "_view_id"} or (
        "answer" in keys and keys & {"spans", "tokens", "text"}
    ):
        return "prodigy"
    if "ents" in keys:
        return "displacy"
    spans = record.get("spans")
    if isinstance(spans, list) and spans and isinstance(spans[0], dict) and "label" in spans[0]:
        return "prodigy"
    if keys & {"text", "data"} and keys & {"label", "labels", "entities", "annotations"}:
        return "doccano"
    return None


def sniff_value(value: object) -> KnownFormat | None:
    """The known format of a parsed JSON value (a file, or a JSONL file's first line):
    a list is its items' format when those it names agree."""
    if isinstance(value, list):
        keys = {_record_key(item) for item in value[:20]}
        keys.discard(None)
        only = keys.pop() if len(keys) == 1 else None
    else:
        only = _record_key(value)
    return FORMATS[only] if only is not None else None


def _first_json(text: str) -> object:
    """The file's JSON value, or (a long file cut short, JSONL) its first value, or the
    first item of its list; None when none can be read."""
    decoder = json.JSONDecoder()
    try:
        return decoder.raw_decode(text)[0]
    except (ValueError, RecursionError):
        pass
    if text.startswith("["):
        try:
            return [decoder.raw_decode(text[1:].lstrip())[0]]
        except (ValueError, RecursionError):
            return None
    return None


def sniff(head: str) -> KnownFormat | None:
    """Which known format a file starting with ``head`` is in, or None.

    A quick look, not a check (only the first :data:`SNIFF_BYTES` are looked at): JSON
    that no tool's keys name is ``json``; text that only starts like JSON is nothing.
    """
    text = head[:SNIFF_BYTES].removeprefix("\ufeff").lstrip()
    if text.startswith("<"):
        root = _XML_ROOT.search(text)
        if root is None:
            return None
        tag, attributes = root.group(1), root.group(2)
        if tag.endswith(":XMI") or tag == "XMI" or "http://www.omg.org/XMI" in attributes:
            return FORMATS["xmi"]
        if tag == "TimeML":
            return FORMATS["timeml"]
        if tag == "Document":
            return FORMATS["cat"]
        return None
    if text.startswith(("[", "{")):
        value = _first_json(text)
        if value is None:
            return None  # not JSON after all (a YAML flow mapping, a broken file)
        return sniff_value(value) or FORMATS["json"]
    if text.startswith("#FORMAT=WebAnno TSV"):
        return FORMATS["webanno"]
    first = next((line for line in text.split("\n", 20)[:20] if line.strip()), None)
    if first is None:
        return None
    if _BRAT_LINE.match(first):
        return FORMATS["brat"]
    from tui.core.formats.conll.reading import detect

    return FORMATS["conll"] if detect(text) is not None else None


def sniff_file(path: str) -> KnownFormat | None:
    """:func:`sniff` on the start of the regular file ``path`` (None for anything else)."""
    from tui.core.files.saferead import read_head

    head = read_head(path, SNIFF_BYTES)
    if head is None:
        return None
    return sniff(head.decode("utf-8", errors="replace"))


def other_format(found: KnownFormat | None, expected: str) -> str | None:
    """The message for a file of format ``found`` given to ``expected``'s import (a key
    of :data:`FORMATS`), or None when it may be of the format expected.

    JSON that no tool's keys name is left to a JSON import to read or refuse.
    """
    wanted = FORMATS[expected]
    if found is None or found.key == expected or (found.key == "json" and wanted.json):
        return None
    return f"this is {found.name}, not {wanted.name}: use {found.use}; nothing is imported"


_NO_VALUE = object()


def refuse_other_format(
    expected: str,
    sink: DiagnosticSink,
    *,
    head: str | None = None,
    value: object = _NO_VALUE,
    path: str | None = None,
    position: Position | None = None,
) -> bool:
    """Whether the file is of another known format, said as an error in ``sink``.

    The file is judged by its parsed JSON ``value`` when given, else by its ``head``
    (its text, or the start of it), else by the start of the file at ``path``.
    """
    if value is not _NO_VALUE:
        found = sniff_value(value)
    elif head is not None:
        found = sniff(head)
    elif path is not None:
        found = sniff_file(path)
    else:
        return False
    message = other_format(found, expected)
    if message is not None:
        sink.error(position or Position(1, 1), message)
    return message is not None
