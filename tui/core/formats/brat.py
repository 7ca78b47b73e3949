"""brat standoff (``DOC.ann`` + ``DOC.txt``) ↔ gloss.

brat annotates *mentions*; gloss annotates *entities* that have mentions. On import,
text-bound (``T``) annotations are grouped into entities by ``*`` equivalence sets,
by a shared normalisation (``N``) reference and, unless kept apart, by the same type
and text. A discontinuous ``T`` (``0 4;9 14``) becomes one mention per fragment of its
entity. brat counts offsets in the raw ``.txt`` (a BOM and each ``\\r`` of a CRLF
count), gloss after dropping the BOM and turning CRLF into LF: offsets are converted.

Every line is checked; each problem is reported as ``FILE:LINE:COLUMN: error: …``
and all problems of a file are listed at once. See ``docs/interop.md`` for what maps
to what and what is lost.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field

from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Position
from tui.core.document.model import REALIS_VALUES, Attributes, Document, Event, Span, TypeInfo
from tui.core.files.saferead import ReadRefused, is_inside, read_capped, read_head, resolve_named
from tui.core.files.safewrite import PlannedWrite, write_files
from tui.core.formats.common import (
    BRAT_ENTITY_LABELS,
    EntityDraft,
    EventDraft,
    OffsetMap,
    RelationDraft,
    TypeMapper,
    build_document,
    export_label,
    relation_label,
    slugify,
)
from tui.core.formats.grouping import ExportPicks, GroupKey, Parts, same_text_key
from tui.core.loading import yamlsafe
from tui.core.loading.yamlsafe import read_text_file
from tui.core.text.fitting import short_repr, shorten

_ID_CHARS = r"[A-Za-z0-9_-]+"
_ROLE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
SAME_AS_LABELS = frozenset({"same_as", "same-as", "sameas", "coreference", "coref", "equiv"})
"""Relation labels between two events read as gloss ``same_as``."""

# -- parsed lines ----------------------------------------------------------------------


@dataclass
class _Ref:
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
    trigger: _Ref
    arguments: list[_Ref]
    position: Position


@dataclass
class BratRelation:
    """``R1<TAB>Located-in Arg1:T1 Arg2:T2``."""

    id: str
    label: str
    source: _Ref
    target: _Ref
    position: Position


@dataclass
class BratAttribute:
    """``A1<TAB>Negation E1`` (binary) or ``A2<TAB>Confidence E1 High`` (valued); ``M`` too."""

    id: str
    name: str
    target: _Ref
    value: str | None


@dataclass
class BratNormalisation:
    """``N1<TAB>Reference T1 Wikipedia:534366<TAB>Barack Obama``."""

    id: str
    target: _Ref
    database: str
    key: str
    text: str


@dataclass
class BratNote:
    """``#1<TAB>AnnotatorNotes T1<TAB>free text``."""

    target: _Ref
    text: str


@dataclass
class BratAnnotations:
    """Everything read from one ``.ann`` file."""

    textbounds: dict[str, TextBound] = field(default_factory=dict)
    events: dict[str, BratEvent] = field(default_factory=dict)
    relations: dict[str, BratRelation] = field(default_factory=dict)
    equivalences: list[tuple[str, list[_Ref]]] = field(default_factory=list)
    attributes: list[BratAttribute] = field(default_factory=list)
    normalisations: list[BratNormalisation] = field(default_factory=list)
    notes: list[BratNote] = field(default_factory=list)


# -- parsing ---------------------------------------------------------------------------

_EXPECTED = (
    "expected an annotation line: T (text-bound), E (event), R (relation), "
    "* (equivalence), A or M (attribute), N (normalisation) or # (note), "
    "an id and a tab"
)


_NONSPACE = re.compile(r"\S+")


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
        for word in _NONSPACE.finditer(raw, start, end):
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

    def _ref(self, word: str, line: int, column: int, what: str) -> _Ref | None:
        role, colon, target = word.partition(":")
        if not colon or not role or not target:
            self.error(line, column, f"expected ROLE:ID for {what}, got {short_repr(word)}")
            return None
        return _Ref(target, Position(line, column + len(role) + 1), role)

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
                ident, words[0][0], source, target, Position(line, column)
            )

    def equivalence(self, line: int, ident: str, rest: str, column: int) -> None:
        words = self._words(rest, column)
        if len(words) < 3:
            self.error(line, column, "expected 'TYPE ID ID …' (at least two ids) after '*'")
            return
        refs = [_Ref(word, Position(line, col)) for word, col in words[1:]]
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
            BratAttribute(ident, words[0][0], _Ref(words[1][0], Position(line, words[1][1])), value)
        )

    def normalisation(self, line: int, ident: str, rest: str, column: int) -> None:
        spec, _, text = rest.partition("\t")
        words = self._words(spec, column)
        if len(words) != 3 or ":" not in words[2][0].strip(":"):
            self.error(
                line, column, "expected 'Reference TARGET-ID DATABASE:ID' after the id, then a tab"
            )
            return
        database, _, key = words[2][0].partition(":")
        self.result.normalisations.append(
            BratNormalisation(
                ident, _Ref(words[1][0], Position(line, words[1][1])), database, key, text
            )
        )

    def note(self, line: int, ident: str, rest: str, column: int) -> None:
        spec, _, text = rest.partition("\t")
        words = self._words(spec, column)
        if len(words) != 2:
            self.error(line, column, "expected 'AnnotatorNotes TARGET-ID' after the id, then a tab")
            return
        self.result.notes.append(BratNote(_Ref(words[1][0], Position(line, words[1][1])), text))


def parse(source: str, raw_text: str, sink: DiagnosticSink) -> BratAnnotations:
    """Parse ``.ann`` source against the raw text it annotates; problems go to ``sink``."""
    return _Parser(raw_text, sink).parse(source)


# -- brat → gloss ----------------------------------------------------------------------


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b, key=_id_key)] = min(a, b, key=_id_key)


def _id_key(ident: str) -> tuple[int, str]:
    digits = re.sub(r"\D", "", ident)
    return (int(digits) if digits else 0, ident)


@dataclass(frozen=True)
class ImportResult:
    """An imported document (None when there were errors) and every problem found."""

    document: Document | None
    diagnostics: tuple[Diagnostic, ...]
    text_path: str


def _realis_from_attribute(name: str, value: str | None) -> str | None:
    """The realis an event attribute says, if any (the attribute itself is kept too)."""
    folded = name.lower()
    low_value = (value or "").lower()
    if folded in ("speculation", "speculated", "hypothetical", "uncertain") and low_value not in (
        "false",
        "no",
    ):
        return "hypothetical"
    if folded == "realis" and low_value in REALIS_VALUES:
        return low_value
    if folded == "realis" and low_value == "other":
        return "hypothetical"
    return None


def _realis_to_write(event: Event) -> bool:
    """Whether export writes ``A Realis``: a realis other than actual that none of the
    event's attributes (``Speculation`` → hypothetical) already says."""
    said = {
        _realis_from_attribute(name, None if value == "true" else value)
        for name, value in event.attributes
    }
    return event.realis != "actual" and event.realis not in said


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
    text_sink = DiagnosticSink(txt_path)
    raw = _read_raw(txt_path, text_sink)
    for item in text_sink.items:
        sink.error(Position(1, 1), item.message)
    if decoded is None or raw is None:
        return None
    annotations = parse(decoded.text, raw, sink)
    offsets = OffsetMap(raw)
    labels = read_visual_labels(os.path.join(os.path.dirname(ann_path), "visual.conf"), sink)
    return _convert(annotations, offsets, ann_path, txt_path, group_by_text, sink, labels)


def read_visual_labels(path: str, sink: DiagnosticSink) -> dict[str, str]:
    """``TYPE -> label`` from the ``[labels]`` of a brat ``visual.conf`` (none if absent).

    A line reads ``TYPE | Long label | Short``; the long label is taken. Problems are
    warnings at the line in ``visual.conf``: labels are a nicety, the import goes on.
    """
    if not os.path.isfile(path):
        return {}
    if not is_inside(os.path.dirname(os.path.abspath(path)), path):
        sink.warning(Position(1, 1), "visual.conf is a link out of its folder; not read", path=path)
        return {}
    conf_sink = DiagnosticSink(path)
    decoded = read_text_file(path, conf_sink, Position(1, 1), "visual.conf", 1024 * 1024)
    for item in conf_sink.items:
        sink.warning(item.position, item.message, path=path)
    labels: dict[str, str] = {}
    if decoded is None:
        return labels
    section = ""
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip().lower()
            continue
        if section != "labels":
            continue
        parts = [part.strip() for part in stripped.split("|")]
        if len(parts) < 2 or not parts[0] or not parts[1]:
            sink.warning(
                Position(number, 1),
                "expected 'TYPE | Label' (and more short labels) in [labels]; line skipped",
                path=path,
            )
            continue
        labels.setdefault(parts[0], parts[1])
    return labels


def _group_same_text(
    ann: BratAnnotations,
    entity_bounds: list[TextBound],
    groups: _UnionFind,
    parts_of: Mapping[str, Parts],
    spans_of: Callable[[TextBound], list[Span]],
) -> dict[str, str]:
    """Group ``T``s of one type and text (``groups`` already holds ``*`` sets and shared
    normalisations); each entity ``T`` → the id its entity is known by.

    Two groups whose normalisations name different entries of one database stay
    apart: the source tells them apart, as does a relation between them. A group whose
    ``T`` an event argument or a relation end names, where export would name another
    ``T`` of the grouped entity, is kept apart too, so that a round trip gives every
    argument its own ``T`` back.
    """
    links: dict[str, dict[str, str]] = {}
    for norm in ann.normalisations:
        if norm.target.target in groups.parent:
            links.setdefault(groups.find(norm.target.target), {}).setdefault(
                norm.database, norm.key
            )
    source_group = {bound.id: groups.find(bound.id) for bound in entity_bounds}
    merged = _UnionFind()
    merged_links: dict[str, dict[str, str]] = {}
    by_text: dict[GroupKey, str] = {}
    for bound in entity_bounds:
        if not parts_of[bound.id]:
            continue  # white space only: skipped with a warning later
        group = source_group[bound.id]
        first = merged.find(by_text.setdefault(same_text_key(bound.label, bound.text), group))
        mine = merged.find(group)
        theirs, own = (
            merged_links.get(first, links.get(first, {})),
            merged_links.get(mine, links.get(mine, {})),
        )
        if first == mine or any(theirs.get(db, key) != key for db, key in own.items()):
            continue
        merged.union(first, mine)
        merged_links[merged.find(first)] = {**own, **theirs}
    entity_of = {ident: merged.find(group) for ident, group in source_group.items()}

    picks: dict[str, ExportPicks] = {}
    members: dict[str, list[tuple[Parts, Hashable]]] = {}
    for ident, entity in entity_of.items():
        if parts_of[ident]:
            members.setdefault(entity, []).append((parts_of[ident], ident))

    def picks_for(entity: str) -> ExportPicks:
        if entity not in picks:
            picks[entity] = ExportPicks(members[entity])
        return picks[entity]

    apart: set[str] = set()

    def check(named: str, picked: Hashable) -> None:
        if isinstance(picked, str) and parts_of[picked] != parts_of[named]:
            apart.add(source_group[named])

    for event in ann.events.values():
        trigger = ann.textbounds.get(event.trigger.target)
        spans = spans_of(trigger) if trigger is not None else []
        for argument in event.arguments:
            named = argument.target
            if spans and named in entity_of and parts_of[named]:
                check(named, picks_for(entity_of[named]).nearest(spans[0].start))
    for relation in ann.relations.values():
        ends = (relation.source.target, relation.target.target)
        for end in ends:
            if end in entity_of and parts_of[end]:
                check(end, picks_for(entity_of[end]).first())
        source, target = ends
        if (
            source in entity_of
            and target in entity_of
            and entity_of[source] == entity_of[target]
            and source_group[source] != source_group[target]
        ):
            apart.add(source_group[target])  # a relation links two different entities
    # Each entity is known by the first of its source groups (a T id, for messages).
    known_as: dict[str, str] = {}
    return {
        ident: group if group in apart else known_as.setdefault(entity_of[ident], group)
        for ident, group in source_group.items()
    }


def _convert(
    ann: BratAnnotations,
    offsets: OffsetMap,
    ann_path: str,
    txt_path: str,
    group_by_text: bool,
    sink: DiagnosticSink,
    visual_labels: Mapping[str, str] | None = None,
) -> Document | None:
    text = offsets.text
    types = TypeMapper(builtin_labels=BRAT_ENTITY_LABELS)
    triggers = {event.trigger.target for event in ann.events.values()}
    kinds = {
        **dict.fromkeys(ann.textbounds, "T"),
        **dict.fromkeys(ann.events, "E"),
        **dict.fromkeys(ann.relations, "R"),
    }

    def check(ref: _Ref, allowed: str, what: str) -> str | None:
        kind = kinds.get(ref.target)
        if kind is None:
            sink.error(ref.position, f"{what} {ref.target!r} is not defined in this file")
            return None
        if kind not in allowed:
            names = {"T": "a text-bound annotation", "E": "an event", "R": "a relation"}
            sink.error(
                ref.position,
                f"{what} {ref.target} is {names[kind]}; expected "
                + " or ".join(names[k] for k in allowed),
            )
            return None
        return kind

    def spans_of(bound: TextBound) -> list[Span]:
        result = []
        for start, end in bound.fragments:
            span = Span(offsets.to_gloss(start), offsets.to_gloss(end))
            if span.start < span.end and _NONSPACE.search(text, span.start, span.end):
                result.append(span)
        return result

    # Entities: group the text-bound annotations that are not triggers.
    groups = _UnionFind()
    entity_bounds = [t for t in ann.textbounds.values() if t.id not in triggers]
    for bound in entity_bounds:
        groups.find(bound.id)
    for _label, refs in ann.equivalences:
        valid = [ref for ref in refs if check(ref, "TE", "equivalence member")]
        entity_members = [ref.target for ref in valid if ref.target in groups.parent]
        for other in entity_members[1:]:
            groups.union(entity_members[0], other)
    by_reference: dict[tuple[str, str], str] = {}
    for norm in ann.normalisations:
        if check(norm.target, "TE", "normalisation target") and norm.target.target in groups.parent:
            first = by_reference.setdefault((norm.database, norm.key), norm.target.target)
            groups.union(first, norm.target.target)
    parts_of = {bound.id: tuple(spans_of(bound)) for bound in entity_bounds}
    if group_by_text:
        entity_key = _group_same_text(ann, entity_bounds, groups, parts_of, spans_of)
    else:
        entity_key = {bound.id: groups.find(bound.id) for bound in entity_bounds}

    members: dict[str, list[TextBound]] = {}
    for bound in entity_bounds:
        members.setdefault(entity_key[bound.id], []).append(bound)
    drafts: list[EntityDraft] = []
    entity_of: dict[str, int] = {}
    fragments_of: dict[str, tuple[Span, ...]] = {}
    for root, bounds in members.items():
        bounds.sort(key=lambda b: (b.fragments[0], _id_key(b.id)))
        labels = sorted({b.label for b in bounds})
        if len(labels) > 1:
            sink.warning(
                ann.textbounds[root].position,
                f"{root} and the annotations grouped with it have different types "
                f"({', '.join(labels)}); the entity takes {bounds[0].label}",
            )
        fragments = {bound.id: parts_of[bound.id] for bound in bounds}
        spans = [parts[0] for parts in fragments.values() if len(parts) == 1]
        pieces = [parts for parts in fragments.values() if len(parts) > 1]
        if not spans and not pieces:
            sink.warning(
                bounds[0].position, f"{bounds[0].id} covers only white space; it is skipped"
            )
            continue
        for bound in bounds:
            entity_of[bound.id] = len(drafts)
            fragments_of[bound.id] = fragments[bound.id]
        drafts.append(
            EntityDraft(
                types.entity(bounds[0].label),
                spans,
                texts=[b.text for b in bounds],
                pieces=pieces,
            )
        )

    # Events.
    events: list[EventDraft] = []
    event_of: dict[str, int] = {}
    for event in ann.events.values():
        kind = check(event.trigger, "T", "trigger")
        if kind is None:
            continue
        bound = ann.textbounds[event.trigger.target]
        spans = spans_of(bound)
        if not spans:
            sink.error(event.trigger.position, f"trigger {bound.id} covers only white space")
            continue
        if len(bound.fragments) > 1:
            sink.warning(
                event.trigger.position,
                f"trigger {bound.id} is discontinuous; gloss takes the words from its first "
                "to its last fragment",
            )
        trigger = Span(spans[0].start, spans[-1].end)
        code = types.event(event.label)
        words = " ".join(text[trigger.start : trigger.end].split())
        event_of[event.id] = len(events)
        events.append(EventDraft(code, trigger, f"{types.event_label(code)}: {words}"))
    for event in ann.events.values():
        if event.id not in event_of:
            continue
        draft = events[event_of[event.id]]
        plain_roles = {argument.role for argument in event.arguments}
        for argument in event.arguments:
            kind = check(argument, "TE", "argument")
            # brat numbers a repeated role (Theme, Theme2): a repeat is the role again,
            # and export numbers it the same way. A number without a plain role beside it
            # (Site2 alone) is part of the name and is kept.
            role = argument.role
            base = re.sub(r"(?<=[A-Za-z])([2-9]|[1-9][0-9]+)$", "", role)
            if base != role and base in plain_roles:
                role = base
            if not _ROLE.fullmatch(role):
                role = re.sub(r"[^A-Za-z0-9_-]", "-", role).strip("-") or "Argument"
                if not role[0].isalpha():
                    role = "Arg-" + role
            if kind == "T" and argument.target in entity_of:
                draft.arguments.append((role, entity_of[argument.target]))
            elif kind == "E" and argument.target in event_of:
                draft.event_arguments.append((role, event_of[argument.target]))
            elif kind == "T":
                draft.note.append(
                    f"argument {role}: trigger {argument.target} "
                    f"{ann.textbounds[argument.target].text!r}"
                )

    # Equivalent events are one happening.
    for _label, refs in ann.equivalences:
        event_ids = [ref.target for ref in refs if ref.target in event_of]
        ordered = sorted(event_ids, key=lambda e: events[event_of[e]].trigger)
        for other in ordered[1:]:
            events[event_of[other]].same_as = event_of[ordered[0]]

    # Relations.
    relations: list[RelationDraft] = []
    relation_of: dict[str, int] = {}
    for relation in ann.relations.values():
        source_kind = check(relation.source, "TE", "relation argument")
        target_kind = check(relation.target, "TE", "relation argument")
        if source_kind is None or target_kind is None:
            continue
        source, target = relation.source.target, relation.target.target
        if (
            source in event_of
            and target in event_of
            and relation.label.lower() in SAME_AS_LABELS
            and events[event_of[source]].same_as is None
            and events[event_of[target]].same_as != event_of[source]
        ):
            # One happening for the reader. gloss writes same_as itself as "same_as";
            # under another label (Coreference) the relation is kept too, to be
            # written back under its own label.
            events[event_of[source]].same_as = event_of[target]
            if relation.label == "same_as":
                continue
        ends: list[tuple[int, bool] | None] = []  # (draft index, is an event)
        for end in (source, target):
            if end in event_of:
                ends.append((event_of[end], True))
            elif end in entity_of:
                ends.append((entity_of[end], False))
            else:
                ends.append(None)
        source_end, target_end = ends
        if source_end is None or target_end is None:
            if sink.has_errors:
                continue  # the end was refused with an error already
            sink.warning(
                relation.position,
                f"relation {relation.id} links {source} and {target}, which are not both "
                "entities or events gloss keeps; it is skipped",
            )
            continue
        if source_end == target_end:
            sink.warning(
                relation.position,
                f"relation {relation.id} links two mentions of one entity; gloss relations "
                "link two different entities, so it is skipped",
            )
            continue
        relation_of[relation.id] = len(relations)
        relations.append(
            RelationDraft(
                types.relation(relation.label),
                source_end[0],
                target_end[0],
                source_event=source_end[1],
                target_event=target_end[1],
            )
        )

    # Attributes, normalisations and notes.
    def events_at(target: str) -> list[int]:
        """The events an annotation on ``target`` belongs to: the event, or every event
        the trigger ``target`` evokes."""
        if target in event_of:
            return [event_of[target]]
        return [
            event_of[e.id]
            for e in ann.events.values()
            if e.trigger.target == target and e.id in event_of
        ]

    for attribute in ann.attributes:
        if check(attribute.target, "TER", "attribute target") is None:
            continue
        target = attribute.target.target
        pair = (attribute.name, attribute.value if attribute.value is not None else "true")
        if target in entity_of:
            owner = drafts[entity_of[target]]
            owner.mention_attributes.setdefault(fragments_of[target], []).append(pair)
        elif target in relation_of:
            relations[relation_of[target]].attributes.append(pair)
        elif events_at(target):
            realis = _realis_from_attribute(attribute.name, attribute.value)
            for index in events_at(target):
                events[index].attributes.append(pair)
                if realis:
                    events[index].realis = realis
        else:
            sink.warning(
                attribute.target.position,
                f"attribute {attribute.id} is on {target}, which gloss does not keep; skipped",
            )
    for norm in ann.normalisations:
        if check(norm.target, "TER", "normalisation target") is None:
            continue
        target = norm.target.target
        if target in entity_of:
            linked = drafts[entity_of[target]]
            existing = dict(linked.links)
            if norm.database in existing and existing[norm.database] != norm.key:
                sink.warning(
                    norm.target.position,
                    f"{norm.target.target} already links {norm.database}:"
                    f"{existing[norm.database]}; {norm.id} ({norm.database}:{norm.key}) is kept "
                    "in the description",
                )
                linked.description.append(f"{norm.database}:{norm.key}")
            else:
                linked.links.append((norm.database, norm.key))
                if norm.text.strip() and linked.name is None:
                    linked.name = " ".join(norm.text.split())
        elif events_at(target):
            for index in events_at(target):
                if norm.database in dict(events[index].links):
                    events[index].note.append(f"{norm.database}:{norm.key} {norm.text}")
                else:
                    events[index].links.append((norm.database, norm.key))
        else:
            sink.warning(
                norm.target.position,
                f"normalisation {norm.id} is on relation {target}; gloss keeps links on "
                "entities and events only, so it is skipped",
            )
    for brat_note in ann.notes:
        if check(brat_note.target, "TER", "note target") is None:
            continue
        target = brat_note.target.target
        if target in entity_of:
            drafts[entity_of[target]].description.append(brat_note.text)
        elif target in relation_of:
            relations[relation_of[target]].note.append(brat_note.text)
        elif events_at(target):
            for index in events_at(target):
                events[index].note.append(brat_note.text)
        else:
            sink.warning(
                brat_note.target.position,
                f"note on {target}, which gloss does not keep; skipped",
            )

    if sink.has_errors:
        return None
    types.relabel(visual_labels or {})
    stem = os.path.splitext(os.path.basename(ann_path))[0]
    return build_document(
        doc_id=slugify(stem, limit=100) or "document",
        text=text,
        text_path=txt_path,
        title=None,
        entities=drafts,
        events=events,
        relations=relations,
        types=types,
    )


# -- gloss → brat ----------------------------------------------------------------------


def _one_line(value: str) -> str:
    return " ".join(value.split())


def export_brat(document: Document, *, raw_text: str | None = None) -> str:
    """The ``.ann`` text for a document.

    Offsets count the characters of ``raw_text`` when given (the stored article,
    perhaps with CRLF line ends), else of ``document.text``, which is then the
    ``.txt`` to write beside it. Type and relation names imported from brat are
    written back as they were (the types' ``source``).
    """
    text = document.text
    mapping = OffsetMap(raw_text) if raw_text is not None else None

    def raw(offset: int) -> int:
        return mapping.to_raw(offset) if mapping else offset

    # Text-bound annotations for mentions and triggers, numbered in text order.
    items: list[tuple[tuple[Span, ...], int, str, str]] = []
    for entity in document.entities:
        label = export_label(
            entity.type,
            document.entity_types.get(entity.type),
            event=False,
            builtin=BRAT_ENTITY_LABELS.get(entity.type),
        )
        for mention in entity.mentions:
            items.append((mention.fragments, 0, label, f"m:{entity.id}:{mention.index}"))
    for event in document.events:
        label = export_label(
            event.type, document.event_types.get(event.type), event=True, builtin=None
        )
        items.append(((event.trigger,), 1, label, f"t:{event.id}"))
    items.sort(key=lambda item: (item[0][0].start, -item[0][-1].end, item[1], item[3]))
    t_id: dict[str, str] = {}
    lines: list[str] = []
    for number, (fragments, _, label, key) in enumerate(items, start=1):
        t_id[key] = f"T{number}"
        offsets = ";".join(f"{raw(part.start)} {raw(part.end)}" for part in fragments)
        covered = " ".join(_one_line(text[part.start : part.end]) for part in fragments)
        lines.append(f"T{number}\t{label} {offsets}\t{covered}")
    counters = {"E": 0, "R": 0, "A": 0, "N": 0, "#": 0}

    def next_id(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    def attribute_lines(attributes: Attributes, target: str) -> None:
        for name, value in attributes:
            if re.fullmatch(r"\S+", name) and re.fullmatch(r"\S+", value):
                shown = "" if value == "true" else f" {value}"
                lines.append(f"{next_id('A')}\t{name} {target}{shown}")

    for entity in document.entities:
        first = t_id[f"m:{entity.id}:0"]
        if len(entity.mentions) > 1:
            ids = " ".join(t_id[f"m:{entity.id}:{m.index}"] for m in entity.mentions)
            lines.append(f"*\tEquiv {ids}")
        for key, value in entity.links:
            if re.fullmatch(r"[^\s:]+", key) and re.fullmatch(r"\S+", value):
                lines.append(
                    f"{next_id('N')}\tReference {first} {key}:{value}\t{_one_line(entity.name)}"
                )
        if entity.description:
            lines.append(f"{next_id('#')}\tAnnotatorNotes {first}\t{_one_line(entity.description)}")
        attribute_lines(entity.attributes, first)
        for mention in entity.mentions:
            attribute_lines(mention.attributes, t_id[f"m:{entity.id}:{mention.index}"])
    e_id = {event.id: f"E{index}" for index, event in enumerate(document.events, start=1)}
    for event in document.events:
        label = export_label(
            event.type, document.event_types.get(event.type), event=True, builtin=None
        )
        parts = [f"{label}:{t_id[f't:{event.id}']}"]
        seen_roles: dict[str, int] = {}
        for argument in event.arguments:
            count = seen_roles[argument.role] = seen_roles.get(argument.role, 0) + 1
            role = argument.role if count == 1 else f"{argument.role}{count}"
            entity = document.entity_by_id[argument.entity_id]
            nearest = min(
                entity.mentions,
                key=lambda m: (abs(m.span.start - event.trigger.start), m.index),
            )
            parts.append(f"{role}:{t_id[f'm:{entity.id}:{nearest.index}']}")
        for event_argument in event.event_arguments:
            parts.append(f"{event_argument.role}:{e_id[event_argument.event_id]}")
        lines.append(f"{e_id[event.id]}\t{' '.join(parts)}")
    for event in document.events:
        # Realis that came from a brat attribute (Speculation…) is written as that attribute.
        if _realis_to_write(event):
            lines.append(f"{next_id('A')}\tRealis {e_id[event.id]} {event.realis}")
        attribute_lines(event.attributes, e_id[event.id])
        for key, value in event.links:
            if re.fullmatch(r"[^\s:]+", key) and re.fullmatch(r"\S+", value):
                lines.append(
                    f"{next_id('N')}\tReference {e_id[event.id]} {key}:{value}\t"
                    f"{_one_line(event.summary)}"
                )
        if event.note:
            lines.append(
                f"{next_id('#')}\tAnnotatorNotes {e_id[event.id]}\t{_one_line(event.note)}"
            )

    def end_id(end_id_: str, is_event: bool, evidence: Span | None) -> str:
        if is_event:
            return e_id[end_id_]
        entity = document.entity_by_id[end_id_]
        chosen = entity.mentions[0]
        if evidence is not None:
            inside = [m for m in entity.mentions if evidence.contains(m.span)]
            chosen = inside[0] if inside else chosen
        return t_id[f"m:{entity.id}:{chosen.index}"]

    event_pairs = {
        frozenset((r.from_id, r.to_id))
        for r in document.relations
        if r.from_event and r.to_event and r.type.lower().replace("-", "_") in SAME_AS_LABELS
    }
    for event in document.events:
        if (
            event.same_as
            and event.same_as in e_id
            and frozenset((event.id, event.same_as)) not in event_pairs
        ):
            lines.append(
                f"{next_id('R')}\tsame_as Arg1:{e_id[event.id]} Arg2:{e_id[event.same_as]}"
            )
    for relation in document.relations:
        source = end_id(relation.from_id, relation.from_event, relation.evidence)
        target = end_id(relation.to_id, relation.to_event, relation.evidence)
        label = relation_label(document, relation.type)
        r_id = next_id("R")
        lines.append(f"{r_id}\t{label} Arg1:{source} Arg2:{target}")
        if relation.note:
            lines.append(f"{next_id('#')}\tAnnotatorNotes {r_id}\t{_one_line(relation.note)}")
        attribute_lines(relation.attributes, r_id)
    return "\n".join(lines) + ("\n" if lines else "")


CONF_MARK = "# Written by gloss export --format brat; gloss rewrites this file."
"""The first line of the configuration files gloss writes (and may overwrite)."""


def _conf_label(label: str) -> str:
    return _one_line(label).replace("|", "/")


def _labels(document: Document) -> tuple[dict[str, str], dict[str, str]]:
    """The brat label of every entity and event type in use, as ``export_brat`` writes it."""
    entity = {
        e.type: export_label(
            e.type,
            document.entity_types.get(e.type),
            event=False,
            builtin=BRAT_ENTITY_LABELS.get(e.type),
        )
        for e in document.entities
    }
    event = {
        e.type: export_label(e.type, document.event_types.get(e.type), event=True, builtin=None)
        for e in document.events
    }
    return entity, event


def export_brat_conf(document: Document) -> tuple[str, str]:
    """``annotation.conf`` and ``visual.conf`` for the types a document uses.

    annotation.conf declares the entity types, the event types with the roles seen
    (``Role?``, or ``Role*`` when an event repeats it) and the entity types that fill
    them, the relation types seen and the Realis attribute; visual.conf gives each
    brat type its gloss label, so that an import gets declared labels back.
    """
    entity_label, event_label = _labels(document)
    by_id = document.entity_by_id

    def kinds(values: set[str]) -> str:
        return "|".join(sorted(values))

    roles: dict[str, dict[str, tuple[int, set[str]]]] = {}
    for event in document.events:
        seen = roles.setdefault(event_label[event.type], {})
        counts: dict[str, int] = {}
        fills = [
            (argument.role, entity_label[by_id[argument.entity_id].type])
            for argument in event.arguments
        ] + [(argument.role, "<EVENT>") for argument in event.event_arguments]
        for role, _ in fills:
            counts[role] = counts.get(role, 0) + 1
        for role, filler in fills:
            most, fillers = seen.get(role, (0, set()))
            fillers.add(filler)
            seen[role] = (max(most, counts[role]), fillers)
    event_lines = []
    for label in sorted(roles):
        parts = [
            f"{role}{'*' if most > 1 else '?'}:{kinds(fillers)}"
            for role, (most, fillers) in roles[label].items()
        ]
        event_lines.append(f"{label}\t{', '.join(parts)}" if parts else label)
    ends: dict[str, tuple[set[str], set[str]]] = {}

    def end_label(end_id: str, is_event: bool) -> str:
        return "<EVENT>" if is_event else entity_label[by_id[end_id].type]

    for relation in document.relations:
        first, second = ends.setdefault(relation_label(document, relation.type), (set(), set()))
        first.add(end_label(relation.from_id, relation.from_event))
        second.add(end_label(relation.to_id, relation.to_event))
    relation_lines = [
        f"{kind}\tArg1:{kinds(first)}, Arg2:{kinds(second)}"
        for kind, (first, second) in sorted(ends.items())
    ]
    if any(event.same_as for event in document.events):
        relation_lines.append("same_as\tArg1:<EVENT>, Arg2:<EVENT>")
    realis = sorted({e.realis for e in document.events if _realis_to_write(e)})
    # Attribute names with what they are on and the values seen (binary ones: none).
    attributes: dict[str, tuple[set[str], set[str]]] = {}

    def note_attributes(values: Attributes, on: str) -> None:
        for name, value in values:
            targets, seen_values = attributes.setdefault(name, (set(), set()))
            targets.add(on)
            if value != "true":
                seen_values.add(value)

    for entity in document.entities:
        note_attributes(entity.attributes, "<ENTITY>")
        for mention in entity.mentions:
            note_attributes(mention.attributes, "<ENTITY>")
    for event in document.events:
        note_attributes(event.attributes, "<EVENT>")
    for relation in document.relations:
        note_attributes(relation.attributes, "<RELATION>")
    attribute_lines = [
        f"{name}\tArg:{kinds(targets)}" + (f", Value:{kinds(values)}" if values else "")
        for name, (targets, values) in sorted(attributes.items())
        if re.fullmatch(r"\S+", name)
    ]
    annotation = [
        CONF_MARK,
        "[entities]",
        *sorted(set(entity_label.values())),
        "[relations]",
        *relation_lines,
        "[events]",
        *event_lines,
        "[attributes]",
        *([f"Realis\tArg:<EVENT>, Value:{'|'.join(realis)}"] if realis else []),
        *attribute_lines,
    ]
    labels: dict[str, str] = {}
    for codes, table in (
        (entity_label, document.entity_types),
        (event_label, document.event_types),
    ):
        for code, brat in codes.items():
            info: TypeInfo | None = table.get(code)
            labels.setdefault(brat, _conf_label(info.label if info else code))
    visual = [
        CONF_MARK,
        "[labels]",
        *(f"{brat} | {label}" for brat, label in sorted(labels.items())),
        "[drawing]",
    ]
    return "\n".join(annotation) + "\n", "\n".join(visual) + "\n"


def write_brat_conf(
    document: Document, directory: str, *, force: bool = False
) -> tuple[list[str], list[str]]:
    """Write ``annotation.conf`` and ``visual.conf`` into ``directory``.

    A file there that gloss did not write (a brat project's own) is kept as it is.
    Returns the paths written and the paths kept; raises ``WriteRefused``.
    """
    planned, kept = plan_brat_conf(document, directory)
    written = write_files(planned, force=force)
    return written, kept


def plan_brat_conf(document: Document, directory: str) -> tuple[list[PlannedWrite], list[str]]:
    """The ``annotation.conf`` and ``visual.conf`` to write, and those to keep as they are.

    A regular file whose first line is not gloss's mark is a brat project's own: kept.
    A link or anything else at the name is planned, so the writer refuses it by name.
    """
    planned: list[PlannedWrite] = []
    kept: list[str] = []
    for name, content in zip(
        ("annotation.conf", "visual.conf"), export_brat_conf(document), strict=True
    ):
        path = os.path.join(directory, name)
        first_line = _first_line_of_regular_file(path)
        if first_line is not None and first_line != CONF_MARK:
            kept.append(path)
            continue
        planned.append(PlannedWrite(path, content.encode("utf-8")))
    return planned, kept


def _first_line_of_regular_file(path: str) -> str | None:
    """The first line of the regular file at ``path`` (no link followed), else None."""
    head = read_head(path, 4096, follow_links=False)
    if head is None:
        return None
    return head.decode("utf-8", errors="replace").split("\n", 1)[0].rstrip("\r")


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
