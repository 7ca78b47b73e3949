"""Reading another tool's JSON or JSONL whole, or not at all.

The Label Studio, Prodigy and hypothes.is imports keep everything a file says, so the
JSON must be read exactly: a key given twice in one object (``json.loads`` keeps the
last silently), ``NaN`` or ``Infinity`` (not JSON, and never equal to themselves), a
lone surrogate (not a character: it cannot be written as UTF-8), nesting deeper than
the parser allows, and a syntax error are each an error at their line, and the file
is not imported. Objects remember where they start (:class:`Object`), so every later
problem points at its record.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, TypeGuard

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import Document
from tui.core.formats.w3c.json_source import Lines, Object, report_lone_surrogates
from tui.core.loading import yamlsafe
from tui.core.loading.yamlsafe import read_text_file
from tui.core.text.fitting import short_repr

_TOKENS = re.compile(r'"(?:[^"\\]+|\\.)*"?|[{}]', re.DOTALL)


@dataclass(frozen=True, slots=True)
class Imported:
    """One document read, with its text as the source stores it (CRLF, BOM and all):
    the import writes that text, so that an export can give it back unchanged."""

    document: Document
    raw_text: str


@dataclass(frozen=True)
class JsonImport:
    """The documents of one file (none when there was an error) and every problem."""

    documents: tuple[Imported, ...]
    diagnostics: tuple[Any, ...]


class _Duplicate(ValueError):
    def __init__(self, key: str, offset: int) -> None:
        super().__init__(key)
        self.key = key
        self.offset = offset


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def loads(source: str, base: int = 0) -> Any:
    """``json.loads`` with positions and no silent loss: every object an :class:`Object`
    with its start offset (plus ``base``); a repeated key raises :class:`_Duplicate`."""
    starts: list[int] = []
    closed: list[int] = []
    for match in _TOKENS.finditer(source):
        token = match.group()
        if token == "{":
            starts.append(match.start())
        elif token == "}" and starts:
            closed.append(starts.pop())
    order = iter(closed)

    def build(pairs: list[tuple[str, Any]]) -> Object:
        made = Object(pairs)
        made.offset = next(order, 0) + base
        if len(made) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    raise _Duplicate(key, made.offset)
                seen.add(key)
        return made

    return json.loads(source, object_pairs_hook=build, parse_constant=_refuse_constant)


class SourceLines(Lines):
    """:class:`Lines` that also gives the offset where a line starts (for JSONL)."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def offset_of_line(self, line: int) -> int:
        return self._line_starts[line - 1] if 0 < line <= len(self._line_starts) else 0


def read_source(path: str, sink: DiagnosticSink) -> str | None:
    """The file's text (UTF-8, at most 32 MB, a regular file), or None with the reason."""
    decoded = read_text_file(path, sink, Position(1, 1), "input", yamlsafe.MAX_TEXT_BYTES)
    return None if decoded is None else decoded.text


def parse(
    source: str, sink: DiagnosticSink, lines: SourceLines, *, line: int = 0
) -> tuple[bool, Any]:
    """Parse one JSON value (a whole file, or one JSONL line numbered ``line``);
    ``(False, None)`` after reporting why it cannot be read whole."""
    base = lines.offset_of_line(line) if line else 0
    try:
        data = loads(source, base)
    except _Duplicate as duplicate:
        at = lines.position(_at(duplicate.offset))
        sink.error(
            at,
            f"the key {short_repr(duplicate.key)} is given twice in one object; JSON readers "
            "keep one and drop the other silently, so gloss does not guess which is meant",
        )
        return False, None
    except json.JSONDecodeError as error:
        where = Position(line or error.lineno, error.colno)
        sink.error(where, f"not valid JSON: {error.msg}")
        return False, None
    except ValueError as error:  # NaN, Infinity
        sink.error(Position(line or 1, 1), f"not valid JSON: {error}")
        return False, None
    except RecursionError:
        sink.error(Position(line or 1, 1), "the JSON is nested too deeply")
        return False, None
    if report_lone_surrogates(data, lines, sink):
        return False, None
    return True, data


def _at(offset: int) -> Object:
    marker = Object()
    marker.offset = offset
    return marker


def read_json(path: str, sink: DiagnosticSink) -> tuple[Any, SourceLines] | None:
    """A whole JSON file, parsed, and its line table; None after reporting a problem."""
    source = read_source(path, sink)
    if source is None:
        return None
    lines = SourceLines(source)
    ok, data = parse(source, sink, lines)
    return (data, lines) if ok else None


def read_jsonl(path: str, sink: DiagnosticSink) -> tuple[list[tuple[int, Any]], SourceLines] | None:
    """Every non-blank line of a JSONL file, parsed, with its number; None after
    reporting every line that cannot be read (a file is never read in part)."""
    source = read_source(path, sink)
    if source is None:
        return None
    lines = SourceLines(source)
    records: list[tuple[int, Any]] = []
    failed = False
    for number, line in enumerate(source.split("\n"), start=1):
        if not line.strip():
            continue
        ok, data = parse(line, sink, lines, line=number)
        if ok:
            records.append((number, data))
        failed = failed or not ok
    return None if failed else (records, lines)


def plain(value: Any) -> Any:
    """``value`` with every :class:`Object` turned back into a plain dict (for dumping)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def compact(value: Any) -> str:
    """The one-line JSON gloss keeps a source's own data in (an attribute value):
    key order as given, non-ASCII as is, no spaces."""
    return json.dumps(plain(value), ensure_ascii=False, separators=(",", ":"))


def is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
