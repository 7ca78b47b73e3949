"""Happenings of several documents on one timeline: folded across documents by ``links``.

Pure. Each document's happenings come from :mod:`tui.core.timeline.happenings`; happenings (of any
documents) that share a ``links`` name/value pair are one happening told in several
places, folded transitively into the first of them with every telling.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import replace

from tui.core.document.model import Document, Event
from tui.core.timeline.happenings import Happening, days_covered, happenings_in_text_order

LinkPair = tuple[str, str]


def groups_sharing(keys: Sequence[Iterable[Hashable]]) -> list[list[int]]:
    """Indices of ``keys`` grouped so that any two sharing a key are together
    (transitively); groups and their members in index order."""
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Hashable, int] = {}
    for i, item_keys in enumerate(keys):
        for key in item_keys:
            if key in owner:
                a, b = root(owner[key]), root(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[key] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(keys)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _most_precise(members: Sequence[Happening]) -> Happening:
    dated = [m for m in members if m.date is not None]
    if not dated:
        return members[0]
    return min(
        dated, key=lambda m: (days_covered(m.date), m.date.is_range) if m.date else (0, False)
    )


def corpus_happenings(
    documents: Sequence[Document],
    links_of: Callable[[int, Event], Iterable[LinkPair]] | None = None,
) -> tuple[list[Happening], dict[int, int]]:
    """Every happening of ``documents`` in document then text order, folded by shared
    links, and the index of the document each telling comes from (keyed by ``id(event)``).

    ``links_of(document_index, event)`` gives an event's ``links`` pairs (by default its
    own ``links``).
    """
    members: list[Happening] = []
    keys: list[set[LinkPair]] = []
    document_of: dict[int, int] = {}
    for number, document in enumerate(documents):
        for happening in happenings_in_text_order(document):
            pairs: set[LinkPair] = set()
            for telling in happening.tellings:
                document_of[id(telling)] = number
                pairs.update(links_of(number, telling) if links_of else telling.links)
            members.append(happening)
            keys.append(pairs)
    folded: list[Happening] = []
    for group in groups_sharing(keys):
        group_members = [members[i] for i in group]
        # The date (and its words) of the most precise member; every telling, the first
        # member's first, so that one stands for the happening.
        best = _most_precise(group_members)
        tellings = tuple(t for member in group_members for t in member.tellings)
        folded.append(replace(best, tellings=tellings, text_order=len(folded)))
    return folded, document_of
