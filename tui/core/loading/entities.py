"""The ``entities:`` section: entities and their mentions."""

from __future__ import annotations

import itertools

from tui.core.document.model import (
    Attributes,
    Entity,
    Mention,
    Span,
)
from tui.core.loading.checking import (
    State,
    is_null,
    read_attributes,
    read_links,
    sequence_items,
    split_attributes,
    unique_id,
)
from tui.core.loading.declared_types import check_type
from tui.core.loading.selectors import extent, resolve_node, resolve_one, show_fragments
from tui.core.loading.yamlsafe import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    position_of,
)
from tui.core.text.fitting import shorten


def read_entities(node: Node | None, state: State) -> list[Entity]:
    checker = state.checker
    seen: dict[str, Node] = {}
    entities: list[Entity] = []
    for item in sequence_items(node, "entities", checker):
        fields = checker.mapping(
            item,
            "an entity",
            ("id", "type", "name", "mentions"),
            ("aliases", "description", "links", "attributes", "accept"),
        )
        if fields is None:
            continue
        entity_id = unique_id(fields.get("id"), "entity", seen, checker)
        entity_type = check_type(fields.get("type"), "entities", state)
        name = checker.text(fields.get("name"), "name")
        aliases = tuple(
            alias
            for alias_node in sequence_items(fields.get("aliases"), "aliases", checker)
            if (alias := checker.text(alias_node, "alias")) is not None
        )
        description = checker.text(fields.get("description"), "description")
        links = read_links(fields.get("links"), checker)
        attributes = read_attributes(fields.get("attributes"), checker)
        spans: dict[tuple[Span, ...], Node] = {}
        mention_attributes: dict[tuple[Span, ...], Attributes] = {}
        mentions_node = fields.get("mentions")
        mention_nodes = list(sequence_items(mentions_node, "mentions", checker))
        if isinstance(mentions_node, SequenceNode) and not mention_nodes:
            checker.error(mentions_node, "an entity needs at least one mention")
        for mention_node in mention_nodes:
            mention_node, own_attributes = split_attributes(mention_node, checker)
            for fragments in resolve_mention(mention_node, state):
                if fragments in spans:
                    checker.warning(
                        mention_node,
                        f"mention {show_fragments(fragments)} is listed twice for this entity "
                        f"(first at line {position_of(spans[fragments]).line})",
                    )
                    continue
                spans[fragments] = mention_node
                if own_attributes:
                    mention_attributes[fragments] = own_attributes
        if entity_id is None or entity_type is None or name is None or not spans:
            continue
        ordered = sorted(spans, key=lambda parts: (extent(parts), parts))
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
                        extent(parts),
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
            ((entity_id, extent(parts)), position_of(node)) for parts, node in spans.items()
        )
    state.written_entity_ids.update(seen)
    return entities


def resolve_mention(node: Node, state: State) -> list[tuple[Span, ...]]:
    """The fragments of each mention a mention node gives: one each for a selector
    (several with ``all: true``), or one mention of several fragments for ``parts``."""
    if not (
        isinstance(node, MappingNode)
        and any(isinstance(key, ScalarNode) and key.value == "parts" for key, _ in node.value)
    ):
        return [(span,) for span in resolve_node(node, "mention", state)]
    checker = state.checker
    fields = checker.mapping(node, "a mention with parts", ("parts",), ())
    parts_node = fields.get("parts") if fields else None
    if parts_node is None or is_null(parts_node):
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
    resolved = [resolve_one(part, "mention part", state) for part in part_nodes]
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


def check_shared_spans(entities: list[Entity], state: State) -> None:
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
                    f"{words!r} {show_fragments(mention.fragments)}",
                )
