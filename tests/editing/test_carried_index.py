"""An edit of some entities' mentions carries the document's mention index over rather
than sorting every mention again: the carried index is the one a fresh sort gives."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.document.model import (
    Document,
    DocumentInfo,
    Entity,
    Mention,
    Span,
    carry_mention_index,
)

TEXT = "x" * 400


def _entity(entity_id: str, spans: list[tuple[int, int]]) -> Entity:
    ordered = sorted(set(spans))
    mentions = tuple(
        Mention(Span(start, end), entity_id, index) for index, (start, end) in enumerate(ordered)
    )
    return Entity(entity_id, "PER", entity_id, (), None, (), mentions)


def _document(entities: list[Entity]) -> Document:
    info = DocumentInfo("d", None, None, None, "d.txt")
    return Document(info, TEXT, tuple(entities), (), ())


spans = st.lists(
    st.tuples(st.integers(0, 390), st.integers(1, 300)).map(
        lambda pair: (pair[0], min(400, pair[0] + pair[1]))
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(spans, min_size=1, max_size=6),
    st.data(),
)
def test_the_carried_index_is_what_a_fresh_sort_gives(
    entity_spans: list[list[tuple[int, int]]], data: st.DataObject
) -> None:
    entities = [_entity(f"e{number}", found) for number, found in enumerate(entity_spans)]
    old = _document(entities)
    assert old.mentions and old._mention_starts is not None and old.entity_by_id
    old._long_mentions  # noqa: B018  (built, as a reader's first frame builds it)
    changed = data.draw(st.sets(st.integers(0, len(entities) - 1), min_size=1))
    edited = list(entities)
    for number in changed:
        edited[number] = _entity(f"e{number}", data.draw(spans))
    new = _document(edited)
    carry_mention_index(old, new)
    fresh = _document(edited)
    assert new.__dict__["mentions"] == fresh.mentions
    assert new._mention_starts == fresh._mention_starts
    assert new._long_mentions == fresh._long_mentions
    assert new.entity_by_id == fresh.entity_by_id
    assert new.entity_types_in_use == fresh.entity_types_in_use
    assert new.event_by_id == fresh.event_by_id
    assert new.mentions_overlapping(0, 400) == fresh.mentions_overlapping(0, 400)


def test_nothing_is_carried_when_entities_come_or_go() -> None:
    old = _document([_entity("a", [(0, 3)]), _entity("b", [(5, 9)])])
    assert old.mentions
    new = _document([_entity("a", [(0, 3)])])
    carry_mention_index(old, new)
    assert "mentions" not in new.__dict__
    renamed = replace(old, entities=(old.entities[0], _entity("c", [(5, 9)])))
    carry_mention_index(old, renamed)
    assert "mentions" not in renamed.__dict__
