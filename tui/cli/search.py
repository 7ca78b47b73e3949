"""``gloss search DIR QUERY``: every line with a hit as ``FILE:LINE:COL:line``, like grep.

No Textual here: this runs in scripts and editors' jump lists. The hits are coloured
when stdout is a terminal (``--color=auto``, the default; ``always``, ``never``), with
``-C N`` lines of context around each; ``--json`` gives every hit as an object. Exit 0
with hits, 1 without, 2 on a bad query or a path that names no corpus.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.cli.output import EXIT_OK, EXIT_USAGE, stdout_closed
from tui.core.corpus.grep_lines import GrepLine, grep_lines
from tui.core.text.textsafety import inert_json, one_line

if TYPE_CHECKING:
    from tui.core.corpus.backend import CorpusStore
    from tui.core.corpus.discovery import CorpusSource
    from tui.core.corpus.matching import Hit

EXIT_NOTHING = 1


def database_of(given: str | None) -> str | None:
    """The database chosen: ``--db``, else ``GLOSS_DB``, else ``db`` in ``config.toml``;
    None for the embedded index."""
    if given:
        return given
    if os.environ.get("GLOSS_DB"):
        return os.environ["GLOSS_DB"]
    from tui.core.files.config import read_config

    return read_config().db


def database_mistake(database: str | None) -> str | None:
    """Why ``database`` cannot be an address (one line, the text not echoed), or None."""
    if database is None or database.startswith(("postgresql://", "postgres://")):
        return None
    return (
        "gloss: the database must be a postgresql:// address (from --db, GLOSS_DB or config.toml)"
    )


def open_index(source: CorpusSource, database: str | None = None) -> CorpusStore | None:
    """Open and refresh the index, printing each notice as one line on stderr; None when
    the database cannot be used (said in one line, without its password)."""
    from tui.core.corpus.backend import StoreFailure, open_store

    mistake = database_mistake(database)
    if mistake is not None:
        print(mistake, file=sys.stderr)
        return None
    try:
        index = open_store(source, database)
    except StoreFailure as failure:
        print(f"gloss: {one_line(str(failure))}", file=sys.stderr)
        return None
    index.refresh()
    print_notices(index)
    if index.failure is not None:
        index.close()
        return None
    return index


def open_corpus(path: str, database: str | None = None) -> CorpusStore | None:
    """The refreshed index of the corpus at ``path`` (see :func:`open_index`), or None
    when ``path`` names no corpus (said on stderr, the path shown safely) or the
    database cannot be used."""
    from tui.core.corpus.targets import source_of

    source = source_of([path])
    if isinstance(source, str):
        print(f"gloss: {one_line(source)}", file=sys.stderr)
        return None
    return open_index(source, database_of(database))


def print_notices(index: CorpusStore, start: int = 0) -> None:
    """Print the index's cache notices from the ``start``-th on, each as one line on
    stderr (those after :func:`open_index`'s came up while answering: a damaged row)."""
    for notice in index.notices[start:]:
        print(f"gloss: {one_line(notice)}", file=sys.stderr)


COLOR_CHOICES = ("auto", "always", "never")

_PATH, _NUMBER, _COLON, _MATCH, _RESET = "\x1b[35m", "\x1b[32m", "\x1b[36m", "\x1b[01;31m", "\x1b[m"
"""grep's colours: file names magenta, numbers green, separators cyan, hits bold red."""


def use_color(choice: str) -> bool:
    """Whether to colour: ``always``; ``never``; ``auto``: when stdout is a terminal
    (and neither ``NO_COLOR`` nor ``TERM=dumb`` says otherwise)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty()
    except ValueError:  # a closed stdout
        return False


def run_search(
    path: str,
    query: str,
    *,
    as_json: bool,
    database: str | None = None,
    color: str = "auto",
    context: int = 0,
) -> int:
    """Print every line with a hit as ``FILE:LINE:COL:line`` (or the hits as JSON); exit 0
    with hits, 1 without, 2 on misuse."""
    from tui.core.corpus.query import QueryError, parse_query, query_excerpt

    plan = parse_query(query)
    if isinstance(plan, QueryError):
        shown, column = query_excerpt(query, plan.column)
        print(f"gloss: bad query: {one_line(plan.message)}", file=sys.stderr)
        print(f"  {one_line(shown)}\n  {' ' * column}^", file=sys.stderr)
        return EXIT_USAGE
    index = open_corpus(path, database)
    if index is None:
        return EXIT_USAGE
    printed = len(index.notices)
    try:
        result = index.answer(lambda: index.search(plan, limit=None))
        texts = {} if as_json else index.answer(lambda: texts_of(index, result.hits))
        print_notices(index, printed)
    finally:
        index.close()
    if index.failure is not None:
        return EXIT_USAGE
    for note in result.notes:
        print(f"gloss: {one_line(note)}", file=sys.stderr)
    try:
        if as_json:
            print_hits(result.hits, as_json=True)
        else:
            print_lines(grep_lines(result.hits, texts, context), color=use_color(color))
    except BrokenPipeError:
        stdout_closed()
    return EXIT_OK if result.hits else EXIT_NOTHING


def texts_of(index: CorpusStore, hits: Sequence[Hit]) -> dict[str, str]:
    """The indexed text of each article with hits, by its annotation file as shown."""
    wanted = {hit.path for hit in hits}
    if not wanted:
        return {}
    ids = {row.path: row.file_id for row in index.rows() if row.path in wanted}
    texts = {}
    for shown, file_id in ids.items():
        found = index.document_text(file_id)
        if found is not None and isinstance(found[5], str):
            texts[shown] = found[5]
    return texts


def print_lines(lines: Sequence[GrepLine], *, color: bool) -> None:
    """grep's lines: ``FILE:LINE:COL:text`` with a hit, ``FILE-LINE-text`` around, ``--``
    between groups; with ``color``, in grep's colours and the hits marked."""
    out = []
    for line in lines:
        if line.separator:
            out.append(f"{_COLON}--{_RESET}" if color else "--")
            continue
        mark = ":" if line.column is not None else "-"
        numbers = [str(line.line)] + ([str(line.column)] if line.column is not None else [])
        path = one_line(line.path)
        if not color:
            out.append(f"{path}{mark}{mark.join(numbers)}{mark}{line.text}")
            continue
        joined = f"{_COLON}{mark}{_RESET}".join(f"{_NUMBER}{n}{_RESET}" for n in numbers)
        text = "".join(f"{_MATCH}{part}{_RESET}" if hit else part for part, hit in line.parts)
        out.append(
            f"{_PATH}{path}{_RESET}{_COLON}{mark}{_RESET}{joined}{_COLON}{mark}{_RESET}{text}"
        )
    if out:
        sys.stdout.write("\n".join(out) + "\n")
    sys.stdout.flush()


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
