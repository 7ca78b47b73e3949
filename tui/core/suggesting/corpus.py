"""What the library's index knows: its corpus entities as :class:`Known` entities.

The entities of every indexed article are grouped as the entity index groups them when
it guesses (shared links, or the same type and name: :mod:`tui.core.corpus.identity`),
so a name that fourteen articles annotate, linked or not, is one entity "known in 14
articles". The article being annotated is left out (its own entities are the file's,
as they are now, not as they were indexed).

Reading the members and grouping them is what costs (seconds on a 10,000-article
index); :class:`CorpusNames` does it once per generation of the index's files and keeps
each group's entity, so leaving one article out only works again the groups it is in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tui.core.corpus.backend import CorpusStore
from tui.core.corpus.entities import entity_members
from tui.core.corpus.identity import Member, group_key, group_members
from tui.core.suggesting.names import NameFinder
from tui.core.suggesting.suggestions import Known, build_finder, corpus_score


def _known_of(
    members: Sequence[Member], group: Sequence[int], key: str, leave_out: int | None
) -> Known | None:
    """The entity of one group without document ``leave_out``'s part (None: nothing is
    left of it, or it has no name)."""
    kept = [members[i] for i in group if members[i].document != leave_out]
    if not kept:
        return None
    documents = len({member.document for member in kept})
    names: list[str] = []
    seen: set[str] = set()
    for member in kept:
        for name in member.names:
            if name.strip() and name not in seen:
                seen.add(name)
                names.append(name)
    if not names:
        return None
    main = _most_common([member.names[0] for member in kept if member.names])
    names.remove(main)
    links = sorted({(k, v.strip()) for m in kept for k, v in m.links if v.strip()})
    unique_links: list[tuple[str, str]] = []
    for link_key, value in links:
        if all(link_key != other for other, _ in unique_links):
            unique_links.append((link_key, value))  # a new entity gets one value per name
    return Known(
        source="corpus",
        type=_most_common([member.type for member in kept]),
        name=main,
        names=(main, *names),
        key=key,
        links=tuple(unique_links),
        documents=documents,
        score=corpus_score(documents),
    )


def known_from_members(members: Sequence[Member], *, leave_out: int | None = None) -> list[Known]:
    """The corpus entities of ``members`` (entities only), without document
    ``leave_out``'s part in them; a group only that document has is left out."""
    grouping = group_members(members, guess_by_name=True)
    found = (
        _known_of(members, group, group_key(members, group), leave_out) for group in grouping.groups
    )
    return [known for known in found if known is not None]


def _most_common(values: Sequence[str]) -> str:
    """The most common value, the first seen among equals (a Counter keeps that order)."""
    return Counter(values).most_common(1)[0][0]


class CorpusNames:
    """The corpus entities of one index, grouped once per generation of its files.

    :meth:`known` and :meth:`finder` ask the index for its generation (one small
    query); while it is the same, the grouping is not worked out again, and the finder
    of the last article asked for is kept as it is.
    """

    def __init__(self) -> None:
        self.generation: tuple[int, str] | None = None
        """The index (its identity) and the generation of its files grouped last."""
        self.groupings = 0
        """How many times the members were read and grouped."""
        self._members: list[Member] = []
        self._groups: list[tuple[int, ...]] = []
        self._keys: list[str] = []
        self._whole: list[Known | None] = []
        """Each group's entity with nothing left out."""
        self._of_document: dict[int, list[int]] = {}
        """The groups each document has a member in."""
        self._finder: tuple[int | None, NameFinder[Known]] | None = None

    def _update(self, index: CorpusStore) -> None:
        generation = (id(index), index.answer(lambda: index.group_stamps()[0]))
        if generation == self.generation:
            return
        members = index.answer(lambda: entity_members(index))
        grouping = group_members(members, guess_by_name=True)
        self._members = members
        self._groups = list(grouping.groups)
        self._keys = [group_key(members, group) for group in self._groups]
        self._whole = [
            _known_of(members, group, key, None)
            for group, key in zip(self._groups, self._keys, strict=True)
        ]
        self._of_document = {}
        for number, group in enumerate(self._groups):
            for document in {members[i].document for i in group}:
                self._of_document.setdefault(document, []).append(number)
        self._finder = None
        self.generation = generation
        self.groupings += 1

    def known(self, index: CorpusStore, *, leave_out: int | None = None) -> list[Known]:
        """The corpus entities of the index, without document ``leave_out``'s part."""
        self._update(index)
        changed = (
            {
                number: _known_of(
                    self._members, self._groups[number], self._keys[number], leave_out
                )
                for number in self._of_document.get(leave_out, ())
            }
            if leave_out is not None
            else {}
        )
        found = (changed.get(number, whole) for number, whole in enumerate(self._whole))
        return [known for known in found if known is not None]

    def finder(self, index: CorpusStore, *, leave_out: int | None = None) -> NameFinder[Known]:
        """The names of :meth:`known`, to be found in an article."""
        self._update(index)
        if self._finder is not None and self._finder[0] == leave_out:
            return self._finder[1]
        finder = build_finder(self.known(index, leave_out=leave_out))
        self._finder = (leave_out, finder)
        return finder


def corpus_known(index: CorpusStore, *, leave_out: int | None = None) -> list[Known]:
    """The corpus entities of the index (``leave_out``: a file id to leave out)."""
    return CorpusNames().known(index, leave_out=leave_out)
