"""Random edits of a document and annotation files written to be awkward, for the tests
of editing and saving (and any test that wants a document after some edits)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.core.document.model import REALIS_VALUES, Document, Span
from tui.core.editing.edits import (
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
    SetDescription,
    SetEventDate,
    SetNote,
    SetRealis,
    SetSameAs,
    SetSummary,
    SplitMention,
)

Draw = Callable[[Any], Any]
"""Hypothesis' ``data.draw``."""

AWKWARD_TEXTS = (
    "no",
    "012",
    "2022-03-25",
    "a: b",
    "# not a comment",
    "Zoë “curly” — dash",
    'say "hi"',
    "it's",
    "  padded  ",
    "tab\there",
    "line\nbreak",
    "[x, y]",
    "{k: v}",
    "null",
    "~",
    "-",
    "Ünïcödé 😀",
    "true",
    "x,y",
)
"""Names, notes and values that YAML would read as something else if written plainly."""

_WORD = re.compile(r"\w+")


def _pick(draw: Draw, items: Any) -> Any:
    from hypothesis import strategies as st

    items = list(items)
    return items[draw(st.integers(0, len(items) - 1))]


def random_span(draw: Draw, document: Document) -> Span:
    """A run of one to three words of the text, sometimes with a character more or
    less at an end."""
    from hypothesis import strategies as st

    text = document.text
    at = draw(st.integers(0, max(0, len(text) - 1)))
    first = _WORD.search(text, at) or _WORD.search(text)
    assert first is not None
    end = first.end()
    for _ in range(draw(st.integers(0, 2))):
        following = _WORD.search(text, end)
        if following is None or following.start() - end > 3:
            break
        end = following.end()
    start = first.start()
    nudge = draw(st.sampled_from((0, 0, 0, 1, -1)))
    if nudge and 0 <= start - nudge < end:
        start -= nudge
    return Span(start, end)


def random_edit(draw: Draw, document: Document) -> Edit:
    """One edit of any kind, about things that exist in ``document`` (it may still be
    refused: the tests check refusals too)."""
    from hypothesis import strategies as st

    entities = document.entities
    events = document.events
    entity_types = [code for code in document.entity_types if code.isupper()]
    event_types = list(document.event_types)
    kinds = [
        "new_entity",
        "add_mention",
        "add_mention",
        "declare_type",
        "new_event",
        "new_relation",
    ]
    if entities:
        kinds += [
            "delete_mention",
            "delete_entity",
            "retype_entity",
            "rename_entity",
            "set_description",
            "merge_entities",
            "split_mention",
            "add_fragment",
            "adjust_mention",
            "entity_attribute",
            "mention_attribute",
        ]
    if events:
        kinds += [
            "delete_event",
            "retype_event",
            "adjust_trigger",
            "add_argument",
            "add_argument",
            "remove_argument",
            "set_event_date",
            "set_realis",
            "set_same_as",
            "set_summary",
            "set_note",
            "event_attribute",
        ]
    if document.relations:
        kinds += ["delete_relation", "relation_attribute"]
    kind = draw(st.sampled_from(kinds))
    text = document.text

    def entity_id() -> str:
        return str(_pick(draw, entities).id)

    def event_id() -> str:
        return str(_pick(draw, events).id)

    def awkward() -> str:
        return str(draw(st.sampled_from(AWKWARD_TEXTS)))

    if kind == "new_entity":
        span = random_span(draw, document)
        return NewEntity(_pick(draw, entity_types), text[span.start : span.end], span)
    if kind == "add_mention":
        if not entities:
            span = random_span(draw, document)
            return NewEntity("PER", awkward(), span)
        span = random_span(draw, document)
        if draw(st.booleans()) and draw(st.booleans()):
            other = random_span(draw, document)
            parts = tuple(sorted({span, other}))
            if len(parts) == 2 and parts[0].end < parts[1].start:
                return AddMention(entity_id(), Span(parts[0].start, parts[1].end), parts)
        return AddMention(entity_id(), span)
    if kind == "declare_type":
        type_kind = draw(st.sampled_from(("entity", "event", "relation")))
        code = {
            "entity": draw(st.sampled_from(("AGR", "TREATY", "PER", "X_1"))),
            "event": draw(st.sampled_from(("Life.Die", "Contact.Chat", "Mil.Drill"))),
            "relation": draw(st.sampled_from(("head-of", "knows"))),
        }[type_kind]
        label = draw(st.sampled_from((None, "A label", "Zoë: a label")))
        return DeclareType(type_kind, code, label)
    if kind == "new_event":
        span = random_span(draw, document)
        summary = draw(st.sampled_from((None, "Something happens", *AWKWARD_TEXTS[:4])))
        return NewEvent(_pick(draw, event_types), span, summary)
    if kind == "new_relation":
        from_event = bool(events) and draw(st.booleans()) and draw(st.booleans())
        to_event = bool(events) and draw(st.booleans()) and draw(st.booleans())
        if not entities and not (from_event and to_event):
            span = random_span(draw, document)
            return NewEntity("ORG", "Org", span)
        ends = [event_id() if flag else entity_id() for flag in (from_event, to_event)]
        evidence = random_span(draw, document) if draw(st.booleans()) else None
        relation_type = draw(st.sampled_from(("knows", "head-of", "part_of")))
        return NewRelation(relation_type, ends[0], ends[1], from_event, to_event, evidence)
    if kind in ("delete_mention", "split_mention", "add_fragment", "adjust_mention"):
        entity = _pick(draw, entities)
        mention = _pick(draw, entity.mentions)
        if kind == "delete_mention":
            return DeleteMention(entity.id, mention.span)
        if kind == "split_mention":
            return SplitMention(entity.id, mention.span)
        if kind == "add_fragment":
            return AddFragment(entity.id, mention.span, random_span(draw, document))
        start = max(0, mention.span.start + draw(st.integers(-3, 3)))
        end = min(len(text), mention.span.end + draw(st.integers(-3, 3)))
        new_span = Span(start, end) if start < end else random_span(draw, document)
        return AdjustMention(entity.id, mention.span, new_span)
    if kind == "delete_entity":
        return DeleteEntity(entity_id())
    if kind == "retype_entity":
        return RetypeEntity(entity_id(), _pick(draw, entity_types))
    if kind == "rename_entity":
        return RenameEntity(entity_id(), awkward())
    if kind == "set_description":
        return SetDescription(entity_id(), draw(st.sampled_from((None, *AWKWARD_TEXTS))))
    if kind == "merge_entities":
        return MergeEntities(entity_id(), entity_id())
    if kind in ("entity_attribute", "mention_attribute"):
        entity = _pick(draw, entities)
        name = draw(st.sampled_from(("Negation", "Certainty", "brat-Note")))
        value = draw(st.sampled_from((None, "true", "High", *AWKWARD_TEXTS[:6])))
        if kind == "entity_attribute":
            return SetAttribute("entity", entity.id, name, value)
        mention = _pick(draw, entity.mentions)
        return SetAttribute("mention", entity.id, name, value, span=mention.span)
    if kind == "delete_event":
        return DeleteEvent(event_id())
    if kind == "retype_event":
        return RetypeEvent(event_id(), _pick(draw, event_types))
    if kind == "adjust_trigger":
        return AdjustTrigger(event_id(), random_span(draw, document))
    if kind in ("add_argument", "remove_argument"):
        event = _pick(draw, events)
        if kind == "remove_argument" and (event.arguments or event.event_arguments):
            if event.arguments and (not event.event_arguments or draw(st.booleans())):
                argument = _pick(draw, event.arguments)
                return RemoveArgument(event.id, argument.role, argument.entity_id)
            other = _pick(draw, event.event_arguments)
            return RemoveArgument(event.id, other.role, argument_event_id=other.event_id)
        role = draw(st.sampled_from(("Visitor", "Place", "Agent", "Theme")))
        if entities and draw(st.integers(0, 3)) > 0:
            return AddArgument(event.id, role, entity_id())
        return AddArgument(event.id, role, argument_event_id=event_id())
    if kind == "set_event_date":
        value = draw(st.sampled_from((None, "2021", "2022-03", "2022-03-24", "2021/2022-03")))
        words = random_span(draw, document) if value and draw(st.booleans()) else None
        return SetEventDate(event_id(), value, words)
    if kind == "set_realis":
        return SetRealis(event_id(), draw(st.sampled_from(REALIS_VALUES)))
    if kind == "set_same_as":
        return SetSameAs(event_id(), event_id() if draw(st.integers(0, 3)) else None)
    if kind == "set_summary":
        return SetSummary(event_id(), awkward())
    if kind == "set_note":
        return SetNote(event_id(), draw(st.sampled_from((None, *AWKWARD_TEXTS))))
    if kind == "event_attribute":
        value = draw(st.sampled_from((None, "true", "Possible", *AWKWARD_TEXTS[:6])))
        return SetAttribute("event", event_id(), "Factuality", value)
    relation = _pick(draw, document.relations)
    if kind == "delete_relation":
        return DeleteRelation.of(relation)
    value = draw(st.sampled_from((None, "Low", *AWKWARD_TEXTS[:6])))
    return SetAttribute("relation", "", "Confidence", value, relation=RelationKey.of(relation))


# -- awkward files ----------------------------------------------------------------------

HOSTILE_TEXT = (
    "Zoë Ångström met Bob in Paris.\tBob works for Acme Corp in Paris.\n"
    "\n"
    "Later Zoë visited Acme Corp’s office — “the tower”. Bob was not there; Zoë was.\n"
    "Emoji 😀 mark Paris too. Bob’s boss, Dr. Ng, arrived on 3 May.\n"
)

HOSTILE_YAML = """\
# A file written by hand, every way YAML allows.
gloss: 1   # the version
document: {id: hostile, title: 'Zoë''s day', date: "2022-05-03", text: hostile.txt}
# types, in flow style
types: {entities: {CO: {label: Company}}, events: {Contact.Chat: {label: Chat}}}

entities:
  # people first
  - id: zoe
    type: PER
    name: 'Zoë Ångström'   # with accents
    aliases: [Zoë]
    mentions: [{quote: Zoë, all: true}, "Zoë Ångström"]
  - {id: bob, type: PER, name: "Bob", mentions: [{quote: Bob, occurrence: 1},
      {quote: Bob, occurrence: 2}]}

  - id: paris
    type: GPE
    name: Paris
    mentions:
    - {quote: Paris, all: true}   # not indented under the key
  - id: acme
    type: CO
    name: >-
      Acme
      Corp
    description: |
      A company.
      Two lines.
    mentions:
      -
        quote: Acme Corp
        occurrence: 1
      - {start: 84, end: 93, quote: Acme Corp}
      - {parts: [{quote: Acme, occurrence: 2}, {quote: "office", prefix: "Corp’s "}]}
  - id: ng
    type: PER
    name: Dr. Ng
    attributes: {Certainty: High}
    mentions:
      - {quote: "Dr. Ng", attributes: {Negation: true}}

events:
- id: met
  type: Contact.Meet
  summary: Zoë meets Bob
  trigger: met
  arguments: [{role: Entity, entity: zoe}, {role: Entity, entity: bob}]
- id: visit
  type: Movement.Transport
  summary: "Zoë visits: Acme"
  trigger: visited
  passage: {quote: "Later Zoë visited Acme Corp’s office — “the tower”."}
  date: {value: 2022-05, text: "3 May"}
  realis: actual
  arguments:
    - {role: Agent, entity: zoe}
    - role: Destination
      entity: acme
    - {role: Cause, event: met}
  same_as: met
  note: a note   # trailing comment
- {id: arrive, type: Contact.Chat, summary: Ng arrives, trigger: arrived, date: "2022-05-03"}

relations: [{type: works-for, from: bob, to: acme, evidence: "works for"},
  {type: boss-of, from: ng, to: bob}]
# the end
"""


def write_hostile(folder: Path, *, crlf: bool = False, bom: bool = False) -> Path:
    """The awkward file and its text in ``folder``; CRLF line endings and a byte order
    mark on request."""
    (folder / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    text = HOSTILE_YAML.replace("\n", "\r\n") if crlf else HOSTILE_YAML
    data = ("\ufeff" if bom else "") + text
    path = folder / "hostile.yaml"
    path.write_bytes(data.encode("utf-8"))
    return path
