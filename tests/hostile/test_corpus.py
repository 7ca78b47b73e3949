"""Every corpus case, through ``gloss check``, ``gloss FILE`` and the reader.

Each case folder holds ``a.yaml``, usually ``a.txt``, and ``expected.json``: the exact
lines ``gloss check a.yaml`` prints and its exit status, and, for files that load,
what the reader shows in each pane while it is driven through a fixed scenario
(see :func:`tests.hostile.harness.run_reader_scenario`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.reader_app import GlossApp
from tui.core.loading.loader import load

from .harness import YAML_NAME, case_dirs, expected_of, run_cli, run_reader_scenario

CASES = case_dirs()
IDS = [case.name for case in CASES]
REFUSED = [case for case in CASES if expected_of(case)["open"] == "refused"]
READER = [case for case in CASES if expected_of(case)["open"] == "reader"]


def test_the_corpus_is_large_and_complete() -> None:
    assert len(CASES) >= 60
    for case in CASES:
        expected = expected_of(case)
        assert expected["about"], case.name
        assert expected["open"] in ("reader", "refused"), case.name
        assert ("app" in expected) == (expected["open"] == "reader"), case.name
    refused = sum(expected_of(case)["open"] == "refused" for case in CASES)
    assert 20 <= refused <= len(CASES) - 20, "both kinds of outcome are covered"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_check_prints_exactly_the_expected_lines(
    case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = expected_of(case)["check"]
    run = run_cli(["check", YAML_NAME], case, capsys, monkeypatch)
    assert run.stderr_lines == expected["stderr"]
    assert run.stdout.splitlines() == expected["stdout"]
    assert run.code == expected["exit"]
    assert "Traceback" not in run.stderr
    assert "\x1b" not in run.stdout + run.stderr


@pytest.mark.parametrize("case", REFUSED, ids=[case.name for case in REFUSED])
def test_open_refuses_broken_files_before_taking_the_terminal(
    case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = expected_of(case)
    run = run_cli([YAML_NAME], case, capsys, monkeypatch)
    errors_and_warnings = expected["check"]["stderr"]
    assert run.stderr_lines == [
        *errors_and_warnings,
        f"gloss: {YAML_NAME} has errors; fix them and try again",
    ]
    assert run.stdout == ""
    assert run.code == 1


@pytest.mark.parametrize("case", READER, ids=[case.name for case in READER])
async def test_reader_shows_everything_literally(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = expected_of(case)
    monkeypatch.chdir(case)
    result = load(YAML_NAME)
    assert result.document is not None
    observed = await run_reader_scenario(GlossApp(result.document, result.diagnostics))
    assert observed == expected["app"]
    # The problems list is the check's output, line for line (warnings only here).
    assert observed["problems"] == expected["check"]["stderr"]
