"""The ``relations:`` section: typed links between entities and events."""

from __future__ import annotations

from tui.core.document.model import (
    Relation,
)
from tui.core.loading.checking import RELATION_TYPE, State, read_attributes, sequence_items
from tui.core.loading.selectors import resolve_one
from tui.core.loading.yamlsafe import (
    MappingNode,
    Node,
    ScalarNode,
    position_of,
)
from tui.core.text.suggest import did_you_mean


def read_relations(
    node: Node | None, state: State, entity_ids: set[str], event_ids: set[str]
) -> list[Relation]:
    checker = state.checker
    relations: list[Relation] = []
    for item in sequence_items(node, "relations", checker):
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
            fields.get("type"), "relation type", RELATION_TYPE, "a lower-case word such as head-of"
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
        evidence = resolve_one(fields.get("evidence"), "evidence", state)
        note = checker.text(fields.get("note"), "note")
        attributes = read_attributes(fields.get("attributes"), checker)
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
