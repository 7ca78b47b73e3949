"""``gloss check [--strict] FILE…``: every problem of annotation files, and a summary."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tui.cli.output import EXIT_OK, EXIT_PROBLEMS, print_diagnostics, refuse_text_file


def run_check(
    files: Sequence[str],
    *,
    strict: bool,
    quiet: bool,
    allow_outside: bool = False,
    database: str | None = None,
) -> int:
    """Check files (folders: every gloss file under them); exit 1 on errors (and on
    warnings when ``strict``). With ``database``, each folder is also brought up to date
    in that database (exit 2 when it cannot be used)."""
    code = _check_files(files, strict=strict, quiet=quiet, allow_outside=allow_outside)
    if database is None:
        return code
    from tui.cli.output import EXIT_USAGE
    from tui.cli.search import open_corpus

    for path in files:
        index = open_corpus(path, database)
        if index is None:
            return EXIT_USAGE
        index.close()
    return code


def _check_files(files: Sequence[str], *, strict: bool, quiet: bool, allow_outside: bool) -> int:
    from tui.core.corpus.targets import expand_check_paths
    from tui.core.document.diagnostics import Severity
    from tui.core.loading.loader import load
    from tui.core.text.textsafety import one_line

    files, skipped = expand_check_paths(files)
    if skipped and not quiet:
        print(f"gloss: skipped {skipped} file(s) that are not gloss files", file=sys.stderr)
    failed = False
    for path in files:
        if refuse_text_file(path):
            failed = True
            continue
        result = load(path, allow_outside=allow_outside)
        print_diagnostics(result.diagnostics)
        errors = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
        warnings = len(result.diagnostics) - errors
        if errors or (strict and warnings):
            failed = True
        if not quiet:
            if result.document is not None:
                document = result.document
                mentions = len(document.mentions)
                summary = (
                    f"{len(document.entities)} entities, {mentions} mentions, "
                    f"{len(document.events)} events, {len(document.relations)} relations"
                )
            else:
                summary = "not loaded"
            print(f"{one_line(path)}: {errors} error(s), {warnings} warning(s); {summary}")
    return EXIT_PROBLEMS if failed else EXIT_OK
