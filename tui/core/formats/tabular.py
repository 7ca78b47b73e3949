"""The token-based and UIMA imports (CoNLL, WebAnno TSV, UIMA CAS XMI) as one call.

Each reads its file whole or not at all. Before a reader runs, the file's opening is
looked at: a file of another format gloss knows is refused with the command that reads
it (a UIMA XMI given to ``import conll`` says ``use gloss import xmi``).
"""

from __future__ import annotations

import re

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import Document
from tui.core.formats.inputs import document_id
from tui.core.loading import yamlsafe
from tui.core.loading.yamlsafe import read_text_file


def known_format(head: str) -> str | None:
    """The ``gloss import`` format a file's opening looks like, or None."""
    start = head.lstrip("\ufeff \t\r\n")
    if start.startswith("#FORMAT=WebAnno TSV 3"):
        return "webanno"
    if start.startswith("<"):
        if "http://www.omg.org/XMI" in head[:4000]:
            return "xmi"
        if "<TimeML" in head[:4000]:
            return "timeml"
        if "<Document" in head[:4000] and "<token" in head[:20000]:
            return "cat"
        return None
    if start.startswith(("{", "[")):
        return "json"
    if re.match(r"T\d+\t\S+ \d+ \d+(;\d+ \d+)*\t", start):
        return "brat"
    from tui.core.formats.conll.reading import detect

    return "conll" if detect(head) is not None else None


_JSON_HINT = (
    "this is JSON (doccano, displaCy, W3C or another JSON format), not {what}:"
    " use gloss import doccano, displacy or w3c"
)


def _wrong_format(kind: str, head: str, sink: DiagnosticSink) -> bool:
    """Whether the file is plainly of another known format (an error says which)."""
    found = known_format(head)
    if found is None or found == kind:
        return False
    what = {"conll": "CoNLL", "webanno": "WebAnno TSV", "xmi": "UIMA CAS XMI"}[kind]
    if found == "json":
        from tui.core.formats.sniff import named_json

        sink.error(Position(1, 1), named_json(head, what) or _JSON_HINT.format(what=what))
    else:
        names = {
            "webanno": "WebAnno TSV 3.x",
            "xmi": "UIMA CAS XMI",
            "conll": "CoNLL",
            "brat": "brat standoff",
            "timeml": "TimeML",
            "cat": "CAT XML",
        }
        sink.error(Position(1, 1), f"this is {names[found]}, not {what}: use gloss import {found}")
    return True


def import_file(
    kind: str,
    path: str,
    sink: DiagnosticSink,
    *,
    keep_apart: bool = False,
    flavour: str | None = None,
    typesystem: str | None = None,
) -> list[Document]:
    """The documents of one CoNLL (``conll``), TSV (``webanno``) or XMI (``xmi``) file;
    empty, with the reasons in ``sink``, when it cannot be read whole."""
    if kind == "xmi":
        from tui.core.formats.cat.parse import read_bytes

        data = read_bytes(path, sink)
        if data is None:
            return []
        head = data[:20000].decode("utf-8", "replace")
        if _wrong_format(kind, head, sink):
            return []
        from tui.core.formats.webanno.layered import build
        from tui.core.formats.xmi.reading import read_xmi

        layered = read_xmi(path, sink, typesystem_path=typesystem, data=data)
        if layered is None:
            return []
        document = build(layered, document_id(path, sink), sink, keep_apart=keep_apart)
        return [] if document is None or sink.has_errors else [document]
    decoded = read_text_file(path, sink, Position(1, 1), "input", yamlsafe.MAX_TEXT_BYTES)
    if decoded is None:
        return []
    source = decoded.text
    if _wrong_format(kind, source[:20000], sink):
        return []
    if kind == "webanno":
        from tui.core.formats.webanno.layered import build
        from tui.core.formats.webanno.tsv import read_tsv

        tsv = read_tsv(source, sink)
        if tsv is None:
            return []
        document = build(tsv, document_id(path, sink), sink, keep_apart=keep_apart)
        return [] if document is None or sink.has_errors else [document]
    from tui.core.formats.conll.reading import read_conll

    stem = document_id(path, sink)
    found = read_conll(source, path, stem, sink, flavour=flavour, keep_apart=keep_apart)
    if sink.has_errors:
        return []
    if found and not any(item.document.entities for item in found):
        sink.warning(
            Position(1, 1),
            "no named entity found (no NER tags, MISC NER=, or coreference): the text is"
            " imported without entities",
        )
    return [item.document for item in found]
