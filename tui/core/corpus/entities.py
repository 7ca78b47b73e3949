"""Corpus entities and events, served from the index (no article file is read).

The grouping of :mod:`tui.core.corpus.identity` is stored in two derived tables of the
index, recomputed only when the indexed files changed (their count and indexing stamps):

- ``corpus_members``: each document's entity or event, with its group under links only
  (``exact``) and under links plus guessed names (``guessed``);
- ``corpus_groups``: one row per group and mode, with its type, name, links, number of
  documents and mentions, and first and last document date, so the entity index opens
  with one ordered, limited query however large the corpus.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.corpus.identity import ENTITY, EVENT, Member, group_key, group_members
from tui.core.corpus.index import CorpusIndex
from tui.core.corpus.index.store import NUMBER, TEXT, shaped, stored_aliases
from tui.core.corpus.matching import CONTEXT_CHARS, Hit
from tui.core.corpus.records import KIND_GLOSS
from tui.core.text.textsafety import one_line

EXACT = "exact"
GUESSED = "guessed"
SORTS = ("mentions", "documents", "name", "type", "first", "last")
"""Orders the entity index offers."""
FIRST_PAGE = 100
"""Corpus entities the entity index asks for at first; more as the cursor nears the end."""

_TABLES = (
    """
CREATE TABLE IF NOT EXISTS corpus_members (
    file_id INTEGER NOT NULL, kind TEXT NOT NULL, owner_id TEXT NOT NULL,
    exact TEXT NOT NULL, guessed TEXT NOT NULL
)
    """,
    """
CREATE INDEX IF NOT EXISTS corpus_members_exact ON corpus_members(exact)
    """,
    """
CREATE INDEX IF NOT EXISTS corpus_members_guessed ON corpus_members(guessed)
    """,
    """
CREATE INDEX IF NOT EXISTS corpus_members_owner ON corpus_members(file_id, owner_id)
    """,
    """
CREATE TABLE IF NOT EXISTS corpus_groups (
    mode TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, type TEXT NOT NULL,
    name TEXT NOT NULL, links TEXT NOT NULL, documents INTEGER NOT NULL,
    mentions INTEGER NOT NULL, first_date TEXT, last_date TEXT, guessed INTEGER NOT NULL,
    PRIMARY KEY (mode, key)
)
    """,
    """
CREATE INDEX IF NOT EXISTS corpus_groups_mentions ON corpus_groups(mode, kind, mentions DESC)
    """,
    """
CREATE INDEX IF NOT EXISTS mentions_sentence ON mentions(file_id, sentence)
    """,
    """
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(file_id, entity_id)
    """,
    """
INSERT OR IGNORE INTO meta VALUES ('files_generation', '0')
    """,
    """
CREATE TRIGGER IF NOT EXISTS files_added AFTER INSERT ON files BEGIN
    UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'files_generation';
END
    """,
    """
CREATE TRIGGER IF NOT EXISTS files_removed AFTER DELETE ON files BEGIN
    UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'files_generation';
END
    """,
)
"""The derived tables, their indexes, and triggers that count every file added or removed
(so a change is seen with one lookup at any corpus size)."""


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


def _column(guessed: bool) -> str:
    return GUESSED if guessed else EXACT


def _stamp(index: CorpusIndex) -> str:
    found = index.read_rows("SELECT value FROM meta WHERE key = 'files_generation'")
    return str(found[0][0]) if found else ""


def ensure_groups(index: CorpusIndex) -> None:
    """Compute the stored grouping if the indexed files changed since it was computed."""
    with index.writing() as connection:
        # Made once per database (an index that fell back to memory is a new one).
        made = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corpus_groups'"
        ).fetchone()
        if made is None:
            for statement in _TABLES:
                connection.execute(statement)
        found = connection.execute("SELECT value FROM meta WHERE key = 'corpus_groups'").fetchone()
    stamp = _stamp(index)
    if found is not None and found[0] == stamp:
        return
    _rebuild(index, stamp)


def _members(index: CorpusIndex) -> tuple[list[Member], dict[tuple[int, str], int]]:
    # Rows are data from outside: one of another shape raises ValueError, which the
    # index answers by rebuilding itself (CorpusIndex.answer).
    links: dict[tuple[int, str, str], list[tuple[str, str]]] = {}
    for file_id, kind, owner, key, value in shaped(
        index.read_rows(
            "SELECT file_id, owner_kind, owner_id, key, value FROM links ORDER BY rowid"
        ),
        (NUMBER, TEXT, TEXT, TEXT, TEXT),
    ):
        links.setdefault((int(str(file_id)), str(kind), str(owner)), []).append(
            (str(key), str(value))
        )
    members: list[Member] = []
    for file_id, owner, kind_type, name, aliases in shaped(
        index.read_rows(
            "SELECT file_id, entity_id, type, name, aliases FROM entities ORDER BY file_id, rowid"
        ),
        (NUMBER, TEXT, TEXT, TEXT, TEXT),
    ):
        document = int(str(file_id))
        names = (str(name), *stored_aliases(aliases))
        member_links = tuple(links.get((document, ENTITY, str(owner)), ()))
        members.append(Member(document, str(owner), ENTITY, str(kind_type), names, member_links))
    for file_id, owner, kind_type, summary in shaped(
        index.read_rows(
            "SELECT file_id, event_id, type, summary FROM events ORDER BY file_id, rowid"
        ),
        (NUMBER, TEXT, TEXT, TEXT),
    ):
        document = int(str(file_id))
        member_links = tuple(links.get((document, EVENT, str(owner)), ()))
        members.append(
            Member(document, str(owner), EVENT, str(kind_type), (str(summary),), member_links)
        )
    counts = {
        (int(str(f)), str(e)): int(str(n))
        for f, e, n in index.read_rows(
            "SELECT file_id, entity_id, count(*) FROM mentions GROUP BY file_id, entity_id"
        )
    }
    return members, counts


def _rebuild(index: CorpusIndex, stamp: str) -> None:
    members, counts = _members(index)
    dates = {
        int(str(i)): (None if d is None else str(d), None if e is None else str(e))
        for i, d, e in index.read_rows(
            "SELECT id, date_first, date_last FROM files WHERE kind = ?", (KIND_GLOSS,)
        )
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
    with index.writing() as connection:
        connection.execute("DELETE FROM corpus_members")
        connection.execute("DELETE FROM corpus_groups")
        connection.executemany("INSERT INTO corpus_members VALUES (?,?,?,?,?)", member_rows)
        connection.executemany(
            "INSERT INTO corpus_groups VALUES (?,?,?,?,?,?,?,?,?,?,?)", group_rows
        )
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('corpus_groups', ?)", (stamp,))


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


_GROUP_COLUMNS = "key, kind, type, name, links, documents, mentions, first_date, last_date, guessed"
_ORDER = {
    "mentions": "mentions DESC, documents DESC, name COLLATE NOCASE",
    "documents": "documents DESC, mentions DESC, name COLLATE NOCASE",
    "name": "name COLLATE NOCASE, key",
    "type": "type COLLATE NOCASE, mentions DESC, name COLLATE NOCASE",
    "first": "first_date IS NULL, first_date, name COLLATE NOCASE",
    "last": "last_date IS NULL, last_date DESC, name COLLATE NOCASE",
}


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


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(kind: str, guessed: bool, contains: str) -> tuple[str, list[object]]:
    sql = " FROM corpus_groups WHERE mode = ? AND kind = ?"
    values: list[object] = [_column(guessed), kind]
    if contains.strip():
        sql += (
            " AND (name LIKE ? ESCAPE '\\' OR type LIKE ? ESCAPE '\\' OR links LIKE ? ESCAPE '\\')"
        )
        pattern = _like(contains.strip())
        values += [pattern, pattern, pattern]
    return sql, values


def corpus_entities(
    index: CorpusIndex,
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
    where, values = _filtered(kind, guessed, contains)
    sql = f"SELECT {_GROUP_COLUMNS}{where} ORDER BY {_ORDER.get(sort, _ORDER['mentions'])}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        values += [limit, offset]
    return [_entity(row) for row in index.read_rows(sql, tuple(values))]


def count_corpus_entities(
    index: CorpusIndex, *, kind: str = ENTITY, guessed: bool = False, contains: str = ""
) -> int:
    """How many corpus entities (or events) there are (that the filter lets through)."""
    ensure_groups(index)
    where, values = _filtered(kind, guessed, contains)
    found = index.read_rows(f"SELECT count(*){where}", tuple(values))
    return int(str(found[0][0])) if found else 0


def corpus_entity(index: CorpusIndex, key: str, *, guessed: bool = False) -> CorpusEntity | None:
    """The corpus entity (or event) of a key."""
    ensure_groups(index)
    return _corpus_entity(index, key, guessed)


def _corpus_entity(index: CorpusIndex, key: str, guessed: bool) -> CorpusEntity | None:
    found = index.read_rows(
        f"SELECT {_GROUP_COLUMNS} FROM corpus_groups WHERE mode = ? AND key = ?",
        (_column(guessed), key),
    )
    return _entity(found[0]) if found else None


def key_of_link(
    index: CorpusIndex, link_key: str, value: str, *, kind: str = ENTITY, guessed: bool = False
) -> str | None:
    """The group holding a member linked ``link_key: value``."""
    ensure_groups(index)
    column = _column(guessed)
    found = index.read_rows(
        f"SELECT c.{column} FROM links l JOIN corpus_members c ON c.file_id = l.file_id"
        " AND c.owner_id = l.owner_id AND c.kind = l.owner_kind"
        " WHERE l.key = ? AND trim(l.value) = ? AND l.owner_kind = ? LIMIT 1",
        (link_key, value.strip(), kind),
    )
    return str(found[0][0]) if found else None


def key_of_member(
    index: CorpusIndex, path: str, owner_id: str, *, kind: str = ENTITY, guessed: bool = False
) -> str | None:
    """The group of one document's entity or event; ``path`` as the library shows it."""
    ensure_groups(index)
    file_id = file_id_of(index, path)
    if file_id is None:
        return None
    found = index.read_rows(
        f"SELECT {_column(guessed)} FROM corpus_members"
        " WHERE file_id = ? AND owner_id = ? AND kind = ?",
        (file_id, owner_id, kind),
    )
    return str(found[0][0]) if found else None


def file_id_of(index: CorpusIndex, path: str) -> int | None:
    """The file id of an article given relative to the corpus root (one lookup), or as shown."""
    found = index.read_rows("SELECT id FROM files WHERE path = ?", (path,))
    if found:
        return int(str(found[0][0]))
    for file_id, stored in index.read_rows("SELECT id, path FROM files"):
        if path in (stored, index.source.shown(str(stored))):
            return int(str(file_id))
    return None


def appearances(index: CorpusIndex, key: str, *, guessed: bool = False) -> list[Appearance]:
    """The documents a corpus entity (or event) appears in, by date then file."""
    ensure_groups(index)
    return _appearances(index, key, guessed)


def _appearances(index: CorpusIndex, key: str, guessed: bool) -> list[Appearance]:
    rows = index.read_rows(
        "SELECT f.id, f.path, f.doc_id, f.title, f.date_text, c.owner_id, c.kind,"
        " (SELECT count(*) FROM mentions m WHERE m.file_id = c.file_id"
        "  AND m.entity_id = c.owner_id)"
        f" FROM corpus_members c JOIN files f ON f.id = c.file_id WHERE c.{_column(guessed)} = ?"
        " ORDER BY f.date_first IS NULL, f.date_first, f.path",
        (key,),
    )
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
    index: CorpusIndex, appearance: Appearance, spans: list[tuple[int, int]], owner: str
) -> list[Hit]:
    """The mentions of one document's member as hits, from one read of its text."""
    found = index.read_rows(
        "SELECT f.path, f.doc_id, f.title, f.text_path, f.date_text, t.text"
        " FROM files f JOIN texts t ON t.rowid = f.id WHERE f.id = ?",
        (appearance.file_id,),
    )
    if not found:
        return []
    path, doc_id, title, text_path, date_text, text_value = found[0]
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
    index: CorpusIndex, key: str, *, guessed: bool = False, limit: int | None = None
) -> list[Hit]:
    """Every mention of a corpus entity, as keyword-in-context hits grouped by document."""
    ensure_groups(index)
    entity = _corpus_entity(index, key, guessed)
    owner = one_line(f"{entity.name} ({entity.type})") if entity is not None else ""
    hits: list[Hit] = []
    # Every span in one query, then one read of each document's text.
    spans: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for file_id, owner_id, start, end in index.read_rows(
        'SELECT m.file_id, m.entity_id, m.start, m."end" FROM corpus_members c'
        " JOIN mentions m ON m.file_id = c.file_id AND m.entity_id = c.owner_id"
        f" WHERE c.kind = 'entity' AND c.{_column(guessed)} = ? ORDER BY m.start, m.rowid",
        (key,),
    ):
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
    index: CorpusIndex, key: str, *, guessed: bool = False, limit: int = 20
) -> list[tuple[CorpusEntity, int]]:
    """Corpus entities mentioned in the same sentences, with how many sentences they share.

    Counted by sentence, not by document: two names in one long report are not
    thereby associated.
    """
    ensure_groups(index)
    column = _column(guessed)
    rows = index.read_rows(
        "WITH mine AS (SELECT DISTINCT m.file_id, m.sentence FROM mentions m"
        " JOIN corpus_members c ON c.file_id = m.file_id AND c.owner_id = m.entity_id"
        f" AND c.kind = 'entity' WHERE c.{column} = ?)"
        f" SELECT c.{column}, count(DISTINCT m.file_id || ':' || m.sentence) AS shared"
        " FROM mine JOIN mentions m ON m.file_id = mine.file_id AND m.sentence = mine.sentence"
        " JOIN corpus_members c ON c.file_id = m.file_id AND c.owner_id = m.entity_id"
        f" AND c.kind = 'entity' WHERE c.{column} != ?"
        f" GROUP BY c.{column} ORDER BY shared DESC, c.{column} LIMIT ?",
        (key, key, limit),
    )
    found = []
    for other, shared in rows:
        entity = _corpus_entity(index, str(other), guessed)
        if entity is not None:
            found.append((entity, int(str(shared))))
    return found


def tellings(index: CorpusIndex, key: str, *, guessed: bool = False) -> list[Telling]:
    """Each document's telling of a corpus event: document, date (event's, else the
    document's) and passage, by date."""
    ensure_groups(index)
    rows = index.read_rows(
        "SELECT f.id, f.path, f.doc_id, f.title, coalesce(e.date_text, f.date_text),"
        " e.event_id, e.passage_start, e.passage_end, t.text"
        " FROM corpus_members c JOIN files f ON f.id = c.file_id"
        " JOIN events e ON e.file_id = c.file_id AND e.event_id = c.owner_id"
        " JOIN texts t ON t.rowid = f.id"
        f" WHERE c.kind = 'event' AND c.{_column(guessed)} = ?"
        " ORDER BY coalesce(e.date_first, f.date_first) IS NULL,"
        " coalesce(e.date_first, f.date_first), f.path",
        (key,),
    )
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
        )
        for file_id, path, doc_id, title, date, event_id, start, end, text in rows
    ]
