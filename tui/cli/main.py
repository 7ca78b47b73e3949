"""The ``gloss`` command: open the reader, or check, export and import annotation files.

Only the ``open`` path imports Textual (through :mod:`tui.cli.launcher`, the one way into
the app), so ``gloss --help``, ``gloss check`` and ``gloss export`` start quickly and work
without a terminal. Each command is a module of ``tui/cli``, imported when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__
from tui.cli import launcher
from tui.cli.output import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    interactive,
    print_diagnostics,
    refuse_text_file,
)

if TYPE_CHECKING:
    from tui.core.loading.result import LoadResult

SUBCOMMANDS = (
    "open",
    "check",
    "export",
    "import",
    "search",
    "entities",
    "diff",
    "timeline",
    "suggest",
    "keys",
)
READS_ANNOTATIONS = ("open", "check", "export")
"""Commands with --allow-outside handled here (import handles its own)."""


def bundled_article() -> Path:
    """The annotation file of the article that ships with gloss (package data, so an
    installed gloss finds it as well as a clone does)."""
    from importlib.resources import files

    # The package is installed as plain files (setuptools never zips it), so the
    # resource is a real folder the loader can read the YAML and its text from.
    content = Path(str(files("tui").joinpath("content")))
    found = sorted(content.glob("*.yaml"))
    return found[0] if found else content / "missing.yaml"


MAX_CONTEXT = 1000
"""Most lines of context ``gloss search -C`` prints on each side of a hit."""


def _lines_of_context(value: str) -> int:
    """``-C N``: a count of lines, 0 to :data:`MAX_CONTEXT`."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 0 <= number <= MAX_CONTEXT:
        raise argparse.ArgumentTypeError(f"a number of lines from 0 to {MAX_CONTEXT}")
    return number


def _parser() -> argparse.ArgumentParser:
    from tui.cli import compare as diff_arguments
    from tui.cli.formats import EXPORT_FORMATS, add_import_parser

    parser = argparse.ArgumentParser(
        prog="gloss",
        description="A terminal reader for annotated articles.",
        epilog=(
            "commands:\n"
            "  gloss [--allow-outside] [FILE]   open the reader (default: the bundled article)\n"
            "  gloss ARTICLE.txt                read a text not annotated yet (its annotations\n"
            "                                   go to ARTICLE.yaml beside it, on the first save)\n"
            "  in the reader, m                 annotate: select words, e entity, a mention,\n"
            "                                   E event, u undo, ctrl+s saves into the file,\n"
            "                                   keeping its comments (docs/annotating.md)\n"
            "  gloss DIR | gloss FILE FILE...   open the library of a folder or of files (with\n"
            "                                   the .txt files no annotation file names)\n"
            "  gloss search DIR QUERY [--json]  print each line with a hit as FILE:LINE:COL:line\n"
            "  gloss entities DIR [--json] [--link KEY:VALUE]  corpus entities, or one's mentions\n"
            "  gloss check [--strict] FILE...   check annotation files (DIR: every one in it;\n"
            "                                   a .txt: the text, or the YAML that names it)\n"
            "  gloss export --format json FILE  print the resolved form\n"
            "  gloss export --format brat|w3c|displacy|doccano|html FILE [-o PATH] [--force]\n"
            "  gloss export --format conll|webanno FILE [--flavour ner|u] [--scheme iob2|…]\n"
            "  gloss import brat|doccano|displacy|w3c FILE [-o FILE.yaml] [--force]\n"
            "  gloss import conll|webanno|xmi FILE [--flavour ner|u|2012] [--typesystem TS.xml]\n"
            "  gloss import cat DIR_OR_FILES -o OUT/ [--force]\n"
            "  gloss import timeml FILE_OR_DIR -o OUT/ [--force]   TimeML (TimeBank, TempEval-3)\n"
            "  gloss diff A B [--summary|--json] [--min-f1 F]   compare two annotations\n"
            "  gloss timeline FILE|DIR [--json]  events as a date-sorted table\n"
            "  gloss suggest FILE|DIR [--from-corpus] [--model NAME] [--accept-all] [--json]\n"
            "                                   mentions to propose (the reader's review: S);\n"
            "                                   --model runs a spaCy pipeline (pip install\n"
            "                                   'gloss-tui[nlp]'); --accept-all writes them\n"
            "  gloss keys                       print the default keys as a config.toml\n"
            "\nFiles an annotation names must be inside its folder (--allow-outside reads\n"
            "them anyway); gloss never writes through a link or over a file it did not\n"
            "write (--force replaces the file or the link, never the link's target).\n"
            "\nRun 'gloss COMMAND --help' for a command's options."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"gloss {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    open_parser = sub.add_parser(
        "open", help="open the reader on an annotation file or a plain text"
    )
    open_parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="annotation YAML (default: bundled article), or an article text (.txt) not "
        "annotated yet; a folder or several files: the library",
    )
    open_parser.add_argument("--theme", metavar="NAME", help="a Textual theme for this run")
    db_help = (
        "keep the corpus index in this PostgreSQL database (postgresql://USER@HOST/DB);"
        " default: GLOSS_DB, then db in config.toml, else the embedded index"
    )
    open_parser.add_argument("--db", metavar="URL", help=db_help)
    sub.add_parser("keys", help="print the default keys as a config.toml to edit")
    check = sub.add_parser("check", help="check annotation files and report every problem")
    check.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="a file, or a folder to check all (default: the bundled article); an article "
        "text (.txt): what 'gloss FILE' opens, the text or its annotation file",
    )
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    check.add_argument(
        "--db", metavar="URL", help="also bring the folder's index in this database up to date"
    )
    export = sub.add_parser("export", help="write an annotation file in another format")
    export.add_argument(
        "file",
        nargs="+",
        metavar="FILE",
        help="the annotation file; for labelstudio and prodigy, several files or folders"
        " (the files one import wrote give back the file it read)",
    )
    export.add_argument("--format", "-f", choices=EXPORT_FORMATS, default="json")
    export.add_argument("--output", "-o", metavar="PATH", help="write here instead of stdout")
    export.add_argument(
        "--flavour",
        choices=("ner", "u"),
        default="ner",
        help="--format conll: ner (token and tag a line) or u (CoNLL-U, tags as MISC NER=)",
    )
    export.add_argument(
        "--scheme",
        choices=("iob2", "iob1", "bioes"),
        default="iob2",
        help="--format conll: the tag scheme (CoNLL-2003's own files are IOB1)",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="replace existing files gloss did not write (links are replaced, never followed)",
    )
    for reading in (open_parser, check, export):
        reading.add_argument(
            "--allow-outside",
            action="store_true",
            help="read an article text that resolves outside the annotation file's folder",
        )
    add_import_parser(sub)
    diff = sub.add_parser(
        "diff",
        help=diff_arguments.HELP,
        description=diff_arguments.DESCRIPTION,
        epilog=diff_arguments.EPILOG,
    )
    diff_arguments.add_diff_arguments(diff)
    timeline = sub.add_parser(
        "timeline",
        help="print the events of a file, or of every annotation file under a folder, by date",
        description=(
            "Print events as a date-sorted table: date (ending in ~ when a note says it was "
            "guessed), precision, realis, type, summary and FILE:LINE:COL of the trigger in "
            "the article text. For a folder, every YAML declaring 'gloss: 1' is read "
            "(recursively), events are interleaved by date with their document shown, and "
            "events sharing a links name/value pair are folded into one row."
        ),
    )
    timeline.add_argument("target", metavar="FILE|DIR")
    timeline.add_argument("--json", action="store_true", help="print JSON instead of a table")
    timeline.add_argument(
        "--interactive",
        "-i",
        action="store_true",
        help="open the timeline in the terminal instead (enter opens an event in the reader)",
    )
    timeline.add_argument("--db", metavar="URL", help=db_help)
    timeline.add_argument(
        "--entity",
        metavar="NAME",
        help="only events of the entity with this id, name, alias or link value (any case)",
    )
    from tui.cli.suggest import DESCRIPTION as SUGGEST_DESCRIPTION
    from tui.cli.suggest import HELP as SUGGEST_HELP

    suggest = sub.add_parser("suggest", help=SUGGEST_HELP, description=SUGGEST_DESCRIPTION)
    suggest.add_argument(
        "target", metavar="FILE|DIR", help="an annotation file, a text (.txt) or a folder"
    )
    suggest.add_argument(
        "--from-corpus",
        action="store_true",
        help="also the names the other articles of the folder know (its library's index)",
    )
    suggest.add_argument(
        "--model",
        metavar="NAME",
        help="run this spaCy pipeline (en_core_web_sm, or a folder saved with nlp.to_disk)"
        " and keep what it finds for the review; needs pip install 'gloss-tui[nlp]'",
    )
    suggest.add_argument(
        "--accept-all",
        action="store_true",
        help="write every suggestion into the annotation files as annotate mode saves "
        "(checked first, comments kept; a text gets its new file)",
    )
    suggest.add_argument("--json", action="store_true", help="print the suggestions as JSON")
    suggest.add_argument("--db", metavar="URL", help=db_help)
    search = sub.add_parser(
        "search",
        help="search a corpus; print FILE:LINE:COL:line per line with a hit",
        description=(
            'Search every article under DIR. QUERY: words, "phrases", prefix*, and filters '
            "type:GPE entity:NAME event:TYPE realis:VALUE date:A..B doc:TEXT. Exit 0 with "
            "hits, 1 without, 2 on a bad query. See docs/corpus.md."
        ),
    )
    search.add_argument("path", metavar="DIR", help="a folder of annotation files (or one file)")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="print the hits as JSON")
    search.add_argument(
        "--color",
        "--colour",
        choices=("auto", "always", "never"),
        default="auto",
        help="mark the hits in colour: auto (when stdout is a terminal), always, never",
    )
    search.add_argument(
        "-C",
        "--context",
        metavar="N",
        type=_lines_of_context,
        default=0,
        help="print N lines of context around each line with a hit",
    )
    search.add_argument("--db", metavar="URL", help=db_help)
    entities = sub.add_parser(
        "entities",
        help="list corpus entities (shared links), or every mention of one",
        description=(
            "Entities of different articles that share a links key and value (wikidata: Q1028)"
            " are one corpus entity. Without --link: each with its links, type, name, mentions"
            " and documents. With --link KEY:VALUE: every mention as FILE:LINE:COL: context."
            " Exit 0 with output, 1 without, 2 on misuse. See docs/corpus.md."
        ),
    )
    entities.add_argument("path", metavar="DIR", help="a folder of annotation files")
    entities.add_argument("--link", metavar="KEY:VALUE", help="the mentions of this entity")
    entities.add_argument("--json", action="store_true", help="print JSON")
    entities.add_argument("--db", metavar="URL", help=db_help)
    entities.add_argument(
        "--guess", action="store_true", help="also join same name and type (shown as guessed)"
    )
    return parser


def run_keys() -> int:
    """Print the default keys as a configuration file to save and edit."""
    from tui.core.files.config import config_path
    from tui.core.text.textsafety import one_line

    # The path goes in a comment: a newline in it would start a line of settings.
    sys.stdout.write(launcher.default_config_text(one_line(str(config_path()))))
    return EXIT_OK


def run_open(path: str | None, *, theme: str | None = None, allow_outside: bool = False) -> int:
    """Load, then take over the terminal only for a file that loaded.

    Large files are the exception: the reader opens on their text at once and loads the
    annotations in the background; if those turn out to have errors, the reader closes,
    the terminal is restored, and the errors are printed just the same.
    """
    from tui.core.loading.companions import looks_like_text
    from tui.core.loading.preview import loads_in_background

    target = path or str(bundled_article())
    bare = looks_like_text(target)  # an article text: read bare, or its annotation file
    if not bare and refuse_text_file(target):
        return EXIT_PROBLEMS
    if theme is not None:
        themes = launcher.theme_names()
        if theme not in themes:
            from tui.core.text.textsafety import one_line

            names = ", ".join(sorted(themes))
            print(f"gloss: no theme '{one_line(theme)}' (themes: {names})", file=sys.stderr)
            return EXIT_USAGE
    in_terminal = interactive()
    in_background = in_terminal and not bare and loads_in_background(target)
    result: LoadResult | None = None
    keep: Callable[[], str | None] | None = None
    if not in_background:
        if bare:
            from tui.core.loading.bare import load_target

            result = load_target(target, allow_outside=allow_outside)
        else:
            # An unchanged file opens from the document cache, without the YAML reader.
            from tui.core.loading.cache import load_cached

            result, keep = load_cached(target, allow_outside=allow_outside)
        if result.document is None:
            return _report_failed_load(target, result)
    if not in_terminal:
        print(
            "gloss: the reader needs a terminal (stdin and stdout are not a TTY); "
            "use 'gloss check' or 'gloss export' in scripts",
            file=sys.stderr,
        )
        return EXIT_USAGE
    code, failed_load = launcher.run_reader(
        target, result, theme=theme, allow_outside=allow_outside, keep=keep
    )
    if failed_load is not None:
        return _report_failed_load(target, failed_load)
    return code


def _unknown_command(word: str) -> str | None:
    """A message for a word that is neither a command nor a file but close to a command."""
    import difflib

    from tui.core.text.textsafety import one_line

    if word.startswith("-") or word in SUBCOMMANDS or os.path.exists(word):
        return None
    close = difflib.get_close_matches(word, SUBCOMMANDS, n=1, cutoff=0.6)
    if not close:
        return None
    return (
        f"gloss: unknown command '{one_line(word)}'; did you mean '{close[0]}'? "
        f"(commands: {', '.join(SUBCOMMANDS)}; 'gloss FILE' opens a file)"
    )


def _report_failed_load(target: str, result: LoadResult) -> int:
    from tui.core.formats.sniff import IMPORTS, sniff_file
    from tui.core.loading.companions import looks_like_text
    from tui.core.text.textsafety import one_line

    # The file that failed: the target, or the annotation file a text was opened through.
    failed = result.path or target
    if not os.path.lexists(failed):
        print(f"gloss: {one_line(failed)}: no such file", file=sys.stderr)
        return EXIT_PROBLEMS
    found = sniff_file(failed)
    if found is not None and found.key in IMPORTS:
        # A file of another format gloss imports: its errors as YAML would only confuse.
        print(
            f"gloss: {one_line(failed)} is {found.name}, not a gloss annotation file: "
            f"import it with 'gloss import {found.key} {one_line(failed)} --output DIR', "
            "then open what it writes",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    if found is not None:
        print(
            f"gloss: {one_line(failed)} is {found.name}, not a gloss annotation file: {found.use}",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    print_diagnostics(result.diagnostics)
    if looks_like_text(failed):
        print(f"gloss: {one_line(failed)} was not opened", file=sys.stderr)
    else:
        print(f"gloss: {one_line(failed)} has errors; fix them and try again", file=sys.stderr)
    return EXIT_PROBLEMS


def _just_one_file(args_list: list[str]) -> bool:
    """Whether the words are 'open' and at most one file, no option nor folder."""
    if args_list[:1] != ["open"] or len(args_list) > 2:
        return False
    return len(args_list) == 1 or not (args_list[1].startswith("-") or os.path.isdir(args_list[1]))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gloss`` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    unknown = _unknown_command(args_list[0]) if args_list else None
    if unknown is not None:
        print(unknown, file=sys.stderr)
        return EXIT_USAGE
    if args_list[:1] == ["--allow-outside"] or (args_list and args_list[0].startswith("--theme")):
        args_list.insert(0, "open")  # 'gloss --allow-outside FILE' opens FILE
    elif args_list and args_list[0] not in SUBCOMMANDS and not args_list[0].startswith("-"):
        args_list.insert(0, "open")
    elif not args_list:
        args_list = ["open"]
    if _just_one_file(args_list):
        # The usual start, 'gloss FILE', needs no parser: building one (every command's
        # options and help) would add a few milliseconds to the time to the text.
        try:
            return run_open(args_list[1] if len(args_list) == 2 else None)
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
    parser = _parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        if args.command == "check":
            from tui.cli.check import run_check

            return run_check(
                args.files or [str(bundled_article())],
                strict=args.strict,
                quiet=args.quiet,
                allow_outside=args.allow_outside,
                database=args.db,
            )
        options = {"allow_outside": args.allow_outside} if args.command in READS_ANNOTATIONS else {}
        if args.command == "export":
            from tui.cli.formats import run_export

            return run_export(
                args.file,
                args.format,
                args.output,
                force=args.force,
                flavour=args.flavour,
                scheme=args.scheme,
                **options,
            )
        if args.command == "import":
            from tui.cli.formats import run_import

            return run_import(args)
        if args.command == "diff":
            from tui.cli.compare import run_diff

            return run_diff(args)
        if args.command == "timeline" and args.interactive:
            from tui.cli.timeline import run_interactive

            return run_interactive(args.target, entity=args.entity, database=args.db)
        if args.command == "timeline":
            from tui.cli.timeline import run_timeline

            return run_timeline(
                args.target, as_json=args.json, entity=args.entity, database=args.db
            )
        if args.command == "keys":
            return run_keys()
        if args.command == "suggest":
            from tui.cli.suggest import run_suggest

            return run_suggest(
                args.target,
                model=args.model,
                from_corpus=args.from_corpus,
                accept_all=args.accept_all,
                as_json=args.json,
                database=args.db,
            )
        if args.command == "search":
            from tui.cli.search import run_search

            return run_search(
                args.path,
                args.query,
                as_json=args.json,
                database=args.db,
                color=args.color,
                context=args.context,
            )
        if args.command == "entities":
            from tui.cli.entities import run_entities

            return run_entities(
                args.path, link=args.link, as_json=args.json, guess=args.guess, database=args.db
            )
        if len(args.files) > 1 or (args.files and os.path.isdir(args.files[0])):
            return launcher.run_library(args.files, database=args.db)
        return run_open(args.files[0] if args.files else None, theme=args.theme, **options)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
