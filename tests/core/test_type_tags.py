"""Type tags for NO_COLOR: short distinct tags, where a line has room, outside the text."""

from __future__ import annotations

from tui.core.document.model import Mention, Span
from tui.core.reading.type_tags import Marker, offset_at_cell, plan_markers, type_tags

TEXT = "Alice met Bob in Paris."


def mention(entity: str, start: int, end: int) -> Mention:
    return Mention(Span(start, end), entity, 0)


ALICE = mention("alice", 0, 5)
BOB = mention("bob", 10, 13)
PARIS = mention("paris", 17, 22)
TYPES = {"alice": "PER", "bob": "PER", "paris": "GPE", "city": "GPE_CITY"}
TAGS = {"PER": "PER", "GPE": "GPE"}


def plan(width: int, *mentions: Mention, shown: frozenset[str] | None = None) -> list[Marker]:
    return plan_markers(list(mentions), TYPES, TAGS, TEXT, 0, len(TEXT), width, shown)


def test_tags_are_short_and_distinct() -> None:
    assert type_tags(["PER", "MONEY", "PROTEIN", "PROCESS"]) == {
        "PER": "PER",
        "MONEY": "MONEY",
        "PROTEIN": "PRO",
        "PROCESS": "PROC",
    }
    # ECB+ families: the last word tells the types of a family apart.
    tags = type_tags(["HUMAN_PART_PER", "HUMAN_PART_ORG", "LOC_FAC", "TIME_DATE"])
    assert tags == {
        "HUMAN_PART_PER": "PER",
        "HUMAN_PART_ORG": "ORG",
        "LOC_FAC": "FAC",
        "TIME_DATE": "DATE",
    }
    # A last word another type already has as its tag: the start of the code instead.
    assert type_tags(["PER", "HUMAN_PART_PER"]) == {"PER": "PER", "HUMAN_PART_PER": "HUM"}
    assert type_tags(["SIMPLE_CHEMICAL"]) == {"SIMPLE_CHEMICAL": "CHE"}
    # A prefix that is another type's code is not taken.
    assert type_tags(["PER", "PERSON_X"])["PERSON_X"] == "PERS"


def test_each_mention_gets_its_tag_after_it_while_the_line_has_room() -> None:
    room = len(TEXT) + 15
    assert plan(room, ALICE, BOB, PARIS) == [
        Marker(5, "[PER]"),
        Marker(13, "[PER]"),
        Marker(22, "[GPE]"),
    ]
    assert plan(len(TEXT) + 10, ALICE, BOB, PARIS) == [Marker(5, "[PER]"), Marker(13, "[PER]")]
    assert plan(len(TEXT) + 4, ALICE, BOB, PARIS) == []
    assert plan(len(TEXT), ALICE) == []


def test_a_filtered_out_type_gets_no_tag_and_does_not_hide_one_inside_it() -> None:
    assert plan(80, ALICE, PARIS, shown=frozenset({"GPE"})) == [Marker(22, "[GPE]")]
    around_paris = mention("alice", 10, 22)  # "Bob in Paris", a PER around the GPE
    assert plan(80, around_paris, PARIS) == [Marker(22, "[PER]")]
    assert plan(80, around_paris, PARIS, shown=frozenset({"GPE"})) == [Marker(22, "[GPE]")]


def test_a_mention_inside_a_longer_one_gets_no_tag() -> None:
    text = "the Mayor of Paris said"
    mayor = mention("alice", 0, 18)  # "the Mayor of Paris"
    paris = mention("paris", 13, 18)  # ends with it: one tag, the outer one's
    of = mention("bob", 4, 9)  # "Mayor", inside and ended before: none
    markers = plan_markers([paris, of, mayor], TYPES, TAGS, text, 0, len(text), 80)
    assert markers == [Marker(18, "[PER]")]
    # Two entities on the very same span are both outermost; one type is said once.
    same = [mention("paris", 13, 18), mention("city", 13, 18), mention("town", 13, 18)]
    types = {**TYPES, "town": "GPE"}
    both = plan_markers(same, types, {**TAGS, "GPE_CITY": "GPE_C"}, text, 0, len(text), 80)
    assert both == [Marker(18, "[GPE_C]"), Marker(18, "[GPE]")]


def test_a_mention_ending_on_a_later_line_is_tagged_there() -> None:
    assert plan_markers([ALICE], TYPES, TAGS, TEXT[6:], 6, len(TEXT), 80) == []


def test_a_cell_maps_back_to_the_text_past_the_tags() -> None:
    markers = [Marker(5, "[PER]")]
    assert offset_at_cell(TEXT, 0, markers, 4) == 4  # the "e" of Alice
    assert offset_at_cell(TEXT, 0, markers, 5) == 4  # the tag: its mention's last offset
    assert offset_at_cell(TEXT, 0, markers, 9) == 4
    assert offset_at_cell(TEXT, 0, markers, 10) == 5  # the space after the tag
    assert offset_at_cell(TEXT, 0, markers, 15) == 10  # "B" of Bob, shifted by five cells
    assert offset_at_cell(TEXT, 0, [Marker(len(TEXT), "[GPE]")], len(TEXT) + 2) == len(TEXT) - 1
    assert offset_at_cell(TEXT, 0, [], 99) is None
