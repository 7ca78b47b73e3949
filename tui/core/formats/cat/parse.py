"""Reading one CAT/CROMER XML file (ECB+) with a hardened parser.

The file is parsed by ``defusedxml``'s parser, which refuses entity declarations and
external entities: no "billion laughs" expansion, nothing read from outside the
file. The parser's events feed :class:`_Collector` directly, which records tokens,
markables and relations with the line and column each starts at, so every later
problem can be reported as ``FILE:LINE:COLUMN``. Nothing here decides what the
annotations mean; :mod:`tui.core.formats.cat.build` does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.files.saferead import NotRegular, TooLarge, Unreadable, read_capped

MAX_XML_BYTES = 32 * 1024 * 1024
"""Files above this are refused unread, as annotation files are."""

_RELATION_ENDS = ("source", "target")


class Token(NamedTuple):
    """One word of the text as the XML gives it (no spacing is recorded).

    A named tuple rather than a frozen dataclass: a file has thousands of tokens and a
    tuple is made in a third of the time, with the same fields and immutability.
    """

    id: str
    sentence: int
    text: str
    line: int
    column: int

    @property
    def position(self) -> Position:
        """Where the token starts in the XML."""
        return Position(self.line, self.column)


_new_token = tuple.__new__
"""Makes a :class:`Token` from its fields without the named tuple's own ``__new__``, a
Python function: a file has thousands of tokens."""


@dataclass(frozen=True, slots=True)
class Markable:
    """A mention anchored to tokens, or (without tokens) the instance a chain names."""

    id: str
    tag: str
    token_ids: tuple[str, ...]
    position: Position
    descriptor: str | None = None
    """The coder's ``TAG_DESCRIPTOR``: a readable name of the instance."""
    instance_id: str | None = None
    note: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    """The element's other attributes, as written (MEANTIME's ``type`` and ``value`` of a
    ``TIMEX3``, ``ent_type`` of an ``ENTITY`` instance, ``polarity`` of an event…)."""

    def attribute(self, name: str) -> str | None:
        """The value of one of :attr:`attributes`, if written."""
        for key, value in self.attributes:
            if key == name:
                return value
        return None

    @property
    def anchored(self) -> bool:
        """Whether the markable points at text (a mention) rather than naming an instance."""
        return bool(self.token_ids)


@dataclass(frozen=True, slots=True)
class Relation:
    """A coreference relation: source mentions pointing at a target instance."""

    kind: str
    id: str
    note: str | None
    sources: tuple[tuple[str, Position], ...]
    targets: tuple[tuple[str, Position], ...]
    position: Position
    attributes: tuple[tuple[str, str], ...] = ()
    """The element's other attributes, as written (``reltype``, ``sem_role``…)."""

    def attribute(self, name: str) -> str | None:
        """The value of one of :attr:`attributes`, if written."""
        for key, value in self.attributes:
            if key == name:
                return value
        return None


@dataclass
class CatFile:
    """Everything one XML file holds, in file order."""

    path: str
    doc_name: str | None = None
    doc_id: str | None = None
    source_url: str | None = None
    """The ``src_url`` of the ``Document`` element, where MEANTIME-style files give it."""
    tokens: list[Token] = field(default_factory=list)
    markables: list[Markable] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)
    """Elements gloss does not read, by tag, with how often they occur."""
    not_cat: bool = False
    """The root element is not ``Document``: the file is refused whole."""


_MARKABLE_KEYS = frozenset({"m_id", "TAG_DESCRIPTOR", "instance_id", "note"})
_RELATION_KEYS = frozenset({"r_id", "note"})


def _other_attributes(attrib: dict[str, str], read: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """The attributes not already read into fields, empty values left out (CAT writes
    ``comment=""``, ``beginPoint=""`` on every element)."""
    return tuple((key, value) for key, value in attrib.items() if key not in read and value)


class _Collector:
    """The parser's target: builds :class:`CatFile` from start, data and end events."""

    def __init__(self, cat: CatFile, sink: DiagnosticSink) -> None:
        self.cat = cat
        self.sink = sink
        self.expat: Any = None
        self.section: str | None = None
        self.depth = 0
        self._token_pairs: list[str] | None = None
        self._token_line = self._token_column = 1
        self._text: list[str] = []
        self._markable: dict[str, str] | None = None
        self._markable_tag = ""
        self._markable_position = Position(1, 1)
        self._anchors: list[str] = []
        self._relation: dict[str, str] | None = None
        self._relation_tag = ""
        self._relation_position = Position(1, 1)
        self._ends: dict[str, list[tuple[str, Position]]] = {}
        self._raw_tokens: list[tuple[list[str], str, int, int]] = []
        """Each token's attributes, text and place, made into tokens after the parse."""

    def _here(self) -> Position:
        return Position(self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber + 1)

    def start_raw(self, tag: str, pairs: list[str]) -> None:
        """expat's own start event (attributes as a flat list): no wrapper in between.

        Tokens are most of a file, so they take a short path: expat hands all text to
        a list's own ``append`` (no Python frame per piece of text), the list is
        emptied where a token starts and joined where it ends, and the handlers stay
        the same throughout (changing expat's handlers for every token costs more than
        the text between elements).
        """
        if tag == "token" and self.depth == 1:
            self.depth = 2
            expat = self.expat
            self._token_pairs = pairs
            self._token_line = expat.CurrentLineNumber
            self._token_column = expat.CurrentColumnNumber + 1
            self._text.clear()
            return
        if (
            tag == "token_anchor"
            and self.depth == 3
            and self._markable is not None
            and len(pairs) == 2
            and pairs[0] == "t_id"
        ):  # the usual anchor: its t_id only
            self.depth = 4
            self._anchors.append(pairs[1])
            return
        if (
            (tag == "source" or tag == "target")
            and self.depth == 3
            and self._relation is not None
            and len(pairs) == 2
            and pairs[0] == "m_id"
        ):  # the usual end of a relation: its m_id only
            self.depth = 4
            self._ends[tag].append((pairs[1], self._here()))
            return
        self.start(tag, dict(zip(pairs[::2], pairs[1::2], strict=True)))

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        depth = self.depth
        if depth == 1:
            if tag != "Document":
                self.sink.error(
                    self._here(),
                    f"expected a <Document> element, not <{tag}>: not a CAT file, so nothing "
                    "of it is imported",
                )
                self.cat.not_cat = True
            self.cat.doc_name = attrib.get("doc_name")
            self.cat.doc_id = attrib.get("doc_id")
            self.cat.source_url = attrib.get("src_url") or None
        elif depth == 2:
            if tag in ("Markables", "Relations"):
                self.section = tag
            else:
                self._ignore(tag)
        elif depth == 3 and self.section == "Markables":
            self._markable = attrib
            self._markable_tag = tag
            self._markable_position = self._here()
            self._anchors = []
        elif depth == 3 and self.section == "Relations":
            self._relation = attrib
            self._relation_tag = tag
            self._relation_position = self._here()
            self._ends = {"source": [], "target": []}
        elif depth == 4 and self._markable is not None:
            if tag == "token_anchor" and "t_id" in attrib:
                self._anchors.append(attrib["t_id"])
            elif tag == "token_anchor":
                self.sink.error(self._here(), "a token_anchor needs a t_id")
            else:
                self._ignore(tag)
        elif depth == 4 and self._relation is not None:
            if tag in _RELATION_ENDS and "m_id" in attrib:
                self._ends[tag].append((attrib["m_id"], self._here()))
            elif tag in _RELATION_ENDS:
                self.sink.error(self._here(), f"a relation's {tag} needs an m_id")
            else:
                self._ignore(tag)
        else:
            self._ignore(tag)

    def _ignore(self, tag: str) -> None:
        self.cat.ignored[tag] = self.cat.ignored.get(tag, 0) + 1

    def end(self, tag: str) -> None:
        depth = self.depth
        self.depth = depth - 1
        pairs = self._token_pairs
        if pairs is not None:
            if depth == 2:  # the token's own end (elements inside give it their text)
                self._token_pairs = None
                self._raw_tokens.append(
                    (pairs, "".join(self._text), self._token_line, self._token_column)
                )
        elif depth == 2:
            self.section = None
        elif depth == 3 and self._markable is not None:
            self._end_markable()
        elif depth == 3 and self._relation is not None:
            self._end_relation()

    def finish_tokens(self) -> None:
        """Make the tokens from what their ends recorded, in one loop after the parse
        (a call per token less while expat runs)."""
        tokens = self.cat.tokens
        add = tokens.append
        sentence = 0
        sentence_text: str | None = None
        for pairs, text, line, column in self._raw_tokens:
            if len(pairs) >= 4 and pairs[0] == "t_id" and pairs[2] == "sentence":
                token_id: str | None = pairs[1]  # as ECB+ writes them
                number: str | None = pairs[3]
            else:
                token_id = number = None
                for index in range(0, len(pairs) - 1, 2):
                    if pairs[index] == "t_id":
                        token_id = pairs[index + 1]
                    elif pairs[index] == "sentence":
                        number = pairs[index + 1]
            if not token_id:
                self.sink.error(Position(line, column), "a token needs a t_id")
                continue
            if number != sentence_text:
                if number is not None and number.isdigit():
                    sentence = int(number)
                    sentence_text = number
                else:
                    self.sink.warning(
                        Position(line, column),
                        f"token {token_id} has no sentence number; it is kept in the sentence"
                        " before",
                    )
            add(_new_token(Token, (token_id, sentence, text, line, column)))
        self._raw_tokens = []

    def _end_markable(self) -> None:
        attrib = self._markable or {}
        self._markable = None
        position = self._markable_position
        markable_id = attrib.get("m_id")
        if not markable_id:
            self.sink.error(position, f"a <{self._markable_tag}> markable needs an m_id")
            return
        self.cat.markables.append(
            Markable(
                id=markable_id,
                tag=self._markable_tag,
                token_ids=tuple(self._anchors),
                position=position,
                descriptor=attrib.get("TAG_DESCRIPTOR"),
                instance_id=attrib.get("instance_id"),
                note=attrib.get("note"),
                attributes=_other_attributes(attrib, _MARKABLE_KEYS) if len(attrib) > 1 else (),
            )
        )

    def _end_relation(self) -> None:
        attrib = self._relation or {}
        self._relation = None
        self.cat.relations.append(
            Relation(
                kind=self._relation_tag,
                id=attrib.get("r_id", ""),
                note=attrib.get("note"),
                sources=tuple(self._ends.get("source", ())),
                targets=tuple(self._ends.get("target", ())),
                position=self._relation_position,
                attributes=_other_attributes(attrib, _RELATION_KEYS) if len(attrib) > 1 else (),
            )
        )

    def close(self) -> None:
        return None


def read_bytes(path: str, sink: DiagnosticSink) -> bytes | None:
    """The file's bytes, or ``None`` (with the reason recorded) when it cannot be read:
    only a regular file is read, without blocking, and at most ``MAX_XML_BYTES``."""
    at = Position(1, 1)
    try:
        return read_capped(path, MAX_XML_BYTES)
    except TooLarge as refused:
        size = f"over {MAX_XML_BYTES}" if refused.size is None else str(refused.size)
        sink.error(at, f"the file is {size} bytes; files above {MAX_XML_BYTES} are not read")
    except NotRegular:
        sink.error(at, "not a regular file")
    except Unreadable as refused:
        sink.error(at, f"cannot read the file: {refused.strerror}")
    return None


def parse_bytes(data: bytes, path: str, sink: DiagnosticSink) -> CatFile | None:
    """Parse CAT XML; on malformed or refused XML record the error and return ``None``."""
    collector = _Collector(CatFile(path), sink)
    try:
        found = _parse(data, collector)
        # After a syntax error too: the tokens before it still report their problems.
        collector.finish_tokens()
        return found
    finally:
        # The parser's handlers and the collector point at each other: part them, so
        # the parser is freed at once (an import runs without the cycle collector).
        expat = collector.expat
        if expat is not None:
            expat.StartElementHandler = expat.EndElementHandler = None
            expat.CharacterDataHandler = None
        collector.expat = None


def _parse(data: bytes, collector: _Collector) -> CatFile | None:
    parser = DefusedXMLParser(target=collector)
    collector.expat = expat = parser.parser
    # The parser's own handlers only rename and repack each event before passing it
    # on; the collector takes expat's events directly. The refusing handlers that
    # defusedxml installed (entity declarations, external entities) stay as they are.
    expat.StartElementHandler = collector.start_raw
    expat.EndElementHandler = collector.end
    expat.CharacterDataHandler = collector._text.append
    read = feed_hardened(parser, data, collector.sink, collector._here)
    return collector.cat if read and not collector.cat.not_cat else None


def feed_hardened(
    parser: DefusedXMLParser, data: bytes, sink: DiagnosticSink, here: Callable[[], Position]
) -> bool:
    """Feed all of ``data`` to a defusedxml parser; on malformed or refused XML record the
    error at its place (``here`` tells where the parser stopped) and return False."""
    try:
        parser.feed(data)
        parser.close()
    except ParseError as error:
        line, column = error.position
        reason = str(error).split(": line", 1)[0]
        sink.error(Position(line, column + 1), f"malformed XML: {reason}")
        return False
    except EntitiesForbidden as error:
        sink.error(
            here(),
            f"XML entity declaration '{error.name}' refused: gloss never expands entities"
            " nor reads external ones",
        )
        return False
    except DTDForbidden:  # pragma: no cover - the parser is built to allow plain DTDs
        sink.error(here(), "XML document type declarations are refused")
        return False
    except DefusedXmlException:
        sink.error(here(), "XML external entity refused: gloss reads nothing outside")
        return False
    return True


def parse_file(path: str, sink: DiagnosticSink) -> CatFile | None:
    """Read and parse one XML file; problems go to ``sink`` with their places."""
    data = read_bytes(path, sink)
    if data is None:
        return None
    return parse_bytes(data, path, sink)
