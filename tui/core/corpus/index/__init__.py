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

The parts: :mod:`.schema` (tables, version, opening and resetting), :mod:`.freshness`
(stamps and the typed row checks), :mod:`.store` (rows written and read back),
:mod:`.search` (candidate files and hits), :mod:`.parallel` (parsing, in worker
processes for many files) and :mod:`.corpus_index` (:class:`CorpusIndex`, which ties
them together).
"""

from tui.core.corpus.index.corpus_index import CorpusIndex, Progress, RefreshReport
from tui.core.corpus.index.freshness import FileRow, IndexDamaged, checked_row, is_corpus_name
from tui.core.corpus.index.parallel import iter_records, parse_all, parse_one, worker_jobs
from tui.core.corpus.index.schema import SCHEMA_VERSION, CacheFailure, connect, index_path
from tui.core.corpus.index.search import SearchResult
from tui.core.corpus.index.store import LibraryRow

__all__ = [
    "SCHEMA_VERSION",
    "CacheFailure",
    "CorpusIndex",
    "FileRow",
    "IndexDamaged",
    "LibraryRow",
    "Progress",
    "RefreshReport",
    "SearchResult",
    "checked_row",
    "connect",
    "index_path",
    "is_corpus_name",
    "iter_records",
    "parse_all",
    "parse_one",
    "worker_jobs",
]
