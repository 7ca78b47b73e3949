"""Compare two brat ``.ann`` files by what they say, not how they number it.

A round trip (brat → gloss → brat) renumbers every id and may order lines differently;
what must survive is the annotations, compared as sets:

* text-bound annotations: label and fragments (raw offsets, as brat counts them);
* events: label, trigger, and every argument with its role;
* relations: label and both ends;
* attributes (``A``/``M``): name, value and what they are on;
* normalisations (``N``): database, key and what they are on;
* notes (``#``): the text (white space folded) and what they are on;
* entities: which ``T``s are one (``*`` equivalences and shared normalisations, and,
  as the importer groups them by default, the same label and text).

An annotation is named by its content: a ``T`` by its label and fragments, an ``E``
by its label and trigger. Where gloss's model works on entities rather than single
mentions (event arguments and relation ends, normalisations and notes, which gloss
keeps per entity), a ``T`` is named by its whole entity: every ``T`` grouped with it
by ``*`` equivalences and shared normalisations, as the importer groups them. An
import that groups ``T``s of one label and text (the default) is compared with
``by_text``: such ``T``s are one entity on both sides, whether a ``*`` line says so or
not. The differences that remain after this are listed in ``docs/interop.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.document.diagnostics import DiagnosticSink
from tui.core.formats import yaml_out
from tui.core.formats.brat import BratAnnotations, export_brat, import_brat, parse
from tui.core.formats.doccano_shapes import read_record
from tui.core.loading.loader import load

Key = tuple[object, ...]


@dataclass(frozen=True)
class BratFacts:
    """The annotations of one ``.ann`` file as sets of content keys."""

    textbounds: frozenset[Key] = frozenset()
    events: frozenset[Key] = frozenset()
    relations: frozenset[Key] = frozenset()
    attributes: frozenset[Key] = frozenset()
    normalisations: frozenset[Key] = frozenset()
    notes: frozenset[Key] = frozenset()
    entities: frozenset[Key] = frozenset()
    """Which ``T``s are one entity (by ``*`` equivalences and shared normalisations)."""
    problems: tuple[str, ...] = field(default=())

    def differences(self, other: BratFacts) -> dict[str, tuple[set[Key], set[Key]]]:
        """For each kind that differs: (only in self, only in other)."""
        found: dict[str, tuple[set[Key], set[Key]]] = {}
        for name in (
            "textbounds",
            "events",
            "relations",
            "attributes",
            "normalisations",
            "notes",
            "entities",
        ):
            mine, theirs = set(getattr(self, name)), set(getattr(other, name))
            if mine != theirs:
                found[name] = (mine - theirs, theirs - mine)
        return found


def _words(text: str) -> str:
    return " ".join(text.split())


def facts(ann_source: str, raw_text: str, *, by_text: bool = False) -> BratFacts:
    """Read ``ann_source`` (against the raw ``.txt`` it annotates) into content keys;
    with ``by_text``, ``T``s of one label and text are one entity."""
    sink = DiagnosticSink("compared.ann")
    annotations = parse(ann_source, raw_text, sink)
    return _facts(annotations, tuple(item.format() for item in sink.items), by_text)


def _groups(
    ann: BratAnnotations, triggers: set[str], by_text: bool = False
) -> dict[str, frozenset[Key]]:
    """Each non-trigger ``T`` id → the content keys of every ``T`` of its entity."""
    parent: dict[str, str] = {ident: ident for ident in ann.textbounds if ident not in triggers}

    def find(ident: str) -> str:
        while parent[ident] != ident:
            parent[ident] = parent[parent[ident]]
            ident = parent[ident]
        return ident

    def union(members: Iterable[str]) -> None:
        kept = [m for m in members if m in parent]
        for other in kept[1:]:
            parent[find(other)] = find(kept[0])

    for _label, refs in ann.equivalences:
        union(ref.target for ref in refs)
    by_reference: dict[tuple[str, str], list[str]] = {}
    for norm in ann.normalisations:
        by_reference.setdefault((norm.database, norm.key), []).append(norm.target.target)
    for members in by_reference.values():
        union(members)
    if by_text:
        by_words: dict[tuple[str, str], list[str]] = {}
        for ident in parent:
            bound = ann.textbounds[ident]
            by_words.setdefault((bound.label, _words(bound.text)), []).append(ident)
        for members in by_words.values():
            union(members)
    classes: dict[str, set[Key]] = {}
    for ident in parent:
        bound = ann.textbounds[ident]
        classes.setdefault(find(ident), set()).add((bound.label, tuple(bound.fragments)))
    return {ident: frozenset(classes[find(ident)]) for ident in parent}


def _facts(ann: BratAnnotations, problems: tuple[str, ...], by_text: bool = False) -> BratFacts:
    triggers = {event.trigger.target for event in ann.events.values()}
    entity_of = _groups(ann, triggers, by_text)

    def bound_key(ident: str) -> Key:
        bound = ann.textbounds[ident]
        return ("T", bound.label, tuple(bound.fragments))

    def event_key(ident: str) -> Key:
        event = ann.events[ident]
        return ("E", event.label, bound_key(event.trigger.target))

    def entity_or_event(ident: str) -> Key:
        """What an argument, relation end, note or normalisation is about."""
        if ident in ann.events:
            return event_key(ident)
        if ident in entity_of:
            return ("entity", entity_of[ident])
        if ident in ann.textbounds:
            return bound_key(ident)
        if ident in ann.relations:
            return relation_key(ident)
        return ("missing", ident)

    def relation_key(ident: str) -> Key:
        relation = ann.relations[ident]
        return (
            "R",
            relation.label,
            entity_or_event(relation.source.target),
            entity_or_event(relation.target.target),
        )

    def attribute_target(ident: str) -> Key:
        if ident in ann.textbounds:
            return bound_key(ident)
        if ident in ann.events:
            return event_key(ident)
        if ident in ann.relations:
            return relation_key(ident)
        return ("missing", ident)

    events = frozenset(
        (
            event_key(ident),
            frozenset((ref.role, entity_or_event(ref.target)) for ref in event.arguments),
        )
        for ident, event in ann.events.items()
    )
    return BratFacts(
        textbounds=frozenset(bound_key(ident) for ident in ann.textbounds),
        events=events,
        relations=frozenset(relation_key(ident) for ident in ann.relations),
        attributes=frozenset(
            (a.name, a.value, attribute_target(a.target.target)) for a in ann.attributes
        ),
        normalisations=frozenset(
            (n.database, n.key, entity_or_event(n.target.target)) for n in ann.normalisations
        ),
        # gloss keeps one description or note per entity, event or relation: several
        # notes are joined with "; ", so they are compared piece by piece.
        notes=frozenset(
            (piece, entity_or_event(note.target.target))
            for note in ann.notes
            for piece in _words(note.text).split("; ")
        ),
        entities=frozenset(group for group in entity_of.values() if len(group) > 1),
        problems=problems,
    )


def named_mentions(ann_source: str, raw_text: str) -> frozenset[Key]:
    """What each event argument and relation end names, by the very ``T`` (label and
    fragments) or event, not by its entity: a grouping import must give these back."""
    sink = DiagnosticSink("compared.ann")
    ann = parse(ann_source, raw_text, sink)

    def named(ident: str) -> Key:
        if ident in ann.events:
            trigger = ann.textbounds[ann.events[ident].trigger.target]
            return ("E", ann.events[ident].label, tuple(trigger.fragments))
        bound = ann.textbounds[ident]
        return ("T", bound.label, tuple(bound.fragments))

    found: set[Key] = set()
    for ident in ann.events:
        event = ann.events[ident]
        found.update(("argument", named(ident), a.role, named(a.target)) for a in event.arguments)
    for relation in ann.relations.values():
        found.add(
            (
                "relation",
                relation.label,
                named(relation.source.target),
                named(relation.target.target),
            )
        )
    return frozenset(found)


@dataclass(frozen=True)
class RoundTrip:
    """What a brat → gloss → brat round trip gave."""

    imported: bool
    import_messages: tuple[str, ...]
    check_messages: tuple[str, ...]
    """What ``gloss check`` says about the written gloss file (``--strict`` wants none)."""
    differences: dict[str, tuple[set[Key], set[Key]]]
    written: str = ""
    """The ``.ann`` the round trip wrote."""


def brat_round_trip(
    ann_path: Path, folder: Path, text_path: Path | None = None, *, keep_apart: bool = False
) -> RoundTrip:
    """Import ``ann_path``, write and check the gloss file in ``folder``, export it to
    brat again against the same raw text, and compare the two ``.ann`` files (``T``s
    of one label and text as one entity, unless ``keep_apart``)."""
    text_path = text_path or ann_path.with_suffix(".txt")
    result = import_brat(str(ann_path), text_path=str(text_path), keep_apart=keep_apart)
    import_messages = tuple(item.format() for item in result.diagnostics)
    if result.document is None:
        return RoundTrip(False, import_messages, (), {})
    raw = text_path.read_bytes().decode("utf-8")
    (folder / "doc.txt").write_text(raw, encoding="utf-8", newline="")
    (folder / "doc.yaml").write_text(
        yaml_out.dumps(result.document, text_name="doc.txt"), encoding="utf-8"
    )
    checked = load(str(folder / "doc.yaml"))
    prefix = f"{folder}/"
    check_messages = tuple(item.format().replace(prefix, "") for item in checked.diagnostics)
    if checked.document is None:
        return RoundTrip(True, import_messages, check_messages, {})
    written = export_brat(checked.document, raw_text=raw)
    by_text = not keep_apart
    original = facts(ann_path.read_bytes().decode("utf-8"), raw, by_text=by_text)
    return RoundTrip(
        True,
        import_messages,
        check_messages,
        original.differences(facts(written, raw, by_text=by_text)),
        written,
    )


def span_facts(record: dict[str, object]) -> tuple[frozenset[Key], frozenset[Key]]:
    """A doccano or displaCy record as (labelled spans, relations between them).

    Any doccano shape is read through the importer's own shape reader (so ``label``,
    ``entities`` and ``annotations`` compare alike); displaCy's ``ents`` too, with
    their knowledge-base links.
    """
    if "ents" in record:
        ents = record["ents"]
        assert isinstance(ents, list)
        spans = frozenset(
            (e["start"], e["end"], e["label"], e.get("kb_id"), e.get("kb_url")) for e in ents
        )
        return spans, frozenset()
    shape, problem = read_record(record, None)
    assert shape is not None, problem
    by_key = {s.key: (s.start, s.end, s.label) for s in shape.spans if s.key is not None}
    return (
        frozenset((s.start, s.end, s.label) for s in shape.spans),
        frozenset(
            (label, by_key.get(source), by_key.get(target))
            for source, target, label in shape.relations
        ),
    )
