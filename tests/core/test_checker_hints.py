"""The checker names the likely slip: near-miss ids, keys and types, a comma in {...},
and only the first cause of a broken entity."""

from __future__ import annotations

from pathlib import Path

from tui.core.text.suggest import did_you_mean, family_members, nearest

from .helpers import check, entity_yaml

KALMAN = entity_yaml("tal-kalman", "PER", "Tal Kalman")
RABAT = entity_yaml("rabat", "GPE", "{quote: Rabat, occurrence: 1}")


def test_nearest_finds_slips_and_case() -> None:
    assert nearest("tal-kalmna", ["tal-kalman", "rabat"]) == "tal-kalman"
    assert nearest("per", ["PER", "ORG"]) == "PER"
    assert nearest("xyz", ["PER", "ORG"]) is None
    assert did_you_mean("PER", ["PER"]) == ""
    assert family_members(
        "Contact.Meeting", ["Contact.Meet", "Contact.Phone-Write", "Life.Die"]
    ) == [
        "Contact.Meet",
        "Contact.Phone-Write",
    ]


def test_a_misspelt_entity_id_gets_a_suggestion(tmp_path: Path) -> None:
    body = (
        "entities:\n"
        + KALMAN
        + RABAT
        + "events:\n"
        + "  - id: visit\n    type: Movement.Transport-Person\n    summary: s\n"
        + "    trigger: visited\n"
        + "    arguments: [{role: Person, entity: tal-kalmna}]\n"
    )
    found = check(tmp_path, body)
    assert any("no entity has the id 'tal-kalmna'; did you mean 'tal-kalman'?" in f for f in found)


def test_a_misspelt_key_gets_a_suggestion(tmp_path: Path) -> None:
    body = (
        "entities:\n  - id: tal-kalman\n    type: PER\n    nmae: Tal\n    mentions: [Tal Kalman]\n"
    )
    found = check(tmp_path, body)
    assert any("unknown key 'nmae'" in f and "did you mean 'name'?" in f for f in found), found


def test_a_misspelt_type_gets_a_suggestion_and_its_family(tmp_path: Path) -> None:
    body = (
        "entities:\n"
        + entity_yaml("tal-kalman", "PRE", "Tal Kalman")
        + "events:\n"
        + "  - id: meeting\n    type: Contact.Meeting\n    summary: s\n    trigger: met\n"
    )
    found = check(tmp_path, body)
    assert any("unknown entity type 'PRE'" in f and "did you mean 'PER'?" in f for f in found)
    event = next(f for f in found if "unknown event type 'Contact.Meeting'" in f)
    assert "Contact.Meet" in event and "did you mean 'Contact.Meet'?" in event


def test_a_comma_in_a_flow_mapping_is_explained(tmp_path: Path) -> None:
    body = (
        "entities:\n"
        + KALMAN
        + "events:\n"
        + "  - id: visit\n    type: Movement.Transport-Person\n    summary: s\n"
        + "    trigger: visited\n"
        + "    date: {value: 2022-03-24, text: March 24, 2022}\n"
    )
    found = check(tmp_path, body)
    comma = next(f for f in found if "unknown key '2022'" in f)
    assert "a comma separates entries" in comma
    assert 'text: "March 24, 2022"' in comma


def test_a_broken_entity_is_reported_once_not_at_every_reference(tmp_path: Path) -> None:
    body = (
        "entities:\n"
        + entity_yaml("tal-kalman", "PER", "Tal Kalmann")
        + "events:\n"
        + "  - id: visit\n    type: Movement.Transport-Person\n    summary: s\n"
        + "    trigger: visited\n"
        + "    arguments: [{role: Person, entity: tal-kalman}]\n"
        + "relations:\n"
        + "  - {type: knows, from: tal-kalman, to: tal-kalman}\n"
    )
    found = check(tmp_path, body)
    assert any("Tal Kalmann" in f for f in found)
    assert not any("no entity has the id" in f for f in found), found
