"""``gloss timeline FILE|DIR``: the events as a date-sorted table (or JSON), or, with
``--interactive``, the corpus timeline in the terminal (through the launcher).

With a database chosen (``--db``, ``GLOSS_DB``, ``db`` in ``config.toml``), a folder's
articles are the ones its index there lists (brought up to date first, as ``gloss
search`` does): the same files, so the same timeline; a database that cannot be used
is said in one line (exit 2).
"""

from __future__ import annotations

import os
import sys

from tui.cli.output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, interactive, print_diagnostics
from tui.cli.search import database_of, open_corpus, print_notices
from tui.core.text.textsafety import one_line
from tui.core.timeline.table import Target, load_listed, load_target


def _load(target: str, database: str | None = None) -> Target | None:
    """Load the file or folder, printing every problem on stderr; None when the chosen
    database cannot be used (said on stderr)."""
    chosen = database_of(database) if os.path.isdir(target) else None
    if chosen is None:
        loaded = load_target(target)
    else:
        listed = _listed(target, chosen)
        if listed is None:
            return None
        loaded = load_listed(target, listed)
    if loaded.none_found:
        print(
            f"gloss: no annotation files (YAML with 'gloss: 1') under {one_line(target)}",
            file=sys.stderr,
        )
    print_diagnostics(loaded.diagnostics)
    return loaded


def _listed(folder: str, database: str) -> list[str] | None:
    """The annotation files (relative to ``folder``) its index in ``database`` lists."""
    from tui.core.corpus.records import KIND_BROKEN, KIND_GLOSS

    index = open_corpus(folder, database)
    if index is None:
        return None
    try:
        printed = len(index.notices)
        rows = index.answer(index.rows)
        print_notices(index, printed)
    finally:
        index.close()
    if index.failure is not None:
        return None
    return [row.relative for row in rows if row.kind in (KIND_GLOSS, KIND_BROKEN)]


def run_timeline(
    target: str, *, as_json: bool, entity: str | None = None, database: str | None = None
) -> int:
    """Print the timeline of one annotation file or of every one under a folder,
    optionally only the events ``entity`` takes part in."""
    from tui.core.timeline.table import render_table, rows_as_json, timeline_rows

    loaded = _load(target, database)
    if loaded is None:
        return EXIT_USAGE
    if not loaded.loaded and loaded.is_folder:
        return EXIT_PROBLEMS
    rows = timeline_rows(loaded, entity=entity)
    if as_json:
        sys.stdout.write(rows_as_json(rows))
    else:
        sys.stdout.write(render_table(rows, with_document=loaded.is_folder))
    if rows and all(row.date is None for row in rows):
        # Said apart from the table, which stays one row per happening.
        print(
            f"gloss: no event has a date; the {len(rows)} undated are listed in text order",
            file=sys.stderr,
        )
    return EXIT_PROBLEMS if loaded.failed else EXIT_OK


def run_interactive(target: str, *, entity: str | None = None, database: str | None = None) -> int:
    """Load, report problems, then take over the terminal with the corpus timeline."""
    loaded = _load(target, database)
    if loaded is None:
        return EXIT_USAGE
    if not loaded.loaded:
        return EXIT_PROBLEMS
    if not interactive():
        print(
            "gloss: the timeline needs a terminal (stdin and stdout are not a TTY); "
            "leave out --interactive for a table",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from tui.cli.launcher import run_corpus_timeline

    code = run_corpus_timeline(loaded.loaded, entity=entity)
    return EXIT_PROBLEMS if loaded.failed else code
