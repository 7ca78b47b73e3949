"""A CAT file's markables and relations grouped into chains: one entity or event each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.core.document.dates import DateError, DateValue, parse_date
from tui.core.document.diagnostics import DiagnosticSink
from tui.core.document.model import (
    Span,
)
from tui.core.formats.cat.classes import (
    CLASSES,
    INSTANCE_ONLY_CLASSES,
    KIND_FROM_INSTANCE,
    KIND_ON_MARKABLE,
    CatClass,
    class_named,
    refined,
    unknown_class,
)
from tui.core.formats.cat.dating import normalised_date
from tui.core.formats.cat.parse import CatFile, Markable, Relation
from tui.core.formats.cat.text import Layout, lay_out

LINK_NAME = "ecbplus"
"""The ``links`` key that carries an ECB+ cross-document instance id."""


MEANTIME_LINK_NAME = "meantime"
"""The ``links`` key that carries a MEANTIME ``instance_id``: one id names one entity or
event across the documents of a corpus (Steve Jobs in many Apple articles)."""


COREF_KINDS = ("INTRA_DOC_COREF", "CROSS_DOC_COREF", "REFERS_TO")


PARTICIPANT_KIND = "HAS_PARTICIPANT"


DATED_CLASSES = frozenset({"TIME_DATE", "TIME_OF_THE_DAY", "TIMEX3", "TIMEX3:DATE", "TIMEX3:TIME"})
"""Time classes whose words may name a day, a month or a year (not durations or sets)."""


@dataclass
class CatMention:
    markable: Markable
    cat_class: CatClass
    fragments: list[Span]


@dataclass
class Chain:
    relation: Relation
    instance: Markable | None
    link: str | None
    members: list[str] = field(default_factory=list)
    link_name: str = LINK_NAME

    def describe(self) -> str:
        name = self.instance.descriptor if self.instance and self.instance.descriptor else None
        what = f"'{name}'" if name else f"r_id {self.relation.id}"
        return f"{what} ({self.link})" if self.link else what


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


class Builder:
    def __init__(self, cat: CatFile, sink: DiagnosticSink) -> None:
        self.cat = cat
        self.sink = sink
        self.layout: Layout = lay_out(cat.tokens)
        self.mentions: dict[str, CatMention] = {}
        self.instances: dict[str, Markable] = {}
        self.chains: list[Chain] = []
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
        found = timex_date(mention.markable)
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
            self.mentions[markable.id] = CatMention(markable, cat_class, pieces)

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
            chain = Chain(relation, instance, link or None, link_name=link_name)
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

    def groups(self) -> list[tuple[CatClass, Chain | None, list[str]]]:
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
        result: list[tuple[CatClass, Chain | None, list[str]]] = []
        for (number, name), members in grouped.items():
            result.append((class_named(name), self.chains[number], members))
        for member, mention in self.mentions.items():
            if member not in home:
                result.append((mention.cat_class, None, [member]))
        return result


def join_lines(lines: Sequence[str]) -> str | None:
    kept: list[str] = []
    for line in lines:
        if line and line not in kept:
            kept.append(line)
    return "; ".join(kept) if kept else None


def timex_date(markable: Markable) -> DateValue | None:
    """The date a ``TIMEX3`` stands for, when its value is a day, a month or a year
    (``2007-01-12``, also with a time after it); None for durations, sets, ``PRESENT_REF``…"""
    if markable.tag != "TIMEX3" or markable.attribute("type") not in ("DATE", "TIME"):
        return None
    value = (markable.attribute("value") or "").partition("T")[0]
    try:
        return parse_date(value)
    except DateError:
        return None
