"""The shared database's answers to the entity index and the statistics: their SQL.

The same questions as the embedded index's (:mod:`tui.core.corpus.index.derived`), for
one corpus of the database; orders tell ties apart the way the embedded index's do
(case folded as SQLite's ``NOCASE``, then the order rows were written in).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tui.core.corpus.index.derived import like_pattern, member_column, types_of
from tui.core.corpus.records import KIND_GLOSS

if TYPE_CHECKING:
    import psycopg

Rows = list[tuple[object, ...]]

_GROUP_COLUMNS = "key, kind, type, name, links, documents, mentions, first_date, last_date, guessed"
_ORDER = {
    "mentions": "mentions DESC, documents DESC, gloss.nocase(name), seq",
    "documents": "documents DESC, mentions DESC, gloss.nocase(name), seq",
    "name": "gloss.nocase(name), key",
    "type": "gloss.nocase(type), mentions DESC, gloss.nocase(name), seq",
    "first": "first_date IS NULL, first_date, gloss.nocase(name), seq",
    "last": "last_date IS NULL, last_date DESC, gloss.nocase(name), seq",
}
_MEMBERS_OF_CORPUS = "SELECT id FROM gloss.files WHERE corpus = %(corpus)s"


def _filtered(corpus: int, mode: str, kind: str, contains: str) -> tuple[str, dict[str, object]]:
    sql = " FROM gloss.groups WHERE corpus = %(corpus)s AND mode = %(mode)s AND kind = %(kind)s"
    values: dict[str, object] = {"corpus": corpus, "mode": member_column(mode), "kind": kind}
    if contains.strip():
        # As SQLite's LIKE: ASCII letters in any case, other characters as they are.
        sql += (
            " AND (gloss.nocase(name) LIKE gloss.nocase(%(like)s)"
            " OR gloss.nocase(type) LIKE gloss.nocase(%(like)s)"
            " OR gloss.nocase(links) LIKE gloss.nocase(%(like)s))"
        )
        values["like"] = like_pattern(contains.strip())
    return sql, values


class PostgresDerived:
    """The entity index's and the statistics' questions, as SQL on :meth:`_read`."""

    corpus: int

    def _read(self, sql: str, values: dict[str, object] | None = None) -> Rows:
        """Run a read-only query (provided by the index)."""
        raise NotImplementedError

    def _write(self, work: Any) -> None:
        """Run ``work(connection)`` in one transaction (provided by the index)."""
        raise NotImplementedError

    def shown_path(self, stored: str) -> str:
        """A stored path as shown (provided by the index)."""
        raise NotImplementedError

    def _values(self, **values: object) -> dict[str, object]:
        return {"corpus": self.corpus, **values}

    # -- the grouping --------------------------------------------------------------------

    def group_stamps(self) -> tuple[str, str | None]:
        """The files' generation now, and the one the stored grouping was computed at."""
        found = self._read(
            "SELECT c.generation, s.stamp FROM gloss.corpora c"
            " LEFT JOIN gloss.group_stamps s ON s.corpus = c.id WHERE c.id = %(corpus)s",
            self._values(),
        )
        if not found:
            return "", None
        generation, stamp = found[0]
        return str(generation), None if stamp is None else str(stamp)

    def group_inputs(self) -> tuple[Rows, Rows, Rows, Rows, Rows]:
        """Links, entities, events, mention counts and dates, as grouping reads them."""
        values = self._values()
        return (
            self._read(
                "SELECT file_id, owner_kind, owner_id, key, value FROM gloss.links"
                f" WHERE file_id IN ({_MEMBERS_OF_CORPUS}) ORDER BY id",
                values,
            ),
            self._read(
                "SELECT file_id, entity_id, type, name, aliases FROM gloss.entities"
                f" WHERE file_id IN ({_MEMBERS_OF_CORPUS}) ORDER BY file_id, id",
                values,
            ),
            self._read(
                "SELECT file_id, event_id, type, summary FROM gloss.events"
                f" WHERE file_id IN ({_MEMBERS_OF_CORPUS}) ORDER BY file_id, id",
                values,
            ),
            self._read(
                "SELECT file_id, entity_id, count(*) FROM gloss.mentions"
                f" WHERE file_id IN ({_MEMBERS_OF_CORPUS}) GROUP BY file_id, entity_id",
                values,
            ),
            self._read(
                "SELECT id, date_first, date_last FROM gloss.files"
                " WHERE corpus = %(corpus)s AND kind = %(kind)s",
                self._values(kind=KIND_GLOSS),
            ),
        )

    def store_groups(
        self,
        members: Sequence[Sequence[object]],
        groups: Sequence[Sequence[object]],
        stamp: str,
    ) -> None:
        """Replace the stored grouping, computed at ``stamp`` (one transaction; two gloss
        storing one corpus's grouping take turns)."""
        corpus = self.corpus

        def work(connection: psycopg.Connection[tuple[Any, ...]]) -> None:
            connection.execute("SELECT pg_advisory_xact_lock(%s, 0)", (-corpus,))
            connection.execute("DELETE FROM gloss.members WHERE corpus = %s", (corpus,))
            connection.execute("DELETE FROM gloss.groups WHERE corpus = %s", (corpus,))
            with connection.cursor() as cursor:
                with cursor.copy(
                    "COPY gloss.members (corpus, file_id, kind, owner_id, exact, guessed)"
                    " FROM STDIN"
                ) as copy:
                    for member in members:
                        copy.write_row((corpus, *member))
                with cursor.copy(
                    "COPY gloss.groups (corpus, mode, key, kind, type, name, links, documents,"
                    " mentions, first_date, last_date, guessed, seq) FROM STDIN"
                ) as copy:
                    for seq, group in enumerate(groups):
                        copy.write_row((corpus, *group, seq))
            connection.execute(
                "INSERT INTO gloss.group_stamps VALUES (%s, %s)"
                " ON CONFLICT (corpus) DO UPDATE SET stamp = excluded.stamp",
                (corpus, stamp),
            )

        self._write(work)

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
        where, values = _filtered(self.corpus, mode, kind, contains)
        sql = f"SELECT {_GROUP_COLUMNS}{where} ORDER BY {_ORDER.get(sort, _ORDER['mentions'])}"
        if limit is not None:
            sql += " LIMIT %(limit)s OFFSET %(offset)s"
            values.update(limit=limit, offset=offset)
        return self._read(sql, values)

    def count_groups(self, mode: str, kind: str, *, contains: str = "") -> int:
        """How many groups the filter lets through."""
        where, values = _filtered(self.corpus, mode, kind, contains)
        found = self._read(f"SELECT count(*){where}", values)
        return int(str(found[0][0])) if found else 0

    def group(self, mode: str, key: str) -> tuple[object, ...] | None:
        """One group's row, as :meth:`groups` gives them."""
        found = self._read(
            f"SELECT {_GROUP_COLUMNS} FROM gloss.groups"
            " WHERE corpus = %(corpus)s AND mode = %(mode)s AND key = %(key)s",
            self._values(mode=member_column(mode), key=key),
        )
        return found[0] if found else None

    def group_of_link(self, mode: str, link_key: str, value: str, kind: str) -> str | None:
        """The group holding a member linked ``link_key: value``."""
        column = member_column(mode)
        found = self._read(
            f"SELECT c.{column} FROM gloss.links l JOIN gloss.members c"
            " ON c.file_id = l.file_id AND c.owner_id = l.owner_id AND c.kind = l.owner_kind"
            " WHERE c.corpus = %(corpus)s AND l.key = %(key)s AND btrim(l.value) = %(value)s"
            " AND l.owner_kind = %(kind)s ORDER BY l.id LIMIT 1",
            self._values(key=link_key, value=value.strip(), kind=kind),
        )
        return str(found[0][0]) if found else None

    def group_of_member(self, mode: str, file_id: int, owner_id: str, kind: str) -> str | None:
        """The group of one document's entity or event."""
        found = self._read(
            f"SELECT {member_column(mode)} FROM gloss.members WHERE corpus = %(corpus)s"
            " AND file_id = %(file)s AND owner_id = %(owner)s AND kind = %(kind)s",
            self._values(file=file_id, owner=owner_id, kind=kind),
        )
        return str(found[0][0]) if found else None

    def file_id_of(self, path: str) -> int | None:
        """The file id of an article given relative to the corpus root, or as shown."""
        found = self._read(
            "SELECT id FROM gloss.files WHERE corpus = %(corpus)s AND path = %(path)s",
            self._values(path=path),
        )
        if found:
            return int(str(found[0][0]))
        for file_id, stored in self._read(
            "SELECT id, path FROM gloss.files WHERE corpus = %(corpus)s ORDER BY id",
            self._values(),
        ):
            if path in (stored, self.shown_path(str(stored))):
                return int(str(file_id))
        return None

    def appearance_rows(self, mode: str, key: str) -> Rows:
        """(file id, path, doc id, title, date text, owner, kind, mentions) by date, path."""
        return self._read(
            "SELECT f.id, f.path, f.doc_id, f.title, f.date_text, c.owner_id, c.kind,"
            " (SELECT count(*) FROM gloss.mentions m WHERE m.file_id = c.file_id"
            "  AND m.entity_id = c.owner_id)"
            " FROM gloss.members c JOIN gloss.files f ON f.id = c.file_id"
            f" WHERE c.corpus = %(corpus)s AND c.{member_column(mode)} = %(key)s"
            " ORDER BY f.date_first IS NULL, f.date_first, f.path, c.id",
            self._values(key=key),
        )

    def document_text(self, file_id: int) -> tuple[object, ...] | None:
        """(path, doc id, title, text path, date text, text) of one indexed article."""
        found = self._read(
            "SELECT f.path, f.doc_id, f.title, f.text_path, f.date_text, t.text"
            " FROM gloss.files f JOIN gloss.texts t ON t.file_id = f.id"
            " WHERE f.corpus = %(corpus)s AND f.id = %(file)s",
            self._values(file=file_id),
        )
        return found[0] if found else None

    def mention_spans(self, mode: str, key: str) -> Rows:
        """(file id, entity id, start, end) of every mention of a group's members."""
        return self._read(
            'SELECT m.file_id, m.entity_id, m.start, m."end" FROM gloss.members c'
            " JOIN gloss.mentions m ON m.file_id = c.file_id AND m.entity_id = c.owner_id"
            " WHERE c.corpus = %(corpus)s AND c.kind = 'entity'"
            f" AND c.{member_column(mode)} = %(key)s"
            " ORDER BY m.start, m.id",
            self._values(key=key),
        )

    def cooccurring_rows(self, mode: str, key: str, limit: int) -> Rows:
        """(other group, sentences shared) for the groups mentioned in a group's sentences."""
        column = member_column(mode)
        return self._read(
            "WITH mine AS (SELECT DISTINCT m.file_id, m.sentence FROM gloss.mentions m"
            " JOIN gloss.members c ON c.file_id = m.file_id AND c.owner_id = m.entity_id"
            f" AND c.kind = 'entity' WHERE c.corpus = %(corpus)s AND c.{column} = %(key)s)"
            f" SELECT c.{column}, count(DISTINCT (m.file_id, m.sentence)) AS shared"
            " FROM mine JOIN gloss.mentions m ON m.file_id = mine.file_id"
            " AND m.sentence = mine.sentence"
            " JOIN gloss.members c ON c.file_id = m.file_id AND c.owner_id = m.entity_id"
            f" AND c.kind = 'entity' WHERE c.corpus = %(corpus)s AND c.{column} <> %(key)s"
            f" GROUP BY c.{column} ORDER BY shared DESC, c.{column} LIMIT %(limit)s",
            self._values(key=key, limit=limit),
        )

    def telling_rows(self, mode: str, key: str) -> Rows:
        """(file id, path, doc id, title, date, event id, passage start, end, text,
        trigger start, end)."""
        return self._read(
            "SELECT f.id, f.path, f.doc_id, f.title, coalesce(e.date_text, f.date_text),"
            " e.event_id, e.passage_start, e.passage_end, t.text, e.trigger_start, e.trigger_end"
            " FROM gloss.members c JOIN gloss.files f ON f.id = c.file_id"
            " JOIN gloss.events e ON e.file_id = c.file_id AND e.event_id = c.owner_id"
            " JOIN gloss.texts t ON t.file_id = f.id"
            " WHERE c.corpus = %(corpus)s AND c.kind = 'event'"
            f" AND c.{member_column(mode)} = %(key)s"
            " ORDER BY coalesce(e.date_first, f.date_first) IS NULL,"
            " coalesce(e.date_first, f.date_first), f.path, c.id, e.id",
            self._values(key=key),
        )

    # -- statistics ----------------------------------------------------------------------

    def known_types(self) -> tuple[list[str], list[str]]:
        """The entity types and the event types the corpus's articles use, sorted."""
        rows = self._read(
            "SELECT DISTINCT 'entity', type FROM gloss.entities"
            f" WHERE file_id IN ({_MEMBERS_OF_CORPUS})"
            " UNION SELECT DISTINCT 'event', type FROM gloss.events"
            f" WHERE file_id IN ({_MEMBERS_OF_CORPUS})",
            self._values(),
        )
        return types_of(rows)

    def events_per_month(self) -> Rows:
        """(``YYYY-MM``, events) for every month with dated events, in order."""
        return self._read(
            "SELECT substr(date_first, 1, 7), count(*) FROM gloss.events"
            f" WHERE file_id IN ({_MEMBERS_OF_CORPUS}) AND date_first IS NOT NULL"
            " GROUP BY 1 ORDER BY 1",
            self._values(),
        )

    def top_entities(self, top: int) -> Rows:
        """(name, type, documents, mentions) of the entities in most documents."""
        return self._read(
            "SELECT e.name, e.type, count(DISTINCT e.file_id), sum(coalesce(m.n, 0))"
            " FROM gloss.entities e LEFT JOIN (SELECT file_id, entity_id, count(*) AS n"
            f" FROM gloss.mentions WHERE file_id IN ({_MEMBERS_OF_CORPUS})"
            " GROUP BY file_id, entity_id) m ON m.file_id = e.file_id"
            " AND m.entity_id = e.entity_id"
            f" WHERE e.file_id IN ({_MEMBERS_OF_CORPUS})"
            ' GROUP BY e.name, e.type ORDER BY 3 DESC, 4 DESC, e.name COLLATE "C", e.type'
            " LIMIT %(top)s",
            self._values(top=top),
        )
