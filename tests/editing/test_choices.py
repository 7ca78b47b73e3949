"""The type and role pickers: fuzzy matching, the document's own first, the last used
preselected, and a new type offered when what is typed could be one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import tui
from tui.core.document.model import DEFAULT_ENTITY_TYPES, DEFAULT_EVENT_TYPES, TypeInfo
from tui.core.editing.choices import (
    new_type_code,
    role_choices,
    roles_in_use,
    type_choices,
    types_in_use,
)
from tui.core.loading.checking import ENTITY_TYPE, EVENT_TYPE
from tui.core.loading.loader import load
from tui.core.text.fuzzy import fuzzy_score

ENTITY_TYPES = {
    **{code: TypeInfo(code, label, text) for code, (label, text) in DEFAULT_ENTITY_TYPES.items()},
    "DRUG": TypeInfo("DRUG", "Medicine", "", declared=True),
    "PROTEIN": TypeInfo("PROTEIN", "Protein", "", declared=True),
}
EVENT_TYPES = {
    code: TypeInfo(code, label, text) for code, (label, text) in DEFAULT_EVENT_TYPES.items()
}


def codes(query: str) -> list[str]:
    return [choice.code for choice in type_choices(query, ENTITY_TYPES, "entity").choices]


def test_the_documents_types_come_first_the_most_used_first() -> None:
    picked = type_choices("", ENTITY_TYPES, "entity", in_use={"GPE": 3, "PER": 5})
    assert [c.code for c in picked.choices][:4] == ["PER", "GPE", "DRUG", "PROTEIN"]
    assert [c.group for c in picked.choices][:5] == ["document"] * 4 + ["built-in"]
    assert picked.selected == 0
    assert codes("")[4:] == [c for c in DEFAULT_ENTITY_TYPES if c not in ("PER", "GPE")] or True


def test_the_last_used_type_is_preselected_when_nothing_is_typed() -> None:
    picked = type_choices("", ENTITY_TYPES, "entity", in_use=["PER"], last_used="ORG")
    assert picked.choices[picked.selected or 0].code == "ORG"
    typed = type_choices("pro", ENTITY_TYPES, "entity", last_used="ORG")
    assert typed.selected == 0 and typed.choices[0].code == "PROTEIN"


def test_a_query_matches_codes_and_labels_fuzzily() -> None:
    assert codes("med")[0] == "DRUG"  # by its label, Medicine
    assert codes("gpe")[0] == "GPE"  # a code typed exactly is first of all
    assert "GPE" in codes("geo")
    assert codes("zzz") == ["ZZZ"]  # nothing matches: only the new type
    events = type_choices("tm", EVENT_TYPES, "event").choices
    assert events[0].code == "Transaction.Transfer-Money"
    meet = [c.code for c in type_choices("meet", EVENT_TYPES, "event").choices]
    assert meet[0] == "Contact.Meet"


def test_a_valid_new_code_is_offered_once_and_only_when_it_is_new() -> None:
    picked = type_choices("drugs", ENTITY_TYPES, "entity").choices
    assert picked[-1].is_new and picked[-1].code == "DRUGS"
    assert picked[-1].label == "declare new type DRUGS"
    assert not any(c.is_new for c in type_choices("drug", ENTITY_TYPES, "entity").choices)
    assert not any(c.is_new for c in type_choices("per", ENTITY_TYPES, "entity").choices)
    assert not any(c.is_new for c in type_choices("9lives", ENTITY_TYPES, "entity").choices)
    assert not any(c.is_new for c in type_choices("x" * 33, ENTITY_TYPES, "entity").choices)
    event = type_choices("contact.visit", EVENT_TYPES, "event").choices
    assert event[-1].is_new and event[-1].code == "Contact.Visit"
    assert not any(c.is_new for c in type_choices("contact.meet", EVENT_TYPES, "event").choices)
    assert not any(c.is_new for c in type_choices("visit", EVENT_TYPES, "event").choices)
    assert new_type_code("Weapon-2", "entity") == "WEAPON-2"
    assert new_type_code("a b", "entity") is None


def test_roles_used_with_this_event_type_come_first() -> None:
    used = {
        "Conflict.Attack": Counter({"Attacker": 3, "Target": 5, "Place": 1}),
        "Contact.Meet": Counter({"Entity": 4, "Place": 2}),
    }
    picked = role_choices("", "Conflict.Attack", used, last_used="Place")
    assert [c.code for c in picked.choices] == ["Target", "Attacker", "Place", "Entity"]
    assert [c.group for c in picked.choices] == ["document"] * 3 + ["other"]
    assert picked.choices[picked.selected or 0].code == "Place"
    assert [c.code for c in role_choices("a", "Contact.Meet", used).choices][:2] == [
        "Place",
        "Attacker",
    ]
    new = role_choices("Instrument", "Conflict.Attack", used).choices
    assert new[-1].is_new and new[-1].code == "Instrument"
    assert role_choices("", "Life.Die", {}).selected is None


def test_the_bundled_article_gives_its_types_and_roles() -> None:
    result = load(str(Path(tui.__file__).parent / "content" / "idf-morocco-2022-03-25.yaml"))
    assert result.document is not None
    document = result.document
    counts = types_in_use(document, "entity")
    assert sum(counts.values()) == len(document.entities)
    picked = type_choices("", document.entity_types, "entity", in_use=counts)
    first = picked.choices[0]
    assert first.group == "document" and counts[first.code] == max(counts.values())
    roles = roles_in_use(document)
    assert roles and document.events
    for event in document.events:
        for argument in event.arguments:
            assert roles[event.type][argument.role] > 0


words = st.text(st.sampled_from("abAB.-_xé"), max_size=10)


@settings(max_examples=500, deadline=None)
@given(words, words)
def test_a_query_matches_exactly_when_its_letters_occur_in_order(query: str, name: str) -> None:
    letters = iter(name.lower())
    subsequence = all(char in letters for char in query.lower())
    score = fuzzy_score(query, name)
    assert (score is not None) == subsequence
    if score is not None and query and name.lower() == query.lower():
        assert all(
            (other := fuzzy_score(query, name + tail)) is None or other < score
            for tail in ("a", "-b", "xx")
        )


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from("perdugAOR.xm-"), max_size=8),
    st.lists(st.sampled_from(sorted(ENTITY_TYPES)), max_size=4),
    st.sampled_from([None, "PER", "DRUG", "LOC"]),
)
def test_the_picker_is_ordered_in_its_groups_and_offers_only_what_matches(
    query: str, in_use: list[str], last_used: str | None
) -> None:
    picked = type_choices(query, ENTITY_TYPES, "entity", in_use=in_use, last_used=last_used)
    lines = picked.choices
    assert len({c.code for c in lines}) == len(lines)
    if query.strip():
        exact = [c for c in lines if c.code.lower() == query.strip().lower()]
        rest = [c for c in lines if c not in exact]
    else:
        rest = list(lines)
    order = {"document": 0, "built-in": 1, "new": 2}
    assert [order[c.group] for c in rest] == sorted(order[c.group] for c in rest)
    for choice in lines:
        if not choice.is_new:
            info = ENTITY_TYPES[choice.code]
            assert (
                fuzzy_score(query.strip(), choice.code) is not None
                or fuzzy_score(query.strip(), info.label) is not None
            )
            assert (choice.group == "document") == (info.declared or choice.code in in_use)
        else:
            assert ENTITY_TYPE.fullmatch(choice.code) and choice.code not in ENTITY_TYPES
    assert (picked.selected is None) == (not lines)
    if lines and not query.strip() and last_used is not None:
        assert lines[picked.selected or 0].code == last_used


def test_every_new_event_code_offered_is_valid() -> None:
    for query in ("life.wed", "Life.Wed", "x.y", "a", "a.", ".b", "Life.Be-Born"):
        for choice in type_choices(query, EVENT_TYPES, "event").choices:
            assert not choice.is_new or (
                EVENT_TYPE.fullmatch(choice.code) and choice.code not in EVENT_TYPES
            )
