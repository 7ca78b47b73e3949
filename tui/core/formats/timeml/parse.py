"""Reading one TimeML 1.2 file (TimeBank, AQUAINT, TempEval-3) with a hardened parser.

The XML goes through the same ``defusedxml`` parser as CAT files (entity declarations
and external entities refused, the same size limit). The article text is the character
data inside ``TEXT``, exactly as the parser gives it (entities such as ``&amp;``
resolved, line ends as LF); every ``EVENT``, ``TIMEX3`` and ``SIGNAL`` in it is recorded
with the code-point offsets of its words in that text, also when tags nest or other
tags (``s``, ``ENAMEX``) wrap them. ``MAKEINSTANCE`` and the links are recorded with
their attributes as written. Nothing here decides what they mean:
:mod:`tui.core.formats.timeml.build` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from defusedxml.ElementTree import DefusedXMLParser

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.formats.cat.parse import feed_hardened, read_bytes

INLINE_TAGS = frozenset({"EVENT", "TIMEX3", "SIGNAL"})
LINK_TAGS = frozenset({"TLINK", "SLINK", "ALINK"})
Attributes = tuple[tuple[str, str], ...]


def attribute_of(attributes: Attributes, name: str) -> str | None:
    """The value of the attribute ``name`` in ``attributes``, if written and not empty."""
    for key, value in attributes:
        if key == name:
            return value or None
    return None


@dataclass(frozen=True, slots=True)
class Tag:
    """An ``EVENT``, ``TIMEX3`` or ``SIGNAL`` and the words it covers."""

    name: str
    attributes: Attributes
    words: str
    """The character data inside the tag."""
    start: int
    end: int
    """Offsets of :attr:`words` in the text; both 0 for a tag outside ``TEXT``."""
    in_text: bool
    in_dct: bool
    """Inside a ``DCT`` element (the document creation time of TempEval-3 files)."""
    position: Position

    def attribute(self, name: str) -> str | None:
        """The value of an attribute, if written and not empty."""
        return attribute_of(self.attributes, name)


@dataclass(frozen=True, slots=True)
class Element:
    """A ``MAKEINSTANCE`` or a link, its attributes as written."""

    name: str
    attributes: Attributes
    position: Position

    def attribute(self, name: str) -> str | None:
        """The value of an attribute, if written and not empty."""
        return attribute_of(self.attributes, name)


@dataclass
class TimeMLFile:
    """Everything one TimeML file holds, in file order."""

    path: str
    text: str = ""
    has_text: bool = False
    title: str | None = None
    tags: list[Tag] = field(default_factory=list)
    instances: list[Element] = field(default_factory=list)
    links: list[Element] = field(default_factory=list)


def _local(tag: str) -> str:
    """The element's name without a namespace (``{uri}TimeML`` → ``TimeML``)."""
    return tag.rpartition("}")[2]


class _Collector:
    """The parser's target: builds :class:`TimeMLFile` from start, data and end events."""

    def __init__(self, timeml: TimeMLFile, sink: DiagnosticSink) -> None:
        self.timeml = timeml
        self.sink = sink
        self.expat: Any = None
        self.depth = 0
        self.is_timeml = False
        self.text_pieces: list[str] = []
        self.text_length = 0
        self.text_depth = 0
        """The depth of the open ``TEXT`` element, 0 outside it."""
        self.dct_depth = 0
        self.all_pieces: list[str] = []
        """All character data, so that any element's words can be joined at its end."""
        self.open_elements: list[tuple[str, dict[str, str], int, int, Position]] = []
        """Open elements: name, attributes, text offset and piece index at the start,
        and where it starts in the XML."""

    def here(self) -> Position:
        expat = self.expat
        if expat is None:
            return Position(1, 1)
        return Position(expat.CurrentLineNumber, expat.CurrentColumnNumber + 1)

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = _local(tag)
        self.depth += 1
        position = self.here()
        if self.depth == 1:
            self.is_timeml = name == "TimeML"
            if not self.is_timeml:
                self.sink.error(
                    position, f"not a TimeML file: the root element is <{name}>, not <TimeML>"
                )
        if name == "TEXT" and not self.text_depth:
            if self.timeml.has_text:
                self.sink.warning(position, "a second <TEXT> element; its words are not read")
            else:
                self.text_depth = self.depth
                self.timeml.has_text = True
        if name == "DCT" and not self.dct_depth:
            self.dct_depth = self.depth
        self.open_elements.append((name, attrib, self.text_length, len(self.all_pieces), position))

    def data(self, text: str) -> None:
        self.all_pieces.append(text)
        if self.text_depth:
            self.text_pieces.append(text)
            self.text_length += len(text)

    def end(self, tag: str) -> None:
        name, attrib, start, first_piece, position = self.open_elements.pop()
        in_text = bool(self.text_depth)
        if self.depth == self.text_depth:
            self.text_depth = 0
            self.timeml.text = "".join(self.text_pieces)
        if self.depth == self.dct_depth:
            self.dct_depth = 0
        self.depth -= 1
        if not self.is_timeml:
            return
        attributes = tuple(
            (_local(key), value) for key, value in attrib.items() if not key.startswith("{")
        )
        if name in INLINE_TAGS:
            words = "".join(self.all_pieces[first_piece:])
            end = self.text_length if in_text else 0
            self.timeml.tags.append(
                Tag(
                    name,
                    attributes,
                    words,
                    start if in_text else 0,
                    end,
                    in_text,
                    bool(self.dct_depth),
                    position,
                )
            )
        elif name == "MAKEINSTANCE":
            self.timeml.instances.append(Element(name, attributes, position))
        elif name in LINK_TAGS:
            self.timeml.links.append(Element(name, attributes, position))
        elif name == "TITLE" and self.timeml.title is None:
            title = " ".join("".join(self.all_pieces[first_piece:]).split())
            self.timeml.title = title or None

    def close(self) -> None:
        return None


def parse_bytes(data: bytes, path: str, sink: DiagnosticSink) -> TimeMLFile | None:
    """Parse TimeML; on malformed, refused or non-TimeML XML record why and return None."""
    collector = _Collector(TimeMLFile(path), sink)
    parser = DefusedXMLParser(target=collector)
    collector.expat = parser.parser
    try:
        if not feed_hardened(parser, data, sink, collector.here):
            return None
    finally:
        collector.expat = None  # the parser and the collector point at each other
    if not collector.is_timeml:
        return None
    if not collector.timeml.has_text:
        sink.error(Position(1, 1), "the TimeML file has no <TEXT> element: there is no article")
        return None
    return collector.timeml


def parse_file(path: str, sink: DiagnosticSink) -> TimeMLFile | None:
    """Read and parse one TimeML file; problems go to ``sink`` with their places."""
    data = read_bytes(path, sink)
    if data is None:
        return None
    return parse_bytes(data, path, sink)
