"""``gloss import labelstudio|prodigy|hypothesis`` and the exports of several files
(``gloss export --format labelstudio|prodigy FILE…``).

Label Studio and Prodigy imports write each document's text as the source stores it
(CRLF and BOM kept; gloss reads it normalised), so that an export reads it back and
gives the source's text and offsets unchanged.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.cli.output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, print_diagnostics
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from tui.core.files.safewrite import PlannedWrite

JSON_IMPORTS = ("labelstudio", "prodigy", "hypothesis")

NAMES = {"labelstudio": "Label Studio", "prodigy": "Prodigy", "hypothesis": "hypothes.is"}


def add_json_importers(
    formats: argparse._SubParsersAction[argparse.ArgumentParser],
) -> list[argparse.ArgumentParser]:
    """The three subcommands; the caller adds the options every import shares."""
    labelstudio = formats.add_parser(
        "labelstudio",
        help="Label Studio JSON export (text tasks): one gloss file per annotation and prediction",
        description="Write one gloss file for each annotation and each prediction of each task"
        " (NAME-task-ID-annotation-ID.yaml, NAME-task-ID-prediction-ID.yaml; a task with"
        " neither: NAME-task-ID.yaml), so that 'gloss diff' compares annotators and models."
        " 'labels' regions are mentions, 'relation' results relations, per-region choices and"
        " text areas the mention's attributes; everything else is kept in labelstudio-*"
        " attributes, and 'gloss export --format labelstudio' of all the files gives the"
        " file back.",
    )
    labelstudio.add_argument("file", metavar="FILE.json")
    prodigy = formats.add_parser(
        "prodigy",
        help="Prodigy JSONL (db-out): one gloss file per text and annotator",
        description="Write one gloss file for the records of each text (_input_hash) and"
        " annotator (_annotator_id, else _session_id): spans are mentions, relations"
        " relations, each record's answer (accept, reject, ignore) its mentions' 'answer'"
        " attribute; the rest is kept in prodigy-* attributes, and 'gloss export --format"
        " prodigy' of all the files gives the file back.",
    )
    prodigy.add_argument("file", metavar="FILE.jsonl")
    hypothesis = formats.add_parser(
        "hypothesis",
        help='hypothes.is API JSON ({"rows": …}) anchored in the page\'s text (--text)',
        description="Anchor each annotation's quote in the page's text (--text PAGE.txt, the"
        " annotated page saved as text): at its TextPositionSelector when the words there are"
        " the quote, else where the TextQuoteSelector's prefix and suffix fit best. The first"
        " tag is the entity type (ANNOTATION without one), the text the mention's note and"
        " the entity's description; an annotation not found in the page is reported and left"
        " out.",
    )
    hypothesis.add_argument("file", metavar="FILE.json")
    hypothesis.add_argument(
        "--text", metavar="PAGE.txt", required=True, help="the annotated page's text"
    )
    hypothesis.add_argument(
        "--uri", metavar="URI", help="the page to import when the rows annotate several"
    )
    return [labelstudio, prodigy, hypothesis]


def run_json_import(args: argparse.Namespace) -> int:
    """Import one file, write every document (YAML and text) or none, check each."""
    from tui.core.files.safewrite import PlannedWrite
    from tui.core.formats.writing import ImportTarget, plan_imported

    kind = args.import_format
    source = args.file
    header = f"Imported from {NAMES[kind]} {os.path.basename(source)} by gloss import {kind}."
    if kind == "hypothesis":
        from tui.core.formats.hypothesis import import_hypothesis

        read = import_hypothesis(
            source, text_path=args.text, uri=args.uri, keep_apart=args.keep_apart
        )
        print_diagnostics(read.diagnostics)
        if read.document is None:
            return EXIT_PROBLEMS
        yaml_path = args.output or os.path.splitext(args.text)[0] + ".yaml"
        if os.path.isdir(yaml_path) or yaml_path.endswith(("/", os.sep)):
            yaml_path = os.path.join(yaml_path, read.document.info.id + ".yaml")
        status = _write_and_check(
            plan_imported(
                [ImportTarget(read.document, yaml_path, read.text_path, False)], [header]
            ),
            [yaml_path],
            force=args.force,
            allow_outside=True,
        )
        if read.unanchored:
            print(
                one_line(
                    f"gloss: {read.anchored} annotations anchored, {read.unanchored} not found"
                    " in the page text (left out)"
                ),
                file=sys.stderr,
            )
        return status
    if kind == "labelstudio":
        from tui.core.formats.labelstudio import import_labelstudio

        imported = import_labelstudio(source, keep_apart=args.keep_apart)
    else:
        from tui.core.formats.prodigy import import_prodigy

        imported = import_prodigy(source, keep_apart=args.keep_apart)
    print_diagnostics(imported.diagnostics)
    if not imported.documents:
        return EXIT_PROBLEMS
    several = len(imported.documents) > 1
    base = os.path.dirname(source)
    folder = args.output if several else None
    if several and folder is None:
        folder = base
    planned: list[PlannedWrite] = []
    yaml_paths = []
    for each in imported.documents:
        document = each.document
        if folder is not None:
            yaml_path = os.path.join(folder, document.info.id + ".yaml")
        else:
            stem = os.path.splitext(os.path.basename(source))[0]
            yaml_path = args.output or os.path.join(base, stem + ".yaml")
        if os.path.isdir(yaml_path) or yaml_path.endswith(("/", os.sep)):
            yaml_path = os.path.join(yaml_path, document.info.id + ".yaml")
        text_path = os.path.splitext(yaml_path)[0] + ".txt"
        planned.append(PlannedWrite(text_path, each.raw_text.encode("utf-8")))
        planned.extend(
            plan_imported([ImportTarget(document, yaml_path, text_path, False)], [header])
        )
        yaml_paths.append(yaml_path)
    if several and folder:
        os.makedirs(folder, exist_ok=True)
    return _write_and_check(planned, yaml_paths, force=args.force, allow_outside=args.allow_outside)


def _write_all(planned: Sequence[PlannedWrite], *, force: bool) -> bool:
    """Write every planned file through the one writer, or print every reason not to
    and write none; whether they were written."""
    from tui.core.formats.writing import write_all

    problems = write_all(planned, force=force)
    for problem in problems:
        print(
            one_line(f"{problem.path}:1:1: error: not written: {problem.reason}"),
            file=sys.stderr,
        )
    return not problems


def _write_and_check(
    planned: Sequence[PlannedWrite], yaml_paths: Sequence[str], *, force: bool, allow_outside: bool
) -> int:
    from tui.core.document.diagnostics import Severity
    from tui.core.loading.loader import load

    if not _write_all(planned, force=force):
        return EXIT_PROBLEMS
    status = EXIT_OK
    for yaml_path in yaml_paths:
        check = load(yaml_path, allow_outside=allow_outside)
        print_diagnostics(check.diagnostics)
        if any(d.severity is Severity.ERROR for d in check.diagnostics) or check.document is None:
            status = EXIT_PROBLEMS
            continue
        document = check.document
        print(
            one_line(
                f"wrote {yaml_path} ({len(document.entities)} entities,"
                f" {len(document.relations)} relations)"
            )
        )
    return status


def yaml_files(paths: Sequence[str]) -> list[str]:
    """The files named, and the ``.yaml`` files of the folders named (natural order)."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            names = [n for n in os.listdir(path) if n.endswith((".yaml", ".yml"))]
            names.sort(key=lambda n: [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", n)])
            found.extend(os.path.join(path, name) for name in names)
        else:
            found.append(path)
    return found


def run_export_many(
    paths: Sequence[str], fmt: str, output: str | None, *, force: bool, allow_outside: bool
) -> int:
    """Export one or more gloss files into one Label Studio JSON or Prodigy JSONL file."""
    from tui.core.document.diagnostics import Severity
    from tui.core.files.saferead import ReadRefused, read_capped
    from tui.core.files.safewrite import PlannedWrite
    from tui.core.formats.common import OffsetMap
    from tui.core.formats.export import render_many
    from tui.core.loading import yamlsafe
    from tui.core.loading.loader import load

    files = yaml_files(paths)
    if not files:
        print("gloss: no .yaml file to export", file=sys.stderr)
        return EXIT_USAGE
    documents = []
    failed = False
    for path in files:
        result = load(path, allow_outside=allow_outside)
        print_diagnostics(result.diagnostics)
        document = result.document
        if document is None or any(d.severity is Severity.ERROR for d in result.diagnostics):
            failed = True
            continue
        raw = document.text
        try:
            stored = read_capped(document.info.text_path, yamlsafe.MAX_TEXT_BYTES).decode("utf-8")
        except (ReadRefused, OSError, UnicodeDecodeError):
            stored = None
        if stored is not None and OffsetMap(stored).text == document.text:
            raw = stored  # the text as stored: CRLF and BOM as the source had them
        documents.append((document, raw))
    if failed:
        print("gloss: nothing exported (a file above has errors)", file=sys.stderr)
        return EXIT_PROBLEMS
    data = render_many(documents, fmt)
    if output:
        if not _write_all([PlannedWrite(output, data.encode("utf-8"))], force=force):
            return EXIT_PROBLEMS
    else:
        sys.stdout.write(data)
    return EXIT_OK
