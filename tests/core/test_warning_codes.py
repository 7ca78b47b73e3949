"""Each warning has a stable code; 'accept' on an annotation lets --strict pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli.main import main
from tui.core.document.warning_codes import CODES, KNOWN, code_for

from .helpers import check, entity_yaml, write_pair

KALMAN = entity_yaml("tal-kalman", "PER", "Tal Kalman")
LATE_EVENT = (
    "  - id: visit\n    type: Movement.Transport-Person\n    summary: s\n"
    "    trigger: visited\n    date: {value: 2022-04-01}\n"
)


def test_every_code_is_unique_and_matches_its_message() -> None:
    assert len(KNOWN) == len(set(KNOWN))
    assert code_for("an actual event dated 2022-04-01, after the document's date 2022-03-25") == (
        "actual-after-document"
    )
    assert code_for("the text contains U+0007 BELL; it is shown as a placeholder") == "text-hazard"
    assert code_for("something else entirely") is None
    assert all(meaning for _code, _pattern, meaning in CODES)


def test_a_warning_shows_its_code(tmp_path: Path) -> None:
    found = check(tmp_path, "entities:\n" + KALMAN + "events:\n" + LATE_EVENT)
    assert len(found) == 1
    assert found[0].endswith("[actual-after-document]")


def test_accept_on_the_annotation_lets_strict_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    accepted = LATE_EVENT + "    accept: [actual-after-document]\n"
    path = write_pair(tmp_path, "entities:\n" + KALMAN + "events:\n" + accepted)
    assert main(["check", "--strict", str(path)]) == 0
    assert "0 warning(s)" in capsys.readouterr().out


def test_accept_only_covers_its_own_annotation(tmp_path: Path) -> None:
    other = LATE_EVENT.replace("id: visit", "id: other")
    accepted = LATE_EVENT + "    accept: [actual-after-document]\n"
    found = check(tmp_path, "entities:\n" + KALMAN + "events:\n" + accepted + other)
    assert len(found) == 1 and "[actual-after-document]" in found[0]


def test_an_unknown_code_is_reported(tmp_path: Path) -> None:
    accepted = LATE_EVENT + "    accept: [actual-after-documnet]\n"
    found = check(tmp_path, "entities:\n" + KALMAN + "events:\n" + accepted)
    assert any("unknown warning code 'actual-after-documnet'" in line for line in found)
