"""``gloss check`` and ``gloss export``: exit codes, output, and the resolved JSON form."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui import __version__
from tui.cli.main import main

from .helpers import entity_yaml, write_pair

CLEAN = (
    "entities:\n"
    + entity_yaml("tal", "PER", "Tal Kalman")
    + entity_yaml("idf", "ORG", "{quote: IDF, all: true}")
    + "events:\n"
    "  - id: visit\n"
    "    type: Movement.Transport\n"
    "    summary: Kalman visits Rabat\n"
    "    trigger: visited\n"
    "    date: {value: 2022-03-24, text: Thursday}\n"
    "    arguments: [{role: Person, entity: tal}]\n"
    "relations:\n"
    "  - {type: member-of, from: tal, to: idf, evidence: Tal Kalman of the IDF}\n"
)
WITH_WARNING = "types:\n  entities: {AGR: {label: Agreement}}\n" + CLEAN
WITH_ERROR = "entities:\n" + entity_yaml("x", "PER", "Nowhere")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Call ``gloss`` in-process; return exit code, stdout and stderr."""
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_clean_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_pair(tmp_path, CLEAN)
    assert run(["check", str(path)], capsys) == (
        0,
        f"{path}: 0 error(s), 0 warning(s); 2 entities, 3 mentions, 1 events, 1 relations\n",
        "",
    )


def test_check_quiet_prints_problems_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", "-q", str(write_pair(tmp_path, CLEAN))], capsys) == (0, "", "")


def test_check_errors_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_pair(tmp_path, WITH_ERROR)
    code, out, err = run(["check", str(path)], capsys)
    assert code == 1
    assert out == f"{path}: 1 error(s), 0 warning(s); not loaded\n"
    assert err == (
        f"{path}:11:9: error: mention: 'Nowhere' is not in the text, nor anything close to it\n"
    )


def test_warnings_pass_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_pair(tmp_path, WITH_WARNING)
    warning = f"{path}:7:14: warning: entity type AGR is declared but never used [type-unused]\n"
    assert run(["check", "-q", str(path)], capsys) == (0, "", warning)
    assert run(["check", "--strict", "-q", str(path)], capsys) == (1, "", warning)


def test_check_several_files_fails_if_any_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good").mkdir()
    (tmp_path / "bad").mkdir()
    good = write_pair(tmp_path / "good", CLEAN)
    bad = write_pair(tmp_path / "bad", WITH_ERROR)
    code, out, _ = run(["check", str(good), str(bad), str(tmp_path / "missing.yaml")], capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{good}: 0 error(s), 0 warning(s); 2 entities, 3 mentions, 1 events, 1 relations",
        f"{bad}: 1 error(s), 0 warning(s); not loaded",
        f"{tmp_path}/missing.yaml: 1 error(s), 0 warning(s); not loaded",
    ]


def test_check_without_a_file_checks_the_bundled_article(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _err = run(["check"], capsys)
    assert code == 0
    assert "idf-morocco-2022-03-25.yaml: 0 error(s), 0 warning(s)" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--bogus", "a.yaml"],
        ["export"],
        ["export", "--format", "xml", "a.yaml"],
        ["--no-such-option"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert "usage: gloss" in err


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    assert "gloss check [--strict] FILE..." in out
    assert run(["--version"], capsys) == (0, f"gloss {__version__}\n", "")


def test_control_characters_in_messages_are_made_visible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_pair(tmp_path, "entities:\n" + entity_yaml("x", "PER", '"Tal\\e[31m"'))
    code, _, err = run(["check", "-q", str(path)], capsys)
    assert code == 1
    assert "\x1b" not in err
    assert "Tal\\x1b[31m" in err


def test_check_as_a_subprocess(tmp_path: Path) -> None:
    path = write_pair(tmp_path, WITH_ERROR)
    completed = subprocess.run(
        [sys.executable, "-m", "tui", "check", "-q", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stderr.startswith(f"{path}:11:9: error: mention: 'Nowhere'")


# -- export ------------------------------------------------------------------------------


def export(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, err = run(["export", "--format", "json", str(path)], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def test_export_has_every_key_of_the_resolved_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = export(write_pair(tmp_path, CLEAN), capsys)
    assert set(data) >= {"gloss", "document", "entities", "events", "relations"}
    assert data["gloss"] == 1
    document = data["document"]
    assert isinstance(document, dict)
    assert set(document) == {"id", "title", "date", "note", "language", "text", "attributes"}
    assert (document["id"], document["title"], document["date"]) == ("t", None, "2022-03-25")
    entities = data["entities"]
    assert isinstance(entities, list)
    tal = entities[0]
    assert set(tal) == {
        "id",
        "type",
        "name",
        "aliases",
        "description",
        "links",
        "mentions",
        "attributes",
    }
    assert tal["mentions"] == [{"start": 10, "end": 20, "text": "Tal Kalman"}]
    assert (tal["aliases"], tal["links"], tal["description"]) == ([], {}, None)
    assert len(entities[1]["mentions"]) == 2  # all: true, one per occurrence
    events = data["events"]
    assert isinstance(events, list)
    (visit,) = events
    assert set(visit) >= {
        "id",
        "type",
        "summary",
        "trigger",
        "passage",
        "date",
        "realis",
        "arguments",
        "same_as",
        "note",
    }
    assert visit["trigger"] == {"start": 32, "end": 39, "text": "visited"}
    assert set(visit["passage"]) == {"start", "end"}
    assert visit["date"]["value"] == "2022-03-24"
    assert visit["date"]["text"] == "Thursday"
    assert (visit["realis"], visit["same_as"], visit["note"]) == ("actual", None, None)
    assert visit["arguments"] == [{"role": "Person", "entity": "tal"}]
    relations = data["relations"]
    assert isinstance(relations, list)
    assert relations == [
        {
            "type": "member-of",
            "from": "tal",
            "to": "idf",
            "from_event": False,
            "to_event": False,
            "evidence": {"start": 10, "end": 31, "text": "Tal Kalman of the IDF"},
            "note": None,
            "attributes": {},
        }
    ]


def test_export_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_pair(tmp_path, CLEAN)
    target = tmp_path / "out.json"
    assert run(["export", str(path), "-o", str(target)], capsys) == (0, "", "")
    assert json.loads(target.read_text(encoding="utf-8"))["document"]["id"] == "t"


def test_export_of_a_broken_file_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["export", str(write_pair(tmp_path, WITH_ERROR))], capsys)
    assert (code, out) == (1, "")
    assert ": error: mention: 'Nowhere'" in err
