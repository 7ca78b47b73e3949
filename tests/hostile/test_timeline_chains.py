"""Happenings of events chained by ``same_as``: linear in the chain, same results.

``gloss timeline`` of N events each ``same_as`` the one before once walked the whole
chain from every event (1,000 events: 0.9 s; 4,000: 6.4 s). Each event's happening is
now found once and remembered; these tests hold the results to the plain walk.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from tests.support.cost import assert_near_linear
from tui.core.document.model import Document, DocumentInfo, Event, Span
from tui.core.formats.common import EventDraft, _break_same_as_cycles
from tui.core.timeline.happenings import happenings_in_text_order


def _event(number: int, same_as: str | None) -> Event:
    at = Span(number, number + 1)
    return Event(
        f"e{number}", "Conflict.Attack", f"s{number}", at, at, None, "actual", (), same_as, None
    )


def _document(events: list[Event]) -> Document:
    info = DocumentInfo("t", None, None, None, "a.txt")
    return Document(info, "x" * (len(events) + 1), (), tuple(events), ())


def _walked_root(document: Document, event_id: str) -> str:
    """The happening of ``event_id`` by walking its chain afresh (the old way)."""
    seen: set[str] = set()
    current = event_id
    while current not in seen:
        seen.add(current)
        target = document.event_by_id[current].same_as
        if target is None or target not in document.event_by_id:
            return current
        current = target
    return min(seen)


def _walked_happening(document: Document, event: Event) -> tuple[str, ...]:
    root = _walked_root(document, event.id)
    return tuple(e.id for e in document.events if _walked_root(document, e.id) == root)


# Each event points at another by number, at a missing id, or nowhere: chains, trees,
# circles with tails running into them, and events that are the same as themselves.
TARGETS = st.lists(st.one_of(st.none(), st.integers(0, 11), st.just(-1)), max_size=12)


@given(TARGETS)
def test_happenings_are_those_of_the_plain_walk(targets: list[int | None]) -> None:
    events = [
        _event(number, None if target is None else ("missing" if target < 0 else f"e{target}"))
        for number, target in enumerate(targets)
    ]
    document = _document(events)
    for event in events:
        assert tuple(e.id for e in document.happening_of(event)) == _walked_happening(
            document, event
        )


def test_a_long_chain_is_one_happening() -> None:
    events = [_event(n, f"e{n - 1}" if n else None) for n in range(500)]
    (happening,) = happenings_in_text_order(_document(events))
    assert [telling.id for telling in happening.tellings] == [f"e{n}" for n in range(500)]


def test_happenings_of_a_chain_are_linear() -> None:
    """Bound: each event's happening is found once and remembered."""

    def make(size: int) -> Callable[[], object]:
        events = [_event(n, f"e{n - 1}" if n else None) for n in range(size)]

        def work() -> object:
            found = happenings_in_text_order(_document(events))  # nothing cached yet
            assert len(found) == 1
            return found

        return work

    assert_near_linear(make, 8_000)


def test_importers_break_same_as_circles_in_linear_time() -> None:
    """Bound: the walk remembers the events on its path in a set, not only a list."""

    def make(size: int) -> Callable[[], object]:
        def work() -> object:
            drafts = [
                EventDraft("X", Span(0, 1), "s", same_as=(n + 1) % size) for n in range(size)
            ]  # one circle through every event
            _break_same_as_cycles(drafts)
            assert [draft.same_as for draft in drafts].count(None) == 1
            return drafts

        return work

    assert_near_linear(make, 8_000)
