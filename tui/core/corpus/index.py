"""The embedded index: SQLite with FTS5, one database per corpus, in the cache folder.

Freshness: per annotation file (and its article text) the index keeps size, mtime and
a content hash. A reopen stats every file and reads only those whose size or mtime
changed (or whose mtime is too close to when they were indexed to tell, as git does
with its index); a file whose hash is unchanged is not parsed again. Before hits of a
file are shown, that file is checked again, so a search never shows stale text.

Failures of the cache (corrupt file, older schema, locked by another gloss, read-only
folder, full disk) never stop gloss: it rebuilds, or works from an in-memory index, and
says so in one line (:attr:`CorpusIndex.notices`). The cache is data from outside:
every row is checked as it is read (:func:`checked_row`), and one that is not what
gloss writes means the index is damaged and is rebuilt.

The schema already keeps what cross-document work needs: entity ``links`` (key/value),
every mention's span and sentence index, event spans and sentences.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from tui.core.corpus.discovery import CorpusSource, discover_folder
from tui.core.corpus.matching import Hit, find_hits, rank
from tui.core.corpus.query import QueryPlan, fts_expression
from tui.core.corpus.records import (
    KIND_BROKEN,
    KIND_GLOSS,
    KIND_OTHER,
    DocRecord,
    EntityRecord,
    EventRecord,
    MentionRecord,
    build_record,
    content_hash,
)
from tui.core.places import cache_dir
from tui.core.saferead import ReadRefused, is_inside, read_with_stat

SCHEMA_VERSION = 3
_RACY_NS = 2_000_000_000
"""A file changed this close to its indexing may change again unseen by mtime: hash it."""
_BATCH = 200
_PAGE = 256
"""Candidate files fetched at a time while a search reads articles."""
"""Files written per transaction while indexing."""
MAX_FILE_BYTES = 64 * 1024 * 1024
WRITE_WAIT_SECONDS = 60.0
"""How long a write waits for another gloss writing the same index (one batch, usually)."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, hash TEXT NOT NULL,
    text_path TEXT NOT NULL,
    text_size INTEGER NOT NULL, text_mtime_ns INTEGER NOT NULL, text_hash TEXT NOT NULL,
    indexed_ns INTEGER NOT NULL,
    kind TEXT NOT NULL, doc_id TEXT NOT NULL, title TEXT NOT NULL,
    date_text TEXT, date_first TEXT, date_last TEXT,
    entities INTEGER NOT NULL, mentions INTEGER NOT NULL, events INTEGER NOT NULL,
    errors INTEGER NOT NULL, warnings INTEGER NOT NULL,
    type_counts TEXT NOT NULL, problems TEXT NOT NULL
);
CREATE TABLE entities (
    file_id INTEGER NOT NULL, entity_id TEXT NOT NULL, type TEXT NOT NULL,
    name TEXT NOT NULL, aliases TEXT NOT NULL
);
CREATE INDEX entities_file ON entities(file_id);
CREATE INDEX entities_type ON entities(type COLLATE NOCASE);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE TABLE links (
    file_id INTEGER NOT NULL, owner_kind TEXT NOT NULL, owner_id TEXT NOT NULL,
    key TEXT NOT NULL, value TEXT NOT NULL
);
CREATE INDEX links_file ON links(file_id);
CREATE INDEX links_key_value ON links(key, value);
CREATE TABLE mentions (
    file_id INTEGER NOT NULL, entity_id TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence INTEGER NOT NULL
);
CREATE INDEX mentions_file ON mentions(file_id);
CREATE TABLE events (
    file_id INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL,
    realis TEXT NOT NULL, summary TEXT NOT NULL,
    date_text TEXT, date_first TEXT, date_last TEXT,
    trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
    passage_start INTEGER NOT NULL, passage_end INTEGER NOT NULL, sentence INTEGER NOT NULL
);
CREATE INDEX events_file ON events(file_id);
CREATE INDEX events_type ON events(type COLLATE NOCASE);
CREATE INDEX files_order ON files(coalesce(date_first, '9999'), path);
CREATE VIRTUAL TABLE texts USING fts5(text, tokenize = "unicode61 remove_diacritics 0");
"""

_TABLES = ("meta", "files", "entities", "links", "mentions", "events", "texts")


@dataclass(frozen=True, slots=True)
class LibraryRow:
    """One article as the library lists it."""

    file_id: int
    path: str
    """The annotation file as shown (``content/article.yaml``)."""
    relative: str
    """The annotation file relative to the corpus folder (``article.yaml``)."""
    kind: str
    doc_id: str
    title: str
    date_text: str | None
    date_first: dt.date | None
    entities: int
    mentions: int
    events: int
    errors: int
    warnings: int
    type_counts_json: str
    """Entities per type as stored (JSON): decoded only for the rows that are drawn."""

    @property
    def type_counts(self) -> dict[str, int]:
        """Entities per entity type."""
        counts: dict[str, int] = json.loads(self.type_counts_json)
        return counts


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """What a refresh did."""

    files: int
    parsed: int
    unchanged: int
    removed: int
    skipped: int
    """Stray files and YAML files that are not gloss files."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits of a query (ranked), and whether more were left out."""

    hits: tuple[Hit, ...]
    documents: int
    truncated: bool


Progress = Callable[[int, int, "LibraryRow | None"], None]
"""Called as ``progress(done, total, row)`` while indexing; ``row`` is None for skipped files."""


class CacheFailure(Exception):
    """The on-disk index cannot be used; the message says why, in one line."""


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _is_full(error: sqlite3.Error) -> bool:
    return "full" in str(error).lower()


def _reset_schema(connection: sqlite3.Connection, root: str) -> None:
    """Drop every table (derived ones too) and create the schema, empty."""
    tables = [
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    ]
    # The full-text table first: dropping it drops its shadow tables.
    for table in sorted(tables, key=lambda name: name != "texts"):
        if not table.startswith("sqlite_"):
            connection.execute(f'DROP TABLE IF EXISTS "{table}"')
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute(
        "INSERT INTO meta VALUES ('schema', ?), ('root', ?)", (str(SCHEMA_VERSION), root)
    )


class IndexDamaged(Exception):
    """A row of the index is not what gloss writes: the index is rebuilt."""


class FileRow(NamedTuple):
    """What the index says about one file: believed only once :func:`checked_row` passed it.

    Whoever can write the cache folder can write any row, so a row is data from outside:
    its paths must be names inside the corpus, its columns of the type gloss writes.
    """

    id: int
    path: str
    """The annotation file, relative to the corpus folder."""
    size: int
    mtime_ns: int
    text_size: int
    text_mtime_ns: int
    indexed_ns: int
    kind: str
    hash: str
    text_hash: str
    text_path: str
    """The article text, relative to the corpus folder ("" when there is none)."""


_FILE_ROW_COLUMNS = ", ".join(FileRow._fields)


def _json_of(column: str, kind: str, items: str) -> str:
    # Nested CASEs: json_type() on text that is not JSON is an error, not false.
    return (
        f"CASE WHEN typeof({column}) = 'text' THEN CASE WHEN json_valid({column}) THEN"
        f" json_type({column}) = '{kind}' AND NOT EXISTS"
        f" (SELECT 1 FROM json_each({column}) WHERE type != '{items}') ELSE 0 END ELSE 0 END"
    )


_ROW_IS_WELL_TYPED = " AND ".join(
    [
        *(
            f"typeof({column}) = 'integer'"
            for column in [
                "id",
                "size",
                "mtime_ns",
                "text_size",
                "text_mtime_ns",
                "indexed_ns",
                "entities",
                "mentions",
                "events",
                "errors",
                "warnings",
            ]
        ),
        *(
            f"typeof({column}) = 'text'"
            for column in ["path", "hash", "text_path", "text_hash", "doc_id", "title"]
        ),
        f"kind IN ('{KIND_GLOSS}', '{KIND_BROKEN}', '{KIND_OTHER}')",
        "typeof(date_text) IN ('text', 'null')",
        *(
            f"({column} IS NULL OR (typeof({column}) = 'text' AND date({column}) IS {column}))"
            for column in ("date_first", "date_last")
        ),
        _json_of("type_counts", "object", "integer"),
        _json_of("problems", "array", "text"),
    ]
)
"""SQL true for a ``files`` row whose every column has the type gloss writes there."""

_SELECT_FILE_ROWS = (
    f"SELECT {_FILE_ROW_COLUMNS}, date_first, date_last, {_ROW_IS_WELL_TYPED} FROM files"
)


def is_corpus_name(name: str) -> bool:
    """Whether ``name`` is a path relative to a corpus folder that stays inside it."""
    return (
        bool(name)
        and "\0" not in name
        and not os.path.isabs(name)
        and os.path.normpath(name) == name
        and name != os.pardir
        and not name.startswith(os.pardir + os.sep)
    )


def checked_row(values: tuple[Any, ...]) -> FileRow:
    """The row of :data:`_SELECT_FILE_ROWS` values; :class:`IndexDamaged` if it is malformed."""
    *fields, date_first, date_last, well_typed = values
    row = FileRow(*fields)
    if well_typed != 1 or not is_corpus_name(row.path):
        raise IndexDamaged(row.path)
    if row.text_path and not is_corpus_name(row.text_path):
        raise IndexDamaged(row.path)
    try:
        _date(date_first), _date(date_last)  # SQLite's date() accepts year 0; Python does not
    except ValueError:
        raise IndexDamaged(row.path) from None
    return row


def connect(path: str, timeout: float) -> sqlite3.Connection:
    """Open the database (a seam for tests that simulate a failing disk)."""
    connection = sqlite3.connect(path, timeout=timeout, check_same_thread=False)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA synchronous = OFF")
    return connection


def index_path(source: CorpusSource, folder: Path | None = None) -> Path:
    """Where the index of ``source`` lives: ``corpus-<hash of the root>.sqlite``."""
    return (folder or cache_dir()) / f"corpus-{source.key}.sqlite"


class CorpusIndex:
    """The index of one corpus; every method is safe to call from any one thread at a time."""

    def __init__(self, source: CorpusSource, connection: sqlite3.Connection, location: str) -> None:
        self.source = source
        self.location = location
        """The database file, or ``:memory:``."""
        self.notices: list[str] = []
        """One line per cache problem met (and what gloss did instead)."""
        self._connection = connection
        self._lock = threading.RLock()

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(
        cls, source: CorpusSource, *, folder: Path | None = None, timeout: float = 1.0
    ) -> CorpusIndex:
        """The on-disk index of ``source``, or an in-memory one when the cache fails."""
        path = index_path(source, folder)
        try:
            return cls._open_file(source, path, timeout)
        except CacheFailure as failure:
            index = cls.in_memory(source)
            index.notices.append(f"{failure}; using an in-memory index this time")
            return index

    @classmethod
    def in_memory(cls, source: CorpusSource) -> CorpusIndex:
        """A fresh index that lives only as long as this process."""
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        connection.executescript(_SCHEMA)
        connection.execute(
            "INSERT INTO meta VALUES ('schema', ?), ('root', ?)",
            (str(SCHEMA_VERSION), source.root),
        )
        return cls(source, connection, ":memory:")

    @classmethod
    def _open_file(cls, source: CorpusSource, path: Path, timeout: float) -> CorpusIndex:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CacheFailure(
                f"cannot create the cache folder {path.parent} ({error.strerror})"
            ) from None
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            info = None
        except OSError as error:
            raise CacheFailure(f"cannot use the index {path} ({error.strerror})") from None
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise CacheFailure(f"the index {path} is not a regular file")
        if not os.access(path.parent, os.W_OK) or (
            info is not None and not os.access(path, os.W_OK)
        ):
            raise CacheFailure(f"the cache folder {path.parent} is read-only")
        notice: str | None = None
        try:
            connection, notice = cls._connect_checked(source, path, timeout)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            # A damaged schema can make SQLite's message quote bytes that are not UTF-8:
            # sqlite3 then raises UnicodeDecodeError instead of DatabaseError.
            if isinstance(error, sqlite3.Error) and _is_locked(error):
                raise CacheFailure(f"the index {path} is in use by another gloss") from None
            # Corrupt beyond reading: start a new file.
            _remove_database(path)
            notice = f"the index {path} was damaged; rebuilt it"
            try:
                connection, _ = cls._connect_checked(source, path, timeout)
            except sqlite3.Error as again:
                raise CacheFailure(f"cannot rebuild the index {path} ({again})") from None
        index = cls(source, connection, str(path))
        if notice:
            index.notices.append(notice)
        return index

    @classmethod
    def _connect_checked(
        cls, source: CorpusSource, path: Path, timeout: float
    ) -> tuple[sqlite3.Connection, str | None]:
        connection = connect(str(path), timeout)
        try:
            notice = None
            # BEGIN IMMEDIATE takes the write lock: another gloss indexing now is found
            # here, and so are read-only files and damaged headers.
            connection.execute("BEGIN IMMEDIATE")
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            version = None
            if "meta" in tables:
                found = connection.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                version = found[0] if found else None
            if version != str(SCHEMA_VERSION):
                if tables:
                    notice = f"the index {path} was made by another version of gloss; rebuilt it"
                _reset_schema(connection, source.root)
            else:
                connection.execute("SELECT count(*) FROM files").fetchone()
                connection.execute("SELECT rowid FROM texts LIMIT 1").fetchone()
            connection.execute("COMMIT")
        except BaseException:
            connection.close()
            raise
        # Opening waits ``timeout`` for the lock (and says "in use" after it); writes
        # later wait longer: another gloss indexing the same corpus holds it one batch.
        connection.execute(f"PRAGMA busy_timeout = {int(WRITE_WAIT_SECONDS * 1000)}")
        return connection, notice

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._connection.close()

    # -- failures while working ------------------------------------------------------

    def _fall_back(self, error: sqlite3.Error) -> None:
        """Move to an in-memory index after the disk failed mid-way; it is refilled later."""
        what = "the disk is full" if _is_full(error) else f"the index failed ({error})"
        self.notices.append(f"{what}; using an in-memory index this time")
        with contextlib.suppress(sqlite3.Error):
            self._connection.close()
        memory = CorpusIndex.in_memory(self.source)
        self._connection = memory._connection
        self.location = ":memory:"

    def _rebuild(self) -> None:
        """A row failed its checks: the index is damaged. Empty it (the next refresh fills
        it again) and say so, once."""
        notice = f"the index {self.location} was damaged; rebuilt it"
        if notice not in self.notices:
            self.notices.append(notice)
        with self._lock:
            try:
                with self._transaction() as connection:
                    _reset_schema(connection, self.source.root)
            except sqlite3.Error as error:
                self._fall_back(error)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the write lock from its first statement.

        A read followed by a write (is this file indexed? then replace it) is then never
        raced by another gloss writing the same index; that one waits for this one.
        """
        with self._lock:
            connection = self._connection
            if connection.in_transaction:
                connection.commit()
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    connection.rollback()
                raise
            connection.commit()

    # -- reading ---------------------------------------------------------------------

    def rows(self) -> list[LibraryRow]:
        """Every indexed article (not other YAML), as last indexed: no file is read.

        In the library's first order: by date (undated last), then by file.
        """
        with self._lock:
            try:
                found = self._connection.execute(
                    "SELECT id, path, kind, doc_id, title, date_text, date_first, entities,"
                    f" mentions, events, errors, warnings, type_counts, {_ROW_IS_WELL_TYPED}"
                    " FROM files WHERE kind != ? ORDER BY coalesce(date_first, '9999'), path",
                    (KIND_OTHER,),
                ).fetchall()
            except sqlite3.Error as error:
                self._fall_back(error)
                return []
        prefix = self._shown_prefix()
        try:
            return [self._row(values, prefix) for values in found]
        except (ValueError, TypeError):  # a date that is no date, a number that is text
            self._rebuild()
            return []

    def _shown_prefix(self) -> str:
        shown = self.source.display_root
        return "" if shown in ("", ".") else os.path.normpath(shown) + os.sep

    def _row(self, values: tuple[Any, ...], prefix: str | None = None) -> LibraryRow:
        # Called for every article when the library opens: plain field access only.
        (file_id, path, kind, doc_id, title, date_text, date_first, entities, mentions) = values[:9]
        events, errors, warnings, type_counts, well_typed = values[9:]
        if well_typed != 1 or not is_corpus_name(path):
            raise TypeError(path)
        return LibraryRow(
            file_id=file_id,
            path=(self._shown_prefix() if prefix is None else prefix) + path,
            relative=path,
            kind=kind,
            doc_id=doc_id,
            title=title,
            date_text=date_text,
            date_first=dt.date.fromisoformat(date_first) if date_first else None,
            entities=entities,
            mentions=mentions,
            events=events,
            errors=errors,
            warnings=warnings,
            type_counts_json=type_counts,
        )

    def problems(self, file_id: int) -> list[str]:
        """The diagnostics recorded for a file (paths as the user would write them)."""
        with self._lock:
            found = self._connection.execute(
                "SELECT problems FROM files WHERE id = ?", (file_id,)
            ).fetchone()
        return list(json.loads(found[0])) if found else []

    def absolute_path(self, file_id: int) -> str | None:
        """The absolute path of an indexed annotation file."""
        with self._lock:
            found = self._connection.execute(
                "SELECT path FROM files WHERE id = ?", (file_id,)
            ).fetchone()
        return self.source.absolute(found[0]) if found else None

    def record(self, file_id: int, *, links: bool = True) -> DocRecord | None:
        """The stored record of a file (paths as shown), or None if it is not indexed.

        Search leaves out ``links`` (``links=False``): it never looks at them. A record
        that does not decode (a date that is no date, aliases that are not JSON) means
        the index is damaged: it is rebuilt, and this file counts as not indexed.
        """
        try:
            return self._stored_record(file_id, links=links)
        except (ValueError, TypeError, KeyError):
            self._rebuild()
            return None

    def _stored_record(self, file_id: int, *, links: bool) -> DocRecord | None:
        with self._lock:
            connection = self._connection
            row = connection.execute(
                "SELECT path, kind, doc_id, title, text_path, date_text, date_first, date_last,"
                " errors, warnings, problems, type_counts FROM files WHERE id = ?",
                (file_id,),
            ).fetchone()
            if row is None:
                return None
            text_row = connection.execute(
                "SELECT text FROM texts WHERE rowid = ?", (file_id,)
            ).fetchone()
            entity_rows = connection.execute(
                "SELECT entity_id, type, name, aliases FROM entities WHERE file_id = ?"
                " ORDER BY rowid",
                (file_id,),
            ).fetchall()
            link_rows = (
                connection.execute(
                    "SELECT owner_kind, owner_id, key, value FROM links WHERE file_id = ?"
                    " ORDER BY rowid",
                    (file_id,),
                ).fetchall()
                if links
                else []
            )
            mention_rows = connection.execute(
                'SELECT entity_id, start, "end", sentence FROM mentions WHERE file_id = ?'
                " ORDER BY rowid",
                (file_id,),
            ).fetchall()
            event_rows = connection.execute(
                "SELECT event_id, type, realis, summary, date_text, date_first, date_last,"
                " trigger_start, trigger_end, passage_start, passage_end, sentence"
                " FROM events WHERE file_id = ? ORDER BY rowid",
                (file_id,),
            ).fetchall()
        links_of: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for owner_kind, owner, key, value in link_rows:
            links_of.setdefault((owner_kind, owner), []).append((key, value))
        path, kind, doc_id, title, text_path, date_text, date_first, date_last = row[:8]
        return DocRecord(
            path=self.source.shown(path),
            kind=kind,
            doc_id=doc_id,
            title=title,
            text_path=self.source.shown(text_path),
            date_text=date_text,
            date_first=_date(date_first),
            date_last=_date(date_last),
            text=text_row[0] if text_row else "",
            entities=tuple(
                EntityRecord(
                    e[0],
                    e[1],
                    e[2],
                    tuple(json.loads(e[3])),
                    tuple(links_of.get(("entity", e[0]), ())),
                )
                for e in entity_rows
            ),
            mentions=tuple(MentionRecord(*m) for m in mention_rows),
            events=tuple(
                EventRecord(
                    e[0],
                    e[1],
                    e[2],
                    e[3],
                    e[4],
                    _date(e[5]),
                    _date(e[6]),
                    e[7],
                    e[8],
                    e[9],
                    e[10],
                    e[11],
                    links=tuple(links_of.get(("event", e[0]), ())),
                )
                for e in event_rows
            ),
            errors=row[8],
            warnings=row[9],
            problems=tuple(json.loads(row[10])),
            type_counts=dict(json.loads(row[11])),
        )

    def read_rows(self, sql: str, values: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        """Run a read-only query (for the modules of this package, such as statistics)."""
        with self._lock:
            try:
                return [tuple(row) for row in self._connection.execute(sql, values)]
            except sqlite3.Error as error:
                self._fall_back(error)
                return []

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """The connection, locked, inside one transaction (for derived tables of this package)."""
        with self._lock, self._connection:
            yield self._connection

    # -- writing ---------------------------------------------------------------------

    def refresh(self, progress: Progress | None = None) -> RefreshReport:
        """Bring the index up to date with the files; parse only what changed.

        A cache that fails on the way (full disk, say) is replaced by an in-memory index,
        and the refresh starts again there.
        """
        try:
            return self._refresh(progress)
        except sqlite3.Error as error:
            with self._lock:
                self._fall_back(error)
            return self._refresh(progress)

    def _known(self) -> dict[str, FileRow]:
        """Every file the index holds, each row checked; a malformed one: rebuilt, empty."""
        with self._lock:
            found = self._connection.execute(_SELECT_FILE_ROWS).fetchall()
        try:
            rows = [checked_row(values) for values in found]
        except (IndexDamaged, TypeError):  # TypeError: a table with other columns
            self._rebuild()
            return {}
        return {row.path: row for row in rows}

    def _known_row(self, file_id: int) -> FileRow | None:
        """The checked row of one file (None if not indexed); raises :class:`IndexDamaged`."""
        with self._lock:
            found = self._connection.execute(
                _SELECT_FILE_ROWS + " WHERE id = ?", (file_id,)
            ).fetchone()
        return None if found is None else checked_row(found)

    def _refresh(self, progress: Progress | None) -> RefreshReport:
        if not self.source.discovered:
            self.source = discover_folder(self.source.display_root)
        source = self.source
        known = self._known()
        files = self._nameable(source)
        total = len(files)
        done = unchanged = 0
        pending: list[tuple[str, DocRecord | None, _Stamp]] = []
        to_parse: list[str] = []
        wanted = set(files)
        # First pass: stat everything, hash what changed; parse nothing yet.
        for relative in files:
            old = known.get(relative)
            stamp = _Stamp.of(source, relative, old)
            if stamp is None and not source.explicit:
                wanted.discard(relative)  # vanished since discovery
            elif old is not None and stamp is not None and stamp.fresh_by_stat(old):
                unchanged += 1
            elif old is not None and stamp is not None and stamp.same_content(source, old):
                unchanged += 1
                pending.append((relative, None, stamp))
            else:
                to_parse.append(relative)
                continue
            done += 1
            if progress and not pending:
                progress(done, total, None)
        self._write(pending, progress, done - len(pending), total)
        # Second pass: parse what changed (in worker processes when there is a lot).
        pending = []
        if len(to_parse) >= _BATCH:
            # Many inserts into several indexes: a larger page cache while they last.
            with self._lock:
                self._connection.execute("PRAGMA cache_size = -65536")
        for relative, record, stamp in parse_all(source, to_parse):
            pending.append((relative, record, stamp))
            if len(pending) >= _BATCH:
                self._write(pending, progress, done, total)
                done += len(pending)
                pending = []
        self._write(pending, progress, done, total)
        with self._lock:
            self._connection.execute("PRAGMA cache_size = -2000")  # back to the default
        with self._transaction():
            gone = [known[p].id for p in known if p not in wanted]
            for file_id in gone:
                self._delete(file_id)
            other = self._connection.execute(
                "SELECT count(*) FROM files WHERE kind = ?", (KIND_OTHER,)
            ).fetchone()[0]
            texts = {row[0] for row in self._connection.execute("SELECT text_path FROM files")}
        stray = sum(1 for name in source.stray_files if name not in texts)
        return RefreshReport(
            files=total,
            parsed=len(to_parse),
            unchanged=unchanged,
            removed=len(gone),
            skipped=stray + int(other) + len(source.files) - len(files),
        )

    def _nameable(self, source: CorpusSource) -> list[str]:
        """The corpus's files whose names the index can hold; one notice per other file.

        A name that is not valid UTF-8 (``inv\\xff.yaml``) comes to Python with a lone
        surrogate for the bad byte, which no text column can store: it is skipped, and
        named with a placeholder for that byte.
        """
        files = []
        for relative in source.files:
            try:
                relative.encode("utf-8")
            except UnicodeEncodeError:
                shown = os.fsencode(source.shown(relative)).decode("utf-8", "replace")
                self.notices.append(f"{shown}: the name is not valid UTF-8; skipped it")
                continue
            files.append(relative)
        return files

    def _write(
        self,
        pending: list[tuple[str, DocRecord | None, _Stamp]],
        progress: Progress | None,
        done_before: int,
        total: int,
    ) -> None:
        rows: list[LibraryRow | None] = []
        with self._transaction():
            for relative, record, stamp in pending:
                if record is None:
                    self._connection.execute(
                        "UPDATE files SET size=?, mtime_ns=?, text_size=?, text_mtime_ns=?,"
                        " indexed_ns=? WHERE path=?",
                        (
                            stamp.size,
                            stamp.mtime_ns,
                            stamp.text_size,
                            stamp.text_mtime_ns,
                            time.time_ns(),
                            relative,
                        ),
                    )
                    rows.append(None)
                    continue
                file_id = self._store(relative, record, stamp)
                rows.append(None if record.kind == KIND_OTHER else self._row_of(file_id, record))
        if progress:
            for offset, row in enumerate(rows, start=1):
                progress(done_before + offset, total, row)

    def _row_of(self, file_id: int, record: DocRecord) -> LibraryRow:
        return LibraryRow(
            file_id=file_id,
            path=self._shown_prefix() + record.path,
            relative=record.path,
            kind=record.kind,
            doc_id=record.doc_id,
            title=record.title,
            date_text=record.date_text,
            date_first=record.date_first,
            entities=len(record.entities),
            mentions=len(record.mentions),
            events=len(record.events),
            errors=record.errors,
            warnings=record.warnings,
            type_counts_json=json.dumps(record.type_counts, sort_keys=True),
        )

    def _delete(self, file_id: int) -> None:
        for table in ("entities", "links", "mentions", "events"):
            self._connection.execute(f"DELETE FROM {table} WHERE file_id = ?", (file_id,))
        self._connection.execute("DELETE FROM texts WHERE rowid = ?", (file_id,))
        self._connection.execute("DELETE FROM files WHERE id = ?", (file_id,))

    def _store(self, relative: str, record: DocRecord, stamp: _Stamp) -> int:
        """Store one file's record (inside :meth:`_transaction`); its row id."""
        connection = self._connection
        found = connection.execute(
            "SELECT id, size, mtime_ns, hash, text_path, text_size, text_mtime_ns, text_hash"
            " FROM files WHERE path = ?",
            (relative,),
        ).fetchone()
        if found and found[1:] == (
            stamp.size,
            stamp.mtime_ns,
            stamp.hash,
            record.text_path,
            stamp.text_size,
            stamp.text_mtime_ns,
            stamp.text_hash,
        ):
            # Another gloss indexing the same corpus stored these very bytes meanwhile:
            # keep its row (and id, which that gloss may be reading) as it is. The text's
            # name counts too: a row naming another text with these stamps is forged.
            return int(found[0])
        if found:
            self._delete(found[0])
        cursor = connection.execute(
            "INSERT INTO files (path, size, mtime_ns, hash, text_path, text_size, text_mtime_ns,"
            " text_hash, indexed_ns, kind, doc_id, title, date_text, date_first, date_last,"
            " entities, mentions, events, errors, warnings, type_counts, problems)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                relative,
                stamp.size,
                stamp.mtime_ns,
                stamp.hash,
                record.text_path,
                stamp.text_size,
                stamp.text_mtime_ns,
                stamp.text_hash,
                time.time_ns(),
                record.kind,
                record.doc_id,
                record.title,
                record.date_text,
                _iso(record.date_first),
                _iso(record.date_last),
                len(record.entities),
                len(record.mentions),
                len(record.events),
                record.errors,
                record.warnings,
                json.dumps(record.type_counts, sort_keys=True),
                json.dumps([self._shown_problem(p) for p in record.problems]),
            ),
        )
        file_id = int(cursor.lastrowid or 0)
        if record.kind != KIND_GLOSS:
            return file_id
        connection.execute("INSERT INTO texts (rowid, text) VALUES (?, ?)", (file_id, record.text))
        connection.executemany(
            "INSERT INTO entities VALUES (?,?,?,?,?)",
            [(file_id, e.id, e.type, e.name, json.dumps(list(e.aliases))) for e in record.entities],
        )
        connection.executemany(
            "INSERT INTO links VALUES (?,?,?,?,?)",
            [
                (file_id, "entity", e.id, key, value)
                for e in record.entities
                for key, value in e.links
            ]
            + [
                (file_id, "event", e.id, key, value)
                for e in record.events
                for key, value in e.links
            ],
        )
        connection.executemany(
            "INSERT INTO mentions VALUES (?,?,?,?,?)",
            [(file_id, m.entity_id, m.start, m.end, m.sentence) for m in record.mentions],
        )
        connection.executemany(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    file_id,
                    e.id,
                    e.type,
                    e.realis,
                    e.summary,
                    e.date_text,
                    _iso(e.date_first),
                    _iso(e.date_last),
                    e.trigger_start,
                    e.trigger_end,
                    e.passage_start,
                    e.passage_end,
                    e.sentence,
                )
                for e in record.events
            ],
        )
        return file_id

    def _shown_problem(self, problem: str) -> str:
        # Diagnostics name files by absolute path; show them as the user wrote the root.
        root = self.source.root + os.sep
        if problem.startswith(root):
            return self.source.shown(problem[len(root) :])
        return problem

    # -- searching -------------------------------------------------------------------

    def candidates(self, plan: QueryPlan) -> Iterator[int]:
        """Files that may hold hits (a superset), in library order (date, then path).

        The database walks its date index and yields files page by page, so a search
        that finds enough hits early never touches the rest of a large corpus. The
        statement has one shape for any number of terms or filters: their values go in
        as JSON lists, read by ``json_each``, so no query makes an expression too large
        for SQLite.
        """
        clauses = ["kind = :kind"]
        values: dict[str, object] = {"kind": KIND_GLOSS}
        expression = fts_expression(plan)
        if expression is not None:
            clauses.append("id IN (SELECT rowid FROM texts WHERE texts MATCH :match)")
            values["match"] = expression
        if plan.entity_filtered:
            clauses.append(f"id IN ({self._entity_files(plan, values)})")
        if plan.event_filtered:
            clauses.append(f"id IN ({self._event_files(plan, values)})")
        if len(clauses) == 1:
            return
        # doc: and date: narrow the files here, so no record is read only to be dropped
        # (the matcher checks them again on each record).
        if plan.has_date:
            clauses.append("date_first IS NOT NULL")
            if plan.date_first is not None:
                clauses.append("date_last >= :date_first")
                values["date_first"] = plan.date_first.isoformat()
            if plan.date_last is not None:
                clauses.append("date_first <= :date_last")
                values["date_last"] = plan.date_last.isoformat()
        if plan.docs:
            # As the matcher does: the folded id, title and path as shown (content/a.yaml).
            # SQLite's lower() folds ASCII needles' letters as Python does (U+0130 and
            # U+212A aside) at C speed; Python folds for the others.
            haystack = (
                "files.doc_id || char(10) || files.title || char(10) || :prefix || files.path"
            )
            needles = list(dict.fromkeys(needle.lower() for needle in plan.docs))
            tests = []
            for key, group, fold in (
                ("docs", [n for n in needles if n.isascii()], "lower"),
                ("docs_other", [n for n in needles if not n.isascii()], "gloss_fold"),
            ):
                if group:
                    values[key] = json.dumps(group)
                    tests.append(
                        f"EXISTS (SELECT 1 FROM json_each(:{key})"
                        f" WHERE instr({fold}({haystack}), value))"
                    )
            clauses.append("(" + " OR ".join(tests) + ")")
            values["prefix"] = self._shown_prefix()
        sql = (
            "SELECT id FROM files WHERE "
            + " AND ".join(clauses)
            + " ORDER BY coalesce(date_first, '9999'), path LIMIT :limit OFFSET :offset"
        )
        offset = 0
        while True:
            with self._lock:
                # The matcher's case folding, for the values SQLite cannot fold itself.
                self._connection.create_function("gloss_fold", 1, str.lower, deterministic=True)
                page = [
                    row[0]
                    for row in self._connection.execute(
                        sql, {**values, "limit": _PAGE, "offset": offset}
                    )
                ]
            yield from page
            if len(page) < _PAGE:
                return
            offset += _PAGE

    def _entity_files(self, plan: QueryPlan, values: dict[str, object]) -> str:
        clauses: list[str] = []
        if plan.types:
            clauses.append(self._folded_match("type", plan.types, "types", values))
        if plan.entities:
            names = [
                self._folded_match(column, plan.entities, "names", values)
                for column in ("name", "entity_id", "alias.value")
            ]
            clauses.append(
                f"({names[0]} OR {names[1]} OR (aliases <> '[]' AND EXISTS"
                f" (SELECT 1 FROM json_each(entities.aliases) AS alias WHERE {names[2]})))"
            )
        return "SELECT file_id FROM entities WHERE " + " AND ".join(clauses)

    def _event_files(self, plan: QueryPlan, values: dict[str, object]) -> str:
        clauses: list[str] = []
        if plan.event_types:
            clauses.append(
                self._folded_match("events.type", plan.event_types, "kinds", values, prefix=True)
            )
        if plan.realis:
            clauses.append(self._folded_match("realis", plan.realis, "realis", values))
        return "SELECT file_id FROM events WHERE " + " AND ".join(clauses)

    @staticmethod
    def _folded_match(
        column: str,
        wanted: tuple[str, ...],
        name: str,
        values: dict[str, object],
        *,
        prefix: bool = False,
    ) -> str:
        """SQL: ``column``, case-folded as the matcher folds it (Python's ``str.lower``), is
        one of ``wanted`` (with ``prefix``: or starts with one and a dot, as event types).

        The values go in as JSON lists (``:name``), so the SQL has one size for any number
        of them. ASCII values are compared by SQLite's ``NOCASE`` (at C speed, with the
        column's index): for ASCII text it folds as Python does (U+212A KELVIN SIGN,
        which Python folds to ``k``, is the one letter it misses). Only values with other
        letters have Python fold every row.
        """
        folded = list(dict.fromkeys(value.lower() for value in wanted))
        groups = (
            ("", [w for w in folded if w.isascii()], column, " COLLATE NOCASE"),
            ("_other", [w for w in folded if not w.isascii()], f"gloss_fold({column})", ""),
        )
        tests = []
        for suffix, group, expression, collation in groups:
            if not group:
                continue
            key = name + suffix
            values[key] = json.dumps(group)
            tests.append(f"{expression}{collation} IN (SELECT value FROM json_each(:{key}))")
            if prefix:
                tests.append(
                    f"EXISTS (SELECT 1 FROM json_each(:{key}) WHERE"
                    f" substr({expression}, 1, length(value) + 1){collation} = value || '.')"
                )
        return "(" + " OR ".join(tests) + ")"

    def search(
        self, plan: QueryPlan, *, limit: int | None = 1000, documents_limit: int | None = None
    ) -> SearchResult:
        """The plan's hits, ranked; each file with hits is checked to be fresh first.

        Args:
            plan: the parsed query.
            limit: stop once this many hits are found (None: find them all).
            documents_limit: stop once this many articles had hits (a first page).
        """
        hits: list[Hit] = []
        documents = 0
        truncated = False
        for file_id in self.candidates(plan):
            found = self._fresh_hits(file_id, plan)
            if found:
                documents += 1
                hits.extend(found)
            if (limit is not None and len(hits) >= limit) or (
                documents_limit is not None and documents >= documents_limit
            ):
                truncated = True
                break
        ranked = rank(hits)
        if limit is not None and len(ranked) > limit:
            ranked = ranked[:limit]
        return SearchResult(tuple(ranked), documents, truncated)

    def _fresh_hits(self, file_id: int, plan: QueryPlan) -> list[Hit]:
        record = self.record(file_id, links=False)
        if record is None:
            return []
        found = find_hits(record, plan)
        if found and self._reindex_if_changed(file_id):
            record = self.record_by_path(record.path)
            return [] if record is None else find_hits(record, plan)
        return found

    def record_by_path(self, shown_path: str) -> DocRecord | None:
        """The stored record of a file given as shown."""
        with self._lock:
            for file_id, path in self._connection.execute("SELECT id, path FROM files"):
                if self.source.shown(path) == shown_path:
                    return self.record(file_id)
        return None

    def _reindex_if_changed(self, file_id: int) -> bool:
        """Check one file against its stamp; re-index it if it changed. True if it did."""
        try:
            old = self._known_row(file_id)
        except IndexDamaged:
            # Nothing this index says can be shown: build it again from the files.
            self._rebuild()
            self.refresh()
            return True
        if old is None:
            return False
        relative = old.path
        stamp = _Stamp.of(self.source, relative, old)
        if stamp is not None and (stamp.fresh_by_stat(old) or stamp.same_content(self.source, old)):
            return False
        gone = stamp is None and not self.source.explicit
        _, record, fresh = parse_one(self.source, relative)
        try:
            with self._transaction():
                if gone:
                    self._delete(file_id)
                else:
                    self._store(relative, record, fresh)
        except sqlite3.Error as error:
            with self._lock:
                self._fall_back(error)
            self.refresh()
        return True


def _is_locked(error: sqlite3.Error) -> bool:
    return "locked" in str(error).lower() or "busy" in str(error).lower()


def _remove_database(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


@dataclass(slots=True)
class _Stamp:
    """Size, mtime and (once read) hash of an annotation file and of its text."""

    path: str
    size: int
    mtime_ns: int
    text_size: int = -1
    text_mtime_ns: int = -1
    hash: str = ""
    text_hash: str = ""

    @classmethod
    def missing(cls, path: str) -> _Stamp:
        """The stamp of a named file that is not there (it is listed with its error)."""
        return cls(path, -1, -1)

    @classmethod
    def of(cls, source: CorpusSource, relative: str, old: FileRow | None) -> _Stamp | None:
        """Stat the file (and the text it had when indexed); None if it is not a file."""
        path = source.absolute(relative)
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        stamp = cls(path, info.st_size, info.st_mtime_ns)
        if old is not None and old.text_path:
            with contextlib.suppress(OSError):
                text_info = os.stat(source.absolute(old.text_path))
                stamp.text_size, stamp.text_mtime_ns = text_info.st_size, text_info.st_mtime_ns
        return stamp

    def fresh_by_stat(self, old: FileRow) -> bool:
        """Size and mtime of both files are as indexed, and not too close to indexing.

        A row stamped in the future (a clock set back, or a forged row) is stale: it would
        otherwise pass this check forever, even for a file changed right after indexing.
        """
        if (self.size, self.mtime_ns, self.text_size, self.text_mtime_ns) != (
            old.size,
            old.mtime_ns,
            old.text_size,
            old.text_mtime_ns,
        ):
            return False
        newest = max(self.mtime_ns, self.text_mtime_ns)
        return newest + _RACY_NS < old.indexed_ns <= time.time_ns()

    def same_content(self, source: CorpusSource, old: FileRow) -> bool:
        """Both files hash as indexed (their stat changed, their bytes did not)."""
        self.hash = _hash_file(source, self.path, annotation=True)
        self.text_hash = _hash_file(source, old.text_path) if old.text_path else ""
        return self.hash == old.hash and self.text_hash == old.text_hash


def _read_corpus_file(
    source: CorpusSource, name: str, *, annotation: bool = False
) -> tuple[bytes, os.stat_result] | None:
    """Bytes and stat of a corpus file through the read rule; None if it may not be read.

    The file must be a regular file inside the corpus folder (a FIFO or a device is
    refused before a byte is read, never waited on). An annotation file is never read
    through a link (discovery does not list links); an article text may be a link that
    stays inside the folder, as the loader allows.
    """
    path = source.absolute(name)
    if not annotation and not is_inside(source.root, path):
        return None
    try:
        return read_with_stat(path, MAX_FILE_BYTES, follow_links=not annotation)
    except ReadRefused:
        return None


def _hash_file(source: CorpusSource, name: str, *, annotation: bool = False) -> str:
    read = _read_corpus_file(source, name, annotation=annotation)
    return "" if read is None else content_hash(read[0])


PARALLEL_FROM = 1000
"""From this many files to parse, parsing is spread over worker processes."""


def parse_one(source: CorpusSource, relative: str) -> tuple[str, DocRecord, _Stamp]:
    """Read, stamp and check one file; paths in the record are relative to the root."""
    absolute = source.absolute(relative)
    read = _read_corpus_file(source, relative, annotation=True)
    stamp = _Stamp.missing(absolute)
    if read is not None:
        stamp.size, stamp.mtime_ns = read[1].st_size, read[1].st_mtime_ns
        stamp.hash = content_hash(read[0])
    record = build_record(absolute, read[0] if read is not None else None)
    text_relative = _corpus_name(source, record.text_path) if record.text_path else ""
    if text_relative:
        text = _read_corpus_file(source, text_relative)
        if text is not None:
            stamp.text_hash = content_hash(text[0])
            stamp.text_size, stamp.text_mtime_ns = text[1].st_size, text[1].st_mtime_ns
    relative_record = replace(record, path=relative, text_path=text_relative)
    return relative, relative_record, stamp


def _corpus_name(source: CorpusSource, path: str) -> str:
    """``path`` relative to the corpus folder, or "" when it lies outside.

    Only :func:`is_corpus_name` names are stored (any other is a damaged row when read
    back); a text the loader reached through the resolved folder gets its resolved name.
    """
    name = os.path.relpath(os.path.abspath(path), source.root)
    if not is_corpus_name(name):
        name = os.path.relpath(os.path.realpath(path), os.path.realpath(source.root))
    return name if is_corpus_name(name) else ""


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start workers without re-running the program's main script in each of them.

    A ``spawn`` worker imports the parent's ``__main__`` first; for a script without an
    ``if __name__ == "__main__"`` guard that would run the script again. The workers only
    need this module, so the main module's name and path are hidden while they start.
    """
    main = sys.modules.get("__main__")
    saved = {name: getattr(main, name) for name in ("__file__", "__spec__") if hasattr(main, name)}
    try:
        for name in saved:
            if name == "__spec__":
                setattr(main, name, None)
            else:
                delattr(main, name)
        yield
    finally:
        for name, value in saved.items():
            setattr(main, name, value)


def _parse_chunk(source: CorpusSource, chunk: list[str]) -> list[tuple[str, DocRecord, _Stamp]]:
    return [parse_one(source, relative) for relative in chunk]


WORKER_CHUNK = 50
"""Files a worker process parses per job."""


def worker_jobs(source: CorpusSource, relatives: list[str]) -> list[tuple[CorpusSource, list[str]]]:
    """What each worker job is sent: its chunk of names and the corpus without its lists.

    Parsing a file needs only the corpus folder; sent with every chunk, the whole file
    list made the bytes pickled grow with the square of the corpus (2,000 chunks of
    1.5 MB for 100,000 files).
    """
    light = replace(source, files=(), stray_files=())
    return [
        (light, relatives[start : start + WORKER_CHUNK])
        for start in range(0, len(relatives), WORKER_CHUNK)
    ]


def parse_all(
    source: CorpusSource, relatives: list[str]
) -> Iterator[tuple[str, DocRecord, _Stamp]]:
    """Parse files in order; many files are spread over processes (one per core, max 4).

    Worker processes are started fresh (``spawn``), never forked, so a thread running
    this beside a user interface is safe. If they cannot start, parsing goes on here.
    """
    workers = min(4, os.cpu_count() or 1)
    if len(relatives) < PARALLEL_FROM or workers < 2:
        for relative in relatives:
            yield parse_one(source, relative)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    jobs = worker_jobs(source, relatives)
    try:
        context = multiprocessing.get_context("spawn")
        executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    except (OSError, ValueError):
        for relative in relatives:
            yield parse_one(source, relative)
        return
    with executor:
        try:
            with _main_module_hidden():
                # map() submits every chunk now, so every worker starts inside this block.
                mapped = executor.map(_parse_chunk, *zip(*jobs, strict=True))
            for results in mapped:
                yield from results
        except (OSError, BrokenProcessPool):
            # Workers died (no memory, killed): finish here, in order, from the start.
            for relative in relatives:
                yield parse_one(source, relative)


def iter_records(source: CorpusSource) -> Iterator[DocRecord]:
    """Records straight from the files, no index (paths as shown): the reference answer."""
    for relative in source.files:
        _, record, _ = parse_one(source, relative)
        yield replace(
            record, path=source.shown(record.path), text_path=source.shown(record.text_path)
        )
