"""The JSON source of an import: parsed with the line and column of every object."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from typing import Any

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.text.fitting import short_repr

# An unclosed string runs to the end of the source ("?): otherwise each escaped quote
# inside it would start a new failed match, and the scan would be quadratic.
_LONE_SURROGATE = re.compile("[\\ud800-\\udfff]")


_TOKENS = re.compile(r'"(?:[^"\\]+|\\.)*"?|[{}]', re.DOTALL)


class Object(dict[str, Any]):
    """A JSON object that remembers where it starts in the source."""

    offset: int = 0


def load_json(source: str) -> Any:
    """``json.loads`` with every object an :class:`Object` carrying its start offset.

    The decoder builds an object when it reaches its ``}``, so the objects come out
    in the order their closing braces stand in the source; a scan of the strings and
    braces gives the start of each in that order.
    """
    order = object_starts(source)

    def build(pairs: list[tuple[str, Any]]) -> Object:
        made = Object(pairs)
        made.offset = next(order, 0)
        return made

    return json.loads(source, object_pairs_hook=build)


def object_starts(source: str) -> Iterator[int]:
    """Where each object of ``source`` starts, in the order of their closing braces
    (the order a JSON decoder builds them in)."""
    starts: list[int] = []
    closed: list[int] = []
    for match in _TOKENS.finditer(source):
        token = match.group()
        if token == "{":
            starts.append(match.start())
        elif token == "}" and starts:
            closed.append(starts.pop())
    return iter(closed)


class Lines:
    """Offsets in the JSON source → 1-based line and column."""

    def __init__(self, source: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def position(self, value: object) -> Position:
        offset = value.offset if isinstance(value, Object) else 0
        line = bisect.bisect_right(self._starts, offset)
        return Position(line, offset - self._starts[line - 1] + 1)


def report_lone_surrogates(data: Any, lines: Lines, sink: DiagnosticSink) -> bool:
    """Report strings holding a lone surrogate (an unpaired ``\\ud800`` escape); any found?

    Such a string is not text: it cannot be written as UTF-8 or YAML.
    """
    found = False
    pending: list[tuple[Any, Object | None]] = [(data, None)]
    while pending:
        value, owner = pending.pop()
        if isinstance(value, Object):
            pending.extend((item, value) for pair in value.items() for item in pair)
        elif isinstance(value, list):
            pending.extend((item, owner) for item in value)
        elif isinstance(value, str):
            bad = _LONE_SURROGATE.search(value)
            if bad is not None:
                sink.error(
                    lines.position(owner),
                    f"{short_repr(value[: bad.start()] + '?')} holds a lone surrogate "
                    f"(U+{ord(bad.group()):04X}), which is not a character; fix its \\u escape",
                )
                found = True
    return found
