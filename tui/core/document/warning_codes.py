"""Stable codes for the checker's warnings, and accepting one on the annotation it is about.

Every warning ends with its code in brackets (``[actual-after-document]``). An entity,
event or relation that is right as written can say so with ``accept: [CODE, ...]``:
warnings with those codes whose position is inside that annotation are not reported,
so ``gloss check --strict`` passes without changing what the annotation states.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Position, Severity
from tui.core.loading.yamlsafe import MappingNode, ScalarNode, SequenceNode, compose

CODES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "text-hazard",
        re.compile(r"contains U\+|more control or invisible characters"),
        "a control or invisible character, shown as a placeholder",
    ),
    (
        "text-outside-folder",
        re.compile(r"is outside this file's folder"),
        "the article text is read from outside the annotation file's folder",
    ),
    (
        "type-unused",
        re.compile(r"type \S+ is declared but never used"),
        "a declared entity or event type that nothing uses",
    ),
    (
        "span-splits-character",
        re.compile(r"splits a character"),
        "a span that cuts a combining mark, joiner or flag in two",
    ),
    (
        "mention-twice",
        re.compile(r"is listed twice for this entity"),
        "the same mention written twice for one entity",
    ),
    ("shared-span", re.compile(r"both claim"), "two entities claim the same words"),
    (
        "actual-after-document",
        re.compile(r"an actual event dated .* after the document's date"),
        "an event said to have happened after the article was written",
    ),
)
"""``(code, what the message says, what it means)``; codes never change once given."""

KNOWN = tuple(code for code, _pattern, _meaning in CODES)
_SECTIONS = {"entities", "events", "relations"}


def code_for(message: str) -> str | None:
    """The code of a warning message, if it has one."""
    for code, pattern, _meaning in CODES:
        if pattern.search(message):
            return code
    return None


TEXT_WIDE = Position(0, 0)
"""The range start of the document's own ``accept``: it covers the article text's file."""


def _document_codes(
    node: MappingNode,
    ranges: list[tuple[Position, Position, set[str]]],
    unknown: list[tuple[Position, str]],
) -> None:
    for field_key, field_value in node.value:
        if not (isinstance(field_key, ScalarNode) and field_key.value == "accept"):
            continue
        codes: set[str] = set()
        entries = field_value.value if isinstance(field_value, SequenceNode) else [field_value]
        for entry in entries:
            if isinstance(entry, ScalarNode) and entry.value in KNOWN:
                codes.add(entry.value)
            elif isinstance(entry, ScalarNode):
                mark = entry.start_mark
                unknown.append((Position(mark.line + 1, mark.column + 1), entry.value))
        ranges.append((TEXT_WIDE, TEXT_WIDE, codes))


def _acceptances(
    source: str,
) -> tuple[list[tuple[Position, Position, set[str]]], list[tuple[Position, str]]]:
    """``(start, end, codes)`` of each annotation with ``accept``, and unknown codes."""
    root = compose(source, DiagnosticSink("<accept>"))  # its problems are the checker's
    ranges: list[tuple[Position, Position, set[str]]] = []
    unknown: list[tuple[Position, str]] = []
    if not isinstance(root, MappingNode):
        return ranges, unknown
    for key, value in root.value:
        if (
            isinstance(key, ScalarNode)
            and key.value == "document"
            and isinstance(value, MappingNode)
        ):
            # The document's own accept covers what is said about the article text.
            _document_codes(value, ranges, unknown)
            continue
        if not (isinstance(key, ScalarNode) and key.value in _SECTIONS):
            continue
        if not isinstance(value, SequenceNode):
            continue
        items = value.value
        for index, item in enumerate(items):
            if not isinstance(item, MappingNode):
                continue
            start = Position(item.start_mark.line + 1, item.start_mark.column + 1)
            end = (
                Position(
                    items[index + 1].start_mark.line + 1, items[index + 1].start_mark.column + 1
                )
                if index + 1 < len(items)
                else Position(10**9, 1)
            )
            for field_key, field_value in item.value:
                if not (isinstance(field_key, ScalarNode) and field_key.value == "accept"):
                    continue
                codes: set[str] = set()
                entries = (
                    field_value.value if isinstance(field_value, SequenceNode) else [field_value]
                )
                for entry in entries:
                    if isinstance(entry, ScalarNode) and entry.value in KNOWN:
                        codes.add(entry.value)
                    elif isinstance(entry, ScalarNode):
                        mark = entry.start_mark
                        unknown.append((Position(mark.line + 1, mark.column + 1), entry.value))
                ranges.append((start, end, codes))
    return ranges, unknown


def apply_codes(
    diagnostics: Sequence[Diagnostic], yaml_path: str, source: str | None
) -> tuple[Diagnostic, ...]:
    """Each warning with its code; warnings accepted where they point left out."""
    ranges: list[tuple[Position, Position, set[str]]] = []
    out: list[Diagnostic] = []
    if source is not None and "accept" in source:
        ranges, unknown = _acceptances(source)
        out.extend(
            Diagnostic(
                yaml_path,
                position,
                Severity.WARNING,
                f"unknown warning code '{code}' in accept (codes: {', '.join(KNOWN)})",
            )
            for position, code in unknown
        )
    for diagnostic in diagnostics:
        if diagnostic.severity is not Severity.WARNING:
            out.append(diagnostic)
            continue
        code = code_for(diagnostic.message)
        if code is None:
            out.append(diagnostic)
            continue
        accepted = (
            diagnostic.path == yaml_path
            and any(
                start <= diagnostic.position < end and code in codes for start, end, codes in ranges
            )
        ) or (
            diagnostic.path != yaml_path
            and any(start == TEXT_WIDE and code in codes for start, _, codes in ranges)
        )
        if not accepted:
            out.append(replace(diagnostic, message=f"{diagnostic.message} [{code}]"))
    return tuple(sorted(out, key=lambda d: d.sort_key))
