"""Control characters of a source's text (U+0085, U+0082 in real doccano and MEDDOCAN
files) are its text: imported as they are, said once, accepted by the file written."""

from __future__ import annotations

import json
from pathlib import Path

from tests.formats.helpers import run
from tui.core.loading.loader import load

TEXT = "Le\x85 café de Paris\x82 est\x85 ouvert.\n"


def test_brat_import_keeps_them_says_so_once_and_passes_strict(tmp_path: Path) -> None:
    (tmp_path / "cc.txt").write_text(TEXT, encoding="utf-8")
    start = TEXT.index("Paris")
    (tmp_path / "cc.ann").write_text(f"T1\tLOC {start} {start + 5}\tParis\n", encoding="utf-8")
    code, out, err = run("import", "brat", str(tmp_path / "cc.ann"))
    assert code == 0, err
    assert err.splitlines() == [
        f"{tmp_path}/cc.txt:1:3: warning: the text holds 3 control or invisible character(s) "
        "(U+0085 CONTROL ×2, U+0082 CONTROL); they are the source's text and are kept, shown "
        "as placeholders; the gloss file accepts them (document: accept: [text-hazard])"
    ]
    assert "wrote" in out
    assert run("check", "--strict", "--quiet", str(tmp_path / "cc.yaml"))[0] == 0
    document = load(str(tmp_path / "cc.yaml")).document
    assert document is not None and document.text == TEXT


def test_without_the_accept_each_kind_of_character_is_one_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.yaml").write_text("gloss: 1\ndocument: {id: a, text: a.txt}\n", encoding="utf-8")
    code, _, err = run("check", "--strict", str(tmp_path / "a.yaml"))
    assert code == 1
    assert err.splitlines() == [
        f"{tmp_path}/a.txt:1:3: warning: the text contains U+0085 CONTROL (2 times, first "
        "here); it is shown as a placeholder [text-hazard]",
        f"{tmp_path}/a.txt:1:18: warning: the text contains U+0082 CONTROL; it is shown as a "
        "placeholder [text-hazard]",
    ]


def test_doccano_import_writes_the_text_and_accepts_it(tmp_path: Path) -> None:
    source = tmp_path / "d.jsonl"
    start = TEXT.index("Paris")
    source.write_text(json.dumps({"text": TEXT, "label": [[start, start + 5, "LOC"]]}) + "\n")
    code, _, err = run("import", "doccano", str(source))
    assert code == 0, err
    assert err.count("warning:") == 1
    assert run("check", "--strict", "--quiet", str(tmp_path / "d.yaml"))[0] == 0
