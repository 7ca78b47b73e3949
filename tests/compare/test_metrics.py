"""The agreement figures against worked examples from the papers and the reference scorer.

The reference scorer is the CoNLL coreference scorer of Pradhan et al. 2014 ("Scoring
Coreference Partitions of Predicted Mentions: A Reference Implementation", ACL 2014);
its test suite (test/TestCases.README and test/CorefMetricTestConfig.pm in
conll/reference-coreference-scorers) lists small keys and responses with the expected
recall and precision. Mentions are letters there; here they are one-letter strings.
"""

from __future__ import annotations

import pytest

from tui.core.compare.assignment import best_pairs, greedy_assignment, maximum_assignment
from tui.core.compare.metrics import (
    Chain,
    Score,
    b_cubed,
    ceaf_e,
    coreference,
    deduplicate,
    muc,
)


def chains(*groups: str) -> list[Chain]:
    """Chains from strings of one-letter mentions: ``chains("a", "bc")``."""
    return [frozenset(group) for group in groups]


def close(score: Score, recall: float, precision: float) -> None:
    assert score.recall == pytest.approx(recall, abs=1e-5)
    assert score.precision == pytest.approx(precision, abs=1e-5)


KEY_A = chains("a", "bc", "def")
"""The key of the reference scorer's test cases TC-A-1 … TC-A-13 (TestCases.README)."""


def test_perfect_response_scores_one() -> None:
    """Reference scorer case A1 (TC1 in TestCases.README): the response equals the key."""
    result = coreference(KEY_A, chains("a", "bc", "def"))
    for score in (result.muc, result.b_cubed, result.ceaf_e):
        close(score, 1, 1)
    assert result.conll == pytest.approx(1)


def test_missing_mentions_and_entities() -> None:
    """Reference scorer case A2 (TC2): response {a} {de}. Expected MUC [1/3, 1],
    B-cubed [(7/3)/6, 3/3], CEAF-e [0.6, 0.9] (CorefMetricTestConfig.pm)."""
    result = coreference(KEY_A, chains("a", "de"))
    close(result.muc, 1 / 3, 1)
    close(result.b_cubed, (7 / 3) / 6, 1)
    close(result.ceaf_e, 0.6, 0.9)
    assert result.b_cubed.f1 == pytest.approx(14 / 25)


def test_false_alarm_mentions_and_entities() -> None:
    """Reference scorer case A3 (TC3): response {a} {bcx} {defy} {z}. Expected MUC
    [3/3, 3/5], B-cubed [6/6, (4+7/12)/9], CEAF-e [0.88571, 0.66429]."""
    result = coreference(KEY_A, chains("a", "bcx", "defy", "z"))
    close(result.muc, 1, 3 / 5)
    close(result.b_cubed, 1, (4 + 7 / 12) / 9)
    close(result.ceaf_e, 0.88571, 0.66429)


def test_missing_and_false_alarm_mentions() -> None:
    """Reference scorer case A4 (TC4): response {a} {bcx} {dy} {z}. Expected MUC
    [1/3, 1/3], B-cubed [(3+1/3)/6, (1+4/3+1/2)/7], CEAF-e [0.73333, 0.55]."""
    result = coreference(KEY_A, chains("a", "bcx", "dy", "z"))
    close(result.muc, 1 / 3, 1 / 3)
    close(result.b_cubed, (3 + 1 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 7)
    close(result.ceaf_e, 0.73333, 0.55)


def test_overlapping_mention_in_aligned_entity() -> None:
    """Reference scorer case A5 (TC5): response {a} {bcxB} {dy} {z}, where B is another
    mention overlapping b. Expected MUC [1/3, 1/4], B-cubed [(3+1/3)/6, 2.5/8],
    CEAF-e [0.68889, 0.51667]."""
    result = coreference(KEY_A, chains("a", "bcxB", "dy", "z"))
    close(result.muc, 1 / 3, 1 / 4)
    close(result.b_cubed, (3 + 1 / 3) / 6, 2.5 / 8)
    close(result.ceaf_e, 0.68889, 0.51667)


def test_overlapping_mention_in_unaligned_entity() -> None:
    """Reference scorer case A6 (TC6): response {a} {bcx} {dy} {Bz}. Expected MUC
    [1/3, 1/4], B-cubed [(10/3)/6, (1+4/3+1/2)/8], CEAF-e [0.73333, 0.55]."""
    result = coreference(KEY_A, chains("a", "bcx", "dy", "Bz"))
    close(result.muc, 1 / 3, 1 / 4)
    close(result.b_cubed, (10 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 8)
    close(result.ceaf_e, 0.73333, 0.55)


def test_duplicate_mention_in_another_entity_is_dropped() -> None:
    """Reference scorer case A8 (TC8, "de-dup"): response {a} {bcx} {dy} {bz}, where the
    second b repeats a mention already in {bcx}; de-duplicated it scores as A4."""
    response = chains("a", "bcx", "dy", "bz")
    assert deduplicate(response) == chains("a", "bcx", "dy", "z")
    result = coreference(KEY_A, response)
    close(result.muc, 1 / 3, 1 / 3)
    close(result.b_cubed, (10 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 7)
    close(result.ceaf_e, 0.73333, 0.55)


BAGGA_KEY = [frozenset(range(1, 6)), frozenset({6, 7}), frozenset(range(8, 13))]
"""Bagga & Baldwin 1998, section 2: the key of three chains, mentions 1–5, 6–7 and 8–12
(A, B, C in the paper's figure); the reference scorer has it as TC-D / TC-E."""


def test_bagga_baldwin_merging_the_small_chain() -> None:
    """Bagga & Baldwin 1998: response joining 6–7 with 8–12. MUC cannot tell it from the
    worse response below (recall 1, precision 9/10 both times); B-cubed precision is
    16/21. Reference scorer case D1: MUC [9/9, 9/10], B-cubed [12/12, 16/21]."""
    response = [frozenset(range(1, 6)), frozenset(range(6, 13))]
    close(muc(BAGGA_KEY, response), 1, 9 / 10)
    close(b_cubed(BAGGA_KEY, response), 1, 16 / 21)


def test_bagga_baldwin_merging_the_large_chains() -> None:
    """Bagga & Baldwin 1998: response joining 1–5 with 8–12: the same MUC score, but
    B-cubed precision 7/12. Reference scorer case E1: MUC [9/9, 9/10], B-cubed [1, 7/12]."""
    response = [frozenset(range(1, 6)) | frozenset(range(8, 13)), frozenset({6, 7})]
    close(muc(BAGGA_KEY, response), 1, 9 / 10)
    close(b_cubed(BAGGA_KEY, response), 1, 7 / 12)


def test_vilain_single_chain_split_in_two() -> None:
    """Vilain et al. 1995, section 2: key A-B-C-D as one chain, response A-B and C-D: one
    of the three links is missing (recall (4-2)/(4-1) = 2/3), nothing wrong is linked
    (precision 1). Swapping key and response swaps recall and precision."""
    close(muc(chains("ABCD"), chains("AB", "CD")), 2 / 3, 1)
    close(muc(chains("AB", "CD"), chains("ABCD")), 1, 2 / 3)


def test_ceaf_luo_entity_similarity_by_hand() -> None:
    """Luo 2005, section 2, φ4 on the Bagga & Baldwin key with the response that merges
    6–7 and 8–12, worked by hand: the best alignment pairs 1–5 with 1–5 (φ4 = 1) and
    8–12 with 6–12 (φ4 = 2·5/12); 6–7 stays alone, so recall is (1 + 10/12)/3 and
    precision (1 + 10/12)/2."""
    response = [frozenset(range(1, 6)), frozenset(range(6, 13))]
    total = 1 + 10 / 12
    close(ceaf_e(BAGGA_KEY, response), total / 3, total / 2)


def test_empty_sides() -> None:
    """Nothing on either side agrees fully; something on one side only scores 0."""
    assert coreference([], []).conll == 1
    assert Score.from_counts(0, 0, 0).f1 == 1
    assert Score.from_counts(0, 3, 0).f1 == 0
    assert Score.from_counts(0, 0, 2).f1 == 0


def test_scores_add_up_as_counts() -> None:
    total = Score.from_counts(1, 2, 2) + Score.from_counts(3, 3, 4)
    assert (total.recall, total.precision) == (4 / 5, 4 / 6)


def test_maximum_assignment_finds_the_optimum_not_the_greedy_choice() -> None:
    """Greedy would take the 9 and be left with 1 + 1; the best total is 8 + 8."""
    weights = [[9, 8, 0], [8, 1, 0], [0, 1, 1]]
    assert maximum_assignment(weights) == [(0, 1), (1, 0), (2, 2)]


def test_maximum_assignment_rectangular_both_ways() -> None:
    assert maximum_assignment([[1, 5, 2]]) == [(0, 1)]
    assert maximum_assignment([[1], [5], [2]]) == [(1, 0)]
    assert maximum_assignment([]) == []


def test_best_pairs_solves_groups_separately() -> None:
    weights = {(0, 0): 1.0, (1, 1): 0.5, (1, 2): 0.9, (2, 2): 1.0}
    pairs = best_pairs([0, 1, 2], [0, 1, 2], weights, lambda i, j: weights[(i, j)])
    assert pairs == [(0, 0), (1, 1), (2, 2)]


def test_greedy_fallback_for_huge_groups_stays_fast() -> None:
    """A chaotic pairing (every key chain sharing mentions with every response chain)
    is matched greedily rather than by the cubic exact method."""
    key = [frozenset((row, column) for column in range(300)) for row in range(300)]
    response = [frozenset((row, column) for row in range(300)) for column in range(300)]
    result = ceaf_e(key, response)
    assert 0 < result.f1 < 0.01


def test_greedy_assignment_takes_the_heaviest_first() -> None:
    assert greedy_assignment([[9, 8, 0], [8, 1, 0], [0, 1, 1]]) == [(0, 0), (1, 1), (2, 2)]
