"""One parsed CAT/CROMER file (ECB+) → a gloss :class:`Document`.

* Every anchored markable is kept. ``ACTION_*`` and ``NEG_ACTION_*`` markables become
  events (the markable is the trigger; a negated one has its own type and the
  attribute ``Negation: true``); the other classes become entities. Each class is its own
  declared type (:mod:`tui.core.formats.cat.classes`).
* A coreference relation is a chain: its sources are mentions, its target the
  instance they refer to (``TAG_DESCRIPTOR``, ``instance_id``). An entity chain is one
  entity with all its mentions; an event chain is one event per mention, the later
  ones ``same_as`` the first, since a gloss event has one trigger. A
  ``CROSS_DOC_COREF``'s ``note`` (the instance id) becomes ``links: {ecbplus: ID}`` on
  every entity and event of the chain: the same link in two documents is the same
  corpus entity or happening; so does a MEANTIME instance's ``instance_id``, as
  ``links: {meantime: ID}``. Markables in no chain are singletons.
* A markable whose tokens are not adjacent keeps every piece: an entity mention of
  several fragments (``parts``); an event trigger runs from the first piece to the
  last, and its note lists the pieces.
* MEANTIME-style files (NewsReader, SemEval-2015 TimeLine) use other tags:
  ``EVENT_MENTION``, ``ENTITY_MENTION``, ``TIMEX3``, ``VALUE``, ``SIGNAL``,
  ``C-SIGNAL``, with ``REFERS_TO`` chains to ``ENTITY``/``EVENT`` instances that carry
  the mentions' kind (``ent_type``, ``class``). ``HAS_PARTICIPANT`` becomes an event
  argument in its ``sem_role``; ``TLINK``, ``SLINK``, ``GLINK``, ``CLINK`` and other
  relations between mentions become gloss relations; an event ``IS_INCLUDED`` in (or
  ``SIMULTANEOUS`` with) a dated ``TIMEX3`` takes its date, and the ``CREATION_TIME``
  is the document's date. The markables' own attributes (``tense``, ``polarity``,
  ``value``…) are kept as the mention's or event's attributes, as written.
* Problems (a markable pointing at a missing token, a relation pointing at a missing
  markable, a markable in two chains) are reported at their place in the XML and leave
  the rest of the document as it is. A class gloss does not know (real ECB+ files have a
  few bare ``HUMAN_PART`` markables) is data, not an error: a warning, and the markables
  become their own type (:func:`~tui.core.formats.cat.classes.unknown_class`).

The parts: :mod:`.chains` (markables and relations grouped into chains),
:mod:`.naming` (names and ids), :mod:`.event_dates` (dates of the document and its
events) and :mod:`.links` (relations and event arguments).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from tui.core.document.diagnostics import DiagnosticSink
from tui.core.document.model import (
    DEFAULT_ENTITY_TYPES,
    DEFAULT_EVENT_TYPES,
    Document,
    DocumentInfo,
    Entity,
    Event,
    Mention,
    Span,
    TypeInfo,
)
from tui.core.document.model import (
    Relation as GlossRelation,
)
from tui.core.formats.cat.chains import Builder, CatMention, join_lines
from tui.core.formats.cat.classes import (
    CatClass,
)
from tui.core.formats.cat.dating import DateSupport
from tui.core.formats.cat.event_dates import date_of_document, dates_of_chains, guess_dates
from tui.core.formats.cat.links import linked
from tui.core.formats.cat.naming import best_name, readable_descriptor, shortened, slug
from tui.core.formats.cat.parse import CatFile
from tui.core.formats.common import IdAllocator
from tui.core.text.sentences import sentence_around

EXTERNAL_LINK = "external_ref"
"""The ``links`` key of a MEANTIME instance's ``external_ref`` (a DBpedia address)."""


NEGATED = (("Negation", "true"),)
"""The attribute of an event from a ``NEG_ACTION_*`` markable (as brat's Negation)."""


@dataclass(frozen=True, slots=True)
class Built:
    """A converted document, with what the corpus file needs to know about it."""

    document: Document
    source: str | None
    markables: int
    """How many anchored markables it holds (each is a mention or a trigger)."""
    dated: Mapping[str, DateSupport] = field(default_factory=dict)
    """How each dated event got its date, by event id."""


def _default_types(defaults: Mapping[str, tuple[str, str]]) -> dict[str, TypeInfo]:
    """gloss's own types, as every document lists them (made afresh: the table may change)."""
    return {code: _type_info(code, *v) for code, v in defaults.items()}


@functools.lru_cache(maxsize=256)
def _type_info(code: str, label: str, description: str) -> TypeInfo:
    """Type descriptions are immutable, and every document of a corpus lists the same."""
    return TypeInfo(code, label, description)


@functools.lru_cache(maxsize=256)
def _declared(cat_class: CatClass) -> TypeInfo:
    source = cat_class.name if cat_class.name != cat_class.code else None
    return TypeInfo(
        cat_class.code, cat_class.label, cat_class.description, declared=True, source=source
    )


def build(cat: CatFile, *, doc_id: str, text_name: str, sink: DiagnosticSink) -> Built:
    """The gloss document of one CAT file; every problem goes to ``sink``."""
    builder = Builder(cat, sink)
    builder.read_markables()
    builder.read_relations()
    layout = builder.layout
    text = layout.text

    def words(span: Span) -> str:
        return text[span.start : span.end]

    groups = builder.groups()
    split_chains = {id(builder.chains[number]) for number in builder.mixed}
    # Where each mention starts, as a tuple: tuples compare in C, spans in Python.
    first = {
        member: (mention.fragments[0].start, mention.fragments[0].end)
        for member, mention in builder.mentions.items()
    }
    groups.sort(key=lambda g: min([first[m] for m in g[2]]))
    document_date, document_note = date_of_document(builder)
    chain_dates = dates_of_chains(builder, groups, first)
    entity_ids = IdAllocator(slug=slug)
    event_ids = IdAllocator(slug=slug)
    entities: list[Entity] = []
    events: list[Event] = []
    used_entity_types: dict[str, CatClass] = {}
    used_event_types: dict[str, CatClass] = {}
    entity_of: dict[str, str] = {}
    event_of: dict[str, str] = {}
    """The gloss entity or event each anchored markable became, by ``m_id``."""
    for cat_class, chain, members in groups:
        members.sort(key=first.__getitem__)
        instance = chain.instance if chain else None
        descriptor = instance.descriptor if instance else None
        link = chain.link if chain else None
        links = ((chain.link_name, link),) if chain and link else ()
        external = instance.attribute(EXTERNAL_LINK) if instance and instance.attributes else None
        if external:
            links = (*links, (EXTERNAL_LINK, external))
        scheme = "ECB+" if instance is None or instance.tag not in ("ENTITY", "EVENT") else "CAT"
        about = [f"{scheme} instance {descriptor}"] if descriptor else []
        if chain is not None and not chain.link and id(chain) in split_chains:
            about.append(f"ECB+ chain r_id {chain.relation.id}, with markables of other classes")
        if cat_class.is_event:
            used_event_types[cat_class.code] = cat_class
            head: str | None = None
            for member in members:
                mention = builder.mentions[member]
                pieces = mention.fragments
                trigger = Span(pieces[0].start, pieces[-1].end)
                trigger_words = " ".join(words(trigger).split())
                event_id = event_ids.take(trigger_words, "event")
                note = [
                    *about,
                    *(
                        ["in pieces: " + " … ".join(f"'{words(p)}'" for p in pieces)]
                        if len(pieces) > 1
                        else []
                    ),
                    *(f"also in the ECB+ chain {other}" for other in builder.also.get(member, [])),
                ]
                events.append(
                    Event(
                        id=event_id,
                        type=cat_class.code,
                        summary=shortened(
                            readable_descriptor(descriptor) if descriptor else trigger_words
                        ),
                        trigger=trigger,
                        passage=sentence_around(text, trigger),
                        date=chain_dates.get(id(chain)) if chain is not None else None,
                        realis="actual",
                        arguments=(),
                        same_as=head,
                        note=join_lines(note),
                        links=links,
                        attributes=NEGATED if cat_class.negated else mention.markable.attributes,
                    )
                )
                event_of[member] = event_id
                head = head or event_id
            continue
        used_entity_types[cat_class.code] = cat_class
        seen: set[tuple[Span, ...]] = set()
        kept: list[CatMention] = []
        for member in members:
            mention = builder.mentions[member]
            key = tuple(mention.fragments)
            if key in seen:
                continue  # two markables of one chain on the same words: one mention
            seen.add(key)
            kept.append(mention)
        name = best_name([" ".join(words(p) for p in m.fragments) for m in kept])
        entity_id = entity_ids.take(name, cat_class.code.lower().replace("_", "-"))
        for member in members:
            entity_of[member] = entity_id
        also = [
            f"also in the ECB+ chain {other}" for m in members for other in builder.also.get(m, [])
        ]
        entities.append(
            Entity(
                id=entity_id,
                type=cat_class.code,
                name=name or cat_class.label,
                aliases=(),
                description=join_lines([*about, *also]),
                links=links,
                mentions=tuple(
                    Mention(
                        Span(m.fragments[0].start, m.fragments[-1].end),
                        entity_id,
                        index,
                        tuple(m.fragments) if len(m.fragments) > 1 else (),
                        m.markable.attributes,
                    )
                    for index, m in enumerate(kept)
                ),
            )
        )
    relations: list[GlossRelation] = []
    relation_types: dict[str, TypeInfo] = {}
    if builder.links_between:
        events = linked(builder, events, entity_of, event_of, relations, relation_types, words)
    events.sort(key=lambda e: (e.trigger.start, e.trigger.end, e.id))
    dated = {
        event.id: DateSupport(True, event.date.text, event.note)
        for event in events
        if event.date is not None
    }
    events = guess_dates(builder, events, document_date, dated)

    document = Document(
        info=DocumentInfo(doc_id, layout.title, document_date, "en", text_name, document_note),
        text=text,
        entities=tuple(entities),
        events=tuple(events),
        relations=tuple(relations),
        relation_types=relation_types,
        entity_types={
            **_default_types(DEFAULT_ENTITY_TYPES),
            **{code: _declared(c) for code, c in sorted(used_entity_types.items())},
        },
        event_types={
            **_default_types(DEFAULT_EVENT_TYPES),
            **{code: _declared(c) for code, c in sorted(used_event_types.items())},
        },
    )
    return Built(document, layout.source or cat.source_url, len(builder.mentions), dated)
