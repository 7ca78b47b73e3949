"""Identity across documents: which entities (or events) of different articles are one.

Two members (an entity or an event of one document) are the same **corpus entity** (or
corpus event) when they share a ``links`` key and value, such as ``wikidata: Q1028``; the
groups are the connected components of that relation, so ``A~B`` by one key and ``B~C`` by
another puts A, B and C together. Any key counts, not only well-known ones.

Grouping by the same normalised name (or alias) and type is a *guess*: it is only done
when asked, and a group that a guess joined says so (:attr:`Grouping.guessed`), so no view
ever merges silently.

Pure functions, no I/O: the index module stores what these compute.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ENTITY = "entity"
EVENT = "event"


@dataclass(frozen=True, slots=True)
class Member:
    """One document's entity or event, as far as identity is concerned."""

    document: int
    """The document (the index's file id)."""
    id: str
    kind: str
    """``entity`` or ``event``: the two are never grouped together."""
    type: str
    names: tuple[str, ...]
    """Name and aliases (events have none: they are never guessed together)."""
    links: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Grouping:
    """A partition of members into corpus entities/events."""

    groups: tuple[tuple[int, ...], ...]
    """Member indexes per group, each sorted; groups ordered by their first member."""
    guessed: tuple[bool, ...]
    """Per group: True when a name guess (not a shared link) joined parts of it."""

    def group_of(self) -> list[int]:
        """For each member index, the number of its group."""
        owner = [0] * sum(len(group) for group in self.groups)
        for number, group in enumerate(self.groups):
            for member in group:
                owner[member] = number
        return owner


def normalise_name(name: str) -> str:
    """Compatibility-folded, case-folded, with runs of spaces made one: ``Rabat`` ~ ``RABAT``."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


class _Union:
    """Union-find with path halving: near-linear in the number of unions."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, first: int, second: int) -> bool:
        """Join the two sets; True if they were apart."""
        a, b = self.find(first), self.find(second)
        if a == b:
            return False
        if b < a:
            a, b = b, a
        self.parent[b] = a
        return True


def _join_by(union: _Union, keys: Iterable[tuple[int, object]]) -> None:
    first_with: dict[object, int] = {}
    for member, key in keys:
        seen = first_with.setdefault(key, member)
        if seen != member:
            union.union(seen, member)


def _partition(union: _Union, size: int) -> list[tuple[int, ...]]:
    groups: dict[int, list[int]] = {}
    for member in range(size):
        groups.setdefault(union.find(member), []).append(member)
    return sorted((tuple(group) for group in groups.values()), key=lambda group: group[0])


def link_keys(member: Member) -> list[tuple[str, str, str]]:
    """The keys a member is joined on: kind, link key, link value (values stripped)."""
    return [(member.kind, key, value.strip()) for key, value in member.links if value.strip()]


def group_members(members: Sequence[Member], *, guess_by_name: bool = False) -> Grouping:
    """Corpus entities/events: connected groups of shared links (and, if asked, of names).

    Args:
        members: every entity and event of every document.
        guess_by_name: also join entities with the same normalised name or alias and type.
    """
    size = len(members)
    exact = _Union(size)
    _join_by(exact, ((i, key) for i, member in enumerate(members) for key in link_keys(member)))
    if not guess_by_name:
        groups = _partition(exact, size)
        return Grouping(tuple(groups), tuple(False for _ in groups))
    guessed = _Union(size)
    for member in range(size):
        guessed.union(member, exact.find(member))
    _join_by(
        guessed,
        (
            (i, (member.type.casefold(), normalise_name(name)))
            for i, member in enumerate(members)
            if member.kind == ENTITY
            for name in member.names
            if name.strip()
        ),
    )
    groups = _partition(guessed, size)
    # A group is guessed when it holds more than one exact group.
    flags = tuple(len({exact.find(member) for member in group}) > 1 for group in groups)
    return Grouping(tuple(groups), flags)


def group_key(members: Sequence[Member], group: Sequence[int]) -> str:
    """A stable name for a group: its smallest link (``wikidata:Q1028``), or its first member.

    Unlinked members are named ``#DOCUMENT/ID`` (one document's entity on its own).
    """
    links = [f"{key}:{value}" for member in group for _, key, value in link_keys(members[member])]
    if links:
        return f"{members[group[0]].kind}/{min(links)}"
    first = min(group, key=lambda m: (members[m].document, members[m].id))
    return f"{members[first].kind}/#{members[first].document}/{members[first].id}"
