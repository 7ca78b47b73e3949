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
    from tui.core.corpus.targets import expand_check_paths, unreadable_folders
    from tui.core.document.diagnostics import Severity
    from tui.core.loading.bare import load_bare_text
    from tui.core.loading.companions import looks_like_text
    from tui.core.loading.loader import load
    from tui.core.text.textsafety import one_line

    named = list(files)
    files, skipped = expand_check_paths(named)
    if skipped and not quiet:
        print(f"gloss: skipped {skipped} file(s) that are not gloss files", file=sys.stderr)
    failed = False
    for folder, texts in unreadable_folders(named, files):
        # Nothing to check is not a clean bill: say what the folder holds instead.
        failed = True
        shown = one_line(folder)
        if texts:
            print(
                f"gloss: {shown} has no annotation files, only {texts} text(s) not annotated"
                f" yet; 'gloss {shown}' lists them and 'm' in the reader annotates one",
                file=sys.stderr,
            )
        else:
            print(
                f"gloss: {shown} holds nothing gloss can read (no annotation files, no texts)",
                file=sys.stderr,
            )
    for path in files:
        if looks_like_text(path):
            # What 'gloss TEXT' would read: the text's annotation file if it has one,
            # else the text itself, bare (read as the reader reads it).
            result = load_bare_text(path, allow_outside=allow_outside)
            if result.path != path and not quiet:
                print(
                    f"gloss: {one_line(path)} is the article text of {one_line(result.path)}; "
                    "checking that annotation file",
                    file=sys.stderr,
                )
        elif refuse_text_file(path):
            failed = True
            continue
        else:
            result = load(path, allow_outside=allow_outside)
        print_diagnostics(result.diagnostics)
        errors = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
        warnings = len(result.diagnostics) - errors
        if errors or (strict and warnings):
            failed = True
        if not quiet:
            if result.new_annotation is not None:
                summary = (
                    "a bare text, not annotated yet; its annotations will be saved to "
                    f"{result.new_annotation.yaml_path}"
                )
            elif result.document is not None:
                document = result.document
                mentions = len(document.mentions)
                summary = (
                    f"{len(document.entities)} entities, {mentions} mentions, "
                    f"{len(document.events)} events, {len(document.relations)} relations"
                )
            else:
                summary = "not loaded"
            shown = one_line(result.path)
            print(f"{shown}: {errors} error(s), {warnings} warning(s); {one_line(summary)}")
    return EXIT_PROBLEMS if failed else EXIT_OK
