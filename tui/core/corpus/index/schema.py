"""The index's database: its tables and version; opening, checking and resetting it.

An index is a cache: one made by another version of gloss, or damaged, is rebuilt; one
that cannot be used at all raises :class:`CacheFailure`, which says why in one line.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

from tui.core.corpus.discovery import CorpusSource
from tui.core.files.places import cache_dir

SCHEMA_VERSION = 5
"""4: rows of bare texts (kind ``bare``), their words in ``texts``; 5: whether a
document's date is guessed (``date_guessed``)."""
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
    date_guessed INTEGER NOT NULL,
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


class CacheFailure(Exception):
    """The on-disk index cannot be used; the message says why, in one line."""


def is_full(error: sqlite3.Error) -> bool:
    """Whether SQLite failed because the disk is full."""
    return "full" in str(error).lower()


def is_locked(error: sqlite3.Error) -> bool:
    """Whether another gloss holds the database."""
    return "locked" in str(error).lower() or "busy" in str(error).lower()


def reset_schema(connection: sqlite3.Connection, root: str) -> None:
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


def connect(path: str, timeout: float) -> sqlite3.Connection:
    """Open the database (a seam for tests that simulate a failing disk)."""
    connection = sqlite3.connect(path, timeout=timeout, check_same_thread=False)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA synchronous = OFF")
    return connection


def index_path(source: CorpusSource, folder: Path | None = None) -> Path:
    """Where the index of ``source`` lives: ``corpus-<hash of the root>.sqlite``."""
    return (folder or cache_dir()) / f"corpus-{source.key}.sqlite"


def in_memory_connection(root: str) -> sqlite3.Connection:
    """A fresh, empty database that lives only as long as this process."""
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    connection.executescript(_SCHEMA)
    connection.execute(
        "INSERT INTO meta VALUES ('schema', ?), ('root', ?)",
        (str(SCHEMA_VERSION), root),
    )
    return connection


def open_file(path: Path, root: str, timeout: float) -> tuple[sqlite3.Connection, str | None]:
    """The database at ``path``, checked (rebuilt when need be), and a notice if it was.

    Raises :class:`CacheFailure` when it cannot be used (read-only, locked, not a file).
    """
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
    if not os.access(path.parent, os.W_OK) or (info is not None and not os.access(path, os.W_OK)):
        raise CacheFailure(f"the cache folder {path.parent} is read-only")
    notice: str | None = None
    try:
        connection, notice = _connect_checked(path, root, timeout)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        # A damaged schema can make SQLite's message quote bytes that are not UTF-8:
        # sqlite3 then raises UnicodeDecodeError instead of DatabaseError.
        if isinstance(error, sqlite3.Error) and is_locked(error):
            raise CacheFailure(f"the index {path} is in use by another gloss") from None
        # Corrupt beyond reading: start a new file.
        _remove_database(path)
        notice = f"the index {path} was damaged; rebuilt it"
        try:
            connection, _ = _connect_checked(path, root, timeout)
        except sqlite3.Error as again:
            raise CacheFailure(f"cannot rebuild the index {path} ({again})") from None
    return connection, notice


def _connect_checked(
    path: Path, root: str, timeout: float
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
            reset_schema(connection, root)
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


def _remove_database(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")
