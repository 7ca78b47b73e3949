"""The printed forms of a folder comparison: the per-document table, its JSON, and the
documents that could not be paired. The diff screen shows the same table."""

from __future__ import annotations

from tui.core.compare.align import Scores
from tui.core.compare.folders import FolderComparison
from tui.core.compare.report import comparison_json, location, scores_json, table
from tui.core.text.textsafety import one_line

FOLDER_HEADER = ["document", "mentions", "overlap", "CoNLL", "triggers", "args", "relations"]
"""Columns of the per-document table: F1 scores, then the number of differences."""


def unpaired_lines(result: FolderComparison) -> list[str]:
    """``FILE:1:1: only in A: document ID`` for each document of one folder only."""
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


def folder_summary_lines(result: FolderComparison) -> list[str]:
    """The per-document table, the corpus totals, and what could not be paired."""
    rows = document_rows(result)
    totals = result.totals
    if totals is not None:
        total_row = _figures_row("all documents", totals)
        total_row.append(str(sum(len(c.disagreements) for c in result.comparisons)))
        rows.append(total_row)
    lines = table([*FOLDER_HEADER, "diffs"], rows)
    lines.extend(unpaired_lines(result))
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
