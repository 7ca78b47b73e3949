"""One document's rows written to the shared database, in one short transaction.

Several gloss processes may index the same corpus at once. Each document is written in
its own transaction, which first takes an advisory lock on (corpus, path): two writers
of one document take turns, writers of different documents never wait for each other
but at the very end, where each adds one to the corpus's generation (the row lock on
``gloss.corpora`` is the last lock taken, so no two transactions can wait for each other
in a cycle). A reader sees a document's rows before or after a write, never half.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

from tui.core.corpus.index.freshness import Stamp
from tui.core.corpus.index.store import event_row, iso
from tui.core.corpus.query import words_of
from tui.core.corpus.records import SEARCHED_KINDS, DocRecord

if TYPE_CHECKING:
    import psycopg

MAX_WORDS_BYTES = 512 * 1024
"""A text with more distinct words than this (in bytes) keeps no word list: it is then a
candidate of every word search, and the matcher decides (a ``tsvector`` holds 1 MB)."""
MAX_LEXEME_BYTES = 2046
"""PostgreSQL's longest lexeme; a text with a longer word keeps no word list either."""

_STAMP_COLUMNS = "size, mtime_ns, hash, text_path, text_size, text_mtime_ns, text_hash"


def word_list(text: str) -> list[str] | None:
    """The distinct words the matcher sees in ``text``, or None when they cannot all be
    kept (then every word search reads this text)."""
    words = sorted(set(words_of(text)))
    total = 0
    for word in words:
        size = len(word.encode("utf-8"))
        if size > MAX_LEXEME_BYTES:
            return None
        total += size + 2
    return None if total > MAX_WORDS_BYTES else words


def lock_document(connection: psycopg.Connection[tuple[Any, ...]], corpus: int, path: str) -> None:
    """Take this transaction's turn at one document of one corpus."""
    connection.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (corpus, path))


def bump_generation(connection: psycopg.Connection[tuple[Any, ...]], corpus: int) -> None:
    """Count a file added or removed (the last statement of a writing transaction)."""
    connection.execute(
        "UPDATE gloss.corpora SET generation = generation + 1 WHERE id = %s", (corpus,)
    )


def update_stamp(
    connection: psycopg.Connection[tuple[Any, ...]], corpus: int, relative: str, stamp: Stamp
) -> None:
    """A file whose bytes did not change: only its stamp is new."""
    connection.execute(
        "UPDATE gloss.files SET size = %s, mtime_ns = %s, text_size = %s, text_mtime_ns = %s,"
        " indexed_ns = %s WHERE corpus = %s AND path = %s",
        (
            stamp.size,
            stamp.mtime_ns,
            stamp.text_size,
            stamp.text_mtime_ns,
            time.time_ns(),
            corpus,
            relative,
        ),
    )


def delete_file(connection: psycopg.Connection[tuple[Any, ...]], corpus: int, path: str) -> bool:
    """Remove one file's rows (inside a transaction); whether there were any."""
    lock_document(connection, corpus, path)
    gone = connection.execute(
        "DELETE FROM gloss.files WHERE corpus = %s AND path = %s RETURNING id", (corpus, path)
    ).fetchone()
    if gone is not None:
        bump_generation(connection, corpus)
    return gone is not None


def store_record(
    connection: psycopg.Connection[tuple[Any, ...]],
    corpus: int,
    relative: str,
    record: DocRecord,
    stamp: Stamp,
    problems: list[str],
) -> int:
    """Store one file's record (inside a transaction); its row id.

    A row another gloss stored meanwhile for these very bytes is kept as it is (with its
    id, which that gloss may be reading), as the embedded index does.
    """
    lock_document(connection, corpus, relative)
    found = connection.execute(
        f"SELECT id, {_STAMP_COLUMNS} FROM gloss.files WHERE corpus = %s AND path = %s",
        (corpus, relative),
    ).fetchone()
    same = (
        stamp.size,
        stamp.mtime_ns,
        stamp.hash,
        record.text_path,
        stamp.text_size,
        stamp.text_mtime_ns,
        stamp.text_hash,
    )
    if found is not None and tuple(found[1:]) == same:
        return int(found[0])
    if found is not None:
        connection.execute("DELETE FROM gloss.files WHERE id = %s", (found[0],))
    row = connection.execute(
        "INSERT INTO gloss.files (corpus, path, size, mtime_ns, hash, text_path, text_size,"
        " text_mtime_ns, text_hash, indexed_ns, kind, doc_id, title, date_text, date_first,"
        " date_last, entities, mentions, events, errors, warnings, type_counts, problems,"
        " doc_folded, path_folded, date_guessed) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s,"
        " %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (
            corpus,
            relative,
            *same[:3],
            *same[3:],
            time.time_ns(),
            record.kind,
            record.doc_id,
            record.title,
            record.date_text,
            iso(record.date_first),
            iso(record.date_last),
            len(record.entities),
            len(record.mentions),
            len(record.events),
            record.errors,
            record.warnings,
            json.dumps(record.type_counts, sort_keys=True),
            json.dumps(problems),
            f"{record.doc_id}\n{record.title}\n".lower(),
            relative.lower(),
            int(record.date_guessed),
        ),
    ).fetchone()
    assert row is not None
    file_id = int(row[0])
    if record.kind in SEARCHED_KINDS:
        _store_rows(connection, file_id, record)
    bump_generation(connection, corpus)
    return file_id


def _store_rows(
    connection: psycopg.Connection[tuple[Any, ...]], file_id: int, record: DocRecord
) -> None:
    words = word_list(record.text)
    connection.execute(
        "INSERT INTO gloss.texts (file_id, text, words) VALUES (%s, %s,"
        " CASE WHEN %s::text[] IS NULL THEN NULL ELSE array_to_tsvector(%s::text[]) END)",
        (file_id, record.text, words, words),
    )
    with connection.cursor() as cursor:
        _copy(
            cursor,
            "gloss.entities (file_id, entity_id, type, name, aliases, type_folded, names_folded)",
            [
                (
                    file_id,
                    e.id,
                    e.type,
                    e.name,
                    json.dumps(list(e.aliases)),
                    e.type.lower(),
                    sorted({n.lower() for n in (e.name, e.id, *e.aliases)}),
                )
                for e in record.entities
            ],
        )
        _copy(
            cursor,
            "gloss.links (file_id, owner_kind, owner_id, key, value)",
            [(file_id, "entity", e.id, k, v) for e in record.entities for k, v in e.links]
            + [(file_id, "event", e.id, k, v) for e in record.events for k, v in e.links],
        )
        _copy(
            cursor,
            'gloss.mentions (file_id, entity_id, start, "end", sentence)',
            [(file_id, m.entity_id, m.start, m.end, m.sentence) for m in record.mentions],
        )
        _copy(
            cursor,
            "gloss.events (file_id, event_id, type, realis, summary, date_text, date_first,"
            " date_last, trigger_start, trigger_end, passage_start, passage_end, sentence,"
            " type_folded, realis_folded)",
            [(*event_row(file_id, e), e.type.lower(), e.realis.lower()) for e in record.events],
        )


def _copy(cursor: psycopg.Cursor[tuple[Any, ...]], table: str, rows: list[tuple[Any, ...]]) -> None:
    """Rows into a table through ``COPY`` (many small rows: far fewer round trips)."""
    if not rows:
        return
    with cursor.copy(f"COPY {table} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
