"""``gloss suggest`` without a pipeline: the file's names, the corpus's, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.suggesting import write_library
from tui.cli.main import main


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


def test_the_file_s_names_then_the_corpus_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = write_library(tmp_path)
    text = tmp_path / "article.txt"
    assert main(["suggest", str(article)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f'{text}:1:77: GPE "Haifa" → Haifa (file)',
        f'{text}:3:57: PER "Levy" → Boaz Levy (file)',
    ]
    assert main(["suggest", str(article), "--from-corpus"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f'{text}:1:1: ORG "Israel Aerospace Industries" → new: Israel Aerospace Industries'
        " (corpus)",
        f'{text}:1:77: GPE "Haifa" → Haifa (file)',
        f'{text}:3:57: PER "Levy" → Boaz Levy (file)',
        # The name runs over a line break: shown on one line.
        f'{text}:3:67: ORG "Israel Aerospace Industries" → new: Israel Aerospace Industries'
        " (corpus)",
        f'{text}:4:28: GPE "India" → new: India (corpus)',
        f'{text}:4:35: ORG "Reuters" → new: Reuters (corpus)',
    ]


def test_nothing_to_suggest_and_nothing_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("nothing here is a name.\n", encoding="utf-8")
    assert main(["suggest", str(plain)]) == 1
    assert capsys.readouterr().out == ""
    assert main(["suggest", str(tmp_path / "missing.yaml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
