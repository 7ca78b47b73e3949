"""An optimal one-to-one assignment (the Hungarian method), for CEAF's entity alignment.

Written here rather than taken from scipy so that gloss needs nothing beyond its
dependencies. The matrix is solved as potentials and augmenting paths in
``O(rows² × columns)``; callers keep matrices small by splitting the problem into
independent groups first (see :func:`best_pairs`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

_INFINITY = float("inf")
_MAX_EXACT_STEPS = 2_000_000
"""Groups whose exact solution would take more steps than this (rows² × columns, the
smaller side as rows) are matched greedily, heaviest pair first: the exact method is
cubic, and only hostile or chaotic annotations make such groups."""

Left = TypeVar("Left", bound=Hashable)
Right = TypeVar("Right", bound=Hashable)


def maximum_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Row-column pairs, each row and column used at most once, of greatest total weight.

    ``weights`` is a rectangular matrix of non-negative numbers; pairs of weight 0 are
    left out of the answer.
    """
    rows = len(weights)
    columns = len(weights[0]) if rows else 0
    if rows == 0 or columns == 0:
        return []
    transposed = rows > columns
    if transposed:  # the method below wants no more rows than columns
        weights = [[weights[r][c] for r in range(rows)] for c in range(columns)]
        rows, columns = columns, rows
    # Minimise cost = -weight with 1-based potentials (row 0 / column 0 are sentinels).
    row_potential = [0.0] * (rows + 1)
    column_potential = [0.0] * (columns + 1)
    owner = [0] * (columns + 1)  # owner[c]: the row assigned to column c (0: none)
    way = [0] * (columns + 1)
    for row in range(1, rows + 1):
        owner[0] = row
        column = 0
        slack = [_INFINITY] * (columns + 1)
        used = [False] * (columns + 1)
        while True:
            used[column] = True
            current_row = owner[column]
            delta = _INFINITY
            next_column = 0
            costs = weights[current_row - 1]
            base = row_potential[current_row]
            for candidate in range(1, columns + 1):
                if used[candidate]:
                    continue
                reduced = -costs[candidate - 1] - base - column_potential[candidate]
                if reduced < slack[candidate]:
                    slack[candidate] = reduced
                    way[candidate] = column
                if slack[candidate] < delta:
                    delta = slack[candidate]
                    next_column = candidate
            for candidate in range(columns + 1):
                if used[candidate]:
                    row_potential[owner[candidate]] += delta
                    column_potential[candidate] -= delta
                else:
                    slack[candidate] -= delta
            column = next_column
            if owner[column] == 0:
                break
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    pairs: list[tuple[int, int]] = []
    for column in range(1, columns + 1):
        row = owner[column]
        if row and weights[row - 1][column - 1] > 0:
            pairs.append((column - 1, row - 1) if transposed else (row - 1, column - 1))
    pairs.sort()
    return pairs


def greedy_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Pairs taken heaviest first, each row and column once: close to optimal, not always."""
    ranked = sorted(
        (
            (weight, r, c)
            for r, row in enumerate(weights)
            for c, weight in enumerate(row)
            if weight > 0
        ),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    used_rows: set[int] = set()
    used_columns: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _weight, row, column in ranked:
        if row not in used_rows and column not in used_columns:
            used_rows.add(row)
            used_columns.add(column)
            pairs.append((row, column))
    pairs.sort()
    return pairs


def best_pairs(
    lefts: Sequence[Left],
    rights: Sequence[Right],
    candidates: Iterable[tuple[int, int]],
    weight: Callable[[int, int], float],
) -> list[tuple[int, int]]:
    """An optimal assignment restricted to ``candidates`` (index pairs of positive weight).

    Items that share no candidate can never be paired, so the problem splits into
    connected groups, each solved on its own: a long document where annotators mostly
    agree becomes thousands of 1×1 problems instead of one huge matrix.
    """
    parent = list(range(len(lefts) + len(rights)))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    edges = list(dict.fromkeys(candidates))
    for left, right in edges:
        a, b = root(left), root(len(lefts) + right)
        if a != b:
            parent[a] = b
    groups: dict[int, list[tuple[int, int]]] = {}
    for left, right in edges:
        groups.setdefault(root(left), []).append((left, right))
    pairs: list[tuple[int, int]] = []
    for group in groups.values():
        if len(group) == 1:
            pairs.append(group[0])
            continue
        group_lefts = sorted({left for left, _ in group})
        group_rights = sorted({right for _, right in group})
        row_of = {left: i for i, left in enumerate(group_lefts)}
        column_of = {right: i for i, right in enumerate(group_rights)}
        matrix = [[0.0] * len(group_rights) for _ in group_lefts]
        for left, right in group:
            matrix[row_of[left]][column_of[right]] = weight(left, right)
        small, large = sorted((len(group_lefts), len(group_rights)))
        exact = small * small * large <= _MAX_EXACT_STEPS
        solve = maximum_assignment if exact else greedy_assignment
        for i, j in solve(matrix):
            pairs.append((group_lefts[i], group_rights[j]))
    pairs.sort()
    return pairs
