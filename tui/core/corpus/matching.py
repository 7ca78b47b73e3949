"""Find a query's hits in one record, and show each as keyword in context (KWIC).

The same code runs on records read back from the index and on records built straight
from the files, which is how the tests prove the index never changes an answer.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from tui.core.corpus.query import QueryPlan, Term
from tui.core.corpus.records import (
    SEARCHED_KINDS,
    DocRecord,
    EntityRecord,
    EventRecord,
    MentionRecord,
)
from tui.core.text.textsafety import one_line

T = TypeVar("T")

CONTEXT_CHARS = 40
"""Characters of context kept on each side of a hit."""

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a query matched, with what a results list and ``grep`` output need."""

    path: str
    text_path: str
    doc_id: str
    title: str
    date_text: str | None
    start: int
    end: int
    line: int
    """1-based line of the hit in the article text."""
    column: int
    """1-based column (in characters) of the hit in its line."""
    left: str
    match: str
    right: str
    owner: str
    """The entity (``Rabat (GPE)``) or event (``Movement.Visit``) the hit belongs to."""
    in_mention: bool


@dataclass(frozen=True, slots=True)
class HitTrail:
    """Search results being stepped through, and which one is shown."""

    hits: tuple[Hit, ...]
    position: int

    @property
    def hit(self) -> Hit:
        """The hit shown now."""
        return self.hits[self.position]


def document_matches(record: DocRecord, plan: QueryPlan) -> bool:
    """Whether ``doc:`` and ``date:`` let the document through."""
    if record.kind not in SEARCHED_KINDS:
        return False
    if plan.docs:
        haystack = f"{record.doc_id}\n{record.title}\n{record.path}".lower()
        if not any(needle.lower() in haystack for needle in plan.docs):
            return False
    if plan.has_date:
        if record.date_first is None or record.date_last is None:
            return False
        if plan.date_first is not None and record.date_last < plan.date_first:
            return False
        if plan.date_last is not None and record.date_first > plan.date_last:
            return False
    return True


def _entity_selector(plan: QueryPlan) -> Callable[[EntityRecord], bool]:
    """Whether ``type:`` and ``entity:`` take an entity (case-folded sets, built once)."""
    types = {kind.lower() for kind in plan.types}
    wanted = {name.lower() for name in plan.entities}

    by_link = any(is_link_value(name) for name in wanted)

    def selected(entity: EntityRecord) -> bool:
        if types and entity.type.lower() not in types:
            return False
        names = [entity.name, entity.id, *entity.aliases]
        if by_link:
            names.extend(link_value(key, value) for key, value in entity.links)
        return not wanted or any(name.lower() in wanted for name in names)

    return selected


def is_link_value(value: str) -> bool:
    """Whether an ``entity:`` value names a link (``@wikidata:Q1028``), not a name."""
    return value.startswith("@") and ":" in value[2:]


def link_value(key: str, value: str) -> str:
    """A link as ``entity:`` names it: ``@KEY:VALUE`` (the value trimmed, as links join)."""
    return f"@{key}:{value.strip()}"


def needs_links(plan: QueryPlan) -> bool:
    """Whether the plan's hits depend on the entities' links (an ``entity:@KEY:VALUE``)."""
    return any(is_link_value(name) for name in plan.entities)


def event_type_selected(wanted: Iterable[str], event_type: str) -> bool:
    """``event:Movement`` takes ``Movement.Visit``; ``event:Movement.Visit`` only itself."""
    lowered = event_type.lower()
    return any(lowered == w.lower() or lowered.startswith(w.lower() + ".") for w in wanted)


def _trigger_holds(text: str, terms: tuple[Term, ...]) -> bool:
    """Whether one of ``terms`` occurs in a trigger's ``text``."""
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    return any(_finder(terms).spans(tokens))


def _selected_events(record: DocRecord, plan: QueryPlan) -> list[EventRecord]:
    chosen = []
    for event in record.events:
        if plan.event_types or plan.triggers:
            # event: values are alternatives: a type, or a word of the trigger.
            typed = bool(plan.event_types) and event_type_selected(plan.event_types, event.type)
            if not typed and not (
                plan.triggers
                and _trigger_holds(
                    record.text[event.trigger_start : event.trigger_end], plan.triggers
                )
            ):
                continue
        if plan.realis and event.realis.lower() not in plan.realis:
            continue
        chosen.append(event)
    return chosen


def _selected_mentions(record: DocRecord, plan: QueryPlan) -> list[MentionRecord]:
    selected = _entity_selector(plan)
    chosen_ids = {entity.id for entity in record.entities if selected(entity)}
    return [m for m in record.mentions if m.entity_id in chosen_ids]


class _TermFinder:
    """Every term of a query found in one pass over a text's words.

    Terms are looked up by their first word, one-word prefixes by each length such a
    prefix has; so each word of the text costs a few look-ups and checks only the terms
    that can start there, instead of every term scanning the whole text in turn.
    """

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self._terms = terms
        self._starting: dict[str, list[int]] = {}
        """First word → the terms that start with exactly that word."""
        self._prefixes: dict[str, list[int]] = {}
        """One-word prefix → the terms that are that prefix."""
        for number, term in enumerate(terms):
            if term.prefix and len(term.words) == 1:
                self._prefixes.setdefault(term.words[0], []).append(number)
            else:
                self._starting.setdefault(term.words[0], []).append(number)
        self._lengths = sorted({len(prefix) for prefix in self._prefixes})

    def spans(self, tokens: list[tuple[int, int, str]]) -> list[list[tuple[int, int]]]:
        """Per term (in the plan's order), the spans where it occurs, in text order."""
        found: list[list[tuple[int, int]]] = [[] for _ in self._terms]
        for index, (start, end, token) in enumerate(tokens):
            for number in self._starting.get(token, ()):
                last = self._last_token(tokens, index, self._terms[number])
                if last is not None:
                    found[number].append((start, tokens[last][1]))
            for length in self._lengths:
                if length > len(token):
                    break
                for number in self._prefixes.get(token[:length], ()):
                    found[number].append((start, end))
        return found

    @staticmethod
    def _last_token(tokens: list[tuple[int, int, str]], index: int, term: Term) -> int | None:
        """Where ``term`` ends if it starts at ``tokens[index]`` (its first word matched)."""
        last = index + len(term.words) - 1
        if last >= len(tokens):
            return None
        for offset in range(1, len(term.words)):
            token = tokens[index + offset][2]
            word = term.words[offset]
            prefix = term.prefix and offset == len(term.words) - 1
            if not (token == word or (prefix and token.startswith(word))):
                return None
        return last


@functools.lru_cache(maxsize=8)
def _finder(terms: tuple[Term, ...]) -> _TermFinder:
    # One finder per query, not per article it is matched against.
    return _TermFinder(terms)


def _regions(record: DocRecord, plan: QueryPlan) -> list[tuple[int, int]] | None:
    """Spans hits must fall in (None: anywhere); with no words, these are the hits."""
    if not plan.entity_filtered and not plan.event_filtered:
        return None
    events = _selected_events(record, plan) if plan.event_filtered else []
    if plan.entity_filtered:
        mentions = [(m.start, m.end) for m in _selected_mentions(record, plan)]
        if not plan.event_filtered:
            return mentions
        passages = [(e.passage_start, e.passage_end) for e in events]
        inside = _Spans((p[0], p[1], None) for p in passages)
        return [m for m in mentions if inside.covering(m[0], m[1])]
    if plan.terms:
        return [(e.passage_start, e.passage_end) for e in events]
    return [(e.trigger_start, e.trigger_end) for e in events]


class _Spans(Generic[T]):
    """Spans with a payload, asking which ones cover ``[start, end)`` without a scan.

    Short spans are found by bisection in a window as wide as the longest short one;
    the few long ones (whole passages) are checked one by one. So a search over a long
    document with many hits stays near-linear.
    """

    SHORT = 512

    def __init__(self, spans: Iterable[tuple[int, int, T]]) -> None:
        ordered = sorted(spans, key=lambda item: (item[0], item[1]))
        self._short = [item for item in ordered if item[1] - item[0] <= self.SHORT]
        self._long = [item for item in ordered if item[1] - item[0] > self.SHORT]
        self._starts = [item[0] for item in self._short]
        self._window = max((item[1] - item[0] for item in self._short), default=0)

    def covering(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """The spans holding all of ``[start, end)``."""
        low = bisect.bisect_left(self._starts, start - self._window)
        high = bisect.bisect_right(self._starts, start)
        found = [item for item in self._short[low:high] if item[1] >= end]
        found.extend(item for item in self._long if item[0] <= start and end <= item[1])
        return found


class _Owners:
    """Which mention, trigger or passage a hit lies in, for one record."""

    def __init__(self, record: DocRecord) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", record.text)]
        names = {entity.id: entity for entity in record.entities}
        self._mentions = _Spans(
            (m.start, m.end, names[m.entity_id]) for m in record.mentions if m.entity_id in names
        )
        self._triggers = _Spans((e.trigger_start, e.trigger_end, e) for e in record.events)
        self._passages = _Spans((e.passage_start, e.passage_end, e) for e in record.events)

    def owner(self, start: int, end: int) -> tuple[str, bool]:
        covering = self._mentions.covering(start, end)
        if covering:
            inner = min(covering, key=lambda m: (m[1] - m[0], m[2].id))
            entity = inner[2]
            return f"{entity.name} ({entity.type})", True
        for spans in (self._triggers, self._passages):
            events = spans.covering(start, end)
            if events:
                return min(events, key=lambda e: (e[0], e[1], e[2].id))[2].type, False
        return "", False

    def line_and_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of ``offset``."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


def make_hit(record: DocRecord, start: int, end: int, owners: _Owners | None = None) -> Hit:
    """A hit at ``[start, end)`` of the record's text, with its context on one line."""
    text = record.text
    owners = owners or _Owners(record)
    line, column = owners.line_and_column(start)
    owner, in_mention = owners.owner(start, end)
    return Hit(
        path=record.path,
        text_path=record.text_path,
        doc_id=record.doc_id,
        title=record.title,
        date_text=record.date_text,
        start=start,
        end=end,
        line=line,
        column=column,
        left=one_line(text[max(0, start - CONTEXT_CHARS) : start]),
        match=one_line(text[start:end]),
        right=one_line(text[end : end + CONTEXT_CHARS]),
        owner=owner,
        in_mention=in_mention,
    )


def find_spans(record: DocRecord, plan: QueryPlan) -> list[tuple[int, int]]:
    """Where the plan matches in the record, in text order, each span once."""
    if not document_matches(record, plan):
        return []
    regions = _regions(record, plan)
    if not plan.terms:
        return sorted(set(regions or []))
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(record.text)]
    inside = None if regions is None else _Spans((r[0], r[1], None) for r in regions)
    spans: set[tuple[int, int]] = set()
    for found in _finder(plan.terms).spans(tokens):
        if inside is not None:
            found = [s for s in found if inside.covering(s[0], s[1])]
        if not found:
            return []  # every word must occur (inside the filters' annotations)
        spans.update(found)
    return sorted(spans)


def find_hits(record: DocRecord, plan: QueryPlan) -> list[Hit]:
    """The plan's hits in one record, in text order."""
    spans = find_spans(record, plan)
    if not spans:
        return []
    owners = _Owners(record)
    return [make_hit(record, start, end, owners) for start, end in spans]


def rank(hits: Iterable[Hit]) -> list[Hit]:
    """Hits inside mentions first; then by document date, file and place (stable)."""
    return sorted(hits, key=lambda h: (not h.in_mention, h.date_text or "9999", h.path, h.start))
