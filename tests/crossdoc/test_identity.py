"""Corpus entities are exactly the connected groups of shared links; guesses are flagged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.corpus.identity import (
    ENTITY,
    EVENT,
    Member,
    group_key,
    group_members,
    normalise_name,
)

_links = st.lists(
    st.tuples(st.sampled_from(["wikidata", "geonames", "id"]), st.sampled_from("abcdef")),
    max_size=3,
)
_members = st.lists(
    st.builds(
        Member,
        document=st.integers(0, 5),
        id=st.sampled_from(["e1", "e2", "e3"]),
        kind=st.sampled_from([ENTITY, EVENT]),
        type=st.sampled_from(["PER", "GPE"]),
        names=st.tuples(st.sampled_from(["Rabat", "rabat", "Laroui"])),
        links=_links.map(tuple),
    ),
    max_size=25,
)


def _shares_link(first: Member, second: Member) -> bool:
    return first.kind == second.kind and bool(set(first.links) & set(second.links))


@settings(max_examples=200, deadline=None)
@given(_members)
def test_groups_are_the_connected_components_of_shared_links(members: list[Member]) -> None:
    grouping = group_members(members)
    owner = grouping.group_of()
    # A partition of every member.
    assert sorted(m for group in grouping.groups for m in group) == list(range(len(members)))
    # Sharing a link puts two members in one group.
    for i, first in enumerate(members):
        for j, second in enumerate(members):
            if _shares_link(first, second):
                assert owner[i] == owner[j]
    # Every group is connected by shared links (a walk reaches all of it).
    for group in grouping.groups:
        reached = {group[0]}
        frontier = [group[0]]
        while frontier:
            current = frontier.pop()
            for other in group:
                if other not in reached and _shares_link(members[current], members[other]):
                    reached.add(other)
                    frontier.append(other)
        assert reached == set(group)
    assert not any(grouping.guessed)


@settings(max_examples=200, deadline=None)
@given(_members)
def test_guessing_only_merges_and_flags_what_it_merged(members: list[Member]) -> None:
    exact = group_members(members).group_of()
    guessed = group_members(members, guess_by_name=True)
    owner = guessed.group_of()
    for i in range(len(members)):
        for j in range(len(members)):
            if exact[i] == exact[j]:
                assert owner[i] == owner[j]  # a guess never splits a linked group
    for group, flag in zip(guessed.groups, guessed.guessed, strict=True):
        assert flag == (len({exact[m] for m in group}) > 1)
        kinds = {members[m].kind for m in group}
        assert len(kinds) == 1  # entities and events never mix


def test_links_chain_across_keys() -> None:
    members = [
        Member(1, "a", ENTITY, "GPE", ("Rabat",), (("wikidata", "Q1028"),)),
        Member(2, "b", ENTITY, "GPE", ("Rabat",), (("wikidata", "Q1028"), ("geonames", "2"))),
        Member(3, "c", ENTITY, "GPE", ("Rabat",), (("geonames", "2"),)),
        Member(4, "d", ENTITY, "GPE", ("Rabat",), ()),
    ]
    grouping = group_members(members)
    assert grouping.groups == ((0, 1, 2), (3,))
    assert group_key(members, grouping.groups[0]) == "entity/geonames:2"
    assert group_key(members, grouping.groups[1]) == "entity/#4/d"
    guessed = group_members(members, guess_by_name=True)
    assert guessed.groups == ((0, 1, 2, 3),)
    assert guessed.guessed == (True,)


def test_same_name_other_type_is_not_guessed_together() -> None:
    members = [
        Member(1, "a", ENTITY, "GPE", ("Jordan",), ()),
        Member(2, "b", ENTITY, "PER", ("Jordan",), ()),
    ]
    assert len(group_members(members, guess_by_name=True).groups) == 2


def test_names_are_normalised() -> None:
    assert normalise_name("  Nadia\u00a0 LAROUI ") == "nadia laroui"
