"""Layered annotations, as INCEpTION keeps them, and how they become a gloss document.

WebAnno TSV 3.x and UIMA CAS XMI carry the same model: a text, span annotations of
named layers (``de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity``,
``webanno.custom.Claim``) with features, relations of a relation layer between two
spans, and chains (coreference) of links. Both readers fill a :class:`Layered`; one
builder turns it into a :class:`Document`, so a TSV and an XMI of one annotation
give the same gloss file.

The mapping (docs/interop.md, "WebAnno TSV and UIMA CAS XMI"):

* a ``NamedEntity`` span is a mention of an entity whose type is its ``value``
  (``PER``, ``LOC``, ``OTH``); its ``identifier`` (a knowledge-base IRI) is the
  entity's link ``identifier``; its other features are the mention's attributes;
* a span of any other layer is a mention of an entity whose type is the layer (its
  short name, ``Claim`` → ``CLAIM``, declared with the full layer name as ``source``);
  every feature is an attribute of the mention;
* mentions of one type, text and identifier are one entity unless kept apart; a span a
  relation or a slot names is its own entity (export writes a relation from an
  entity's first mention, so it comes back at the same span);
* a chain is one entity of the chain layer's type; each link a mention, its
  ``referenceType`` and ``referenceRelation`` the mention's attributes;
* a relation is a relation of the relation layer's type (``Dependency`` →
  ``dependency``, declared with the layer name as ``source``), its features the
  relation's attributes; a slot (``ROLE_…`` feature) is a relation from the host span
  to its filler, of the role's type, with the slot's feature name as attribute.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import DEFAULT_ENTITY_TYPES, Document, Span, TypeInfo
from tui.core.formats.common import EntityDraft, RelationDraft, TypeMapper, build_document
from tui.core.formats.grouping import same_text_key

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
COREFERENCE_LINK = "de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink"
CHAIN_FEATURES = ("referenceType", "referenceRelation")
GENERIC_RELATION = "webanno.custom.Relation"
"""The relation layer an export writes gloss's own relations in (feature ``value``)."""

TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
"""Relations between tokens (dependencies) have tokens as ends: each becomes a span."""

UNNAMED_ROLE = "unnamed_role"
"""The relation attribute of a slot link without a role (its type is the slot's name)."""

SLOT_ATTRIBUTE = "slot"
"""The relation attribute that says a relation was a slot of its source span."""


def slot_name(slot: str) -> str:
    """``webanno.custom.Host:links_webanno.custom.LinkType`` → ``links``."""
    return slot.split(":")[-1].rsplit("_", 1)[0] or slot


def short_name(layer: str) -> str:
    """``webanno.custom.Claim`` → ``Claim``."""
    return layer.rsplit(".", 1)[-1] or layer


@dataclass
class LayerSpan:
    """A span annotation: its layer, where it is (code points), its features."""

    layer: str
    start: int
    end: int
    features: list[tuple[str, str]] = field(default_factory=list)
    position: Position = field(default_factory=lambda: Position(1, 1))


@dataclass
class LayerRelation:
    """A relation of ``layer`` from span ``governor`` to span ``dependent`` (indices
    into :attr:`Layered.spans`)."""

    layer: str
    governor: int
    dependent: int
    features: list[tuple[str, str]] = field(default_factory=list)
    slot: str | None = None
    """For a slot link: the slot feature's name (the role is the feature ``role``)."""


@dataclass
class LayerChain:
    """A chain: its layer (the link type) and its links, as span indices, in order."""

    layer: str
    links: list[int] = field(default_factory=list)


@dataclass
class Layered:
    """Everything read from one TSV or XMI document."""

    text: str
    spans: list[LayerSpan] = field(default_factory=list)
    relations: list[LayerRelation] = field(default_factory=list)
    chains: list[LayerChain] = field(default_factory=list)
    title: str | None = None


CHAIN_DESCRIPTION = "Chains of an INCEpTION chain layer (coreference): one entity a chain."
"""The description of a type read from a chain layer: export writes it back as chains."""


def _declare_layer(types: TypeMapper, layer: str, *, chain: bool = False) -> str:
    """The entity type of a span or chain layer: its short name as code, the layer as
    ``source`` (so export writes the layer back)."""
    short = short_name(layer)
    code = types.entity(layer if short == layer else short)
    info = types.entity_types.get(code)
    default = DEFAULT_ENTITY_TYPES.get(code)
    label = info.label if info is not None else default[0] if default else short
    description = info.description if info is not None else default[1] if default else ""
    if chain:
        description = CHAIN_DESCRIPTION
    types.entity_types[code] = TypeInfo(code, label, description, True, layer)
    return code


def _declare_relation(types: TypeMapper, layer: str) -> str:
    code = types.relation(short_name(layer))
    types.relation_types[code] = TypeInfo(code, short_name(layer), "", True, layer)
    return code


def build(
    layered: Layered, doc_id: str, sink: DiagnosticSink, *, keep_apart: bool = False
) -> Document | None:
    """The gloss document of ``layered``; None (with errors in ``sink``) when a span
    cannot be a mention."""
    text = layered.text
    errors = sink.error_count
    for span in layered.spans:
        if not 0 <= span.start < span.end <= len(text):
            sink.error(
                span.position,
                f"a {short_name(span.layer)} annotation at [{span.start}, {span.end}) is empty or"
                " outside the text; gloss marks only text, so the file is not imported",
            )
    if sink.error_count > errors:
        return None
    types = TypeMapper()
    chained: dict[int, int] = {}
    for number, chain in enumerate(layered.chains):
        for link in chain.links:
            chained.setdefault(link, number)
    named = {r.governor for r in layered.relations} | {r.dependent for r in layered.relations}
    drafts: list[EntityDraft] = []
    draft_of_span: dict[int, int] = {}
    draft_of_chain: dict[int, int] = {}
    groups: dict[tuple[object, ...], int] = {}
    for index, span in enumerate(layered.spans):
        piece = Span(span.start, span.end)
        attributes = list(span.features)
        links: list[tuple[str, str]] = []
        if index in chained:
            chain_number = chained[index]
            draft = draft_of_chain.get(chain_number)
            if draft is None:
                draft = len(drafts)
                draft_of_chain[chain_number] = draft
                layer = layered.chains[chain_number].layer
                drafts.append(EntityDraft(_declare_layer(types, layer, chain=True), []))
        else:
            if span.layer == NAMED_ENTITY:
                features = dict(span.features)
                value = features.get("value") or ""
                code = types.entity(value) if value.strip() else _declare_layer(types, span.layer)
                identifier = features.get("identifier") or ""
                if identifier:
                    links.append(("identifier", identifier))
                attributes = [
                    (name, v) for name, v in span.features if name not in ("value", "identifier")
                ]
            else:
                code = _declare_layer(types, span.layer)
            key = (*same_text_key(code, text[span.start : span.end]), tuple(links))
            if keep_apart or index in named:
                draft = None
            else:
                draft = groups.get(key)
                if draft is not None and piece in drafts[draft].spans:
                    draft = None  # a stacked annotation on the very span: its own mention
            if draft is None:
                draft = len(drafts)
                drafts.append(EntityDraft(code, [], links=links))
                if not (keep_apart or index in named):
                    groups[key] = draft
        draft_of_span[index] = draft
        drafts[draft].spans.append(piece)
        if attributes:
            kept = drafts[draft].mention_attributes.setdefault((piece,), [])
            kept.extend(a for a in attributes if a not in kept)
    relations = []
    for relation in layered.relations:
        attributes = list(relation.features)
        if relation.slot is not None:
            role = dict(relation.features).get("role")
            code = types.relation(role or slot_name(relation.slot))
            attributes = [(SLOT_ATTRIBUTE, relation.slot)]
            if not role:
                attributes.append((UNNAMED_ROLE, "true"))
        else:
            code = _declare_relation(types, relation.layer)
        source, target = draft_of_span[relation.governor], draft_of_span[relation.dependent]
        if source == target:
            sink.warning(
                layered.spans[relation.dependent].position,
                f"a {short_name(relation.layer)} relation links two mentions of one chain;"
                " gloss relations are between entities, so it is not kept",
            )
            continue
        relations.append(RelationDraft(code, source, target, attributes=attributes))
    return build_document(
        doc_id=doc_id,
        text=text,
        text_path=doc_id + ".txt",
        title=layered.title,
        entities=drafts,
        events=[],
        relations=relations,
        types=types,
    )
