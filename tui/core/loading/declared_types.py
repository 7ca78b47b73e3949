"""The ``types:`` section: declared entity and event types, and the types used."""

from __future__ import annotations

from tui.core.document.model import (
    DEFAULT_ENTITY_TYPES,
    DEFAULT_EVENT_TYPES,
    TypeInfo,
)
from tui.core.loading.checking import (
    ENTITY_TYPE,
    EVENT_TYPE,
    RELATION_TYPE,
    SINGULAR,
    State,
    is_null,
)
from tui.core.loading.yamlsafe import (
    MappingNode,
    Node,
)
from tui.core.text.suggest import did_you_mean_type, family_members


def read_types(node: Node | None, state: State) -> None:
    checker = state.checker
    if node is None or is_null(node):
        return
    fields = checker.mapping(node, "types", (), ("entities", "events", "relations"))
    if fields is None:
        return
    no_defaults: dict[str, tuple[str, str]] = {}
    sections = (
        (
            "entities",
            ENTITY_TYPE,
            "upper-case letters such as WEA",
            state.entity_types,
            dict(DEFAULT_ENTITY_TYPES),
        ),
        (
            "events",
            EVENT_TYPE,
            "Type.Subtype such as Contact.Meet",
            state.event_types,
            dict(DEFAULT_EVENT_TYPES),
        ),
        (
            "relations",
            RELATION_TYPE,
            "a lower-case word such as head-of",
            state.relation_types,
            no_defaults,
        ),
    )
    for section, pattern, hint, target, defaults in sections:
        section_node = fields.get(section)
        if section_node is None or is_null(section_node):
            continue
        if not isinstance(section_node, MappingNode):
            checker.error(section_node, f"types.{section} must be a mapping of type codes")
            continue
        for key, value in section_node.value:
            code = checker.identifier(key, f"{SINGULAR[section]} type", pattern, hint)
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


def check_types_used(state: State) -> None:
    for (section, code), node in state.declared_at.items():
        if (section, code) not in state.used_types:
            state.checker.warning(
                node, f"{SINGULAR[section]} type {code} is declared but never used"
            )


def check_type(node: Node | None, section: str, state: State) -> str | None:
    pattern = ENTITY_TYPE if section == "entities" else EVENT_TYPE
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
            f"unknown {SINGULAR[section]} type {value!r}: declare it under types.{section} "
            f"(built in: {known}){did_you_mean_type(value, [*defaults, *declared])}",
        )
        return None
    if not pattern.fullmatch(value):
        return None
    state.used_types.add((section, value))
    return value
