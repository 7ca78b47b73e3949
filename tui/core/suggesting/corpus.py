"""What the library's index knows: its corpus entities as :class:`Known` entities.

The entities of every indexed article are grouped as the entity index groups them when
it guesses (shared links, or the same type and name: :mod:`tui.core.corpus.identity`),
so a name that fourteen articles annotate, linked or not, is one entity "known in 14
articles". The article being annotated is left out (its own entities are the file's,
as they are now, not as they were indexed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tui.core.corpus.backend import CorpusStore
from tui.core.corpus.entities import entity_members
from tui.core.corpus.identity import Member, group_key, group_members
from tui.core.suggesting.suggestions import Known, corpus_score


def known_from_members(members: Sequence[Member], *, leave_out: int | None = None) -> list[Known]:
    """The corpus entities of ``members`` (entities only), without document
    ``leave_out``'s part in them; a group only that document has is left out."""
    grouping = group_members(members, guess_by_name=True)
    found: list[Known] = []
    for group in grouping.groups:
        kept = [members[i] for i in group if members[i].document != leave_out]
        if not kept:
            continue
        documents = len({member.document for member in kept})
        names: list[str] = []
        seen: set[str] = set()
        for member in kept:
            for name in member.names:
                if name.strip() and name not in seen:
                    seen.add(name)
                    names.append(name)
        if not names:
            continue
        main = _most_common([member.names[0] for member in kept if member.names])
        names.remove(main)
        links = sorted({(k, v.strip()) for m in kept for k, v in m.links if v.strip()})
        unique_links: list[tuple[str, str]] = []
        for key, value in links:
            if all(key != other for other, _ in unique_links):
                unique_links.append((key, value))  # a new entity gets one value per name
        found.append(
            Known(
                source="corpus",
                type=_most_common([member.type for member in kept]),
                name=main,
                names=(main, *names),
                key=group_key(members, group),
                links=tuple(unique_links),
                documents=documents,
                score=corpus_score(documents),
            )
        )
    return found


def _most_common(values: Sequence[str]) -> str:
    """The most common value, the first seen among equals (a Counter keeps that order)."""
    return Counter(values).most_common(1)[0][0]


def corpus_known(index: CorpusStore, *, leave_out: int | None = None) -> list[Known]:
    """The corpus entities of the index (``leave_out``: a file id to leave out)."""
    members = index.answer(lambda: entity_members(index))
    return known_from_members(members, leave_out=leave_out)
