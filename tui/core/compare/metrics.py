"""Agreement figures: precision, recall and F1 over counts, and the coreference scores.

File A is the reference (the *key*) and file B the one compared with it (the
*response*): recall is the share of A that B has, precision the share of B that A
has. Scores keep their numerators and denominators so that a folder's totals are
sums over its documents, as the CoNLL reference scorer adds up documents.

Coreference scores take entities as chains of mentions, each mention a hashable key
(gloss uses spans), never ids, so two annotators' ids need not agree:

- MUC (Vilain et al. 1995): links needed to join each chain, found in the other side;
- B-cubed (Bagga & Baldwin 1998): per mention, the overlap of its two chains;
- CEAF-e (Luo 2005): chains aligned one to one, for the greatest total similarity
  ``φ4(K, R) = 2 |K ∩ R| / (|K| + |R|)``;
- CoNLL: the mean of the three F1 scores (Pradhan et al. 2014).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from tui.core.compare.assignment import best_pairs


@dataclass(frozen=True, slots=True)
class Score:
    """Recall and precision as fractions; F1 from them.

    A side with nothing to find scores 1 (two empty annotations agree); when only one
    side is empty, F1 is 0.
    """

    recall_numerator: float = 0.0
    recall_denominator: float = 0.0
    precision_numerator: float = 0.0
    precision_denominator: float = 0.0

    @classmethod
    def from_counts(cls, matched: int, in_a: int, in_b: int) -> Score:
        """``matched`` items found in both, out of ``in_a`` in A and ``in_b`` in B."""
        return cls(matched, in_a, matched, in_b)

    @property
    def recall(self) -> float:
        """Share of A found in B."""
        if not self.recall_denominator:
            return 1.0
        return self.recall_numerator / self.recall_denominator

    @property
    def precision(self) -> float:
        """Share of B found in A."""
        if not self.precision_denominator:
            return 1.0
        return self.precision_numerator / self.precision_denominator

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        if not self.recall_denominator and not self.precision_denominator:
            return 1.0
        if not self.recall_denominator or not self.precision_denominator:
            return 0.0
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def empty(self) -> bool:
        """Whether neither side had anything to score."""
        return not self.recall_denominator and not self.precision_denominator

    def __add__(self, other: Score) -> Score:
        return Score(
            self.recall_numerator + other.recall_numerator,
            self.recall_denominator + other.recall_denominator,
            self.precision_numerator + other.precision_numerator,
            self.precision_denominator + other.precision_denominator,
        )

    def as_dict(self) -> dict[str, float]:
        """Precision, recall and F1, rounded for reports."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


Chain = frozenset[Hashable]
"""An entity as the set of its mentions."""


def deduplicate(chains: Sequence[Chain]) -> list[Chain]:
    """Each mention kept only in the first chain that has it; empty chains dropped.

    Two entities claiming one span is a slip gloss warns about; the reference scorer
    keeps the first claim too, so the scores stay defined.
    """
    seen: set[Hashable] = set()
    kept: list[Chain] = []
    for chain in chains:
        fresh = frozenset(chain - seen)
        seen.update(fresh)
        if fresh:
            kept.append(fresh)
    return kept


def _chain_of(chains: Sequence[Chain]) -> dict[Hashable, int]:
    return {mention: index for index, chain in enumerate(chains) for mention in chain}


def _muc_side(gold: Sequence[Chain], where: dict[Hashable, int]) -> tuple[float, float]:
    """Vilain et al.'s recall of ``gold`` against the other side (``where``: each of its
    mentions → its chain): (found links, needed links)."""
    found = 0
    needed = 0
    for chain in gold:
        parts: set[int] = set()
        alone = 0
        for mention in chain:
            index = where.get(mention)
            if index is None:
                alone += 1  # a mention the other side lacks is a part of its own
            else:
                parts.add(index)
        found += len(chain) - (len(parts) + alone)
        needed += len(chain) - 1
    return found, needed


def muc(key: Sequence[Chain], response: Sequence[Chain]) -> Score:
    """The MUC link-based score (Vilain et al. 1995)."""
    key, response = deduplicate(key), deduplicate(response)
    recall = _muc_side(key, _chain_of(response))
    precision = _muc_side(response, _chain_of(key))
    return Score(*recall, *precision)


def _b_cubed_side(gold: Sequence[Chain], where: dict[Hashable, int]) -> tuple[float, float]:
    total = 0.0
    mentions = 0
    for chain in gold:
        if len(chain) == 1:  # the common case, without building a Counter
            total += 1 if next(iter(chain)) in where else 0
        else:
            shared = Counter(where[m] for m in chain if m in where)
            total += sum(count * count for count in shared.values()) / len(chain)
        mentions += len(chain)
    return total, mentions


def b_cubed(key: Sequence[Chain], response: Sequence[Chain]) -> Score:
    """The B-cubed mention-based score (Bagga & Baldwin 1998)."""
    key, response = deduplicate(key), deduplicate(response)
    return Score(*_b_cubed_side(key, _chain_of(response)), *_b_cubed_side(response, _chain_of(key)))


def phi4(first: Chain, second: Chain) -> float:
    """Luo's entity similarity: ``2 |K ∩ R| / (|K| + |R|)``."""
    return 2 * len(first & second) / (len(first) + len(second))


def ceaf_alignment(
    key: Sequence[Chain], response: Sequence[Chain], where: dict[Hashable, int] | None = None
) -> list[tuple[int, int]]:
    """The (key index, response index) pairs of greatest total φ4 similarity
    (``where``: each response mention → its chain, when already known)."""
    if where is None:
        where = _chain_of(response)
    candidates = [
        (k, where[mention]) for k, chain in enumerate(key) for mention in chain if mention in where
    ]
    return best_pairs(key, response, candidates, lambda k, r: phi4(key[k], response[r]))


def ceaf_e(key: Sequence[Chain], response: Sequence[Chain]) -> Score:
    """The entity-based CEAF score with φ4 (Luo 2005)."""
    key, response = deduplicate(key), deduplicate(response)
    total = sum(phi4(key[k], response[r]) for k, r in ceaf_alignment(key, response))
    return Score(total, len(key), total, len(response))


@dataclass(frozen=True, slots=True)
class Coreference:
    """The three coreference scores and their CoNLL average."""

    muc: Score
    b_cubed: Score
    ceaf_e: Score

    @property
    def conll(self) -> float:
        """The CoNLL score: mean F1 of MUC, B-cubed and CEAF-e."""
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3

    def __add__(self, other: Coreference) -> Coreference:
        return Coreference(
            self.muc + other.muc, self.b_cubed + other.b_cubed, self.ceaf_e + other.ceaf_e
        )


def coreference(key: Sequence[Chain], response: Sequence[Chain]) -> Coreference:
    """MUC, B-cubed and CEAF-e of ``response`` against ``key`` (each chain set read once)."""
    key, response = deduplicate(key), deduplicate(response)
    in_key, in_response = _chain_of(key), _chain_of(response)
    aligned = ceaf_alignment(key, response, in_response)
    similarity = sum(phi4(key[k], response[r]) for k, r in aligned)
    return Coreference(
        Score(*_muc_side(key, in_response), *_muc_side(response, in_key)),
        Score(*_b_cubed_side(key, in_response), *_b_cubed_side(response, in_key)),
        Score(similarity, len(key), similarity, len(response)),
    )
