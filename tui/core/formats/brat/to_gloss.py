"""brat annotations → a gloss document: mentions grouped into entities, events, relations."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Hashable, Mapping

from tui.core.document.diagnostics import DiagnosticSink
from tui.core.document.model import REALIS_VALUES, Document, Span
from tui.core.formats.brat.parse import NONSPACE, BratAnnotations, Ref, TextBound
from tui.core.formats.brat.source import BRAT, SOURCE_ID, escape, is_placeholder
from tui.core.formats.common import (
    BRAT_ENTITY_LABELS,
    EntityDraft,
    EventDraft,
    OffsetMap,
    RelationDraft,
    TypeMapper,
    build_document,
    slugify,
)
from tui.core.formats.grouping import ExportPicks, GroupKey, Parts, same_text_key

_ROLE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
SAME_AS_LABELS = frozenset({"same_as", "same-as", "sameas", "coreference", "coref", "equiv"})
"""Relation labels between two events read as gloss ``same_as``."""


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b, key=_id_key)] = min(a, b, key=_id_key)


def covered_text(raw: str, fragments: list[tuple[int, int]]) -> str:
    """The text field export writes for fragments of ``raw``: their characters, a line
    break or tab as a space, fragments joined by a space (as brat writes it)."""
    return " ".join(raw[start:end] for start, end in fragments).translate(_LAYOUT)


_LAYOUT = str.maketrans("\n\r\t", "   ")


def arguments_text(arguments: list[tuple[str, str]]) -> str:
    """``Theme:T1 Theme2:T2``: arguments as export writes them, repeated roles numbered."""
    seen: dict[str, int] = {}
    parts = []
    for role, target in arguments:
        count = seen[role] = seen.get(role, 0) + 1
        parts.append(f"{role if count == 1 else f'{role}{count}'}:{target}")
    return " ".join(parts)


class _Members:
    """The ``T``s of one group, with what decides whether another group may join it."""

    def __init__(self, bound: TextBound, related: set[str]) -> None:
        self.label = bound.label
        self.ids = {bound.id}
        self.spans = {tuple(bound.fragments)}
        self.related = set(related)

    def joinable(self, other: _Members) -> bool:
        """One type (a gloss entity has one), no ``T`` repeating another's span (it is
        kept, not folded in), no relation between the two (gloss relations link two
        entities)."""
        return (
            self.label == other.label
            and self.spans.isdisjoint(other.spans)
            and self.related.isdisjoint(other.ids)
            and other.related.isdisjoint(self.ids)
        )

    def absorb(self, other: _Members) -> _Members:
        """The two groups as one (the larger takes the smaller in: linear overall)."""
        big, small = (self, other) if len(self.ids) >= len(other.ids) else (other, self)
        big.ids |= small.ids
        big.spans |= small.spans
        big.related |= small.related
        return big


def _id_key(ident: str) -> tuple[int, str]:
    digits = re.sub(r"\D", "", ident)
    return (int(digits) if digits else 0, ident)


def realis_from_attribute(name: str, value: str | None) -> str | None:
    """The realis an event attribute says, if any (the attribute itself is kept too)."""
    folded = name.lower()
    low_value = (value or "").lower()
    if folded in ("speculation", "speculated", "hypothetical", "uncertain") and low_value not in (
        "false",
        "no",
    ):
        return "hypothetical"
    if folded == "realis" and low_value in REALIS_VALUES:
        return low_value
    if folded == "realis" and low_value == "other":
        return "hypothetical"
    return None


def _group_same_text(
    ann: BratAnnotations,
    entity_bounds: list[TextBound],
    groups: _UnionFind,
    parts_of: Mapping[str, Parts],
    spans_of: Callable[[TextBound], list[Span]],
    members_of: Mapping[str, _Members],
) -> dict[str, str]:
    """Group ``T``s of one type and text (``groups`` already holds ``*`` sets and shared
    normalisations); each entity ``T`` → the id its entity is known by.

    Two groups whose normalisations name different entries of one database stay
    apart: the source tells them apart, as does a relation between them. A group whose
    ``T`` an event argument or a relation end names, where export would name another
    ``T`` of the grouped entity, is kept apart too, so that a round trip gives every
    argument its own ``T`` back; and so are groups ``joinable`` refuses (a relation
    between them, a repeated ``T``).
    """
    links: dict[str, dict[str, str]] = {}
    for norm in ann.normalisations:
        if norm.target.target in groups.parent and not is_placeholder(norm.key):
            links.setdefault(groups.find(norm.target.target), {}).setdefault(
                norm.database, norm.key
            )
    source_group = {bound.id: groups.find(bound.id) for bound in entity_bounds}
    merged = _UnionFind()
    merged_links: dict[str, dict[str, str]] = {}
    merged_members = dict(members_of)
    by_text: dict[GroupKey, str] = {}
    for bound in entity_bounds:
        if not parts_of[bound.id]:
            continue  # white space only: skipped with a warning later
        group = source_group[bound.id]
        first = merged.find(by_text.setdefault(same_text_key(bound.label, bound.text), group))
        mine = merged.find(group)
        theirs, own = (
            merged_links.get(first, links.get(first, {})),
            merged_links.get(mine, links.get(mine, {})),
        )
        if first == mine or any(theirs.get(db, key) != key for db, key in own.items()):
            continue
        if not merged_members[first].joinable(merged_members[mine]):
            continue
        together = merged_members.pop(first).absorb(merged_members.pop(mine))
        merged.union(first, mine)
        merged_links[merged.find(first)] = {**own, **theirs}
        merged_members[merged.find(first)] = together
    entity_of = {ident: merged.find(group) for ident, group in source_group.items()}

    picks: dict[str, ExportPicks] = {}
    members: dict[str, list[tuple[Parts, Hashable]]] = {}
    for ident, entity in entity_of.items():
        if parts_of[ident]:
            members.setdefault(entity, []).append((parts_of[ident], ident))

    def picks_for(entity: str) -> ExportPicks:
        if entity not in picks:
            picks[entity] = ExportPicks(members[entity])
        return picks[entity]

    apart: set[str] = set()

    def check(named: str, picked: Hashable) -> None:
        if isinstance(picked, str) and parts_of[picked] != parts_of[named]:
            apart.add(source_group[named])

    for event in ann.events.values():
        trigger = ann.textbounds.get(event.trigger.target)
        spans = spans_of(trigger) if trigger is not None else []
        for argument in event.arguments:
            named = argument.target
            if spans and named in entity_of and parts_of[named]:
                check(named, picks_for(entity_of[named]).nearest(spans[0].start))
    for relation in ann.relations.values():
        ends = (relation.source.target, relation.target.target)
        for end in ends:
            if end in entity_of and parts_of[end]:
                check(end, picks_for(entity_of[end]).first())
        source, target = ends
        if (
            source in entity_of
            and target in entity_of
            and entity_of[source] == entity_of[target]
            and source_group[source] != source_group[target]
        ):
            apart.add(source_group[target])  # a relation links two different entities
    # Each entity is known by the first of its source groups (a T id, for messages).
    known_as: dict[str, str] = {}
    return {
        ident: group if group in apart else known_as.setdefault(entity_of[ident], group)
        for ident, group in source_group.items()
    }


class _Converter:
    """brat annotations made into gloss drafts, step by step (see :func:`convert`).

    Each step reads what the earlier ones made: the drafts, and which brat id became
    which draft (``entity_of``, ``event_of``, ``relation_of``).
    """

    def __init__(self, ann: BratAnnotations, offsets: OffsetMap, sink: DiagnosticSink) -> None:
        self.ann = ann
        self.offsets = offsets
        self.text = offsets.text
        self.sink = sink
        self.types = TypeMapper(builtin_labels=BRAT_ENTITY_LABELS)
        triggers = {event.trigger.target for event in ann.events.values()}
        self.entity_bounds = [t for t in ann.textbounds.values() if t.id not in triggers]
        """The text-bound annotations that are not triggers: the mentions."""
        self.kinds = {
            **dict.fromkeys(ann.textbounds, "T"),
            **dict.fromkeys(ann.events, "E"),
            **dict.fromkeys(ann.relations, "R"),
        }
        self.parts_of: dict[str, tuple[Span, ...]] = {}
        self.drafts: list[EntityDraft] = []
        self.entity_of: dict[str, int] = {}
        self.fragments_of: dict[str, tuple[Span, ...]] = {}
        self.events: list[EventDraft] = []
        self.event_of: dict[str, int] = {}
        self.relations: list[RelationDraft] = []
        self.relation_of: dict[str, int] = {}
        self.related: dict[str, set[str]] = {}
        """Each ``T`` or ``E`` → the ids a relation links it to."""
        self.tokens: dict[str, list[str]] = {}
        """Each ``T``, ``E`` and ``R`` id → what its ``brat`` attribute keeps (see
        :mod:`.source`)."""

    def check(self, ref: Ref, allowed: str, what: str) -> str | None:
        kind = self.kinds.get(ref.target)
        if kind is None:
            self.sink.error(ref.position, f"{what} {ref.target!r} is not defined in this file")
            return None
        if kind not in allowed:
            names = {"T": "a text-bound annotation", "E": "an event", "R": "a relation"}
            self.sink.error(
                ref.position,
                f"{what} {ref.target} is {names[kind]}; expected "
                + " or ".join(names[k] for k in allowed),
            )
            return None
        return kind

    def spans_of(self, bound: TextBound) -> list[Span]:
        result = []
        for start, end in bound.fragments:
            span = Span(self.offsets.to_gloss(start), self.offsets.to_gloss(end))
            if span.start < span.end and NONSPACE.search(self.text, span.start, span.end):
                result.append(span)
        return result

    def entity_keys(self, group_by_text: bool) -> dict[str, str]:
        """Each mention's ``T`` id → the id of the entity it belongs to."""
        groups = _UnionFind()
        self.related = {}
        for relation in self.ann.relations.values():
            ends = (relation.source.target, relation.target.target)
            for one, other in (ends, ends[::-1]):
                self.related.setdefault(one, set()).add(other)
        members: dict[str, _Members] = {}
        for bound in self.entity_bounds:
            groups.find(bound.id)
            members[bound.id] = _Members(bound, self.related.get(bound.id, set()))
        self.warn_repeated()

        def join(first: str, other: str) -> bool:
            a, b = groups.find(first), groups.find(other)
            if a == b:
                return True
            if not members[a].joinable(members[b]):
                return False
            together = members.pop(a).absorb(members.pop(b))
            groups.union(a, b)
            members[groups.find(a)] = together
            return True

        for _label, refs in self.ann.equivalences:
            valid = [ref for ref in refs if self.check(ref, "TE", "equivalence member")]
            entity_members = [ref for ref in valid if ref.target in groups.parent]
            for member in entity_members[1:]:
                first_id = entity_members[0].target
                if not join(first_id, member.target):
                    self.sink.warning(
                        member.position,
                        f"{member.target} is in a '*' set with {first_id}, but "
                        + self.why_apart(first_id, member.target)
                        + "; it is kept as an entity of its own (the '*' line is kept)",
                    )
        by_reference: dict[tuple[str, str], list[str]] = {}
        for norm in self.ann.normalisations:
            if (
                self.check(norm.target, "TE", "normalisation target")
                and norm.target.target in groups.parent
                and not is_placeholder(norm.key)
            ):
                # A shared entry joins T's of one type; a T that cannot join the first
                # tries the others of that entry (a relation may keep two of them apart).
                sharing = by_reference.setdefault((norm.database, norm.key), [])
                if not any(join(first, norm.target.target) for first in sharing):
                    sharing.append(norm.target.target)
        self.parts_of = {bound.id: tuple(self.spans_of(bound)) for bound in self.entity_bounds}
        if group_by_text:
            return _group_same_text(
                self.ann, self.entity_bounds, groups, self.parts_of, self.spans_of, members
            )
        return {bound.id: groups.find(bound.id) for bound in self.entity_bounds}

    def why_apart(self, first: str, other: str) -> str:
        """Why :meth:`_Members.joinable` keeps the ``T``s apart, for a message."""
        one, two = self.ann.textbounds[first], self.ann.textbounds[other]
        if one.label != two.label:
            return f"of another type ({two.label}, not {one.label}); a gloss entity has one type"
        if one.fragments == two.fragments:
            return "on the same span with the same type"
        return "a relation links them, and gloss relations link two entities"

    def warn_repeated(self) -> None:
        """A ``T`` with the type and span of an earlier one is kept, and said."""
        seen: dict[tuple[str, tuple[tuple[int, int], ...]], str] = {}
        for bound in self.entity_bounds:
            first = seen.setdefault((bound.label, tuple(bound.fragments)), bound.id)
            if first != bound.id:
                self.sink.warning(
                    bound.position,
                    f"{bound.id} repeats {first} (type {bound.label}, the same span); it is "
                    "kept as an entity of its own",
                )

    def add_entities(self, entity_key: dict[str, str]) -> None:
        """One entity draft per group of mentions (one that covers only white space: none)."""
        members: dict[str, list[TextBound]] = {}
        for bound in self.entity_bounds:
            members.setdefault(entity_key[bound.id], []).append(bound)
        for root, bounds in members.items():
            bounds.sort(key=lambda b: (b.fragments[0], _id_key(b.id)))
            labels = sorted({b.label for b in bounds})
            if len(labels) > 1:
                self.sink.warning(
                    self.ann.textbounds[root].position,
                    f"{root} and the annotations grouped with it have different types "
                    f"({', '.join(labels)}); the entity takes {bounds[0].label}",
                )
            fragments = {bound.id: self.parts_of[bound.id] for bound in bounds}
            spans = [parts[0] for parts in fragments.values() if len(parts) == 1]
            pieces = [parts for parts in fragments.values() if len(parts) > 1]
            if not spans and not pieces:
                self.sink.warning(
                    bounds[0].position, f"{bounds[0].id} covers only white space; it is skipped"
                )
                continue
            for bound in bounds:
                self.entity_of[bound.id] = len(self.drafts)
                self.fragments_of[bound.id] = fragments[bound.id]
            self.drafts.append(
                EntityDraft(
                    self.types.entity(bounds[0].label),
                    spans,
                    texts=[b.text for b in bounds],
                    pieces=pieces,
                )
            )

    def add_events(self) -> None:
        """One event draft per brat event with a trigger."""
        for event in self.ann.events.values():
            kind = self.check(event.trigger, "T", "trigger")
            if kind is None:
                continue
            bound = self.ann.textbounds[event.trigger.target]
            spans = self.spans_of(bound)
            if not spans:
                self.sink.error(
                    event.trigger.position, f"trigger {bound.id} covers only white space"
                )
                continue
            if len(bound.fragments) > 1:
                self.sink.warning(
                    event.trigger.position,
                    f"trigger {bound.id} is discontinuous; gloss takes the words from its first "
                    "to its last fragment",
                )
            trigger = Span(spans[0].start, spans[-1].end)
            code = self.types.event(event.label)
            words = " ".join(self.text[trigger.start : trigger.end].split())
            self.event_of[event.id] = len(self.events)
            self.tokens.setdefault(event.id, []).append(f"trigger={bound.id}")
            if event.end:
                self.tokens[event.id].append(f"end={escape(event.end)}")
            self.events.append(
                EventDraft(code, trigger, f"{self.types.event_label(code)}: {words}")
            )

    def add_arguments(self) -> None:
        """Event arguments: entities, other events, or a note for a trigger."""
        for event in self.ann.events.values():
            if event.id not in self.event_of:
                continue
            draft = self.events[self.event_of[event.id]]
            plain_roles = {argument.role for argument in event.arguments}
            kept: list[tuple[str, str]] = []
            kept_events: list[tuple[str, str]] = []
            for argument in event.arguments:
                kind = self.check(argument, "TE", "argument")
                # brat numbers a repeated role (Theme, Theme2): a repeat is the role again,
                # and export numbers it the same way. A number without a plain role beside it
                # (Site2 alone) is part of the name and is kept.
                role = argument.role
                base = re.sub(r"(?<=[A-Za-z])([2-9]|[1-9][0-9]+)$", "", role)
                if base != role and base in plain_roles:
                    role = base
                if not _ROLE.fullmatch(role):
                    role = re.sub(r"[^A-Za-z0-9_-]", "-", role).strip("-") or "Argument"
                    if not role[0].isalpha():
                        role = "Arg-" + role
                if kind == "T" and argument.target in self.entity_of:
                    draft.arguments.append((role, self.entity_of[argument.target]))
                    kept.append((role, argument.target))
                elif kind == "E" and argument.target in self.event_of:
                    draft.event_arguments.append((role, self.event_of[argument.target]))
                    kept_events.append((role, argument.target))
                elif kind == "T":
                    draft.note.append(
                        f"argument {role}: trigger {argument.target} "
                        f"{self.ann.textbounds[argument.target].text!r}"
                    )
            written = " ".join(f"{a.role}:{a.target}" for a in event.arguments)
            if written != arguments_text(kept + kept_events):
                self.tokens.setdefault(event.id, []).append(
                    "args=" + ",".join(escape(f"{a.role}:{a.target}") for a in event.arguments)
                )

    def link_equivalent_events(self) -> None:
        """Equivalent events are one happening; each ``*`` line is kept to be written back."""
        for label, refs in self.ann.equivalences:
            owner = refs[0].target
            if owner in self.entity_of or owner in self.event_of:
                self.tokens.setdefault(owner, []).append(
                    "equiv=" + ",".join([escape(label), *(ref.target for ref in refs)])
                )
            event_ids = [ref.target for ref in refs if ref.target in self.event_of]
            ordered = sorted(event_ids, key=lambda e: self.events[self.event_of[e]].trigger)
            for other in ordered[1:]:
                self.events[self.event_of[other]].same_as = self.event_of[ordered[0]]

    def add_relations(self) -> None:
        """Relations between two entities or events gloss keeps."""
        for relation in self.ann.relations.values():
            source_kind = self.check(relation.source, "TE", "relation argument")
            target_kind = self.check(relation.target, "TE", "relation argument")
            if source_kind is None or target_kind is None:
                continue
            source, target = relation.source.target, relation.target.target
            if (
                source in self.event_of
                and target in self.event_of
                and relation.label.lower() in SAME_AS_LABELS
                and self.events[self.event_of[source]].same_as is None
                and self.events[self.event_of[target]].same_as != self.event_of[source]
            ):
                # One happening for the reader. gloss writes same_as itself as "same_as";
                # under another label (Coreference) the relation is kept too, to be
                # written back under its own label.
                self.events[self.event_of[source]].same_as = self.event_of[target]
                if relation.label == "same_as":
                    kept = relation.id + (f",{escape(relation.end)}" if relation.end else "")
                    self.tokens.setdefault(source, []).append(f"sameas={kept}")
                    continue
            ends: list[tuple[int, bool] | None] = []  # (draft index, is an event)
            for end in (source, target):
                if end in self.event_of:
                    ends.append((self.event_of[end], True))
                elif end in self.entity_of:
                    ends.append((self.entity_of[end], False))
                else:
                    ends.append(None)
            source_end, target_end = ends
            if source_end is None or target_end is None:
                if self.sink.has_errors:
                    continue  # the end was refused with an error already
                self.sink.warning(
                    relation.position,
                    f"relation {relation.id} links {source} and {target}, which are not both "
                    "entities or events gloss keeps; it is skipped",
                )
                continue
            if source_end == target_end:
                self.sink.warning(
                    relation.position,
                    f"relation {relation.id} links two mentions of one entity; gloss relations "
                    "link two different entities, so it is skipped",
                )
                continue
            self.relation_of[relation.id] = len(self.relations)
            tokens = self.tokens.setdefault(relation.id, [])
            roles = (relation.source.role, relation.target.role)
            if roles != ("Arg1", "Arg2"):
                tokens.append("roles=" + ",".join(escape(role) for role in roles))
            if relation.end:
                tokens.append(f"end={escape(relation.end)}")
            self.relations.append(
                RelationDraft(
                    self.types.relation(relation.label),
                    source_end[0],
                    target_end[0],
                    source_event=source_end[1],
                    target_event=target_end[1],
                )
            )

    def keep_source_ids(self) -> None:
        """Each mention, event and relation keeps its brat id (``source_id``) and what
        else writing its lines back needs (``brat``; see :mod:`.source`)."""
        raw = self.offsets.raw
        for bound in self.entity_bounds:
            if bound.id not in self.entity_of:
                continue
            tokens = self.tokens.get(bound.id, [])
            if bound.text != covered_text(raw, bound.fragments):
                tokens.append(f"text={escape(bound.text)}")
            draft = self.drafts[self.entity_of[bound.id]]
            attributes = draft.mention_attributes.setdefault(self.fragments_of[bound.id], [])
            attributes.insert(0, (SOURCE_ID, bound.id))
            if tokens:
                attributes.append((BRAT, " ".join(tokens)))
        for ident, index in self.event_of.items():
            self.events[index].attributes.insert(0, (SOURCE_ID, ident))
            if self.tokens.get(ident):
                self.events[index].attributes.append((BRAT, " ".join(self.tokens[ident])))
        for ident, index in self.relation_of.items():
            self.relations[index].attributes.insert(0, (SOURCE_ID, ident))
            if self.tokens.get(ident):
                self.relations[index].attributes.append((BRAT, " ".join(self.tokens[ident])))

    def events_at(self, target: str) -> list[int]:
        """The events an annotation on ``target`` belongs to: the event, or every event
        the trigger ``target`` evokes."""
        if target in self.event_of:
            return [self.event_of[target]]
        return [
            self.event_of[e.id]
            for e in self.ann.events.values()
            if e.trigger.target == target and e.id in self.event_of
        ]

    def add_attributes(self) -> None:
        """Attributes go on the entity, event or relation they name."""
        for attribute in self.ann.attributes:
            if self.check(attribute.target, "TER", "attribute target") is None:
                continue
            target = attribute.target.target
            pair = (attribute.name, attribute.value if attribute.value is not None else "true")
            if target in self.entity_of or target in self.relation_of or target in self.event_of:
                self.tokens.setdefault(target, []).append(attribute.id)
            if target in self.entity_of:
                owner = self.drafts[self.entity_of[target]]
                owner.mention_attributes.setdefault(self.fragments_of[target], []).append(pair)
            elif target in self.relation_of:
                self.relations[self.relation_of[target]].attributes.append(pair)
            elif self.events_at(target):
                realis = realis_from_attribute(attribute.name, attribute.value)
                for index in self.events_at(target):
                    self.events[index].attributes.append(pair)
                    if realis:
                        self.events[index].realis = realis
            else:
                self.sink.warning(
                    attribute.target.position,
                    f"attribute {attribute.id} is on {target}, which gloss does not keep; skipped",
                )

    def add_normalisations(self) -> None:
        """Normalisations become links (or notes, when they disagree)."""
        for norm in self.ann.normalisations:
            if self.check(norm.target, "TER", "normalisation target") is None:
                continue
            target = norm.target.target
            if target in self.entity_of:
                linked = self.drafts[self.entity_of[target]]
                existing = dict(linked.links)
                placeholder = is_placeholder(norm.key)
                token = f"{norm.id}={escape(f'{norm.database}:{norm.key}')}"
                expected = linked.name or " ".join(norm.text.split())
                if placeholder or norm.text != expected:
                    token += f"={escape(norm.text)}"
                self.tokens.setdefault(target, []).append(token)
                if placeholder:
                    continue  # names no entry: no link, no identity
                if norm.database in existing and existing[norm.database] != norm.key:
                    self.sink.warning(
                        norm.target.position,
                        f"{norm.target.target} already links {norm.database}:"
                        f"{existing[norm.database]}; {norm.id} ({norm.database}:{norm.key}) "
                        "is kept in the description",
                    )
                    linked.description.append(f"{norm.database}:{norm.key}")
                else:
                    linked.links.append((norm.database, norm.key))
                    if norm.text.strip() and linked.name is None:
                        linked.name = " ".join(norm.text.split())
            elif self.events_at(target):
                if target in self.event_of:
                    summary = self.events[self.event_of[target]].summary
                    token = f"{norm.id}={escape(f'{norm.database}:{norm.key}')}"
                    if norm.text != summary:
                        token += f"={escape(norm.text)}"
                    self.tokens.setdefault(target, []).append(token)
                for index in self.events_at(target):
                    if is_placeholder(norm.key):
                        continue
                    if norm.database in dict(self.events[index].links):
                        self.events[index].note.append(f"{norm.database}:{norm.key} {norm.text}")
                    else:
                        self.events[index].links.append((norm.database, norm.key))
            else:
                self.sink.warning(
                    norm.target.position,
                    f"normalisation {norm.id} is on relation {target}; gloss keeps links on "
                    "entities and events only, so it is skipped",
                )

    def add_notes(self) -> None:
        """Annotator notes become descriptions and notes."""
        for brat_note in self.ann.notes:
            if self.check(brat_note.target, "TER", "note target") is None:
                continue
            target = brat_note.target.target
            if target in self.entity_of or target in self.relation_of or target in self.event_of:
                folded = " ".join(brat_note.text.split())
                token = (
                    brat_note.id
                    if folded == brat_note.text
                    else (f"{brat_note.id}={escape(brat_note.text)}")
                )
                self.tokens.setdefault(target, []).append(token)
            if target in self.entity_of:
                self.drafts[self.entity_of[target]].description.append(brat_note.text)
            elif target in self.relation_of:
                self.relations[self.relation_of[target]].note.append(brat_note.text)
            elif self.events_at(target):
                for index in self.events_at(target):
                    self.events[index].note.append(brat_note.text)
            else:
                self.sink.warning(
                    brat_note.target.position,
                    f"note on {target}, which gloss does not keep; skipped",
                )


def convert(
    ann: BratAnnotations,
    offsets: OffsetMap,
    ann_path: str,
    txt_path: str,
    group_by_text: bool,
    sink: DiagnosticSink,
    visual_labels: Mapping[str, str] | None = None,
) -> Document | None:
    """The document the annotations make (None when there were errors, all in ``sink``)."""
    converter = _Converter(ann, offsets, sink)
    converter.add_entities(converter.entity_keys(group_by_text))
    converter.add_events()
    converter.add_arguments()
    converter.link_equivalent_events()
    converter.add_relations()
    converter.add_attributes()
    converter.add_normalisations()
    converter.add_notes()
    converter.keep_source_ids()
    if sink.has_errors:
        return None
    converter.types.relabel(visual_labels or {})
    stem = os.path.splitext(os.path.basename(ann_path))[0]
    return build_document(
        doc_id=slugify(stem, limit=100) or "document",
        text=converter.text,
        text_path=txt_path,
        title=None,
        entities=converter.drafts,
        events=converter.events,
        relations=converter.relations,
        types=converter.types,
    )
