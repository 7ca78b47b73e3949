"""Reading a brat ``.ann`` file: every line checked, every problem reported at its place."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.text.fitting import short_repr, shorten

_ID_CHARS = r"[A-Za-z0-9_-]+"


@dataclass
class Ref:
    """An id written in a line, and where, to report a dangling reference there."""

    target: str
    position: Position
    role: str = ""


@dataclass
class TextBound:
    """``T1<TAB>Person 0 5;9 14<TAB>John Smith``: raw offsets as brat counts them."""

    id: str
    label: str
    fragments: list[tuple[int, int]]
    text: str
    position: Position


@dataclass
class BratEvent:
    """``E1<TAB>Attack:T2 Attacker:T1 Target:T3``."""

    id: str
    label: str
    trigger: Ref
    arguments: list[Ref]
    position: Position
    end: str = ""
    """What the line ends with after its last field (white space), to write it back."""


@dataclass
class BratRelation:
    """``R1<TAB>Located-in Arg1:T1 Arg2:T2``."""

    id: str
    label: str
    source: Ref
    target: Ref
    position: Position
    end: str = ""
    """What the line ends with after its last field (brat's own files end in a tab)."""


@dataclass
class BratAttribute:
    """``A1<TAB>Negation E1`` (binary) or ``A2<TAB>Confidence E1 High`` (valued); ``M`` too."""

    id: str
    name: str
    target: Ref
    value: str | None


@dataclass
class BratNormalisation:
    """``N1<TAB>Reference T1 Wikipedia:534366<TAB>Barack Obama``."""

    id: str
    target: Ref
    database: str
    key: str
    text: str


@dataclass
class BratNote:
    """``#1<TAB>AnnotatorNotes T1<TAB>free text``."""

    target: Ref
    text: str
    id: str = ""


@dataclass
class BratAnnotations:
    """Everything read from one ``.ann`` file."""

    textbounds: dict[str, TextBound] = field(default_factory=dict)
    events: dict[str, BratEvent] = field(default_factory=dict)
    relations: dict[str, BratRelation] = field(default_factory=dict)
    equivalences: list[tuple[str, list[Ref]]] = field(default_factory=list)
    attributes: list[BratAttribute] = field(default_factory=list)
    normalisations: list[BratNormalisation] = field(default_factory=list)
    notes: list[BratNote] = field(default_factory=list)


_EXPECTED = (
    "expected an annotation line: T (text-bound), E (event), R (relation), "
    "* (equivalence), A or M (attribute), N (normalisation) or # (note), "
    "an id and a tab"
)


NONSPACE = re.compile(r"\S+")


def _overlapping(fragments: list[tuple[int, int]]) -> bool:
    ordered = sorted(fragments)
    return any(later[0] < earlier[1] for earlier, later in itertools.pairwise(ordered))


def _covers_words(raw: str, fragments: list[tuple[int, int]], text: str) -> bool:
    """Whether the fragments hold the words of ``text``, whitespace aside.

    Compared word by word and stopped at the first difference, so the cost is bounded by
    the line, not by how much of the text the fragments cover.
    """
    expected = text.split()
    count = 0
    for start, end in fragments:
        for word in NONSPACE.finditer(raw, start, end):
            if count >= len(expected) or word.group() != expected[count]:
                return False
            count += 1
    return count == len(expected)


def _covered_head(raw: str, fragments: list[tuple[int, int]], limit: int = 41) -> str:
    """The start of what the fragments cover, enough for a short quote in a message."""
    parts: list[str] = []
    size = 0
    for start, end in fragments:
        if size >= limit:
            break
        parts.append(raw[start : min(end, start + limit - size)])
        size += len(parts[-1]) + 1
    return " ".join(parts)


def _trailing(rest: str) -> str:
    """The white space a line ends with (a CR of a CRLF aside)."""
    rest = rest.removesuffix("\r")
    return rest[len(rest.rstrip()) :]


class _Parser:
    def __init__(self, raw_text: str, sink: DiagnosticSink) -> None:
        self.raw = raw_text
        self.sink = sink
        self.result = BratAnnotations()
        self.ids: dict[str, int] = {}

    def error(self, line: int, column: int, message: str) -> None:
        self.sink.error(Position(line, column), message)

    def parse(self, source: str) -> BratAnnotations:
        for number, line in enumerate(source.split("\n"), start=1):
            if line.strip():
                self.line(number, line)
        return self.result

    def line(self, number: int, line: str) -> None:
        head, tab, rest = line.partition("\t")
        if not tab:
            self.error(number, 1, f"{_EXPECTED}; this line has no tab")
            return
        kind = head[:1]
        if kind == "*":
            if head != "*":
                self.error(number, 2, "an equivalence line starts with '*' and a tab")
                return
        elif kind not in ("T", "E", "R", "A", "M", "N", "#") or not re.fullmatch(
            _ID_CHARS, head[1:]
        ):
            self.error(number, 1, f"{_EXPECTED}; got {short_repr(head)}")
            return
        else:
            first = self.ids.setdefault(head, number)
            if first != number:
                self.error(number, 1, f"duplicate id {head} (first on line {first})")
                return
        column = len(head) + 2
        handler = {
            "T": self.textbound,
            "E": self.event,
            "R": self.relation,
            "*": self.equivalence,
            "A": self.attribute,
            "M": self.attribute,
            "N": self.normalisation,
            "#": self.note,
        }[kind]
        handler(number, head, rest, column)

    def _words(self, value: str, column: int) -> list[tuple[str, int]]:
        return [(m.group(), column + m.start()) for m in re.finditer(r"\S+", value)]

    def _ref(self, word: str, line: int, column: int, what: str) -> Ref | None:
        role, colon, target = word.partition(":")
        if not colon or not role or not target:
            self.error(line, column, f"expected ROLE:ID for {what}, got {short_repr(word)}")
            return None
        return Ref(target, Position(line, column + len(role) + 1), role)

    def textbound(self, line: int, ident: str, rest: str, column: int) -> None:
        spec, tab, text = rest.partition("\t")
        if not tab:
            self.error(
                line,
                column,
                "a text-bound line needs three tab-separated fields: ID, "
                "'TYPE START END' and the text it covers",
            )
            return
        label, _, offsets = spec.partition(" ")
        if not label:
            self.error(line, column, "expected a type label before the offsets")
            return
        if not offsets:
            self.error(
                line,
                column,
                f"expected 'TYPE START END' separated by spaces, then a tab and the text; "
                f"got {short_repr(spec)} before the tab (TYPE, START and END are separated by "
                "spaces, not tabs)",
            )
            return
        fragments: list[tuple[int, int]] = []
        offset_column = column + len(label) + 1
        position = offset_column
        ok = True
        for part in offsets.split(";"):
            numbers = part.split(" ")
            if len(numbers) != 2 or not all(n.isascii() and n.isdigit() for n in numbers):
                self.error(
                    line,
                    position,
                    f"expected offsets 'START END' (whole numbers, ';' between fragments), "
                    f"got {short_repr(part)}",
                )
                ok = False
            else:
                start, end = int(numbers[0]), int(numbers[1])
                if start >= end:
                    self.error(line, position, f"start {start} must be before end {end}")
                    ok = False
                elif end > len(self.raw):
                    self.error(
                        line,
                        position,
                        f"end {end} is past the end of the text ({len(self.raw)} characters)",
                    )
                    ok = False
                else:
                    fragments.append((start, end))
            position += len(part) + 1
        if not ok:
            return
        if _overlapping(fragments):
            # Overlaps would let one short line repeat the whole text thousands of times.
            self.error(line, offset_column, f"the fragments {shorten(offsets)} overlap")
            return
        if not _covers_words(self.raw, fragments, text):
            self.error(
                line,
                column + len(spec) + 1,
                f"the text {short_repr(text)} does not match offsets {shorten(offsets)}, "
                "which cover "
                f"{short_repr(_covered_head(self.raw, fragments))} in the text file "
                "(stale offsets, or the wrong .txt?)",
            )
            return
        self.result.textbounds[ident] = TextBound(
            ident, label, fragments, text, Position(line, column)
        )

    def event(self, line: int, ident: str, rest: str, column: int) -> None:
        words = self._words(rest, column)
        if not words:
            self.error(line, column, "expected TYPE:TRIGGER-ID after the event id")
            return
        trigger = self._ref(words[0][0], line, words[0][1], "the event type and trigger")
        arguments = [self._ref(word, line, col, "an event argument") for word, col in words[1:]]
        if trigger is None or None in arguments:
            return
        self.result.events[ident] = BratEvent(
            ident,
            trigger.role,
            trigger,
            [a for a in arguments if a is not None],
            Position(line, column),
            _trailing(rest),
        )

    def relation(self, line: int, ident: str, rest: str, column: int) -> None:
        words = self._words(rest, column)
        if len(words) != 3:
            self.error(line, column, "expected 'TYPE Arg1:ID Arg2:ID' after the relation id")
            return
        source = self._ref(words[1][0], line, words[1][1], "the first relation argument")
        target = self._ref(words[2][0], line, words[2][1], "the second relation argument")
        if source and target:
            self.result.relations[ident] = BratRelation(
                ident, words[0][0], source, target, Position(line, column), _trailing(rest)
            )

    def equivalence(self, line: int, ident: str, rest: str, column: int) -> None:
        words = self._words(rest, column)
        if len(words) < 3:
            self.error(line, column, "expected 'TYPE ID ID …' (at least two ids) after '*'")
            return
        refs = [Ref(word, Position(line, col)) for word, col in words[1:]]
        self.result.equivalences.append((words[0][0], refs))

    def attribute(self, line: int, ident: str, rest: str, column: int) -> None:
        words = self._words(rest, column)
        if len(words) not in (2, 3):
            self.error(
                line,
                column,
                "expected 'NAME TARGET-ID' (binary) or 'NAME TARGET-ID VALUE' after the "
                "attribute id",
            )
            return
        value = words[2][0] if len(words) == 3 else None
        self.result.attributes.append(
            BratAttribute(ident, words[0][0], Ref(words[1][0], Position(line, words[1][1])), value)
        )

    def normalisation(self, line: int, ident: str, rest: str, column: int) -> None:
        spec, _, text = rest.partition("\t")
        words = self._words(spec, column)
        if len(words) != 3 or ":" not in words[2][0].lstrip(":"):
            self.error(
                line, column, "expected 'Reference TARGET-ID DATABASE:ID' after the id, then a tab"
            )
            return
        database, _, key = words[2][0].partition(":")
        self.result.normalisations.append(
            BratNormalisation(
                ident, Ref(words[1][0], Position(line, words[1][1])), database, key, text
            )
        )

    def note(self, line: int, ident: str, rest: str, column: int) -> None:
        spec, _, text = rest.partition("\t")
        words = self._words(spec, column)
        if len(words) != 2:
            self.error(line, column, "expected 'AnnotatorNotes TARGET-ID' after the id, then a tab")
            return
        self.result.notes.append(
            BratNote(Ref(words[1][0], Position(line, words[1][1])), text, ident)
        )


def parse(source: str, raw_text: str, sink: DiagnosticSink) -> BratAnnotations:
    """Parse ``.ann`` source against the raw text it annotates; problems go to ``sink``."""
    return _Parser(raw_text, sink).parse(source)
