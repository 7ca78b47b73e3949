"""``gloss search`` like grep, ``gloss check DIR``, and how the command picks the library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.corpus.helpers import TEXT_A, small_corpus, write_doc
from tui.cli.main import main


def test_search_prints_grep_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = small_corpus(tmp_path / "c")
    monkeypatch.chdir(tmp_path)
    assert main(["search", "c", "monday"]) == 0
    out = capsys.readouterr().out.splitlines()
    column = TEXT_A.index("Monday") + 1
    assert out == [f"c/a.txt:1:{column}:{TEXT_A.splitlines()[0]}"]
    assert corpus.exists()


def test_search_line_and_column_are_one_based_in_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "First line.\nSecond line with Émile here.\n"
    write_doc(tmp_path / "c", "d", text, [])
    assert main(["search", str(tmp_path / "c"), "here"]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line == f"{tmp_path / 'c' / 'd.txt'}:2:24:Second line with Émile here."
    assert text.splitlines()[1][23:27] == "here"


def test_search_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    small_corpus(tmp_path / "c")
    assert main(["search", str(tmp_path / "c"), "type:GPE paris", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(h["document"], h["match"], h["owner"]) for h in hits] == [
        ("b", "Paris", "paris (GPE)"),
        ("a", "Paris", "paris (GPE)"),
    ]
    assert hits[0]["file"].endswith("b.txt") and hits[0]["line"] == 1


def test_search_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    small_corpus(tmp_path / "c")
    assert main(["search", str(tmp_path / "c"), "nowhere"]) == 1
    assert main(["search", str(tmp_path / "c"), 'type:GPE "open']) == 2
    err = capsys.readouterr().err
    assert "gloss: bad query: a phrase is missing its closing quote" in err
    assert 'type:GPE "open\n' in err and "\n           ^" in err
    assert main(["search", str(tmp_path / "missing"), "x"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_check_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = small_corpus(tmp_path / "c")
    assert main(["check", str(corpus)]) == 0
    captured = capsys.readouterr()
    assert "skipped 2 file(s) that are not gloss files" in captured.err
    assert sorted(line.split(":")[0] for line in captured.out.splitlines()) == [
        str(corpus / "a.yaml"),
        str(corpus / "sub" / "b.yaml"),
    ]
    (corpus / "bad.yaml").write_text("gloss: 1\ndocument:\n  id: bad\n  text: gone.txt\n")
    assert main(["check", "-q", str(corpus)]) == 1
    assert "bad.yaml:4:9: error:" in capsys.readouterr().err


def test_library_needs_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = small_corpus(tmp_path / "c")
    assert main([str(corpus)]) == 2
    assert "the library needs a terminal" in capsys.readouterr().err
    assert main([str(corpus / "a.yaml"), str(corpus / "sub" / "b.yaml")]) == 2
    assert "the library needs a terminal" in capsys.readouterr().err
    assert main([str(corpus), str(corpus / "a.yaml")]) == 2
    assert "give one folder, or files only" in capsys.readouterr().err


@pytest.mark.parametrize("as_json", [True, False])
def test_printed_hits_carry_no_terminal_hazards(
    as_json: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text from files reaches stdout inert, in grep's form and in JSON alike."""
    from tui.cli.search import print_hits
    from tui.core.corpus.matching import Hit
    from tui.core.text.textsafety import find_hazards

    hit = Hit(
        path="a.yaml",
        text_path="a\x1b]0;title\x07.txt",
        doc_id="a",
        title="A",
        date_text=None,
        start=4,
        end=9,
        line=1,
        column=5,
        left="red \x1b[31m",
        match="Rabat",
        right=" \u202ebidi\x9b",
        owner="Rabat (GPE)",
        in_mention=True,
    )
    print_hits([hit], as_json=as_json)
    out = capsys.readouterr().out
    assert find_hazards(out, allow_tabs=False) == []
    if as_json:
        assert json.loads(out)[0]["left"] == "red \x1b[31m"
