"""Shared pieces of the importers and exporters.

* :class:`OffsetMap` converts offsets counted in a raw text (with a BOM, CRLF line
  ends) to offsets in the text gloss counts in (BOM dropped, CRLF → LF), and back.
* :class:`TypeMapper` turns labels of other tools (``Person``, ``PERSON``,
  ``Protein``, ``Attack``) into gloss type codes, declaring the unknown ones.
* :func:`build_document` turns importer drafts into a resolved :class:`Document`
  with readable ids (slugs of names).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from tui.core.document.model import (
    DEFAULT_ENTITY_TYPES,
    DEFAULT_EVENT_TYPES,
    Argument,
    Document,
    DocumentInfo,
    Entity,
    Event,
    EventArgument,
    Mention,
    Relation,
    Span,
    TypeInfo,
)
from tui.core.text.sentences import sentence_around

BOM = "\ufeff"

# -- offsets ---------------------------------------------------------------------------


class OffsetMap:
    """Offsets in a raw text ↔ offsets in the same text as gloss reads it.

    gloss drops a leading BOM and turns CRLF into LF before counting; brat, doccano
    and spaCy count the characters of the file as stored.
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.bom = 1 if raw.startswith(BOM) else 0
        body = raw[self.bom :]
        self._cr_raw: list[int] = []
        position = body.find("\r\n")
        while position != -1:
            self._cr_raw.append(position)
            position = body.find("\r\n", position + 2)
        # In the normalised text, the LF of the k-th CRLF sits at cr_raw[k] - k.
        self._lf_norm = [position - k for k, position in enumerate(self._cr_raw)]
        self.text = body.replace("\r\n", "\n") if self._cr_raw else body

    @property
    def changed(self) -> bool:
        """Whether gloss's offsets differ from the raw ones anywhere."""
        return bool(self.bom or self._cr_raw)

    def to_gloss(self, raw_offset: int) -> int:
        """The gloss offset of a raw offset (one inside a CRLF maps to its LF)."""
        offset = raw_offset - self.bom
        if offset <= 0:
            return 0
        return offset - bisect.bisect_left(self._cr_raw, offset)

    def to_raw(self, offset: int) -> int:
        """The raw offset of a gloss offset."""
        return offset + self.bom + bisect.bisect_right(self._lf_norm, offset - 1)


def normalise_text(raw: str) -> str:
    """The text as gloss reads it: leading BOM dropped, CRLF → LF."""
    return OffsetMap(raw).text


# -- ids -------------------------------------------------------------------------------


def slugify(value: str, *, limit: int = 48) -> str:
    """A lower-case ASCII slug of ``value`` (``Maj.-Gen. Tal Kalman`` → ``maj-gen-tal-kalman``)."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug.strip("-")


class IdAllocator:
    """Unique slugs within one section: ``rabat``, ``rabat-2``, …"""

    def __init__(
        self, reserved: Iterable[str] = (), *, slug: Callable[[str], str] = slugify
    ) -> None:
        """``slug`` makes the base of an id from a name (a remembering one, for a corpus)."""
        self._used: set[str] = set(reserved)
        self._slug = slug
        # The next number to try for each base: 40,000 mentions of one word must not
        # try rabat-2 … rabat-39999 again for each new one.
        self._next_number: dict[str, int] = {}

    def take(self, name: str, fallback: str) -> str:
        base = self._slug(name) or fallback
        if not base[0].isalpha():
            base = f"{fallback}-{base}"
        candidate, number = base, self._next_number.get(base, 2)
        if candidate in self._used:
            candidate = f"{base}-{number}"
        while candidate in self._used:
            number += 1
            candidate = f"{base}-{number}"
        if candidate != base:
            self._next_number[base] = number + 1
        self._used.add(candidate)
        return candidate


# -- types -----------------------------------------------------------------------------

ENTITY_LABELS: Mapping[str, str] = {
    "person": "PER",
    "per": "PER",
    "organization": "ORG",
    "organisation": "ORG",
    "org": "ORG",
    "gpe": "GPE",
    "geo-political-entity": "GPE",
    "location": "LOC",
    "loc": "LOC",
    "facility": "FAC",
    "fac": "FAC",
    "weapon": "WEA",
    "wea": "WEA",
    "vehicle": "VEH",
    "veh": "VEH",
    "money": "MONEY",
}
"""Labels other tools use for gloss's built-in entity types (compared lower-case)."""

BRAT_ENTITY_LABELS: Mapping[str, str] = {
    "PER": "Person",
    "ORG": "Organization",
    "GPE": "GPE",
    "LOC": "Location",
    "FAC": "Facility",
    "WEA": "Weapon",
    "VEH": "Vehicle",
    "MONEY": "Money",
}
"""The brat label written for each built-in entity type."""

ENTITY_CODE = re.compile(r"[A-Z][A-Z0-9_-]{0,31}")
_EVENT_CODE = re.compile(r"[A-Z][A-Za-z0-9-]*\.[A-Z][A-Za-z0-9-]*")
_RELATION_TYPE = re.compile(r"[a-z][a-z0-9_-]{0,63}")


def _fold(label: str) -> str:
    return re.sub(r"[\s_]+", "-", label.strip().lower())


_SUBTYPES: dict[str, list[str]] = {}
for _code in DEFAULT_EVENT_TYPES:
    _SUBTYPES.setdefault(_fold(_code.split(".", 1)[1]), []).append(_code)


def entity_code_for(label: str) -> str:
    """The gloss code for an entity label, before collisions are resolved."""
    known = ENTITY_LABELS.get(_fold(label))
    if known:
        return known
    code = re.sub(r"[^A-Z0-9_-]+", "_", label.strip().upper()).strip("_-")
    code = code.lstrip("0123456789_-")
    return (code or "OTHER")[:32]


def event_code_for(label: str) -> str:
    """The gloss code for an event label: kept when ``Type.Subtype``-like."""
    label = label.strip()
    if _EVENT_CODE.fullmatch(label):
        return label
    matches = _SUBTYPES.get(_fold(label), [])
    if len(matches) == 1:
        return matches[0]
    words = [w for w in re.split(r"[^A-Za-z0-9-]+", label) if w]
    subtype = "-".join(words).lstrip("0123456789-") or "Event"
    return f"Other.{subtype[0].upper()}{subtype[1:]}"


def relation_type_for(label: str) -> str:
    """A gloss relation type (lower-case word) for any label."""
    value = re.sub(r"[^a-z0-9_-]+", "-", label.strip().lower()).strip("-_")
    value = value.lstrip("0123456789-_")
    return value[:64] if value and _RELATION_TYPE.fullmatch(value[:64]) else "related-to"


@dataclass
class TypeMapper:
    """Maps the labels of one imported file to gloss codes, declaring new ones."""

    entity_types: dict[str, TypeInfo] = field(default_factory=dict)
    event_types: dict[str, TypeInfo] = field(default_factory=dict)
    relation_types: dict[str, TypeInfo] = field(default_factory=dict)
    builtin_labels: Mapping[str, str] = field(default_factory=dict)
    """The label the format's exporter writes for a built-in type when the type has no
    ``source`` (brat: ``Person`` for PER); a different label read is kept as the source."""
    _entity_codes: dict[str, str] = field(default_factory=dict)
    _event_codes: dict[str, str] = field(default_factory=dict)
    _relation_codes: dict[str, str] = field(default_factory=dict)

    def entity(self, label: str) -> str:
        """The code for an entity label; a label that is not its code is kept as the
        type's ``source``, so that exporters write it back byte for byte."""
        if label in self._entity_codes:
            return self._entity_codes[label]
        code = self._declare(
            label,
            entity_code_for(label),
            self.entity_types,
            set(self._entity_codes.values()),
            DEFAULT_ENTITY_TYPES,
            lambda base, n: base[: 32 - len(f"_{n}")] + f"_{n}",
        )
        self._entity_codes[label] = code
        return code

    def event(self, label: str) -> str:
        """The code for an event label, declared as for :meth:`entity`."""
        if label in self._event_codes:
            return self._event_codes[label]
        code = self._declare(
            label,
            event_code_for(label),
            self.event_types,
            set(self._event_codes.values()),
            DEFAULT_EVENT_TYPES,
            lambda base, n: f"{base}-{n}",
        )
        self._event_codes[label] = code
        return code

    def relation(self, label: str) -> str:
        """The relation type for a label; one that is not its code is declared with
        the label as its ``source`` (brat's ``N_lt_`` stays ``N_lt_`` on export)."""
        if label in self._relation_codes:
            return self._relation_codes[label]
        code = self._declare(
            label,
            relation_type_for(label),
            self.relation_types,
            set(self._relation_codes.values()),
            {},
            lambda base, n: f"{base[: 64 - len(f'-{n}')]}-{n}",
        )
        self._relation_codes[label] = code
        return code

    def _declare(
        self,
        label: str,
        base: str,
        table: dict[str, TypeInfo],
        taken: set[str],
        defaults: Mapping[str, tuple[str, str]],
        numbered: Callable[[str, int], str],
    ) -> str:
        source = label if label != self.builtin_labels.get(base, base) else None
        code, number = base, 2
        # Two labels that fold to one code (``LOC`` and ``Location``) get two codes.
        while code in taken or (code in table and (table[code].source or code) != label):
            code = numbered(base, number)
            number += 1
        if source is None and (code in defaults or table is self.relation_types):
            return code  # a built-in type, or a relation type, under its own code
        default_label, default_description = defaults.get(code, (label, ""))
        table[code] = TypeInfo(code, default_label, default_description, True, source)
        return code

    def relabel(self, labels: Mapping[str, str]) -> None:
        """Give the types read under the labels in ``labels`` the long labels there
        (brat's ``visual.conf``); a built-in type keeps its own unless it differs."""
        for codes, table, defaults in (
            (self._entity_codes, self.entity_types, DEFAULT_ENTITY_TYPES),
            (self._event_codes, self.event_types, DEFAULT_EVENT_TYPES),
        ):
            for label, code in codes.items():
                long = labels.get(label)
                info = table.get(code)
                if not long:
                    continue
                if info is not None:
                    table[code] = TypeInfo(
                        code, long, info.description, declared=True, source=info.source
                    )
                elif code in defaults and defaults[code][0] != long:
                    table[code] = TypeInfo(code, long, defaults[code][1], declared=True)

    def entity_label(self, code: str) -> str:
        info = self.entity_types.get(code)
        if info is not None:
            return info.label
        return DEFAULT_ENTITY_TYPES[code][0] if code in DEFAULT_ENTITY_TYPES else code

    def event_label(self, code: str) -> str:
        info = self.event_types.get(code)
        if info is not None:
            return info.label
        return DEFAULT_EVENT_TYPES[code][0] if code in DEFAULT_EVENT_TYPES else code


def export_label(code: str, info: TypeInfo | None, *, event: bool, builtin: str | None) -> str:
    """The label to write for a type in another tool: one that imports back to ``code``.

    A declared label such as ``Protein`` is written when it maps back to its code; a
    label such as ``Agreement`` for ``AGR`` would not, so the code is written.
    """
    if info is not None and info.source and re.fullmatch(r"[^\s]+", info.source):
        return info.source
    to_code = event_code_for if event else entity_code_for
    for candidate in (builtin, info.label if info and info.declared else None):
        if candidate and re.fullmatch(r"[^\s:;]+", candidate) and to_code(candidate) == code:
            return candidate
    return code


def relation_label(document: Document, code: str) -> str:
    """The label to write for a relation type: its ``source`` when it was imported."""
    info = document.relation_types.get(code)
    return info.source if info is not None and info.source else code


# -- drafts → document -----------------------------------------------------------------


@dataclass
class EntityDraft:
    """An entity as an importer found it: a type code and the spans that mention it."""

    type: str
    spans: list[Span]
    name: str | None = None
    description: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    """How the mentions read, when that is not just the text of a span (brat fragments)."""
    id: str | None = None
    """The id to keep (W3C bodies name it); None or an invalid or taken one gets a slug."""
    pieces: list[tuple[Span, ...]] = field(default_factory=list)
    """Mentions of several fragments (brat ``0 4;9 14``), each in text order."""
    mention_attributes: dict[tuple[Span, ...], list[tuple[str, str]]] = field(default_factory=dict)
    """Attributes of single mentions, by their fragments (``(span,)`` for a plain one)."""


@dataclass
class EventDraft:
    """An event as an importer found it; arguments point at entity drafts by index."""

    type: str
    trigger: Span
    summary: str
    realis: str = "actual"
    arguments: list[tuple[str, int]] = field(default_factory=list)
    same_as: int | None = None
    """Index of another event draft."""
    note: list[str] = field(default_factory=list)
    linked_events: list[tuple[str, int]] = field(default_factory=list)
    """``(how, event index)``: links to other events gloss has no field for, kept in the note."""
    id: str | None = None
    """The id to keep, as for :attr:`EntityDraft.id`."""
    event_arguments: list[tuple[str, int]] = field(default_factory=list)
    """``(role, event index)``: arguments that are events."""
    attributes: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class RelationDraft:
    """A relation between two entity drafts (by index), or event drafts for an end
    marked ``source_event`` / ``target_event``."""

    type: str
    source: int
    target: int
    evidence: Span | None = None
    source_event: bool = False
    target_event: bool = False
    note: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str]] = field(default_factory=list)


def _join(parts: Iterable[str]) -> str | None:
    seen: list[str] = []
    for part in parts:
        cleaned = " ".join(part.split())
        if cleaned and cleaned not in seen:
            seen.append(cleaned)
    return "; ".join(seen) if seen else None


def _same_as(target: int | None, event_ids: dict[int, str], own: int) -> str | None:
    return None if target is None or target == own else event_ids.get(target)


GLOSS_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
"""What gloss accepts as an entity or event id."""


def _kept_ids(wanted: Iterable[tuple[int, str | None]]) -> dict[int, str]:
    """The ids drafts ask for that are valid, each given to its first asker only."""
    kept: dict[int, str] = {}
    taken: set[str] = set()
    for index, ident in wanted:
        if ident is not None and GLOSS_ID.fullmatch(ident) and ident not in taken:
            kept[index] = ident
            taken.add(ident)
    return kept


def _break_same_as_cycles(events: list[EventDraft]) -> None:
    """Drop the ``same_as`` link that closes a circle (brat may say E1→E2 and E2→E1)."""
    done: set[int] = set()
    for start in range(len(events)):
        path: list[int] = []
        on_path: set[int] = set()  # the list alone made a chain of N links cost N²
        current: int | None = start
        while current is not None and current not in done and current not in on_path:
            path.append(current)
            on_path.add(current)
            target = events[current].same_as
            if target == current:
                events[current].same_as = target = None
            current = target
        if current is not None and current in on_path:
            events[path[-1]].same_as = None
        done.update(path)


_PRONOUNS = frozenset(
    {
        *("i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours"),
        *("he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their"),
        *("theirs", "this", "that", "these", "those", "who", "whom", "whose", "which"),
    }
)


def _texts(text: str, spans: list[Span]) -> list[str]:
    return [text[span.start : span.end] for span in spans]


def _name_from(texts: list[str]) -> str:
    """A name for an entity from its mentions: the most frequent capitalised one.

    Pronouns are passed over; ties go to the earliest mention.
    """
    counts: dict[str, int] = {}
    for mention in texts:
        words = " ".join(mention.split())
        if words:
            counts[words] = counts.get(words, 0) + 1
    if not counts:
        return ""
    order = list(counts)

    def rank(words: str) -> tuple[bool, bool, int, int]:
        return (
            words.lower() not in _PRONOUNS,
            words[:1].isupper(),
            counts[words],
            -order.index(words),
        )

    return max(order, key=rank)


def build_document(
    *,
    doc_id: str,
    text: str,
    text_path: str,
    title: str | None,
    entities: list[EntityDraft],
    events: list[EventDraft],
    relations: list[RelationDraft],
    types: TypeMapper,
) -> Document:
    """A resolved document from drafts, with slug ids and only the types in use."""
    order = sorted(
        range(len(entities)),
        key=lambda i: (min([*entities[i].spans, *(p[0] for p in entities[i].pieces)]), i),
    )
    entity_ids: dict[int, str] = {}
    kept = _kept_ids((index, entities[index].id) for index in order)
    ids = IdAllocator(kept.values())
    built_entities: list[Entity] = []
    for index in order:
        draft = entities[index]
        pieces = sorted(
            {(span,) for span in draft.spans} | set(draft.pieces),
            key=lambda parts: (Span(parts[0].start, parts[-1].end), parts),
        )
        spans = sorted(set(draft.spans))
        name = (
            draft.name
            or _name_from(
                draft.texts
                or _texts(text, spans)
                or [" ".join(_texts(text, list(parts))) for parts in pieces]
            )
            or draft.type
        )
        entity_id = kept.get(index) or ids.take(name, draft.type.lower().replace("_", "-"))
        entity_ids[index] = entity_id
        links: dict[str, str] = {}
        for key, value in draft.links:
            links.setdefault(key, value)
        built_entities.append(
            Entity(
                id=entity_id,
                type=draft.type,
                name=name,
                aliases=(),
                description=_join(draft.description),
                links=tuple(links.items()),
                mentions=tuple(
                    Mention(
                        Span(parts[0].start, parts[-1].end),
                        entity_id,
                        i,
                        parts if len(parts) > 1 else (),
                        tuple(draft.mention_attributes.get(parts, ())),
                    )
                    for i, parts in enumerate(pieces)
                ),
            )
        )
    _break_same_as_cycles(events)
    event_order = sorted(range(len(events)), key=lambda i: (events[i].trigger, i))
    event_ids: dict[int, str] = {}
    kept_events = _kept_ids((index, events[index].id) for index in event_order)
    event_alloc = IdAllocator(kept_events.values())
    for index in event_order:
        event_draft = events[index]
        words = text[event_draft.trigger.start : event_draft.trigger.end]
        subtype = event_draft.type.split(".", 1)[1]
        event_ids[index] = kept_events.get(index) or event_alloc.take(f"{subtype} {words}", "event")
    built_events = [
        Event(
            id=event_ids[index],
            type=events[index].type,
            summary=events[index].summary,
            trigger=events[index].trigger,
            passage=sentence_around(text, events[index].trigger),
            date=None,
            realis=events[index].realis,
            arguments=tuple(
                Argument(role, entity_ids[target]) for role, target in events[index].arguments
            ),
            same_as=_same_as(events[index].same_as, event_ids, index),
            links=tuple(dict(events[index].links).items()),
            event_arguments=tuple(
                EventArgument(role, event_ids[target])
                for role, target in events[index].event_arguments
                if target != index
            ),
            attributes=tuple(events[index].attributes),
            note=_join(
                [
                    *events[index].note,
                    *(
                        f"{how} event '{event_ids[other]}'"
                        for how, other in events[index].linked_events
                    ),
                ]
            ),
        )
        for index in event_order
    ]
    built_relations = [
        Relation(
            r.type,
            (event_ids if r.source_event else entity_ids)[r.source],
            (event_ids if r.target_event else entity_ids)[r.target],
            r.evidence,
            _join(r.note),
            tuple(r.attributes),
            from_event=r.source_event,
            to_event=r.target_event,
        )
        for r in relations
        if r.source != r.target or r.source_event != r.target_event
    ]
    used_entity = {e.type for e in built_entities}
    used_event = {e.type for e in built_events}
    return Document(
        info=DocumentInfo(doc_id, title, None, None, text_path),
        text=text,
        entities=tuple(built_entities),
        events=tuple(built_events),
        relations=tuple(built_relations),
        entity_types={
            **{code: TypeInfo(code, *v) for code, v in DEFAULT_ENTITY_TYPES.items()},
            **{c: t for c, t in types.entity_types.items() if c in used_entity},
        },
        event_types={
            **{code: TypeInfo(code, *v) for code, v in DEFAULT_EVENT_TYPES.items()},
            **{c: t for c, t in types.event_types.items() if c in used_event},
        },
        relation_types={
            c: t
            for c, t in types.relation_types.items()
            if any(relation.type == c for relation in built_relations)
        },
    )
