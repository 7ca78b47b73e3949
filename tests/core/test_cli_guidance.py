"""The command line helps a newcomer: near-miss commands, a text given instead of its YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.cli.main import bundled_article, main
from tui.core.loading.companions import text_file_message, yaml_using_text


@pytest.mark.parametrize("argv", [["chekc", "x.yaml"], ["chekc"], ["exprot", "-f", "json"]])
def test_a_misspelt_command_suggests_the_nearest(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert f"unknown command '{argv[0]}'" in error
    assert "did you mean" in error
    assert "unrecognized arguments" not in error


def test_an_existing_file_named_like_a_command_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("chekc").write_text("gloss: 1\n", encoding="utf-8")
    main(["chekc"])
    assert "unknown command" not in capsys.readouterr().err


def test_the_article_text_names_its_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = bundled_article()
    shutil.copy(source, tmp_path / source.name)
    text = source.with_suffix(".txt")
    shutil.copy(text, tmp_path / text.name)
    copied = str(tmp_path / text.name)
    assert yaml_using_text(copied) == [str(tmp_path / source.name)]
    # 'gloss check TEXT' checks what 'gloss TEXT' opens: the text's annotation file.
    assert main(["check", copied]) == 0
    captured = capsys.readouterr()
    assert f"is the article text of {tmp_path / source.name}" in captured.err
    assert f"{tmp_path / source.name}: 0 error(s)" in captured.out
    assert "must be a mapping" not in captured.err


def test_a_text_without_a_text_suffix_names_its_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "article").write_text("An article.\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("gloss: 1\ndocument:\n  id: a\n  text: article\n")
    assert main(["check", str(tmp_path / "article")]) == 1
    error = capsys.readouterr().err
    assert "is an article text, not an annotation file" in error
    assert "a.yaml" in error


def test_a_lone_text_file_is_read_bare_not_refused(tmp_path: Path) -> None:
    lone = tmp_path / "notes.txt"
    lone.write_text("Just words.\n", encoding="utf-8")
    assert text_file_message(str(lone)) is None
    assert text_file_message(str(tmp_path / "a.yaml")) is None


def test_a_fifo_named_yaml_beside_the_text_is_passed_over(tmp_path: Path) -> None:
    """Finding the annotation file that uses a text never blocks on a FIFO."""
    import os

    (tmp_path / "a.txt").write_text("An article.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "corpus.yaml")
    (tmp_path / "a.yaml").write_text("gloss: 1\ndocument:\n  id: a\n  text: a.txt\n")
    assert yaml_using_text(str(tmp_path / "a.txt")) == [str(tmp_path / "a.yaml")]


def test_a_yaml_file_is_never_taken_for_an_article_text(tmp_path: Path) -> None:
    assert text_file_message(str(tmp_path / "doc.yaml")) is None
