"""Suggestions of mentions: known names found in an article, each with what it would join.

What is known comes from three places, each a :class:`Known` entity with its names:

- ``file``: the article's own entities: their names, aliases, and the words of their
  mentions that look like names (with a capital letter or a digit: "he" or "the
  company" are not proposed everywhere they occur);
- ``corpus``: the corpus entities of the library's index (their members' names and
  aliases), with their type, links and the number of articles they appear in;
- ``pipeline``: mentions an NLP pipeline found (``gloss suggest --model``), kept apart
  from the file until accepted.

A name known to several is given to one: the file's own entity first, then the corpus
entity known in most articles (``Known.others`` counts the rest, and the reason says so).

**Where a suggestion may stand.** Never on an existing mention's exact words, and never
across one (sharing some words, each having words of its own). Inside a mention, or
around one, only when the file already nests mentions of the inner one's type: a file
with ``[University of [Haifa]]`` (a GPE inside an ORG) may get GPE suggestions inside
its other mentions; a file that nests nothing gets none. That is what "nested mentions
are allowed for that type" means here: the file's own practice, read from it
(:func:`nesting_types`), or the types a caller names.

Each suggestion joins an existing entity of the file (``entity_id``) or makes a new one
(``entity_id`` None), named and typed as the corpus or pipeline knew it and, from the
corpus, linked as the corpus entity's members are (its ``links``), so that the new entity
is at once the same corpus entity.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from tui.core.corpus.identity import normalise_name
from tui.core.document.model import Document, Entity, Span
from tui.core.editing import edits as ed
from tui.core.suggesting.names import Match, NameFinder, Token, longest_first, tokens

Source = Literal["file", "corpus", "pipeline"]
SOURCES: tuple[Source, ...] = ("file", "corpus", "pipeline")
_RANK = {"file": 0, "corpus": 1, "pipeline": 2}


@dataclass(frozen=True, slots=True)
class Known:
    """Someone or something known by name, and what a mention of it would join."""

    source: Source
    type: str
    name: str
    names: tuple[str, ...]
    """Every name it is known by (the name first)."""
    key: str = ""
    """The corpus entity's key (``corpus``), or the file's entity id (``file``)."""
    links: tuple[tuple[str, str], ...] = ()
    documents: int = 0
    """Articles it appears in (besides this one), for the corpus."""
    score: float = 1.0
    others: int = 0
    """How many other known entities share the name this one won."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One proposed mention."""

    span: Span
    type: str
    name: str
    """The name of the entity it joins or makes."""
    source: Source
    entity_id: str | None
    """The file's entity it joins; None: a new entity (named, typed and linked so)."""
    corpus_key: str
    links: tuple[tuple[str, str], ...]
    documents: int
    score: float
    why: str
    """One line: "known in 14 articles as ORG Israel Aerospace Industries"."""

    @property
    def group(self) -> str:
        """The entity it would join: the pane groups suggestions by this."""
        if self.entity_id is not None:
            return f"entity:{self.entity_id}"
        if self.corpus_key:
            return f"corpus:{self.corpus_key}"
        return f"new:{self.type}:{normalise_name(self.name)}"

    def words(self, text: str) -> str:
        return text[self.span.start : self.span.end]


@dataclass(frozen=True, slots=True)
class Rejected:
    """A suggestion turned down: its words and where they were."""

    start: int
    end: int
    words: str

    @classmethod
    def of(cls, suggestion: Suggestion, text: str) -> Rejected:
        return cls(suggestion.span.start, suggestion.span.end, suggestion.words(text))


@dataclass(frozen=True, slots=True)
class Found:
    """A mention a pipeline found: where, as what, and which model said so."""

    start: int
    end: int
    words: str
    type: str
    name: str
    label: str
    model: str


def _looks_like_a_name(words: str) -> bool:
    return any(char.isupper() or char.isdigit() for char in words)


def file_known(document: Document) -> list[Known]:
    """What the article itself knows: its entities and their names."""
    found: list[Known] = []
    text = document.text
    for entity in document.entities:
        names: list[str] = []
        for name in (entity.name, *entity.aliases):
            if name not in names:
                names.append(name)
        for mention in entity.mentions:
            if mention.parts:
                continue
            words = text[mention.span.start : mention.span.end]
            if words not in names and _looks_like_a_name(words):
                names.append(words)
        found.append(Known("file", entity.type, entity.name, tuple(names), entity.id, entity.links))
    return found


def corpus_score(documents: int) -> float:
    """How sure a corpus suggestion is: the more articles know it, the surer
    (1 article 0.5, 4 articles 0.8, 14 about 0.93)."""
    return documents / (documents + 1) if documents > 0 else 0.0


MODEL_SCORE = 0.6
"""The score of a pipeline's suggestion (spaCy's entity recogniser gives none)."""


def _better(old: Known, new: Known) -> Known:
    """Of two known entities with one name, the one a match should join."""
    old_rank = (_RANK[old.source], -old.documents, old.key)
    new_rank = (_RANK[new.source], -new.documents, new.key)
    if old.key == new.key and old.source == new.source:
        return old
    winner = old if old_rank <= new_rank else new
    return replace(winner, others=old.others + new.others + 1)


def build_finder(known: Iterable[Known]) -> NameFinder[Known]:
    """The names to look for, each given to the entity a match should join."""
    finder: NameFinder[Known] = NameFinder()
    for entity in known:
        for name in entity.names:
            if name.strip():
                finder.add(name, entity, prefer=_better)
    return finder


def nesting_types(document: Document) -> frozenset[str]:
    """The entity types the file has a mention of inside another mention (not the same
    words): suggestions of these types may stand inside (or around) a mention."""
    entities = document.entity_by_id
    found: set[str] = set()
    for mention in document.mentions:
        for other in document.mentions_overlapping(mention.span.start, mention.span.end):
            if other.span != mention.span and other.span.contains(mention.span):
                found.add(entities[mention.entity_id].type)
                break
    return frozenset(found)


def _place_allowed(document: Document, span: Span, type_code: str, nesting: frozenset[str]) -> bool:
    entities = document.entity_by_id
    for mention in document.mentions_overlapping(span.start, span.end):
        other = mention.span
        if other == span:
            return False
        if other.contains(span):
            inner = type_code
        elif span.contains(other):
            inner = entities[mention.entity_id].type
        else:
            return False  # the two cross
        if inner not in nesting:
            return False
    return True


def _why(known: Known, joins: Entity | None) -> str:
    also = f" (and {known.others} other{'s' if known.others != 1 else ''} of that name)"
    also = also if known.others else ""
    if known.source == "file":
        return f"a name of {known.type} {known.name} in this article{also}"
    if known.source == "corpus":
        articles = f"{known.documents} article{'s' if known.documents != 1 else ''}"
        joined = f"; joins {joins.name} here" if joins is not None else ""
        return f"known in {articles} as {known.type} {known.name}{also}{joined}"
    joined = f"; joins {joins.name} here" if joins is not None else ""
    label = f" (its label {known.key})" if known.key and known.key != known.type else ""
    return f"found by the pipeline as {known.type}{label}{joined}"


class _Locals:
    """The file's entity a known one already is: the same id (the file's own), a shared
    link (a corpus entity), or else the same type and name (or alias)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.by_link: dict[tuple[str, str], Entity] = {}
        self.by_name: dict[tuple[str, str], Entity] = {}
        for entity in document.entities:
            for key, value in entity.links:
                self.by_link.setdefault((key, value.strip()), entity)
            for name in (entity.name, *entity.aliases):
                self.by_name.setdefault((entity.type, normalise_name(name)), entity)
        self.found: dict[tuple[str, str, str, str], Entity | None] = {}

    def of(self, known: Known) -> Entity | None:
        key = (known.source, known.key, known.type, known.name)
        if key not in self.found:
            self.found[key] = self._find(known)
        return self.found[key]

    def _find(self, known: Known) -> Entity | None:
        if known.source == "file":
            return self.document.entity_by_id.get(known.key)
        for key, value in known.links:
            entity = self.by_link.get((key, value.strip()))
            if entity is not None:
                return entity
        return self.by_name.get((known.type, normalise_name(known.name)))


def suggest(
    document: Document,
    *finders: NameFinder[Known],
    rejected: Iterable[Rejected] = (),
    found: Iterable[Found] = (),
    nesting: frozenset[str] | None = None,
) -> list[Suggestion]:
    """The suggestions for ``document`` from the names of ``finders`` (the file's own
    and the corpus's may be kept apart, so that only the first is rebuilt after an
    edit): in text order, none overlapping another. Where two finders match the same
    words, the file's entity wins over the corpus's, the corpus's over a pipeline's.

    ``found``: what a pipeline found (kept while its words are still there);
    ``rejected``: suggestions turned down: their words, where they were, are not
    proposed again (by any source) while they are still there; ``nesting``: the types
    that may nest (None: the file's own, :func:`nesting_types`).
    """
    text = document.text
    allowed_nesting = nesting_types(document) if nesting is None else nesting
    locals_ = _Locals(document)
    turned_down = {(r.start, r.end) for r in rejected if text[r.start : r.end] == r.words}

    def allowed(match: Match[Known]) -> bool:
        if (match.start, match.end) in turned_down:
            return False
        span = Span(match.start, match.end)
        return _place_allowed(document, span, match.payload.type, allowed_nesting)

    parts = tokens(text)
    candidates = itertools.chain(
        *(_ranked(finder.candidates(text, parts)) for finder in finders),
        _found_matches(text, parts, found),
    )
    chosen = longest_first(candidates, allowed)
    return [_suggestion(match, locals_.of(match.payload)) for match in chosen]


def _ranked(matches: Iterable[Match[Known]]) -> Iterator[Match[Known]]:
    for match in matches:
        yield replace(match, rank=_RANK[match.payload.source])


def _found_matches(text: str, parts: list[Token], found: Iterable[Found]) -> Iterator[Match[Known]]:
    """A pipeline's mentions as matches (on whole tokens, with their words still there)."""
    starts = [part.start for part in parts]
    ends = [part.end for part in parts]
    for item in found:
        if text[item.start : item.end] != item.words:
            continue
        first = bisect.bisect_left(starts, item.start)
        last = bisect.bisect_left(ends, item.end)
        if first >= len(parts) or last >= len(parts):
            continue
        if starts[first] != item.start or ends[last] != item.end:
            continue  # not whole tokens: the text changed under it
        known = Known(
            "pipeline", item.type, item.name, (item.words,), key=item.label, score=MODEL_SCORE
        )
        yield Match(item.start, item.end, known, first, last, rank=_RANK["pipeline"])


def _suggestion(match: Match[Known], joins: Entity | None) -> Suggestion:
    known = match.payload
    return Suggestion(
        span=Span(match.start, match.end),
        type=joins.type if joins is not None else known.type,
        name=joins.name if joins is not None else known.name,
        source=known.source,
        entity_id=joins.id if joins is not None else None,
        corpus_key=known.key if known.source == "corpus" else "",
        links=known.links if known.source == "corpus" else (),
        documents=known.documents,
        score=known.score,
        why=_why(known, joins if known.source != "file" else None),
    )


def edits_for(document: Document, chosen: Sequence[Suggestion]) -> list[ed.Edit]:
    """The edits that make ``chosen`` ordinary mentions: one new entity per entity to
    make (its first suggestion), mentions of it for the rest, types declared first."""
    edits: list[ed.Edit] = []
    made: dict[str, str] = {}
    """A suggestion group → the id of the entity its first suggestion made."""
    taken = {entity.id for entity in document.entities}
    declared = set(document.entity_types)
    for suggestion in sorted(chosen, key=lambda s: s.span):
        if suggestion.entity_id is not None:
            edits.append(ed.AddMention(entity_id=suggestion.entity_id, span=suggestion.span))
            continue
        group = suggestion.group
        if group in made:
            edits.append(ed.AddMention(entity_id=made[group], span=suggestion.span))
            continue
        if suggestion.type not in declared:
            edits.append(ed.DeclareType(type_kind="entity", code=suggestion.type))
            declared.add(suggestion.type)
        entity_id = _fresh_id(suggestion.name, taken)
        taken.add(entity_id)
        made[group] = entity_id
        edits.append(
            ed.NewEntity(
                type=suggestion.type,
                name=suggestion.name,
                span=suggestion.span,
                entity_id=entity_id,
                links=suggestion.links,
            )
        )
    return edits


def accepted(document: Document, chosen: Sequence[Suggestion]) -> Document:
    """The document with every one of ``chosen`` made an ordinary mention: the edits of
    :func:`edits_for` (those the review's accept makes) applied in order.

    Raises:
        EditRefused: one of the edits cannot be made (the reason is one sentence).
    """
    edited = document
    for edit in edits_for(document, chosen):
        edited = ed.apply(edited, edit)
    return edited


def _fresh_id(name: str, taken: set[str]) -> str:
    base = ed.slug(name, "entity")
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
