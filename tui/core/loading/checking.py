"""What every section of a gloss file is checked with: node shapes, ids, attributes, links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from tui.core.document.dates import DateError, DateValue, parse_date
from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import (
    Attributes,
    Span,
    TypeInfo,
)
from tui.core.loading.sources import SourceMap
from tui.core.loading.yamlsafe import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    position_of,
)
from tui.core.text.anchoring import (
    TextIndex,
)
from tui.core.text.fitting import short_repr
from tui.core.text.suggest import did_you_mean
from tui.core.text.textsafety import find_hazards

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")


ENTITY_TYPE = re.compile(r"[A-Z][A-Z0-9_-]{0,31}")


EVENT_TYPE = re.compile(r"[A-Z][A-Za-z0-9-]*\.[A-Z][A-Za-z0-9-]*")


ROLE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


RELATION_TYPE = re.compile(r"[a-z][a-z0-9_-]{0,63}")


_PLAIN_INT = re.compile(r"0|[1-9][0-9]{0,11}")


_NULL_VALUES = frozenset({"", "~", "null", "Null", "NULL"})


SINGULAR = {"entities": "entity", "events": "event", "relations": "relation"}


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
        is_null(value)
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


def is_null(node: Node) -> bool:
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
    if is_null(node):
        return "nothing (null)"
    return short_repr(str(node.value))


class Checker:
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
            if name not in fields or is_null(fields[name]):
                self.error(node, f"{what} needs '{name}'")
        return fields

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list, not {_describe(node)}")
            return None
        return list(node.value)

    def text(self, node: Node | None, what: str, *, allow_empty: bool = False) -> str | None:
        """A string value; scalars keep their exact written form (``no`` stays ``no``)."""
        if node is None or (is_null(node)):
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
        if not isinstance(node, ScalarNode) or is_null(node):
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
class State:
    """Everything gathered while loading one file."""

    checker: Checker
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


def read_date_value(node: Node | None, what: str, checker: Checker) -> DateValue | None:
    value = checker.text(node, what)
    if value is None or node is None:
        return None
    try:
        return parse_date(value)
    except DateError as error:
        checker.error(node, f"{what}: {error}")
        return None


def unique_id(node: Node | None, what: str, seen: dict[str, Node], checker: Checker) -> str | None:
    value = checker.identifier(
        node, f"{what} id", ID, "use ASCII letters, digits, '-', '_' or '.', up to 100 characters"
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


def sequence_items(node: Node | None, what: str, checker: Checker) -> Iterator[Node]:
    if node is None or is_null(node):
        return
    items = checker.sequence(node, what)
    yield from items or ()


def split_attributes(node: Node, checker: Checker) -> tuple[Node, Attributes]:
    """A mention mapping's ``attributes`` apart from the selector it goes with."""
    if not isinstance(node, MappingNode):
        return node, ()
    rest = [
        (k, v) for k, v in node.value if not (isinstance(k, ScalarNode) and k.value == "attributes")
    ]
    if len(rest) == len(node.value):
        return node, ()
    found = next(v for k, v in node.value if isinstance(k, ScalarNode) and k.value == "attributes")
    return MappingNode(node.tag, rest, node.start_mark), read_attributes(found, checker)


def read_attributes(node: Node | None, checker: Checker) -> Attributes:
    """``attributes: {Negation: true, Factuality: Possible}``: names and text values."""
    if node is None or is_null(node):
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


def read_links(node: Node | None, checker: Checker) -> tuple[tuple[str, str], ...]:
    if node is None or is_null(node):
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
