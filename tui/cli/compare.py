"""``gloss diff A B``: compare two annotation files, or two folders of them.

Exit status: 0 when the annotations agree (or, with ``--min-f1``, when every figure
reaches the threshold), 1 when they differ, 2 on an error (a file that does not load,
different articles, a wrong command line). In a terminal, without a printed form or a
gate, the diff screen opens (through the launcher, the only way into the app).

``gloss`` builds every subcommand's parser to parse any command line, so the arguments
come first and need nothing but argparse; the comparison modules are imported by the
command when it runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.output import interactive, print_diagnostics, say

if TYPE_CHECKING:
    from tui.core.compare.align import Comparison, Scores, Side
    from tui.core.compare.folders import FolderComparison

EXIT_AGREE = 0
EXIT_DIFFER = 1
EXIT_ERROR = 2

# -- the arguments -------------------------------------------------------------------------

HELP = "compare two annotation files (or two folders of them)"
DESCRIPTION = (
    "Compare the annotations of B with those of A (the reference): mentions, entities "
    "as chains of mentions, events and relations. Prints one line per difference "
    '(FILE:LINE:COL: only in B: PER "Tal Kalman"), a table with --summary, or '
    "everything with --json; in a terminal, without those, opens the diff screen."
)
EPILOG = (
    "exit status: 0 the annotations agree, 1 they differ (with --min-f1: a figure is "
    "below it), 2 an error"
)


def add_diff_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``gloss diff``."""
    parser.add_argument("a", metavar="A", help="the reference: an annotation file or a folder")
    parser.add_argument("b", metavar="B", help="the file (or folder) to compare with it")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--summary", action="store_true", help="print the table of figures")
    form.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument(
        "--min-f1",
        type=_fraction,
        metavar="F",
        help="a gate: exit 0 when every F1 (mentions, triggers, arguments, relations, "
        "CoNLL) is at least F (0 to 1), else 1",
    )


def _fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return number


# -- the command ---------------------------------------------------------------------------


def _error(message: str) -> int:
    say(message)
    return EXIT_ERROR


def run_diff(args: argparse.Namespace) -> int:
    """Run ``gloss diff`` with parsed arguments; in a terminal, without a printed form
    or a gate, the diff screen shows the result."""
    from tui.core.compare.align import DifferentArticles, compare
    from tui.core.compare.folders import load_side
    from tui.core.text.textsafety import one_line

    a_path, b_path = str(args.a), str(args.b)
    a_is_dir, b_is_dir = Path(a_path).is_dir(), Path(b_path).is_dir()
    if a_is_dir != b_is_dir:
        return _error("compare a file with a file, or a folder with a folder")
    for path in (a_path, b_path):
        if not Path(path).exists():
            return _error(f"{path}: no such file or folder")
    wants_screen = not (args.summary or args.json or args.min_f1 is not None) and interactive()
    if a_is_dir:
        return _run_folders(a_path, b_path, args, wants_screen)
    sides: list[Side] = []
    failed = False
    for path in (a_path, b_path):
        loaded = load_side(path)
        if isinstance(loaded, list):
            print_diagnostics(loaded)
            print(one_line(f"gloss: {path} has errors; fix them and try again"), file=sys.stderr)
            failed = True
        else:
            sides.append(loaded)
    if failed:
        return EXIT_ERROR
    try:
        comparison = compare(sides[0], sides[1])
    except DifferentArticles as error:
        return _error(f"{a_path} and {b_path}: {error}")
    if wants_screen:
        from tui.cli.launcher import run_diff_screen

        return run_diff_screen(comparison)
    return _report_one(comparison, args)


def _verdict(agree: bool, scores: Scores | None, threshold: float | None) -> int:
    from tui.core.compare.report import gate_passes

    if threshold is not None:
        return EXIT_AGREE if scores is None or gate_passes(scores, threshold) else EXIT_DIFFER
    return EXIT_AGREE if agree else EXIT_DIFFER


def _report_one(comparison: Comparison, args: argparse.Namespace) -> int:
    from tui.core.compare.report import (
        comparison_json,
        difference_lines,
        headline_text,
        summary_lines,
        text_note,
    )
    from tui.core.text.textsafety import inert_json

    if args.json:
        print(inert_json(comparison_json(comparison)))
    elif args.summary:
        print("\n".join(summary_lines(comparison)))
    else:
        for line in text_note(comparison):
            say(line)
        lines = difference_lines(comparison)
        if lines:
            print("\n".join(lines))
        disagreements = len(comparison.disagreements)
        print(
            f"gloss: {disagreements} difference(s); " + headline_text(comparison.scores),
            file=sys.stderr,
        )
    verdict = _verdict(comparison.agree, comparison.scores, args.min_f1)
    if args.min_f1 is not None and verdict != EXIT_AGREE:
        print(
            f"gloss: below the gate of F1 {args.min_f1}: {headline_text(comparison.scores)}",
            file=sys.stderr,
        )
    return verdict


def _run_folders(a_path: str, b_path: str, args: argparse.Namespace, wants_screen: bool) -> int:
    from tui.core.compare.folder_report import folder_json, folder_summary_lines, unpaired_lines
    from tui.core.compare.folders import compare_folders
    from tui.core.compare.report import difference_lines, gate_passes, text_note
    from tui.core.text.textsafety import inert_json

    result: FolderComparison = compare_folders(a_path, b_path)
    print_diagnostics(result.failed)
    if not result.comparisons and not result.only_a and not result.only_b:
        return _error(f"no annotation files (*.yaml) that load in {a_path} and {b_path}")
    if wants_screen:
        from tui.cli.launcher import run_diff_screen

        return run_diff_screen(result)
    if args.json:
        print(inert_json(folder_json(result)))
    elif args.summary:
        print("\n".join(folder_summary_lines(result)))
    else:
        for comparison in result.comparisons:
            for line in text_note(comparison):
                say(f"{comparison.b.path}: {line}")
            lines = difference_lines(comparison)
            if lines:
                print("\n".join(lines))
        for line in unpaired_lines(result):
            print(line)
    for a_side, b_side, reason in result.different:
        say(f"{a_side.path} and {b_side.path}: {reason}")
    if result.failed:
        return EXIT_ERROR
    totals = result.totals
    if args.min_f1 is not None:
        unpaired = bool(result.only_a or result.only_b or result.different)
        passes = totals is not None and gate_passes(totals, args.min_f1) and not unpaired
        return EXIT_AGREE if passes else EXIT_DIFFER
    return EXIT_AGREE if result.agree else EXIT_DIFFER
