"""The index of one corpus in a shared PostgreSQL database.

The same questions and freshness rules as the embedded index: a refresh stats every
file and reads only those whose size or mtime changed (a file whose hash is unchanged
is not parsed again); before hits of a file are shown, that file is checked again.
What differs is sharing: many corpora live in one database (keyed by their root), many
gloss processes index and read at once, each document is written in one transaction
of its own (:mod:`.writing`), and a document is read in one snapshot, so a reader sees
it before or after an update, never half. A refresh killed half-way leaves every
document it wrote: the next one goes on from there.

A connection lost while working is said once in :attr:`PostgresIndex.notices` and kept
in :attr:`PostgresIndex.failure`; from then on every read answers nothing, so the
library keeps what it shows and a command can say so and exit.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import tui.core.corpus.index.parallel as parallel
import tui.core.corpus.postgres.connection as server
import tui.core.corpus.postgres.schema as schema
import tui.core.corpus.postgres.writing as writing
from tui.core.corpus.discovery import CorpusSource, discover_folder
from tui.core.corpus.failures import StoreFailure
from tui.core.corpus.index.corpus_index import (
    DECODE_ERRORS,
    Progress,
    RefreshCounts,
    RefreshReport,
)
from tui.core.corpus.index.freshness import FileRow, IndexDamaged, Stamp, checked_row
from tui.core.corpus.index.search import SearchResult, collect_hits, search_with_types
from tui.core.corpus.index.store import LibraryRow, library_row, record_of_rows, row_of
from tui.core.corpus.matching import Hit, find_hits, needs_links
from tui.core.corpus.postgres.derived import PostgresDerived, Rows
from tui.core.corpus.query import QueryPlan
from tui.core.corpus.records import KIND_BARE, KIND_OTHER, SEARCHED_KINDS, DocRecord

if TYPE_CHECKING:
    import psycopg

T = TypeVar("T")

PAGE = 256
"""Candidate files fetched at a time while a search reads articles."""
FIRST_PAGE = 64
"""The first page of candidates is smaller: a first page of hits (50 articles) is often
found in it, and a filter the planner checks row by row stops sooner."""
RANDOM_PAGE_COST = "1.1"
"""The planner's cost of a page read out of order, for gloss's connections when the
server keeps PostgreSQL's default (4, for spinning disks): a search probes rows by
their keys, from an index that sits in memory; at 4, a word found in a few hundred
articles would be joined by reading every article's row instead."""
BATCHES = (16, 32, 64)
"""Articles read at once while a search goes on (the last size repeats): a first page
(50 articles with hits) takes a few reads of a few statements each, not eight round
trips per article, and reads little past what it shows."""
_RECORD_COLUMNS = (
    "path, kind, doc_id, title, text_path, date_text, date_first, date_last,"
    " errors, warnings, problems, type_counts, date_guessed"
)
_FILE_COLUMNS = (
    "id, path, size, mtime_ns, text_size, text_mtime_ns, indexed_ns, kind, hash,"
    " text_hash, text_path, date_first, date_last, 1"
)
_FILE_ROWS = f"SELECT {_FILE_COLUMNS} FROM gloss.files"
_LIBRARY_ROWS = (
    "SELECT id, path, kind, doc_id, title, date_text, date_first, entities, mentions, events,"
    " errors, warnings, type_counts, date_guessed, 1 FROM gloss.files"
)


def tsquery(plan: QueryPlan) -> str | None:
    """The plan's words as a ``tsquery`` that every file with hits matches (a superset:
    a phrase's words in any order), or None when the plan has no words.

    Every word is quoted; words are letters and digits only, so nothing the user types
    is read as query syntax.
    """
    parts = []
    for term in plan.terms:
        for number, word in enumerate(term.words):
            quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
            last = number == len(term.words) - 1
            parts.append(quoted + (":*" if term.prefix and last else ""))
    return " & ".join(parts) if parts else None


class PostgresIndex(PostgresDerived):
    """The index of one corpus in a PostgreSQL database (see the module's text)."""

    def __init__(
        self,
        source: CorpusSource,
        connection: psycopg.Connection[tuple[Any, ...]],
        address: str,
        corpus: int,
    ) -> None:
        self.source = source
        self.address = address
        """The address as given (with its password: never shown)."""
        self.location = server.shown_address(address)
        self.notices: list[str] = []
        self.failure: str | None = None
        """Why the connection was lost while working (None while it works)."""
        self.rebuilds = 0
        self.corpus = corpus
        """This corpus's row in ``gloss.corpora``."""
        self._connection = connection
        self._lock = threading.RLock()

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def connect(cls, source: CorpusSource, address: str) -> PostgresIndex:
        """The index of ``source`` in the database at ``address`` (made when need be).

        Raises:
            StoreFailure: the database cannot be used; the message says why in one line.
        """
        import psycopg

        connection = server.connect(address)
        shown = server.shown_address(address)
        try:
            schema.prepare(connection, shown)
            with connection.transaction():
                connection.execute(
                    "INSERT INTO gloss.corpora (root) VALUES (%s) ON CONFLICT (root) DO NOTHING",
                    (source.root,),
                )
                found = connection.execute(
                    "SELECT id FROM gloss.corpora WHERE root = %s", (source.root,)
                ).fetchone()
            _tune_planner(connection)
        except StoreFailure:
            connection.close()
            raise
        except psycopg.Error as error:
            connection.close()
            raise StoreFailure(server.lost(error, address)) from None
        assert found is not None
        return cls(source, connection, address, int(found[0]))

    def close(self) -> None:
        """Close the connection."""
        with self._lock, contextlib.suppress(Exception):
            self._connection.close()

    # -- the connection ------------------------------------------------------------------

    def _lost(self, error: Exception) -> None:
        if self.failure is None:
            self.failure = server.lost(error, self.address)
            self.notices.append(f"{self.failure}; showing what was read before")

    def _guarded(self, work: Callable[[psycopg.Connection[tuple[Any, ...]]], T], empty: T) -> T:
        """``work(connection)`` under the lock; ``empty`` once the connection is lost."""
        import psycopg

        with self._lock:
            if self.failure is not None:
                return empty
            try:
                return work(self._connection)
            except (psycopg.OperationalError, psycopg.InterfaceError) as error:
                self._lost(error)
                return empty

    def _read(self, sql: str, values: dict[str, object] | None = None) -> Rows:
        def work(connection: psycopg.Connection[tuple[Any, ...]]) -> Rows:
            return [tuple(row) for row in connection.execute(sql, values)]

        return self._guarded(work, [])

    def _write(self, work: Callable[[psycopg.Connection[tuple[Any, ...]]], None]) -> None:
        def in_transaction(connection: psycopg.Connection[tuple[Any, ...]]) -> None:
            with connection.transaction():
                work(connection)

        self._guarded(in_transaction, None)

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
        """One read-only transaction that sees the database as of its first read."""
        with self._lock, self._connection.transaction():
            self._connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield self._connection

    # -- reading ---------------------------------------------------------------------

    def shown_path(self, stored: str) -> str:
        """A path as stored (relative to the corpus folder) as the user would write it."""
        return self.source.shown(stored)

    def _shown_prefix(self) -> str:
        shown = self.source.display_root
        return "" if shown in ("", ".") else os.path.normpath(shown) + os.sep

    def answer(self, question: Callable[[], T]) -> T:
        """What ``question`` answers; a row that does not decode means the index of this
        corpus is damaged: it is rebuilt from the files, said once, and asked again."""
        rebuilds = self.rebuilds
        try:
            answer = question()
        except DECODE_ERRORS:
            self._rebuild()
        if self.rebuilds == rebuilds:
            return answer
        self.refresh()
        return question()

    def _rebuild(self) -> None:
        self.rebuilds += 1
        notice = f"the index of {self.source.root} in {self.location} was damaged; rebuilt it"
        if notice not in self.notices:
            self.notices.append(notice)

        def work(connection: psycopg.Connection[tuple[Any, ...]]) -> None:
            connection.execute("DELETE FROM gloss.files WHERE corpus = %s", (self.corpus,))
            writing.bump_generation(connection, self.corpus)

        self._write(work)

    def rows(self) -> list[LibraryRow]:
        """Every indexed article (not other YAML), as last indexed: no file is read."""
        found = self._read(
            f"{_LIBRARY_ROWS} WHERE corpus = %(corpus)s AND kind <> %(other)s"
            " ORDER BY coalesce(date_first, '9999'), path",
            self._values(other=KIND_OTHER),
        )
        prefix = self._shown_prefix()
        try:
            return [library_row(values, prefix) for values in found]
        except (ValueError, TypeError):
            self._rebuild()
            return []

    def problems(self, file_id: int) -> list[str]:
        """The diagnostics recorded for a file (paths as the user would write them)."""
        found = self._read(
            "SELECT problems FROM gloss.files WHERE corpus = %(corpus)s AND id = %(file)s",
            self._values(file=file_id),
        )
        return list(json.loads(str(found[0][0]))) if found else []

    def absolute_path(self, file_id: int) -> str | None:
        """The absolute path of an indexed annotation file."""
        found = self._read(
            "SELECT path FROM gloss.files WHERE corpus = %(corpus)s AND id = %(file)s",
            self._values(file=file_id),
        )
        return self.source.absolute(str(found[0][0])) if found else None

    def record(self, file_id: int, *, links: bool = True) -> DocRecord | None:
        """The stored record of a file (paths as shown), or None if it is not indexed."""
        try:
            return self._guarded(lambda _: self._stored_record(file_id, links=links), None)
        except (ValueError, TypeError, KeyError):
            self._rebuild()
            return None

    def _stored_record(self, file_id: int, *, links: bool) -> DocRecord | None:
        with self._snapshot() as connection:
            row = connection.execute(
                "SELECT path, kind, doc_id, title, text_path, date_text, date_first, date_last,"
                " errors, warnings, problems, type_counts, date_guessed FROM gloss.files"
                " WHERE corpus = %s AND id = %s",
                (self.corpus, file_id),
            ).fetchone()
            if row is None:
                return None
            text = connection.execute(
                "SELECT text FROM gloss.texts WHERE file_id = %s", (file_id,)
            ).fetchone()
            entities = connection.execute(
                "SELECT entity_id, type, name, aliases FROM gloss.entities"
                " WHERE file_id = %s ORDER BY id",
                (file_id,),
            ).fetchall()
            link_rows = (
                connection.execute(
                    "SELECT owner_kind, owner_id, key, value FROM gloss.links"
                    " WHERE file_id = %s ORDER BY id",
                    (file_id,),
                ).fetchall()
                if links
                else []
            )
            mentions = connection.execute(
                'SELECT entity_id, start, "end", sentence FROM gloss.mentions'
                " WHERE file_id = %s ORDER BY id",
                (file_id,),
            ).fetchall()
            events = connection.execute(
                "SELECT event_id, type, realis, summary, date_text, date_first, date_last,"
                " trigger_start, trigger_end, passage_start, passage_end, sentence"
                " FROM gloss.events WHERE file_id = %s ORDER BY id",
                (file_id,),
            ).fetchall()
        return record_of_rows(self.source, row, text, entities, link_rows, mentions, events)

    def record_by_path(self, shown_path: str) -> DocRecord | None:
        """The stored record of a file given as shown."""
        for file_id, path in self._read(
            "SELECT id, path FROM gloss.files WHERE corpus = %(corpus)s ORDER BY id",
            self._values(),
        ):
            if self.source.shown(str(path)) == shown_path:
                return self.record(int(str(file_id)))
        return None

    # -- writing ---------------------------------------------------------------------

    def _known(self) -> dict[str, FileRow]:
        found = self._read(f"{_FILE_ROWS} WHERE corpus = %(corpus)s", self._values())
        try:
            rows = [checked_row(values) for values in found]
        except (IndexDamaged, TypeError):
            self._rebuild()
            return {}
        return {row.path: row for row in rows}

    def refresh(self, progress: Progress | None = None) -> RefreshReport:
        """Bring this corpus's rows up to date with the files; parse only what changed.

        Each document is written in a transaction of its own: another gloss reading or
        indexing the same corpus meanwhile sees each document whole, and a refresh
        stopped half-way keeps what it wrote. As in the embedded index, the annotation
        files come first, then the texts none of them names (the bare texts, listed as
        not annotated); a text an annotation file names now loses its bare row with the
        rows that are not wanted.
        """
        if not self.source.discovered:
            self.source = discover_folder(self.source.display_root)
        source = self.source
        known = self._known()
        files = [name for name in source.files if _nameable(name, self.notices, source)]
        texts = [name for name in source.texts if _nameable(name, self.notices, source)]
        counts = RefreshCounts(total=len(files) + len(texts))
        named: set[str] = set()
        wanted = self._bring_up_to_date(files, known, progress, counts, named)
        named |= self._named_texts(wanted)
        bare = [name for name in texts if name not in named]
        counts.done += len(texts) - len(bare)
        if progress and len(bare) < len(texts):
            progress(counts.done, counts.total, None)
        if self.failure is None:
            wanted |= self._bring_up_to_date(bare, known, progress, counts, set())
        gone = [known[p].path for p in known if p not in wanted]
        for path in gone:
            self._delete(path)
        other, named_texts = self._others()
        stray = sum(
            1 for name in source.stray_files if name not in named_texts and name not in wanted
        )
        return RefreshReport(
            files=len(files) + len(bare),
            parsed=counts.parsed,
            unchanged=counts.unchanged,
            removed=len(gone),
            skipped=stray + other + len(source.files) - len(files),
        )

    def _bring_up_to_date(
        self,
        names: list[str],
        known: dict[str, FileRow],
        progress: Progress | None,
        counts: RefreshCounts,
        named: set[str],
    ) -> set[str]:
        """Index what changed of ``names`` (parse only that); the names still there.

        The texts that the records parsed here name are added to ``named``, stored or
        not (a document the database cannot hold still names its text).
        """
        source = self.source
        to_parse: list[str] = []
        wanted = set(names)
        for relative in names:
            old = known.get(relative)
            stamp = Stamp.of(source, relative, old)
            if stamp is None and not source.explicit:
                wanted.discard(relative)  # vanished since discovery
            elif old is not None and stamp is not None and stamp.fresh_by_stat(old):
                counts.unchanged += 1
            elif old is not None and stamp is not None and stamp.same_content(source, old):
                counts.unchanged += 1
                self._update_stamp(relative, stamp)
            else:
                to_parse.append(relative)
                continue
            counts.done += 1
            if progress:
                progress(counts.done, counts.total, None)
        counts.parsed += len(to_parse)
        for relative, record, stamp in parallel.parse_all(source, to_parse):
            if self.failure is not None:
                break
            if record.kind != KIND_BARE and record.text_path:
                named.add(record.text_path)
            file_id = self._store(relative, record, stamp)
            counts.done += 1
            if progress:
                shown = None
                if file_id is not None and record.kind != KIND_OTHER:
                    shown = row_of(file_id, record, self._shown_prefix())
                progress(counts.done, counts.total, shown)
        return wanted

    def _named_texts(self, wanted: set[str]) -> set[str]:
        """The texts that the corpus's annotation files (those in ``wanted``) name."""
        found = self._read(
            "SELECT path, text_path FROM gloss.files WHERE corpus = %(corpus)s"
            " AND kind <> %(bare)s",
            self._values(bare=KIND_BARE),
        )
        return {str(text) for path, text in found if text and path in wanted}

    def _update_stamp(self, relative: str, stamp: Stamp) -> None:
        def work(connection: psycopg.Connection[tuple[Any, ...]]) -> None:
            writing.update_stamp(connection, self.corpus, relative, stamp)

        self._write(work)

    def _delete(self, path: str) -> None:
        def work(connection: psycopg.Connection[tuple[Any, ...]]) -> None:
            writing.delete_file(connection, self.corpus, path)

        self._write(work)

    def _others(self) -> tuple[int, set[str]]:
        found = self._read(
            "SELECT kind, text_path FROM gloss.files WHERE corpus = %(corpus)s", self._values()
        )
        return (
            sum(1 for kind, _ in found if kind == KIND_OTHER),
            {str(text_path) for _, text_path in found},
        )

    def _store(self, relative: str, record: DocRecord, stamp: Stamp) -> int | None:
        """Store one file's record in its own transaction; its row id (None: not stored)."""
        import psycopg

        problems = [self._shown_problem(problem) for problem in record.problems]
        stored: list[int] = []

        def work(connection: psycopg.Connection[tuple[Any, ...]]) -> None:
            stored.append(
                writing.store_record(connection, self.corpus, relative, record, stamp, problems)
            )

        try:
            self._write(work)
        except psycopg.DataError as error:
            # Text PostgreSQL cannot hold (a NUL character): this file is left out.
            shown = self.source.shown(relative)
            first = server.without_secret(str(error), self.address).split(" DETAIL: ")[0]
            self.notices.append(f"{shown}: cannot be stored in the database ({first}); skipped it")
            return None
        return stored[0] if stored else None

    def _shown_problem(self, problem: str) -> str:
        root = self.source.root + os.sep
        if problem.startswith(root):
            return self.source.shown(problem[len(root) :])
        return problem

    # -- searching -------------------------------------------------------------------

    def candidates(self, plan: QueryPlan) -> Iterator[int]:
        """Files that may hold hits (a superset), in library order (date, then path).

        Pages follow the library order by its key (date, path), so each page is one
        walk of the order index from where the last one stopped.
        """
        query = self._candidate_query(plan)
        if query is None:
            return
        sql, values = query
        after: tuple[str, str] = ("", "")
        first = True
        while True:
            size = FIRST_PAGE if first else PAGE
            page = self._read(
                sql.replace(
                    "{after}",
                    "TRUE"
                    if first
                    else "(coalesce(f.date_first, '9999'),"
                    " f.path) > (%(after_date)s, %(after_path)s)",
                ),
                {**values, "after_date": after[0], "after_path": after[1], "limit": size},
            )
            first = False
            yield from (int(str(row[0])) for row in page)
            if len(page) < size:
                return
            after = (str(page[-1][1]), str(page[-1][2]))

    def _candidate_query(self, plan: QueryPlan) -> tuple[str, dict[str, object]] | None:
        # Bare texts too: their words are searched (they have no entities or events).
        clauses = ["f.corpus = %(corpus)s", "f.kind = ANY(%(searched)s)"]
        values: dict[str, object] = self._values(searched=list(SEARCHED_KINDS))
        words = tsquery(plan)
        if words is not None:
            # EXISTS, not IN: the planner may then walk the library order and stop at a
            # page for a common word, and go through the word index for a rare one.
            clauses.append(
                "EXISTS (SELECT 1 FROM gloss.texts t WHERE t.file_id = f.id"
                " AND (t.words @@ %(words)s::tsquery OR t.words IS NULL))"
            )
            values["words"] = words
        if plan.entity_filtered:
            tests = []
            if plan.types:
                tests.append("e.type_folded = ANY(%(types)s)")
                values["types"] = sorted({kind.lower() for kind in plan.types})
            if plan.entities:
                linked = ""
                if needs_links(plan):
                    # entity:@KEY:VALUE: the entities holding that link, whatever their name.
                    linked = (
                        " OR EXISTS (SELECT 1 FROM gloss.links l WHERE l.file_id = e.file_id"
                        " AND l.owner_kind = 'entity' AND l.owner_id = e.entity_id"
                        " AND lower('@' || l.key || ':' || btrim(l.value)) = ANY(%(names)s))"
                    )
                tests.append(f"(e.names_folded && %(names)s::text[]{linked})")
                values["names"] = sorted({name.lower() for name in plan.entities})
            clauses.append(
                "EXISTS (SELECT 1 FROM gloss.entities e WHERE e.file_id = f.id"
                f" AND {' AND '.join(tests)})"
            )
        if plan.event_filtered:
            tests = ["TRUE"]
            # Triggers are alternatives to the types, and not in this table.
            if plan.event_types and not plan.triggers:
                tests.append(
                    "(v.type_folded = ANY(%(kinds)s) OR EXISTS (SELECT 1 FROM"
                    " unnest(%(kinds)s::text[]) w WHERE starts_with(v.type_folded, w || '.')))"
                )
                values["kinds"] = sorted({kind.lower() for kind in plan.event_types})
            if plan.realis:
                tests.append("v.realis_folded = ANY(%(realis)s)")
                values["realis"] = sorted(set(plan.realis))
            clauses.append(
                "EXISTS (SELECT 1 FROM gloss.events v WHERE v.file_id = f.id"
                f" AND {' AND '.join(tests)})"
            )
            trigger = tsquery(QueryPlan(terms=plan.triggers))
            if len(plan.triggers) == 1 and not plan.event_types and trigger is not None:
                # A trigger's word is a word of the text: only files holding it.
                clauses.append(
                    "EXISTS (SELECT 1 FROM gloss.texts w WHERE w.file_id = f.id"
                    " AND (w.words @@ %(trigger)s::tsquery OR w.words IS NULL))"
                )
                values["trigger"] = trigger
        if len(clauses) == 2:
            return None
        if plan.has_date:
            clauses.append("f.date_first IS NOT NULL")
            if plan.date_first is not None:
                clauses.append("f.date_last >= %(date_first)s")
                values["date_first"] = plan.date_first.isoformat()
            if plan.date_last is not None:
                clauses.append("f.date_first <= %(date_last)s")
                values["date_last"] = plan.date_last.isoformat()
        if plan.docs:
            # As the matcher does: id, title and path as shown, folded as Python folds.
            clauses.append(
                "EXISTS (SELECT 1 FROM unnest(%(docs)s::text[]) n"
                " WHERE strpos(f.doc_folded || %(shown)s || f.path_folded, n) > 0)"
            )
            values["docs"] = sorted({needle.lower() for needle in plan.docs})
            values["shown"] = self._shown_prefix().lower()
        sql = (
            "SELECT f.id, coalesce(f.date_first, '9999'), f.path FROM gloss.files f WHERE "
            + " AND ".join(clauses)
            + " AND {after} ORDER BY coalesce(f.date_first, '9999'), f.path LIMIT %(limit)s"
        )
        return sql, values

    def search(
        self, plan: QueryPlan, *, limit: int | None = 1000, documents_limit: int | None = None
    ) -> SearchResult:
        """The plan's hits, ranked; each file with hits is checked to be fresh first.

        Candidates are read in batches (:data:`BATCHES`), each in one snapshot; an
        article whose rows do not decode is read again alone, which says it is damaged.
        """

        def run(resolved: QueryPlan) -> SearchResult:
            links = needs_links(resolved)
            read: dict[int, tuple[DocRecord, FileRow]] = {}

            def in_batches() -> Iterator[int]:
                batch: list[int] = []
                sizes = iter(BATCHES)
                size = next(sizes)
                for file_id in self.candidates(resolved):
                    batch.append(file_id)
                    if len(batch) == size:
                        read.clear()
                        read.update(self._read_batch(batch, links=links))
                        yield from batch
                        batch = []
                        size = next(sizes, size)
                if batch:
                    read.clear()
                    read.update(self._read_batch(batch, links=links))
                    yield from batch

            return collect_hits(
                in_batches(),
                lambda file_id: self._fresh_hits(file_id, resolved, read.get(file_id)),
                limit=limit,
                documents_limit=documents_limit,
            )

        return search_with_types(plan, self.known_types, run)

    def _read_batch(
        self, file_ids: list[int], *, links: bool = False
    ) -> dict[int, tuple[DocRecord, FileRow]]:
        """The records (with their links when ``links``) and stamps of these files, read
        in one snapshot; a file whose rows do not decode is left out."""

        def work(_: object) -> dict[int, tuple[DocRecord, FileRow]]:
            with self._snapshot() as connection:
                values = {"corpus": self.corpus, "ids": file_ids}

                def grouped(sql: str) -> dict[int, list[tuple[Any, ...]]]:
                    rows: dict[int, list[tuple[Any, ...]]] = {}
                    for row in connection.execute(sql, values):
                        rows.setdefault(row[0], []).append(tuple(row[1:]))
                    return rows

                files = grouped(
                    f"SELECT id, {_RECORD_COLUMNS}, {_FILE_COLUMNS}"
                    " FROM gloss.files WHERE corpus = %(corpus)s AND id = ANY(%(ids)s)"
                )
                where = " WHERE file_id = ANY(%(ids)s) ORDER BY file_id, id"
                texts = grouped(
                    "SELECT file_id, text FROM gloss.texts WHERE file_id = ANY(%(ids)s)"
                )
                entities = grouped(
                    "SELECT file_id, entity_id, type, name, aliases FROM gloss.entities" + where
                )
                link_rows = (
                    grouped(
                        "SELECT file_id, owner_kind, owner_id, key, value FROM gloss.links" + where
                    )
                    if links
                    else {}
                )
                mentions = grouped(
                    'SELECT file_id, entity_id, start, "end", sentence FROM gloss.mentions' + where
                )
                events = grouped(
                    "SELECT file_id, event_id, type, realis, summary, date_text, date_first,"
                    " date_last, trigger_start, trigger_end, passage_start, passage_end,"
                    " sentence FROM gloss.events" + where
                )
            found: dict[int, tuple[DocRecord, FileRow]] = {}
            width = len(_RECORD_COLUMNS.split(","))
            for file_id, (row,) in files.items():
                try:
                    record = record_of_rows(
                        self.source,
                        row[:width],
                        (texts[file_id][0] if file_id in texts else None),
                        entities.get(file_id, []),
                        link_rows.get(file_id, []),
                        mentions.get(file_id, []),
                        events.get(file_id, []),
                    )
                    found[int(file_id)] = (record, checked_row(row[width:]))
                except (ValueError, TypeError, KeyError, IndexDamaged):
                    continue  # read again alone, which rebuilds a damaged index
            return found

        return self._guarded(work, {})

    def _fresh_hits(
        self, file_id: int, plan: QueryPlan, read: tuple[DocRecord, FileRow] | None = None
    ) -> list[Hit]:
        record = self.record(file_id, links=needs_links(plan)) if read is None else read[0]
        if record is None:
            return []
        found = find_hits(record, plan)
        if found and self._reindex_if_changed(file_id, None if read is None else read[1]):
            record = self.record_by_path(record.path)
            return [] if record is None else find_hits(record, plan)
        return found

    def _reindex_if_changed(self, file_id: int, stamped: FileRow | None = None) -> bool:
        """Check one file against its stamp (read now unless given); re-index it if it
        changed. True if it did."""
        if stamped is not None:
            return self._reindex_if_stale(stamped)
        found = self._read(f"{_FILE_ROWS} WHERE id = %(file)s", self._values(file=file_id))
        try:
            old = checked_row(found[0]) if found else None
        except IndexDamaged:
            self._rebuild()
            self.refresh()
            return True
        return old is not None and self._reindex_if_stale(old)

    def _reindex_if_stale(self, old: FileRow) -> bool:
        """Re-index the file of ``old`` if it no longer matches it. True if it did."""
        stamp = Stamp.of(self.source, old.path, old)
        if stamp is not None and (stamp.fresh_by_stat(old) or stamp.same_content(self.source, old)):
            return False
        if stamp is None and not self.source.explicit:
            self._delete(old.path)
            return True
        _, record, fresh = parallel.parse_one(self.source, old.path)
        self._store(old.path, record, fresh)
        return True


def _tune_planner(connection: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Tell the planner that reads out of order are cheap (:data:`RANDOM_PAGE_COST`),
    unless whoever runs the server chose a value of their own."""
    found = connection.execute("SELECT current_setting('random_page_cost')").fetchone()
    if found is not None and str(found[0]) == "4":
        connection.execute(f"SET random_page_cost = {RANDOM_PAGE_COST}")


def _nameable(relative: str, notices: list[str], source: CorpusSource) -> bool:
    """Whether the database can hold this name (valid UTF-8); a notice when not."""
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(source.shown(relative)).decode("utf-8", "replace")
        notices.append(f"{shown}: the name is not valid UTF-8; skipped it")
        return False
    return True
