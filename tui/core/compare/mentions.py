"""Pairing mentions one to one: same span first, then overlapping spans."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.core.compare.findings import Finding, Kind, Layer, Side, quote
from tui.core.compare.metrics import Chain
from tui.core.compare.textmap import TextMap
from tui.core.document.diagnostics import Position
from tui.core.document.model import Span

_SHORT = 256
"""Spans up to this many characters are looked up by bisection (see pair_overlapping)."""


# -- mentions ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MentionItem:
    span: Span
    """In A's text."""
    type: str
    entity_id: str
    position: Position
    words: str


def mentions_of(
    side: Side, text_map: TextMap | None
) -> tuple[list[MentionItem], list[MentionItem]]:
    """A side's mentions in A's offsets, and those that could not be carried over."""
    document = side.document
    placed: list[MentionItem] = []
    lost: list[MentionItem] = []
    for entity in document.entities:
        for mention in entity.mentions:
            words = document.text[mention.span.start : mention.span.end]
            where = side.source.mention(entity.id, mention.span)
            span = mention.span if text_map is None else text_map.span_in_a(mention.span)
            if span is None:
                lost.append(MentionItem(mention.span, entity.type, entity.id, where, words))
            else:
                placed.append(MentionItem(span, entity.type, entity.id, where, words))
    return placed, lost


def pair_exact(
    a_items: Sequence[MentionItem], b_items: Sequence[MentionItem]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], set[int], set[int]]:
    """Same-span pairs: first those of the same type, then those of another."""
    by_span: dict[tuple[int, int], list[int]] = {}  # plain tuples hash faster than Spans
    for index, item in enumerate(a_items):
        by_span.setdefault((item.span.start, item.span.end), []).append(index)
    used_a: set[int] = set()
    used_b: set[int] = set()
    same: list[tuple[int, int]] = []
    other: list[tuple[int, int]] = []
    for want_same_type in (True, False):
        for b_index, b_item in enumerate(b_items):
            if b_index in used_b:
                continue
            for a_index in by_span.get((b_item.span.start, b_item.span.end), ()):
                if a_index in used_a:
                    continue
                if (a_items[a_index].type == b_item.type) is want_same_type:
                    (same if want_same_type else other).append((a_index, b_index))
                    used_a.add(a_index)
                    used_b.add(b_index)
                    break
    return same, other, used_a, used_b


def pair_overlapping(
    a_items: Sequence[MentionItem],
    b_items: Sequence[MentionItem],
    used_a: set[int],
    used_b: set[int],
) -> list[tuple[int, int]]:
    """Overlapping pairs among what is left: same type first, then the widest overlap."""
    left_b = [i for i in range(len(b_items)) if i not in used_b]
    if not left_b:
        return []
    # Short spans are found by bisection in a window as wide as the longest short one;
    # the few long ones (a whole sentence) are tried one by one, so that one long span
    # does not make every look-up scan everything.
    free_b = sorted((b_items[i].span.start, i) for i in left_b if len(b_items[i].span) <= _SHORT)
    long_b = [i for i in left_b if len(b_items[i].span) > _SHORT]
    starts = [start for start, _ in free_b]
    longest = max((len(b_items[i].span) for _, i in free_b), default=0)
    pairs: list[tuple[int, int]] = []
    free_a = sorted((a_items[i].span.start, i) for i in range(len(a_items)) if i not in used_a)
    for _, a_index in free_a:
        a_item = a_items[a_index]
        first = bisect.bisect_left(starts, a_item.span.start - longest)
        stop = bisect.bisect_left(starts, a_item.span.end)
        best: tuple[bool, int, int] | None = None
        window = [b_index for _, b_index in free_b[first:stop]]
        for b_index in (*window, *long_b):
            if b_index in used_b:
                continue
            b_span = b_items[b_index].span
            shared = min(a_item.span.end, b_span.end) - max(a_item.span.start, b_span.start)
            if shared <= 0:
                continue
            candidate = (b_items[b_index].type == a_item.type, shared, -b_index)
            if best is None or candidate > best:
                best = candidate
        if best is not None:
            b_index = -best[2]
            used_a.add(a_index)
            used_b.add(b_index)
            pairs.append((a_index, b_index))
    return pairs


def compare_mentions(
    a_items: Sequence[MentionItem], b_items: Sequence[MentionItem]
) -> tuple[list[Finding], dict[str, list[int]], list[tuple[int, int]]]:
    """Findings for mentions, per type the counts [exact, overlap, in A, in B], and every
    pair (A index, B index) that stands for one mention (same or overlapping span)."""
    same, other_type, used_a, used_b = pair_exact(a_items, b_items)
    overlapping = pair_overlapping(a_items, b_items, used_a, used_b)
    counts: dict[str, list[int]] = {}

    def count(code: str, slot: int) -> None:
        counts.setdefault(code, [0, 0, 0, 0])[slot] += 1

    for item in a_items:
        count(item.type, 2)
    for item in b_items:
        count(item.type, 3)
    findings: list[Finding] = []
    for a_index, b_index in same:
        a, b = a_items[a_index], b_items[b_index]
        count(a.type, 0)
        count(a.type, 1)
        findings.append(
            Finding(
                Kind.BOTH,
                Layer.MENTION,
                f"{a.type} {quote(a.words)}",
                a.span,
                a_position=a.position,
                b_position=b.position,
            )
        )
    for a_index, b_index in other_type:
        a, b = a_items[a_index], b_items[b_index]
        findings.append(
            Finding(
                Kind.TYPE,
                Layer.MENTION,
                f"{quote(a.words)} {a.type} in A, {b.type} in B",
                a.span,
                a_position=a.position,
                b_position=b.position,
            )
        )
    for a_index, b_index in overlapping:
        a, b = a_items[a_index], b_items[b_index]
        if a.type == b.type:
            count(a.type, 1)
        findings.append(
            Finding(
                Kind.BOUNDARY,
                Layer.MENTION,
                f"{a.type} {quote(a.words)} in A, {b.type} {quote(b.words)} in B",
                a.span,
                other_span=b.span,
                a_position=a.position,
                b_position=b.position,
            )
        )
    for index, a in enumerate(a_items):
        if index not in used_a:
            message = f"{a.type} {quote(a.words)}"
            findings.append(
                Finding(Kind.ONLY_A, Layer.MENTION, message, a.span, a_position=a.position)
            )
    for index, b in enumerate(b_items):
        if index not in used_b:
            message = f"{b.type} {quote(b.words)}"
            findings.append(
                Finding(Kind.ONLY_B, Layer.MENTION, message, b.span, b_position=b.position)
            )
    return findings, counts, [*same, *other_type, *overlapping]


# -- entities as chains ---------------------------------------------------------------


def chains_of(items: Iterable[MentionItem], entity_ids: Sequence[str]) -> list[Chain]:
    """Each entity as the set of its mentions' (start, end) in A's text."""
    grouped: dict[str, set[tuple[int, int]]] = {entity_id: set() for entity_id in entity_ids}
    for item in items:
        grouped[item.entity_id].add((item.span.start, item.span.end))
    return [frozenset(grouped[entity_id]) for entity_id in entity_ids]
