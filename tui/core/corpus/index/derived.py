"""The embedded index's answers to the entity index and the statistics: their SQL.

The grouping of :mod:`tui.core.corpus.identity` is stored in two derived tables,
recomputed (by :mod:`tui.core.corpus.entities`) only when the indexed files changed:

- ``corpus_members``: each document's entity or event, with its group under links only
  (``exact``) and under links plus guessed names (``guessed``);
- ``corpus_groups``: one row per group and mode, with its type, name, links, number of
  documents and mentions, and first and last document date, so the entity index opens
  with one ordered, limited query however large the corpus.

Rows come back as plain tuples: the caller checks and decodes them (they are data from
outside, see :func:`tui.core.corpus.index.store.shaped`).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence

from tui.core.corpus.records import KIND_GLOSS

Rows = list[tuple[object, ...]]

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

_GROUP_COLUMNS = "key, kind, type, name, links, documents, mentions, first_date, last_date, guessed"
_ORDER = {
    "mentions": "mentions DESC, documents DESC, name COLLATE NOCASE",
    "documents": "documents DESC, mentions DESC, name COLLATE NOCASE",
    "name": "name COLLATE NOCASE, key",
    "type": "type COLLATE NOCASE, mentions DESC, name COLLATE NOCASE",
    "first": "first_date IS NULL, first_date, name COLLATE NOCASE",
    "last": "last_date IS NULL, last_date DESC, name COLLATE NOCASE",
}
_MODES = ("exact", "guessed")


def member_column(mode: str) -> str:
    """The member column of a mode: only the two names gloss uses reach the SQL (both
    indexes name it so)."""
    if mode not in _MODES:
        raise ValueError(mode)
    return mode


def like_pattern(text: str) -> str:
    """``text`` as a LIKE pattern that matches it anywhere, its wildcards escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(mode: str, kind: str, contains: str) -> tuple[str, list[object]]:
    sql = " FROM corpus_groups WHERE mode = ? AND kind = ?"
    values: list[object] = [member_column(mode), kind]
    if contains.strip():
        sql += (
            " AND (name LIKE ? ESCAPE '\\' OR type LIKE ? ESCAPE '\\' OR links LIKE ? ESCAPE '\\')"
        )
        pattern = like_pattern(contains.strip())
        values += [pattern, pattern, pattern]
    return sql, values


class DerivedQueries:
    """The entity index's and the statistics' questions, as SQL on :meth:`read_rows`."""

    def read_rows(self, sql: str, values: tuple[object, ...] = ()) -> Rows:
        """Run a read-only query (provided by the index)."""
        raise NotImplementedError

    def writing(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """The connection inside one transaction (provided by the index)."""
        raise NotImplementedError

    def shown_path(self, stored: str) -> str:
        """A stored path as shown (provided by the index)."""
        raise NotImplementedError

    # -- the grouping --------------------------------------------------------------------

    def group_stamps(self) -> tuple[str, str | None]:
        """The files' generation now, and the one the stored grouping was computed at."""
        with self.writing() as connection:
            # Made once per database (an index that fell back to memory is a new one).
            made = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corpus_groups'"
            ).fetchone()
            if made is None:
                for statement in _TABLES:
                    connection.execute(statement)
            found = connection.execute(
                "SELECT value FROM meta WHERE key = 'corpus_groups'"
            ).fetchone()
        generation = self.read_rows("SELECT value FROM meta WHERE key = 'files_generation'")
        return (
            str(generation[0][0]) if generation else "",
            None if found is None else str(found[0]),
        )

    def group_inputs(self) -> tuple[Rows, Rows, Rows, Rows, Rows]:
        """Links, entities, events, mention counts and dates, as grouping reads them."""
        return (
            self.read_rows(
                "SELECT file_id, owner_kind, owner_id, key, value FROM links ORDER BY rowid"
            ),
            self.read_rows(
                "SELECT file_id, entity_id, type, name, aliases FROM entities"
                " ORDER BY file_id, rowid"
            ),
            self.read_rows(
                "SELECT file_id, event_id, type, summary FROM events ORDER BY file_id, rowid"
            ),
            self.read_rows(
                "SELECT file_id, entity_id, count(*) FROM mentions GROUP BY file_id, entity_id"
            ),
            self.read_rows(
                "SELECT id, date_first, date_last FROM files WHERE kind = ?", (KIND_GLOSS,)
            ),
        )

    def store_groups(
        self,
        members: Sequence[Sequence[object]],
        groups: Sequence[Sequence[object]],
        stamp: str,
    ) -> None:
        """Replace the stored grouping, computed at ``stamp``."""
        with self.writing() as connection:
            connection.execute("DELETE FROM corpus_members")
            connection.execute("DELETE FROM corpus_groups")
            connection.executemany("INSERT INTO corpus_members VALUES (?,?,?,?,?)", members)
            connection.executemany(
                "INSERT INTO corpus_groups VALUES (?,?,?,?,?,?,?,?,?,?,?)", groups
            )
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('corpus_groups', ?)", (stamp,))

    # -- the groups ----------------------------------------------------------------------

    def groups(
        self,
        mode: str,
        kind: str,
        *,
        contains: str = "",
        sort: str = "mentions",
        limit: int | None = None,
        offset: int = 0,
    ) -> Rows:
        """Groups (key, kind, type, name, links, documents, mentions, first, last, guessed)."""
        where, values = _filtered(mode, kind, contains)
        sql = f"SELECT {_GROUP_COLUMNS}{where} ORDER BY {_ORDER.get(sort, _ORDER['mentions'])}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            values += [limit, offset]
        return self.read_rows(sql, tuple(values))

    def count_groups(self, mode: str, kind: str, *, contains: str = "") -> int:
        """How many groups the filter lets through."""
        where, values = _filtered(mode, kind, contains)
        found = self.read_rows(f"SELECT count(*){where}", tuple(values))
        return int(str(found[0][0])) if found else 0

    def group(self, mode: str, key: str) -> tuple[object, ...] | None:
        """One group's row, as :meth:`groups` gives them."""
        found = self.read_rows(
            f"SELECT {_GROUP_COLUMNS} FROM corpus_groups WHERE mode = ? AND key = ?",
            (member_column(mode), key),
        )
        return found[0] if found else None

    def group_of_link(self, mode: str, link_key: str, value: str, kind: str) -> str | None:
        """The group holding a member linked ``link_key: value``."""
        column = member_column(mode)
        found = self.read_rows(
            f"SELECT c.{column} FROM links l JOIN corpus_members c ON c.file_id = l.file_id"
            " AND c.owner_id = l.owner_id AND c.kind = l.owner_kind"
            " WHERE l.key = ? AND trim(l.value) = ? AND l.owner_kind = ? LIMIT 1",
            (link_key, value.strip(), kind),
        )
        return str(found[0][0]) if found else None

    def group_of_member(self, mode: str, file_id: int, owner_id: str, kind: str) -> str | None:
        """The group of one document's entity or event."""
        found = self.read_rows(
            f"SELECT {member_column(mode)} FROM corpus_members"
            " WHERE file_id = ? AND owner_id = ? AND kind = ?",
            (file_id, owner_id, kind),
        )
        return str(found[0][0]) if found else None

    def file_id_of(self, path: str) -> int | None:
        """The file id of an article given relative to the corpus root (one lookup), or as
        shown."""
        found = self.read_rows("SELECT id FROM files WHERE path = ?", (path,))
        if found:
            return int(str(found[0][0]))
        for file_id, stored in self.read_rows("SELECT id, path FROM files"):
            if path in (stored, self.shown_path(str(stored))):
                return int(str(file_id))
        return None

    def appearance_rows(self, mode: str, key: str) -> Rows:
        """(file id, path, doc id, title, date text, owner, kind, mentions) by date, path."""
        return self.read_rows(
            "SELECT f.id, f.path, f.doc_id, f.title, f.date_text, c.owner_id, c.kind,"
            " (SELECT count(*) FROM mentions m WHERE m.file_id = c.file_id"
            "  AND m.entity_id = c.owner_id)"
            " FROM corpus_members c JOIN files f ON f.id = c.file_id"
            f" WHERE c.{member_column(mode)} = ?"
            " ORDER BY f.date_first IS NULL, f.date_first, f.path",
            (key,),
        )

    def document_text(self, file_id: int) -> tuple[object, ...] | None:
        """(path, doc id, title, text path, date text, text) of one indexed article."""
        found = self.read_rows(
            "SELECT f.path, f.doc_id, f.title, f.text_path, f.date_text, t.text"
            " FROM files f JOIN texts t ON t.rowid = f.id WHERE f.id = ?",
            (file_id,),
        )
        return found[0] if found else None

    def mention_spans(self, mode: str, key: str) -> Rows:
        """(file id, entity id, start, end) of every mention of a group's members."""
        return self.read_rows(
            'SELECT m.file_id, m.entity_id, m.start, m."end" FROM corpus_members c'
            " JOIN mentions m ON m.file_id = c.file_id AND m.entity_id = c.owner_id"
            f" WHERE c.kind = 'entity' AND c.{member_column(mode)} = ? ORDER BY m.start, m.rowid",
            (key,),
        )

    def cooccurring_rows(self, mode: str, key: str, limit: int) -> Rows:
        """(other group, sentences shared) for the groups mentioned in a group's sentences."""
        column = member_column(mode)
        return self.read_rows(
            "WITH mine AS (SELECT DISTINCT m.file_id, m.sentence FROM mentions m"
            " JOIN corpus_members c ON c.file_id = m.file_id AND c.owner_id = m.entity_id"
            f" AND c.kind = 'entity' WHERE c.{column} = ?)"
            f" SELECT c.{column}, count(DISTINCT m.file_id || ':' || m.sentence) AS shared"
            " FROM mine JOIN mentions m ON m.file_id = mine.file_id"
            " AND m.sentence = mine.sentence"
            " JOIN corpus_members c ON c.file_id = m.file_id AND c.owner_id = m.entity_id"
            f" AND c.kind = 'entity' WHERE c.{column} != ?"
            f" GROUP BY c.{column} ORDER BY shared DESC, c.{column} LIMIT ?",
            (key, key, limit),
        )

    def telling_rows(self, mode: str, key: str) -> Rows:
        """(file id, path, doc id, title, date, event id, passage start, end, text,
        trigger start, end)."""
        return self.read_rows(
            "SELECT f.id, f.path, f.doc_id, f.title, coalesce(e.date_text, f.date_text),"
            " e.event_id, e.passage_start, e.passage_end, t.text, e.trigger_start, e.trigger_end"
            " FROM corpus_members c JOIN files f ON f.id = c.file_id"
            " JOIN events e ON e.file_id = c.file_id AND e.event_id = c.owner_id"
            " JOIN texts t ON t.rowid = f.id"
            f" WHERE c.kind = 'event' AND c.{member_column(mode)} = ?"
            " ORDER BY coalesce(e.date_first, f.date_first) IS NULL,"
            " coalesce(e.date_first, f.date_first), f.path",
            (key,),
        )

    # -- statistics ----------------------------------------------------------------------

    def known_types(self) -> tuple[list[str], list[str]]:
        """The entity types and the event types the corpus's articles use, sorted."""
        rows = self.read_rows(
            "SELECT DISTINCT 'entity', type FROM entities"
            " UNION SELECT DISTINCT 'event', type FROM events"
        )
        return types_of(rows)

    def events_per_month(self) -> Rows:
        """(``YYYY-MM``, events) for every month with dated events, in order."""
        return self.read_rows(
            "SELECT substr(date_first, 1, 7), count(*) FROM events"
            " WHERE date_first IS NOT NULL GROUP BY 1 ORDER BY 1"
        )

    def top_entities(self, top: int) -> Rows:
        """(name, type, documents, mentions) of the entities in most documents."""
        return self.read_rows(
            "SELECT e.name, e.type, count(DISTINCT e.file_id), sum(coalesce(m.n, 0))"
            " FROM entities e LEFT JOIN (SELECT file_id, entity_id, count(*) AS n FROM mentions"
            " GROUP BY file_id, entity_id) m ON m.file_id = e.file_id"
            " AND m.entity_id = e.entity_id"
            " GROUP BY e.name, e.type ORDER BY 3 DESC, 4 DESC, e.name LIMIT ?",
            (top,),
        )


def types_of(rows: Rows) -> tuple[list[str], list[str]]:
    """(entity types, event types) from rows of (kind, type), checked and sorted."""
    found: dict[str, set[str]] = {"entity": set(), "event": set()}
    for kind, name in rows:
        if isinstance(name, str) and kind in found:
            found[str(kind)].add(name)
    return sorted(found["entity"]), sorted(found["event"])
