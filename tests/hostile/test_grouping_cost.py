"""Grouping identical text into one entity stays near-linear in the number of mentions.

40,000 brat lines of one word become one entity of 40,000 mentions; each event
argument asks which mention export would name (a bisection, not a scan), so the work
grows with the input, not with its square.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.cost import assert_near_linear
from tui.core.formats.brat import import_brat
from tui.core.formats.spans import import_doccano

pytestmark = pytest.mark.perf


def _brat(folder: Path, size: int) -> Path:
    """``size`` words: "Rabat Rabat Rabat meets." over and over, each "meets" a trigger
    whose event names the second Rabat of the text (so export's pick is asked for, and
    that Rabat stays apart)."""
    parts: list[str] = []
    lines: list[str] = []
    offset = 0
    for number in range(size):
        word = "meets" if number % 4 == 3 else "Rabat"
        label = "Meet" if word == "meets" else "GPE"
        lines.append(f"T{number + 1}\t{label} {offset} {offset + len(word)}\t{word}")
        # A paragraph per sentence: finding an event's passage scans for the paragraph
        # around it, which is not what this test measures.
        separator = ".\n\n" if word == "meets" else " "
        parts.append(word + separator)
        offset += len(word) + len(separator)
        if word == "meets":
            lines.append(f"E{number + 1}\tMeet:T{number + 1} Place:T{(number * 7) % 4 + 1}")
    folder.mkdir()
    (folder / "r.txt").write_text("".join(parts), encoding="utf-8")
    (folder / "r.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "r.ann"


def test_brat_grouping_of_40000_identical_lines_is_near_linear(tmp_path: Path) -> None:
    def make(size: int) -> Callable[[], object]:
        ann = _brat(tmp_path / str(size), size)

        def work() -> object:
            result = import_brat(str(ann))
            assert result.document is not None
            return result

        return work

    assert_near_linear(make, 20_000)


def test_doccano_grouping_of_40000_identical_spans_is_near_linear(tmp_path: Path) -> None:
    def make(size: int) -> Callable[[], object]:
        text = "Rabat " * size
        record = {
            "text": text,
            "entities": [
                {"id": n, "label": "GPE", "start_offset": 6 * n, "end_offset": 6 * n + 5}
                for n in range(size)
            ],
            "relations": [
                {"id": n, "from_id": n, "to_id": n + 1, "type": "near"}
                for n in range(0, size - 1, 2)
            ],
        }
        path = tmp_path / f"{size}.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")

        def work() -> object:
            result = import_doccano(str(path))
            assert result.documents
            return result

        return work

    assert_near_linear(make, 20_000)
