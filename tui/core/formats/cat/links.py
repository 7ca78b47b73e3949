"""CAT relations between mentions → gloss relations and event arguments."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TypeVar

from tui.core.document.diagnostics import Position
from tui.core.document.model import (
    Argument,
    Event,
    EventArgument,
    EventDate,
    Span,
    TypeInfo,
)
from tui.core.document.model import (
    Relation as GlossRelation,
)
from tui.core.formats.cat.chains import PARTICIPANT_KIND, Builder
from tui.core.formats.cat.event_dates import date_from
from tui.core.formats.cat.parse import Relation

_Item = TypeVar("_Item", Argument, EventArgument)


_RELATION_CODE = re.compile(r"[^a-z0-9]+")


_ROLE_CODE = re.compile(r"[^A-Za-z0-9_-]+")


def linked(
    builder: Builder,
    events: list[Event],
    entity_of: Mapping[str, str],
    event_of: Mapping[str, str],
    relations: list[GlossRelation],
    relation_types: dict[str, TypeInfo],
    words: Callable[[Span], str],
) -> list[Event]:
    """Relations between mentions: participants become arguments, a timex holding an
    event in time its date, and every other relation a gloss relation."""
    arguments: dict[str, list[Argument]] = {}
    event_arguments: dict[str, list[EventArgument]] = {}
    dates: dict[str, EventDate] = {}
    sink = builder.sink

    def end_of(relation: Relation, m_id: str, position: Position) -> tuple[str, bool] | None:
        """The gloss id a relation end became, and whether it is an event."""
        if m_id in event_of:
            return event_of[m_id], True
        if m_id in entity_of:
            return entity_of[m_id], False
        if m_id in builder.instances:
            sink.warning(
                position,
                f"relation <{relation.kind}> r_id {relation.id}: m_id {m_id} names an instance,"
                " not text; the relation is not read",
            )
        elif m_id not in builder.markable_ids:
            sink.error(
                position,
                f"relation r_id {relation.id} points at markable m_id {m_id}, which is not in"
                " the file",
            )
        return None  # a markable left out has had its own problem reported

    for relation in builder.links_between:
        for source, source_at in relation.sources:
            from_end = end_of(relation, source, source_at)
            for target, target_at in relation.targets:
                to_end = end_of(relation, target, target_at)
                if from_end is None or to_end is None:
                    continue
                (from_id, from_event), (to_id, to_event) = from_end, to_end
                if relation.kind == PARTICIPANT_KIND and from_event:
                    role = _ROLE_CODE.sub("-", relation.attribute("sem_role") or "Participant")
                    role = role.strip("-") or "Participant"
                    if not role[0].isalpha():
                        role = f"Role-{role}"
                    if to_event:
                        event_arguments.setdefault(from_id, []).append(EventArgument(role, to_id))
                    else:
                        arguments.setdefault(from_id, []).append(Argument(role, to_id))
                    continue
                reltype = relation.attribute("reltype")
                ends = ((source, from_id, from_event), (target, to_id, to_event))
                date_from(builder, relation, ends, dates, words)
                code = _RELATION_CODE.sub("-", f"{relation.kind} {reltype or ''}".lower())
                code = code.strip("-") or "related"
                if not code[0].isalpha():
                    code = f"rel-{code}"
                if code not in relation_types:
                    written = f"{relation.kind} {reltype}" if reltype else relation.kind
                    relation_types[code] = TypeInfo(
                        code,
                        written,
                        f"CAT relation {relation.kind}"
                        + (f" of type {reltype}" if reltype else "")
                        + ", as written in the source",
                        declared=True,
                        source=written,
                    )
                relations.append(
                    GlossRelation(
                        code,
                        from_id,
                        to_id,
                        None,
                        attributes=tuple(
                            pair for pair in relation.attributes if pair[0] != "reltype"
                        ),
                        from_event=from_event,
                        to_event=to_event,
                    )
                )
    if not (arguments or event_arguments or dates):
        return events
    changed: list[Event] = []
    for event in events:
        found = arguments.get(event.id)
        found_events = event_arguments.get(event.id)
        date = dates.get(event.id)
        if found or found_events or date:
            event = replace(
                event,
                arguments=_unique(found or []),
                event_arguments=_unique(found_events or []),
                date=date or event.date,
            )
        changed.append(event)
    return changed


def _unique(items: list[_Item]) -> tuple[_Item, ...]:
    """Each argument once, in the order first given (a file may repeat a relation)."""
    return tuple(dict.fromkeys(items))
