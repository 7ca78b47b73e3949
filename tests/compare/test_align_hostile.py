"""Comparisons of built documents: edge cases and inputs that try to be slow."""

from __future__ import annotations

from tui.core.compare.align import Kind, Side, compare
from tui.core.document.model import Document, DocumentInfo, Entity, Mention, Span


def document(text: str, entities: dict[str, tuple[str, list[tuple[int, int]]]]) -> Document:
    """A document from ``{id: (type, [(start, end), …])}``."""
    built = [
        Entity(
            entity_id,
            entity_type,
            entity_id,
            (),
            None,
            (),
            tuple(Mention(Span(*span), entity_id, i) for i, span in enumerate(sorted(spans))),
        )
        for entity_id, (entity_type, spans) in entities.items()
    ]
    return Document(DocumentInfo("doc", None, None, None, "doc.txt"), text, tuple(built), (), ())


def test_one_huge_mention_does_not_make_overlap_pairing_quadratic() -> None:
    """Every mention of B is shifted by one character and B has one mention over the
    whole text: each A mention still finds its partner among its neighbours."""
    words = 6_000
    text = "word " * words
    a_spans = [(5 * n, 5 * n + 4) for n in range(words)]
    b_spans = [(5 * n + 1, 5 * n + 4) for n in range(words)]
    a = document(text, {"many": ("PER", a_spans)})
    b = document(text, {"many": ("PER", b_spans), "all": ("ORG", [(0, len(text))])})
    comparison = compare(Side("a.yaml", a), Side("b.yaml", b))
    counts = comparison.counts()
    assert counts[Kind.BOUNDARY.value] == words
    assert counts[Kind.ONLY_B.value] == 1
    assert comparison.scores.mentions_overlap.recall == 1


def test_the_same_span_claimed_twice_pairs_one_to_one() -> None:
    text = "Alice met Bob."
    a = document(text, {"alice": ("PER", [(0, 5)]), "also": ("PER", [(0, 5)])})
    b = document(text, {"x": ("PER", [(0, 5)])})
    counts = compare(Side("a.yaml", a), Side("b.yaml", b)).counts()
    assert counts[Kind.BOTH.value] == 1 and counts[Kind.ONLY_A.value] == 1


def test_empty_documents_agree() -> None:
    a = document("Nothing here.", {})
    comparison = compare(Side("a.yaml", a), Side("b.yaml", a))
    assert comparison.agree
    assert comparison.scores.headline() == {}
