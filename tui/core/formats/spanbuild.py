"""Labelled regions of another tool → a gloss document, for the imports that keep
everything (Label Studio, Prodigy, hypothes.is).

A region is one labelled span with the attributes gloss keeps for it (the tool's own
region id, a per-region choice, the record's answer). Regions are grouped into entities
as every gloss import groups mentions (:mod:`.grouping`: one type and text, unless kept
apart), except that

* a region that says which entity it is (gloss's own export writes that) is that entity;
* a second region of the same label on the same span stays its own entity (one entity
  has one mention per span, and the source has two regions);
* a relation between two regions of one group takes its target out of the group (gloss
  relations link two different entities; the source linked two regions).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tui.core.document.model import Attributes, Document, Span, TypeInfo
from tui.core.formats.common import EntityDraft, RelationDraft, TypeMapper, build_document
from tui.core.formats.grouping import same_text_key


@dataclass
class Region:
    span: Span
    """In gloss's offsets."""
    label: str
    attributes: list[tuple[str, str]] = field(default_factory=list)
    identity: str | None = None
    """The entity it belongs to when the source says so (gloss's own export)."""
    entity: dict[str, Any] | None = None
    """What the source says of that entity (name, description, links, attributes)."""


@dataclass
class RegionRelation:
    source: int
    target: int
    label: str
    attributes: list[tuple[str, str]] = field(default_factory=list)
    note: str | None = None


def group_regions(
    regions: Sequence[Region],
    text: str,
    relations: Sequence[RegionRelation],
    *,
    keep_apart: bool,
) -> list[int]:
    """The entity of each region, as a number (see the module's rules)."""
    group_of: list[int] = []
    first_of: dict[object, int] = {}
    spans_of: dict[int, set[tuple[Span, str]]] = {}
    for number, region in enumerate(regions):
        if region.identity is not None:
            key: object = ("identity", region.identity)
        elif keep_apart:
            key = ("own", number)
        else:
            key = same_text_key(region.label, text[region.span.start : region.span.end])
        group = first_of.setdefault(key, number)
        seen = spans_of.setdefault(group, set())
        if (region.span, region.label) in seen and region.identity is None:
            group = number  # the source has two regions here: two entities
        spans_of.setdefault(group, set()).add((region.span, region.label))
        group_of.append(group)
    for relation in relations:
        if group_of[relation.source] == group_of[relation.target]:
            group_of[relation.target] = -1 - relation.target
    return group_of


def build_regions(
    *,
    doc_id: str,
    text: str,
    title: str | None,
    regions: Sequence[Region],
    relations: Sequence[RegionRelation],
    keep_apart: bool,
    document_attributes: Attributes = (),
    declared: dict[str, dict[str, str]] | None = None,
    note: str | None = None,
) -> Document:
    """The document of ``regions`` and ``relations`` (between regions, by index).

    ``declared`` gives types back as gloss declared them (code → label, description,
    source), for files gloss itself wrote."""
    types = TypeMapper()
    groups = group_regions(regions, text, relations, keep_apart=keep_apart)
    drafts: list[EntityDraft] = []
    draft_of: dict[int, int] = {}
    entity_attributes: dict[int, list[tuple[str, str]]] = {}
    aliases: dict[int, tuple[str, ...]] = {}
    for region, group in zip(regions, groups, strict=True):
        index = draft_of.setdefault(group, len(drafts))
        if index == len(drafts):
            drafts.append(EntityDraft(types.entity(region.label), [], id=region.identity))
        draft = drafts[index]
        draft.spans.append(region.span)
        if region.attributes:
            draft.mention_attributes[(region.span,)] = list(region.attributes)
        if region.entity:
            name = region.entity.get("name")
            draft.name = name if isinstance(name, str) and name.strip() else draft.name
            named = region.entity.get("aliases")
            if isinstance(named, list) and all(isinstance(a, str) for a in named):
                aliases[index] = tuple(named)
            description = region.entity.get("description")
            if isinstance(description, str):
                draft.description.append(description)
            for key in ("links", "attributes"):
                pairs = region.entity.get(key)
                if isinstance(pairs, dict):
                    target = (
                        draft.links if key == "links" else entity_attributes.setdefault(index, [])
                    )
                    target.extend((str(k), str(v)) for k, v in pairs.items())
    drafts_of_region = [draft_of[group] for group in groups]
    relation_drafts = [
        RelationDraft(
            types.relation(relation.label),
            drafts_of_region[relation.source],
            drafts_of_region[relation.target],
            note=[relation.note] if relation.note else [],
            attributes=list(relation.attributes),
        )
        for relation in relations
    ]
    document = build_document(
        doc_id=doc_id,
        text=text,
        text_path=doc_id + ".txt",
        title=title,
        entities=drafts,
        events=[],
        relations=relation_drafts,
        types=types,
    )
    if entity_attributes or aliases:
        order = sorted(range(len(drafts)), key=lambda i: (min(drafts[i].spans), i))
        entities = list(document.entities)
        for position, index in enumerate(order):
            entities[position] = replace(
                entities[position],
                attributes=tuple(entity_attributes.get(index, ())),
                aliases=aliases.get(index, ()),
            )
        document = replace(document, entities=tuple(entities))
    if declared:
        document = _declare(document, declared)
    return replace(
        document,
        info=replace(document.info, attributes=tuple(document_attributes), note=note),
    )


def _declare(document: Document, declared: dict[str, dict[str, str]]) -> Document:
    """Types as gloss declared them, for the codes the document uses."""
    tables = {
        "entities": dict(document.entity_types),
        "relations": dict(document.relation_types),
    }
    used = {
        "entities": {entity.type for entity in document.entities},
        "relations": {relation.type for relation in document.relations},
    }
    for section, specs in declared.items():
        if section not in tables or not isinstance(specs, dict):
            continue
        for code, spec in specs.items():
            if code not in used[section] or not isinstance(spec, dict):
                continue
            label = spec.get("label")
            description = spec.get("description") or ""
            source = spec.get("source")
            tables[section][code] = TypeInfo(
                code,
                label if isinstance(label, str) else code,
                description if isinstance(description, str) else "",
                True,
                source if isinstance(source, str) else None,
            )
    return replace(document, entity_types=tables["entities"], relation_types=tables["relations"])


def declared_types(document: Document) -> dict[str, Any]:
    """The declared entity and relation types, as gloss's own exports carry them."""
    found: dict[str, Any] = {}
    for section, table in (
        ("entities", document.entity_types),
        ("relations", document.relation_types),
    ):
        specs = {}
        for code, info in table.items():
            if info.declared:
                spec = {"label": info.label}
                if info.description:
                    spec["description"] = info.description
                if info.source:
                    spec["source"] = info.source
                specs[code] = spec
        if specs:
            found[section] = specs
    return found


class Utf16:
    """Offsets counted in UTF-16 code units (as JavaScript counts: Label Studio,
    hypothes.is) ↔ code points, in one text."""

    def __init__(self, text: str) -> None:
        # The code point index of each character above U+FFFF (two units in UTF-16).
        self._astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
        self.length = len(text) + len(self._astral)
        # Where each astral character starts in units.
        self._astral_units = [i + k for k, i in enumerate(self._astral)]

    @property
    def same(self) -> bool:
        return not self._astral

    def to_points(self, units: int) -> int | None:
        """The code point offset of a unit offset; None inside a surrogate pair."""
        before = bisect.bisect_left(self._astral_units, units)
        if before and self._astral_units[before - 1] == units - 1:
            return None
        return units - before

    def to_units(self, points: int) -> int:
        return points + bisect.bisect_left(self._astral, points)
