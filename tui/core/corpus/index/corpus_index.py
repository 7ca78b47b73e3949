"""The index of one corpus: opening it, refreshing it from the files, reading and searching."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

# Called through their modules, so that tests can stand in for a worker or a connection.
import tui.core.corpus.index.parallel as parallel
import tui.core.corpus.index.schema as schema
from tui.core.corpus.discovery import CorpusSource, discover_folder
from tui.core.corpus.index.derived import DerivedQueries
from tui.core.corpus.index.freshness import (
    ROW_IS_WELL_TYPED,
    SELECT_FILE_ROWS,
    FileRow,
    IndexDamaged,
    Stamp,
    checked_row,
)
from tui.core.corpus.index.schema import CacheFailure, index_path, reset_schema
from tui.core.corpus.index.search import (
    PAGE,
    SearchResult,
    candidate_query,
    collect_hits,
    search_with_types,
)
from tui.core.corpus.index.store import (
    LibraryRow,
    delete_file,
    library_row,
    row_of,
    store_record,
    stored_record,
    update_stamp,
)
from tui.core.corpus.matching import Hit, find_hits, needs_links
from tui.core.corpus.query import QueryPlan
from tui.core.corpus.records import KIND_BARE, KIND_OTHER, DocRecord

_BATCH = 200
"""Files written per transaction while indexing."""


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """What a refresh did."""

    files: int
    """Annotation files and bare texts."""
    parsed: int
    unchanged: int
    removed: int
    skipped: int
    """Stray files and YAML files that are not gloss files."""


@dataclass(slots=True)
class RefreshCounts:
    """What a refresh has done so far, over its passes."""

    total: int
    done: int = 0
    parsed: int = 0
    unchanged: int = 0


Progress = Callable[[int, int, "LibraryRow | None"], None]
"""Called as ``progress(done, total, row)`` while indexing; ``row`` is None for skipped files."""


T = TypeVar("T")

DECODE_ERRORS = (TypeError, ValueError, KeyError, IndexError)
r"""What reading a row that gloss did not write raises (``json`` and ``UnicodeDecodeError``
are ``ValueError``\ s)."""


class CorpusIndex(DerivedQueries):
    """The index of one corpus; every method is safe to call from any one thread at a time."""

    def __init__(self, source: CorpusSource, connection: sqlite3.Connection, location: str) -> None:
        self.source = source
        self.location = location
        """The database file, or ``:memory:``."""
        self.notices: list[str] = []
        """One line per cache problem met (and what gloss did instead)."""
        self.rebuilds = 0
        """How many times the index was found damaged and rebuilt while open."""
        self.failure: str | None = None
        """Always None: a failing cache falls back to memory and goes on."""
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
        return cls(source, schema.in_memory_connection(source.root), ":memory:")

    @classmethod
    def _open_file(cls, source: CorpusSource, path: Path, timeout: float) -> CorpusIndex:
        connection, notice = schema.open_file(path, source.root, timeout)
        index = cls(source, connection, str(path))
        if notice:
            index.notices.append(notice)
        return index

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._connection.close()

    # -- failures while working ------------------------------------------------------

    def _fall_back(self, error: sqlite3.Error) -> None:
        """Move to an in-memory index after the disk failed mid-way; it is refilled later."""
        what = "the disk is full" if schema.is_full(error) else f"the index failed ({error})"
        self.notices.append(f"{what}; using an in-memory index this time")
        with contextlib.suppress(sqlite3.Error):
            self._connection.close()
        memory = CorpusIndex.in_memory(self.source)
        self._connection = memory._connection
        self.location = ":memory:"

    def answer(self, question: Callable[[], T]) -> T:
        """What ``question`` (a read of this index) answers.

        The index is data from outside: a row that does not decode as gloss wrote it (a
        number that is text, aliases that are not JSON, a missing column) raises one of
        :data:`DECODE_ERRORS` somewhere in the reading. That means the index is damaged:
        it is rebuilt from the files, said once in :attr:`notices`, and asked again.
        """
        rebuilds = self.rebuilds
        try:
            answer = question()
        except DECODE_ERRORS:
            self._rebuild()
        if self.rebuilds == rebuilds:
            return answer
        # Damage was found (here, or by a read that rebuilt the index and skipped the
        # file it was reading): answer again from the files.
        self.refresh()
        return question()

    def _rebuild(self) -> None:
        """A row failed its checks: the index is damaged. Empty it (the next refresh fills
        it again) and say so, once."""
        self.rebuilds += 1
        notice = f"the index {self.location} was damaged; rebuilt it"
        if notice not in self.notices:
            self.notices.append(notice)
        with self._lock:
            try:
                with self._transaction() as connection:
                    reset_schema(connection, self.source.root)
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
                    " mentions, events, errors, warnings, type_counts, date_guessed,"
                    f" {ROW_IS_WELL_TYPED}"
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

    def shown_path(self, stored: str) -> str:
        """A path as stored (relative to the corpus folder) as the user would write it."""
        return self.source.shown(stored)

    def _shown_prefix(self) -> str:
        shown = self.source.display_root
        return "" if shown in ("", ".") else os.path.normpath(shown) + os.sep

    def _row(self, values: tuple[Any, ...], prefix: str | None = None) -> LibraryRow:
        return library_row(values, self._shown_prefix() if prefix is None else prefix)

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
            return stored_record(self._connection, self.source, file_id, links=links)

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
            found = self._connection.execute(SELECT_FILE_ROWS).fetchall()
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
                SELECT_FILE_ROWS + " WHERE id = ?", (file_id,)
            ).fetchone()
        return None if found is None else checked_row(found)

    def _refresh(self, progress: Progress | None) -> RefreshReport:
        if not self.source.discovered:
            self.source = discover_folder(self.source.display_root)
        source = self.source
        known = self._known()
        files = self._nameable(source, source.files)
        texts = self._nameable(source, source.texts)
        counts = RefreshCounts(total=len(files) + len(texts))
        wanted = self._bring_up_to_date(files, known, progress, counts)
        # Then the texts no annotation file names (those just indexed, or unchanged):
        # the bare texts, listed as not annotated. A text a YAML file names now loses
        # its bare row with the rows that are not wanted.
        named = self._named_texts(wanted)
        bare = [name for name in texts if name not in named]
        counts.done += len(texts) - len(bare)
        if progress and len(bare) < len(texts):
            progress(counts.done, counts.total, None)
        wanted |= self._bring_up_to_date(bare, known, progress, counts)
        with self._transaction():
            gone = [known[p].id for p in known if p not in wanted]
            for file_id in gone:
                self._delete(file_id)
            other = self._connection.execute(
                "SELECT count(*) FROM files WHERE kind = ?", (KIND_OTHER,)
            ).fetchone()[0]
            named_texts = {
                row[0] for row in self._connection.execute("SELECT text_path FROM files")
            }
        stray = sum(
            1 for name in source.stray_files if name not in named_texts and name not in wanted
        )
        return RefreshReport(
            files=len(files) + len(bare),
            parsed=counts.parsed,
            unchanged=counts.unchanged,
            removed=len(gone),
            skipped=stray + int(other) + len(source.files) - len(files),
        )

    def _bring_up_to_date(
        self,
        names: list[str],
        known: dict[str, FileRow],
        progress: Progress | None,
        counts: RefreshCounts,
    ) -> set[str]:
        """Index what changed of ``names`` (parse only that); the names still there."""
        source = self.source
        total = counts.total
        pending: list[tuple[str, DocRecord | None, Stamp]] = []
        to_parse: list[str] = []
        wanted = set(names)
        # First pass: stat everything, hash what changed; parse nothing yet.
        for relative in names:
            old = known.get(relative)
            stamp = Stamp.of(source, relative, old)
            if stamp is None and not source.explicit:
                wanted.discard(relative)  # vanished since discovery
            elif old is not None and stamp is not None and stamp.fresh_by_stat(old):
                counts.unchanged += 1
            elif old is not None and stamp is not None and stamp.same_content(source, old):
                counts.unchanged += 1
                pending.append((relative, None, stamp))
            else:
                to_parse.append(relative)
                continue
            counts.done += 1
            if progress and not pending:
                progress(counts.done, total, None)
        self._write(pending, progress, counts.done - len(pending), total)
        # Second pass: parse what changed (in worker processes when there is a lot).
        pending = []
        counts.parsed += len(to_parse)
        if len(to_parse) >= _BATCH:
            # Many inserts into several indexes: a larger page cache while they last.
            with self._lock:
                self._connection.execute("PRAGMA cache_size = -65536")
        for relative, record, stamp in parallel.parse_all(source, to_parse):
            pending.append((relative, record, stamp))
            if len(pending) >= _BATCH:
                self._write(pending, progress, counts.done, total)
                counts.done += len(pending)
                pending = []
        self._write(pending, progress, counts.done, total)
        counts.done += len(pending)
        with self._lock:
            self._connection.execute("PRAGMA cache_size = -2000")  # back to the default
        return wanted

    def _named_texts(self, wanted: set[str]) -> set[str]:
        """The texts that the corpus's annotation files (those in ``wanted``) name."""
        with self._lock:
            found = self._connection.execute(
                "SELECT path, text_path FROM files WHERE kind != ?", (KIND_BARE,)
            ).fetchall()
        return {text for path, text in found if text and path in wanted}

    def _nameable(self, source: CorpusSource, names: tuple[str, ...]) -> list[str]:
        """The corpus's files whose names the index can hold; one notice per other file.

        A name that is not valid UTF-8 (``inv\\xff.yaml``) comes to Python with a lone
        surrogate for the bad byte, which no text column can store: it is skipped, and
        named with a placeholder for that byte.
        """
        files = []
        for relative in names:
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
        pending: list[tuple[str, DocRecord | None, Stamp]],
        progress: Progress | None,
        done_before: int,
        total: int,
    ) -> None:
        rows: list[LibraryRow | None] = []
        with self._transaction():
            for relative, record, stamp in pending:
                if record is None:
                    update_stamp(self._connection, relative, stamp)
                    rows.append(None)
                    continue
                file_id = self._store(relative, record, stamp)
                rows.append(None if record.kind == KIND_OTHER else self._row_of(file_id, record))
        if progress:
            for offset, row in enumerate(rows, start=1):
                progress(done_before + offset, total, row)

    def _row_of(self, file_id: int, record: DocRecord) -> LibraryRow:
        return row_of(file_id, record, self._shown_prefix())

    def _delete(self, file_id: int) -> None:
        delete_file(self._connection, file_id)

    def _store(self, relative: str, record: DocRecord, stamp: Stamp) -> int:
        """Store one file's record (inside :meth:`_transaction`); its row id."""
        problems = [self._shown_problem(problem) for problem in record.problems]
        return store_record(self._connection, relative, record, stamp, problems)

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
        query = candidate_query(plan, self._shown_prefix())
        if query is None:
            return
        sql, values = query
        offset = 0
        while True:
            with self._lock:
                # The matcher's case folding, for the values SQLite cannot fold itself.
                self._connection.create_function("gloss_fold", 1, str.lower, deterministic=True)
                page = [
                    row[0]
                    for row in self._connection.execute(
                        sql, {**values, "limit": PAGE, "offset": offset}
                    )
                ]
            yield from page
            if len(page) < PAGE:
                return
            offset += PAGE

    def search(
        self, plan: QueryPlan, *, limit: int | None = 1000, documents_limit: int | None = None
    ) -> SearchResult:
        """The plan's hits, ranked; each file with hits is checked to be fresh first.

        Args:
            plan: the parsed query.
            limit: stop once this many hits are found (None: find them all).
            documents_limit: stop once this many articles had hits (a first page).
        """

        def run(resolved: QueryPlan) -> SearchResult:
            return collect_hits(
                self.candidates(resolved),
                lambda file_id: self._fresh_hits(file_id, resolved),
                limit=limit,
                documents_limit=documents_limit,
            )

        return search_with_types(plan, self.known_types, run)

    def _fresh_hits(self, file_id: int, plan: QueryPlan) -> list[Hit]:
        record = self.record(file_id, links=needs_links(plan))
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
        stamp = Stamp.of(self.source, relative, old)
        if stamp is not None and (stamp.fresh_by_stat(old) or stamp.same_content(self.source, old)):
            return False
        gone = stamp is None and not self.source.explicit
        _, record, fresh = parallel.parse_one(self.source, relative)
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
