"""The shared database's tables, in their own schema ``gloss``, versioned and migrated.

One database holds many corpora: ``gloss.corpora`` has one row per corpus root, and
every row of the other tables belongs to one corpus (directly, or through its file).
Text is searched through a ``tsvector`` of the words the matcher sees (the lower-cased
runs of letters and digits of :func:`tui.core.corpus.query.words_of`) under a GIN index;
names, types and ``doc:`` texts are kept folded as the matcher folds them, with
``pg_trgm`` indexes for the substring searches (``doc:``, the entity index's filter).

:data:`MIGRATIONS` lists the steps from an empty database: step ``n`` brings a database
at version ``n`` to ``n + 1``. Opening runs the missing steps under an advisory lock
(several gloss processes opening a new database at once create it once); a database
made by a newer gloss is refused rather than changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.core.corpus.failures import StoreFailure

if TYPE_CHECKING:
    import psycopg

SCHEMA_LOCK = 0x676C6F73
"""The advisory lock held while the schema is checked or migrated ("glos")."""

_VERSION_1 = """
CREATE SCHEMA IF NOT EXISTS gloss;
CREATE TABLE gloss.version (
    one boolean PRIMARY KEY DEFAULT true CHECK (one), version integer NOT NULL
);
INSERT INTO gloss.version VALUES (true, 0);
CREATE FUNCTION gloss.nocase(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN translate(value, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
CREATE TABLE gloss.corpora (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    root text COLLATE "C" NOT NULL UNIQUE,
    generation bigint NOT NULL DEFAULT 0
);
CREATE TABLE gloss.group_stamps (
    corpus integer PRIMARY KEY REFERENCES gloss.corpora ON DELETE CASCADE,
    stamp text NOT NULL
);
CREATE TABLE gloss.files (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    corpus integer NOT NULL REFERENCES gloss.corpora ON DELETE CASCADE,
    path text COLLATE "C" NOT NULL,
    size bigint NOT NULL, mtime_ns bigint NOT NULL, hash text NOT NULL,
    text_path text COLLATE "C" NOT NULL,
    text_size bigint NOT NULL, text_mtime_ns bigint NOT NULL, text_hash text NOT NULL,
    indexed_ns bigint NOT NULL,
    kind text NOT NULL, doc_id text NOT NULL, title text NOT NULL,
    date_text text, date_first text COLLATE "C", date_last text COLLATE "C",
    entities integer NOT NULL, mentions integer NOT NULL, events integer NOT NULL,
    errors integer NOT NULL, warnings integer NOT NULL,
    type_counts text NOT NULL, problems text NOT NULL,
    doc_folded text NOT NULL, path_folded text NOT NULL,
    UNIQUE (corpus, path)
);
CREATE INDEX files_order ON gloss.files (corpus, (coalesce(date_first, '9999')), path);
CREATE TABLE gloss.texts (
    file_id bigint PRIMARY KEY REFERENCES gloss.files ON DELETE CASCADE,
    text text NOT NULL,
    words tsvector
);
CREATE INDEX texts_words ON gloss.texts USING gin (words);
CREATE TABLE gloss.entities (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_id bigint NOT NULL REFERENCES gloss.files ON DELETE CASCADE,
    entity_id text NOT NULL, type text NOT NULL, name text NOT NULL, aliases text NOT NULL,
    type_folded text NOT NULL, names_folded text[] NOT NULL
);
CREATE INDEX entities_file ON gloss.entities (file_id);
CREATE INDEX entities_type ON gloss.entities (type_folded);
CREATE INDEX entities_names ON gloss.entities USING gin (names_folded);
CREATE TABLE gloss.links (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_id bigint NOT NULL REFERENCES gloss.files ON DELETE CASCADE,
    owner_kind text NOT NULL, owner_id text NOT NULL, key text NOT NULL, value text NOT NULL
);
CREATE INDEX links_file ON gloss.links (file_id);
CREATE INDEX links_key_value ON gloss.links (key, (btrim(value)));
CREATE TABLE gloss.mentions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_id bigint NOT NULL REFERENCES gloss.files ON DELETE CASCADE,
    entity_id text NOT NULL, start integer NOT NULL, "end" integer NOT NULL,
    sentence integer NOT NULL
);
CREATE INDEX mentions_entity ON gloss.mentions (file_id, entity_id);
CREATE INDEX mentions_sentence ON gloss.mentions (file_id, sentence);
CREATE TABLE gloss.events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_id bigint NOT NULL REFERENCES gloss.files ON DELETE CASCADE,
    event_id text NOT NULL, type text NOT NULL, realis text NOT NULL, summary text NOT NULL,
    date_text text, date_first text COLLATE "C", date_last text COLLATE "C",
    trigger_start integer NOT NULL, trigger_end integer NOT NULL,
    passage_start integer NOT NULL, passage_end integer NOT NULL, sentence integer NOT NULL,
    type_folded text NOT NULL, realis_folded text NOT NULL
);
CREATE INDEX events_file ON gloss.events (file_id);
CREATE INDEX events_type ON gloss.events (type_folded text_pattern_ops);
CREATE TABLE gloss.members (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    corpus integer NOT NULL REFERENCES gloss.corpora ON DELETE CASCADE,
    file_id bigint NOT NULL, kind text NOT NULL, owner_id text NOT NULL,
    exact text COLLATE "C" NOT NULL, guessed text COLLATE "C" NOT NULL
);
CREATE INDEX members_exact ON gloss.members (corpus, exact);
CREATE INDEX members_guessed ON gloss.members (corpus, guessed);
CREATE INDEX members_owner ON gloss.members (file_id, owner_id);
CREATE TABLE gloss.groups (
    corpus integer NOT NULL REFERENCES gloss.corpora ON DELETE CASCADE,
    mode text NOT NULL, key text COLLATE "C" NOT NULL, kind text NOT NULL, type text NOT NULL,
    name text NOT NULL, links text NOT NULL, documents integer NOT NULL,
    mentions integer NOT NULL, first_date text COLLATE "C", last_date text COLLATE "C",
    guessed integer NOT NULL, seq integer NOT NULL,
    PRIMARY KEY (corpus, mode, key)
);
CREATE INDEX groups_mentions ON gloss.groups (corpus, mode, kind, mentions DESC);
CREATE INDEX groups_name ON gloss.groups USING gin (gloss.nocase(name) gin_trgm_ops);
CREATE INDEX groups_type ON gloss.groups USING gin (gloss.nocase(type) gin_trgm_ops);
CREATE INDEX groups_links ON gloss.groups USING gin (gloss.nocase(links) gin_trgm_ops);
CREATE INDEX texts_unsure ON gloss.texts (file_id) WHERE words IS NULL;
"""

_VERSION_2 = """
ALTER TABLE gloss.files ADD COLUMN date_guessed integer NOT NULL DEFAULT 0;
UPDATE gloss.files SET mtime_ns = -1, hash = '';
"""
"""Whether an article's date is a guess (its note says so), for the library's ``~``. The
files indexed before it are read again (their stamps no longer match), so each gets it."""

MIGRATIONS: tuple[str, ...] = (_VERSION_1, _VERSION_2)
"""The steps from an empty database; the schema's version is their number."""
SCHEMA_VERSION = len(MIGRATIONS)


def _has_trigram(connection: psycopg.Connection[tuple[Any, ...]]) -> bool:
    found = connection.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
    return found is not None


def prepare(connection: psycopg.Connection[tuple[Any, ...]], shown: str) -> None:
    """Check the database and bring its schema to :data:`SCHEMA_VERSION`.

    Raises:
        StoreFailure: no ``pg_trgm`` (and no right to create it), a schema made by a
            newer gloss, or no right to create the schema.
    """
    import psycopg

    try:
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            version = _version(connection)
            if version == SCHEMA_VERSION:
                return
            if version > SCHEMA_VERSION:
                raise StoreFailure(
                    f"the database {shown} was made by a newer gloss (schema {version};"
                    f" this gloss knows {SCHEMA_VERSION})"
                )
            if not _has_trigram(connection):
                _create_trigram(connection, shown)
            for step in MIGRATIONS[version:]:
                connection.execute(step)
            connection.execute("UPDATE gloss.version SET version = %s", (SCHEMA_VERSION,))
    except psycopg.errors.InsufficientPrivilege:
        raise StoreFailure(
            f"the user of {shown} may not create gloss's tables (grant it CREATE on the"
            " database, or let its owner run gloss once)"
        ) from None


def _version(connection: psycopg.Connection[tuple[Any, ...]]) -> int:
    found = connection.execute(
        "SELECT 1 FROM information_schema.tables"
        " WHERE table_schema = 'gloss' AND table_name = 'version'"
    ).fetchone()
    if found is None:
        return 0
    row = connection.execute("SELECT version FROM gloss.version").fetchone()
    return int(row[0]) if row else 0


def _create_trigram(connection: psycopg.Connection[tuple[Any, ...]], shown: str) -> None:
    import psycopg

    try:
        with connection.transaction():
            connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except psycopg.Error:
        raise StoreFailure(
            f"the database {shown} has no pg_trgm extension, and this user cannot add it"
            " (run CREATE EXTENSION pg_trgm as its owner; Debian ships it with postgresql)"
        ) from None
