"""``gloss import conll|webanno|xmi``: token-based and UIMA formats into gloss files.

Each reads one file whole or refuses it (nothing written); a file of another known
format is named as such. Several documents in one file (CoNLL's ``-DOCSTART-``,
``# newdoc``, ``#begin document``) are written as ``OUT/NAME-N.yaml`` each with its
text; one document as ``NAME.yaml`` and ``NAME.txt`` beside the input (or ``-o``).
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from tui.cli.output import print_diagnostics

if TYPE_CHECKING:
    from tui.core.formats.writing import ImportTarget

TABULAR_FORMATS = ("conll", "webanno", "xmi")


def add_parsers(formats: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The three importers' command lines."""
    conll = formats.add_parser(
        "conll",
        help="CoNLL-2003/IOB NER, CoNLL-U (MISC NER=) or CoNLL-2012 (OntoNotes coreference)",
        description="Write a gloss file for each document of a CoNLL file. The text is"
        " rebuilt from the tokens: CoNLL-U's '# text' (exact) or its tokens with SpaceAfter;"
        " other flavours join tokens with a space and sentences with a line break. IOB1,"
        " IOB2 and BIOES tags are read; CoNLL-2012 coreference chains become entities.",
    )
    conll.add_argument("file", metavar="FILE")
    conll.add_argument(
        "--flavour",
        choices=("ner", "u", "2012"),
        help="ner: token … tag; u: CoNLL-U; 2012: OntoNotes (default: detected from the file)",
    )
    webanno = formats.add_parser(
        "webanno",
        help="WebAnno / INCEpTION TSV 3.x: span, chain and relation layers, slots",
        description="Write a gloss file from WebAnno TSV 3.x. Named entities keep their"
        " value as the type; other span layers are types of their own, their features the"
        " mentions' attributes; chains are entities; relation layers and slot features are"
        " relations.",
    )
    webanno.add_argument("file", metavar="FILE.tsv")
    xmi = formats.add_parser(
        "xmi",
        help="UIMA CAS XMI (INCEpTION's export), read with dkpro-cassis",
        description="Write a gloss file from a UIMA CAS XMI file, mapped as 'import webanno'"
        " maps layers. The XMI does not carry its types' features: the type system is"
        " --typesystem, else TypeSystem.xml beside the XMI, each merged onto DKPro Core's;"
        " a type none of them declares is an error. The XML is vetted by gloss's hardened"
        " parser (no entity declarations, nothing external, at most 32 MB) before cassis"
        " reads it.",
    )
    xmi.add_argument("file", metavar="FILE.xmi")
    xmi.add_argument("--typesystem", metavar="FILE", help="the UIMA type system (TypeSystem.xml)")
    for each in (conll, webanno, xmi):
        each.add_argument(
            "--keep-apart",
            action="store_true",
            help="make each span its own entity; by default spans of one type and text are"
            " one entity (chains and coreference are identities either way)",
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


def plan(args: argparse.Namespace) -> tuple[list[ImportTarget], str] | None:
    """Read the file: the documents to write and their header comment, or None (the
    problems printed) when it cannot be read whole."""
    from tui.core.document.diagnostics import DiagnosticSink
    from tui.core.formats.tabular import import_file
    from tui.core.formats.writing import ImportTarget

    kind = args.import_format
    source = args.file
    sink = DiagnosticSink(source)
    documents = import_file(
        kind,
        source,
        sink,
        keep_apart=args.keep_apart,
        flavour=getattr(args, "flavour", None),
        typesystem=getattr(args, "typesystem", None),
    )
    print_diagnostics(sink.sorted())
    if not documents or sink.has_errors:
        return None
    base = os.path.dirname(source)
    stem = os.path.splitext(os.path.basename(source))[0]
    several = len(documents) > 1
    targets = []
    for document in documents:
        if several:
            yaml_path = os.path.join(args.output or base, document.info.id + ".yaml")
        else:
            yaml_path = args.output or os.path.join(base, stem + ".yaml")
            if os.path.isdir(yaml_path) or yaml_path.endswith(("/", os.sep)):
                yaml_path = os.path.join(yaml_path, document.info.id + ".yaml")
        text_path = os.path.splitext(yaml_path)[0] + ".txt"
        targets.append(ImportTarget(document, yaml_path, text_path, True))
    names = {"conll": "CoNLL", "webanno": "WebAnno TSV", "xmi": "UIMA CAS XMI"}
    return (
        targets,
        f"Imported from {names[kind]} {os.path.basename(source)} by gloss import {kind}.",
    )
