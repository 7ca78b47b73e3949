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
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from tui.core.document.dates import DateError, DateValue, Precision, parse_date
from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import (
    DEFAULT_ENTITY_TYPES,
    DEFAULT_EVENT_TYPES,
    Argument,
    Document,
    DocumentInfo,
    Entity,
    Event,
    EventArgument,
    EventDate,
    Mention,
    Span,
    TypeInfo,
)
from tui.core.document.model import (
    Relation as GlossRelation,
)
from tui.core.formats.cat.classes import (
    CLASSES,
    INSTANCE_ONLY_CLASSES,
    KIND_FROM_INSTANCE,
    KIND_ON_MARKABLE,
    CatClass,
    Family,
    class_named,
    refined,
    unknown_class,
)
from tui.core.formats.cat.dating import DateSupport, absolute_dates, dateline, normalised_date
from tui.core.formats.cat.parse import CatFile, Markable, Relation
from tui.core.formats.cat.text import Layout, lay_out
from tui.core.formats.common import IdAllocator, slugify
from tui.core.text.fitting import shorten_at_word
from tui.core.text.sentences import sentence_around

LINK_NAME = "ecbplus"
"""The ``links`` key that carries an ECB+ cross-document instance id."""
MEANTIME_LINK_NAME = "meantime"
"""The ``links`` key that carries a MEANTIME ``instance_id``: one id names one entity or
event across the documents of a corpus (Steve Jobs in many Apple articles)."""

COREF_KINDS = ("INTRA_DOC_COREF", "CROSS_DOC_COREF", "REFERS_TO")
PARTICIPANT_KIND = "HAS_PARTICIPANT"
EXTERNAL_LINK = "external_ref"
"""The ``links`` key of a MEANTIME instance's ``external_ref`` (a DBpedia address)."""
DATING_LINKS = {
    # (reltype, the event is the source): the timex holds the event in time.
    ("IS_INCLUDED", True),
    ("SIMULTANEOUS", True),
    ("DURING", True),
    ("IDENTITY", True),
    ("INCLUDES", False),
    ("SIMULTANEOUS", False),
    ("IDENTITY", False),
}
DATED_CLASSES = frozenset({"TIME_DATE", "TIME_OF_THE_DAY", "TIMEX3", "TIMEX3:DATE", "TIMEX3:TIME"})
"""Time classes whose words may name a day, a month or a year (not durations or sets)."""
_Item = TypeVar("_Item", Argument, EventArgument)
_RELATION_CODE = re.compile(r"[^a-z0-9]+")
_ROLE_CODE = re.compile(r"[^A-Za-z0-9_-]+")

NEGATED = (("Negation", "true"),)
"""The attribute of an event from a ``NEG_ACTION_*`` markable (as brat's Negation)."""

_PRONOUNS = frozenset(
    {
        *("i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours"),
        *("he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their"),
        *("theirs", "this", "that", "these", "those", "who", "whom", "whose", "which"),
        *("himself", "herself", "itself", "themselves", "there", "here", "then", "now"),
    }
)
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "de", "da", "von", "'s"})
_LONGEST_NAME = 120
"""A mention longer than this (a whole sentence, say) is cut for a name or a summary."""
_TOPIC_PREFIX = re.compile(r"^t\d+[a-z]?_")


@dataclass
class _Mention:
    markable: Markable
    cat_class: CatClass
    fragments: list[Span]


@dataclass
class _Chain:
    relation: Relation
    instance: Markable | None
    link: str | None
    members: list[str] = field(default_factory=list)
    link_name: str = LINK_NAME

    def describe(self) -> str:
        name = self.instance.descriptor if self.instance and self.instance.descriptor else None
        what = f"'{name}'" if name else f"r_id {self.relation.id}"
        return f"{what} ({self.link})" if self.link else what


@dataclass(frozen=True, slots=True)
class Built:
    """A converted document, with what the corpus file needs to know about it."""

    document: Document
    source: str | None
    markables: int
    """How many anchored markables it holds (each is a mention or a trigger)."""
    dated: Mapping[str, DateSupport] = field(default_factory=dict)
    """How each dated event got its date, by event id."""


def readable_descriptor(descriptor: str) -> str:
    """``t1_checking_into_cliffside`` → ``checking into cliffside``."""
    if len(descriptor) <= 200:  # each chain's mentions ask again: short ones remembered
        return _remembered_descriptor(descriptor)
    return _readable_descriptor(descriptor)


@functools.lru_cache(maxsize=4096)
def _remembered_descriptor(descriptor: str) -> str:
    return _readable_descriptor(descriptor)


def _readable_descriptor(descriptor: str) -> str:
    return " ".join(_TOPIC_PREFIX.sub("", descriptor).replace("_", " ").split())


def best_name(texts: Sequence[str]) -> str:
    """The most informative mention: a proper name before a description, a
    description before a pronoun; then the longer (up to five words), then the more
    frequent, then the earlier."""
    counts: dict[str, int] = {}
    for text in texts:
        words = " ".join(text.split())
        if words:
            counts[words] = counts.get(words, 0) + 1
    if not counts:
        return ""
    order = {words: index for index, words in enumerate(counts)}

    def rank(words: str) -> tuple[bool, bool, bool, int, int, int]:
        tokens = words.split()
        content = [t for t in tokens if t.lower() not in _SMALL_WORDS]
        proper = bool(content) and all(t[:1].isupper() or t[:1].isdigit() for t in content)
        return (
            words.lower() not in _PRONOUNS,
            words[:1].isupper(),
            proper,
            min(len(tokens), 5),
            counts[words],
            -order[words],
        )

    return _shortened(max(counts, key=rank))


def _shortened(words: str) -> str:
    """``words``, cut at a word boundary with an ellipsis when longer than a name may be."""
    return shorten_at_word(words, _LONGEST_NAME)


def _fragments(indices: list[int], offsets: list[tuple[int, int]]) -> list[Span]:
    """Adjacent token indices joined into one span each; empty tokens dropped."""
    pieces: list[Span] = []
    run_start = run_end = -1
    for index in indices:
        start, end = offsets[index]
        if start == end:
            continue
        if run_end >= 0 and index == run_end + 1:
            run_end = index
            continue
        if run_end >= 0:
            pieces.append(Span(offsets[run_start][0], offsets[run_end][1]))
        run_start = run_end = index
    if run_end >= 0:
        pieces.append(Span(offsets[run_start][0], offsets[run_end][1]))
    return pieces


def _where(markable: Markable) -> str:
    """How a problem names a markable (only made when there is a problem)."""
    return f"markable m_id {markable.id} <{markable.tag}>"


_remembered_slug = functools.lru_cache(maxsize=8192)(slugify)


def _slug(name: str) -> str:
    """Ids are slugs of names and trigger words, which repeat across a corpus ("said"):
    each short one is worked out once (a long one, a whole passage, each time)."""
    return _remembered_slug(name) if len(name) <= 200 else slugify(name)


class _Builder:
    def __init__(self, cat: CatFile, sink: DiagnosticSink) -> None:
        self.cat = cat
        self.sink = sink
        self.layout: Layout = lay_out(cat.tokens)
        self.mentions: dict[str, _Mention] = {}
        self.instances: dict[str, Markable] = {}
        self.chains: list[_Chain] = []
        self.markable_ids = {markable.id for markable in cat.markables}
        self.also: dict[str, list[str]] = {}
        self.mixed: set[int] = set()
        """Chains whose markables are of several classes, so several entities or events."""
        self.links_between: list[Relation] = []
        """Relations between two mentions (MEANTIME's participants, TLINKs…), read once
        every mention has its entity or event."""
        self.anchor: dt.date | None = None
        """The day relative time expressions are read against (the document's date, when
        the source or a dateline gives it)."""
        self._time_dates: dict[str, DateValue | None] = {}

    def time_date(self, member: str) -> DateValue | None:
        """The date a time mention names: a ``TIMEX3``'s own value, else its words read
        against :attr:`anchor` (None for durations, sets and words that name no date)."""
        if member in self._time_dates:
            return self._time_dates[member]
        mention = self.mentions[member]
        found = _timex_date(mention.markable)
        if found is None and mention.cat_class.name in DATED_CLASSES:
            text = self.layout.text
            words = " ".join(text[p.start : p.end] for p in mention.fragments)
            found = normalised_date(words, self.anchor)
        self._time_dates[member] = found
        return found

    def read_markables(self) -> None:
        offsets = self.layout.offsets
        order = {token.id: index for index, token in enumerate(self.cat.tokens)}
        if len(order) < len(self.cat.tokens):
            seen_tokens: set[str] = set()
            for token in self.cat.tokens:
                if token.id in seen_tokens:
                    self.sink.error(
                        token.position,
                        f"token t_id {token.id} appears twice; markables point at the last",
                    )
                seen_tokens.add(token.id)
        seen: set[str] = set()
        for markable in self.cat.markables:
            if markable.id in seen:
                self.sink.error(markable.position, f"{_where(markable)}: the m_id is used twice")
                continue
            seen.add(markable.id)
            if not markable.anchored:
                if markable.tag not in CLASSES and markable.tag not in INSTANCE_ONLY_CLASSES:
                    self.sink.warning(
                        markable.position, f"{_where(markable)}: unknown ECB+ class for an instance"
                    )
                self.instances[markable.id] = markable
                continue
            cat_class = CLASSES.get(markable.tag)
            if cat_class is None:
                cat_class = unknown_class(markable.tag)
                self.sink.warning(
                    markable.position,
                    f"{_where(markable)}: unknown class; kept as its own type {cat_class.code}"
                    f" ({'an event' if cat_class.is_event else 'an entity'}; known: ECB+'s"
                    " ACTION_*, NEG_ACTION_*, HUMAN_PART_*, NON_HUMAN_PART*, LOC_*, TIME_*;"
                    " MEANTIME's EVENT_MENTION, ENTITY_MENTION, TIMEX3, VALUE, SIGNAL, C-SIGNAL)",
                )
            if markable.tag in KIND_ON_MARKABLE:
                cat_class = self._of_kind(cat_class, markable, markable.attribute("type"))
            try:
                indices = sorted({order[t] for t in markable.token_ids})
            except KeyError:
                missing = next(t for t in markable.token_ids if t not in order)
                self.sink.error(
                    markable.position,
                    f"{_where(markable)} points at token t_id {missing}, which is not in the"
                    " file; the markable is left out",
                )
                continue
            pieces = _fragments(indices, offsets)
            if not pieces:
                self.sink.error(
                    markable.position,
                    f"{_where(markable)} covers only empty tokens; it is left out",
                )
                continue
            self.mentions[markable.id] = _Mention(markable, cat_class, pieces)

    def _of_kind(self, cat_class: CatClass, markable: Markable, kind: str | None) -> CatClass:
        found = refined(cat_class, kind)
        if found is None:
            self.sink.warning(
                markable.position,
                f"{_where(markable)}: unknown kind '{kind}'; kept as {cat_class.name}",
            )
            return cat_class
        return found

    def read_relations(self) -> None:
        for relation in self.cat.relations:
            if relation.kind not in COREF_KINDS:
                if relation.sources and relation.targets:
                    self.links_between.append(relation)
                else:
                    self.sink.warning(
                        relation.position,
                        f"relation <{relation.kind}> r_id {relation.id} needs a source and a"
                        " target; it is not read",
                    )
                continue
            instance: Markable | None = None
            for target, position in relation.targets:
                found = self.instances.get(target)
                if found is None and target in self.mentions:
                    found = self.mentions[target].markable
                if found is None:
                    self.sink.error(
                        position,
                        f"relation r_id {relation.id} points at markable m_id {target},"
                        " which is not in the file",
                    )
                elif instance is None:
                    instance = found
                else:
                    self.sink.warning(
                        position,
                        f"relation r_id {relation.id} has a second target (m_id {target});"
                        " the first names the chain",
                    )
            link = relation.note or (instance.instance_id if instance else None)
            link_name = LINK_NAME
            if instance is not None and instance.tag in ("ENTITY", "EVENT"):
                # MEANTIME: the instance's id is shared across the corpus's documents.
                link, link_name = instance.instance_id, MEANTIME_LINK_NAME
            elif relation.kind != "CROSS_DOC_COREF" and not relation.note:
                link = None  # within one document: no cross-document identity to share
            chain = _Chain(relation, instance, link or None, link_name=link_name)
            members: set[str] = set()
            for source, position in relation.sources:
                if source in self.mentions:
                    if source not in members:
                        members.add(source)
                        chain.members.append(source)
                elif source in self.instances:
                    self.sink.warning(
                        position,
                        f"relation r_id {relation.id}: m_id {source} names an instance,"
                        " not text; it is skipped",
                    )
                elif source not in self.markable_ids:
                    self.sink.error(
                        position,
                        f"relation r_id {relation.id} points at markable m_id {source},"
                        " which is not in the file",
                    )
            self.chains.append(chain)
            if instance is not None and instance.tag in ("ENTITY", "EVENT"):
                self._kinds_from(instance, chain.members)

    def _kinds_from(self, instance: Markable, members: list[str]) -> None:
        """MEANTIME: the instance a chain refers to says what kind its mentions are."""
        kinds: dict[str, CatClass] = {}  # one class (and one warning) per bare class
        for member in members:
            mention = self.mentions[member]
            bare = mention.cat_class
            attribute = KIND_FROM_INSTANCE.get(bare.name)
            if attribute is not None:
                if bare.name not in kinds:
                    kind = instance.attribute(attribute)
                    kinds[bare.name] = self._of_kind(bare, instance, kind)
                mention.cat_class = kinds[bare.name]

    def groups(self) -> list[tuple[CatClass, _Chain | None, list[str]]]:
        """Mentions grouped into entities and happenings: by chain and class."""
        home: dict[str, int] = {}
        for number, chain in enumerate(self.chains):
            instance_class = CLASSES.get(chain.instance.tag) if chain.instance else None
            for member in chain.members:
                mention = self.mentions[member]
                if member not in home:
                    home[member] = number
                    continue
                first = self.chains[home[member]]
                first_class = CLASSES.get(first.instance.tag) if first.instance else None
                family = mention.cat_class.family
                if (
                    instance_class is not None
                    and instance_class.family is family
                    and (first_class is None or first_class.family is not family)
                ):
                    home[member], first, chain_kept = number, chain, first
                else:
                    chain_kept = chain
                self.also.setdefault(member, []).append(chain_kept.describe())
                self.sink.warning(
                    mention.markable.position,
                    f"markable m_id {member} is in two chains; it is kept in {first.describe()}"
                    f" and the other, {chain_kept.describe()}, is noted with it",
                )
        grouped: dict[tuple[int, str], list[str]] = {}
        for member, number in home.items():
            key = (number, self.mentions[member].cat_class.name)
            grouped.setdefault(key, []).append(member)
        mixed = self.mixed
        classes_by_chain: dict[int, set[str]] = {}
        for number, name in grouped:
            classes_by_chain.setdefault(number, set()).add(name)
        for number, names in classes_by_chain.items():
            if len(names) > 1 and number not in mixed:
                mixed.add(number)
                chain = self.chains[number]
                sharing = "the chain's link" if chain.link else "a note naming the chain"
                self.sink.warning(
                    chain.relation.position,
                    f"chain r_id {chain.relation.id} joins markables of {len(names)} classes"
                    f" ({', '.join(sorted(names))}); each class is kept apart, sharing"
                    f" {sharing}",
                )
        result: list[tuple[CatClass, _Chain | None, list[str]]] = []
        for (number, name), members in grouped.items():
            result.append((class_named(name), self.chains[number], members))
        for member, mention in self.mentions.items():
            if member not in home:
                result.append((mention.cat_class, None, [member]))
        return result


def _join_lines(lines: Sequence[str]) -> str | None:
    kept: list[str] = []
    for line in lines:
        if line and line not in kept:
            kept.append(line)
    return "; ".join(kept) if kept else None


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
    builder = _Builder(cat, sink)
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
    document_date, document_note = _document_date(builder)
    chain_dates = _chain_dates(builder, groups, first)
    entity_ids = IdAllocator(slug=_slug)
    event_ids = IdAllocator(slug=_slug)
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
                        summary=_shortened(
                            readable_descriptor(descriptor) if descriptor else trigger_words
                        ),
                        trigger=trigger,
                        passage=sentence_around(text, trigger),
                        date=chain_dates.get(id(chain)) if chain is not None else None,
                        realis="actual",
                        arguments=(),
                        same_as=head,
                        note=_join_lines(note),
                        links=links,
                        attributes=NEGATED if cat_class.negated else mention.markable.attributes,
                    )
                )
                event_of[member] = event_id
                head = head or event_id
            continue
        used_entity_types[cat_class.code] = cat_class
        seen: set[tuple[Span, ...]] = set()
        kept: list[_Mention] = []
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
                description=_join_lines([*about, *also]),
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
        events = _linked(builder, events, entity_of, event_of, relations, relation_types, words)
    events.sort(key=lambda e: (e.trigger.start, e.trigger.end, e.id))
    dated = {
        event.id: DateSupport(True, event.date.text, event.note)
        for event in events
        if event.date is not None
    }
    events = _guess_dates(builder, events, document_date, dated)

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


def _timex_date(markable: Markable) -> DateValue | None:
    """The date a ``TIMEX3`` stands for, when its value is a day, a month or a year
    (``2007-01-12``, also with a time after it); None for durations, sets, ``PRESENT_REF``…"""
    if markable.tag != "TIMEX3" or markable.attribute("type") not in ("DATE", "TIME"):
        return None
    value = (markable.attribute("value") or "").partition("T")[0]
    try:
        return parse_date(value)
    except DateError:
        return None


def _creation_date(builder: _Builder) -> DateValue | None:
    """The document's date: the value of the ``TIMEX3`` whose function is its creation."""
    # The creation time is often not in the text at all: a markable without tokens.
    markables = [m.markable for m in builder.mentions.values()]
    for markable in [*markables, *builder.instances.values()]:
        if markable.tag == "TIMEX3" and markable.attribute("functionInDocument") in (
            "CREATION_TIME",
            "PUBLICATION_TIME",
        ):
            found = _timex_date(markable)
            if found is not None:
                return found
    return None


def _anchor_of(value: DateValue) -> dt.date | None:
    """The day a date is, if it is one day."""
    return value.first if value.precision is Precision.DAY and not value.is_range else None


def _document_date(builder: _Builder) -> tuple[DateValue | None, str | None]:
    """The document's date and a note on where it came from (see :mod:`.dating`): the
    creation time, a dateline, or the first absolute date of the text (guessed). Sets
    the builder's anchor unless the date is a guess."""
    created = _creation_date(builder)
    if created is not None:
        builder.anchor = _anchor_of(created)
        return created, None
    text = builder.layout.text
    found = dateline(text, skip_first=builder.layout.source is not None)
    if found is not None:
        builder.anchor = _anchor_of(found.value)
        return found.value, f"Date from the dateline “{found.words}”."
    first = next(absolute_dates(text), None)
    if first is not None:
        line = text.count("\n", 0, first.span.start) + 1
        return first.value, (
            f"Date guessed: the first date in the text, “{first.words}” (line {line})."
        )
    return None, None


def _chain_dates(
    builder: _Builder,
    groups: Sequence[tuple[CatClass, _Chain | None, list[str]]],
    first: Mapping[str, tuple[int, int]],
) -> dict[int, EventDate]:
    """The date of each chain that holds a dated time mention (the first in the text),
    by the chain's ``id``: the chain's events take it, as linked to them by the source."""
    text = builder.layout.text
    found: dict[int, EventDate] = {}
    for cat_class, chain, members in groups:
        if chain is None or cat_class.family is not Family.TIME or id(chain) in found:
            continue
        for member in sorted(members, key=first.__getitem__):
            value = builder.time_date(member)
            if value is not None:
                pieces = builder.mentions[member].fragments
                span = Span(pieces[0].start, pieces[-1].end)
                found[id(chain)] = EventDate(
                    value, " ".join(text[span.start : span.end].split()), span
                )
                break
    return found


_NEAREST_TIMES = 4
"""How many time mentions on each side of a trigger are tried for its date: the nearest
usually dates it, and a hostile sentence of thousands of them stays cheap."""


def _guess_dates(
    builder: _Builder,
    events: list[Event],
    document_date: DateValue | None,
    dated: dict[str, DateSupport],
) -> list[Event]:
    """Undated events take the date of the time expression nearest their trigger in their
    own sentence, marked as guessed in their note; never a date after the document's for
    an event told as actual (it could not have happened yet)."""
    text = builder.layout.text
    times = sorted(
        (mention.fragments[0].start, mention.fragments[-1].end, member)
        for member, mention in builder.mentions.items()
        if mention.cat_class.name in DATED_CLASSES
    )
    if not times:
        return events
    starts = [start for start, _, _ in times]
    changed: list[Event] = []
    for event in events:
        if event.date is not None:
            changed.append(event)
            continue
        passage, trigger = event.passage, event.trigger
        middle = bisect_left(starts, trigger.start)
        low = max(bisect_left(starts, passage.start), middle - _NEAREST_TIMES)
        high = min(bisect_right(starts, passage.end), middle + _NEAREST_TIMES)
        nearby = [times[i] for i in range(low, high) if times[i][1] <= passage.end]
        nearby.sort(key=lambda t: max(t[0] - trigger.end, trigger.start - t[1], 0))
        for start, end, member in nearby:
            value = builder.time_date(member)
            if value is None:
                continue
            if document_date and event.realis == "actual" and value.first > document_date.last:
                continue
            words = " ".join(text[start:end].split())
            note = _join_lines(
                [
                    *([event.note] if event.note else []),
                    f"Date guessed from “{words}”, a time expression in the same sentence.",
                ]
            )
            dated[event.id] = DateSupport(False, words, event.note)
            event = replace(event, date=EventDate(value, words, Span(start, end)), note=note)
            break
        changed.append(event)
    return changed


def _linked(
    builder: _Builder,
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
                _date_from(builder, relation, ends, dates, words)
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


def _date_from(
    builder: _Builder,
    relation: Relation,
    ends: tuple[tuple[str, str, bool], tuple[str, str, bool]],
    dates: dict[str, EventDate],
    words: Callable[[Span], str],
) -> None:
    """A ``TLINK`` that puts an event inside a dated ``TIMEX3`` gives the event its date
    (the first such link wins); ``ends`` are (m_id, gloss id, is an event) of each end."""
    if relation.kind != "TLINK":
        return
    (source, source_id, source_is_event), (target, target_id, target_is_event) = ends
    if source_is_event and not target_is_event:
        event_id, timex, event_is_source = source_id, target, True
    elif target_is_event and not source_is_event:
        event_id, timex, event_is_source = target_id, source, False
    else:
        return
    if event_id in dates or (relation.attribute("reltype"), event_is_source) not in DATING_LINKS:
        return
    mention = builder.mentions.get(timex)
    value = builder.time_date(timex) if mention is not None else None
    if mention is None or value is None:
        return
    span = Span(mention.fragments[0].start, mention.fragments[-1].end)
    dates[event_id] = EventDate(value, " ".join(words(span).split()), span)


def _unique(items: list[_Item]) -> tuple[_Item, ...]:
    """Each argument once, in the order first given (a file may repeat a relation)."""
    return tuple(dict.fromkeys(items))
