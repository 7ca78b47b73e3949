"""Importing a W3C Web Annotation file: reading, anchoring and building, every problem reported."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from typing import Any

from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Position
from tui.core.document.model import (
    Document,
)
from tui.core.files.saferead import ReadRefused, read_capped, resolve_named
from tui.core.formats.common import (
    GLOSS_ID,
    OffsetMap,
    build_document,
    slugify,
)
from tui.core.formats.sniff import refuse_other_format
from tui.core.formats.w3c.anchors import resolve_text
from tui.core.formats.w3c.building import Builder
from tui.core.formats.w3c.json_source import Lines, load_json, report_lone_surrogates
from tui.core.formats.w3c.kept import W3C_ANNOTATION, keep
from tui.core.formats.w3c.reading import GLOSS_COLLECTION, Reader
from tui.core.loading import yamlsafe
from tui.core.loading.yamlsafe import read_text_file


@dataclass(frozen=True)
class W3CImport:
    """An imported document (None when there were errors) and every problem found."""

    document: Document | None
    diagnostics: tuple[Diagnostic, ...]
    text_path: str


def import_w3c(
    path: str,
    *,
    text_path: str | None = None,
    keep_apart: bool = False,
    allow_outside: bool = False,
) -> W3CImport:
    """Read W3C Web Annotation JSON(-LD) and its article into a gloss document.

    The source the targets name must resolve inside the JSON's folder unless
    ``allow_outside`` (see :mod:`tui.core.files.saferead`); ``--text`` is the user's choice.
    """
    sink = DiagnosticSink(path)
    document, txt = _import(path, text_path, sink, allow_outside, keep_apart)
    return W3CImport(None if sink.has_errors else document, sink.sorted(), txt or "")


def _import(
    path: str,
    text_path: str | None,
    sink: DiagnosticSink,
    allow_outside: bool = False,
    keep_apart: bool = False,
) -> tuple[Document | None, str | None]:
    decoded = read_text_file(
        path, sink, Position(1, 1), "W3C annotation file", yamlsafe.MAX_TEXT_BYTES
    )
    if decoded is None or refuse_other_format("w3c", sink, head=decoded.text):
        return None, text_path
    try:
        data = load_json(decoded.text)
    except json.JSONDecodeError as error:
        sink.error(Position(error.lineno, error.colno), f"not valid JSON: {error.msg}")
        return None, text_path
    except RecursionError:
        sink.error(Position(1, 1), "the JSON is nested too deeply")
        return None, text_path
    lines = Lines(decoded.text)
    if report_lone_surrogates(data, lines, sink):
        return None, text_path
    reader = Reader(lines, sink)
    annotations = []
    for index, found in enumerate(reader.items(data)):
        annotation = reader.annotation(found)
        if annotation is not None:
            annotation.index = index
            annotations.append(annotation)
    txt = resolve_text(path, text_path, annotations, sink)
    if txt is None:
        return None, text_path
    if text_path is None:
        try:
            resolve_named(
                path,
                os.path.relpath(txt, os.path.dirname(path) or "."),
                allow_outside=allow_outside,
            )
        except ReadRefused as refused:
            sink.error(Position(1, 1), f"the target source {refused.reason}")
            return None, txt
    text_sink = DiagnosticSink(txt)
    if read_text_file(txt, text_sink, Position(1, 1), "article text", yamlsafe.MAX_TEXT_BYTES):
        try:
            raw = read_capped(txt, yamlsafe.MAX_TEXT_BYTES).decode("utf-8")
        except (ReadRefused, UnicodeDecodeError) as error:
            sink.error(Position(1, 1), f"article text '{txt}' cannot be read again ({error})")
            return None, txt
    else:
        for item in text_sink.items:
            sink.error(Position(1, 1), item.message)
        return None, txt
    builder = Builder(OffsetMap(raw), lines, sink, keep_apart)
    # Entities first, so that event arguments can name any of them.
    for annotation in annotations:
        if annotation.entity is not None:
            builder.entity(annotation, annotation.entity)
        elif annotation.event is None:
            builder.tagged(annotation)
    for annotation in annotations:
        if annotation.event is not None:
            builder.event(annotation, annotation.event)
    if sink.has_errors:
        return None, txt
    doc_id, title = _identity(data, path)
    gloss_own = isinstance(data, dict) and bool(
        isinstance(data.get("id"), str) and GLOSS_COLLECTION.fullmatch(data["id"])
    )
    if not gloss_own:
        builder.mention_claims()
    document = build_document(
        doc_id=doc_id,
        text=builder.mapping.text,
        text_path=txt,
        title=title,
        entities=builder.entities,
        events=builder.events,
        relations=[],
        types=builder.types,
    )
    if gloss_own:
        # gloss's own file: its export writes it again (entity and event ids are kept).
        document = _without_claims(document)
        return document, txt
    kept = keep(document, json.loads(decoded.text), (doc_id, title))
    return replace(document, info=replace(document.info, attributes=(kept,))), txt


def _without_claims(document: Document) -> Document:
    """The document without the places of the annotations its events were read from."""
    events = tuple(
        replace(e, attributes=tuple(a for a in e.attributes if a[0] != W3C_ANNOTATION))
        for e in document.events
    )
    return replace(document, events=events)


def _identity(data: Any, path: str) -> tuple[str, str | None]:
    """The document id (gloss's own from the collection id, else the file name) and title."""
    stem = slugify(os.path.splitext(os.path.basename(path))[0], limit=100) or "document"
    if not isinstance(data, dict):
        return stem, None
    ident = data.get("id")
    match = GLOSS_COLLECTION.fullmatch(ident) if isinstance(ident, str) else None
    doc_id = match.group(1) if match and GLOSS_ID.fullmatch(match.group(1)) else stem
    label = data.get("label")
    title = " ".join(label.split()) if isinstance(label, str) else ""
    return doc_id, title if title and title != doc_id else None
