"""Loading an annotation file: YAML nodes in, a resolved :class:`Document` or diagnostics out.

Every check reports to a :class:`DiagnosticSink` and carries on, so one run lists
all the problems of a file. Each problem points at the YAML node at fault: for a
mention, the mention's own line.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from tui.core.document.dates import DateError, DateValue, parse_date
from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Position, Severity
from tui.core.document.model import (
    DEFAULT_ENTITY_TYPES,
    DEFAULT_EVENT_TYPES,
    REALIS_VALUES,
    Argument,
    Attributes,
    Document,
    DocumentInfo,
    Entity,
    Event,
    EventArgument,
    EventDate,
    Mention,
    Relation,
    Span,
    TypeInfo,
)
from tui.core.document.warning_codes import apply_codes
from tui.core.files.saferead import ReadRefused, is_inside, read_capped_text, resolve_named
from tui.core.loading import yamlsafe
from tui.core.loading.sources import SourceMap
from tui.core.loading.yamlsafe import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    compose,
    position_of,
    read_text_file,
)
from tui.core.text.anchoring import (
    Selector,
    SelectorError,
    TextIndex,
    is_grapheme_boundary,
    resolve,
)
from tui.core.text.fitting import short_repr, shorten
from tui.core.text.sentences import sentence_around
from tui.core.text.suggest import did_you_mean, did_you_mean_type, family_members
from tui.core.text.textsafety import find_hazards

FORMAT_VERSION = 1
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
_ENTITY_TYPE = re.compile(r"[A-Z][A-Z0-9_-]{0,31}")
_EVENT_TYPE = re.compile(r"[A-Z][A-Za-z0-9-]*\.[A-Z][A-Za-z0-9-]*")
_ROLE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_RELATION_TYPE = re.compile(r"[a-z][a-z0-9_-]{0,63}")
_PLAIN_INT = re.compile(r"0|[1-9][0-9]{0,11}")
_NULL_VALUES = frozenset({"", "~", "null", "Null", "NULL"})
_SINGULAR = {"entities": "entity", "events": "event", "relations": "relation"}


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What loading gives: a document when there were no errors, and every problem found."""

    path: str
    document: Document | None
    diagnostics: tuple[Diagnostic, ...]
    source: SourceMap = field(default_factory=SourceMap)
    """Where each annotation was written in the YAML file."""

    @property
    def ok(self) -> bool:
        """Whether the file loaded (it may still have warnings)."""
        return self.document is not None


def _unknown_key_message(
    key: ScalarNode,
    value: Node,
    what: str,
    allowed: tuple[str, ...],
    previous: tuple[Node, Node] | None,
) -> str:
    """Why a key is unknown, with the likely slip: a misspelling, or a comma inside
    ``{...}`` that cut a plain value in two (``{text: May 18, 2022}``)."""
    message = f"unknown key '{key.value}' in {what} (expected {', '.join(allowed)})"
    prior_key, prior_value = previous if previous is not None else (None, None)
    if (
        _is_null(value)
        and not key.style
        and isinstance(prior_key, ScalarNode)
        and isinstance(prior_value, ScalarNode)
        and not prior_value.style
        and prior_value.start_mark.line == key.start_mark.line
    ):
        whole = f"{prior_value.value}, {key.value}"
        return (
            f"{message}; inside {{...}} a comma separates entries, so '{prior_value.value}' "
            f"and '{key.value}' were read as two: if '{whole}' is one value, quote it: "
            f'{prior_key.value}: "{whole}"'
        )
    return message + did_you_mean(key.value, allowed)


def _is_null(node: Node) -> bool:
    return (
        isinstance(node, ScalarNode)
        and not node.style
        and node.tag.endswith(":null")
        and node.value in _NULL_VALUES
    )


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if _is_null(node):
        return "nothing (null)"
    return short_repr(str(node.value))


class _Checker:
    """Reads typed values out of YAML nodes, reporting what does not fit."""

    def __init__(self, sink: DiagnosticSink) -> None:
        self.sink = sink

    def error(self, node: Node | Position, message: str) -> None:
        self.sink.error(node if isinstance(node, Position) else position_of(node), message)

    def warning(self, node: Node | Position, message: str) -> None:
        self.sink.warning(node if isinstance(node, Position) else position_of(node), message)

    def mapping(
        self,
        node: Node,
        what: str,
        required: tuple[str, ...],
        optional: tuple[str, ...],
    ) -> dict[str, Node] | None:
        """The keys of a mapping node, after checking required and unknown keys."""
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a mapping, not {_describe(node)}")
            return None
        fields: dict[str, Node] = {}
        allowed = required + optional
        previous: tuple[Node, Node] | None = None
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                self.error(key, f"keys in {what} must be plain words")
                continue
            if key.value not in allowed:
                self.error(key, _unknown_key_message(key, value, what, allowed, previous))
                continue
            fields.setdefault(key.value, value)
            previous = (key, value)
        for name in required:
            if name not in fields or _is_null(fields[name]):
                self.error(node, f"{what} needs '{name}'")
        return fields

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list, not {_describe(node)}")
            return None
        return list(node.value)

    def text(self, node: Node | None, what: str, *, allow_empty: bool = False) -> str | None:
        """A string value; scalars keep their exact written form (``no`` stays ``no``)."""
        if node is None or (_is_null(node)):
            return None
        if not isinstance(node, ScalarNode):
            self.error(node, f"{what} must be text, not {_describe(node)}")
            return None
        value = str(node.value)
        if not allow_empty and not value.strip():
            self.error(node, f"{what} is empty")
            return None
        for hazard in find_hazards(value)[:3]:
            self.warning(
                node,
                f"{what} contains {hazard.name} at character {hazard.offset + 1}; "
                "it is shown as a placeholder",
            )
        return value

    def identifier(
        self, node: Node | None, what: str, pattern: re.Pattern[str], hint: str
    ) -> str | None:
        value = self.text(node, what)
        if value is None or node is None:
            return None
        if not pattern.fullmatch(value):
            self.error(node, f"{what} {value!r} is not valid: {hint}")
            return None
        return value

    def integer(self, node: Node | None, what: str) -> int | None:
        """A non-negative whole number written plainly (no quotes, signs, zeros in front)."""
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or _is_null(node):
            self.error(node, f"{what} must be a whole number, not {_describe(node)}")
            return None
        value = str(node.value)
        if node.style:
            self.error(node, f"{what} must be a number, not the quoted text {value!r}")
            return None
        if value.startswith("-") and value[1:].isdigit():
            self.error(node, f"{what} must not be negative ({value})")
            return None
        if re.fullmatch(r"0[0-9]+", value):
            self.error(
                node,
                f"{what} {value} has a leading zero (YAML 1.1 reads it as an octal number); "
                f"write {int(value)}",
            )
            return None
        if value.isdigit() and len(value) > 12:
            self.error(node, f"{what} has {len(value)} digits; that is not a plausible offset")
            return None
        if not _PLAIN_INT.fullmatch(value):
            self.error(node, f"{what} must be a whole number, not {_describe(node)}")
            return None
        return int(value)

    def boolean(self, node: Node | None, what: str) -> bool | None:
        if node is None:
            return None
        if isinstance(node, ScalarNode) and not node.style and node.value in ("true", "false"):
            return bool(node.value == "true")
        self.error(node, f"{what} must be true or false, not {_describe(node)}")
        return None


@dataclass
class _State:
    """Everything gathered while loading one file."""

    checker: _Checker
    index: TextIndex
    text_path: str
    entity_types: dict[str, TypeInfo] = field(default_factory=dict)
    event_types: dict[str, TypeInfo] = field(default_factory=dict)
    relation_types: dict[str, TypeInfo] = field(default_factory=dict)
    declared_at: dict[tuple[str, str], Node] = field(default_factory=dict)
    used_types: set[tuple[str, str]] = field(default_factory=set)
    mention_nodes: dict[str, dict[tuple[Span, ...], Node]] = field(default_factory=dict)
    """For each entity, the YAML node behind each of its spans (to point warnings at)."""
    written_entity_ids: set[str] = field(default_factory=set)
    """Every entity id written in the file, including entities that failed: a reference
    to one of those is not reported again (the entity's own error is the first cause)."""
    source: SourceMap = field(default_factory=SourceMap)


def load(path: str, *, allow_outside: bool = False) -> LoadResult:
    """Load and check an annotation file; never raises for anything in the file.

    The article text must resolve to a regular file inside the annotation file's folder
    tree (see :mod:`tui.core.files.saferead`) unless ``allow_outside``.
    """
    display_path = path
    sink = DiagnosticSink(display_path)
    source = SourceMap()
    document = _load(path, sink, source, allow_outside=allow_outside)
    diagnostics = sink.sorted()
    if any(d.severity is Severity.WARNING for d in diagnostics):
        diagnostics = apply_codes(diagnostics, display_path, _source_text(path))
    if sink.has_errors:
        document = None
    return LoadResult(display_path, document, diagnostics, source)


def _source_text(path: str) -> str | None:
    """The annotation file again, to find ``accept`` lists (only read when there are
    warnings; a file that cannot be read again just accepts nothing)."""
    try:
        return read_capped_text(path, yamlsafe.MAX_YAML_BYTES, errors="replace")
    except ReadRefused:
        return None


def _load(
    path: str,
    sink: DiagnosticSink,
    source: SourceMap | None = None,
    *,
    allow_outside: bool = False,
) -> Document | None:
    checker = _Checker(sink)
    decoded = read_text_file(path, sink, Position(1, 1), "annotation file", yamlsafe.MAX_YAML_BYTES)
    if decoded is None:
        return None
    root = compose(decoded.text, sink)
    if root is None or sink.has_errors:
        return None
    top = checker.mapping(
        root, "the file", ("gloss", "document"), ("types", "entities", "events", "relations")
    )
    if top is None:
        return None
    version_node = top.get("gloss")
    if version_node is not None and not _is_null(version_node):  # null: "needs 'gloss'"
        version = checker.integer(version_node, "'gloss' (the format version)")
        if version is not None and version != FORMAT_VERSION:
            checker.error(
                version_node,
                f"format version {version} is not supported; this gloss reads version "
                f"{FORMAT_VERSION}",
            )
    document_node = top.get("document")
    if document_node is None:
        return None
    info_and_text = _read_document(document_node, path, checker, allow_outside=allow_outside)
    if info_and_text is None:
        return None
    info, text = info_and_text
    state = _State(checker, TextIndex(text), info.text_path, source=source or SourceMap())
    _check_text(text, state)
    _read_types(top.get("types"), state)
    entities = _read_entities(top.get("entities"), state)
    known_ids = {e.id for e in entities} | state.written_entity_ids
    events = _read_events(top.get("events"), state, known_ids, info)
    relations = _read_relations(top.get("relations"), state, known_ids, {e.id for e in events})
    _check_types_used(state)
    _check_shared_spans(entities, state)
    return Document(
        info=info,
        text=text,
        entities=tuple(entities),
        events=tuple(events),
        relations=tuple(relations),
        entity_types={
            **{code: TypeInfo(code, *v) for code, v in DEFAULT_ENTITY_TYPES.items()},
            **state.entity_types,
        },
        event_types={
            **{code: TypeInfo(code, *v) for code, v in DEFAULT_EVENT_TYPES.items()},
            **state.event_types,
        },
        relation_types=state.relation_types,
    )


def _read_document(
    node: Node, yaml_path: str, checker: _Checker, *, allow_outside: bool
) -> tuple[DocumentInfo, str] | None:
    fields = checker.mapping(
        node, "document", ("id", "text"), ("title", "date", "note", "language")
    )
    if fields is None:
        return None
    doc_id = checker.identifier(
        fields.get("id"), "document id", _ID, "use letters, digits, '-', '_' or '.'"
    )
    title = checker.text(fields.get("title"), "title")
    language = checker.identifier(
        fields.get("language"),
        "language",
        re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*"),
        "use a BCP 47 tag such as en or en-GB",
    )
    date = _read_date_value(fields.get("date"), "document date", checker)
    note = checker.text(fields.get("note"), "document note")
    text_node = fields.get("text")
    text_name = checker.text(text_node, "text (the article file)")
    if text_name is None or text_node is None:
        return None  # without the text no selector can be checked
    text_path = os.path.join(os.path.dirname(yaml_path), text_name)
    try:
        # Standoff files sit beside their text; one resolving elsewhere (an absolute path,
        # ../.., a link to /proc/self/environ) would make gloss show or quote that file.
        real_path = resolve_named(yaml_path, text_name, allow_outside=allow_outside)
    except ReadRefused as refused:
        checker.error(text_node, f"the article text {refused.reason}")
        return None
    if not is_inside(os.path.dirname(os.path.abspath(yaml_path)), real_path):
        checker.warning(
            text_node,
            f"the article text {text_name!r} is outside this file's folder (read because of "
            "--allow-outside); make sure it is the file you mean to read",
        )
    decoded = read_text_file(
        real_path,
        checker.sink,
        position_of(text_node),
        "article text",
        yamlsafe.MAX_TEXT_BYTES,
        shown_as=text_path,
    )
    if decoded is None:
        return None
    # A bad id is already reported; carry on with a stand-in so that every other problem
    # of the file is found in the same run (the document is not returned anyway).
    info = DocumentInfo(doc_id or "?", title, date, language, text_path, note)
    return info, decoded.text


def _read_date_value(node: Node | None, what: str, checker: _Checker) -> DateValue | None:
    value = checker.text(node, what)
    if value is None or node is None:
        return None
    try:
        return parse_date(value)
    except DateError as error:
        checker.error(node, f"{what}: {error}")
        return None


def _check_text(text: str, state: _State) -> None:
    """Warn about characters in the article that will be shown as placeholders."""
    hazards = find_hazards(text)
    limit = 50
    for hazard in hazards[:limit]:
        line, column = state.index.line_column(hazard.offset)
        state.checker.sink.warning(
            Position(line, column),
            f"the text contains {hazard.name}; it is shown as a placeholder",
            path=state.text_path,
        )
    if len(hazards) > limit:
        state.checker.sink.warning(
            Position(*state.index.line_column(hazards[limit].offset)),
            f"{len(hazards) - limit} more control or invisible characters are not listed",
            path=state.text_path,
        )


# -- types -----------------------------------------------------------------------------


def _read_types(node: Node | None, state: _State) -> None:
    checker = state.checker
    if node is None or _is_null(node):
        return
    fields = checker.mapping(node, "types", (), ("entities", "events", "relations"))
    if fields is None:
        return
    no_defaults: dict[str, tuple[str, str]] = {}
    sections = (
        (
            "entities",
            _ENTITY_TYPE,
            "upper-case letters such as WEA",
            state.entity_types,
            dict(DEFAULT_ENTITY_TYPES),
        ),
        (
            "events",
            _EVENT_TYPE,
            "Type.Subtype such as Contact.Meet",
            state.event_types,
            dict(DEFAULT_EVENT_TYPES),
        ),
        (
            "relations",
            _RELATION_TYPE,
            "a lower-case word such as head-of",
            state.relation_types,
            no_defaults,
        ),
    )
    for section, pattern, hint, target, defaults in sections:
        section_node = fields.get(section)
        if section_node is None or _is_null(section_node):
            continue
        if not isinstance(section_node, MappingNode):
            checker.error(section_node, f"types.{section} must be a mapping of type codes")
            continue
        for key, value in section_node.value:
            code = checker.identifier(key, f"{_SINGULAR[section]} type", pattern, hint)
            if code is None:
                continue
            spec = checker.mapping(value, f"type {code}", (), ("label", "description", "source"))
            if spec is None:
                continue
            default_label, default_description = defaults.get(code, (code, ""))
            label = checker.text(spec.get("label"), "label") or default_label
            description = (
                checker.text(spec.get("description"), "description") or default_description
            )
            source = checker.text(spec.get("source"), "source")
            target[code] = TypeInfo(code, label, description, declared=True, source=source)
            state.declared_at[(section, code)] = key


def _check_types_used(state: _State) -> None:
    for (section, code), node in state.declared_at.items():
        if (section, code) not in state.used_types:
            state.checker.warning(
                node, f"{_SINGULAR[section]} type {code} is declared but never used"
            )


def _check_type(node: Node | None, section: str, state: _State) -> str | None:
    pattern = _ENTITY_TYPE if section == "entities" else _EVENT_TYPE
    defaults = DEFAULT_ENTITY_TYPES if section == "entities" else DEFAULT_EVENT_TYPES
    declared = state.entity_types if section == "entities" else state.event_types
    value = state.checker.text(node, "type")
    if value is None or node is None:
        return None
    if value not in defaults and value not in declared:
        known = (
            ", ".join(sorted(defaults)) if section == "entities" else "ACE/ERE Type.Subtype codes"
        )
        family = family_members(value, [*defaults, *declared]) if section == "events" else []
        if family:
            known = f"{value.partition('.')[0]}: {', '.join(family)}"
        state.checker.error(
            node,
            f"unknown {_SINGULAR[section]} type {value!r}: declare it under types.{section} "
            f"(built in: {known}){did_you_mean_type(value, [*defaults, *declared])}",
        )
        return None
    if not pattern.fullmatch(value):
        return None
    state.used_types.add((section, value))
    return value


# -- selectors -------------------------------------------------------------------------


def _read_selector(node: Node, what: str, state: _State) -> Selector | None:
    checker = state.checker
    if isinstance(node, ScalarNode) and not _is_null(node):
        quote = checker.text(node, what, allow_empty=True)
        return None if quote is None else Selector(quote=quote)
    fields = checker.mapping(
        node, what, (), ("quote", "occurrence", "prefix", "suffix", "all", "start", "end")
    )
    if fields is None:
        return None
    has_offsets = "start" in fields or "end" in fields
    errors_before = checker.sink.error_count
    selector = Selector(
        quote=checker.text(fields.get("quote"), "quote", allow_empty=True),
        occurrence=checker.integer(fields.get("occurrence"), "occurrence"),
        prefix=checker.text(fields.get("prefix"), "prefix", allow_empty=True),
        suffix=checker.text(fields.get("suffix"), "suffix", allow_empty=True),
        all=bool(checker.boolean(fields.get("all"), "all")),
        start=checker.integer(fields.get("start"), "start"),
        end=checker.integer(fields.get("end"), "end"),
    )
    if checker.sink.error_count > errors_before:
        return None  # a field was malformed and has been reported
    if has_offsets and not ("start" in fields and "end" in fields):
        checker.error(node, f"{what} needs both 'start' and 'end'")
        return None
    if not has_offsets and "quote" not in fields:
        checker.error(node, f"{what} needs 'quote' (or 'start' and 'end')")
        return None
    if has_offsets and any(k in fields for k in ("occurrence", "prefix", "suffix", "all")):
        checker.error(
            node, f"{what}: offsets cannot be combined with occurrence, prefix, suffix or all"
        )
        return None
    if selector.all and any(k in fields for k in ("occurrence", "prefix", "suffix")):
        checker.error(
            node, f"{what}: 'all: true' cannot be combined with occurrence, prefix or suffix"
        )
        return None
    if selector.occurrence == 0:
        checker.error(fields["occurrence"], "occurrence counts from 1")
        return None
    return selector


def _resolve_node(node: Node, what: str, state: _State) -> tuple[Span, ...]:
    """Resolve a selector node; problems are reported at the node, nothing is returned."""
    selector = _read_selector(node, what, state)
    if selector is None:
        return ()
    try:
        spans = resolve(selector, state.index)
    except SelectorError as error:
        state.checker.error(node, f"{what}: {error}")
        return ()
    text = state.index.text
    for span in spans:
        for edge in (span.start, span.end):
            if not is_grapheme_boundary(text, edge):
                state.checker.warning(
                    node,
                    f"{what}: the span [{span.start}, {span.end}) splits a character at offset "
                    f"{edge} (a combining mark, joiner or flag)",
                )
                break
    return spans


def _resolve_one(node: Node | None, what: str, state: _State) -> Span | None:
    if node is None:
        return None
    spans = _resolve_node(node, what, state)
    if len(spans) > 1:
        state.checker.error(node, f"{what} must be one passage, but 'all: true' gives {len(spans)}")
        return None
    return spans[0] if spans else None


# -- entities --------------------------------------------------------------------------


def _unique_id(
    node: Node | None, what: str, seen: dict[str, Node], checker: _Checker
) -> str | None:
    value = checker.identifier(
        node, f"{what} id", _ID, "use ASCII letters, digits, '-', '_' or '.', up to 100 characters"
    )
    if value is None or node is None:
        return None
    if value in seen:
        checker.error(
            node, f"duplicate {what} id '{value}' (first at line {position_of(seen[value]).line})"
        )
        return None
    seen[value] = node
    return value


def _items(node: Node | None, what: str, checker: _Checker) -> Iterator[Node]:
    if node is None or _is_null(node):
        return
    items = checker.sequence(node, what)
    yield from items or ()


def _read_entities(node: Node | None, state: _State) -> list[Entity]:
    checker = state.checker
    seen: dict[str, Node] = {}
    entities: list[Entity] = []
    for item in _items(node, "entities", checker):
        fields = checker.mapping(
            item,
            "an entity",
            ("id", "type", "name", "mentions"),
            ("aliases", "description", "links", "attributes", "accept"),
        )
        if fields is None:
            continue
        entity_id = _unique_id(fields.get("id"), "entity", seen, checker)
        entity_type = _check_type(fields.get("type"), "entities", state)
        name = checker.text(fields.get("name"), "name")
        aliases = tuple(
            alias
            for alias_node in _items(fields.get("aliases"), "aliases", checker)
            if (alias := checker.text(alias_node, "alias")) is not None
        )
        description = checker.text(fields.get("description"), "description")
        links = _read_links(fields.get("links"), checker)
        attributes = _read_attributes(fields.get("attributes"), checker)
        spans: dict[tuple[Span, ...], Node] = {}
        mention_attributes: dict[tuple[Span, ...], Attributes] = {}
        mentions_node = fields.get("mentions")
        mention_nodes = list(_items(mentions_node, "mentions", checker))
        if isinstance(mentions_node, SequenceNode) and not mention_nodes:
            checker.error(mentions_node, "an entity needs at least one mention")
        for mention_node in mention_nodes:
            mention_node, own_attributes = _split_attributes(mention_node, checker)
            for fragments in _resolve_mention(mention_node, state):
                if fragments in spans:
                    checker.warning(
                        mention_node,
                        f"mention {_show_fragments(fragments)} is listed twice for this entity "
                        f"(first at line {position_of(spans[fragments]).line})",
                    )
                    continue
                spans[fragments] = mention_node
                if own_attributes:
                    mention_attributes[fragments] = own_attributes
        if entity_id is None or entity_type is None or name is None or not spans:
            continue
        ordered = sorted(spans, key=lambda parts: (_extent(parts), parts))
        entities.append(
            Entity(
                id=entity_id,
                type=entity_type,
                name=name,
                aliases=aliases,
                description=description,
                links=links,
                mentions=tuple(
                    Mention(
                        _extent(parts),
                        entity_id,
                        i,
                        parts if len(parts) > 1 else (),
                        mention_attributes.get(parts, ()),
                    )
                    for i, parts in enumerate(ordered)
                ),
                attributes=attributes,
            )
        )
        state.mention_nodes[entity_id] = spans
        state.source.entities[entity_id] = position_of(item)
        state.source.mentions.update(
            ((entity_id, _extent(parts)), position_of(node)) for parts, node in spans.items()
        )
    state.written_entity_ids.update(seen)
    return entities


def _extent(fragments: tuple[Span, ...]) -> Span:
    return Span(fragments[0].start, fragments[-1].end)


def _show_fragments(fragments: tuple[Span, ...]) -> str:
    return " + ".join(f"[{part.start}, {part.end})" for part in fragments)


def _resolve_mention(node: Node, state: _State) -> list[tuple[Span, ...]]:
    """The fragments of each mention a mention node gives: one each for a selector
    (several with ``all: true``), or one mention of several fragments for ``parts``."""
    if not (
        isinstance(node, MappingNode)
        and any(isinstance(key, ScalarNode) and key.value == "parts" for key, _ in node.value)
    ):
        return [(span,) for span in _resolve_node(node, "mention", state)]
    checker = state.checker
    fields = checker.mapping(node, "a mention with parts", ("parts",), ())
    parts_node = fields.get("parts") if fields else None
    if parts_node is None or _is_null(parts_node):
        return []
    part_nodes = checker.sequence(parts_node, "parts")
    if part_nodes is None:
        return []
    if len(part_nodes) < 2:
        checker.error(
            parts_node,
            f"parts lists {len(part_nodes)} selector(s); a mention in parts has at least two "
            "(for one, write the selector alone)",
        )
        return []
    resolved = [_resolve_one(part, "mention part", state) for part in part_nodes]
    if any(span is None for span in resolved):
        return []
    fragments = sorted(span for span in resolved if span is not None)
    for before, after in itertools.pairwise(fragments):
        if after.start < before.end:
            checker.error(
                parts_node,
                f"mention parts [{before.start}, {before.end}) and [{after.start}, {after.end}) "
                "overlap; the parts of one mention are separate pieces of text",
            )
            return []
    return [tuple(fragments)]


def _split_attributes(node: Node, checker: _Checker) -> tuple[Node, Attributes]:
    """A mention mapping's ``attributes`` apart from the selector it goes with."""
    if not isinstance(node, MappingNode):
        return node, ()
    rest = [
        (k, v) for k, v in node.value if not (isinstance(k, ScalarNode) and k.value == "attributes")
    ]
    if len(rest) == len(node.value):
        return node, ()
    found = next(v for k, v in node.value if isinstance(k, ScalarNode) and k.value == "attributes")
    return MappingNode(node.tag, rest, node.start_mark), _read_attributes(found, checker)


def _read_attributes(node: Node | None, checker: _Checker) -> Attributes:
    """``attributes: {Negation: true, Factuality: Possible}``: names and text values."""
    if node is None or _is_null(node):
        return ()
    if not isinstance(node, MappingNode):
        checker.error(node, f"attributes must be a mapping of name: value, not {_describe(node)}")
        return ()
    attributes: list[tuple[str, str]] = []
    for key, value in node.value:
        name = checker.text(key, "attribute name")
        if name is not None and (len(name.split()) != 1 or name != name.strip()):
            checker.error(key, f"attribute name {name!r} is not one word")
            continue
        found = checker.text(value, f"attribute {name} value" if name else "attribute value")
        if name is not None and found is not None:
            attributes.append((name, found))
    return tuple(attributes)


def _read_links(node: Node | None, checker: _Checker) -> tuple[tuple[str, str], ...]:
    if node is None or _is_null(node):
        return ()
    if not isinstance(node, MappingNode):
        checker.error(node, f"links must be a mapping of name: value, not {_describe(node)}")
        return ()
    links: list[tuple[str, str]] = []
    for key, value in node.value:
        name = checker.text(key, "link name")
        target = checker.text(value, "link value")
        if name is not None and target is not None:
            links.append((name, target))
    return tuple(links)


def _check_shared_spans(entities: list[Entity], state: _State) -> None:
    """Two entities claiming the identical span is almost always a slip: warn."""
    checker = state.checker
    owner: dict[tuple[Span, ...], str] = {}
    text = state.index.text
    for entity in entities:
        for mention in entity.mentions:
            first = owner.setdefault(mention.fragments, entity.id)
            if first != entity.id:
                node = state.mention_nodes[entity.id][mention.fragments]
                words = " … ".join(
                    shorten(text[part.start : part.end]) for part in mention.fragments
                )
                checker.warning(
                    node,
                    f"entities '{first}' and '{entity.id}' both claim "
                    f"{words!r} {_show_fragments(mention.fragments)}",
                )


# -- events ----------------------------------------------------------------------------


def _read_events(
    node: Node | None, state: _State, entity_ids: set[str], info: DocumentInfo
) -> list[Event]:
    checker = state.checker
    seen: dict[str, Node] = {}
    events: list[Event] = []
    same_as_nodes: dict[str, Node] = {}
    event_argument_nodes: list[tuple[Node, str]] = []
    for item in _items(node, "events", checker):
        fields = checker.mapping(
            item,
            "an event",
            ("id", "type", "summary", "trigger"),
            (
                "passage",
                "date",
                "realis",
                "arguments",
                "same_as",
                "note",
                "links",
                "attributes",
                "accept",
            ),
        )
        if fields is None:
            continue
        event_id = _unique_id(fields.get("id"), "event", seen, checker)
        event_type = _check_type(fields.get("type"), "events", state)
        summary = checker.text(fields.get("summary"), "summary")
        trigger = _resolve_one(fields.get("trigger"), "trigger", state)
        passage_node = fields.get("passage")
        passage = _resolve_one(passage_node, "passage", state)
        if trigger is not None and passage is None and passage_node is None:
            passage = sentence_around(state.index.text, trigger)
        if trigger and passage and passage_node is not None and not passage.contains(trigger):
            checker.error(passage_node, "the passage does not contain the trigger")
        realis_node = fields.get("realis")
        realis = checker.text(realis_node, "realis") or "actual"
        if realis_node is not None and realis not in REALIS_VALUES:
            checker.error(
                realis_node, f"realis must be one of {', '.join(REALIS_VALUES)}, not {realis!r}"
            )
        date = _read_event_date(fields.get("date"), state, passage)
        if date and info.date and realis == "actual" and date.value.first > info.date.last:
            checker.warning(
                fields["date"],
                f"an actual event dated {date.value.text}, after the document's date "
                f"{info.date.text}",
            )
        argument_positions: dict[tuple[str, str], Position] = {}
        arguments, event_arguments = _read_arguments(
            fields.get("arguments"),
            entity_ids,
            checker,
            event_argument_nodes,
            event_id,
            argument_positions,
        )
        attributes = _read_attributes(fields.get("attributes"), checker)
        same_as_node = fields.get("same_as")
        same_as = checker.text(same_as_node, "same_as")
        note = checker.text(fields.get("note"), "note")
        links = _read_links(fields.get("links"), checker)
        if event_id is not None and same_as is not None and same_as_node is not None:
            same_as_nodes[event_id] = same_as_node
        if None in (event_id, event_type, summary, trigger, passage):
            continue
        assert event_id and event_type and summary and trigger and passage
        state.source.events[event_id] = position_of(item)
        trigger_node = fields.get("trigger")
        if trigger_node is not None:
            state.source.triggers[event_id] = position_of(trigger_node)
        for (role, entity), position in argument_positions.items():
            state.source.arguments[(event_id, role, entity)] = position
        events.append(
            Event(
                event_id,
                event_type,
                summary,
                trigger,
                passage,
                date,
                realis,
                arguments,
                same_as,
                note,
                links,
                event_arguments,
                attributes,
            )
        )
    for argument_node, target in event_argument_nodes:
        if target not in seen:
            checker.error(argument_node, f"no event has the id '{target}'")
    known = set(seen)
    events = [
        replace(
            event,
            event_arguments=tuple(a for a in event.event_arguments if a.event_id in known),
        )
        if event.event_arguments
        else event
        for event in events
    ]
    _check_same_as(events, seen, same_as_nodes, checker)
    events.sort(key=lambda event: (event.trigger.start, event.trigger.end, event.id))
    return events


def _read_event_date(node: Node | None, state: _State, passage: Span | None) -> EventDate | None:
    checker = state.checker
    if node is None or _is_null(node):
        return None
    if isinstance(node, ScalarNode):
        value = _read_date_value(node, "date", checker)
        return None if value is None else EventDate(value, None, None)
    fields = checker.mapping(node, "date", ("value",), ("text",))
    if fields is None:
        return None
    value = _read_date_value(fields.get("value"), "date value", checker)
    text_node = fields.get("text")
    span: Span | None = None
    if text_node is not None and not _is_null(text_node):
        span = _resolve_date_words(text_node, state, passage)
    if value is None:
        return None
    words = state.index.text[span.start : span.end] if span else None
    return EventDate(value, words, span)


def _resolve_date_words(node: Node, state: _State, passage: Span | None) -> Span | None:
    """The words giving a date; a repeated plain quote is taken from the event's passage."""
    if isinstance(node, ScalarNode) and passage is not None:
        quote = str(node.value)
        if quote:
            inside = [
                start
                for start in state.index.occurrences(quote)
                if passage.contains(Span(start, start + len(quote)))
            ]
            if len(inside) == 1:
                return Span(inside[0], inside[0] + len(quote))
    return _resolve_one(node, "date text", state)


def _read_arguments(
    node: Node | None,
    entity_ids: set[str],
    checker: _Checker,
    event_nodes: list[tuple[Node, str]],
    own_id: str | None,
    positions: dict[tuple[str, str], Position] | None = None,
) -> tuple[tuple[Argument, ...], tuple[EventArgument, ...]]:
    """Entity arguments and event arguments; an event argument's target is checked once
    every event is read (``event_nodes`` collects them). ``positions`` records where each
    entity argument was written."""
    arguments: list[Argument] = []
    event_arguments: list[EventArgument] = []
    for item in _items(node, "arguments", checker):
        is_event = isinstance(item, MappingNode) and any(
            isinstance(k, ScalarNode) and k.value == "event" for k, _ in item.value
        )
        fields = checker.mapping(
            item, "an argument", ("role", "event" if is_event else "entity"), ()
        )
        if fields is None:
            continue
        role = checker.identifier(
            fields.get("role"), "role", _ROLE, "a word such as Visitor or Place"
        )
        if is_event:
            event_node = fields.get("event")
            target = checker.text(event_node, "event")
            if target is None or event_node is None:
                continue
            if target == own_id:
                checker.error(event_node, f"event '{target}' cannot be its own argument")
                continue
            event_nodes.append((event_node, target))
            if role is not None:
                event_arguments.append(EventArgument(role, target))
            continue
        entity_node = fields.get("entity")
        entity = checker.text(entity_node, "entity")
        if entity is not None and entity_node is not None and entity not in entity_ids:
            hint = did_you_mean(entity, entity_ids)
            checker.error(entity_node, f"no entity has the id '{entity}'{hint}")
            continue
        if role is not None and entity is not None:
            arguments.append(Argument(role, entity))
            if positions is not None:
                positions.setdefault((role, entity), position_of(item))
    return tuple(arguments), tuple(event_arguments)


def _check_same_as(
    events: list[Event], seen: dict[str, Node], same_as_nodes: dict[str, Node], checker: _Checker
) -> None:
    """``same_as`` must name another existing event and never lead round in a circle."""
    for event_id, node in same_as_nodes.items():
        target = str(node.value) if isinstance(node, ScalarNode) else None
        if target == event_id:
            checker.error(node, f"event '{event_id}' cannot be the same as itself")
        elif target is not None and target not in seen:
            checker.error(node, f"no event has the id '{target}'{did_you_mean(target, seen)}")
    targets = {
        event.id: event.same_as
        for event in events
        if event.same_as is not None and event.same_as != event.id and event.same_as in seen
    }
    on_path, done = 1, 2
    status: dict[str, int] = {}
    for start in targets:
        path: list[str] = []
        current: str | None = start
        while current is not None and current not in status:
            status[current] = on_path
            path.append(current)
            current = targets.get(current)
        if current is not None and status.get(current) == on_path:
            cycle = path[path.index(current) :]
            checker.error(
                same_as_nodes[cycle[0]],
                "same_as forms a cycle: "
                + " → ".join([*cycle, cycle[0]])
                + "; point every telling of the happening at one event",
            )
        for member in path:
            status[member] = done


# -- relations -------------------------------------------------------------------------


def _read_relations(
    node: Node | None, state: _State, entity_ids: set[str], event_ids: set[str]
) -> list[Relation]:
    checker = state.checker
    relations: list[Relation] = []
    for item in _items(node, "relations", checker):
        written = (
            {str(k.value) for k, _ in item.value if isinstance(k, ScalarNode)}
            if isinstance(item, MappingNode)
            else set()
        )
        from_key = "from_event" if "from_event" in written else "from"
        to_key = "to_event" if "to_event" in written else "to"
        fields = checker.mapping(
            item,
            "a relation",
            ("type", from_key, to_key),
            ("evidence", "note", "attributes", "accept"),
        )
        if fields is None:
            continue
        relation_type = checker.identifier(
            fields.get("type"), "relation type", _RELATION_TYPE, "a lower-case word such as head-of"
        )
        ends: list[str | None] = []
        for key in (from_key, to_key):
            end_node = fields.get(key)
            value = checker.text(end_node, key)
            known, kind = (event_ids, "event") if key.endswith("_event") else (entity_ids, "entity")
            if value is not None and end_node is not None and value not in known:
                hint = did_you_mean(value, known)
                checker.error(end_node, f"no {kind} has the id '{value}'{hint}")
                value = None
            ends.append(value)
        source, target = ends
        if source is not None and source == target and from_key[4:] == to_key[2:]:
            what = "events" if from_key == "from_event" else "entities"
            checker.error(
                fields[to_key], f"a relation links two different {what}, not '{source}' to itself"
            )
            continue
        if relation_type:
            state.used_types.add(("relations", relation_type))
        evidence = _resolve_one(fields.get("evidence"), "evidence", state)
        note = checker.text(fields.get("note"), "note")
        attributes = _read_attributes(fields.get("attributes"), checker)
        if relation_type and source and target:
            relations.append(
                Relation(
                    relation_type,
                    source,
                    target,
                    evidence,
                    note,
                    attributes,
                    from_event=from_key == "from_event",
                    to_event=to_key == "to_event",
                )
            )
            state.source.relations.append(position_of(item))
    return relations
