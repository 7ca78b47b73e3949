"""Pairing relations: the same type between the same two entities (matched by mentions)."""

from __future__ import annotations

from tui.core.compare.findings import B_ONLY, Finding, Kind, Layer, Side, entity_words
from tui.core.compare.metrics import Score
from tui.core.compare.textmap import TextMap
from tui.core.document.model import Relation, Span

# -- relations --------------------------------------------------------------------------


def _relation_span(side: Side, relation: Relation, carry: TextMap | None) -> Span | None:
    """Where to show a relation: its evidence, else the first mention of its source."""
    span = relation.evidence
    if span is None:
        entity = side.document.entity_by_id.get(relation.from_id)
        span = entity.mentions[0].span if entity is not None and entity.mentions else None
    if span is None or carry is None:
        return span
    return carry.span_in_a(span)


def compare_relations(
    a: Side, b: Side, carry: TextMap | None, entity_in_a: dict[str, str]
) -> tuple[list[Finding], Score]:
    a_keys: dict[tuple[str, str, str], int] = {}
    for index, relation in enumerate(a.document.relations):
        a_keys.setdefault((relation.type, relation.from_id, relation.to_id), index)
    b_keys: dict[tuple[str, str, str], int] = {}
    for index, relation in enumerate(b.document.relations):
        ends = (
            entity_in_a.get(relation.from_id, B_ONLY + relation.from_id),
            entity_in_a.get(relation.to_id, B_ONLY + relation.to_id),
        )
        b_keys.setdefault((relation.type, *ends), index)
    matched = a_keys.keys() & b_keys.keys()
    # What is left may be the same two entities under another relation type.
    left_b_by_ends: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for key in b_keys.keys() - matched:
        left_b_by_ends.setdefault(key[1:], []).append(key)
    findings: list[Finding] = []

    def describe(side: Side, relation: Relation) -> str:
        document = side.document
        source = entity_words(document, relation.from_id)
        target = entity_words(document, relation.to_id)
        return f"{source} → {target}"

    paired_b: set[tuple[str, str, str]] = set()
    for key, index in a_keys.items():
        relation = a.document.relations[index]
        where = a.source.relation(index)
        span = _relation_span(a, relation, None)
        if key in matched:
            b_index = b_keys[key]
            findings.append(
                Finding(
                    Kind.BOTH,
                    Layer.RELATION,
                    f"relation {relation.type} {describe(a, relation)}",
                    span,
                    a_position=where,
                    b_position=b.source.relation(b_index),
                )
            )
            continue
        others = sorted(left_b_by_ends.get(key[1:], []))
        other = next((k for k in others if k not in paired_b), None)
        if other is not None:
            paired_b.add(other)
            b_relation = b.document.relations[b_keys[other]]
            findings.append(
                Finding(
                    Kind.TYPE,
                    Layer.RELATION,
                    f"relation {describe(a, relation)} {relation.type} in A, "
                    f"{b_relation.type} in B",
                    span,
                    a_position=where,
                    b_position=b.source.relation(b_keys[other]),
                )
            )
            continue
        findings.append(
            Finding(
                Kind.ONLY_A,
                Layer.RELATION,
                f"relation {relation.type} {describe(a, relation)}",
                span,
                a_position=where,
            )
        )
    for key, index in b_keys.items():
        if key in matched or key in paired_b:
            continue
        relation = b.document.relations[index]
        findings.append(
            Finding(
                Kind.ONLY_B,
                Layer.RELATION,
                f"relation {relation.type} {describe(b, relation)}",
                _relation_span(b, relation, carry),
                b_position=b.source.relation(index),
            )
        )
    return findings, Score.from_counts(len(matched), len(a_keys), len(b_keys))
