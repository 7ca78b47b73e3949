"""``gloss suggest --accept-all``: the suggestions written as annotate mode saves them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.suggesting import ARTICLE_YAML, write_article, write_library
from tui.cli.main import main
from tui.core.document.diagnostics import Diagnostic, Position, Severity
from tui.core.editing import saving
from tui.core.loading.loader import load


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


def _mentions(path: Path) -> dict[str, list[str]]:
    document = load(str(path)).document
    assert document is not None
    return {
        entity.id: [document.text[m.span.start : m.span.end] for m in entity.mentions]
        for entity in document.entities
    }


def test_a_hand_written_file_keeps_its_comments_and_gets_every_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = write_library(tmp_path)
    before = article.read_text(encoding="utf-8")
    assert main(["suggest", str(article), "--from-corpus", "--accept-all"]) == 0
    out = capsys.readouterr().out
    assert out == f"{article}: wrote 6 mention(s), 3 of them of new entities\n"
    after = article.read_text(encoding="utf-8")
    # The hand-written part is kept byte for byte, its comment with it.
    assert "# The people and places this article names.\n" in after
    assert after.startswith(before.split("  - id: boaz-levy")[0])
    found = _mentions(article)
    assert found["boaz-levy"] == ["Boaz Levy", "Levy"]
    assert found["haifa"] == ["Haifa", "Haifa"]
    assert found["israel-aerospace-industries"] == [
        "Israel Aerospace Industries",
        "Israel Aerospace\nIndustries",
    ]
    assert found["india"] == ["India"] and found["reuters"] == ["Reuters"]
    # The corpus entity's links came with it; nothing is left to suggest.
    document = load(str(article)).document
    assert document is not None
    assert document.entity_by_id["israel-aerospace-industries"].links == (("wikidata", "Q1354327"),)
    assert main(["suggest", str(article), "--from-corpus", "--accept-all"]) == 1
    assert capsys.readouterr().out == ""
    assert article.read_text(encoding="utf-8") == after


def test_a_save_the_check_refuses_writes_nothing_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    article = write_article(tmp_path)
    before = article.read_bytes()
    checked: list[str] = []
    real_check = saving.check_saved

    def refusing(path: str, text: str) -> list[Diagnostic]:
        # Stands for any rule of gloss check the new text breaks: the real check runs
        # first (the new text passes it), then one more error is reported.
        assert real_check(path, text) == []
        checked.append(text)
        return [Diagnostic(path, Position(14, 5), Severity.ERROR, "an invented rule")]

    monkeypatch.setattr(saving, "check_saved", refusing)
    assert main(["suggest", str(article), "--accept-all"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"gloss: {article}: nothing written: the new text would not pass gloss check: "
        "line 14: an invented rule\n"
    )
    assert len(checked) == 1 and "{quote: Levy, occurrence: 2}" in checked[0]
    assert article.read_bytes() == before


def test_a_link_is_not_written_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = write_article(tmp_path).rename(tmp_path / "real.yaml")
    link = tmp_path / "article.yaml"
    link.symlink_to(real.name)
    before = real.read_bytes()
    assert main(["suggest", str(link), "--accept-all", "--json"]) == 1
    captured = capsys.readouterr()
    assert "nothing written: it is a symbolic link" in captured.err
    assert '"written": false' in captured.out and '"mentions": 2' in captured.out
    assert link.is_symlink() and real.read_bytes() == before


def test_a_bare_text_gets_its_new_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_library(tmp_path / "library")
    text = tmp_path / "library" / "news.txt"
    text.write_text("Reuters said that India and Reuters agreed.\n", encoding="utf-8")
    assert main(["suggest", str(text), "--from-corpus", "--accept-all"]) == 0
    written = tmp_path / "library" / "news.yaml"
    assert capsys.readouterr().out == (
        f"{written}: new file, 3 mention(s), 2 of them of new entities\n"
    )
    assert written.read_text(encoding="utf-8").startswith("# Annotations of news.txt")
    assert _mentions(written) == {"reuters": ["Reuters", "Reuters"], "india": ["India"]}
    # The hand-written article of the folder was not touched: only the text was named.
    assert (tmp_path / "library" / "article.yaml").read_text(encoding="utf-8") == ARTICLE_YAML
