"""Pairing the annotations of two files on one article, and the figures that follow.

File A is the reference; B's spans are carried into A's text (see :mod:`textmap`) so
every finding has a place in one text. Mentions pair up one to one: same span and
type (*in both*), same span and another type (*other type*), overlapping spans
(*other boundaries*), or nothing (*only in A* / *only in B*). Events pair by trigger
the same way and then compare date, realis and arguments; relations and arguments
name entities, and since annotators' ids differ, entities are matched by their
mentions (the CEAF alignment), never by id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from tui.core.compare.events import compare_events
from tui.core.compare.findings import Finding, Kind, Layer, Side, quote
from tui.core.compare.mentions import chains_of, compare_mentions, mentions_of
from tui.core.compare.metrics import Coreference, Score, ceaf_alignment, coreference
from tui.core.compare.relations import compare_relations
from tui.core.compare.textmap import TextMap, align_texts
from tui.core.document.diagnostics import Position

__all__ = [
    "Comparison",
    "DifferentArticles",
    "Finding",
    "Kind",
    "Layer",
    "Scores",
    "Side",
    "compare",
    "quote",
]


@dataclass(frozen=True, slots=True)
class Scores:
    """Every agreement figure of one comparison (or the sum over a folder)."""

    mentions: Score
    mentions_overlap: Score
    mention_types: dict[str, Score]
    mention_types_overlap: dict[str, Score]
    coreference: Coreference
    triggers: Score
    trigger_types: dict[str, Score]
    arguments: Score
    relations: Score

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            self.mentions + other.mentions,
            self.mentions_overlap + other.mentions_overlap,
            _add_types(self.mention_types, other.mention_types),
            _add_types(self.mention_types_overlap, other.mention_types_overlap),
            self.coreference + other.coreference,
            self.triggers + other.triggers,
            _add_types(self.trigger_types, other.trigger_types),
            self.arguments + other.arguments,
            self.relations + other.relations,
        )

    def headline(self) -> dict[str, float]:
        """The figures a gate checks: one F1 per layer that has anything to score."""
        figures = {
            "mentions": self.mentions,
            "triggers": self.triggers,
            "arguments": self.arguments,
            "relations": self.relations,
        }
        found = {name: score.f1 for name, score in figures.items() if not score.empty}
        if not self.coreference.muc.empty or not self.coreference.b_cubed.empty:
            found["conll"] = self.coreference.conll
        return found


def _add_types(first: dict[str, Score], second: dict[str, Score]) -> dict[str, Score]:
    total = dict(first)
    for code, score in second.items():
        total[code] = total.get(code, Score()) + score
    return total


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing B with A."""

    a: Side
    b: Side
    text_map: TextMap
    findings: tuple[Finding, ...]
    """Every annotation of both files, agreeing or not, in A's text order."""
    scores: Scores

    @property
    def disagreements(self) -> tuple[Finding, ...]:
        """The findings where the files differ, in text order."""
        return tuple(finding for finding in self.findings if not finding.agrees)

    @property
    def agree(self) -> bool:
        """Whether the two files say exactly the same."""
        return all(finding.agrees for finding in self.findings)

    def counts(self) -> dict[str, int]:
        """How many findings of each kind, every kind listed."""
        counted = Counter(finding.kind for finding in self.findings)
        return {kind.value: counted.get(kind, 0) for kind in Kind}


class DifferentArticles(ValueError):
    """A and B annotate different articles: there is nothing to compare."""

    def __init__(self, similarity: float) -> None:
        super().__init__(
            f"the two files annotate different articles (only {similarity:.0%} of the "
            "text is shared)"
        )
        self.similarity = similarity


# -- the comparison ---------------------------------------------------------------------


def compare(a: Side, b: Side) -> Comparison:
    """Compare B's annotations with A's.

    Raises:
        DifferentArticles: when the texts share too little to be one article.
    """
    text_map = align_texts(a.document.text, b.document.text)
    if not text_map.same_article:
        raise DifferentArticles(text_map.similarity)
    carry = None if text_map.identical else text_map
    a_mentions, _ = mentions_of(a, None)
    b_mentions, b_lost = mentions_of(b, carry)
    findings, type_counts, paired = compare_mentions(a_mentions, b_mentions)
    findings.extend(
        Finding(
            Kind.NOT_PLACED,
            Layer.MENTION,
            f"{item.type} {quote(item.words)}",
            None,
            b_position=item.position,
        )
        for item in b_lost
    )

    a_ids = [entity.id for entity in a.document.entities]
    b_ids = [entity.id for entity in b.document.entities]
    a_chains = chains_of(a_mentions, a_ids)
    b_chains = chains_of(b_mentions, b_ids)
    chain_scores = coreference(a_chains, b_chains)
    # Entities are matched for arguments and relations more leniently than they are
    # scored: a mention B cut short or typed otherwise still says which entity it is.
    lenient_b_chains = b_chains
    if len(paired) < len(b_mentions) or any(
        a_mentions[a].span != b_mentions[b].span for a, b in paired
    ):
        as_in_a = list(b_mentions)
        for a_index, b_index in paired:
            as_in_a[b_index] = replace(b_mentions[b_index], span=a_mentions[a_index].span)
        lenient_b_chains = chains_of(as_in_a, b_ids)
    entity_in_a = {b_ids[r]: a_ids[k] for k, r in ceaf_alignment(a_chains, lenient_b_chains)}

    event_findings, trigger_score, trigger_types, argument_score = compare_events(
        a, b, carry, entity_in_a
    )
    findings.extend(event_findings)
    relation_findings, relation_score = compare_relations(a, b, carry, entity_in_a)
    findings.extend(relation_findings)

    exact = {code: Score.from_counts(c[0], c[2], c[3]) for code, c in type_counts.items()}
    overlap = {code: Score.from_counts(c[1], c[2], c[3]) for code, c in type_counts.items()}
    scores = Scores(
        mentions=sum(exact.values(), Score()),
        mentions_overlap=sum(overlap.values(), Score()),
        mention_types=exact,
        mention_types_overlap=overlap,
        coreference=chain_scores,
        triggers=trigger_score,
        trigger_types=trigger_types,
        arguments=argument_score,
        relations=relation_score,
    )
    findings.sort(key=_text_order)
    return Comparison(a, b, text_map, tuple(findings), scores)


_LAYER_ORDER = {layer: rank for rank, layer in enumerate(Layer)}


def _text_order(finding: Finding) -> tuple[int, int, int, int, int]:
    span = finding.span
    if span is None:
        return (1, 0, 0, _LAYER_ORDER[finding.layer], 0)
    position = finding.a_position or finding.b_position or Position(0, 0)
    return (0, span.start, -span.end, _LAYER_ORDER[finding.layer], position.line)
