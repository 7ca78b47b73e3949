"""The reader's stepping keys as pure functions (tui.core.reading.navigation)."""

from __future__ import annotations

from tui.core.document.model import Document, DocumentInfo, Entity, Mention, Span
from tui.core.reading.navigation import (
    TextMatch,
    find_text,
    step_any_mention,
    step_event,
    step_index,
)

TEXT = "Alice met Bob. Bob met Alice in New York City. The city slept."
#       0    5    10   15   20   25   30   35   40   45   50   55   60


def _entity(entity_id: str, *spans: tuple[int, int]) -> Entity:
    mentions = tuple(Mention(Span(s, e), entity_id, n) for n, (s, e) in enumerate(spans))
    return Entity(entity_id, "PER", entity_id, (), None, (), mentions)


def _document(*entities: Entity) -> Document:
    info = DocumentInfo(id="t", title=None, date=None, language=None, text_path="t.txt")
    return Document(info=info, text=TEXT, entities=entities, events=(), relations=())


ALICE = _entity("alice", (0, 5), (23, 28))
BOB = _entity("bob", (10, 13), (15, 18))
# Overlapping mentions: "New York City" holds "New York", and both start at 32.
NYC = _entity("nyc", (32, 45))
NY = _entity("ny", (32, 40))
DOCUMENT = _document(ALICE, BOB, NYC, NY)


# -- one entity's mentions, and the event list ---------------------------------------------
def test_stepping_goes_on_from_the_current_item_and_wraps_both_ways() -> None:
    assert step_index(3, 0, 1) == 1
    assert step_index(3, 2, 1) == 0
    assert step_index(3, 0, -1) == 2


def test_without_a_current_item_forward_starts_first_and_backward_last() -> None:
    assert step_index(3, None, 1) == 0
    assert step_index(3, None, -1) == 2
    assert step_index(3, 7, 1) == 0  # a position the list no longer has counts as none


def test_nothing_to_step_through_gives_none() -> None:
    assert step_index(0, None, 1) is None
    assert step_index(0, 0, -1) is None


def test_a_single_item_is_both_the_next_and_the_previous() -> None:
    assert step_index(1, 0, 1) == 0
    assert step_index(1, 0, -1) == 0


def test_event_steps_follow_the_lists_order_from_the_current_event() -> None:
    ids = ["b", "a", "c"]
    assert step_event(ids, "a", 1) == 2
    assert step_event(ids, "b", -1) == 2
    assert step_event(ids, None, -1) == 2
    assert step_event(ids, "gone", 1) == 0  # no longer listed (filtered): from the start
    assert step_event([], None, 1) is None


# -- every entity's mentions ------------------------------------------------------------
def test_the_next_mention_of_any_entity_is_the_next_in_text_order() -> None:
    alice = ALICE.mentions[0]
    assert step_any_mention(DOCUMENT, 1, current=alice, top=0, bottom=60) == BOB.mentions[0]
    assert step_any_mention(DOCUMENT, -1, current=BOB.mentions[0], top=0, bottom=60) == alice


def test_any_mention_wraps_at_both_ends() -> None:
    last = NY.mentions[0]  # the inner one of the two that start at 32 comes after the outer
    assert step_any_mention(DOCUMENT, 1, current=last, top=0, bottom=60) == ALICE.mentions[0]
    assert step_any_mention(DOCUMENT, -1, current=ALICE.mentions[0], top=0, bottom=60) == last


def test_mentions_that_start_together_are_taken_outer_first_then_inner() -> None:
    before = ALICE.mentions[1]
    outer = step_any_mention(DOCUMENT, 1, current=before, top=0, bottom=60)
    assert outer == NYC.mentions[0]
    inner = step_any_mention(DOCUMENT, 1, current=outer, top=0, bottom=60)
    assert inner == NY.mentions[0]
    assert step_any_mention(DOCUMENT, -1, current=inner, top=0, bottom=60) == outer


def test_without_a_current_mention_the_text_in_view_is_the_start() -> None:
    # In view: offsets 14 to 30. Forward: the first mention starting there ("Bob" at 15);
    # backward: the last one starting before its end ("Alice" at 23).
    assert step_any_mention(DOCUMENT, 1, current=None, top=14, bottom=30) == BOB.mentions[1]
    assert step_any_mention(DOCUMENT, -1, current=None, top=14, bottom=30) == ALICE.mentions[1]


def test_without_a_current_mention_past_the_last_one_forward_wraps_to_the_first() -> None:
    assert step_any_mention(DOCUMENT, 1, current=None, top=50, bottom=62) == ALICE.mentions[0]
    assert step_any_mention(DOCUMENT, -1, current=None, top=0, bottom=0) == NY.mentions[0]


def test_a_document_without_mentions_has_nowhere_to_go() -> None:
    assert step_any_mention(_document(), 1, current=None, top=0, bottom=60) is None


# -- finding text ------------------------------------------------------------------------
def test_the_next_match_is_found_from_a_position_in_any_case() -> None:
    assert find_text(TEXT, "alice", 1) == TextMatch(Span(23, 28), 2, 2)
    assert find_text(TEXT, "CITY", 0) == TextMatch(Span(41, 45), 1, 2)


def test_finding_wraps_to_the_first_match_after_the_last() -> None:
    assert find_text(TEXT, "alice", 24) == TextMatch(Span(0, 5), 1, 2)


def test_a_match_at_the_position_itself_is_the_next_one() -> None:
    assert find_text(TEXT, "Bob", 15) == TextMatch(Span(15, 18), 2, 2)


def test_nothing_is_found_for_an_empty_needle_or_a_missing_one() -> None:
    assert find_text(TEXT, "", 0) is None
    assert find_text(TEXT, "zebra", 0) is None
    assert find_text("", "a", 0) is None


def test_overlapping_matches_are_found_one_position_on_and_counted_without_overlaps() -> None:
    text = "aaaa"
    assert find_text(text, "aa", 0) == TextMatch(Span(0, 2), 1, 2)
    assert find_text(text, "aa", 1) == TextMatch(Span(1, 3), 1, 2)  # the reader's next enter
    assert find_text(text, "aa", 2) == TextMatch(Span(2, 4), 2, 2)


def test_the_needle_is_text_not_a_pattern() -> None:
    assert find_text("a.b a+b", "a+b", 0) == TextMatch(Span(4, 7), 1, 1)
    assert find_text("axb", "a.b", 0) is None
