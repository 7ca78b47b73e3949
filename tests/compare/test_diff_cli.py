"""``gloss diff``: hand-made pairs with known differences of every kind, reported exactly.

The files in ``data/`` are copies of the bundled article's annotations (``a.yaml``),
edited by hand (see ``data/README.md`` for what each one changes).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from tui.cli.main import main

DATA = Path(__file__).parent / "data"
A = str(DATA / "a.yaml")
B = str(DATA / "b.yaml")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Call ``gloss`` in-process; return exit code, stdout and stderr."""
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


EXPECTED_LINES = [
    f'{A}:619:14: other date: event Movement.Visit "visit": 2022-03-24 in A, 2022-03-23 in B'
    f" ({B}:619:14)",
    f'{A}:632:14: other type: event "meeting" Contact.Meet in A, Contact.Discuss in B ({B}:632:14)',
    f'{B}:655:9: only in B: argument Place "Rabat" of Contact.Agree "agreeing"',
    f'{A}:659:14: other realis: event Contact.Cooperate "cooperation": planned in A, actual'
    f" in B ({B}:660:14)",
    f'{A}:679:9: only in A: argument Place "Rabat" of Movement.Visit "visit"',
    f'{B}:1220:5: only in B: relation member-of "Tal Kalman" → "Israel Defense Forces"',
    f'{B}:86:9: only in B: PER "Kalman"',
    f'{A}:96:9: other boundaries: PER "Brig.-Gen. Efi Dafrin" in A, PER "Efi Dafrin" in B'
    f" ({B}:97:9)",
    f'{A}:117:9: only in A: PER "They"',
    f'{A}:685:14: other boundaries: event Contact.Meet "met" in A, Contact.Meet "met with"'
    f" in B ({B}:685:14)",
    f'{A}:749:14: only in A: event Contact.Statement "continued"',
    f'{A}:755:9: only in A: argument Speaker "Israel Defense Forces" of Contact.Statement'
    ' "continued"',
    f'{B}:1216:14: only in B: event Manufacture.Artifact "modernize"',
    f'{A}:339:9: other type: "Intelligence Online" ORG in A, PER in B ({B}:339:9)',
    f'{A}:1236:5: only in A: relation counterpart-of "Nasser Bourita" → "Yair Lapid"',
    f'{A}:1237:5: other type: relation "Isaac Herzog" → "Israel" president-of in A, head-of'
    f" in B ({B}:1232:5)",
]


def test_every_kind_of_difference_is_reported_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["diff", A, B], capsys)
    assert code == 1
    assert out.splitlines() == EXPECTED_LINES
    assert "16 difference(s)" in err


def test_identical_files_agree(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["diff", A, A], capsys)
    assert code == 0
    assert out == ""
    assert "0 difference(s)" in err


def test_ids_renamed_still_agree(capsys: pytest.CaptureFixture[str]) -> None:
    """Entities and events are matched by their words, never by their ids."""
    assert "x-tal-kalman" in (DATA / "renamed.yaml").read_text(encoding="utf-8")
    code, out, _ = run(["diff", A, str(DATA / "renamed.yaml")], capsys)
    assert (code, out) == (0, "")


def test_summary_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["diff", "--summary", A, B], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"A: {A}"
    assert "only in A: 5" in lines[2] and "other type: 3" in lines[2]
    rows = {re.split(r"\s{2,}", line.strip())[0]: line.split()[-3:] for line in lines[4:]}
    assert rows["mentions, exact"] == ["0.974", "0.974", "0.974"]
    assert rows["PER, overlap"] == ["0.938", "0.968", "0.952"]
    assert rows["Contact.Meet"] == ["0.500", "0.333", "0.400"]
    assert rows["coreference CoNLL"][-1] == "0.975"
    assert rows["relations"] == ["0.943", "0.943", "0.943"]


def test_json_has_every_finding_and_figure(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["diff", "--json", A, B], capsys)
    assert code == 1
    result = json.loads(out)
    assert result["agree"] is False
    assert result["counts"]["only in B"] == 4
    disagreements = [f for f in result["findings"] if f["kind"] != "in both"]
    assert len(disagreements) == len(EXPECTED_LINES)
    assert set(result["scores"]["coreference"]) == {"muc", "b_cubed", "ceaf_e", "conll"}
    assert result["scores"]["events"]["arguments"]["f1"] == pytest.approx(0.9879, abs=1e-4)
    boundary = next(f for f in result["findings"] if f["kind"] == "other boundaries")
    assert boundary["b_position"] == {"line": 97, "column": 9}


def test_min_f1_gate(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", "--min-f1", "0.9", A, B], capsys)[0] == 0
    code, _, err = run(["diff", "--min-f1", "0.95", A, B], capsys)
    assert code == 1
    assert "below the gate" in err
    assert run(["diff", "--min-f1", "2", A, B], capsys)[0] == 2


def test_texts_that_differ_are_aligned(capsys: pytest.CaptureFixture[str]) -> None:
    """typo.txt has a doubled space, 'airforce' fixed and two words added: everything
    maps across except the mention of the added words."""
    code, out, err = run(["diff", A, str(DATA / "typo.yaml")], capsys)
    assert code == 1
    assert out.splitlines() == [f'{DATA / "typo.yaml"}:108:9: not placed: PER "name withheld"']
    assert "1 annotation(s) of B could not be placed" in err


def test_different_articles_stop(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["diff", A, str(DATA / "other.yaml")], capsys)
    assert (code, out) == (2, "")
    assert "annotate different articles" in err


def test_a_file_with_errors_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("gloss: 1\ndocument: {id: x, text: missing.txt}\n", encoding="utf-8")
    code, out, err = run(["diff", A, str(broken)], capsys)
    assert (code, out) == (2, "")
    assert f"{broken}:2:" in err
    assert run(["diff", A, str(tmp_path / "nothing.yaml")], capsys)[0] == 2
    assert run(["diff", A, str(tmp_path)], capsys)[0] == 2


def _folder(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for target, source in files.items():
        shutil.copy(DATA / source, folder / target)
    for text in ("article.txt", "typo.txt", "other.txt"):
        shutil.copy(DATA / text, folder / text)
    return folder


def test_folders_pair_by_id_and_total(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _folder(tmp_path, "first", {"one.yaml": "a.yaml", "markets.yaml": "other.yaml"})
    second = _folder(tmp_path, "second", {"uno.yaml": "b.yaml", "markets.yaml": "other.yaml"})
    code, out, _ = run(["diff", "--summary", str(first), str(second)], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split() == [
        "document",
        "mentions",
        "overlap",
        "CoNLL",
        "triggers",
        "args",
        "relations",
        "diffs",
    ]
    # in the order of A's file names: markets.yaml, one.yaml
    assert lines[1].split()[0] == "markets-report" and lines[1].split()[-1] == "0"
    assert lines[2].split()[0] == "idf-morocco-2022-03-25" and lines[2].split()[-1] == "16"
    assert lines[3].startswith("all documents")
    code, out, _ = run(["diff", str(first), str(second)], capsys)
    assert out.splitlines()[0].startswith(f"{first / 'one.yaml'}:619:14: other date")


def test_folders_pair_by_text_and_list_the_unpaired(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    renamed_id = (DATA / "renamed.yaml").read_text(encoding="utf-8")
    first = _folder(tmp_path, "first", {"one.yaml": "a.yaml"})
    second = _folder(tmp_path, "second", {"markets.yaml": "other.yaml"})
    (second / "two.yaml").write_text(
        renamed_id.replace("id: idf-morocco-2022-03-25", "id: another-id"), encoding="utf-8"
    )
    code, out, _ = run(["diff", str(first), str(second)], capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{second / 'markets.yaml'}:1:1: only in B: document markets-report"
    ]
    code, out, _ = run(["diff", "--json", str(first), str(second)], capsys)
    result = json.loads(out)
    assert [d["b"] for d in result["documents"]] == [str(second / "two.yaml")]
    assert result["documents"][0]["agree"] is True


def test_help_mentions_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["diff", "--help"], capsys)
    assert code == 0
    assert "--min-f1" in out and "exit status" in out
    assert "gloss diff A B" in run(["--help"], capsys)[1]


def test_json_never_carries_terminal_controls() -> None:
    """C1 controls and bidi overrides inside quotes come out as \\u escapes."""
    from tui.core.text.textsafety import inert_json

    data = {"message": "PER \u009b31m\u202eevil\U000e0041 Kalman’s"}
    text = inert_json(data)
    assert "\u009b" not in text and "\u202e" not in text and "\U000e0041" not in text
    assert "’" in text
    assert json.loads(text) == data


def test_folders_never_compare_a_file_linked_from_outside_or_a_fifo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The files of a folder are found as a corpus's are: regular files only, no link
    followed. A ``.yaml`` linking out of B (a victim's annotation) and a FIFO named like
    one are not sides of the comparison: only the real file is, and nothing blocks."""
    victim = _folder(tmp_path, "victim", {"secret.yaml": "other.yaml"})
    first = _folder(tmp_path, "first", {"one.yaml": "a.yaml"})
    second = _folder(tmp_path, "second", {"one.yaml": "a.yaml"})
    (second / "linked.yaml").symlink_to(victim / "secret.yaml")
    os.mkfifo(second / "pipe.yaml")
    code, out, _ = run(["diff", "--json", str(first), str(second)], capsys)
    result = json.loads(out)
    assert code == 0
    assert [d["b"] for d in result["documents"]] == [str(second / "one.yaml")]
    assert "markets-report" not in out  # the victim's document was never read
