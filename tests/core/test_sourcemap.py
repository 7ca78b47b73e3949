"""From a line of the YAML to the annotation written there, and back."""

from __future__ import annotations

from tui.core.document.diagnostics import Position
from tui.core.loading.sourcemap import annotation_at, annotation_places, place_of

SOURCE = """\
gloss: 1
document: {id: d, text: d.txt}
entities:
  - id: alice
    type: PER
    mentions: [Alice]
  - id: bob
    type: PER
    mentions:
      - quote: Bob
events:
  - id: meeting
    type: Contact.Meet
    trigger: met
relations:
  - {type: knows, from: alice, to: bob}
"""


def test_a_line_inside_an_annotation_names_it() -> None:
    places = annotation_places(SOURCE)
    assert annotation_at(places, Position(5, 11)).id == "alice"  # type: ignore[union-attr]
    at_bob = annotation_at(places, Position(10, 9))
    assert at_bob is not None and (at_bob.kind, at_bob.id) == ("entity", "bob")
    at_event = annotation_at(places, Position(14, 5))
    assert at_event is not None and (at_event.kind, at_event.id) == ("event", "meeting")
    relation = annotation_at(places, Position(16, 20))
    assert relation is not None and relation.kind == "relation"


def test_lines_outside_annotations_name_nothing() -> None:
    places = annotation_places(SOURCE)
    assert annotation_at(places, Position(2, 1)) is None
    assert annotation_at(places, Position(3, 1)) is None


def test_an_annotation_leads_back_to_its_line() -> None:
    places = annotation_places(SOURCE)
    assert place_of(places, "entity", "bob") == Position(7, 5)
    assert place_of(places, "event", "meeting") == Position(12, 5)
    assert place_of(places, "entity", "nobody") is None


def test_broken_yaml_has_no_places() -> None:
    assert annotation_places("entities: [\n") == []
