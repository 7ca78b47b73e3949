"""Edits of an annotated document, applied to the resolved model directly.

Every edit is a small frozen record naming what it changes by id and span (relations by
their fields). :func:`apply` returns a new :class:`Document` exactly as the loader would
build it from the file saved after the edit (mentions in text order, default passages,
events in trigger order, declared types), or raises :class:`EditRefused` with one
sentence a user can read. The YAML is only written at save time
(:mod:`tui.core.editing.saving`), so an edit costs no more than rebuilding the tuples
that hold what changed.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from tui.core.document.dates import DateError, parse_date
from tui.core.document.model import (
    DEFAULT_ENTITY_TYPES,
    DEFAULT_EVENT_TYPES,
    REALIS_VALUES,
    Argument,
    Attributes,
    Document,
    Entity,
    Event,
    EventArgument,
    EventDate,
    Mention,
    Relation,
    Span,
    TypeInfo,
)
from tui.core.editing.kinds import (
    EDIT_KINDS,
    AddArgument,
    AddFragment,
    AddMention,
    AdjustMention,
    AdjustTrigger,
    AttributeTarget,
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
    SetDescription,
    SetEventDate,
    SetNote,
    SetRealis,
    SetSameAs,
    SetSummary,
    SplitMention,
    TypeKind,
)
from tui.core.editing.wording import describe, edit_from_json, edit_to_json
from tui.core.loading.checking import ENTITY_TYPE as ENTITY_TYPE_PATTERN
from tui.core.loading.checking import EVENT_TYPE as EVENT_TYPE_PATTERN
from tui.core.loading.checking import ID as ID_PATTERN
from tui.core.loading.checking import RELATION_TYPE as RELATION_TYPE_PATTERN
from tui.core.loading.checking import ROLE as ROLE_PATTERN
from tui.core.text.sentences import sentence_around

_SLUG_LENGTH = 60
"""Ids made from names are at most this long (before a number that makes them unique)."""

__all__ = [
    "EDIT_KINDS",
    "AddArgument",
    "AddFragment",
    "AddMention",
    "AdjustMention",
    "AdjustTrigger",
    "AttributeTarget",
    "DeclareType",
    "DeleteEntity",
    "DeleteEvent",
    "DeleteMention",
    "DeleteRelation",
    "Edit",
    "EditRefused",
    "MergeEntities",
    "NewEntity",
    "NewEvent",
    "NewRelation",
    "RelationKey",
    "RemoveArgument",
    "RenameEntity",
    "RetypeEntity",
    "RetypeEvent",
    "SetAttribute",
    "SetDescription",
    "SetEventDate",
    "SetNote",
    "SetRealis",
    "SetSameAs",
    "SetSummary",
    "SplitMention",
    "TypeKind",
    "apply",
    "describe",
    "edit_from_json",
    "edit_to_json",
    "slug",
]

# -- checks shared by the edits ---------------------------------------------------


def _text_value(value: str, what: str) -> str:
    """A text the loader reads back as written: not blank, encodable."""
    if not isinstance(value, str) or not value.strip():
        raise EditRefused(f"The {what} is empty.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise EditRefused(f"The {what} holds a character that cannot be saved.") from None
    return value


def _check_span(document: Document, span: Span, what: str = "span") -> Span:
    if not isinstance(span, Span):
        raise EditRefused(f"The {what} is not a span of the text.")
    if span.start < 0 or span.end > len(document.text):
        raise EditRefused(f"The {what} [{span.start}, {span.end}) is outside the text.")
    if span.start >= span.end:
        raise EditRefused(f"The {what} is empty.")
    return span


def _fragments(document: Document, span: Span, parts: tuple[Span, ...]) -> tuple[Span, ...]:
    """The checked fragments of a mention given as a span and (maybe) parts."""
    _check_span(document, span, "mention")
    if not parts:
        return (span,)
    if len(parts) < 2:
        raise EditRefused("A mention of several pieces needs at least two of them.")
    ordered = tuple(sorted(_check_span(document, part, "mention piece") for part in parts))
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end:
            raise EditRefused("The pieces of one mention must not overlap.")
    if Span(ordered[0].start, ordered[-1].end) != span:
        raise EditRefused("The mention's span must run from its first piece to its last.")
    return ordered


def _mention_key(fragments: tuple[Span, ...]) -> tuple[Span, tuple[Span, ...]]:
    """The loader's order of an entity's mentions: by extent, then by pieces."""
    return Span(fragments[0].start, fragments[-1].end), fragments


def _mentions(
    entity_id: str, items: Iterable[tuple[tuple[Span, ...], Attributes]]
) -> tuple[Mention, ...]:
    """Mentions in the loader's order, indexed."""
    ordered = sorted(items, key=lambda item: _mention_key(item[0]))
    return tuple(
        Mention(
            Span(fragments[0].start, fragments[-1].end),
            entity_id,
            index,
            fragments if len(fragments) > 1 else (),
            attributes,
        )
        for index, (fragments, attributes) in enumerate(ordered)
    )


def _with_mention_added(entity: Entity, mention: Mention) -> tuple[Mention, ...]:
    """The entity's mentions with one more, inserted in order (no full sort)."""
    keys = [_mention_key(m.fragments) for m in entity.mentions]
    place = bisect.bisect_right(keys, _mention_key(mention.fragments))
    before = entity.mentions[:place]
    after = tuple(replace(m, index=m.index + 1) for m in entity.mentions[place:])
    return (*before, replace(mention, entity_id=entity.id, index=place), *after)


def _without_mention(entity: Entity, position: int) -> tuple[Mention, ...]:
    mentions = entity.mentions
    return (
        *mentions[:position],
        *(replace(m, index=m.index - 1) for m in mentions[position + 1 :]),
    )


def _entity(document: Document, entity_id: str) -> tuple[int, Entity]:
    for position, entity in enumerate(document.entities):
        if entity.id == entity_id:
            return position, entity
    raise EditRefused(f"No entity has the id {entity_id!r}.")


def _event(document: Document, event_id: str) -> tuple[int, Event]:
    for position, event in enumerate(document.events):
        if event.id == event_id:
            return position, event
    raise EditRefused(f"No event has the id {event_id!r}.")


def _mention_at(entity: Entity, span: Span) -> int:
    for position, mention in enumerate(entity.mentions):
        if mention.span == span:
            return position
    raise EditRefused(f"{entity.name} has no mention at [{span.start}, {span.end}).")


def _replace_at(items: tuple[Any, ...], position: int, item: Any) -> tuple[Any, ...]:
    return (*items[:position], item, *items[position + 1 :])


def _entity_type(document: Document, code: str) -> str:
    if code not in document.entity_types or not ENTITY_TYPE_PATTERN.fullmatch(code):
        raise EditRefused(f"The entity type {code!r} is not declared; declare it first.")
    return code


def _event_type(document: Document, code: str) -> str:
    if code not in document.event_types or not EVENT_TYPE_PATTERN.fullmatch(code):
        raise EditRefused(f"The event type {code!r} is not declared; declare it first.")
    return code


def slug(words: str, fallback: str) -> str:
    """An id made of ``words``: ASCII letters and digits joined by ``-``."""
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    found = re.sub(r"[^a-z0-9]+", "-", ascii_words.lower()).strip("-")
    found = found[:_SLUG_LENGTH].rstrip("-")
    return found or fallback


def _new_id(wanted: str | None, words: str, fallback: str, taken: Iterable[str]) -> str:
    used = set(taken)
    if wanted is not None:
        if not isinstance(wanted, str) or not ID_PATTERN.fullmatch(wanted):
            raise EditRefused(
                f"The id {wanted!r} is not valid: use ASCII letters, digits, '-', '_' or '.'."
            )
        if wanted in used:
            raise EditRefused(f"The id {wanted!r} is already taken.")
        return wanted
    base = slug(words, fallback)
    if base not in used:
        return base
    number = 2
    while f"{base}-{number}" in used:
        number += 1
    return f"{base}-{number}"


def _events_sorted_with(events: tuple[Event, ...], event: Event) -> tuple[Event, ...]:
    """``events`` (in the loader's trigger order) with ``event`` put in its place."""
    keys = [_event_key(e) for e in events]
    place = bisect.bisect_left(keys, _event_key(event))
    return (*events[:place], event, *events[place:])


def _event_key(event: Event) -> tuple[int, int, str]:
    return event.trigger.start, event.trigger.end, event.id


def _set_attribute(attributes: Attributes, name: str, value: str | None) -> Attributes:
    if value is None:
        if all(key != name for key, _ in attributes):
            raise EditRefused(f"There is no attribute {name!r} to remove.")
        return tuple((key, old) for key, old in attributes if key != name)
    if any(key == name for key, _ in attributes):
        return tuple((key, value if key == name else old) for key, old in attributes)
    return (*attributes, (name, value))


def _links(links: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Checked ``name: value`` links, each name once."""
    seen: set[str] = set()
    checked: list[tuple[str, str]] = []
    for pair in links:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise EditRefused("A link is a name and a value.")
        name = _text_value(pair[0], "link name")
        value = _text_value(pair[1], "link value")
        if name in seen:
            raise EditRefused(f"The link {name!r} is given twice.")
        seen.add(name)
        checked.append((name, value))
    return tuple(checked)


# -- entities and mentions ----------------------------------------------------------


def _new_entity(document: Document, edit: NewEntity) -> Document:
    type_code = _entity_type(document, edit.type)
    name = _text_value(edit.name, "name")
    fragments = _fragments(document, edit.span, edit.parts)
    entity_id = _new_id(edit.entity_id, name, "entity", (e.id for e in document.entities))
    links = _links(edit.links)
    entity = Entity(
        id=entity_id,
        type=type_code,
        name=name,
        aliases=(),
        description=None,
        links=links,
        mentions=_mentions(entity_id, [(fragments, ())]),
    )
    return replace(document, entities=(*document.entities, entity))


def _add_mention(document: Document, edit: AddMention) -> Document:
    position, entity = _entity(document, edit.entity_id)
    fragments = _fragments(document, edit.span, edit.parts)
    if any(m.fragments == fragments for m in entity.mentions):
        raise EditRefused(f"That is already a mention of {entity.name}.")
    mention = _mentions(entity.id, [(fragments, ())])[0]
    changed = replace(entity, mentions=_with_mention_added(entity, mention))
    return replace(document, entities=_replace_at(document.entities, position, changed))


def _delete_mention(document: Document, edit: DeleteMention) -> Document:
    position, entity = _entity(document, edit.entity_id)
    at = _mention_at(entity, edit.span)
    if len(entity.mentions) == 1:
        raise EditRefused(f"That is the only mention of {entity.name}; delete the entity instead.")
    changed = replace(entity, mentions=_without_mention(entity, at))
    return replace(document, entities=_replace_at(document.entities, position, changed))


def _delete_entity(document: Document, edit: DeleteEntity) -> Document:
    position, _ = _entity(document, edit.entity_id)
    gone = edit.entity_id
    entities = (*document.entities[:position], *document.entities[position + 1 :])
    events = tuple(
        replace(event, arguments=tuple(a for a in event.arguments if a.entity_id != gone))
        if any(a.entity_id == gone for a in event.arguments)
        else event
        for event in document.events
    )
    relations = tuple(r for r in document.relations if not _ends_at(r, gone, event=False))
    return replace(document, entities=entities, events=events, relations=relations)


def _ends_at(relation: Relation, target: str, *, event: bool) -> bool:
    return (relation.from_event == event and relation.from_id == target) or (
        relation.to_event == event and relation.to_id == target
    )


def _retype_entity(document: Document, edit: RetypeEntity) -> Document:
    position, entity = _entity(document, edit.entity_id)
    changed = replace(entity, type=_entity_type(document, edit.type))
    return replace(document, entities=_replace_at(document.entities, position, changed))


def _rename_entity(document: Document, edit: RenameEntity) -> Document:
    position, entity = _entity(document, edit.entity_id)
    changed = replace(entity, name=_text_value(edit.name, "name"))
    return replace(document, entities=_replace_at(document.entities, position, changed))


def _set_description(document: Document, edit: SetDescription) -> Document:
    position, entity = _entity(document, edit.entity_id)
    description = None if edit.description is None else _text_value(edit.description, "description")
    changed = replace(entity, description=description)
    return replace(document, entities=_replace_at(document.entities, position, changed))


def _merge_entities(document: Document, edit: MergeEntities) -> Document:
    if edit.keep_id == edit.absorbed_id:
        raise EditRefused("An entity cannot be merged with itself.")
    keep_at, keep = _entity(document, edit.keep_id)
    gone_at, gone = _entity(document, edit.absorbed_id)
    items: dict[tuple[Span, ...], Attributes] = {m.fragments: m.attributes for m in keep.mentions}
    for mention in gone.mentions:
        items.setdefault(mention.fragments, mention.attributes)
    aliases = list(keep.aliases)
    for name in (gone.name, *gone.aliases):
        if name != keep.name and name not in aliases:
            aliases.append(name)
    links = list(keep.links)
    links.extend(link for link in gone.links if all(link[0] != name for name, _ in links))
    attributes = list(keep.attributes)
    attributes.extend(a for a in gone.attributes if all(a[0] != b[0] for b in keep.attributes))
    merged = replace(
        keep,
        aliases=tuple(aliases),
        description=keep.description if keep.description is not None else gone.description,
        links=tuple(links),
        attributes=tuple(attributes),
        mentions=_mentions(keep.id, items.items()),
    )
    entities = tuple(
        merged if i == keep_at else entity
        for i, entity in enumerate(document.entities)
        if i != gone_at
    )
    events = tuple(_moved_arguments(event, gone.id, keep.id) for event in document.events)
    relations = []
    for relation in document.relations:
        moved = relation
        if not relation.from_event and relation.from_id == gone.id:
            moved = replace(moved, from_id=keep.id)
        if not relation.to_event and relation.to_id == gone.id:
            moved = replace(moved, to_id=keep.id)
        if moved is not relation and _is_loop(moved):
            continue  # a relation between the two merged entities links nothing now
        relations.append(moved)
    return replace(document, entities=entities, events=events, relations=tuple(relations))


def _is_loop(relation: Relation) -> bool:
    return relation.from_id == relation.to_id and relation.from_event == relation.to_event


def _moved_arguments(event: Event, old: str, new: str) -> Event:
    if all(a.entity_id != old for a in event.arguments):
        return event
    arguments: list[Argument] = []
    for argument in event.arguments:
        moved = Argument(argument.role, new) if argument.entity_id == old else argument
        if moved is argument or moved not in arguments:
            arguments.append(moved)
    return replace(event, arguments=tuple(arguments))


def _split_mention(document: Document, edit: SplitMention) -> Document:
    position, entity = _entity(document, edit.entity_id)
    at = _mention_at(entity, edit.span)
    if len(entity.mentions) == 1:
        raise EditRefused(f"That is the only mention of {entity.name}; it is its own entity.")
    mention = entity.mentions[at]
    words = " … ".join(document.text[p.start : p.end] for p in mention.fragments)
    name = " ".join(words.split()) or entity.name
    new_id = _new_id(edit.new_entity_id, name, "entity", (e.id for e in document.entities))
    split_off = Entity(
        id=new_id,
        type=entity.type,
        name=name,
        aliases=(),
        description=None,
        links=(),
        mentions=(replace(mention, entity_id=new_id, index=0),),
    )
    left = replace(entity, mentions=_without_mention(entity, at))
    entities = (*_replace_at(document.entities, position, left), split_off)
    return replace(document, entities=entities)


def _reshaped_mention(
    document: Document, entity_id: str, span: Span, reshape: Callable[[Mention], tuple[Span, ...]]
) -> Document:
    """The mention at ``span`` with new fragments, kept in order among its entity's."""
    position, entity = _entity(document, entity_id)
    at = _mention_at(entity, span)
    mention = entity.mentions[at]
    fragments = reshape(mention)
    extent = Span(fragments[0].start, fragments[-1].end)
    _fragments(document, extent, fragments if len(fragments) > 1 else ())
    if any(m.fragments == fragments for i, m in enumerate(entity.mentions) if i != at):
        raise EditRefused(f"{entity.name} already has that mention.")
    rest = [(m.fragments, m.attributes) for i, m in enumerate(entity.mentions) if i != at]
    changed = replace(
        entity, mentions=_mentions(entity.id, [*rest, (fragments, mention.attributes)])
    )
    return replace(document, entities=_replace_at(document.entities, position, changed))


def _add_fragment(document: Document, edit: AddFragment) -> Document:
    piece = _check_span(document, edit.fragment, "piece")

    def reshape(mention: Mention) -> tuple[Span, ...]:
        if any(part.start < piece.end and piece.start < part.end for part in mention.fragments):
            raise EditRefused("The new piece overlaps the mention.")
        return tuple(sorted((*mention.fragments, piece)))

    return _reshaped_mention(document, edit.entity_id, edit.span, reshape)


def _adjust_mention(document: Document, edit: AdjustMention) -> Document:
    new_span = _check_span(document, edit.new_span, "mention")

    def reshape(mention: Mention) -> tuple[Span, ...]:
        pieces = list(mention.fragments)
        if len(pieces) == 1:
            return (new_span,)
        pieces[0] = Span(new_span.start, pieces[0].end)
        pieces[-1] = Span(pieces[-1].start, new_span.end)
        if any(len(piece) <= 0 for piece in pieces):
            raise EditRefused("The new ends would leave a piece of the mention empty.")
        return tuple(pieces)

    return _reshaped_mention(document, edit.entity_id, edit.span, reshape)


# -- types ---------------------------------------------------------------------------


def _declare_type(document: Document, edit: DeclareType) -> Document:
    patterns = {
        "entity": (ENTITY_TYPE_PATTERN, "upper-case letters such as WEA"),
        "event": (EVENT_TYPE_PATTERN, "Type.Subtype such as Contact.Meet"),
        "relation": (RELATION_TYPE_PATTERN, "a lower-case word such as head-of"),
    }
    if edit.type_kind not in patterns:
        raise EditRefused(f"There are no {edit.type_kind!r} types.")
    pattern, hint = patterns[edit.type_kind]
    if not isinstance(edit.code, str) or not pattern.fullmatch(edit.code):
        raise EditRefused(f"The type code {edit.code!r} is not valid: {hint}.")
    defaults: Mapping[str, tuple[str, str]] = {
        "entity": DEFAULT_ENTITY_TYPES,
        "event": DEFAULT_EVENT_TYPES,
        "relation": {},
    }[edit.type_kind]
    current = {
        "entity": document.entity_types,
        "event": document.event_types,
        "relation": document.relation_types,
    }[edit.type_kind]
    known = current.get(edit.code)
    default_label, default_description = defaults.get(edit.code, (edit.code, ""))
    if known is not None and known.declared:
        default_label, default_description = known.label, known.description
    label = default_label if edit.label is None else _text_value(edit.label, "label")
    description = (
        default_description
        if edit.description is None
        else _text_value(edit.description, "description")
    )
    info = TypeInfo(
        edit.code,
        label,
        description,
        declared=True,
        source=known.source if known is not None else None,
    )
    updated = {**current, edit.code: info}
    if edit.type_kind == "entity":
        return replace(document, entity_types=updated)
    if edit.type_kind == "event":
        return replace(document, event_types=updated)
    return replace(document, relation_types=updated)


# -- events --------------------------------------------------------------------------


def _new_event(document: Document, edit: NewEvent) -> Document:
    type_code = _event_type(document, edit.type)
    trigger = _check_span(document, edit.trigger, "trigger")
    words = " ".join(document.text[trigger.start : trigger.end].split())
    summary = _text_value(edit.summary if edit.summary is not None else words, "summary")
    event_id = _new_id(edit.event_id, summary, "event", (e.id for e in document.events))
    event = Event(
        event_id,
        type_code,
        summary,
        trigger,
        sentence_around(document.text, trigger),
        None,
        "actual",
        (),
        None,
        None,
    )
    return replace(document, events=_events_sorted_with(document.events, event))


def _delete_event(document: Document, edit: DeleteEvent) -> Document:
    _, gone = _event(document, edit.event_id)
    events: list[Event] = []
    for event in document.events:
        if event.id == gone.id:
            continue
        changed = event
        if any(a.event_id == gone.id for a in event.event_arguments):
            changed = replace(
                changed,
                event_arguments=tuple(a for a in event.event_arguments if a.event_id != gone.id),
            )
        if event.same_as == gone.id:
            onward = gone.same_as if gone.same_as != event.id else None
            changed = replace(changed, same_as=onward)
        events.append(changed)
    relations = tuple(r for r in document.relations if not _ends_at(r, gone.id, event=True))
    return replace(document, events=tuple(events), relations=relations)


def _changed_event(document: Document, event_id: str, change: Callable[[Event], Event]) -> Document:
    position, event = _event(document, event_id)
    changed = change(event)
    if _event_key(changed) == _event_key(event):
        return replace(document, events=_replace_at(document.events, position, changed))
    rest = (*document.events[:position], *document.events[position + 1 :])
    return replace(document, events=_events_sorted_with(rest, changed))


def _retype_event(document: Document, edit: RetypeEvent) -> Document:
    code = _event_type(document, edit.type)
    return _changed_event(document, edit.event_id, lambda e: replace(e, type=code))


def _adjust_trigger(document: Document, edit: AdjustTrigger) -> Document:
    trigger = _check_span(document, edit.new_span, "trigger")
    text = document.text

    def change(event: Event) -> Event:
        passage = event.passage
        if passage == sentence_around(text, event.trigger) or not passage.contains(trigger):
            passage = sentence_around(text, trigger)
        return replace(event, trigger=trigger, passage=passage)

    return _changed_event(document, edit.event_id, change)


def _argument_target(document: Document, edit: AddArgument | RemoveArgument) -> None:
    if (edit.entity_id is None) == (edit.argument_event_id is None):
        raise EditRefused("An argument is either an entity or an event.")


def _add_argument(document: Document, edit: AddArgument) -> Document:
    _argument_target(document, edit)
    if not isinstance(edit.role, str) or not ROLE_PATTERN.fullmatch(edit.role):
        raise EditRefused(f"The role {edit.role!r} is not valid: a word such as Visitor or Place.")
    _, event = _event(document, edit.event_id)
    if edit.entity_id is not None:
        _, entity = _entity(document, edit.entity_id)
        argument = Argument(edit.role, entity.id)
        if argument in event.arguments:
            raise EditRefused(f"{entity.name} is already the event's {edit.role}.")
        return _changed_event(
            document, event.id, lambda e: replace(e, arguments=(*e.arguments, argument))
        )
    assert edit.argument_event_id is not None
    if edit.argument_event_id == event.id:
        raise EditRefused("An event cannot be its own argument.")
    _, other = _event(document, edit.argument_event_id)
    event_argument = EventArgument(edit.role, other.id)
    if event_argument in event.event_arguments:
        raise EditRefused(f"That event is already the event's {edit.role}.")
    return _changed_event(
        document,
        event.id,
        lambda e: replace(e, event_arguments=(*e.event_arguments, event_argument)),
    )


def _remove_argument(document: Document, edit: RemoveArgument) -> Document:
    _argument_target(document, edit)
    _, event = _event(document, edit.event_id)
    if edit.entity_id is not None:
        found: tuple[Any, ...] = event.arguments
        wanted: Any = Argument(edit.role, edit.entity_id)
    else:
        found = event.event_arguments
        wanted = EventArgument(edit.role, edit.argument_event_id or "")
    if wanted not in found:
        raise EditRefused(f"The event has no such {edit.role} argument.")
    at = found.index(wanted)
    kept = (*found[:at], *found[at + 1 :])
    if edit.entity_id is not None:
        return _changed_event(document, event.id, lambda e: replace(e, arguments=kept))
    return _changed_event(document, event.id, lambda e: replace(e, event_arguments=kept))


def _set_event_date(document: Document, edit: SetEventDate) -> Document:
    if edit.value is None:
        if edit.text_span is not None:
            raise EditRefused("The words of a date need a date value.")
        return _changed_event(document, edit.event_id, lambda e: replace(e, date=None))
    try:
        value = parse_date(_text_value(edit.value, "date"))
    except DateError as error:
        raise EditRefused(f"The date {edit.value!r} is not valid: {error}.") from None
    span = None if edit.text_span is None else _check_span(document, edit.text_span, "date words")
    words = None if span is None else document.text[span.start : span.end]
    date = EventDate(value, words, span)
    return _changed_event(document, edit.event_id, lambda e: replace(e, date=date))


def _set_realis(document: Document, edit: SetRealis) -> Document:
    if edit.realis not in REALIS_VALUES:
        raise EditRefused(f"Realis is one of {', '.join(REALIS_VALUES)}, not {edit.realis!r}.")
    return _changed_event(document, edit.event_id, lambda e: replace(e, realis=edit.realis))


def _set_same_as(document: Document, edit: SetSameAs) -> Document:
    _event(document, edit.event_id)
    other = edit.other_id
    if other is not None:
        if other == edit.event_id:
            raise EditRefused("An event cannot be the same as itself.")
        _event(document, other)
        targets = {e.id: e.same_as for e in document.events}
        seen = {edit.event_id}
        current: str | None = other
        while current is not None:
            if current in seen:
                raise EditRefused("That would make same_as go round in a circle.")
            seen.add(current)
            current = targets.get(current)
    return _changed_event(document, edit.event_id, lambda e: replace(e, same_as=other))


def _set_summary(document: Document, edit: SetSummary) -> Document:
    summary = _text_value(edit.summary, "summary")
    return _changed_event(document, edit.event_id, lambda e: replace(e, summary=summary))


def _set_note(document: Document, edit: SetNote) -> Document:
    note = None if edit.note is None else _text_value(edit.note, "note")
    return _changed_event(document, edit.event_id, lambda e: replace(e, note=note))


# -- relations -----------------------------------------------------------------------


def _relation_matches(relation: Relation, key: DeleteRelation | RelationKey) -> bool:
    return (
        relation.type == key.type
        and relation.from_id == key.from_id
        and relation.to_id == key.to_id
        and relation.from_event == key.from_event
        and relation.to_event == key.to_event
        and relation.evidence == key.evidence
    )


def _relation_at(document: Document, key: DeleteRelation | RelationKey) -> int:
    for position, relation in enumerate(document.relations):
        if _relation_matches(relation, key):
            return position
    raise EditRefused("There is no such relation.")


def _new_relation(document: Document, edit: NewRelation) -> Document:
    if not isinstance(edit.type, str) or not RELATION_TYPE_PATTERN.fullmatch(edit.type):
        raise EditRefused(
            f"The relation type {edit.type!r} is not valid: a lower-case word such as head-of."
        )
    for end, is_event in ((edit.from_id, edit.from_event), (edit.to_id, edit.to_event)):
        if is_event:
            _event(document, end)
        else:
            _entity(document, end)
    relation = Relation(
        edit.type,
        edit.from_id,
        edit.to_id,
        None if edit.evidence is None else _check_span(document, edit.evidence, "evidence"),
        from_event=edit.from_event,
        to_event=edit.to_event,
    )
    if _is_loop(relation):
        raise EditRefused("A relation links two different things, not one to itself.")
    if any(_relation_matches(r, DeleteRelation.of(relation)) for r in document.relations):
        raise EditRefused("That relation is already there.")
    return replace(document, relations=(*document.relations, relation))


def _delete_relation(document: Document, edit: DeleteRelation) -> Document:
    at = _relation_at(document, edit)
    relations = document.relations
    return replace(document, relations=(*relations[:at], *relations[at + 1 :]))


# -- attributes ----------------------------------------------------------------------


def _apply_attribute(document: Document, edit: SetAttribute) -> Document:
    name = edit.name
    if not isinstance(name, str) or not name or len(name.split()) != 1 or name != name.strip():
        raise EditRefused(f"The attribute name {name!r} is not one word.")
    _text_value(name, "attribute name")
    value = None if edit.value is None else _text_value(edit.value, f"value of {name}")
    if edit.target == "entity":
        position, entity = _entity(document, edit.target_id)
        changed = replace(entity, attributes=_set_attribute(entity.attributes, name, value))
        return replace(document, entities=_replace_at(document.entities, position, changed))
    if edit.target == "mention":
        if edit.span is None:
            raise EditRefused("Which mention? An attribute of a mention needs its span.")
        position, entity = _entity(document, edit.target_id)
        at = _mention_at(entity, edit.span)
        mention = entity.mentions[at]
        mention = replace(mention, attributes=_set_attribute(mention.attributes, name, value))
        changed = replace(entity, mentions=_replace_at(entity.mentions, at, mention))
        return replace(document, entities=_replace_at(document.entities, position, changed))
    if edit.target == "event":
        return _changed_event(
            document,
            edit.target_id,
            lambda e: replace(e, attributes=_set_attribute(e.attributes, name, value)),
        )
    if edit.target == "relation":
        if edit.relation is None:
            raise EditRefused("Which relation? An attribute of a relation needs the relation.")
        at = _relation_at(document, edit.relation)
        relation = document.relations[at]
        relation = replace(relation, attributes=_set_attribute(relation.attributes, name, value))
        return replace(document, relations=_replace_at(document.relations, at, relation))
    raise EditRefused(
        f"Attributes belong to entities, events, mentions or relations, not {edit.target!r}."
    )


_APPLY: Mapping[type[Any], Callable[[Document, Any], Document]] = {
    NewEntity: _new_entity,
    AddMention: _add_mention,
    DeleteMention: _delete_mention,
    DeleteEntity: _delete_entity,
    RetypeEntity: _retype_entity,
    RenameEntity: _rename_entity,
    SetDescription: _set_description,
    MergeEntities: _merge_entities,
    SplitMention: _split_mention,
    AddFragment: _add_fragment,
    AdjustMention: _adjust_mention,
    DeclareType: _declare_type,
    NewEvent: _new_event,
    DeleteEvent: _delete_event,
    RetypeEvent: _retype_event,
    AdjustTrigger: _adjust_trigger,
    AddArgument: _add_argument,
    RemoveArgument: _remove_argument,
    SetEventDate: _set_event_date,
    SetRealis: _set_realis,
    SetSameAs: _set_same_as,
    SetSummary: _set_summary,
    SetNote: _set_note,
    NewRelation: _new_relation,
    DeleteRelation: _delete_relation,
    SetAttribute: _apply_attribute,
}


def apply(document: Document, edit: Edit) -> Document:
    """The document after ``edit``, as the loader would read it from the saved file.

    Raises:
        EditRefused: the edit cannot be made; the reason is one sentence for the user.
    """
    handler = _APPLY.get(type(edit))
    if handler is None:
        raise EditRefused(f"{type(edit).__name__} is not an edit.")
    return handler(document, edit)
