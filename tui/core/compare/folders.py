"""Pairing the documents of two folders: by document id, else by identical text."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.compare.align import Comparison, DifferentArticles, Scores, Side, compare
from tui.core.corpus.discovery import discover_folder
from tui.core.document.diagnostics import Diagnostic
from tui.core.loading.loader import load


@dataclass(frozen=True, slots=True)
class FolderPairs:
    """Documents found in both folders, those found in one only, and load problems."""

    pairs: tuple[tuple[Side, Side], ...]
    only_a: tuple[Side, ...]
    only_b: tuple[Side, ...]
    failed: tuple[Diagnostic, ...]
    """Errors of files that did not load (they take no part in the comparison)."""


def annotation_files(folder: str) -> list[str]:
    """The annotation files of a folder and its subfolders, in name order.

    Found as a corpus's are (:func:`~tui.core.corpus.discovery.discover_folder`): regular
    files only, no link followed, so a ``.yaml`` that links out of the folder, or a
    FIFO named like one, is never loaded as a side of the comparison.
    """
    source = discover_folder(folder)
    return [
        os.path.join(folder, relative) for relative in source.files if relative.endswith(".yaml")
    ]


def load_side(path: str) -> Side | list[Diagnostic]:
    """A loaded file, or its problems."""
    result = load(path)
    if result.document is None:
        return list(result.diagnostics)
    return Side(path, result.document, result.source)


def load_sides(paths: Sequence[str]) -> tuple[list[Side], list[Diagnostic]]:
    """Load each file; those with errors are left out and their errors returned."""
    sides: list[Side] = []
    failed: list[Diagnostic] = []
    for path in paths:
        result = load(path)
        if result.document is None:
            failed.extend(result.diagnostics)
        else:
            sides.append(Side(path, result.document, result.source))
    return sides, failed


def pair_sides(a_sides: Sequence[Side], b_sides: Sequence[Side]) -> FolderPairs:
    """Pair by document id first; what is left, by identical article text."""
    b_by_id: dict[str, Side] = {}
    for side in b_sides:
        b_by_id.setdefault(side.document.info.id, side)
    pairs: list[tuple[Side, Side]] = []
    used_b: set[str] = set()
    left_a: list[Side] = []
    for side in a_sides:
        other = b_by_id.get(side.document.info.id)
        if other is not None and other.path not in used_b:
            pairs.append((side, other))
            used_b.add(other.path)
        else:
            left_a.append(side)
    b_by_text: dict[str, Side] = {}
    for side in b_sides:
        if side.path not in used_b:
            b_by_text.setdefault(side.document.text, side)
    only_a: list[Side] = []
    for side in left_a:
        other = b_by_text.pop(side.document.text, None)
        if other is not None:
            pairs.append((side, other))
            used_b.add(other.path)
        else:
            only_a.append(side)
    only_b = [side for side in b_sides if side.path not in used_b]
    return FolderPairs(tuple(pairs), tuple(only_a), tuple(only_b), ())


def pair_folders(folder_a: str, folder_b: str) -> FolderPairs:
    """Load and pair the annotation files of two folders."""
    a_sides, a_failed = load_sides(annotation_files(folder_a))
    b_sides, b_failed = load_sides(annotation_files(folder_b))
    found = pair_sides(a_sides, b_sides)
    return FolderPairs(found.pairs, found.only_a, found.only_b, (*a_failed, *b_failed))


@dataclass(frozen=True, slots=True)
class FolderComparison:
    """Every paired document compared, and what could not be."""

    comparisons: tuple[Comparison, ...]
    only_a: tuple[Side, ...]
    only_b: tuple[Side, ...]
    different: tuple[tuple[Side, Side, str], ...]
    """Pairs whose texts turned out to be different articles, with the reason."""
    failed: tuple[Diagnostic, ...]

    @property
    def totals(self) -> Scores | None:
        """Every figure summed over the compared documents (None if there are none)."""
        if not self.comparisons:
            return None
        total = self.comparisons[0].scores
        for comparison in self.comparisons[1:]:
            total = total + comparison.scores
        return total

    @property
    def agree(self) -> bool:
        """Whether every document is in both folders and every pair agrees."""
        return (
            not self.only_a
            and not self.only_b
            and not self.different
            and all(comparison.agree for comparison in self.comparisons)
        )


def compare_folders(folder_a: str, folder_b: str) -> FolderComparison:
    """Pair the documents of two folders and compare each pair."""
    found = pair_folders(folder_a, folder_b)
    comparisons: list[Comparison] = []
    different: list[tuple[Side, Side, str]] = []
    for a_side, b_side in found.pairs:
        try:
            comparisons.append(compare(a_side, b_side))
        except DifferentArticles as error:
            different.append((a_side, b_side, str(error)))
    return FolderComparison(
        tuple(comparisons), found.only_a, found.only_b, tuple(different), found.failed
    )
