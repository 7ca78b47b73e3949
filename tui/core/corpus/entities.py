"""Corpus entities and events, served from the store (no article file is read).

The grouping of :mod:`tui.core.corpus.identity` is computed here and kept by the store
(:class:`tui.core.corpus.backend.CorpusStore`), recomputed only when the indexed files
changed (the store's generation of its files): each document's entity or event with its
group under links only (``exact``) and under links plus guessed names (``guessed``), and
one row per group and mode with its type, name, links, number of documents and mentions,
and first and last document date, so the entity index opens with one ordered, limited
query however large the corpus.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.corpus.backend import CorpusStore
from tui.core.corpus.identity import ENTITY, EVENT, Member, group_key, group_members
from tui.core.corpus.index.store import NUMBER, TEXT, shaped, stored_aliases
from tui.core.corpus.matching import CONTEXT_CHARS, Hit
from tui.core.text.textsafety import one_line

EXACT = "exact"
GUESSED = "guessed"
SORTS = ("mentions", "documents", "name", "type", "first", "last")
"""Orders the entity index offers."""
FIRST_PAGE = 100
"""Corpus entities the entity index asks for at first; more as the cursor nears the end."""


@dataclass(frozen=True, slots=True)
class CorpusEntity:
    """One corpus entity (or event) as the entity index lists it."""

    key: str
    kind: str
    type: str
    name: str
    links: tuple[tuple[str, str], ...]
    documents: int
    mentions: int
    """Mentions of an entity; tellings (one per document's event) of an event."""
    first_date: str | None
    last_date: str | None
    guessed: bool
    """A name guess joined this group: every view says so."""

    @property
    def links_text(self) -> str:
        """``wikidata:Q1028 geonames:2538475``, or nothing."""
        return " ".join(f"{key}:{value}" for key, value in self.links)


@dataclass(frozen=True, slots=True)
class Appearance:
    """One document a corpus entity appears in."""

    file_id: int
    path: str
    doc_id: str
    title: str
    date_text: str | None
    owner_id: str
    mentions: int


@dataclass(frozen=True, slots=True)
class Telling:
    """One document's telling of a corpus event: document, date and passage."""

    file_id: int
    path: str
    doc_id: str
    title: str
    date_text: str | None
    event_id: str
    passage: str
    start: int
    end: int
    """The passage's span in the article's text."""
    trigger_start: int = 0
    trigger_end: int = 0
    """The event's trigger (the words that tell it), in the article's text."""


def _column(guessed: bool) -> str:
    return GUESSED if guessed else EXACT


def ensure_groups(index: CorpusStore) -> None:
    """Compute the stored grouping if the indexed files changed since it was computed."""
    stamp, computed = index.group_stamps()
    if computed == stamp:
        return
    _rebuild(index, stamp)


def _members(
    links_rows: list[tuple[object, ...]],
    entity_rows: list[tuple[object, ...]],
    event_rows: list[tuple[object, ...]],
    count_rows: list[tuple[object, ...]],
) -> tuple[list[Member], dict[tuple[int, str], int]]:
    # Rows are data from outside: one of another shape raises ValueError, which the
    # index answers by rebuilding itself (CorpusIndex.answer).
    links: dict[tuple[int, str, str], list[tuple[str, str]]] = {}
    for file_id, kind, owner, key, value in shaped(links_rows, (NUMBER, TEXT, TEXT, TEXT, TEXT)):
        links.setdefault((int(str(file_id)), str(kind), str(owner)), []).append(
            (str(key), str(value))
        )
    members: list[Member] = []
    for file_id, owner, kind_type, name, aliases in shaped(
        entity_rows, (NUMBER, TEXT, TEXT, TEXT, TEXT)
    ):
        document = int(str(file_id))
        names = (str(name), *stored_aliases(aliases))
        member_links = tuple(links.get((document, ENTITY, str(owner)), ()))
        members.append(Member(document, str(owner), ENTITY, str(kind_type), names, member_links))
    for file_id, owner, kind_type, summary in shaped(event_rows, (NUMBER, TEXT, TEXT, TEXT)):
        document = int(str(file_id))
        member_links = tuple(links.get((document, EVENT, str(owner)), ()))
        members.append(
            Member(document, str(owner), EVENT, str(kind_type), (str(summary),), member_links)
        )
    counts = {(int(str(f)), str(e)): int(str(n)) for f, e, n in count_rows}
    return members, counts


def entity_members(index: CorpusStore) -> list[Member]:
    """Every indexed document's entities, as identity sees them (names, type, links)."""
    links_rows, entity_rows, _events, count_rows, _dates = index.group_inputs()
    members, _ = _members(links_rows, entity_rows, [], count_rows)
    return members


def _rebuild(index: CorpusStore, stamp: str) -> None:
    links_rows, entity_rows, event_rows, count_rows, date_rows = index.group_inputs()
    members, counts = _members(links_rows, entity_rows, event_rows, count_rows)
    dates = {
        int(str(i)): (None if d is None else str(d), None if e is None else str(e))
        for i, d, e in date_rows
    }
    member_rows: list[list[object]] = [[m.document, m.kind, m.id, "", ""] for m in members]
    exact_rows: dict[str, tuple[object, ...]] = {}
    group_rows: list[tuple[object, ...]] = []
    for mode, column in ((EXACT, 3), (GUESSED, 4)):
        grouping = group_members(members, guess_by_name=mode == GUESSED)
        for group, guessed in zip(grouping.groups, grouping.guessed, strict=True):
            key = group_key(members, group)
            for number in group:
                member_rows[number][column] = key
            if mode == GUESSED and not guessed:
                # A group no guess touched is one of the exact groups: same figures.
                group_rows.append((GUESSED, *exact_rows[key][1:]))
                continue
            row = _group_row(mode, key, [members[n] for n in group], guessed, counts, dates)
            if mode == EXACT:
                exact_rows[key] = row
            group_rows.append(row)
    index.store_groups(member_rows, group_rows, stamp)


def _most_common(values: Sequence[str]) -> str:
    if len(values) == 1:
        return values[0]
    counted = Counter(values)
    return max(values, key=lambda value: counted[value]) if values else ""


def _group_row(
    mode: str,
    key: str,
    group: Sequence[Member],
    guessed: bool,
    counts: dict[tuple[int, str], int],
    dates: dict[int, tuple[str | None, str | None]],
) -> tuple[object, ...]:
    kind = group[0].kind
    if len(group) == 1:
        # Most groups are one document's entity or event: no sets, sorts or counters.
        member = group[0]
        first, last = dates.get(member.document, (None, None))
        return (
            mode,
            key,
            kind,
            member.type,
            member.names[0] if member.names else member.id,
            json.dumps(sorted({(k, v.strip()) for k, v in member.links if v.strip()})),
            1,
            counts.get((member.document, member.id), 0) if kind == ENTITY else 1,
            first,
            last,
            int(guessed),
        )
    documents = {m.document for m in group}
    if kind == ENTITY:
        mentions = sum(counts.get((m.document, m.id), 0) for m in group)
    else:
        mentions = len(group)
    links = sorted({(k, v.strip()) for m in group for k, v in m.links if v.strip()})
    firsts = [d[0] for d in (dates.get(doc, (None, None)) for doc in documents) if d[0]]
    lasts = [d[1] for d in (dates.get(doc, (None, None)) for doc in documents) if d[1]]
    return (
        mode,
        key,
        kind,
        _most_common([m.type for m in group]),
        _most_common([m.names[0] if m.names else m.id for m in group]),
        json.dumps(links),
        len(documents),
        mentions,
        min(firsts) if firsts else None,
        max(lasts) if lasts else None,
        int(guessed),
    )


def _entity(values: Sequence[object]) -> CorpusEntity:
    key, kind, kind_type, name, links, documents, mentions, first, last, guessed = values
    return CorpusEntity(
        key=str(key),
        kind=str(kind),
        type=str(kind_type),
        name=str(name),
        links=tuple((str(k), str(v)) for k, v in json.loads(str(links))),
        documents=int(str(documents)),
        mentions=int(str(mentions)),
        first_date=None if first is None else str(first),
        last_date=None if last is None else str(last),
        guessed=bool(guessed),
    )


def corpus_entities(
    index: CorpusStore,
    *,
    kind: str = ENTITY,
    guessed: bool = False,
    contains: str = "",
    sort: str = "mentions",
    limit: int | None = None,
    offset: int = 0,
) -> list[CorpusEntity]:
    """Corpus entities (or events), filtered by name, type or link, sorted, maybe a page."""
    ensure_groups(index)
    found = index.groups(
        _column(guessed), kind, contains=contains, sort=sort, limit=limit, offset=offset
    )
    return [_entity(row) for row in found]


def count_corpus_entities(
    index: CorpusStore, *, kind: str = ENTITY, guessed: bool = False, contains: str = ""
) -> int:
    """How many corpus entities (or events) there are (that the filter lets through)."""
    ensure_groups(index)
    return index.count_groups(_column(guessed), kind, contains=contains)


def corpus_entity(index: CorpusStore, key: str, *, guessed: bool = False) -> CorpusEntity | None:
    """The corpus entity (or event) of a key."""
    ensure_groups(index)
    return _corpus_entity(index, key, guessed)


def _corpus_entity(index: CorpusStore, key: str, guessed: bool) -> CorpusEntity | None:
    found = index.group(_column(guessed), key)
    return _entity(found) if found is not None else None


def key_of_link(
    index: CorpusStore, link_key: str, value: str, *, kind: str = ENTITY, guessed: bool = False
) -> str | None:
    """The group holding a member linked ``link_key: value``."""
    ensure_groups(index)
    return index.group_of_link(_column(guessed), link_key, value, kind)


def key_of_member(
    index: CorpusStore, path: str, owner_id: str, *, kind: str = ENTITY, guessed: bool = False
) -> str | None:
    """The group of one document's entity or event; ``path`` as the library shows it."""
    ensure_groups(index)
    file_id = file_id_of(index, path)
    if file_id is None:
        return None
    return index.group_of_member(_column(guessed), file_id, owner_id, kind)


def file_id_of(index: CorpusStore, path: str) -> int | None:
    """The file id of an article given relative to the corpus root (one lookup), or as shown."""
    return index.file_id_of(path)


def appearances(index: CorpusStore, key: str, *, guessed: bool = False) -> list[Appearance]:
    """The documents a corpus entity (or event) appears in, by date then file."""
    ensure_groups(index)
    return _appearances(index, key, guessed)


def _appearances(index: CorpusStore, key: str, guessed: bool) -> list[Appearance]:
    rows = index.appearance_rows(_column(guessed), key)
    return [
        Appearance(
            file_id=int(str(file_id)),
            path=index.source.shown(str(path)),
            doc_id=str(doc_id),
            title=str(title),
            date_text=None if date_text is None else str(date_text),
            owner_id=str(owner),
            mentions=int(str(count)) if kind == ENTITY else 1,
        )
        for file_id, path, doc_id, title, date_text, owner, kind, count in rows
    ]


def _mention_hits(
    index: CorpusStore, appearance: Appearance, spans: list[tuple[int, int]], owner: str
) -> list[Hit]:
    """The mentions of one document's member as hits, from one read of its text."""
    found = index.document_text(appearance.file_id)
    if found is None:
        return []
    path, doc_id, title, text_path, date_text, text_value = found
    text = str(text_value)
    shown_path = index.source.shown(str(path))
    shown_text = index.source.shown(str(text_path))
    date = None if date_text is None else str(date_text)
    hits = []
    # Lines are counted once for the document, moving forward with the mentions.
    line, line_start, counted_to = 1, 0, 0
    for start, end in spans:
        line += text.count("\n", counted_to, start)
        counted_to = start
        line_start = text.rfind("\n", 0, start) + 1
        hits.append(
            Hit(
                path=shown_path,
                text_path=shown_text,
                doc_id=str(doc_id),
                title=str(title),
                date_text=date,
                start=start,
                end=end,
                line=line,
                column=start - line_start + 1,
                left=one_line(text[max(0, start - CONTEXT_CHARS) : start]),
                match=one_line(text[start:end]),
                right=one_line(text[end : end + CONTEXT_CHARS]),
                owner=owner,
                in_mention=True,
            )
        )
    return hits


def mentions_of(
    index: CorpusStore, key: str, *, guessed: bool = False, limit: int | None = None
) -> list[Hit]:
    """Every mention of a corpus entity, as keyword-in-context hits grouped by document."""
    ensure_groups(index)
    entity = _corpus_entity(index, key, guessed)
    owner = one_line(f"{entity.name} ({entity.type})") if entity is not None else ""
    hits: list[Hit] = []
    # Every span in one query, then one read of each document's text.
    spans: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for file_id, owner_id, start, end in index.mention_spans(_column(guessed), key):
        spans.setdefault((int(str(file_id)), str(owner_id)), []).append(
            (int(str(start)), int(str(end)))
        )
    for appearance in _appearances(index, key, guessed):
        found = spans.get((appearance.file_id, appearance.owner_id), [])
        hits.extend(_mention_hits(index, appearance, found, owner))
        if limit is not None and len(hits) >= limit:
            return hits[:limit]
    return hits


def cooccurring(
    index: CorpusStore, key: str, *, guessed: bool = False, limit: int = 20
) -> list[tuple[CorpusEntity, int]]:
    """Corpus entities mentioned in the same sentences, with how many sentences they share.

    Counted by sentence, not by document: two names in one long report are not
    thereby associated.
    """
    ensure_groups(index)
    rows = index.cooccurring_rows(_column(guessed), key, limit)
    found = []
    for other, shared in rows:
        entity = _corpus_entity(index, str(other), guessed)
        if entity is not None:
            found.append((entity, int(str(shared))))
    return found


def tellings(index: CorpusStore, key: str, *, guessed: bool = False) -> list[Telling]:
    """Each document's telling of a corpus event: document, date (event's, else the
    document's) and passage, by date."""
    ensure_groups(index)
    rows = index.telling_rows(_column(guessed), key)
    return [
        Telling(
            file_id=int(str(file_id)),
            path=index.source.shown(str(path)),
            doc_id=str(doc_id),
            title=str(title),
            date_text=None if date is None else str(date),
            event_id=str(event_id),
            passage=str(text)[int(str(start)) : int(str(end))],
            start=int(str(start)),
            end=int(str(end)),
            trigger_start=int(str(trigger_start)),
            trigger_end=int(str(trigger_end)),
        )
        for (
            file_id,
            path,
            doc_id,
            title,
            date,
            event_id,
            start,
            end,
            text,
            trigger_start,
            trigger_end,
        ) in rows
    ]
