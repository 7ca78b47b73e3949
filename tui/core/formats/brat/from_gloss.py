"""A gloss document → brat ``.ann`` text."""

from __future__ import annotations

import re

from tui.core.document.model import Attributes, Document, Event, Span
from tui.core.formats.brat.to_gloss import SAME_AS_LABELS, realis_from_attribute
from tui.core.formats.common import BRAT_ENTITY_LABELS, OffsetMap, export_label, relation_label


def one_line(value: str) -> str:
    """``value`` on one line, its white space runs made single spaces."""
    return " ".join(value.split())


def realis_to_write(event: Event) -> bool:
    """Whether export writes ``A Realis``: a realis other than actual that none of the
    event's attributes (``Speculation`` → hypothetical) already says."""
    said = {
        realis_from_attribute(name, None if value == "true" else value)
        for name, value in event.attributes
    }
    return event.realis != "actual" and event.realis not in said


def export_brat(document: Document, *, raw_text: str | None = None) -> str:
    """The ``.ann`` text for a document.

    Offsets count the characters of ``raw_text`` when given (the stored article,
    perhaps with CRLF line ends), else of ``document.text``, which is then the
    ``.txt`` to write beside it. Type and relation names imported from brat are
    written back as they were (the types' ``source``).
    """
    text = document.text
    mapping = OffsetMap(raw_text) if raw_text is not None else None

    def raw(offset: int) -> int:
        return mapping.to_raw(offset) if mapping else offset

    # Text-bound annotations for mentions and triggers, numbered in text order.
    items: list[tuple[tuple[Span, ...], int, str, str]] = []
    for entity in document.entities:
        label = export_label(
            entity.type,
            document.entity_types.get(entity.type),
            event=False,
            builtin=BRAT_ENTITY_LABELS.get(entity.type),
        )
        for mention in entity.mentions:
            items.append((mention.fragments, 0, label, f"m:{entity.id}:{mention.index}"))
    for event in document.events:
        label = export_label(
            event.type, document.event_types.get(event.type), event=True, builtin=None
        )
        items.append(((event.trigger,), 1, label, f"t:{event.id}"))
    items.sort(key=lambda item: (item[0][0].start, -item[0][-1].end, item[1], item[3]))
    t_id: dict[str, str] = {}
    lines: list[str] = []
    for number, (fragments, _, label, key) in enumerate(items, start=1):
        t_id[key] = f"T{number}"
        offsets = ";".join(f"{raw(part.start)} {raw(part.end)}" for part in fragments)
        covered = " ".join(one_line(text[part.start : part.end]) for part in fragments)
        lines.append(f"T{number}\t{label} {offsets}\t{covered}")
    counters = {"E": 0, "R": 0, "A": 0, "N": 0, "#": 0}

    def next_id(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    def attribute_lines(attributes: Attributes, target: str) -> None:
        for name, value in attributes:
            if re.fullmatch(r"\S+", name) and re.fullmatch(r"\S+", value):
                shown = "" if value == "true" else f" {value}"
                lines.append(f"{next_id('A')}\t{name} {target}{shown}")

    for entity in document.entities:
        first = t_id[f"m:{entity.id}:0"]
        if len(entity.mentions) > 1:
            ids = " ".join(t_id[f"m:{entity.id}:{m.index}"] for m in entity.mentions)
            lines.append(f"*\tEquiv {ids}")
        for key, value in entity.links:
            if re.fullmatch(r"[^\s:]+", key) and re.fullmatch(r"\S+", value):
                lines.append(
                    f"{next_id('N')}\tReference {first} {key}:{value}\t{one_line(entity.name)}"
                )
        if entity.description:
            lines.append(f"{next_id('#')}\tAnnotatorNotes {first}\t{one_line(entity.description)}")
        attribute_lines(entity.attributes, first)
        for mention in entity.mentions:
            attribute_lines(mention.attributes, t_id[f"m:{entity.id}:{mention.index}"])
    e_id = {event.id: f"E{index}" for index, event in enumerate(document.events, start=1)}
    for event in document.events:
        label = export_label(
            event.type, document.event_types.get(event.type), event=True, builtin=None
        )
        parts = [f"{label}:{t_id[f't:{event.id}']}"]
        seen_roles: dict[str, int] = {}
        for argument in event.arguments:
            count = seen_roles[argument.role] = seen_roles.get(argument.role, 0) + 1
            role = argument.role if count == 1 else f"{argument.role}{count}"
            entity = document.entity_by_id[argument.entity_id]
            nearest = min(
                entity.mentions,
                key=lambda m: (abs(m.span.start - event.trigger.start), m.index),
            )
            parts.append(f"{role}:{t_id[f'm:{entity.id}:{nearest.index}']}")
        for event_argument in event.event_arguments:
            parts.append(f"{event_argument.role}:{e_id[event_argument.event_id]}")
        lines.append(f"{e_id[event.id]}\t{' '.join(parts)}")
    for event in document.events:
        # Realis that came from a brat attribute (Speculation…) is written as that attribute.
        if realis_to_write(event):
            lines.append(f"{next_id('A')}\tRealis {e_id[event.id]} {event.realis}")
        attribute_lines(event.attributes, e_id[event.id])
        for key, value in event.links:
            if re.fullmatch(r"[^\s:]+", key) and re.fullmatch(r"\S+", value):
                lines.append(
                    f"{next_id('N')}\tReference {e_id[event.id]} {key}:{value}\t"
                    f"{one_line(event.summary)}"
                )
        if event.note:
            lines.append(f"{next_id('#')}\tAnnotatorNotes {e_id[event.id]}\t{one_line(event.note)}")

    def end_id(end_id_: str, is_event: bool, evidence: Span | None) -> str:
        if is_event:
            return e_id[end_id_]
        entity = document.entity_by_id[end_id_]
        chosen = entity.mentions[0]
        if evidence is not None:
            inside = [m for m in entity.mentions if evidence.contains(m.span)]
            chosen = inside[0] if inside else chosen
        return t_id[f"m:{entity.id}:{chosen.index}"]

    event_pairs = {
        frozenset((r.from_id, r.to_id))
        for r in document.relations
        if r.from_event and r.to_event and r.type.lower().replace("-", "_") in SAME_AS_LABELS
    }
    for event in document.events:
        if (
            event.same_as
            and event.same_as in e_id
            and frozenset((event.id, event.same_as)) not in event_pairs
        ):
            lines.append(
                f"{next_id('R')}\tsame_as Arg1:{e_id[event.id]} Arg2:{e_id[event.same_as]}"
            )
    for relation in document.relations:
        source = end_id(relation.from_id, relation.from_event, relation.evidence)
        target = end_id(relation.to_id, relation.to_event, relation.evidence)
        label = relation_label(document, relation.type)
        r_id = next_id("R")
        lines.append(f"{r_id}\t{label} Arg1:{source} Arg2:{target}")
        if relation.note:
            lines.append(f"{next_id('#')}\tAnnotatorNotes {r_id}\t{one_line(relation.note)}")
        attribute_lines(relation.attributes, r_id)
    return "\n".join(lines) + ("\n" if lines else "")
