"""``gloss import FORMAT …`` and ``gloss export --format FORMAT FILE``: the commands.

Every problem is printed as ``FILE:LINE:COLUMN: severity: message``; nothing raises.
The conversions are in :mod:`tui.core.formats`; here they are read, written and reported.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.cli.output import EXIT_OK, EXIT_PROBLEMS, print_diagnostics
from tui.core.formats.export import EXPORT_FORMATS
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from tui.core.files.safewrite import PlannedWrite
    from tui.core.formats.writing import ImportTarget

__all__ = ["EXPORT_FORMATS", "add_import_parser", "run_export", "run_import"]

IMPORT_FORMATS = (
    *("brat", "doccano", "displacy", "w3c", "cat", "timeml", "conll", "webanno", "xmi"),
    *("labelstudio", "prodigy", "hypothesis"),
)


_GROUPED = (
    "by default, {what} of one type and text are one entity (the type as written, the"
    " text exactly, case kept, white space runs alike){unless}"
)
KEEP_APART_HELP = {
    "brat": "make each T its own entity unless a * set or a normalisation joins it; "
    + _GROUPED.format(
        what="Ts",
        unless=", unless their normalisations differ or an argument or relation needs its"
        " own T back on export",
    ),
    "doccano": "make each span its own entity; "
    + _GROUPED.format(what="spans", unless=", except a span a relation needs back on export"),
    "displacy": "make each span its own entity; "
    + _GROUPED.format(what="spans", unless=", unless their kb_id differs"),
    "w3c": "make each tag of another tool its own entity; "
    + _GROUPED.format(what="tags", unless="; gloss's own entityId is kept either way"),
    "labelstudio": "make each region its own entity; "
    + _GROUPED.format(what="regions", unless=", except two regions a relation links"),
    "prodigy": "make each span its own entity; "
    + _GROUPED.format(what="spans", unless=", except two spans a relation links"),
    "hypothesis": "make each annotation its own entity; "
    + _GROUPED.format(what="annotations (type: the first tag)", unless=""),
}
"""What ``--keep-apart`` does for each import: the sources carry no identity."""


def add_import_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``gloss import FORMAT FILE …`` to the command line."""
    parser = sub.add_parser(
        "import",
        help="turn brat, doccano, displaCy, W3C, CAT (ECB+, MEANTIME), TimeML, CoNLL,"
        " WebAnno TSV, UIMA CAS XMI, Label Studio, Prodigy or hypothes.is annotations into"
        " gloss files",
        description="Write a gloss annotation file (YAML) from another tool's annotations.",
    )
    formats = parser.add_subparsers(dest="import_format", metavar="FORMAT", required=True)
    brat = formats.add_parser("brat", help="brat standoff: DOC.ann with DOC.txt")
    brat.add_argument("file", metavar="DOC.ann")
    brat.add_argument("--text", metavar="DOC.txt", help="the article text (default: beside)")
    brat.add_argument("--group-by-text", action="store_true", help=argparse.SUPPRESS)
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
    cat = formats.add_parser(
        "cat",
        help="CAT/CROMER XML (ECB+, MEANTIME): a folder of .xml files → a gloss corpus folder",
        description="Write ID.txt and ID.yaml for each XML file (ID: its name without .xml),"
        " in the folder of OUT that the file is in under the folder named (ECB+/1/1_1ecb.xml,"
        " given ECB+, becomes OUT/1/1_1ecb.yaml; a file named itself goes to OUT), and"
        " OUT/SOURCE.md with the source, licence and citation. Reads ECB+'s"
        " classes and coreference, and MEANTIME-style files (NewsReader, SemEval-2015"
        " TimeLine): entity and event instances, participants, TLINKs and other relations."
        " Dates: a document's is its creation time, else a dateline at the top of the text,"
        " else the first date in the text (marked guessed in document.note); an event's is"
        " a time expression the source links to it, else the one nearest it in its sentence"
        " (marked guessed in its note); the tellings of one happening share the best"
        " supported date. See docs/timeline.md.",
    )
    cat.add_argument("inputs", nargs="+", metavar="DIR_OR_FILE", help="XML files or folders")
    cat.add_argument("--output", "-o", metavar="OUT", required=True, help="the corpus folder")
    cat.add_argument("--force", action="store_true", help="replace files gloss did not write")
    cat.add_argument(
        "--allow-outside",
        action="store_true",
        help="read an .xml file found in a folder that links out of it",
    )
    timeml = formats.add_parser(
        "timeml",
        help="TimeML 1.2 (TimeBank, AQUAINT, TempEval-3): .tml files or folders → a gloss"
        " corpus folder",
        description="Write OUT/ID.txt and OUT/ID.yaml for each TimeML file (ID: its name"
        " without .tml): the TEXT as the article, EVENTs as events (MAKEINSTANCE attributes"
        " kept), TIMEX3s and SIGNALs as entities, TLINK/SLINK/ALINK as relations, the DCT as"
        " the document's date; an event takes the date of a time its TLINKs put it in, and a"
        " TIMEX3 without a value is read from its words. Each file written is checked.",
    )
    timeml.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="TimeML files or folders")
    timeml.add_argument("--output", "-o", metavar="OUT", required=True, help="the corpus folder")
    timeml.add_argument("--force", action="store_true", help="replace files gloss did not write")
    timeml.add_argument(
        "--allow-outside",
        action="store_true",
        help="read a .tml file found in a folder that links out of it",
    )
    from tui.cli.import_json import add_json_importers
    from tui.cli.import_tabular import add_parsers

    add_parsers(formats)
    for each in (brat, doccano, displacy, w3c, *add_json_importers(formats)):
        each.add_argument(
            "--keep-apart",
            action="store_true",
            help=KEEP_APART_HELP[each.prog.rsplit(" ", 1)[-1]],
        )
        each.add_argument(
            "--output",
            "-o",
            metavar="PATH",
            help="the YAML to write (default: beside the input); a folder for several documents",
        )
        each.add_argument(
            "--force",
            action="store_true",
            help="replace existing files gloss did not write (links are replaced, never followed)",
        )
        each.add_argument(
            "--allow-outside",
            action="store_true",
            help="read an article text found outside the input's folder (or not beside it)",
        )


def run_import(args: argparse.Namespace) -> int:
    """Import a file, write YAML (and text), then check what was written."""
    from tui.core.formats.writing import ImportTarget

    kind = args.import_format
    if kind in ("conll", "webanno", "xmi"):
        from tui.cli.import_tabular import plan

        planned = plan(args)
        if planned is None:
            return EXIT_PROBLEMS
        return _write(planned[0], header=planned[1], force=args.force)
    if kind == "cat":
        from tui.cli.import_cat import run_import_cat

        return run_import_cat(
            args.inputs, args.output, force=args.force, allow_outside=args.allow_outside
        )
    if kind == "timeml":
        return _run_timeml(
            args.inputs, args.output, force=args.force, allow_outside=args.allow_outside
        )
    from tui.cli.import_json import JSON_IMPORTS, run_json_import

    if kind in JSON_IMPORTS:
        return run_json_import(args)
    source = args.file
    if kind in ("brat", "w3c"):
        if kind == "brat":
            from tui.core.formats.brat import import_brat

            result = import_brat(
                source,
                text_path=args.text,
                keep_apart=args.keep_apart,
                allow_outside=args.allow_outside,
            )
            document, diagnostics, text_path = result.document, result.diagnostics, result.text_path
        else:
            from tui.core.formats.w3c import import_w3c

            read = import_w3c(
                source,
                text_path=args.text,
                keep_apart=args.keep_apart,
                allow_outside=args.allow_outside,
            )
            document, diagnostics, text_path = read.document, read.diagnostics, read.text_path
        print_diagnostics(diagnostics)
        if document is None:
            return EXIT_PROBLEMS
        yaml_path = args.output or os.path.splitext(source)[0] + ".yaml"
        if os.path.isdir(yaml_path) or yaml_path.endswith(("/", os.sep)):
            stem = os.path.splitext(os.path.basename(source))[0]
            yaml_path = os.path.join(yaml_path, stem + ".yaml")
        name = "brat" if kind == "brat" else "W3C Web Annotation"
        return _write(
            [ImportTarget(document, yaml_path, text_path, False)],
            header=f"Imported from {name} {os.path.basename(source)} by gloss import {kind}.",
            force=args.force,
            allow_outside=args.allow_outside,
        )
    from tui.core.formats import spans

    if kind == "doccano":
        imported = spans.import_doccano(source, labels_path=args.labels, keep_apart=args.keep_apart)
    else:
        imported = spans.import_displacy(source, keep_apart=args.keep_apart)
    print_diagnostics(imported.diagnostics)
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
        targets.append(ImportTarget(document, yaml_path, text_path, True))
    return _write(
        targets,
        header=f"Imported from {kind} {os.path.basename(source)} by gloss import {kind}.",
        force=args.force,
        allow_outside=args.allow_outside,
    )


def _run_timeml(inputs: Sequence[str], output: str, *, force: bool, allow_outside: bool) -> int:
    from tui.core.formats.timeml.reading import read_timeml
    from tui.core.formats.writing import ImportTarget

    imported = read_timeml(inputs, allow_outside=allow_outside)
    print_diagnostics(imported.diagnostics)
    if not imported.documents:
        print("gloss: no document was imported", file=sys.stderr)
        return EXIT_PROBLEMS
    if os.path.lexists(output) and not os.path.isdir(output):
        print(one_line(f"{output}:1:1: error: not written: it is not a folder"), file=sys.stderr)
        return EXIT_PROBLEMS
    targets = []
    headers = []
    for each in imported.documents:
        folder = os.path.join(output, each.folder)
        stem = os.path.join(folder, each.document.info.id)
        targets.append(ImportTarget(each.document, stem + ".yaml", stem + ".txt", True))
        name = os.path.basename(each.source)
        headers.append(f"Imported from TimeML {name} by gloss import timeml.")
    status = _write(targets, header=headers, force=force)
    return EXIT_PROBLEMS if imported.has_errors else status


def _write(
    targets: list[ImportTarget],
    *,
    header: str | Sequence[str],
    force: bool,
    allow_outside: bool = False,
) -> int:
    """Write each target's YAML (and text), then load each back and report its check;
    ``header`` is every file's header comment, or one for each target."""
    from tui.core.document.diagnostics import Severity
    from tui.core.formats.writing import hazard_notice, plan_imported
    from tui.core.loading.loader import load

    headers = [header] * len(targets) if isinstance(header, str) else header
    # Every refusal is reported before anything is written: nothing or everything.
    if not write_all_or_report(plan_imported(targets, headers), force=force):
        return EXIT_PROBLEMS
    status = EXIT_OK
    for target in targets:
        notice = hazard_notice(target.document.text, target.text_path)
        if notice is not None:
            print(one_line(notice), file=sys.stderr)
        check = load(target.yaml_path, allow_outside=allow_outside)
        print_diagnostics(check.diagnostics)
        if any(d.severity is Severity.ERROR for d in check.diagnostics):
            status = EXIT_PROBLEMS
        else:
            document = target.document
            summary = f"{len(document.entities)} entities, {len(document.events)} events"
            print(
                one_line(
                    f"wrote {target.yaml_path} ({summary}, {len(document.relations)} relations)"
                )
            )
    return status


def write_all_or_report(planned: Sequence[PlannedWrite], *, force: bool) -> bool:
    """Write every planned file, or print every reason not to and write none; whether
    they were written."""
    from tui.core.formats.writing import write_all

    problems = write_all(planned, force=force)
    for problem in problems:
        print(
            one_line(f"{problem.path}:1:1: error: not written: {problem.reason}"),
            file=sys.stderr,
        )
    return not problems


def run_export(
    path: str | Sequence[str],
    fmt: str,
    output: str | None,
    *,
    force: bool = False,
    allow_outside: bool = False,
    flavour: str = "ner",
    scheme: str = "iob2",
) -> int:
    """Export an annotation file; brat writes files, the others print or write ``output``.

    Label Studio and Prodigy take several files (or folders of them) into one file."""
    from tui.core.formats.export import MANY_FORMATS

    paths = [path] if isinstance(path, str) else list(path)
    if fmt in MANY_FORMATS:
        from tui.cli.import_json import run_export_many

        return run_export_many(paths, fmt, output, force=force, allow_outside=allow_outside)
    if len(paths) != 1:
        print(
            f"gloss: --format {fmt} exports one file (labelstudio and prodigy take several)",
            file=sys.stderr,
        )
        return 2
    path = paths[0]
    from tui.core.files.safewrite import PlannedWrite
    from tui.core.formats.export import render, too_large
    from tui.core.loading.loader import load

    result = load(path, allow_outside=allow_outside)
    print_diagnostics(result.diagnostics)
    document = result.document
    if document is None:
        return EXIT_PROBLEMS
    if fmt == "brat":
        from tui.core.formats.brat import plan_brat, plan_brat_conf

        folder = output or os.path.dirname(path) or "."
        stem = os.path.splitext(os.path.basename(path))[0]
        if output:
            os.makedirs(folder, exist_ok=True)
        planned = plan_brat(document, folder, stem, source_text=document.info.text_path)
        conf, kept = plan_brat_conf(document, folder)
        if not write_all_or_report([*planned, *conf], force=force):
            return EXIT_PROBLEMS
        ann = os.path.join(folder, stem + ".ann")
        txt = os.path.join(folder, stem + ".txt")
        print(one_line(f"wrote {', '.join([ann, txt, *(item.path for item in conf)])}"))
        for kept_conf in kept:
            print(one_line(f"gloss: kept {kept_conf}, which gloss did not write"), file=sys.stderr)
        return EXIT_OK
    refusal = too_large(document, fmt)
    if refusal is not None:
        print(one_line(f"{path}:1:1: error: {refusal}"), file=sys.stderr)
        return EXIT_PROBLEMS
    data = render(document, fmt, flavour=flavour, scheme=scheme)
    if fmt == "conll":
        from tui.core.formats.conll.writing import dropped

        left_out = dropped(document)
        if left_out:
            print(
                f"gloss: {left_out} mention(s) overlap another and are not written"
                " (CoNLL tags cannot nest)",
                file=sys.stderr,
            )
    if output:
        if not write_all_or_report([PlannedWrite(output, data.encode("utf-8"))], force=force):
            return EXIT_PROBLEMS
    else:
        sys.stdout.write(data)
    return EXIT_OK
