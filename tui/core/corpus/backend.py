"""The one store interface: what the library, search, the entity index and statistics ask
of a corpus's index, whichever database keeps it.

Two backends answer it:

- the embedded index (:class:`tui.core.corpus.index.CorpusIndex`): SQLite with FTS5, one
  file per corpus in the cache folder; the default;
- a shared PostgreSQL database (:class:`tui.core.corpus.postgres.PostgresIndex`), chosen
  with ``--db postgresql://…``, ``GLOSS_DB`` or ``db = "…"`` in ``config.toml``: one
  database holds many corpora, each keyed by its root.

No SQL lives outside the backends: callers get rows of plain values back (tuples, in
the order each method names) and check and decode them themselves, since a database
is data from outside. Both backends keep the same freshness rules (size, mtime and
content hash per file; a hit is checked against its file before it is shown).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

from tui.core.corpus.discovery import CorpusSource
from tui.core.corpus.failures import StoreFailure
from tui.core.corpus.index.corpus_index import Progress, RefreshReport
from tui.core.corpus.index.search import SearchResult
from tui.core.corpus.index.store import LibraryRow
from tui.core.corpus.query import QueryPlan
from tui.core.corpus.records import DocRecord

__all__ = ["CorpusStore", "StoreFailure", "open_store"]

T = TypeVar("T")
Rows = list[tuple[object, ...]]


class CorpusStore(Protocol):
    """A corpus's index: its articles' rows, records, hits, entity groups and figures.

    Every method is safe to call from any one thread at a time. ``mode`` is ``"exact"``
    (groups under links only) or ``"guessed"`` (links plus names); ``kind`` is
    ``"entity"`` or ``"event"``.
    """

    source: CorpusSource
    location: str
    """Where the index lives, as it may be shown (a file, ``:memory:``, a database
    address without its password)."""
    notices: list[str]
    """One line per problem met (and what gloss did instead)."""
    failure: str | None
    """Why the store stopped answering while working (a lost connection), or None."""

    # -- the articles ---------------------------------------------------------------------

    def close(self) -> None:
        """Let go of the database."""

    def answer(self, question: Callable[[], T]) -> T:
        """What ``question`` (a read of this store) answers; a damaged index is rebuilt
        from the files and asked again."""

    def refresh(self, progress: Progress | None = None) -> RefreshReport:
        """Bring the index up to date with the files; parse only what changed."""

    def rows(self) -> list[LibraryRow]:
        """Every indexed article, by date (undated last), then by file."""

    def problems(self, file_id: int) -> list[str]:
        """The diagnostics recorded for a file."""

    def absolute_path(self, file_id: int) -> str | None:
        """The absolute path of an indexed annotation file."""

    def record(self, file_id: int, *, links: bool = True) -> DocRecord | None:
        """The stored record of a file (paths as shown), or None."""

    def record_by_path(self, shown_path: str) -> DocRecord | None:
        """The stored record of a file given as shown."""

    def candidates(self, plan: QueryPlan) -> Iterator[int]:
        """Files that may hold hits (a superset), in library order."""

    def search(
        self, plan: QueryPlan, *, limit: int | None = 1000, documents_limit: int | None = None
    ) -> SearchResult:
        """The plan's hits, ranked; each file with hits is checked to be fresh first."""

    # -- the entity groups ----------------------------------------------------------------

    def group_stamps(self) -> tuple[str, str | None]:
        """The files' generation now, and the one the stored grouping was computed at."""

    def group_inputs(self) -> tuple[Rows, Rows, Rows, Rows, Rows]:
        """What grouping reads: links (file id, owner kind, owner id, key, value); entities
        (file id, id, type, name, aliases as JSON); events (file id, id, type, summary);
        mention counts (file id, entity id, count); dates (file id, first, last)."""

    def store_groups(
        self,
        members: Sequence[Sequence[object]],
        groups: Sequence[Sequence[object]],
        stamp: str,
    ) -> None:
        """Replace the stored grouping (members: file id, kind, owner id, exact key,
        guessed key; groups: mode, key, kind, type, name, links, documents, mentions,
        first date, last date, guessed), computed at ``stamp``."""

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

    def count_groups(self, mode: str, kind: str, *, contains: str = "") -> int:
        """How many groups the filter lets through."""

    def group(self, mode: str, key: str) -> tuple[object, ...] | None:
        """One group's row, as :meth:`groups` gives them."""

    def group_of_link(self, mode: str, link_key: str, value: str, kind: str) -> str | None:
        """The group holding a member linked ``link_key: value``."""

    def group_of_member(self, mode: str, file_id: int, owner_id: str, kind: str) -> str | None:
        """The group of one document's entity or event."""

    def file_id_of(self, path: str) -> int | None:
        """The file id of an article given relative to the corpus root, or as shown."""

    def appearance_rows(self, mode: str, key: str) -> Rows:
        """(file id, path, doc id, title, date text, owner, kind, mentions) by date, path."""

    def document_text(self, file_id: int) -> tuple[object, ...] | None:
        """(path, doc id, title, text path, date text, text) of one indexed article."""

    def mention_spans(self, mode: str, key: str) -> Rows:
        """(file id, entity id, start, end) of every mention of a group's members."""

    def cooccurring_rows(self, mode: str, key: str, limit: int) -> Rows:
        """(other group, sentences shared), most shared first."""

    def telling_rows(self, mode: str, key: str) -> Rows:
        """(file id, path, doc id, title, date, event id, passage start, end, text,
        trigger start, end)."""

    # -- statistics -----------------------------------------------------------------------

    def known_types(self) -> tuple[list[str], list[str]]:
        """The entity types and the event types the articles use, sorted."""

    def events_per_month(self) -> Rows:
        """(``YYYY-MM``, events) for every month with dated events, in order."""

    def top_entities(self, top: int) -> Rows:
        """(name, type, documents, mentions) of the entities in most documents."""


def open_store(source: CorpusSource, database: str | None = None) -> CorpusStore:
    """The index of ``source``: the embedded one, or in the PostgreSQL ``database``.

    Raises:
        StoreFailure: the database cannot be used (said in one line, no password).
    """
    if not database:
        from tui.core.corpus.index import CorpusIndex

        return CorpusIndex.open(source)
    from tui.core.corpus.postgres import PostgresIndex

    return PostgresIndex.connect(source, database)
