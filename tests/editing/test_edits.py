"""Each kind of edit on the small article: what it changes, what it refuses, and how it
reads as JSON and as words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.corpora import small_files
from tui.core.document.model import Document, Span
from tui.core.editing.edits import (
    EDIT_KINDS,
    AddArgument,
    AddFragment,
    AddMention,
    AdjustMention,
    AdjustTrigger,
    DeclareType,
    DeleteEntity,
    DeleteEvent,
    DeleteMention,
    DeleteRelation,
    Edit,
    EditRefused,
    MergeEntities,
    NewEntity,
    NewEvent,
    NewRelation,
    RelationKey,
    RemoveArgument,
    RenameEntity,
    RetypeEntity,
    RetypeEvent,
    SetAttribute,
    SetEventDate,
    SetNote,
    SetRealis,
    SetSameAs,
    SetSummary,
    SplitMention,
    apply,
    describe,
    edit_from_json,
    edit_to_json,
)
from tui.core.loading.loader import load


@pytest.fixture
def document(tmp_path: Path) -> Document:
    result = load(str(small_files(tmp_path)))
    assert result.document is not None
    return result.document


def span_of(document: Document, words: str, occurrence: int = 1) -> Span:
    start = -1
    for _ in range(occurrence):
        start = document.text.index(words, start + 1)
    return Span(start, start + len(words))


def test_a_new_entity_is_named_and_given_a_unique_id(document: Document) -> None:
    paris = span_of(document, "Paris")
    after = apply(document, NewEntity("GPE", "Paris", paris))
    made = after.entities[-1]
    assert made.id == "paris-2"  # "paris" is taken
    assert (made.type, made.name, [m.span for m in made.mentions]) == ("GPE", "Paris", [paris])
    assert after.entities[:-1] == document.entities


def test_added_mentions_are_kept_in_text_order_and_indexed(document: Document) -> None:
    later = span_of(document, "Carol")
    early = span_of(document, "Alice")
    after = apply(document, AddMention("carol", early))
    carol = after.entity_by_id["carol"]
    assert [(m.span, m.index) for m in carol.mentions] == [(early, 0), (later, 1)]


def test_a_mention_of_several_pieces(document: Document) -> None:
    alice, bob = span_of(document, "Alice"), span_of(document, "Bob")
    whole = Span(alice.start, bob.end)
    after = apply(document, AddMention("carol", whole, (bob, alice)))
    mention = after.entity_by_id["carol"].mentions[0]
    assert mention.parts == (alice, bob) and mention.span == whole
    with pytest.raises(EditRefused, match="overlap"):
        apply(document, AddMention("carol", Span(0, 8), (Span(0, 5), Span(3, 8))))


def test_deleting_an_entity_removes_its_arguments_and_relations(document: Document) -> None:
    after = apply(document, DeleteEntity("bob"))
    assert "bob" not in after.entity_by_id
    assert all(a.entity_id != "bob" for e in after.events for a in e.arguments)
    assert after.relations == ()


def test_merging_moves_mentions_arguments_and_relations(document: Document) -> None:
    after = apply(document, MergeEntities("alice", "bob"))
    alice = after.entity_by_id["alice"]
    assert "Bob" in alice.aliases
    assert len(alice.mentions) == 4
    meeting = after.event_by_id["meeting"]
    assert [a.entity_id for a in meeting.arguments] == ["alice", "paris"]  # one Entity left
    assert after.relations[0].from_id == "alice"


def test_split_adjust_and_fragment(document: Document) -> None:
    second = span_of(document, "Paris", 2)
    split = apply(document, SplitMention("paris", second))
    assert [m.span for m in split.entities[-1].mentions] == [second]
    assert len(split.entity_by_id["paris"].mentions) == 1
    carol = span_of(document, "Carol")
    moved = apply(document, AdjustMention("carol", carol, Span(carol.start, carol.end + 4)))
    assert moved.entity_by_id["carol"].mentions[0].span == Span(carol.start, carol.end + 4)
    there = span_of(document, "there")
    pieces = apply(document, AddFragment("carol", carol, there))
    assert pieces.entity_by_id["carol"].mentions[0].parts == (carol, there)


def test_events_keep_trigger_order_and_default_passages(document: Document) -> None:
    trigger = span_of(document, "works")
    after = apply(document, NewEvent("Personnel.Start-Position", trigger))
    made = after.event_by_id["works"]
    assert made.passage == span_of(document, "Bob works for Acme Corp in Paris.")
    assert [e.id for e in after.events] == ["meeting", "works", "visit"]
    moved = apply(after, AdjustTrigger("works", span_of(document, "visited")))
    # "Corp." is an abbreviation: the sentence goes on to the end of the paragraph.
    assert moved.event_by_id["works"].passage == span_of(
        document, "Later Alice visited Acme Corp. Carol was not there."
    )
    assert [e.id for e in moved.events][-2:] in (["visit", "works"], ["works", "visit"])


def test_event_fields(document: Document) -> None:
    after = apply(document, SetRealis("visit", "planned"))
    after = apply(after, SetSummary("visit", "no"))
    after = apply(after, SetNote("visit", "a note"))
    after = apply(after, SetEventDate("visit", "2022-03", span_of(document, "Later")))
    after = apply(after, RetypeEvent("visit", "Movement.Transport"))
    after = apply(after, AddArgument("visit", "Cause", argument_event_id="meeting"))
    after = apply(after, RemoveArgument("visit", "Person", "alice"))
    visit = after.event_by_id["visit"]
    assert (visit.realis, visit.summary, visit.note, visit.type) == (
        "planned",
        "no",
        "a note",
        "Movement.Transport",
    )
    assert visit.date is not None and visit.date.text == "Later"
    assert [a.event_id for a in visit.event_arguments] == ["meeting"]
    assert [a.entity_id for a in visit.arguments] == ["acme"]


def test_deleting_an_event_passes_same_as_on(document: Document) -> None:
    after = apply(document, SetSameAs("visit", "meeting"))
    assert after.event_by_id["visit"].same_as == "meeting"
    gone = apply(after, DeleteEvent("meeting"))
    assert gone.event_by_id["visit"].same_as is None


def test_relations_and_attributes(document: Document) -> None:
    after = apply(document, NewRelation("knows", "alice", "bob"))
    key = RelationKey.of(after.relations[-1])
    after = apply(after, SetAttribute("relation", "", "Confidence", "Low", relation=key))
    assert after.relations[-1].attributes == (("Confidence", "Low"),)
    first = document.entity_by_id["alice"].mentions[0].span
    after = apply(after, SetAttribute("mention", "alice", "Negation", "true", span=first))
    assert after.entity_by_id["alice"].mentions[0].attributes == (("Negation", "true"),)
    after = apply(after, DeleteRelation.of(after.relations[-1]))
    assert after.relations == document.relations


def test_declared_types(document: Document) -> None:
    after = apply(document, DeclareType("entity", "TREATY", "Treaty"))
    assert after.entity_types["TREATY"].declared and after.entity_types["TREATY"].label == "Treaty"
    retyped = apply(after, RetypeEntity("acme", "TREATY"))
    assert retyped.entity_by_id["acme"].type == "TREATY"


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (DeleteEntity("nobody"), "No entity has the id 'nobody'."),
        (AddMention("alice", Span(5, 5)), "The mention is empty."),
        (AddMention("alice", Span(0, 10_000)), "outside the text"),
        (AddMention("alice", Span(0, 5)), "already a mention of Alice"),
        (DeleteMention("carol", Span(0, 5)), "Carol has no mention"),
        (RetypeEntity("alice", "TREATY"), "not declared"),
        (RenameEntity("alice", "  "), "The name is empty."),
        (MergeEntities("alice", "alice"), "with itself"),
        (SplitMention("bob", Span(0, 1)), "no mention"),
        (DeclareType("entity", "lower", None), "not valid"),
        (NewEvent("Nope.Never", Span(0, 5)), "not declared"),
        (SetSameAs("meeting", "meeting"), "same as itself"),
        (SetRealis("meeting", "maybe"), "Realis is one of"),
        (SetEventDate("meeting", "2022-13", None), "not valid"),
        (AddArgument("meeting", "Entity", "alice", "visit"), "either an entity or an event"),
        (AddArgument("meeting", "two words", "alice"), "not valid"),
        (AddArgument("meeting", "Entity", "alice"), "already"),
        (NewRelation("knows", "alice", "alice"), "not one to itself"),
        (NewRelation("Knows", "alice", "bob"), "not valid"),
        (DeleteRelation("knows", "alice", "bob"), "no such relation"),
        (SetAttribute("entity", "alice", "two words", "x"), "not one word"),
        (SetAttribute("entity", "alice", "Gone", None), "no attribute"),
        (NewEntity("PER", "X", Span(0, 5), entity_id="bad id"), "not valid"),
        (NewEntity("PER", "X", Span(0, 5), entity_id="bob"), "already taken"),
    ],
)
def test_refusals_say_why(document: Document, edit: Edit, reason: str) -> None:
    with pytest.raises(EditRefused) as refused:
        apply(document, edit)
    assert reason in refused.value.reason
    assert refused.value.reason.endswith(".")


def test_the_last_mention_and_a_same_as_circle_are_refused(document: Document) -> None:
    with pytest.raises(EditRefused, match="only mention"):
        apply(document, DeleteMention("carol", span_of(document, "Carol")))
    after = apply(document, SetSameAs("visit", "meeting"))
    with pytest.raises(EditRefused, match="circle"):
        apply(after, SetSameAs("meeting", "visit"))


def test_every_kind_reads_back_from_json_and_has_words(document: Document) -> None:
    samples: list[Edit] = [
        NewEntity("PER", "Zoë", Span(0, 5), (), "zoe"),
        AddMention("alice", Span(0, 9), (Span(0, 5), Span(6, 9))),
        SetAttribute("relation", "", "A", None, relation=RelationKey.of(document.relations[0])),
        SetEventDate("visit", "2022", Span(0, 5)),
        DeclareType("event", "Life.Die", None, "dies"),
        AddArgument("visit", "Cause", argument_event_id="meeting"),
    ]
    for edit in samples:
        data = edit_to_json(edit)
        assert data["kind"] == edit.kind
        assert edit_from_json(data) == edit
        assert describe(edit, document)
    assert set(EDIT_KINDS) >= {edit.kind for edit in samples}
    assert (
        describe(AddMention("alice", Span(10, 13)), document) == "added a mention of Alice: 'Bob'"
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"kind": "explode"},
        {"kind": "add_mention", "entity_id": "alice"},
        {"kind": "add_mention", "entity_id": "alice", "span": [1]},
        {"kind": "add_mention", "entity_id": "alice", "span": [1, True]},
        {"kind": "add_mention", "entity_id": 3, "span": [1, 2]},
        {"kind": "add_mention", "entity_id": "a", "span": [1, 2], "extra": 1},
        {"kind": "declare_type", "type_kind": "planet", "code": "X"},
        {"kind": "new_relation", "type": "t", "from_id": "a", "to_id": "b", "from_event": 1},
    ],
)
def test_damaged_json_is_refused(data: object) -> None:
    with pytest.raises(EditRefused):
        edit_from_json(data)
