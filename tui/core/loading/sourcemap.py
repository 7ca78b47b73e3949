"""Where each annotation starts in its YAML file, to go from a line to an annotation and back.

Used to take the reader from a warning (``FILE:LINE:COLUMN``) to the entity or event it
is about, and from a selected annotation to its line for an editor.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.loading.yamlsafe import MappingNode, ScalarNode, SequenceNode, compose

SECTIONS = {"entities": "entity", "events": "event", "relations": "relation"}
"""Top-level lists whose items are annotations, and what each item is."""


@dataclass(frozen=True, slots=True, order=True)
class SourcePlace:
    """Where one annotation (or a top-level section, ``kind == "section"``) starts."""

    position: Position
    kind: str
    id: str


def _id_of(item: object) -> str | None:
    if not isinstance(item, MappingNode):
        return None
    for key, value in item.value:
        if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
            return value.value
    return None


def annotation_places(source: str) -> list[SourcePlace]:
    """Every top-level section and every annotation with an id, in file order.

    A file that cannot be read as YAML has no places (the checker says why).
    """
    root = compose(source, DiagnosticSink("<source map>"))
    if not isinstance(root, MappingNode):
        return []
    places: list[SourcePlace] = []
    for key, value in root.value:
        if not isinstance(key, ScalarNode):
            continue
        mark = key.start_mark
        places.append(SourcePlace(Position(mark.line + 1, mark.column + 1), "section", key.value))
        kind = SECTIONS.get(key.value)
        if kind is None or not isinstance(value, SequenceNode):
            continue
        for index, item in enumerate(value.value):
            identifier = _id_of(item)
            if identifier is None and kind == "relation":
                identifier = str(index)
            if identifier is None:
                continue
            start = item.start_mark
            places.append(SourcePlace(Position(start.line + 1, start.column + 1), kind, identifier))
    places.sort()
    return places


def annotation_at(places: list[SourcePlace], position: Position) -> SourcePlace | None:
    """The annotation whose YAML holds ``position``, if it is inside one."""
    index = bisect.bisect_right([place.position for place in places], position) - 1
    if index < 0:
        return None
    place = places[index]
    return None if place.kind == "section" else place


def place_of(places: list[SourcePlace], kind: str, identifier: str) -> Position | None:
    """Where the annotation ``kind``/``identifier`` starts."""
    for place in places:
        if place.kind == kind and place.id == identifier:
            return place.position
    return None
