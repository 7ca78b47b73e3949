"""Find a query's hits in one record, and show each as keyword in context (KWIC).

The same code runs on records read back from the index and on records built straight
from the files, which is how the tests prove the index never changes an answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tui.core.corpus.query import QueryPlan, Term
from tui.core.corpus.records import KIND_GLOSS, DocRecord, EventRecord, MentionRecord
from tui.core.textsafety import one_line

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
    if record.kind != KIND_GLOSS:
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


def _entity_selected(plan: QueryPlan, entity_type: str, names: Iterable[str]) -> bool:
    if plan.types and entity_type.lower() not in {t.lower() for t in plan.types}:
        return False
    if plan.entities:
        wanted = {name.lower() for name in plan.entities}
        return any(name.lower() in wanted for name in names)
    return True


def event_type_selected(wanted: Iterable[str], event_type: str) -> bool:
    """``event:Movement`` takes ``Movement.Visit``; ``event:Movement.Visit`` only itself."""
    lowered = event_type.lower()
    return any(lowered == w.lower() or lowered.startswith(w.lower() + ".") for w in wanted)


def _selected_events(record: DocRecord, plan: QueryPlan) -> list[EventRecord]:
    chosen = []
    for event in record.events:
        if plan.event_types and not event_type_selected(plan.event_types, event.type):
            continue
        if plan.realis and event.realis.lower() not in plan.realis:
            continue
        chosen.append(event)
    return chosen


def _selected_mentions(record: DocRecord, plan: QueryPlan) -> list[MentionRecord]:
    chosen_ids = {
        entity.id
        for entity in record.entities
        if _entity_selected(plan, entity.type, (entity.name, entity.id, *entity.aliases))
    }
    return [m for m in record.mentions if m.entity_id in chosen_ids]


def _term_spans(tokens: list[tuple[int, int, str]], term: Term) -> list[tuple[int, int]]:
    size = len(term.words)
    found = []
    for index in range(len(tokens) - size + 1):
        ok = True
        for offset, word in enumerate(term.words):
            token = tokens[index + offset][2]
            last = offset == size - 1
            if not (token == word or (last and term.prefix and token.startswith(word))):
                ok = False
                break
        if ok:
            found.append((tokens[index][0], tokens[index + size - 1][1]))
    return found


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
        return [m for m in mentions if any(p[0] <= m[0] and m[1] <= p[1] for p in passages)]
    if plan.terms:
        return [(e.passage_start, e.passage_end) for e in events]
    return [(e.trigger_start, e.trigger_end) for e in events]


def _owner(record: DocRecord, start: int, end: int) -> tuple[str, bool]:
    names = {entity.id: entity for entity in record.entities}
    covering = [m for m in record.mentions if m.start <= start and end <= m.end]
    if covering:
        inner = min(covering, key=lambda m: (m.end - m.start, m.entity_id))
        entity = names.get(inner.entity_id)
        if entity is not None:
            return f"{entity.name} ({entity.type})", True
    for event in record.events:
        if event.trigger_start <= start and end <= event.trigger_end:
            return event.type, False
    for event in record.events:
        if event.passage_start <= start and end <= event.passage_end:
            return event.type, False
    return "", False


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return line, offset - line_start + 1


def make_hit(record: DocRecord, start: int, end: int) -> Hit:
    """A hit at ``[start, end)`` of the record's text, with its context on one line."""
    text = record.text
    line, column = _line_and_column(text, start)
    owner, in_mention = _owner(record, start, end)
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
    spans: set[tuple[int, int]] = set()
    for term in plan.terms:
        found = _term_spans(tokens, term)
        if regions is not None:
            found = [s for s in found if any(r[0] <= s[0] and s[1] <= r[1] for r in regions)]
        if not found:
            return []  # every word must occur (inside the filters' annotations)
        spans.update(found)
    return sorted(spans)


def find_hits(record: DocRecord, plan: QueryPlan) -> list[Hit]:
    """The plan's hits in one record, in text order."""
    return [make_hit(record, start, end) for start, end in find_spans(record, plan)]


def rank(hits: Iterable[Hit]) -> list[Hit]:
    """Hits inside mentions first; then by document date, file and place (stable)."""
    return sorted(hits, key=lambda h: (not h.in_mention, h.date_text or "9999", h.path, h.start))
