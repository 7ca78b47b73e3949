"""Whether an indexed file is fresh: its stamp (size, mtime, hash) and the typed rows.

A row of ``files`` is data from outside (whoever can write the cache folder can write
it): :func:`checked_row` believes it only once every column has the type gloss writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import time
from dataclasses import dataclass
from typing import Any, NamedTuple

from tui.core.corpus.discovery import CorpusSource
from tui.core.corpus.records import KIND_BARE, KIND_BROKEN, KIND_GLOSS, KIND_OTHER, content_hash
from tui.core.files.saferead import ReadRefused, is_inside, read_with_stat

_RACY_NS = 2_000_000_000
"""A file changed this close to its indexing may change again unseen by mtime: hash it."""
MAX_FILE_BYTES = 64 * 1024 * 1024


def date_of(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


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


ROW_IS_WELL_TYPED = " AND ".join(
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
                "date_guessed",
            ]
        ),
        *(
            f"typeof({column}) = 'text'"
            for column in ["path", "hash", "text_path", "text_hash", "doc_id", "title"]
        ),
        f"kind IN ('{KIND_GLOSS}', '{KIND_BROKEN}', '{KIND_OTHER}', '{KIND_BARE}')",
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

SELECT_FILE_ROWS = (
    f"SELECT {_FILE_ROW_COLUMNS}, date_first, date_last, {ROW_IS_WELL_TYPED} FROM files"
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
    """The row of :data:`SELECT_FILE_ROWS` values; :class:`IndexDamaged` if it is malformed."""
    *fields, date_first, date_last, well_typed = values
    row = FileRow(*fields)
    if well_typed != 1 or not is_corpus_name(row.path):
        raise IndexDamaged(row.path)
    if row.text_path and not is_corpus_name(row.text_path):
        raise IndexDamaged(row.path)
    try:
        date_of(date_first), date_of(date_last)  # SQLite's date() accepts year 0; Python does not
    except ValueError:
        raise IndexDamaged(row.path) from None
    return row


@dataclass(slots=True)
class Stamp:
    """Size, mtime and (once read) hash of an annotation file and of its text."""

    path: str
    size: int
    mtime_ns: int
    text_size: int = -1
    text_mtime_ns: int = -1
    hash: str = ""
    text_hash: str = ""

    @classmethod
    def missing(cls, path: str) -> Stamp:
        """The stamp of a named file that is not there (it is listed with its error)."""
        return cls(path, -1, -1)

    @classmethod
    def of(cls, source: CorpusSource, relative: str, old: FileRow | None) -> Stamp | None:
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


def read_corpus_file(
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
    read = read_corpus_file(source, name, annotation=annotation)
    return "" if read is None else content_hash(read[0])
