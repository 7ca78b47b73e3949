"""``type:`` and ``event:`` against the corpus's types: prefixes, short forms, unknown types."""

from __future__ import annotations

from tui.core.corpus.query import QueryPlan, Term, parse_query
from tui.core.corpus.type_filters import folded_type, resolve_types
from tui.core.text.fitting import distinct_suffixes, fit_type_names

ENTITY_TYPES = ["HUMAN_PART_ORG", "HUMAN_PART_PER", "LOC_FAC", "NON_HUMAN_PART", "TIME_DATE"]
EVENT_TYPES = ["ACTION.OCCURRENCE", "ACTION.REPORTING", "NEG-ACTION.OCCURRENCE"]


def plan_of(query: str) -> QueryPlan:
    plan = parse_query(query)
    assert isinstance(plan, QueryPlan)
    return plan


def test_a_type_prefix_takes_every_type_it_starts_in_any_case() -> None:
    resolution = resolve_types(plan_of("type:human_part reid"), ENTITY_TYPES, EVENT_TYPES)
    assert resolution.plan.types == ("HUMAN_PART_ORG", "HUMAN_PART_PER")
    assert resolution.notes == () and not resolution.hopeless


def test_a_short_form_names_its_type() -> None:
    resolution = resolve_types(plan_of("type:PER"), ENTITY_TYPES, EVENT_TYPES)
    assert resolution.plan.types == ("HUMAN_PART_PER",)


def test_event_types_follow_the_same_rule_separators_alike() -> None:
    assert folded_type("ACTION_OCCURRENCE") == folded_type("action.occurrence")
    resolution = resolve_types(plan_of("event:action_occ"), ENTITY_TYPES, EVENT_TYPES)
    assert resolution.plan.event_types == ("ACTION.OCCURRENCE",)
    resolution = resolve_types(plan_of("event:action"), ENTITY_TYPES, EVENT_TYPES)
    assert resolution.plan.event_types == ("ACTION.OCCURRENCE", "ACTION.REPORTING")


def test_an_unknown_entity_type_is_named_with_the_nearest() -> None:
    resolution = resolve_types(plan_of("type:HUMAN_PAT reid"), ENTITY_TYPES, EVENT_TYPES)
    assert resolution.hopeless
    (note,) = resolution.notes
    assert note.startswith("no entity type 'HUMAN_PAT'; entity types here: HUMAN_PART_")


def test_an_unknown_event_type_searches_the_triggers() -> None:
    resolution = resolve_types(plan_of("event:escape"), ENTITY_TYPES, EVENT_TYPES)
    assert not resolution.hopeless
    assert resolution.plan.event_types == ()
    assert resolution.plan.triggers == (Term(("escape",), prefix=True),)
    assert resolution.plan.event_filtered
    (note,) = resolution.notes
    assert note.startswith("no event type 'escape'")
    assert "event types here: ACTION." in note


def test_short_forms_keep_names_apart() -> None:
    names = [*ENTITY_TYPES, "HUMAN_PART_FAC", "HUMAN_PART", *EVENT_TYPES]
    shorts = distinct_suffixes(names)
    assert shorts["HUMAN_PART_PER"] == "PER"
    assert shorts["HUMAN_PART_ORG"] == "ORG"
    assert shorts["TIME_DATE"] == "DATE"
    assert shorts["LOC_FAC"] == "LOC_FAC"  # FAC would also be HUMAN_PART_FAC's
    assert shorts["NON_HUMAN_PART"] == "NON_HUMAN_PART"  # HUMAN_PART is a type itself
    assert shorts["ACTION.OCCURRENCE"] == "ACTION.OCCURRENCE"
    assert len(set(shorts.values())) == len(names)


def test_type_names_are_whole_when_they_fit() -> None:
    assert fit_type_names(ENTITY_TYPES, 14)["HUMAN_PART_PER"] == "HUMAN_PART_PER"
    shown = fit_type_names(ENTITY_TYPES, 8)
    assert shown["HUMAN_PART_PER"] == "PER" and shown["LOC_FAC"] == "LOC_FAC"
    assert len(set(shown.values())) == len(ENTITY_TYPES)
    assert all(len(text) <= 8 for text in shown.values())
