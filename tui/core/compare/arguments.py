"""The command line of ``gloss diff``: its help and arguments, apart from the command.

``gloss`` builds every subcommand's parser to parse any command line, opening the
reader included; keeping these here spares that path the comparison modules.
"""

from __future__ import annotations

import argparse

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
