"""Parsing the corpus's files: one at a time, or spread over worker processes."""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from tui.core.corpus.discovery import CorpusSource
from tui.core.corpus.index.freshness import Stamp, is_corpus_name, read_corpus_file
from tui.core.corpus.records import DocRecord, build_record, content_hash

if TYPE_CHECKING:
    from concurrent.futures import Future

PARALLEL_FROM = 1000
"""From this many files to parse, parsing is spread over worker processes."""


def parse_one(source: CorpusSource, relative: str) -> tuple[str, DocRecord, Stamp]:
    """Read, stamp and check one file; paths in the record are relative to the root."""
    absolute = source.absolute(relative)
    read = read_corpus_file(source, relative, annotation=True)
    stamp = Stamp.missing(absolute)
    if read is not None:
        stamp.size, stamp.mtime_ns = read[1].st_size, read[1].st_mtime_ns
        stamp.hash = content_hash(read[0])
    record = build_record(absolute, read[0] if read is not None else None)
    text_relative = _corpus_name(source, record.text_path) if record.text_path else ""
    if text_relative == relative:
        # A bare text is its own text: its stamp is the text's too (read once).
        stamp.text_hash = stamp.hash
        stamp.text_size, stamp.text_mtime_ns = stamp.size, stamp.mtime_ns
    elif text_relative:
        text = read_corpus_file(source, text_relative)
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


def _parse_chunk(source: CorpusSource, chunk: list[str]) -> list[tuple[str, DocRecord, Stamp]]:
    return [parse_one(source, relative) for relative in chunk]


WORKER_CHUNK = 50
"""Files a worker process parses per job."""
IN_FLIGHT = 3
"""Chunks per worker submitted ahead of the one being stored: the workers never wait,
and records do not pile up in memory when storing them is slower than parsing (a
database server: 100,000 articles parsed ahead would hold gigabytes)."""


def worker_jobs(source: CorpusSource, relatives: list[str]) -> list[tuple[CorpusSource, list[str]]]:
    """What each worker job is sent: its chunk of names and the corpus without its lists.

    Parsing a file needs only the corpus folder; sent with every chunk, the whole file
    list made the bytes pickled grow with the square of the corpus (2,000 chunks of
    1.5 MB for 100,000 files).
    """
    light = replace(source, files=(), stray_files=(), texts=())
    return [
        (light, relatives[start : start + WORKER_CHUNK])
        for start in range(0, len(relatives), WORKER_CHUNK)
    ]


def parse_all(source: CorpusSource, relatives: list[str]) -> Iterator[tuple[str, DocRecord, Stamp]]:
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
            pending: deque[Future[list[tuple[str, DocRecord, Stamp]]]] = deque()
            waiting = iter(jobs)
            with _main_module_hidden():
                # The first chunks are submitted now, so every worker starts in this block.
                for job in itertools.islice(waiting, workers * IN_FLIGHT):
                    pending.append(executor.submit(_parse_chunk, *job))
            while pending:
                results = pending.popleft().result()
                for job in itertools.islice(waiting, 1):
                    pending.append(executor.submit(_parse_chunk, *job))
                yield from results
        except (OSError, BrokenProcessPool):
            # Workers died (no memory, killed): finish here, in order, from the start.
            for relative in relatives:
                yield parse_one(source, relative)


def iter_records(source: CorpusSource) -> Iterator[DocRecord]:
    """Records straight from the files, no index (paths as shown): the reference answer.

    The annotation files first, then the texts none of them names (the bare texts).
    """
    named: set[str] = set()
    for relative in source.files:
        _, record, _ = parse_one(source, relative)
        if record.text_path:
            named.add(record.text_path)
        yield replace(
            record, path=source.shown(record.path), text_path=source.shown(record.text_path)
        )
    for relative in source.texts:
        if relative not in named:
            _, record, _ = parse_one(source, relative)
            yield replace(
                record, path=source.shown(record.path), text_path=source.shown(record.text_path)
            )
