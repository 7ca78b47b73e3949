"""The benchmark's changed copy: every change it makes is found, once."""

from __future__ import annotations

from collections import Counter

from benchmarks.diff import changed_copy
from tui.cli.main import bundled_article
from tui.core.compare.align import Kind, Layer, Side, compare
from tui.core.loading.loader import load


def test_every_changed_mention_is_found_once() -> None:
    """Dropped mentions are only in A, mentions cut short have other boundaries, mentions
    given to an entity of another type have another type: one finding per change."""
    document = load(str(bundled_article())).document
    assert document is not None
    changed, count = changed_copy(document, 0.3, seed=3)
    comparison = compare(Side("a.yaml", document), Side("b.yaml", changed))
    kinds = Counter(f.kind for f in comparison.disagreements if f.layer is Layer.MENTION)
    assert sum(kinds.values()) == count
    assert set(kinds) == {Kind.ONLY_A, Kind.BOUNDARY, Kind.TYPE}
    assert comparison.scores.mentions.recall == (len(document.mentions) - count) / len(
        document.mentions
    )
