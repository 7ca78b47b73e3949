"""``gloss search`` and ``gloss check DIR``: the corpus on the command line, like grep.

No Textual here: these run in scripts and editors' jump lists.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from tui.core.corpus.discovery import (
    CorpusSource,
    discover_files,
    discover_folder,
    folder_to_discover,
)
from tui.core.corpus.index import CorpusIndex
from tui.core.corpus.matching import Hit
from tui.core.corpus.query import QueryError, parse_query, query_excerpt
from tui.core.corpus.records import declares_gloss
from tui.core.saferead import read_head
from tui.core.textsafety import inert_json, one_line

EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_USAGE = 2


def source_of(paths: Sequence[str], *, walk: bool = True) -> CorpusSource | str:
    """The corpus named on the command line (a folder, or files), or why there is none.

    With ``walk=False`` a folder is walked later, by the index's first refresh.
    """
    if not paths:
        return "name a folder or annotation files"
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        return f"{missing[0]}: no such file or folder"
    if len(paths) == 1 and os.path.isdir(paths[0]):
        return discover_folder(paths[0]) if walk else folder_to_discover(paths[0])
    folders = [p for p in paths if os.path.isdir(p)]
    if folders:
        return f"{folders[0]}: give one folder, or files only"
    return discover_files(list(paths))


def open_index(source: CorpusSource) -> CorpusIndex:
    """Open and refresh the index, printing each cache notice as one line on stderr."""
    index = CorpusIndex.open(source)
    index.refresh()
    for notice in index.notices:
        print(f"gloss: {one_line(notice)}", file=sys.stderr)
    return index


def run_search(path: str, query: str, *, as_json: bool) -> int:
    """Print every hit as ``FILE:LINE:COL: context``; exit 0 with hits, 1 without, 2 on misuse."""
    plan = parse_query(query)
    if isinstance(plan, QueryError):
        shown, column = query_excerpt(query, plan.column)
        print(f"gloss: bad query: {one_line(plan.message)}", file=sys.stderr)
        print(f"  {one_line(shown)}\n  {' ' * column}^", file=sys.stderr)
        return EXIT_USAGE
    source = source_of([path])
    if isinstance(source, str):
        print(f"gloss: {source}", file=sys.stderr)
        return EXIT_USAGE
    index = open_index(source)
    try:
        result = index.search(plan, limit=None)
    finally:
        index.close()
    try:
        print_hits(result.hits, as_json=as_json)
    except BrokenPipeError:
        # The reader of our output went away (``| head``): stop quietly, as grep does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OK if result.hits else EXIT_NOTHING


def print_hits(hits: Sequence[Hit], *, as_json: bool, with_owner: bool = True) -> None:
    """Hits as ``FILE:LINE:COL: context`` lines (grep's form), or as JSON.

    Both are safe to print: contexts are one display line each, and the JSON escapes
    every character a terminal would act on.
    """
    if as_json:
        payload = []
        for hit in hits:
            entry: dict[str, object] = {
                "file": hit.text_path,
                "line": hit.line,
                "column": hit.column,
                "start": hit.start,
                "end": hit.end,
                "annotations": hit.path,
                "document": hit.doc_id,
                "date": hit.date_text,
                "left": hit.left,
                "match": hit.match,
                "right": hit.right,
            }
            if with_owner:
                entry["owner"] = hit.owner
            payload.append(entry)
        sys.stdout.write(inert_json(payload, indent=1) + "\n")
    else:
        for hit in hits:
            context = one_line(f"{hit.left}{hit.match}{hit.right}".strip())
            print(f"{one_line(hit.text_path)}:{hit.line}:{hit.column}: {context}")
    sys.stdout.flush()


def expand_check_paths(paths: Sequence[str]) -> tuple[list[str], int]:
    """Files to check: folders become every gloss YAML file under them (recursively).

    Returns the files and how many files under the folders were skipped (not gloss files).
    """
    files: list[str] = []
    skipped = 0
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        source = discover_folder(path)
        skipped += len([s for s in source.stray_files if not s.endswith(".txt")])
        for relative in source.files:
            full = os.path.join(path, relative)
            # Through the one reader: a FIFO put in place of a listed file never blocks,
            # and a link is not followed.
            head = read_head(full, 1024 * 1024, follow_links=False)
            if head is None:
                files.append(full)  # the loader reports why it cannot be read
                continue
            if declares_gloss(head):
                files.append(full)
            else:
                skipped += 1
    return files, skipped
