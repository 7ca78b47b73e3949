"""The ``events:`` section: events, their triggers, dates, arguments and ``same_as``."""

from __future__ import annotations

from dataclasses import replace

from tui.core.document.diagnostics import Position
from tui.core.document.model import (
    REALIS_VALUES,
    Argument,
    DocumentInfo,
    Event,
    EventArgument,
    EventDate,
    Span,
)
from tui.core.loading.checking import (
    ROLE,
    Checker,
    State,
    is_null,
    read_attributes,
    read_date_value,
    read_links,
    sequence_items,
    unique_id,
)
from tui.core.loading.declared_types import check_type
from tui.core.loading.selectors import resolve_one
from tui.core.loading.yamlsafe import (
    MappingNode,
    Node,
    ScalarNode,
    position_of,
)
from tui.core.text.sentences import sentence_around
from tui.core.text.suggest import did_you_mean


def read_events(
    node: Node | None, state: State, entity_ids: set[str], info: DocumentInfo
) -> list[Event]:
    checker = state.checker
    seen: dict[str, Node] = {}
    events: list[Event] = []
    same_as_nodes: dict[str, Node] = {}
    event_argument_nodes: list[tuple[Node, str]] = []
    for item in sequence_items(node, "events", checker):
        fields = checker.mapping(
            item,
            "an event",
            ("id", "type", "summary", "trigger"),
            (
                "passage",
                "date",
                "realis",
                "arguments",
                "same_as",
                "note",
                "links",
                "attributes",
                "accept",
            ),
        )
        if fields is None:
            continue
        event_id = unique_id(fields.get("id"), "event", seen, checker)
        event_type = check_type(fields.get("type"), "events", state)
        summary = checker.text(fields.get("summary"), "summary")
        trigger = resolve_one(fields.get("trigger"), "trigger", state)
        passage_node = fields.get("passage")
        passage = resolve_one(passage_node, "passage", state)
        if trigger is not None and passage is None and passage_node is None:
            passage = sentence_around(state.index.text, trigger)
        if trigger and passage and passage_node is not None and not passage.contains(trigger):
            checker.error(passage_node, "the passage does not contain the trigger")
        realis_node = fields.get("realis")
        realis = checker.text(realis_node, "realis") or "actual"
        if realis_node is not None and realis not in REALIS_VALUES:
            checker.error(
                realis_node, f"realis must be one of {', '.join(REALIS_VALUES)}, not {realis!r}"
            )
        date = _read_event_date(fields.get("date"), state, passage)
        if date and info.date and realis == "actual" and date.value.first > info.date.last:
            checker.warning(
                fields["date"],
                f"an actual event dated {date.value.text}, after the document's date "
                f"{info.date.text}",
            )
        argument_positions: dict[tuple[str, str], Position] = {}
        arguments, event_arguments = _read_arguments(
            fields.get("arguments"),
            entity_ids,
            checker,
            event_argument_nodes,
            event_id,
            argument_positions,
        )
        attributes = read_attributes(fields.get("attributes"), checker)
        same_as_node = fields.get("same_as")
        same_as = checker.text(same_as_node, "same_as")
        note = checker.text(fields.get("note"), "note")
        links = read_links(fields.get("links"), checker)
        if event_id is not None and same_as is not None and same_as_node is not None:
            same_as_nodes[event_id] = same_as_node
        if None in (event_id, event_type, summary, trigger, passage):
            continue
        assert event_id and event_type and summary and trigger and passage
        state.source.events[event_id] = position_of(item)
        trigger_node = fields.get("trigger")
        if trigger_node is not None:
            state.source.triggers[event_id] = position_of(trigger_node)
        for (role, entity), position in argument_positions.items():
            state.source.arguments[(event_id, role, entity)] = position
        events.append(
            Event(
                event_id,
                event_type,
                summary,
                trigger,
                passage,
                date,
                realis,
                arguments,
                same_as,
                note,
                links,
                event_arguments,
                attributes,
            )
        )
    for argument_node, target in event_argument_nodes:
        if target not in seen:
            checker.error(argument_node, f"no event has the id '{target}'")
    known = set(seen)
    events = [
        replace(
            event,
            event_arguments=tuple(a for a in event.event_arguments if a.event_id in known),
        )
        if event.event_arguments
        else event
        for event in events
    ]
    _check_same_as(events, seen, same_as_nodes, checker)
    events.sort(key=lambda event: (event.trigger.start, event.trigger.end, event.id))
    return events


def _read_event_date(node: Node | None, state: State, passage: Span | None) -> EventDate | None:
    checker = state.checker
    if node is None or is_null(node):
        return None
    if isinstance(node, ScalarNode):
        value = read_date_value(node, "date", checker)
        return None if value is None else EventDate(value, None, None)
    fields = checker.mapping(node, "date", ("value",), ("text",))
    if fields is None:
        return None
    value = read_date_value(fields.get("value"), "date value", checker)
    text_node = fields.get("text")
    span: Span | None = None
    if text_node is not None and not is_null(text_node):
        span = resolve_date_words(text_node, state, passage)
    if value is None:
        return None
    words = state.index.text[span.start : span.end] if span else None
    return EventDate(value, words, span)


def resolve_date_words(node: Node, state: State, passage: Span | None) -> Span | None:
    """The words giving a date; a repeated plain quote is taken from the event's passage."""
    if isinstance(node, ScalarNode) and passage is not None:
        quote = str(node.value)
        if quote:
            inside = [
                start
                for start in state.index.occurrences(quote)
                if passage.contains(Span(start, start + len(quote)))
            ]
            if len(inside) == 1:
                return Span(inside[0], inside[0] + len(quote))
    return resolve_one(node, "date text", state)


def _read_arguments(
    node: Node | None,
    entity_ids: set[str],
    checker: Checker,
    event_nodes: list[tuple[Node, str]],
    own_id: str | None,
    positions: dict[tuple[str, str], Position] | None = None,
) -> tuple[tuple[Argument, ...], tuple[EventArgument, ...]]:
    """Entity arguments and event arguments; an event argument's target is checked once
    every event is read (``event_nodes`` collects them). ``positions`` records where each
    entity argument was written."""
    arguments: list[Argument] = []
    event_arguments: list[EventArgument] = []
    for item in sequence_items(node, "arguments", checker):
        is_event = isinstance(item, MappingNode) and any(
            isinstance(k, ScalarNode) and k.value == "event" for k, _ in item.value
        )
        fields = checker.mapping(
            item, "an argument", ("role", "event" if is_event else "entity"), ()
        )
        if fields is None:
            continue
        role = checker.identifier(
            fields.get("role"), "role", ROLE, "a word such as Visitor or Place"
        )
        if is_event:
            event_node = fields.get("event")
            target = checker.text(event_node, "event")
            if target is None or event_node is None:
                continue
            if target == own_id:
                checker.error(event_node, f"event '{target}' cannot be its own argument")
                continue
            event_nodes.append((event_node, target))
            if role is not None:
                event_arguments.append(EventArgument(role, target))
            continue
        entity_node = fields.get("entity")
        entity = checker.text(entity_node, "entity")
        if entity is not None and entity_node is not None and entity not in entity_ids:
            hint = did_you_mean(entity, entity_ids)
            checker.error(entity_node, f"no entity has the id '{entity}'{hint}")
            continue
        if role is not None and entity is not None:
            arguments.append(Argument(role, entity))
            if positions is not None:
                positions.setdefault((role, entity), position_of(item))
    return tuple(arguments), tuple(event_arguments)


def _check_same_as(
    events: list[Event], seen: dict[str, Node], same_as_nodes: dict[str, Node], checker: Checker
) -> None:
    """``same_as`` must name another existing event and never lead round in a circle."""
    for event_id, node in same_as_nodes.items():
        target = str(node.value) if isinstance(node, ScalarNode) else None
        if target == event_id:
            checker.error(node, f"event '{event_id}' cannot be the same as itself")
        elif target is not None and target not in seen:
            checker.error(node, f"no event has the id '{target}'{did_you_mean(target, seen)}")
    targets = {
        event.id: event.same_as
        for event in events
        if event.same_as is not None and event.same_as != event.id and event.same_as in seen
    }
    on_path, done = 1, 2
    status: dict[str, int] = {}
    for start in targets:
        path: list[str] = []
        current: str | None = start
        while current is not None and current not in status:
            status[current] = on_path
            path.append(current)
            current = targets.get(current)
        if current is not None and status.get(current) == on_path:
            cycle = path[path.index(current) :]
            checker.error(
                same_as_nodes[cycle[0]],
                "same_as forms a cycle: "
                + " → ".join([*cycle, cycle[0]])
                + "; point every telling of the happening at one event",
            )
        for member in path:
            status[member] = done
