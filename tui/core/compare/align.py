"""Pairing the annotations of two files on one article, and the figures that follow.

File A is the reference; B's spans are carried into A's text (see :mod:`textmap`) so
every finding has a place in one text. Mentions pair up one to one: same span and
type (*in both*), same span and another type (*other type*), overlapping spans
(*other boundaries*), or nothing (*only in A* / *only in B*). Events pair by trigger
the same way and then compare date, realis and arguments; relations and arguments
name entities, and since annotators' ids differ, entities are matched by their
mentions (the CEAF alignment), never by id.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from tui.core.compare.metrics import Chain, Coreference, Score, ceaf_alignment, coreference
from tui.core.compare.textmap import TextMap, align_texts
from tui.core.diagnostics import Position
from tui.core.model import Argument, Document, Event, Relation, Span
from tui.core.sources import SourceMap

_QUOTE_LIMIT = 60
_SHORT = 256
"""Spans up to this many characters are looked up by bisection (see _pair_overlapping)."""
_B_ONLY = "\0b:"
"""Prefix of keys for B's entities and events that have no counterpart in A."""


class Kind(StrEnum):
    """How the two files agree on one annotation."""

    BOTH = "in both"
    ONLY_A = "only in A"
    ONLY_B = "only in B"
    TYPE = "other type"
    BOUNDARY = "other boundaries"
    DATE = "other date"
    REALIS = "other realis"
    NOT_PLACED = "not placed"
    """B's annotation covers text that A's article does not have."""


class Layer(StrEnum):
    """What kind of annotation a finding is about."""

    MENTION = "mention"
    EVENT = "event"
    ARGUMENT = "argument"
    RELATION = "relation"


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two files: where it is, what it says, and where each annotation is."""

    path: str
    document: Document
    source: SourceMap = field(default_factory=SourceMap)


@dataclass(frozen=True, slots=True)
class Finding:
    """One annotation (or pair) and how the files agree on it."""

    kind: Kind
    layer: Layer
    message: str
    """What it is, e.g. ``PER "Tal Kalman"``, with both values when they differ."""
    span: Span | None
    """Where it is in A's text (for B's annotations: carried over), if anywhere."""
    other_span: Span | None = None
    """B's span in A's text when it differs from :attr:`span` (other boundaries)."""
    a_position: Position | None = None
    b_position: Position | None = None

    @property
    def agrees(self) -> bool:
        """Whether both files say the same thing here."""
        return self.kind is Kind.BOTH


@dataclass(frozen=True, slots=True)
class Scores:
    """Every agreement figure of one comparison (or the sum over a folder)."""

    mentions: Score
    mentions_overlap: Score
    mention_types: dict[str, Score]
    mention_types_overlap: dict[str, Score]
    coreference: Coreference
    triggers: Score
    trigger_types: dict[str, Score]
    arguments: Score
    relations: Score

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            self.mentions + other.mentions,
            self.mentions_overlap + other.mentions_overlap,
            _add_types(self.mention_types, other.mention_types),
            _add_types(self.mention_types_overlap, other.mention_types_overlap),
            self.coreference + other.coreference,
            self.triggers + other.triggers,
            _add_types(self.trigger_types, other.trigger_types),
            self.arguments + other.arguments,
            self.relations + other.relations,
        )

    def headline(self) -> dict[str, float]:
        """The figures a gate checks: one F1 per layer that has anything to score."""
        figures = {
            "mentions": self.mentions,
            "triggers": self.triggers,
            "arguments": self.arguments,
            "relations": self.relations,
        }
        found = {name: score.f1 for name, score in figures.items() if not score.empty}
        if not self.coreference.muc.empty or not self.coreference.b_cubed.empty:
            found["conll"] = self.coreference.conll
        return found


def _add_types(first: dict[str, Score], second: dict[str, Score]) -> dict[str, Score]:
    total = dict(first)
    for code, score in second.items():
        total[code] = total.get(code, Score()) + score
    return total


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing B with A."""

    a: Side
    b: Side
    text_map: TextMap
    findings: tuple[Finding, ...]
    """Every annotation of both files, agreeing or not, in A's text order."""
    scores: Scores

    @property
    def disagreements(self) -> tuple[Finding, ...]:
        """The findings where the files differ, in text order."""
        return tuple(finding for finding in self.findings if not finding.agrees)

    @property
    def agree(self) -> bool:
        """Whether the two files say exactly the same."""
        return all(finding.agrees for finding in self.findings)

    def counts(self) -> dict[str, int]:
        """How many findings of each kind, every kind listed."""
        counted = Counter(finding.kind for finding in self.findings)
        return {kind.value: counted.get(kind, 0) for kind in Kind}


class DifferentArticles(ValueError):
    """A and B annotate different articles: there is nothing to compare."""

    def __init__(self, similarity: float) -> None:
        super().__init__(
            f"the two files annotate different articles (only {similarity:.0%} of the "
            "text is shared)"
        )
        self.similarity = similarity


def quote(text: str) -> str:
    """Text from the article for a message: on one line, shortened, in double quotes."""
    flat = " ".join(text.split())
    if len(flat) > _QUOTE_LIMIT:
        flat = flat[: _QUOTE_LIMIT - 1] + "…"
    return f'"{flat}"'


# -- mentions ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mention:
    span: Span
    """In A's text."""
    type: str
    entity_id: str
    position: Position
    words: str


def _mentions_of(side: Side, text_map: TextMap | None) -> tuple[list[_Mention], list[_Mention]]:
    """A side's mentions in A's offsets, and those that could not be carried over."""
    document = side.document
    placed: list[_Mention] = []
    lost: list[_Mention] = []
    for entity in document.entities:
        for mention in entity.mentions:
            words = document.text[mention.span.start : mention.span.end]
            where = side.source.mention(entity.id, mention.span)
            span = mention.span if text_map is None else text_map.span_in_a(mention.span)
            if span is None:
                lost.append(_Mention(mention.span, entity.type, entity.id, where, words))
            else:
                placed.append(_Mention(span, entity.type, entity.id, where, words))
    return placed, lost


def _pair_exact(
    a_items: Sequence[_Mention], b_items: Sequence[_Mention]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], set[int], set[int]]:
    """Same-span pairs: first those of the same type, then those of another."""
    by_span: dict[tuple[int, int], list[int]] = {}  # plain tuples hash faster than Spans
    for index, item in enumerate(a_items):
        by_span.setdefault((item.span.start, item.span.end), []).append(index)
    used_a: set[int] = set()
    used_b: set[int] = set()
    same: list[tuple[int, int]] = []
    other: list[tuple[int, int]] = []
    for want_same_type in (True, False):
        for b_index, b_item in enumerate(b_items):
            if b_index in used_b:
                continue
            for a_index in by_span.get((b_item.span.start, b_item.span.end), ()):
                if a_index in used_a:
                    continue
                if (a_items[a_index].type == b_item.type) is want_same_type:
                    (same if want_same_type else other).append((a_index, b_index))
                    used_a.add(a_index)
                    used_b.add(b_index)
                    break
    return same, other, used_a, used_b


def _pair_overlapping(
    a_items: Sequence[_Mention], b_items: Sequence[_Mention], used_a: set[int], used_b: set[int]
) -> list[tuple[int, int]]:
    """Overlapping pairs among what is left: same type first, then the widest overlap."""
    left_b = [i for i in range(len(b_items)) if i not in used_b]
    if not left_b:
        return []
    # Short spans are found by bisection in a window as wide as the longest short one;
    # the few long ones (a whole sentence) are tried one by one, so that one long span
    # does not make every look-up scan everything.
    free_b = sorted((b_items[i].span.start, i) for i in left_b if len(b_items[i].span) <= _SHORT)
    long_b = [i for i in left_b if len(b_items[i].span) > _SHORT]
    starts = [start for start, _ in free_b]
    longest = max((len(b_items[i].span) for _, i in free_b), default=0)
    pairs: list[tuple[int, int]] = []
    free_a = sorted((a_items[i].span.start, i) for i in range(len(a_items)) if i not in used_a)
    for _, a_index in free_a:
        a_item = a_items[a_index]
        first = bisect.bisect_left(starts, a_item.span.start - longest)
        stop = bisect.bisect_left(starts, a_item.span.end)
        best: tuple[bool, int, int] | None = None
        window = [b_index for _, b_index in free_b[first:stop]]
        for b_index in (*window, *long_b):
            if b_index in used_b:
                continue
            b_span = b_items[b_index].span
            shared = min(a_item.span.end, b_span.end) - max(a_item.span.start, b_span.start)
            if shared <= 0:
                continue
            candidate = (b_items[b_index].type == a_item.type, shared, -b_index)
            if best is None or candidate > best:
                best = candidate
        if best is not None:
            b_index = -best[2]
            used_a.add(a_index)
            used_b.add(b_index)
            pairs.append((a_index, b_index))
    return pairs


def _compare_mentions(
    a_items: Sequence[_Mention], b_items: Sequence[_Mention]
) -> tuple[list[Finding], dict[str, list[int]], list[tuple[int, int]]]:
    """Findings for mentions, per type the counts [exact, overlap, in A, in B], and every
    pair (A index, B index) that stands for one mention (same or overlapping span)."""
    same, other_type, used_a, used_b = _pair_exact(a_items, b_items)
    overlapping = _pair_overlapping(a_items, b_items, used_a, used_b)
    counts: dict[str, list[int]] = {}

    def count(code: str, slot: int) -> None:
        counts.setdefault(code, [0, 0, 0, 0])[slot] += 1

    for item in a_items:
        count(item.type, 2)
    for item in b_items:
        count(item.type, 3)
    findings: list[Finding] = []
    for a_index, b_index in same:
        a, b = a_items[a_index], b_items[b_index]
        count(a.type, 0)
        count(a.type, 1)
        findings.append(
            Finding(
                Kind.BOTH,
                Layer.MENTION,
                f"{a.type} {quote(a.words)}",
                a.span,
                a_position=a.position,
                b_position=b.position,
            )
        )
    for a_index, b_index in other_type:
        a, b = a_items[a_index], b_items[b_index]
        findings.append(
            Finding(
                Kind.TYPE,
                Layer.MENTION,
                f"{quote(a.words)} {a.type} in A, {b.type} in B",
                a.span,
                a_position=a.position,
                b_position=b.position,
            )
        )
    for a_index, b_index in overlapping:
        a, b = a_items[a_index], b_items[b_index]
        if a.type == b.type:
            count(a.type, 1)
        findings.append(
            Finding(
                Kind.BOUNDARY,
                Layer.MENTION,
                f"{a.type} {quote(a.words)} in A, {b.type} {quote(b.words)} in B",
                a.span,
                other_span=b.span,
                a_position=a.position,
                b_position=b.position,
            )
        )
    for index, a in enumerate(a_items):
        if index not in used_a:
            message = f"{a.type} {quote(a.words)}"
            findings.append(
                Finding(Kind.ONLY_A, Layer.MENTION, message, a.span, a_position=a.position)
            )
    for index, b in enumerate(b_items):
        if index not in used_b:
            message = f"{b.type} {quote(b.words)}"
            findings.append(
                Finding(Kind.ONLY_B, Layer.MENTION, message, b.span, b_position=b.position)
            )
    return findings, counts, [*same, *other_type, *overlapping]


# -- entities as chains ---------------------------------------------------------------


def _chains(items: Iterable[_Mention], entity_ids: Sequence[str]) -> list[Chain]:
    """Each entity as the set of its mentions' (start, end) in A's text."""
    grouped: dict[str, set[tuple[int, int]]] = {entity_id: set() for entity_id in entity_ids}
    for item in items:
        grouped[item.entity_id].add((item.span.start, item.span.end))
    return [frozenset(grouped[entity_id]) for entity_id in entity_ids]


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
        _Mention(e.trigger, e.event.type, e.event.id, Position(1, 1), e.words) for e in a_events
    ]
    as_mentions_b = [
        _Mention(e.trigger, e.event.type, e.event.id, Position(1, 1), e.words) for e in b_events
    ]
    same, other_type, used_a, used_b = _pair_exact(as_mentions_a, as_mentions_b)
    overlapping = _pair_overlapping(as_mentions_a, as_mentions_b, used_a, used_b)
    return [*same, *other_type], overlapping, used_a, used_b


# -- the comparison ---------------------------------------------------------------------


def compare(a: Side, b: Side) -> Comparison:
    """Compare B's annotations with A's.

    Raises:
        DifferentArticles: when the texts share too little to be one article.
    """
    text_map = align_texts(a.document.text, b.document.text)
    if not text_map.same_article:
        raise DifferentArticles(text_map.similarity)
    carry = None if text_map.identical else text_map
    a_mentions, _ = _mentions_of(a, None)
    b_mentions, b_lost = _mentions_of(b, carry)
    findings, type_counts, paired = _compare_mentions(a_mentions, b_mentions)
    findings.extend(
        Finding(
            Kind.NOT_PLACED,
            Layer.MENTION,
            f"{item.type} {quote(item.words)}",
            None,
            b_position=item.position,
        )
        for item in b_lost
    )

    a_ids = [entity.id for entity in a.document.entities]
    b_ids = [entity.id for entity in b.document.entities]
    a_chains = _chains(a_mentions, a_ids)
    b_chains = _chains(b_mentions, b_ids)
    chain_scores = coreference(a_chains, b_chains)
    # Entities are matched for arguments and relations more leniently than they are
    # scored: a mention B cut short or typed otherwise still says which entity it is.
    lenient_b_chains = b_chains
    if len(paired) < len(b_mentions) or any(
        a_mentions[a].span != b_mentions[b].span for a, b in paired
    ):
        as_in_a = list(b_mentions)
        for a_index, b_index in paired:
            as_in_a[b_index] = replace(b_mentions[b_index], span=a_mentions[a_index].span)
        lenient_b_chains = _chains(as_in_a, b_ids)
    entity_in_a = {b_ids[r]: a_ids[k] for k, r in ceaf_alignment(a_chains, lenient_b_chains)}

    event_findings, trigger_score, trigger_types, argument_score = _compare_events(
        a, b, carry, entity_in_a
    )
    findings.extend(event_findings)
    relation_findings, relation_score = _compare_relations(a, b, carry, entity_in_a)
    findings.extend(relation_findings)

    exact = {code: Score.from_counts(c[0], c[2], c[3]) for code, c in type_counts.items()}
    overlap = {code: Score.from_counts(c[1], c[2], c[3]) for code, c in type_counts.items()}
    scores = Scores(
        mentions=sum(exact.values(), Score()),
        mentions_overlap=sum(overlap.values(), Score()),
        mention_types=exact,
        mention_types_overlap=overlap,
        coreference=chain_scores,
        triggers=trigger_score,
        trigger_types=trigger_types,
        arguments=argument_score,
        relations=relation_score,
    )
    findings.sort(key=_text_order)
    return Comparison(a, b, text_map, tuple(findings), scores)


_LAYER_ORDER = {layer: rank for rank, layer in enumerate(Layer)}


def _text_order(finding: Finding) -> tuple[int, int, int, int, int]:
    span = finding.span
    if span is None:
        return (1, 0, 0, _LAYER_ORDER[finding.layer], 0)
    position = finding.a_position or finding.b_position or Position(0, 0)
    return (0, span.start, -span.end, _LAYER_ORDER[finding.layer], position.line)


def _entity_words(document: Document, entity_id: str) -> str:
    entity = document.entity_by_id.get(entity_id)
    return quote(entity.name) if entity is not None else quote(entity_id)


def _compare_events(
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
        event_key = event_in_a.get(item.event.id, _B_ONLY + item.event.id)
        for argument in item.event.arguments:
            entity_key = entity_in_a.get(argument.entity_id, _B_ONLY + argument.entity_id)
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
                f"argument {argument.role} {_entity_words(a.document, argument.entity_id)} "
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
                f"argument {argument.role} {_entity_words(b.document, argument.entity_id)} "
                f"of {event.type} {quote(item.words)}",
                item.trigger,
                b_position=b.source.argument(event.id, argument.role, argument.entity_id),
            )
        )
    return found


# -- relations --------------------------------------------------------------------------


def _relation_span(side: Side, relation: Relation, carry: TextMap | None) -> Span | None:
    """Where to show a relation: its evidence, else the first mention of its source."""
    span = relation.evidence
    if span is None:
        entity = side.document.entity_by_id.get(relation.from_id)
        span = entity.mentions[0].span if entity is not None and entity.mentions else None
    if span is None or carry is None:
        return span
    return carry.span_in_a(span)


def _compare_relations(
    a: Side, b: Side, carry: TextMap | None, entity_in_a: dict[str, str]
) -> tuple[list[Finding], Score]:
    a_keys: dict[tuple[str, str, str], int] = {}
    for index, relation in enumerate(a.document.relations):
        a_keys.setdefault((relation.type, relation.from_id, relation.to_id), index)
    b_keys: dict[tuple[str, str, str], int] = {}
    for index, relation in enumerate(b.document.relations):
        ends = (
            entity_in_a.get(relation.from_id, _B_ONLY + relation.from_id),
            entity_in_a.get(relation.to_id, _B_ONLY + relation.to_id),
        )
        b_keys.setdefault((relation.type, *ends), index)
    matched = a_keys.keys() & b_keys.keys()
    # What is left may be the same two entities under another relation type.
    left_b_by_ends: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for key in b_keys.keys() - matched:
        left_b_by_ends.setdefault(key[1:], []).append(key)
    findings: list[Finding] = []

    def describe(side: Side, relation: Relation) -> str:
        document = side.document
        source = _entity_words(document, relation.from_id)
        target = _entity_words(document, relation.to_id)
        return f"{source} → {target}"

    paired_b: set[tuple[str, str, str]] = set()
    for key, index in a_keys.items():
        relation = a.document.relations[index]
        where = a.source.relation(index)
        span = _relation_span(a, relation, None)
        if key in matched:
            b_index = b_keys[key]
            findings.append(
                Finding(
                    Kind.BOTH,
                    Layer.RELATION,
                    f"relation {relation.type} {describe(a, relation)}",
                    span,
                    a_position=where,
                    b_position=b.source.relation(b_index),
                )
            )
            continue
        others = sorted(left_b_by_ends.get(key[1:], []))
        other = next((k for k in others if k not in paired_b), None)
        if other is not None:
            paired_b.add(other)
            b_relation = b.document.relations[b_keys[other]]
            findings.append(
                Finding(
                    Kind.TYPE,
                    Layer.RELATION,
                    f"relation {describe(a, relation)} {relation.type} in A, "
                    f"{b_relation.type} in B",
                    span,
                    a_position=where,
                    b_position=b.source.relation(b_keys[other]),
                )
            )
            continue
        findings.append(
            Finding(
                Kind.ONLY_A,
                Layer.RELATION,
                f"relation {relation.type} {describe(a, relation)}",
                span,
                a_position=where,
            )
        )
    for key, index in b_keys.items():
        if key in matched or key in paired_b:
            continue
        relation = b.document.relations[index]
        findings.append(
            Finding(
                Kind.ONLY_B,
                Layer.RELATION,
                f"relation {relation.type} {describe(b, relation)}",
                _relation_span(b, relation, carry),
                b_position=b.source.relation(index),
            )
        )
    return findings, Score.from_counts(len(matched), len(a_keys), len(b_keys))
