"""The ``gloss import`` command and the extra ``gloss export --format`` targets.

Kept apart from ``tui/cli.py`` so that the command line only wires these in. Every
problem is printed as ``FILE:LINE:COLUMN: severity: message``; nothing raises.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.core.diagnostics import Diagnostic, Severity
from tui.core.model import Document

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

EXPORT_FORMATS = ("json", "brat", "w3c", "displacy", "doccano", "html")
IMPORT_FORMATS = ("brat", "doccano", "displacy", "w3c")


def add_import_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``gloss import FORMAT FILE …`` to the command line."""
    parser = sub.add_parser(
        "import",
        help="turn brat, doccano, displaCy or W3C annotations into a gloss file",
        description="Write a gloss annotation file (YAML) from another tool's annotations.",
    )
    formats = parser.add_subparsers(dest="import_format", metavar="FORMAT", required=True)
    brat = formats.add_parser("brat", help="brat standoff: DOC.ann with DOC.txt")
    brat.add_argument("file", metavar="DOC.ann")
    brat.add_argument("--text", metavar="DOC.txt", help="the article text (default: beside)")
    brat.add_argument(
        "--group-by-text",
        action="store_true",
        help="also make mentions with the same type and text one entity",
    )
    doccano = formats.add_parser("doccano", help="doccano JSONL, one document a line")
    doccano.add_argument("file", metavar="FILE.jsonl")
    doccano.add_argument(
        "--labels",
        metavar="LABELS.json",
        help="the project's label list, to name doccano 1.x label ids",
    )
    displacy = formats.add_parser("displacy", help="spaCy displaCy manual-render JSON")
    displacy.add_argument("file", metavar="FILE.json")
    w3c = formats.add_parser("w3c", help="W3C Web Annotation JSON-LD (as gloss exports it)")
    w3c.add_argument("file", metavar="FILE.jsonld")
    w3c.add_argument(
        "--text",
        metavar="DOC.txt",
        help="the article text (default: the targets' source, beside FILE.jsonld)",
    )
    for each in (brat, doccano, displacy, w3c):
        each.add_argument(
            "--output",
            "-o",
            metavar="PATH",
            help="the YAML to write (default: beside the input); a folder for several documents",
        )
        each.add_argument("--force", action="store_true", help="overwrite existing files")


def _print(diagnostics: Sequence[Diagnostic]) -> None:
    from tui.core.textsafety import one_line

    for diagnostic in diagnostics:
        print(one_line(diagnostic.format()), file=sys.stderr)


def _has_errors(diagnostics: Sequence[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def run_import(args: argparse.Namespace) -> int:
    """Import a file, write YAML (and text), then check what was written."""
    kind = args.import_format
    source = args.file
    if kind in ("brat", "w3c"):
        if kind == "brat":
            from tui.core.formats.brat import import_brat

            result = import_brat(source, text_path=args.text, group_by_text=args.group_by_text)
            document, diagnostics, text_path = result.document, result.diagnostics, result.text_path
        else:
            from tui.core.formats.w3c import import_w3c

            read = import_w3c(source, text_path=args.text)
            document, diagnostics, text_path = read.document, read.diagnostics, read.text_path
        _print(diagnostics)
        if document is None:
            return EXIT_PROBLEMS
        yaml_path = args.output or os.path.splitext(source)[0] + ".yaml"
        if os.path.isdir(yaml_path) or yaml_path.endswith(("/", os.sep)):
            stem = os.path.splitext(os.path.basename(source))[0]
            yaml_path = os.path.join(yaml_path, stem + ".yaml")
        name = "brat" if kind == "brat" else "W3C Web Annotation"
        return _write(
            [(document, yaml_path, text_path, False)],
            header=f"Imported from {name} {os.path.basename(source)} by gloss import {kind}.",
            force=args.force,
        )
    from tui.core.formats import spans

    if kind == "doccano":
        imported = spans.import_doccano(source, labels_path=args.labels)
    else:
        imported = spans.import_displacy(source)
    _print(imported.diagnostics)
    if not imported.documents:
        return EXIT_PROBLEMS
    stem = os.path.splitext(os.path.basename(source))[0]
    base = os.path.dirname(source)
    targets = []
    several = len(imported.documents) > 1
    folder = args.output if several else None
    if several and folder is None:
        folder = base
    for document in imported.documents:
        if folder is not None:
            yaml_path = os.path.join(folder, document.info.id + ".yaml")
        else:
            yaml_path = args.output or os.path.join(base, stem + ".yaml")
        if os.path.isdir(yaml_path) or yaml_path.endswith(("/", os.sep)):
            yaml_path = os.path.join(yaml_path, document.info.id + ".yaml")
        text_path = os.path.splitext(yaml_path)[0] + ".txt"
        targets.append((document, yaml_path, text_path, True))
    return _write(
        targets,
        header=f"Imported from {kind} {os.path.basename(source)} by gloss import {kind}.",
        force=args.force,
    )


def _write(targets: list[tuple[Document, str, str, bool]], *, header: str, force: bool) -> int:
    from tui.core.formats import yaml_out
    from tui.core.loader import load

    if not force:
        for _document, yaml_path, text_path, write_text in targets:
            for path in (yaml_path, text_path) if write_text else (yaml_path,):
                if os.path.exists(path):
                    print(
                        f"gloss: {path} exists; use --force to overwrite it or -o PATH",
                        file=sys.stderr,
                    )
                    return EXIT_PROBLEMS
    status = EXIT_OK
    for document, yaml_path, text_path, write_text in targets:
        folder = os.path.dirname(yaml_path) or "."
        try:
            os.makedirs(folder, exist_ok=True)
            if write_text:
                with open(text_path, "w", encoding="utf-8", newline="") as handle:
                    handle.write(document.text)
            text_name = os.path.relpath(text_path, folder).replace(os.sep, "/")
            Path(yaml_path).write_text(
                yaml_out.dumps(document, text_name=text_name, header=header), encoding="utf-8"
            )
        except OSError as error:
            print(f"gloss: cannot write {yaml_path}: {error.strerror}", file=sys.stderr)
            return EXIT_PROBLEMS
        check = load(yaml_path)
        _print(check.diagnostics)
        if _has_errors(check.diagnostics):
            status = EXIT_PROBLEMS
        else:
            summary = f"{len(document.entities)} entities, {len(document.events)} events"
            print(f"wrote {yaml_path} ({summary}, {len(document.relations)} relations)")
    return status


def run_export(path: str, fmt: str, output: str | None) -> int:
    """Export an annotation file; brat writes files, the others print or write ``output``."""
    from tui.core.loader import load

    result = load(path)
    _print(result.diagnostics)
    document = result.document
    if document is None:
        return EXIT_PROBLEMS
    try:
        if fmt == "brat":
            from tui.core.formats.brat import write_brat, write_brat_conf

            folder = output or os.path.dirname(path) or "."
            stem = os.path.splitext(os.path.basename(path))[0]
            ann, txt = write_brat(document, folder, stem, source_text=document.info.text_path)
            written, kept = write_brat_conf(document, folder)
            print(f"wrote {', '.join([ann, txt, *written])}")
            for conf in kept:
                print(f"gloss: kept {conf}, which gloss did not write", file=sys.stderr)
            return EXIT_OK
        data = _render(document, fmt)
        if output:
            Path(output).write_text(data, encoding="utf-8")
        else:
            sys.stdout.write(data)
    except OSError as error:
        print(f"gloss: cannot write {output or path}: {error.strerror}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _render(document: Document, fmt: str) -> str:
    if fmt == "w3c":
        from tui.core.formats.w3c import dumps as w3c_dumps

        return w3c_dumps(document)
    if fmt == "displacy":
        from tui.core.formats.spans import dumps_displacy

        return dumps_displacy(document)
    if fmt == "doccano":
        from tui.core.formats.spans import dumps_doccano

        return dumps_doccano(document)
    if fmt == "html":
        from tui.core.formats.html import render

        return render(document)
    from tui.core.formats.resolved import dumps

    return dumps(document)
