"""Pairing events by trigger, then comparing type, date, realis and arguments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.compare.findings import B_ONLY, Finding, Kind, Layer, Side, entity_words, quote
from tui.core.compare.mentions import MentionItem, pair_exact, pair_overlapping
from tui.core.compare.metrics import Score
from tui.core.compare.textmap import TextMap
from tui.core.document.diagnostics import Position
from tui.core.document.model import Argument, Event, Span

# -- events -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Event:
    event: Event
    trigger: Span
    """In A's text."""
    words: str


def _events_of(side: Side, text_map: TextMap | None) -> tuple[list[_Event], list[_Event]]:
    document = side.document
    placed: list[_Event] = []
    lost: list[_Event] = []
    for event in document.events:
        words = document.text[event.trigger.start : event.trigger.end]
        span = event.trigger if text_map is None else text_map.span_in_a(event.trigger)
        (lost if span is None else placed).append(_Event(event, span or event.trigger, words))
    return placed, lost


def _pair_events(
    a_events: Sequence[_Event], b_events: Sequence[_Event]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], set[int], set[int]]:
    """Event pairs by trigger: (same trigger span, overlapping trigger, used A, used B)."""
    as_mentions_a = [
        MentionItem(e.trigger, e.event.type, e.event.id, Position(1, 1), e.words) for e in a_events
    ]
    as_mentions_b = [
        MentionItem(e.trigger, e.event.type, e.event.id, Position(1, 1), e.words) for e in b_events
    ]
    same, other_type, used_a, used_b = pair_exact(as_mentions_a, as_mentions_b)
    overlapping = pair_overlapping(as_mentions_a, as_mentions_b, used_a, used_b)
    return [*same, *other_type], overlapping, used_a, used_b


def compare_events(
    a: Side, b: Side, carry: TextMap | None, entity_in_a: dict[str, str]
) -> tuple[list[Finding], Score, dict[str, Score], Score]:
    a_events, _ = _events_of(a, None)
    b_events, b_lost = _events_of(b, carry)
    trigger_pairs, overlapping, used_a, used_b = _pair_events(a_events, b_events)
    findings: list[Finding] = []
    typed: dict[str, list[int]] = {}
    for item in a_events:
        typed.setdefault(item.event.type, [0, 0, 0])[1] += 1
    for item in b_events:
        typed.setdefault(item.event.type, [0, 0, 0])[2] += 1
    # Arguments are (event, role, entity) with the event and entity named in A's terms.
    event_in_a: dict[str, str] = {}
    for a_index, b_index in [*trigger_pairs, *overlapping]:
        event_in_a[b_events[b_index].event.id] = a_events[a_index].event.id
    a_arguments: dict[tuple[str, str, str], tuple[_Event, Argument]] = {}
    b_arguments: dict[tuple[str, str, str], tuple[_Event, Argument]] = {}
    for item in a_events:
        for argument in item.event.arguments:
            key = (item.event.id, argument.role, argument.entity_id)
            a_arguments.setdefault(key, (item, argument))
    for item in b_events:
        event_key = event_in_a.get(item.event.id, B_ONLY + item.event.id)
        for argument in item.event.arguments:
            entity_key = entity_in_a.get(argument.entity_id, B_ONLY + argument.entity_id)
            b_arguments.setdefault((event_key, argument.role, entity_key), (item, argument))

    for a_index, b_index in trigger_pairs:
        first, second = a_events[a_index], b_events[b_index]
        if first.event.type == second.event.type:
            typed[first.event.type][0] += 1
        findings.extend(_event_pair(a, b, first, second, same_trigger=True))
    for a_index, b_index in overlapping:
        findings.extend(_event_pair(a, b, a_events[a_index], b_events[b_index], same_trigger=False))
    for index, item in enumerate(a_events):
        if index not in used_a:
            findings.append(
                Finding(
                    Kind.ONLY_A,
                    Layer.EVENT,
                    f"event {item.event.type} {quote(item.words)}",
                    item.trigger,
                    a_position=a.source.trigger(item.event.id),
                )
            )
    for index, item in enumerate(b_events):
        if index not in used_b:
            findings.append(
                Finding(
                    Kind.ONLY_B,
                    Layer.EVENT,
                    f"event {item.event.type} {quote(item.words)}",
                    item.trigger,
                    b_position=b.source.trigger(item.event.id),
                )
            )
    for item in b_lost:
        findings.append(
            Finding(
                Kind.NOT_PLACED,
                Layer.EVENT,
                f"event {item.event.type} {quote(item.words)}",
                None,
                b_position=b.source.trigger(item.event.id),
            )
        )
    findings.extend(_argument_findings(a, b, a_arguments, b_arguments))
    trigger_types = {code: Score.from_counts(*counts) for code, counts in typed.items()}
    triggers = sum(trigger_types.values(), Score())
    matched_arguments = len(a_arguments.keys() & b_arguments.keys())
    arguments = Score.from_counts(matched_arguments, len(a_arguments), len(b_arguments))
    return findings, triggers, trigger_types, arguments


def _event_pair(
    a: Side, b: Side, first: _Event, second: _Event, *, same_trigger: bool
) -> list[Finding]:
    """Findings for two events told at the same (or an overlapping) trigger."""
    a_event, b_event = first.event, second.event
    a_at, b_at = a.source.trigger(a_event.id), b.source.trigger(b_event.id)
    name = f"event {a_event.type} {quote(first.words)}"
    found: list[Finding] = []
    if not same_trigger:
        found.append(
            Finding(
                Kind.BOUNDARY,
                Layer.EVENT,
                f"{name} in A, {b_event.type} {quote(second.words)} in B",
                first.trigger,
                other_span=second.trigger,
                a_position=a_at,
                b_position=b_at,
            )
        )
    elif a_event.type != b_event.type:
        found.append(
            Finding(
                Kind.TYPE,
                Layer.EVENT,
                f"event {quote(first.words)} {a_event.type} in A, {b_event.type} in B",
                first.trigger,
                a_position=a_at,
                b_position=b_at,
            )
        )
    a_date = a_event.date.value.text if a_event.date else "none"
    b_date = b_event.date.value.text if b_event.date else "none"
    if a_date != b_date:
        found.append(
            Finding(
                Kind.DATE,
                Layer.EVENT,
                f"{name}: {a_date} in A, {b_date} in B",
                first.trigger,
                a_position=a_at,
                b_position=b_at,
            )
        )
    if a_event.realis != b_event.realis:
        found.append(
            Finding(
                Kind.REALIS,
                Layer.EVENT,
                f"{name}: {a_event.realis} in A, {b_event.realis} in B",
                first.trigger,
                a_position=a_at,
                b_position=b_at,
            )
        )
    if not found:
        found.append(
            Finding(Kind.BOTH, Layer.EVENT, name, first.trigger, a_position=a_at, b_position=b_at)
        )
    return found


def _argument_findings(
    a: Side,
    b: Side,
    a_arguments: dict[tuple[str, str, str], tuple[_Event, Argument]],
    b_arguments: dict[tuple[str, str, str], tuple[_Event, Argument]],
) -> list[Finding]:
    found: list[Finding] = []
    for key, (item, argument) in a_arguments.items():
        event = item.event
        found.append(
            Finding(
                Kind.BOTH if key in b_arguments else Kind.ONLY_A,
                Layer.ARGUMENT,
                f"argument {argument.role} {entity_words(a.document, argument.entity_id)} "
                f"of {event.type} {quote(item.words)}",
                item.trigger,
                a_position=a.source.argument(event.id, argument.role, argument.entity_id),
            )
        )
    for key, (item, argument) in b_arguments.items():
        if key in a_arguments:
            continue
        event = item.event
        found.append(
            Finding(
                Kind.ONLY_B,
                Layer.ARGUMENT,
                f"argument {argument.role} {entity_words(b.document, argument.entity_id)} "
                f"of {event.type} {quote(item.words)}",
                item.trigger,
                b_position=b.source.argument(event.id, argument.role, argument.entity_id),
            )
        )
    return found
