"""Reading a journal costs time in proportion to its size, whatever it holds: long
runs of undo and redo, redo with nothing to redo, damaged lines, deep nesting."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.cost import assert_near_linear
from tui.core.editing.journal import JOURNAL_VERSION, content_digest, examine, journal_path

pytestmark = pytest.mark.perf

BASE = content_digest(b"x")


def test_reading_a_hostile_journal_is_linear(tmp_path: Path) -> None:
    def make(size: int) -> Callable[[], object]:
        annotation = tmp_path / f"a{size}.yaml"
        path = journal_path(annotation, tmp_path / "state")
        path.parent.mkdir(parents=True, exist_ok=True)
        header = {"gloss_journal": JOURNAL_VERSION, "annotation": str(annotation), "base": BASE}
        edit = json.dumps({"op": "edit", "entry": {"kind": "x", "n": 1}}).encode() + b"\n"
        block = (
            edit * 50
            + b'{"op":"undo"}\n' * 60  # past the start, then back
            + b'{"op":"redo"}\n' * 70  # more redo than undo
            + b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n"
            + b"\xff not json\n"
        )
        path.write_bytes(json.dumps(header).encode() + b"\n" + block * size)

        def read() -> object:
            found = examine(annotation, BASE, tmp_path / "state")
            assert found.entries is not None and found.problem is not None
            return found

        return read

    assert_near_linear(make, 100)
