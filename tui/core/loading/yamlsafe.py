"""Reading YAML safely while keeping every node's line and column.

The file is parsed (libyaml's ``CSafeLoader`` when present, the pure-Python
``SafeLoader`` otherwise) into a tree of light nodes built from the parser's events,
but never *constructed*: the loader interprets each scalar's text itself, so ``no``
stays ``no``, ``012`` is not an octal 10 and ``2022-03-25`` is not turned into a
date object. Anchors and aliases
are refused before anything could be expanded, duplicate keys and unknown tags
are errors, and files over a size cap are refused before they are read.
"""

from __future__ import annotations

import codecs
import gc
import re
from dataclasses import dataclass
from typing import Any

import yaml

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.files.saferead import ReadRefused, read_capped
from tui.core.loading.limits import MAX_TEXT_BYTES as MAX_TEXT_BYTES
from tui.core.loading.limits import MAX_YAML_BYTES as MAX_YAML_BYTES
from tui.core.text.textsafety import Hazard

_CORE_TAG_PREFIX = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _CORE_TAG_PREFIX + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value")
)

try:
    _Base: type = yaml.CSafeLoader
    HAVE_LIBYAML = True
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader
    HAVE_LIBYAML = False

_STR_TAG = _CORE_TAG_PREFIX + "str"
_NULL_TAG = _CORE_TAG_PREFIX + "null"
_SEQ_TAG = _CORE_TAG_PREFIX + "seq"
_MAP_TAG = _CORE_TAG_PREFIX + "map"


_IMPLICIT_BY_FIRST_CHAR: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple(resolvers)
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    if first is not None
}
"""PyYAML's safe implicit resolvers, looked up by a plain scalar's first character."""

_Loader: type = _Base
"""The parser used (tests swap in the pure-Python one to compare the two)."""


class Mark:
    """Where a node starts: 0-based line and column, as PyYAML counts them."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


class Node:
    """A YAML node with only what the loader needs: its tag, value and where it starts.

    PyYAML's own nodes carry two position objects of six fields each; for a file with
    tens of thousands of mentions those dominate memory, so the tree is built from the
    parser's events into these slotted nodes instead.
    """

    __slots__ = ("start_mark", "tag", "value")

    def __init__(self, tag: str, value: object, start_mark: Mark) -> None:
        self.tag = tag
        self.value = value
        self.start_mark = start_mark


class ScalarNode(Node):
    """A scalar; ``style`` is empty for a plain one, else the quote or block character."""

    __slots__ = ("style",)
    value: str

    def __init__(self, tag: str, value: str, start_mark: Mark, style: str | None) -> None:
        super().__init__(tag, value, start_mark)
        self.style = style or ""


class SequenceNode(Node):
    """A list of nodes."""

    __slots__ = ()
    value: list[Node]


class MappingNode(Node):
    """Key and value pairs, in the order written."""

    __slots__ = ()
    value: list[tuple[Node, Node]]


def _mark_of(event: yaml.Event) -> Mark:
    mark = event.start_mark
    return Mark(int(getattr(mark, "line", 0)), int(getattr(mark, "column", 0)))


def _error_mark(event: yaml.Event) -> yaml.error.Mark:
    """The event's position as the pure-Python error classes expect it."""
    mark = _mark_of(event)
    return yaml.error.Mark("<yaml>", 0, mark.line, mark.column, "", 0)


def _scalar_tag(event: yaml.ScalarEvent) -> str:
    tag = event.tag
    if tag is not None and tag != "!":
        return str(tag)
    if event.implicit[0]:
        value = event.value
        for resolved, pattern in _IMPLICIT_BY_FIRST_CHAR.get(value[:1], ()):
            if pattern.match(value):
                return resolved
    return _STR_TAG


def _build_tree(source: str) -> Node | None:
    """Compose the single document of ``source`` from parser events, iteratively.

    Raises what ``yaml.compose`` raises for the same input (syntax errors, a second
    document), so the messages stay the same.
    """
    root: Node | None = None
    containers: list[Node] = []
    pending_keys: list[Node | None] = []
    documents = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not containers:
            root = node
            return
        parent = containers[-1]
        if isinstance(parent, SequenceNode):
            parent.value.append(node)
        elif pending_keys[-1] is None:
            pending_keys[-1] = node
        else:
            key = pending_keys[-1]
            assert key is not None and isinstance(parent, MappingNode)
            parent.value.append((key, node))
            pending_keys[-1] = None

    for event in yaml.parse(source, Loader=_Loader):
        if isinstance(event, yaml.ScalarEvent):
            attach(ScalarNode(_scalar_tag(event), event.value, _mark_of(event), event.style))
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            is_sequence = isinstance(event, yaml.SequenceStartEvent)
            tag = (
                event.tag
                if event.tag not in (None, "!")
                else (_SEQ_TAG if is_sequence else _MAP_TAG)
            )
            node: Node = (SequenceNode if is_sequence else MappingNode)(
                str(tag), [], _mark_of(event)
            )
            attach(node)
            containers.append(node)
            pending_keys.append(None)
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            containers.pop()
            pending_keys.pop()
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    None,
                    "but found another document",
                    _error_mark(event),
                )
        elif isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, f"found alias {event.anchor!r}", _error_mark(event)
            )
    return root


class PlacedScalar(ScalarNode):
    """A scalar that also knows where it ends: ``start`` and ``end`` are code-point
    offsets into the source it was parsed from (see :func:`compose_placed`); a block
    scalar (``|``, ``>``) ends at its last character that is not white space."""

    __slots__ = ("end", "start")
    start: int
    end: int


class PlacedSequence(SequenceNode):
    """A list with its offsets; ``flow`` for ``[a, b]``. A block list starts at its
    first ``-`` and ends where the next token starts (after comments)."""

    __slots__ = ("end", "flow", "start")
    start: int
    end: int
    flow: bool
    value: list[Node]


class PlacedMapping(MappingNode):
    """A mapping with its offsets; ``flow`` for ``{k: v}``. A block mapping starts at
    its first key and ends where the next token starts (after comments)."""

    __slots__ = ("end", "flow", "start")
    start: int
    end: int
    flow: bool
    value: list[tuple[Node, Node]]


def _offsets_are_code_points() -> bool:
    """Whether the parser's mark indexes count code points (libyaml versions differ:
    some count bytes); checked once on a non-ASCII sample."""
    events = list(yaml.parse("é: x\n", Loader=_Loader))
    scalars = [event for event in events if isinstance(event, yaml.ScalarEvent)]
    return len(scalars) == 2 and int(getattr(scalars[1].start_mark, "index", -1)) == 3


_PLACING_LOADER: list[type] = []


_PENDING_TAG = "?"
"""The tag of a plain scalar of a placed tree until :func:`settle_tags` resolves it."""
_NOWHERE = Mark(0, 0)


def compose_placed(source: str) -> Node | None:
    """The node tree of ``source`` with start and end offsets on every node
    (:class:`PlacedScalar`, :class:`PlacedSequence`, :class:`PlacedMapping`), for
    rewriting parts of a file in place. ``source`` is parsed as it is (CRLF line
    endings included), so the offsets index it directly.

    Built for speed on large files: nodes carry no line and column (``start_mark`` is
    a shared placeholder), and plain scalars get their tag only from
    :func:`settle_tags`, called on the few subtrees the loader's code will read.

    Raises what ``yaml.parse`` raises; tags and duplicate keys are not checked here (a
    file that is patched has been loaded without errors first).
    """
    if not _PLACING_LOADER:
        _PLACING_LOADER.append(_Loader if _offsets_are_code_points() else yaml.SafeLoader)
    stack: list[list[Any]] = [[]]
    opened: list[PlacedSequence | PlacedMapping] = []
    scalar_event = yaml.ScalarEvent
    sequence_start, mapping_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
    sequence_end, mapping_end = yaml.SequenceEndEvent, yaml.MappingEndEvent
    event: Any
    was_enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small nodes that all live on: no cycles to find
    try:
        for event in yaml.parse(source, Loader=_PLACING_LOADER[0]):
            kind = type(event)
            if kind is scalar_event:
                style = event.style
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _STR_TAG if style or not event.implicit[0] else _PENDING_TAG
                scalar = PlacedScalar(tag, event.value, _NOWHERE, style)
                scalar.start = start = event.start_mark.index
                scalar.end = end = event.end_mark.index
                if style == "|" or style == ">":  # its end mark lies past the blank lines after
                    scalar.end = start + len(source[start:end].rstrip())
                stack[-1].append(scalar)
            elif kind is mapping_start or kind is sequence_start:
                is_sequence = kind is sequence_start
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _SEQ_TAG if is_sequence else _MAP_TAG
                node: PlacedSequence | PlacedMapping = (
                    PlacedSequence if is_sequence else PlacedMapping
                )(str(tag), [], _NOWHERE)
                node.start = event.start_mark.index
                node.flow = bool(event.flow_style)
                stack[-1].append(node)
                stack.append([])
                opened.append(node)
            elif kind is mapping_end or kind is sequence_end:
                items = stack.pop()
                finished = opened.pop()
                finished.end = event.end_mark.index
                if isinstance(finished, PlacedMapping):
                    finished.value = list(zip(items[0::2], items[1::2], strict=True))
                else:
                    finished.value = items
            elif isinstance(event, yaml.AliasEvent):
                raise yaml.composer.ComposerError(None, None, "found an alias", _error_mark(event))
    finally:
        if was_enabled:
            gc.enable()
    roots = stack[0]
    return roots[0] if roots else None


def settle_tags(node: Node) -> Node:
    """Give every plain scalar under ``node`` (of a placed tree) its resolved tag."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ScalarNode):
            if current.tag == _PENDING_TAG:
                current.tag = _STR_TAG
                for resolved, pattern in _IMPLICIT_BY_FIRST_CHAR.get(current.value[:1], ()):
                    if pattern.match(current.value):
                        current.tag = resolved
                        break
        elif isinstance(current, MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)
    return node


def position_of(node: Node) -> Position:
    """The 1-based line and column where ``node`` starts."""
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


def _mark_position(mark: object) -> Position:
    line = getattr(mark, "line", 0)
    column = getattr(mark, "column", 0)
    return Position(int(line) + 1, int(column) + 1)


@dataclass(frozen=True, slots=True)
class DecodedFile:
    """A text file read as UTF-8, BOM dropped, line endings normalised to LF."""

    text: str
    had_bom: bool
    had_crlf: bool


def _utf8_error_position(data: bytes, error: UnicodeDecodeError) -> Position:
    before = data[: error.start]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Position(line, column)


def _looks_like_utf16(data: bytes) -> bool:
    """A UTF-16 byte order mark, or text whose bytes alternate with zeros (UTF-16 without
    a BOM); one NUL character near the start of a UTF-8 file is not enough."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    sample = data[:512]
    pairs = len(sample) // 2
    if pairs == 0:
        return False
    zeros = sorted((sample[0::2].count(0), sample[1::2].count(0)))
    return zeros[1] >= max(1, pairs // 2) and zeros[0] <= pairs // 10


def read_text_file(
    path: str,
    sink: DiagnosticSink,
    at: Position,
    what: str,
    max_bytes: int,
    *,
    shown_as: str | None = None,
) -> DecodedFile | None:
    """Read ``path`` as UTF-8 text, reporting any problem to ``sink`` at ``at``.

    ``at`` is where the problem is reported; for the YAML file itself that is 1:1,
    for the article text it is the ``text:`` key that names it. ``shown_as`` is the
    name messages use for ``path`` (the name as written, when ``path`` is resolved).
    Only a regular file is read, without blocking, and at most ``max_bytes`` of it.
    """
    shown = shown_as or path
    try:
        data = read_capped(path, max_bytes)
    except ReadRefused as refused:
        sink.error(at, f"{what} '{shown}' {refused.reason}")
        return None
    if _looks_like_utf16(data):
        sink.error(at, f"{what} '{shown}' looks like UTF-16; save it as UTF-8")
        return None
    had_bom = data.startswith(codecs.BOM_UTF8)
    if had_bom:
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = _utf8_error_position(data, error)
        if at == Position(1, 1):
            at = where
        sink.error(
            at,
            f"{what} '{shown}' is not valid UTF-8 (byte 0x{data[error.start]:02x} at line "
            f"{where.line}, column {where.column})",
        )
        return None
    had_crlf = "\r\n" in text
    if had_crlf:
        text = text.replace("\r\n", "\n")
    return DecodedFile(text, had_bom, had_crlf)


def _report_anchors(source: str, sink: DiagnosticSink) -> bool:
    """Refuse anchors and aliases. Returns True when any was found."""
    if "&" not in source and "*" not in source:
        return False  # the common case: no token scan needed
    found = False
    try:
        for token in yaml.scan(source, Loader=_Loader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                kind = "anchor" if isinstance(token, yaml.AnchorToken) else "alias"
                sink.error(
                    _mark_position(token.start_mark),
                    f"YAML {kind} '{token.value}' is not allowed: anchors and aliases are "
                    "refused so that no file can expand into a huge one; write the value out",
                )
                found = True
    except yaml.YAMLError:
        pass  # the syntax error is reported by the compose step
    return found


def compose(source: str, sink: DiagnosticSink) -> Node | None:
    """Compose ``source`` into a node tree, or report why it cannot be read.

    Returns None when the document is unusable (syntax error, several documents,
    anchors or aliases); every reason found is in ``sink``.
    """
    if _report_anchors(source, sink):
        return None
    try:
        node: Node | None = _build_tree(source)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = _mark_position(mark)
        sink.error(position, _syntax_message(error, source, position))
        return None
    except yaml.reader.ReaderError as error:
        sink.error(*_reader_error(error, source))
        return None
    except yaml.YAMLError as error:
        sink.error(Position(1, 1), f"YAML: {error}")
        return None
    except RecursionError:
        sink.error(Position(1, 1), "YAML is nested too deeply to read")
        return None
    empty_document = (
        isinstance(node, ScalarNode)
        and not node.style
        and node.value == ""
        and node.tag == _NULL_TAG
    )
    if node is None or empty_document:
        # Only comments, or a lone '---', is as empty as an empty file.
        sink.error(Position(1, 1), "the file is empty; expected a mapping starting with 'gloss: 1'")
        return None
    _check_tree(node, sink)
    return node


def _reader_error(error: yaml.reader.ReaderError, source: str) -> tuple[Position, str]:
    """Where a character YAML does not accept is, and what to do about it."""
    before = source[: max(0, error.position)]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else 0
    return Position(line, column), (
        f"YAML cannot hold {Hazard(0, chr(code)).name} as it is; remove it, or write it "
        "as an escape such as \\x1b inside double quotes"
    )


def _syntax_message(error: yaml.MarkedYAMLError, source: str, position: Position) -> str:
    """A syntax error in words that do not depend on which YAML parser found it."""
    if error.context == "expected a single document in the stream":
        return (
            f"a second YAML document starts at line {position.line}; "
            "an annotation file holds exactly one (remove the extra '---')"
        )
    lines = source.split("\n")
    if 0 < position.line <= len(lines):
        line = lines[position.line - 1]
        if 0 < position.column <= len(line) and line[position.column - 1] == "\t":
            return "YAML syntax: a tab character cannot indent YAML; use spaces"
    problem = error.problem or "invalid YAML"
    if error.context:
        problem = f"{problem} ({error.context})"
    return f"YAML syntax: {problem}"


def _check_tree(root: Node, sink: DiagnosticSink) -> None:
    """Refuse unknown tags and duplicate keys anywhere in the tree (iteratively)."""
    stack: list[Node] = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            sink.error(
                position_of(node),
                f"YAML tag '{node.tag.replace(_CORE_TAG_PREFIX, '!!')}' is not allowed",
            )
        if isinstance(node, MappingNode):
            first_seen: dict[str, Node] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    earlier = first_seen.setdefault(key.value, key)
                    if earlier is not key:
                        sink.error(
                            position_of(key),
                            f"duplicate key '{key.value}' "
                            f"(first at line {position_of(earlier).line})",
                        )
                else:
                    stack.append(key)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
