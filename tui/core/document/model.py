"""The domain model: a document, its entities, mentions, events and relations.

Everything here is immutable and already resolved: selectors have become
code-point spans into ``Document.text``. Widgets and exporters only ever see
this form.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from tui.core.document.dates import DateValue

DEFAULT_ENTITY_TYPES: Mapping[str, tuple[str, str]] = {
    "PER": ("Person", "A named or described person or group of people."),
    "ORG": ("Organisation", "A company, agency, armed force, party, or one of their units."),
    "GPE": ("Geo-political entity", "A country, state, city or other place with a government."),
    "LOC": ("Location", "A geographical place without a government: a region, sea, mountain."),
    "FAC": ("Facility", "A building, airport, base, road or other made structure."),
    "WEA": ("Weapon", "A weapon or weapon system."),
    "VEH": ("Vehicle", "A vehicle or aircraft that carries people or goods."),
    "MONEY": ("Money", "A sum of money."),
}
"""The built-in entity types (ACE-style) as ``code: (label, description)``."""

_EVENT_SUBTYPES: dict[str, tuple[str, ...]] = {
    "Life": ("Be-Born", "Marry", "Divorce", "Injure", "Die"),
    "Movement": ("Transport", "Transport-Person", "Transport-Artifact"),
    "Transaction": ("Transfer-Ownership", "Transfer-Money", "Transaction"),
    "Business": ("Start-Org", "Merge-Org", "Declare-Bankruptcy", "End-Org"),
    "Conflict": ("Attack", "Demonstrate"),
    "Contact": ("Meet", "Phone-Write", "Broadcast", "Correspondence", "Contact"),
    "Personnel": ("Start-Position", "End-Position", "Nominate", "Elect"),
    "Justice": (
        "Arrest-Jail",
        "Release-Parole",
        "Trial-Hearing",
        "Charge-Indict",
        "Sue",
        "Convict",
        "Sentence",
        "Fine",
        "Execute",
        "Extradite",
        "Acquit",
        "Appeal",
        "Pardon",
    ),
    "Manufacture": ("Artifact",),
}

DEFAULT_EVENT_TYPES: Mapping[str, tuple[str, str]] = {
    f"{kind}.{subtype}": (subtype.replace("-", " "), f"ACE/ERE {kind} event.")
    for kind, subtypes in _EVENT_SUBTYPES.items()
    for subtype in subtypes
}
"""The built-in event types (ACE 2005 and Rich ERE) as ``code: (label, description)``."""

REALIS_VALUES = ("actual", "planned", "hypothetical", "generic")

Attributes = tuple[tuple[str, str], ...]
"""``name: value`` pairs such as ``Negation: true`` or ``Factuality: Possible``, in the
order written. ``true`` is the value of a yes/no attribute (brat's binary ones)."""

REALIS_LIKE_ATTRIBUTES = frozenset(
    {"realis", "factuality", "negation", "negated", "polarity", "speculation", "speculated"}
    | {"uncertainty", "uncertain", "hypothetical", "modality", "certainty"}
)
"""Attribute names (compared lower-case) that say whether an event really happened;
the reader shows them as a glyph beside the event's trigger."""

_SHORT_MENTION = 256
"""Mentions up to this many code points are found by windowed bisection."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open ``[start, end)`` range of code points in the document text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class TypeInfo:
    """How an entity or event type is shown: a short label and a description."""

    code: str
    label: str
    description: str
    declared: bool = False
    source: str | None = None
    """The type's name in the tool the annotations came from (brat's ``Simple_chemical``,
    ``LOC``, ``N_lt_``) when it is not the code: exporters write it back unchanged."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that refers to an entity."""

    span: Span
    """Where the mention lies; for one of several fragments, from the first to the last."""
    entity_id: str
    index: int
    """Position of this mention among its entity's mentions (0-based, text order)."""
    parts: tuple[Span, ...] = ()
    """The fragments of a discontinuous mention ("yogurt ... heated"), in text order;
    empty for the usual one-piece mention."""
    attributes: Attributes = ()

    @property
    def fragments(self) -> tuple[Span, ...]:
        """The pieces of text the mention is made of: its parts, or its one span."""
        return self.parts or (self.span,)

    def covers(self, start: int, end: int) -> bool:
        """Whether a fragment of the mention shares a code point with ``[start, end)``
        (the gap between two fragments is not part of the mention)."""
        return any(part.start < end and part.end > start for part in self.fragments)


@dataclass(frozen=True, slots=True)
class Entity:
    """Someone or something the text is about."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    description: str | None
    links: tuple[tuple[str, str], ...]
    mentions: tuple[Mention, ...]
    attributes: Attributes = ()


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened: a normalised value and the words that say so."""

    value: DateValue
    text: str | None
    span: Span | None


@dataclass(frozen=True, slots=True)
class Argument:
    """An entity taking part in an event, in a role such as ``Visitor``."""

    role: str
    entity_id: str


@dataclass(frozen=True, slots=True)
class EventArgument:
    """Another event taking part in an event, in a role such as ``Theme`` (a regulation
    of a binding, say)."""

    role: str
    event_id: str


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or was planned), evoked by a trigger in the text."""

    id: str
    type: str
    summary: str
    trigger: Span
    passage: Span
    date: EventDate | None
    realis: str
    arguments: tuple[Argument, ...]
    same_as: str | None
    note: str | None
    links: tuple[tuple[str, str], ...] = ()
    """``name: value`` pairs such as ``wikidata: Q1028``; events in two documents that
    share a link are one happening of the corpus."""
    event_arguments: tuple[EventArgument, ...] = ()
    """Arguments that are events; :attr:`arguments` holds those that are entities."""
    attributes: Attributes = ()

    @property
    def realis_attributes(self) -> Attributes:
        """The attributes that say whether the event happened (negation, factuality…)."""
        return tuple(a for a in self.attributes if a[0].lower() in REALIS_LIKE_ATTRIBUTES)


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link between two entities, optionally backed by evidence in the text.

    Either end may be an event instead (``from_event`` / ``to_event``): one event
    causing another, an entity taking part in an event as brat relations say it."""

    type: str
    from_id: str
    to_id: str
    evidence: Span | None
    note: str | None = None
    attributes: Attributes = ()
    from_event: bool = False
    to_event: bool = False


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Metadata of the article."""

    id: str
    title: str | None
    date: DateValue | None
    language: str | None
    text_path: str
    note: str | None = None
    """Free text about the document; a sentence of it may say that the date was guessed
    (as an event's note does: :func:`tui.core.timeline.happenings.note_says_guessed`)."""
    attributes: Attributes = ()
    """``name: value`` pairs about the whole document, as a source gave them (a Label
    Studio task's own fields, a Prodigy record's answer), in the order written."""


@dataclass(frozen=True)
class Document:
    """A fully resolved annotated article."""

    info: DocumentInfo
    text: str
    entities: tuple[Entity, ...]
    events: tuple[Event, ...]
    relations: tuple[Relation, ...]
    entity_types: Mapping[str, TypeInfo] = field(default_factory=dict)
    event_types: Mapping[str, TypeInfo] = field(default_factory=dict)
    relation_types: Mapping[str, TypeInfo] = field(default_factory=dict)
    """Declared relation types only (relation types need no declaration)."""

    @cached_property
    def entity_types_in_use(self) -> tuple[str, ...]:
        """Entity type codes that entities use: built-in ones in their usual order
        (PER, ORG, GPE, …), declared ones after, alphabetically. Sidebar groups, the
        type filter, the legend and the colours all follow this one order."""
        used = {entity.type for entity in self.entities}
        built_in = [code for code in DEFAULT_ENTITY_TYPES if code in used]
        return (*built_in, *sorted(used.difference(built_in)))

    @cached_property
    def entity_by_id(self) -> Mapping[str, Entity]:
        """Entities keyed by id."""
        return {entity.id: entity for entity in self.entities}

    @cached_property
    def event_by_id(self) -> Mapping[str, Event]:
        """Events keyed by id."""
        return {event.id: event for event in self.events}

    @cached_property
    def mentions(self) -> tuple[Mention, ...]:
        """Every mention of every entity in text order (outer before inner at one start)."""
        every = [mention for entity in self.entities for mention in entity.mentions]
        every.sort(key=lambda m: (m.span.start, -m.span.end, m.entity_id))
        return tuple(every)

    @cached_property
    def _mention_starts(self) -> list[int]:
        return [mention.span.start for mention in self.mentions]

    def mention_index_at_or_after(self, offset: int) -> int:
        """Index into :attr:`mentions` of the first mention starting at or after ``offset``."""
        return bisect.bisect_left(self._mention_starts, offset)

    def index_of(self, mention: Mention) -> int:
        """Where ``mention`` stands in :attr:`mentions`: found by its start, not a scan."""
        position = self.mention_index_at_or_after(mention.span.start)
        while self.mentions[position] != mention:
            position += 1  # only mentions that start at the same offset lie in between
        return position

    def mentions_at(self, offset: int) -> list[Mention]:
        """Mentions covering ``offset``, innermost (shortest) first."""
        found = self.mentions_overlapping(offset, offset + 1)
        found.sort(key=lambda m: (len(m.span), m.entity_id))
        return found

    def mentions_overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions sharing at least one code point with ``[start, end)``, in text order.

        Short mentions are found by bisection within a window as wide as the longest
        short one; the few long mentions (whole sentences, say) are checked one by one,
        so one long mention does not widen the window for every look-up.
        """
        starts = self._mention_starts
        first = bisect.bisect_left(starts, start - _SHORT_MENTION)
        stop = bisect.bisect_left(starts, end)
        found = [
            m
            for m in self.mentions[first:stop]
            if m.span.end > start
            and len(m.span) <= _SHORT_MENTION
            and (not m.parts or m.covers(start, end))
        ]
        long_ones = [
            m
            for m in self._long_mentions
            if m.span.start < end and m.span.end > start and (not m.parts or m.covers(start, end))
        ]
        if long_ones:
            found.extend(long_ones)
            found.sort(key=lambda m: (m.span.start, -m.span.end, m.entity_id))
        return found

    @cached_property
    def _long_mentions(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if len(m.span) > _SHORT_MENTION)

    def events_of(self, entity_id: str) -> list[tuple[Event, str]]:
        """Events the entity takes part in, with its role, in text order."""
        return self._events_by_entity.get(entity_id, [])

    @cached_property
    def _events_by_entity(self) -> Mapping[str, list[tuple[Event, str]]]:
        index: dict[str, list[tuple[Event, str]]] = {}
        for event in self.events:
            for argument in event.arguments:
                index.setdefault(argument.entity_id, []).append((event, argument.role))
        return index

    def relations_of(self, entity_id: str) -> list[Relation]:
        """Relations that start or end at the entity."""
        return self._relations_by_entity.get(entity_id, [])

    @cached_property
    def _relations_by_entity(self) -> Mapping[str, list[Relation]]:
        return _relations_by_end(self.relations, events=False)

    def relations_of_event(self, event_id: str) -> list[Relation]:
        """Relations that start or end at the event."""
        return self._relations_by_event.get(event_id, [])

    @cached_property
    def _relations_by_event(self) -> Mapping[str, list[Relation]]:
        return _relations_by_end(self.relations, events=True)

    def events_with_argument(self, event_id: str) -> list[tuple[Event, str]]:
        """Events that take the event as an argument, with its role, in text order."""
        return self._events_by_event_argument.get(event_id, [])

    @cached_property
    def _events_by_event_argument(self) -> Mapping[str, list[tuple[Event, str]]]:
        index: dict[str, list[tuple[Event, str]]] = {}
        for event in self.events:
            for argument in event.event_arguments:
                index.setdefault(argument.event_id, []).append((event, argument.role))
        return index

    def happening_of(self, event: Event) -> tuple[Event, ...]:
        """Every event that is the same happening as ``event`` (via ``same_as``), text order."""
        groups = self._happenings
        return groups.get(self._happening_roots.get(event.id, event.id), (event,))

    @cached_property
    def _happening_roots(self) -> Mapping[str, str]:
        """Each event's happening: the event its ``same_as`` chain ends at.

        A chain that runs into a circle (which the loader refuses) ends at the smallest
        id it passes on the way. Every event is walked once and its root remembered, so
        a chain of N events costs N steps, not N² (one walk from each event)."""
        events = self.event_by_id
        roots: dict[str, str] = {}
        into_circle: set[str] = set()  # events whose chain ends in a circle
        for start in events:
            path: list[str] = []
            place_on_path: dict[str, int] = {}
            current = start
            while current not in roots:
                if current in place_on_path:  # round a circle: its members share its least id
                    circle = path[place_on_path[current] :]
                    del path[place_on_path[current] :]
                    root = min(circle)
                    for member in circle:
                        roots[member] = root
                    into_circle.update(circle)
                    break
                place_on_path[current] = len(path)
                path.append(current)
                target = events[current].same_as
                if target is None or target not in events:  # the chain ends here
                    roots[current] = current
                    path.pop()
                    break
                current = target
            root, circular = roots[current], current in into_circle
            for member in reversed(path):
                if circular:  # the walk from here passes this event too
                    root = min(root, member)
                    into_circle.add(member)
                roots[member] = root
        return roots

    @cached_property
    def _happenings(self) -> Mapping[str, tuple[Event, ...]]:
        groups: dict[str, list[Event]] = {}
        roots = self._happening_roots
        for event in self.events:
            groups.setdefault(roots.get(event.id, event.id), []).append(event)
        return {root: tuple(members) for root, members in groups.items()}

    def type_label(self, code: str) -> str:
        """The human label of an entity type code."""
        info = self.entity_types.get(code)
        return info.label if info else code


def _relations_by_end(
    relations: tuple[Relation, ...], *, events: bool
) -> Mapping[str, list[Relation]]:
    """Relations indexed by the ids of their entity ends (or of their event ends)."""
    index: dict[str, list[Relation]] = {}
    for relation in relations:
        if relation.from_event == events:
            index.setdefault(relation.from_id, []).append(relation)
        same_end = relation.to_id == relation.from_id and relation.to_event == relation.from_event
        if relation.to_event == events and not same_end:
            index.setdefault(relation.to_id, []).append(relation)
    return index


def mentions_overlapping(document: Document, start: int, end: int) -> list[Mention]:
    """Mentions that share at least one code point with ``[start, end)``, in text order."""
    return document.mentions_overlapping(start, end)


def _mention_key(mention: Mention) -> tuple[int, int, str]:
    return (mention.span.start, -mention.span.end, mention.entity_id)


def carry_mention_index(old: Document, new: Document) -> None:
    """Give ``new`` the text-ordered mentions of ``old`` with only its changed entities'
    mentions taken out and put back, rather than sorting every mention again.

    An edit of one entity's mentions on a long document would otherwise pay for sorting
    all of them (tens of milliseconds for 50,000) at the next frame. Does nothing unless
    ``old`` has built its index and both list the same entities in the same order, some
    of them replaced; the result is what :attr:`Document.mentions` would compute.
    """
    built = old.__dict__
    if "mentions" not in built or "_mention_starts" not in built:
        return
    if len(old.entities) != len(new.entities):
        return
    changed = [
        (before, after)
        for before, after in zip(old.entities, new.entities, strict=True)
        if before is not after
    ]
    if not changed or any(before.id != after.id for before, after in changed):
        return
    mentions: tuple[Mention, ...] = old.mentions
    starts: list[int] = old._mention_starts
    gone: list[int] = []
    for before, _after in changed:
        for mention in before.mentions:
            place = bisect.bisect_left(starts, mention.span.start)
            while mentions[place] is not mention:
                place += 1  # only mentions starting at the same offset lie between
            gone.append(place)
    gone.sort()
    kept: list[Mention] = []
    kept_starts: list[int] = []
    previous = 0
    for place in gone:
        kept.extend(mentions[previous:place])
        kept_starts.extend(starts[previous:place])
        previous = place + 1
    kept.extend(mentions[previous:])
    kept_starts.extend(starts[previous:])
    added = sorted((m for _before, after in changed for m in after.mentions), key=_mention_key)
    merged: list[Mention] = []
    merged_starts: list[int] = []
    previous = 0
    for mention in added:
        key = _mention_key(mention)
        place = max(previous, bisect.bisect_left(kept_starts, mention.span.start))
        while place < len(kept) and _mention_key(kept[place]) < key:
            place += 1
        merged.extend(kept[previous:place])
        merged_starts.extend(kept_starts[previous:place])
        merged.append(mention)
        merged_starts.append(mention.span.start)
        previous = place
    merged.extend(kept[previous:])
    merged_starts.extend(kept_starts[previous:])
    carried = new.__dict__
    carried["mentions"] = tuple(merged)
    carried["_mention_starts"] = merged_starts
    if "_long_mentions" in built:
        ids = {after.id for _before, after in changed}
        long_ones = [m for m in old._long_mentions if m.entity_id not in ids]
        long_ones += [m for m in added if len(m.span) > _SHORT_MENTION]
        long_ones.sort(key=_mention_key)
        carried["_long_mentions"] = tuple(long_ones)
    by_id = dict(old.entity_by_id) if "entity_by_id" in built else None
    if by_id is not None:
        for _before, after in changed:
            by_id[after.id] = after
        carried["entity_by_id"] = by_id
    # What depends only on the events, the relations or the types in use is the same.
    if "entity_types_in_use" in built and all(b.type == a.type for b, a in changed):
        carried["entity_types_in_use"] = old.entity_types_in_use
    if old.events is new.events:
        for name in _EVENT_DERIVED:
            if name in built:
                carried[name] = built[name]
    if old.relations is new.relations:
        for name in ("_relations_by_entity", "_relations_by_event"):
            if name in built:
                carried[name] = built[name]


_EVENT_DERIVED = (
    "event_by_id",
    "_events_by_entity",
    "_events_by_event_argument",
    "_happening_roots",
    "_happenings",
)
"""Indexes built from the events alone (and entity ids, which an edit of mentions keeps)."""
