"""The ``gloss diff`` command: compare two annotation files, or two folders of them.

Exit status: 0 when the annotations agree (or, with ``--min-f1``, when every figure
reaches the threshold), 1 when they differ, 2 on an error (a file that does not load,
different articles, a wrong command line). Only the screen imports Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from tui.core.compare.align import Comparison, DifferentArticles, Scores, Side, compare
from tui.core.compare.folders import FolderComparison, compare_folders
from tui.core.compare.report import (
    comparison_json,
    difference_lines,
    location,
    scores_json,
    summary_lines,
    table,
    text_note,
)
from tui.core.document.diagnostics import Diagnostic
from tui.core.loading.loader import load
from tui.core.text.textsafety import inert_json, one_line

EXIT_AGREE = 0
EXIT_DIFFER = 1
EXIT_ERROR = 2


def _error(message: str) -> int:
    print(one_line(f"gloss: {message}"), file=sys.stderr)
    return EXIT_ERROR


def _print_diagnostics(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(one_line(diagnostic.format()), file=sys.stderr)


def _interactive() -> bool:
    return (sys.stdout.isatty() and sys.stdin.isatty()) or bool(os.environ.get("GLOSS_FORCE_TTY"))


def load_side(path: str) -> Side | list[Diagnostic]:
    """A loaded file, or its problems."""
    result = load(path)
    if result.document is None:
        return list(result.diagnostics)
    return Side(path, result.document, result.source)


def gate_passes(scores: Scores, threshold: float) -> bool:
    """Whether every headline F1 reaches ``threshold``."""
    return all(value >= threshold for value in scores.headline().values())


ScreenOpener = Callable[[Comparison | FolderComparison], int]
"""Opens the diff screen on a result and returns the exit status (Textual lives there)."""


def run_diff(args: argparse.Namespace, open_screen: ScreenOpener | None = None) -> int:
    """Run ``gloss diff`` with parsed arguments; ``open_screen`` is used in a terminal
    when no printed form or gate is asked for."""
    a_path, b_path = str(args.a), str(args.b)
    a_is_dir, b_is_dir = Path(a_path).is_dir(), Path(b_path).is_dir()
    if a_is_dir != b_is_dir:
        return _error("compare a file with a file, or a folder with a folder")
    for path in (a_path, b_path):
        if not Path(path).exists():
            return _error(f"{path}: no such file or folder")
    wants_screen = (
        open_screen is not None
        and not (args.summary or args.json or args.min_f1 is not None)
        and _interactive()
    )
    if a_is_dir:
        return _run_folders(a_path, b_path, args, open_screen if wants_screen else None)
    sides: list[Side] = []
    failed = False
    for path in (a_path, b_path):
        loaded = load_side(path)
        if isinstance(loaded, list):
            _print_diagnostics(loaded)
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
    if wants_screen and open_screen is not None:
        return open_screen(comparison)
    return _report_one(comparison, args)


def _verdict(agree: bool, scores: Scores | None, threshold: float | None) -> int:
    if threshold is not None:
        return EXIT_AGREE if scores is None or gate_passes(scores, threshold) else EXIT_DIFFER
    return EXIT_AGREE if agree else EXIT_DIFFER


def _report_one(comparison: Comparison, args: argparse.Namespace) -> int:
    if args.json:
        print(inert_json(comparison_json(comparison)))
    elif args.summary:
        print("\n".join(summary_lines(comparison)))
    else:
        for line in text_note(comparison):
            print(one_line(f"gloss: {line}"), file=sys.stderr)
        lines = difference_lines(comparison)
        if lines:
            print("\n".join(lines))
        disagreements = len(comparison.disagreements)
        print(
            f"gloss: {disagreements} difference(s); " + _headline_text(comparison.scores),
            file=sys.stderr,
        )
    verdict = _verdict(comparison.agree, comparison.scores, args.min_f1)
    if args.min_f1 is not None and verdict != EXIT_AGREE:
        print(
            f"gloss: below the gate of F1 {args.min_f1}: {_headline_text(comparison.scores)}",
            file=sys.stderr,
        )
    return verdict


def _headline_text(scores: Scores) -> str:
    figures = scores.headline()
    return ", ".join(f"{name} F1 {value:.3f}" for name, value in figures.items())


def _run_folders(
    a_path: str, b_path: str, args: argparse.Namespace, open_screen: ScreenOpener | None
) -> int:
    result = compare_folders(a_path, b_path)
    _print_diagnostics(list(result.failed))
    if not result.comparisons and not result.only_a and not result.only_b:
        return _error(f"no annotation files (*.yaml) that load in {a_path} and {b_path}")
    if open_screen is not None:
        return open_screen(result)
    if args.json:
        print(inert_json(folder_json(result)))
    elif args.summary:
        print("\n".join(folder_summary_lines(result)))
    else:
        for comparison in result.comparisons:
            for line in text_note(comparison):
                print(one_line(f"gloss: {comparison.b.path}: {line}"), file=sys.stderr)
            lines = difference_lines(comparison)
            if lines:
                print("\n".join(lines))
        for line in _unpaired_lines(result):
            print(line)
    for a_side, b_side, reason in result.different:
        print(one_line(f"gloss: {a_side.path} and {b_side.path}: {reason}"), file=sys.stderr)
    if result.failed:
        return EXIT_ERROR
    totals = result.totals
    if args.min_f1 is not None:
        unpaired = bool(result.only_a or result.only_b or result.different)
        passes = totals is not None and gate_passes(totals, args.min_f1) and not unpaired
        return EXIT_AGREE if passes else EXIT_DIFFER
    return EXIT_AGREE if result.agree else EXIT_DIFFER


def _unpaired_lines(result: FolderComparison) -> list[str]:
    lines = [
        one_line(f"{location(side.path, None)}: only in A: document {side.document.info.id}")
        for side in result.only_a
    ]
    lines.extend(
        one_line(f"{location(side.path, None)}: only in B: document {side.document.info.id}")
        for side in result.only_b
    )
    return lines


def document_rows(result: FolderComparison) -> list[list[str]]:
    """One row per paired document: its figures and its number of differences."""
    rows: list[list[str]] = []
    for comparison in result.comparisons:
        rows.append(_figures_row(comparison.a.document.info.id, comparison.scores))
        rows[-1].append(str(len(comparison.disagreements)))
    return rows


def _figures_row(name: str, scores: Scores) -> list[str]:
    chains = scores.coreference
    return [
        name,
        f"{scores.mentions.f1:.3f}",
        f"{scores.mentions_overlap.f1:.3f}",
        f"{chains.conll:.3f}",
        f"{scores.triggers.f1:.3f}",
        f"{scores.arguments.f1:.3f}",
        f"{scores.relations.f1:.3f}",
    ]


FOLDER_HEADER = ["document", "mentions", "overlap", "CoNLL", "triggers", "args", "relations"]
"""Columns of the per-document table: F1 scores, then the number of differences."""


def folder_summary_lines(result: FolderComparison) -> list[str]:
    """The per-document table, the corpus totals, and what could not be paired."""
    rows = document_rows(result)
    totals = result.totals
    if totals is not None:
        total_row = _figures_row("all documents", totals)
        total_row.append(str(sum(len(c.disagreements) for c in result.comparisons)))
        rows.append(total_row)
    lines = table([*FOLDER_HEADER, "diffs"], rows)
    lines.extend(_unpaired_lines(result))
    return lines


def folder_json(result: FolderComparison) -> dict[str, object]:
    """Every pair's full result, the totals, and the unpaired documents."""
    totals = result.totals
    return {
        "agree": result.agree,
        "documents": [comparison_json(comparison) for comparison in result.comparisons],
        "totals": None if totals is None else scores_json(totals),
        "only_in_a": [side.path for side in result.only_a],
        "only_in_b": [side.path for side in result.only_b],
        "different_articles": [[a.path, b.path] for a, b, _ in result.different],
    }
