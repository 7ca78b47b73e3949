"""The three printed forms of a comparison: one line per difference, a table, JSON.

Every line that holds text from the files goes through ``one_line`` before it is
printed, so quotes never reach the terminal as control sequences.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tui.core.compare.align import Comparison, Finding, Kind, Scores
from tui.core.compare.metrics import Score
from tui.core.document.diagnostics import Position
from tui.core.text.textsafety import one_line


def location(path: str, position: Position | None) -> str:
    """``FILE:LINE:COL`` of an annotation."""
    where = position or Position(1, 1)
    return f"{path}:{where.line}:{where.column}"


def finding_line(comparison: Comparison, finding: Finding) -> str:
    """``FILE:LINE:COL: only in B: PER "Tal Kalman"``; the location is A's when A has the
    annotation, else B's; when both have it, B's place follows in brackets."""
    a_path, b_path = comparison.a.path, comparison.b.path
    if finding.a_position is not None:
        line = f"{location(a_path, finding.a_position)}: {finding.kind.value}: {finding.message}"
        if finding.b_position is not None:
            line += f" ({location(b_path, finding.b_position)})"
    else:
        line = f"{location(b_path, finding.b_position)}: {finding.kind.value}: {finding.message}"
    return one_line(line)


def difference_lines(comparison: Comparison) -> list[str]:
    """One line per disagreement, in text order."""
    return [finding_line(comparison, finding) for finding in comparison.disagreements]


def _figure(value: float) -> str:
    return f"{value:.3f}"


def _score_row(name: str, score: Score) -> list[str]:
    return [name, _figure(score.precision), _figure(score.recall), _figure(score.f1)]


def score_rows(scores: Scores) -> list[list[str]]:
    """Rows of (what, precision, recall, F1) for the summary table."""
    rows: list[list[str]] = []
    rows.append(_score_row("mentions, exact", scores.mentions))
    rows.append(_score_row("mentions, overlap", scores.mentions_overlap))
    for code in sorted(scores.mention_types):
        rows.append(_score_row(f"  {code}, exact", scores.mention_types[code]))
        rows.append(_score_row(f"  {code}, overlap", scores.mention_types_overlap[code]))
    chains = scores.coreference
    rows.append(_score_row("coreference MUC", chains.muc))
    rows.append(_score_row("coreference B-cubed", chains.b_cubed))
    rows.append(_score_row("coreference CEAF-e", chains.ceaf_e))
    rows.append(["coreference CoNLL", "", "", _figure(chains.conll)])
    rows.append(_score_row("event triggers", scores.triggers))
    for code in sorted(scores.trigger_types):
        rows.append(_score_row(f"  {code}", scores.trigger_types[code]))
    rows.append(_score_row("event arguments", scores.arguments))
    rows.append(_score_row("relations", scores.relations))
    return rows


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Plain aligned columns: the first left-aligned, the others right-aligned."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def render(row: Sequence[str]) -> str:
        cells = [
            str(cell).ljust(widths[i]) if i == 0 else str(cell).rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        return one_line("  ".join(cells).rstrip())

    return [render(header), *(render(row) for row in rows)]


def summary_lines(comparison: Comparison) -> list[str]:
    """The summary: files, text alignment, counts of each kind, then every figure."""
    lines = [one_line(f"A: {comparison.a.path}"), one_line(f"B: {comparison.b.path}")]
    lines.extend(text_note(comparison))
    counts = comparison.counts()
    lines.append(", ".join(f"{kind}: {count}" for kind, count in counts.items()))
    lines.append("")
    lines.extend(table(["", "precision", "recall", "F1"], score_rows(comparison.scores)))
    return lines


def text_note(comparison: Comparison) -> list[str]:
    """A line about the texts when they are not identical."""
    text_map = comparison.text_map
    if text_map.identical:
        return []
    lost = sum(1 for finding in comparison.findings if finding.kind is Kind.NOT_PLACED)
    return [
        f"the texts differ ({text_map.similarity:.1%} aligned); "
        f"{lost} annotation(s) of B could not be placed in A's text"
    ]


def _score_json(score: Score) -> dict[str, float]:
    return score.as_dict()


def scores_json(scores: Scores) -> dict[str, Any]:
    """Every figure as plain data."""
    chains = scores.coreference
    return {
        "mentions": {
            "exact": _score_json(scores.mentions),
            "overlap": _score_json(scores.mentions_overlap),
            "types": {
                code: {
                    "exact": _score_json(scores.mention_types[code]),
                    "overlap": _score_json(scores.mention_types_overlap[code]),
                }
                for code in sorted(scores.mention_types)
            },
        },
        "coreference": {
            "muc": _score_json(chains.muc),
            "b_cubed": _score_json(chains.b_cubed),
            "ceaf_e": _score_json(chains.ceaf_e),
            "conll": round(chains.conll, 4),
        },
        "events": {
            "triggers": _score_json(scores.triggers),
            "types": {
                code: _score_json(scores.trigger_types[code])
                for code in sorted(scores.trigger_types)
            },
            "arguments": _score_json(scores.arguments),
        },
        "relations": _score_json(scores.relations),
    }


def _position_json(position: Position | None) -> dict[str, int] | None:
    return None if position is None else {"line": position.line, "column": position.column}


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The full result of one comparison as plain data."""
    text_map = comparison.text_map
    return {
        "a": comparison.a.path,
        "b": comparison.b.path,
        "document": comparison.a.document.info.id,
        "agree": comparison.agree,
        "text": {
            "identical": text_map.identical,
            "aligned": round(text_map.similarity, 4),
            "not_placed": comparison.counts()[Kind.NOT_PLACED.value],
        },
        "counts": comparison.counts(),
        "scores": scores_json(comparison.scores),
        "findings": [
            {
                "kind": finding.kind.value,
                "layer": finding.layer.value,
                "message": finding.message,
                "span": None if finding.span is None else [finding.span.start, finding.span.end],
                "b_span": None
                if finding.other_span is None
                else [finding.other_span.start, finding.other_span.end],
                "a_position": _position_json(finding.a_position),
                "b_position": _position_json(finding.b_position),
            }
            for finding in comparison.findings
        ],
    }


def gate_passes(scores: Scores, threshold: float) -> bool:
    """Whether every headline F1 reaches ``threshold``."""
    return all(value >= threshold for value in scores.headline().values())


def headline_text(scores: Scores) -> str:
    """The headline F1 figures in one line: ``mentions F1 0.950, …``."""
    figures = scores.headline()
    return ", ".join(f"{name} F1 {value:.3f}" for name, value in figures.items())
