"""Reading and writing brat files: ``DOC.ann`` with its ``DOC.txt`` (and configuration)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Position
from tui.core.document.model import Document
from tui.core.files.saferead import ReadRefused, read_capped, resolve_named
from tui.core.files.safewrite import PlannedWrite, write_files
from tui.core.formats.brat.conf import read_visual_labels
from tui.core.formats.brat.from_gloss import export_brat
from tui.core.formats.brat.parse import parse
from tui.core.formats.brat.to_gloss import convert
from tui.core.formats.common import OffsetMap
from tui.core.formats.inputs import BRAT, SNIFF_BYTES, other_format, sniff
from tui.core.loading import yamlsafe
from tui.core.loading.yamlsafe import read_text_file


@dataclass(frozen=True)
class ImportResult:
    """An imported document (None when there were errors) and every problem found."""

    document: Document | None
    diagnostics: tuple[Diagnostic, ...]
    text_path: str


def import_brat(
    ann_path: str,
    *,
    text_path: str | None = None,
    keep_apart: bool = False,
    allow_outside: bool = False,
) -> ImportResult:
    """Read a brat ``.ann`` file (and its ``.txt``) into a gloss document.

    ``T``s of one type and text are one entity (see :mod:`.grouping`) unless
    ``keep_apart``: then only ``*`` sets and shared normalisations group them.

    The ``.txt`` beside (when ``text_path`` is not given) must resolve inside the
    ``.ann``'s folder unless ``allow_outside`` (see :mod:`tui.core.files.saferead`).
    """
    sink = DiagnosticSink(ann_path)
    txt = text_path or os.path.splitext(ann_path)[0] + ".txt"
    if text_path is None:
        try:
            resolve_named(ann_path, os.path.basename(txt), allow_outside=allow_outside)
        except ReadRefused as refused:
            sink.error(Position(1, 1), f"the article text {refused.reason}")
            return ImportResult(None, sink.sorted(), txt)
    document = _import(ann_path, txt, not keep_apart, sink)
    if sink.has_errors:
        document = None
    return ImportResult(document, sink.sorted(), txt)


def _read_raw(path: str, sink: DiagnosticSink) -> str | None:
    decoded = read_text_file(path, sink, Position(1, 1), "article text", yamlsafe.MAX_TEXT_BYTES)
    if decoded is None:
        return None
    try:
        return read_capped(path, yamlsafe.MAX_TEXT_BYTES).decode("utf-8")
    except (ReadRefused, UnicodeDecodeError) as error:
        sink.error(Position(1, 1), f"article text '{path}' cannot be read again ({error})")
        return None


def _import(
    ann_path: str, txt_path: str, group_by_text: bool, sink: DiagnosticSink
) -> Document | None:
    decoded = read_text_file(ann_path, sink, Position(1, 1), "brat file", yamlsafe.MAX_YAML_BYTES)
    if decoded is not None:
        message = other_format(sniff(decoded.text[:SNIFF_BYTES]), BRAT)
        if message is not None:
            sink.error(Position(1, 1), message)
            return None
    text_sink = DiagnosticSink(txt_path)
    raw = _read_raw(txt_path, text_sink)
    for item in text_sink.items:
        sink.error(Position(1, 1), item.message)
    if decoded is None or raw is None:
        return None
    annotations = parse(decoded.text, raw, sink)
    offsets = OffsetMap(raw)
    labels = read_visual_labels(os.path.join(os.path.dirname(ann_path), "visual.conf"), sink)
    return convert(annotations, offsets, ann_path, txt_path, group_by_text, sink, labels)


def write_brat(
    document: Document,
    directory: str,
    stem: str,
    *,
    source_text: str | None = None,
    force: bool = False,
) -> tuple[str, str]:
    """Write ``STEM.ann`` and ``STEM.txt`` into ``directory``; returns both paths.

    When ``STEM.txt`` there is the article's own text file (``source_text``), it is
    left untouched and offsets count its characters as stored. Raises ``WriteRefused``.
    """
    planned = plan_brat(document, directory, stem, source_text=source_text)
    write_files(planned, force=force)
    return os.path.join(directory, stem + ".ann"), os.path.join(directory, stem + ".txt")


def plan_brat(
    document: Document, directory: str, stem: str, *, source_text: str | None = None
) -> list[PlannedWrite]:
    """The files ``STEM.ann`` and (unless it is the article's own) ``STEM.txt`` to write."""
    ann_path = os.path.join(directory, stem + ".ann")
    txt_path = os.path.join(directory, stem + ".txt")
    raw: str | None = None
    # The article's own text file (the very file, not a link to it) is kept as stored.
    same_file = (
        source_text is not None
        and not os.path.islink(txt_path)
        and os.path.isfile(txt_path)
        and os.path.abspath(txt_path) == os.path.abspath(source_text)
    )
    if same_file:
        stored = _read_regular_text(txt_path)
        if stored is not None and OffsetMap(stored).text == document.text:
            raw = stored
    planned = []
    if raw is None:
        planned.append(PlannedWrite(txt_path, document.text.encode("utf-8")))
    planned.append(PlannedWrite(ann_path, export_brat(document, raw_text=raw).encode("utf-8")))
    return planned


def _read_regular_text(path: str) -> str | None:
    sink = DiagnosticSink(path)
    decoded = read_text_file(path, sink, Position(1, 1), "article text", yamlsafe.MAX_TEXT_BYTES)
    if decoded is None:
        return None
    try:
        return read_capped(path, yamlsafe.MAX_TEXT_BYTES).decode("utf-8")
    except (ReadRefused, UnicodeDecodeError):
        return None
