"""``gloss FILE`` on a file it cannot open says why in words a user can act on: a file of
a format gloss imports (an ECB+ CAT file) names the import; a missing file says so."""

from __future__ import annotations

from pathlib import Path

from tests.support.inprocess import gloss

ECBPLUS = Path(__file__).resolve().parent / "data" / "ecbplus" / "12" / "12_5ecb.xml"
"""An ECB+ article as distributed (CAT XML; CC BY 3.0, Cybulska and Vossen, LREC 2014)."""


def test_a_cat_file_is_named_with_its_import() -> None:
    code, out, err = gloss(str(ECBPLUS))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"gloss: {ECBPLUS} is CAT XML, not a gloss annotation file: import it with "
        f"'gloss import cat {ECBPLUS} --output DIR', then open what it writes"
    ]


def test_a_missing_file_is_said_to_be_missing(tmp_path: Path) -> None:
    for name in ("gone.yaml", "gone.xml", "gone.txt"):
        code, out, err = gloss(str(tmp_path / name))
        assert code == 1 and out == ""
        assert err.splitlines() == [f"gloss: {tmp_path / name}: no such file"]


def test_a_broken_annotation_file_still_lists_its_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("- a list\n", encoding="utf-8")
    code, _out, err = gloss(str(broken))
    lines = err.splitlines()
    assert code == 1 and lines[0].startswith(f"{broken}:1:1: error:")
    assert lines[-1] == f"gloss: {broken} has errors; fix them and try again"
