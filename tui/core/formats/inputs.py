"""The files an import reads, and the id of the document read from each.

Shared by the imports that take files or folders of them (CAT, TimeML): a folder is
searched recursively, in natural order, and a file found in it must resolve inside it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Position, Severity
from tui.core.files.saferead import ReadRefused, resolve_found
from tui.core.formats.common import GLOSS_ID


def _natural_key(path: str) -> list[object]:
    """``1_2ecb`` before ``1_10ecb``: numbers compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path)]


@dataclass(frozen=True, slots=True)
class XmlInput:
    """One XML file to import, and the folder it is in relative to the folder named
    (``""`` for a file named itself): its documents are written in that folder of OUT."""

    path: str
    folder: str


def xml_inputs(
    paths: Iterable[str],
    suffixes: tuple[str, ...] = (".xml",),
    *,
    allow_outside: bool = False,
) -> tuple[list[XmlInput], list[Diagnostic]]:
    """The files named, or those ending in ``suffixes`` found (recursively) in the folders
    named, in natural order.

    A file found in a folder must resolve inside it (a link out is an error, unless
    ``allow_outside``); a file named is the user's choice.
    """
    found: list[XmlInput] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if os.path.isdir(path):
            inside: list[XmlInput] = []
            for folder, subfolders, files in os.walk(path):
                subfolders.sort()
                relative = os.path.relpath(folder, path)
                relative = "" if relative == os.curdir else relative
                for name in files:
                    if not name.lower().endswith(suffixes):
                        continue
                    file = os.path.join(folder, name)
                    try:
                        resolve_found(path, file, allow_outside=allow_outside)
                    except ReadRefused as refused:
                        problems.append(
                            Diagnostic(file, Position(1, 1), Severity.ERROR, refused.reason)
                        )
                        continue
                    inside.append(XmlInput(file, relative))
            if not inside:
                kinds = " or ".join(suffixes)
                problems.append(
                    Diagnostic(
                        path, Position(1, 1), Severity.ERROR, f"no {kinds} file in this folder"
                    )
                )
            found.extend(sorted(inside, key=lambda each: _natural_key(each.path)))
        elif os.path.exists(path):
            found.append(XmlInput(path, ""))
        else:
            problems.append(Diagnostic(path, Position(1, 1), Severity.ERROR, "no such file"))
    return found, problems


def document_id(path: str, sink: DiagnosticSink) -> str:
    """The gloss id of the document read from ``path``: the file's name without its
    extension, made into an id (with a warning) when it is not one."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if GLOSS_ID.fullmatch(stem):
        return stem
    fixed = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-._")[:100] or "document"
    if not fixed[0].isalnum():
        fixed = "doc-" + fixed
    sink.warning(Position(1, 1), f"the file name is not a gloss id; the document is '{fixed}'")
    return fixed


# -- Which known format a file is ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class KnownFormat:
    """A format gloss knows by its look: its name for messages and its import command."""

    key: str
    """``prodigy``, ``labelstudio``, ``doccano``…: the name ``gloss import`` takes."""
    name: str
    """``Prodigy JSONL``: how a message names it."""


PRODIGY = KnownFormat("prodigy", "Prodigy JSONL")
LABEL_STUDIO = KnownFormat("labelstudio", "Label Studio JSON")
HYPOTHESIS = KnownFormat("hypothesis", "hypothes.is API JSON")
DOCCANO = KnownFormat("doccano", "doccano JSONL")
DISPLACY = KnownFormat("displacy", "displaCy JSON")
W3C = KnownFormat("w3c", "W3C Web Annotation JSON-LD")
XMI = KnownFormat("xmi", "UIMA CAS XMI")
CAT = KnownFormat("cat", "CAT XML")
TIMEML = KnownFormat("timeml", "TimeML")
WEBANNO = KnownFormat("webanno", "WebAnno TSV")
CONLL = KnownFormat("conll", "CoNLL")
BRAT = KnownFormat("brat", "brat standoff")

SNIFF_BYTES = 65_536
"""How much of a file :func:`sniff_file` reads to name its format."""

_XML_ROOT = re.compile(r"<(?![?!])([A-Za-z_][\w.:-]*)([^>]*)>", re.DOTALL)
_BRAT_LINE = re.compile(r"(?:[TERAMN#][0-9][A-Za-z0-9_-]*|#|\*)\t")


def _first_json(text: str) -> object:
    """The first JSON value of ``text`` (a JSONL file's first record); None if there is none."""
    import json

    stripped = text.lstrip()
    try:
        value, _ = json.JSONDecoder().raw_decode(stripped)
    except (ValueError, RecursionError):
        first_line = stripped.split("\n", 1)[0]
        try:
            return json.loads(first_line)
        except (ValueError, RecursionError):
            return None
    return value


def _json_format(value: object) -> KnownFormat | None:
    if isinstance(value, dict) and isinstance(value.get("rows"), list):
        rows = value["rows"]
        if not rows or (isinstance(rows[0], dict) and ("target" in rows[0] or "uri" in rows[0])):
            return HYPOTHESIS
    record = value[0] if isinstance(value, list) and value else value
    if not isinstance(record, dict):
        return None
    keys = set(record)
    if keys & {"_input_hash", "_task_hash"} or (
        "answer" in keys and keys & {"spans", "tokens", "text"}
    ):
        return PRODIGY
    if isinstance(record.get("data"), dict) and keys & {
        "annotations",
        "predictions",
        "completions",
    }:
        return LABEL_STUDIO
    if "@context" in keys or record.get("type") == "Annotation":
        return W3C
    if "ents" in keys:
        return DISPLACY
    spans = record.get("spans")
    if isinstance(spans, list) and spans and isinstance(spans[0], dict) and "label" in spans[0]:
        return PRODIGY
    if keys & {"text", "data"} and keys & {"label", "labels", "entities", "annotations"}:
        return DOCCANO
    return None


def sniff(head: str) -> KnownFormat | None:
    """Which known format a file starting with ``head`` is in, or None.

    A quick look, not a check: an XML root element, a JSON record's keys, a TSV header
    or the shape of the first lines. Importers ask it when a file is not what they
    read, to name what it is instead.
    """
    text = head.removeprefix("\ufeff").lstrip()
    if text.startswith("<"):
        root = _XML_ROOT.search(text)
        if root is None:
            return None
        tag, attributes = root.group(1), root.group(2)
        if tag.endswith(":XMI") or tag == "XMI" or "http://www.omg.org/XMI" in attributes:
            return XMI
        if tag == "TimeML":
            return TIMEML
        if tag == "Document":
            return CAT
        return None
    if text[:1] in "[{":
        return _json_format(_first_json(text))
    if text.startswith("#FORMAT=WebAnno TSV"):
        return WEBANNO
    lines = [line for line in text.split("\n")[:20] if line.strip()]
    if not lines:
        return None
    if _BRAT_LINE.match(lines[0]):
        return BRAT
    if lines[0].startswith(("-DOCSTART-", "#begin document", "# sent_id", "# text =")):
        return CONLL
    columns = [line.split("\t") if "\t" in line else line.split() for line in lines]
    if all(len(row) >= 2 for row in columns) and any(
        re.fullmatch(r"[BIES]-\S+|O", row[-1]) for row in columns
    ):
        return CONLL
    if all(len(row) == 10 and row[0].split("-")[0].split(".")[0].isdigit() for row in columns):
        return CONLL
    return None


def sniff_file(path: str) -> KnownFormat | None:
    """:func:`sniff` on the start of the regular file ``path`` (None for anything else)."""
    from tui.core.files.saferead import read_head

    head = read_head(path, SNIFF_BYTES)
    if head is None:
        return None
    return sniff(head.decode("utf-8", errors="replace"))


def other_format(found: KnownFormat | None, expected: KnownFormat) -> str | None:
    """The message for a file of another known format given to ``expected``'s import, or
    None when it is not one (or is of the format expected)."""
    if found is None or found == expected:
        return None
    return (
        f"this is {found.name}, not {expected.name}: use gloss import {found.key}; "
        "nothing is imported"
    )
