"""``gloss import cat DIR_OR_FILES -o OUT/``: print every problem, write everything or
nothing (the plan is :mod:`tui.core.formats.cat.plan`'s); exit 0, or 1 on a problem."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tui.cli.output import EXIT_OK, EXIT_PROBLEMS, print_diagnostics, say


def run_import_cat(
    paths: Sequence[str], output: str, *, force: bool = False, allow_outside: bool = False
) -> int:
    """Import CAT XML files (or the folders of them) into the corpus folder ``output``."""
    from tui.core.formats.cat.plan import without_cycle_collection

    # The collector rests until the documents are written and let go: woken while they
    # are still held, it would walk every one of them once more.
    with without_cycle_collection():
        return _import(paths, output, force=force, allow_outside=allow_outside)


def _import(paths: Sequence[str], output: str, *, force: bool, allow_outside: bool) -> int:
    from tui.core.files.safewrite import WriteRefused, write_files
    from tui.core.formats.cat.plan import SOURCE_NAME, plan_import, write_refusals
    from tui.core.text.textsafety import one_line

    result = plan_import(paths, output, allow_outside=allow_outside)
    print_diagnostics(result.diagnostics)
    if not result.documents:
        print("gloss: no document was imported", file=sys.stderr)
        return EXIT_PROBLEMS
    refused = write_refusals(result, output, force=force)
    if refused:
        for refusal in refused:
            say(f"{refusal.path}: {refusal.reason}")
        print("gloss: nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        write_files(result.planned, force=force)
    except WriteRefused as error:
        say(f"{error.path}: {error.reason}")
        return EXIT_PROBLEMS
    entities = sum(len(built.document.entities) for _, built in result.documents)
    events = sum(len(built.document.events) for _, built in result.documents)
    markables = sum(built.markables for _, built in result.documents)
    print(
        one_line(
            f"wrote {len(result.documents)} documents ({markables} markables: {entities}"
            f" entities, {events} events) and {SOURCE_NAME} to {output}"
        )
    )
    return EXIT_PROBLEMS if result.has_errors else EXIT_OK
