"""Rows in and out: a file's record written to the tables, and read back from them."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from tui.core.corpus.discovery import CorpusSource
from tui.core.corpus.index.freshness import Stamp, date_of, is_corpus_name
from tui.core.corpus.records import (
    SEARCHED_KINDS,
    DocRecord,
    EntityRecord,
    EventRecord,
    MentionRecord,
)


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
    date_guessed: bool = False
    """The document's date is a guess (its note says so): shown with ``~``."""

    @property
    def folder(self) -> str:
        """The folder of the file relative to the corpus folder (``""`` at its top)."""
        return os.path.dirname(self.relative)

    @property
    def type_counts(self) -> dict[str, int]:
        """Entities per entity type."""
        counts: dict[str, int] = json.loads(self.type_counts_json)
        return counts


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def event_row(file_id: int, event: EventRecord) -> tuple[object, ...]:
    """One event's row, as both indexes store it (the shared index adds folded columns)."""
    return (
        file_id,
        event.id,
        event.type,
        event.realis,
        event.summary,
        event.date_text,
        iso(event.date_first),
        iso(event.date_last),
        event.trigger_start,
        event.trigger_end,
        event.passage_start,
        event.passage_end,
        event.sentence,
    )


def library_row(values: tuple[Any, ...], prefix: str) -> LibraryRow:
    """The row of the library's query; TypeError when it is not what gloss writes."""
    # Called for every article when the library opens: plain field access only.
    (file_id, path, kind, doc_id, title, date_text, date_first, entities, mentions) = values[:9]
    events, errors, warnings, type_counts, date_guessed, well_typed = values[9:]
    if well_typed != 1 or not is_corpus_name(path):
        raise TypeError(path)
    return LibraryRow(
        file_id=file_id,
        path=prefix + path,
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
        date_guessed=bool(date_guessed),
    )


def row_of(file_id: int, record: DocRecord, prefix: str) -> LibraryRow:
    """The library's row of a record just stored (``prefix``: the corpus folder as shown)."""
    return LibraryRow(
        file_id=file_id,
        path=prefix + record.path,
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
        date_guessed=record.date_guessed,
    )


def update_stamp(connection: sqlite3.Connection, relative: str, stamp: Stamp) -> None:
    """A file whose bytes did not change: only its stamp is new."""
    connection.execute(
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


def delete_file(connection: sqlite3.Connection, file_id: int) -> None:
    """Remove one file's rows from every table."""
    for table in ("entities", "links", "mentions", "events"):
        connection.execute(f"DELETE FROM {table} WHERE file_id = ?", (file_id,))
    connection.execute("DELETE FROM texts WHERE rowid = ?", (file_id,))
    connection.execute("DELETE FROM files WHERE id = ?", (file_id,))


def store_record(
    connection: sqlite3.Connection,
    relative: str,
    record: DocRecord,
    stamp: Stamp,
    problems: list[str],
) -> int:
    """Store one file's record (inside a write transaction); its row id.

    ``problems`` are the record's diagnostics with paths as the user would write them.
    """
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
        delete_file(connection, found[0])
    cursor = connection.execute(
        "INSERT INTO files (path, size, mtime_ns, hash, text_path, text_size, text_mtime_ns,"
        " text_hash, indexed_ns, kind, doc_id, title, date_text, date_first, date_last,"
        " date_guessed, entities, mentions, events, errors, warnings, type_counts, problems)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
            iso(record.date_first),
            iso(record.date_last),
            int(record.date_guessed),
            len(record.entities),
            len(record.mentions),
            len(record.events),
            record.errors,
            record.warnings,
            json.dumps(record.type_counts, sort_keys=True),
            json.dumps(problems),
        ),
    )
    file_id = int(cursor.lastrowid or 0)
    if record.kind not in SEARCHED_KINDS:
        return file_id
    connection.execute("INSERT INTO texts (rowid, text) VALUES (?, ?)", (file_id, record.text))
    connection.executemany(
        "INSERT INTO entities VALUES (?,?,?,?,?)",
        [(file_id, e.id, e.type, e.name, json.dumps(list(e.aliases))) for e in record.entities],
    )
    connection.executemany(
        "INSERT INTO links VALUES (?,?,?,?,?)",
        [(file_id, "entity", e.id, key, value) for e in record.entities for key, value in e.links]
        + [(file_id, "event", e.id, key, value) for e in record.events for key, value in e.links],
    )
    connection.executemany(
        "INSERT INTO mentions VALUES (?,?,?,?,?)",
        [(file_id, m.entity_id, m.start, m.end, m.sentence) for m in record.mentions],
    )
    connection.executemany(
        "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [event_row(file_id, e) for e in record.events],
    )
    return file_id


T = TypeVar("T", bound=Sequence[Any])

TEXT: tuple[type, ...] = (str,)
"""A column of text, in a row shape for :func:`shaped`."""
TEXT_OR_NONE: tuple[type, ...] = (str, type(None))
NUMBER: tuple[type, ...] = (int,)
"""A column of whole numbers (an integer, never text or a fraction)."""
_ENTITY_SHAPE = (TEXT, TEXT, TEXT, TEXT)
_LINK_SHAPE = (TEXT, TEXT, TEXT, TEXT)
_MENTION_SHAPE = (TEXT, NUMBER, NUMBER, NUMBER)
_EVENT_SHAPE = (
    TEXT,
    TEXT,
    TEXT,
    TEXT,
    TEXT_OR_NONE,
    TEXT_OR_NONE,
    TEXT_OR_NONE,
    *(NUMBER,) * 5,
)


def stored_aliases(stored: object) -> tuple[str, ...]:
    """An entity's aliases as stored (a JSON list of texts); ``ValueError`` otherwise."""
    if not isinstance(stored, str):
        raise ValueError("aliases that are not text")
    aliases = json.loads(stored)
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError("aliases that are not a list of texts")
    return tuple(aliases)


def shaped(rows: list[T], shape: tuple[tuple[type, ...], ...]) -> list[T]:
    """``rows``, checked: ``ValueError`` unless every row has the columns gloss writes, of
    their types.

    Rows of the cache are data from outside (anyone who can write the cache folder can
    write them): a number that is text would fail far from here, or show wrong offsets.
    """
    for row in rows:
        if len(row) != len(shape) or not all(
            type(value) in kinds for value, kinds in zip(row, shape, strict=True)
        ):
            raise ValueError("a row of the index that gloss did not write")
    return rows


def stored_record(
    connection: sqlite3.Connection, source: CorpusSource, file_id: int, *, links: bool
) -> DocRecord | None:
    """The record stored for ``file_id`` (paths as shown), or None if it is not indexed."""
    row = connection.execute(
        "SELECT path, kind, doc_id, title, text_path, date_text, date_first, date_last,"
        " errors, warnings, problems, type_counts, date_guessed FROM files WHERE id = ?",
        (file_id,),
    ).fetchone()
    if row is None:
        return None
    text_row = connection.execute("SELECT text FROM texts WHERE rowid = ?", (file_id,)).fetchone()
    entity_rows = connection.execute(
        "SELECT entity_id, type, name, aliases FROM entities WHERE file_id = ? ORDER BY rowid",
        (file_id,),
    ).fetchall()
    link_rows = (
        connection.execute(
            "SELECT owner_kind, owner_id, key, value FROM links WHERE file_id = ? ORDER BY rowid",
            (file_id,),
        ).fetchall()
        if links
        else []
    )
    mention_rows = connection.execute(
        'SELECT entity_id, start, "end", sentence FROM mentions WHERE file_id = ? ORDER BY rowid',
        (file_id,),
    ).fetchall()
    event_rows = connection.execute(
        "SELECT event_id, type, realis, summary, date_text, date_first, date_last,"
        " trigger_start, trigger_end, passage_start, passage_end, sentence"
        " FROM events WHERE file_id = ? ORDER BY rowid",
        (file_id,),
    ).fetchall()
    return record_of_rows(source, row, text_row, entity_rows, link_rows, mention_rows, event_rows)


def record_of_rows(
    source: CorpusSource,
    row: Sequence[Any],
    text_row: Sequence[Any] | None,
    entity_rows: list[Any],
    link_rows: list[Any],
    mention_rows: list[Any],
    event_rows: list[Any],
) -> DocRecord:
    """A record from its rows as stored (any backend), each checked: ``ValueError`` (or
    ``TypeError``) when one is not what gloss writes.

    ``row``: path, kind, doc id, title, text path, date text, first and last date, errors,
    warnings, problems, type counts (JSON) and whether the date is guessed (0 or 1);
    ``text_row``: the text, if any; the others
    as :func:`stored_record` selects them, in the order they were written.
    """
    shaped(entity_rows, _ENTITY_SHAPE)
    shaped(link_rows, _LINK_SHAPE)
    shaped(mention_rows, _MENTION_SHAPE)
    shaped(event_rows, _EVENT_SHAPE)
    if text_row is not None and not isinstance(text_row[0], str):
        raise ValueError("a text that is not text")
    links_of: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for owner_kind, owner, key, value in link_rows:
        links_of.setdefault((owner_kind, owner), []).append((key, value))
    path, kind, doc_id, title, text_path, date_text, date_first, date_last = row[:8]
    if type(row[12]) is not int:
        raise ValueError("a guess mark that is not a number")
    return DocRecord(
        path=source.shown(path),
        kind=kind,
        doc_id=doc_id,
        title=title,
        text_path=source.shown(text_path),
        date_text=date_text,
        date_first=date_of(date_first),
        date_last=date_of(date_last),
        text=text_row[0] if text_row else "",
        entities=tuple(
            EntityRecord(
                e[0],
                e[1],
                e[2],
                stored_aliases(e[3]),
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
                date_of(e[5]),
                date_of(e[6]),
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
        date_guessed=bool(row[12]),
    )
