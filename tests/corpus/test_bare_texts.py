"""Bare texts in a corpus: ``.txt`` files no annotation file names, listed and searched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.corpus.helpers import NEWS, bump_mtime, small_corpus, write_doc
from tui.cli.main import main
from tui.core.corpus.discovery import discover_files, discover_folder
from tui.core.corpus.index import CorpusIndex, LibraryRow, parallel
from tui.core.corpus.query import QueryPlan, parse_query


def plan(query: str) -> QueryPlan:
    parsed = parse_query(query)
    assert isinstance(parsed, QueryPlan), parsed
    return parsed


def opened(folder: Path) -> CorpusIndex:
    index = CorpusIndex.open(discover_folder(str(folder)))
    index.refresh()
    return index


def bare_rows(index: CorpusIndex) -> list[LibraryRow]:
    return [row for row in index.rows() if row.kind == "bare"]


def test_texts_no_annotation_file_names_are_listed_once(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    (corpus / "sub" / "news.txt").write_text(NEWS, encoding="utf-8")
    source = discover_folder(str(corpus))
    assert source.texts == ("a.txt", os.path.join("sub", "b.txt"), os.path.join("sub", "news.txt"))
    index = opened(corpus)
    rows = index.rows()
    # a.txt and b.txt are the texts of a.yaml and b.yaml: not listed a second time.
    assert sorted((row.relative, row.kind) for row in rows) == [
        ("a.yaml", "gloss"),
        (os.path.join("sub", "b.yaml"), "gloss"),
        (os.path.join("sub", "news.txt"), "bare"),
    ]
    news = bare_rows(index)[0]
    assert (news.doc_id, news.title, news.date_text) == ("news", "news.txt", "2013-05-03")
    assert (news.entities, news.mentions, news.events, news.errors) == (0, 0, 0, 0)


def test_a_bare_texts_words_are_searched_but_it_has_no_entities(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    (corpus / "news.txt").write_text(NEWS, encoding="utf-8")
    index = opened(corpus)
    hits = index.search(plan("zebra")).hits
    assert [(h.doc_id, h.match, h.line, h.column, h.owner, h.in_mention) for h in hits] == [
        ("news", "zebra", 5, 20, "", False)
    ]
    assert hits[0].path == hits[0].text_path == os.path.join(str(corpus), "news.txt")
    assert [h.doc_id for h in index.search(plan("casablanca date:2013")).hits] == ["news"] * 2
    assert index.search(plan("casablanca type:GPE")).hits == ()
    assert index.search(plan("zebra doc:news")).documents == 1


def test_search_prints_a_bare_texts_hits_as_file_line_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = small_corpus(tmp_path / "c")
    (corpus / "news.txt").write_text(NEWS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["search", "c", "zebra"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(os.path.join("c", "news.txt") + ":5:20:")
    assert "zebra keeper" in out


def test_a_changed_text_is_read_again_and_an_unchanged_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = small_corpus(tmp_path / "c")
    news = corpus / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    for path in corpus.rglob("*"):
        if path.is_file():
            bump_mtime(path)
    opened(corpus).close()
    parsed: list[str] = []
    real = parallel.parse_one

    def spy(source: object, relative: str) -> object:
        parsed.append(relative)
        return real(source, relative)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "parse_one", spy)
    index = opened(corpus)
    assert parsed == []
    index.close()
    news.write_text(NEWS.replace("zebra", "giraffe"), encoding="utf-8")
    index = opened(corpus)
    assert parsed == ["news.txt"]
    assert index.search(plan("zebra")).hits == ()
    assert [h.match for h in index.search(plan("giraffe")).hits] == ["giraffe"]


def test_a_search_finds_a_bare_text_changed_since_indexing(tmp_path: Path) -> None:
    """The freshness rule holds for bare texts: a hit is checked against the file."""
    corpus = small_corpus(tmp_path / "c")
    news = corpus / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    index = opened(corpus)
    news.write_text(NEWS.replace("zebra keeper", "zebra"), encoding="utf-8")
    hits = index.search(plan("zebra")).hits
    assert [h.right.startswith(" in Casablanca.") for h in hits] == [True]


def test_annotating_a_text_replaces_its_bare_row_and_removing_it_brings_it_back(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "news.txt").write_text(NEWS, encoding="utf-8")
    index = opened(corpus)
    assert [row.relative for row in bare_rows(index)] == ["news.txt"]
    index.close()
    (corpus / "news.yaml").write_text(
        "gloss: 1\ndocument:\n  id: news\n  title: The port\n  text: news.txt\n",
        encoding="utf-8",
    )
    index = opened(corpus)
    assert [(row.relative, row.kind) for row in index.rows()] == [("news.yaml", "gloss")]
    assert [h.path for h in index.search(plan("zebra")).hits] == [str(corpus / "news.yaml")]
    index.close()
    (corpus / "news.yaml").unlink()
    index = opened(corpus)
    assert [(row.relative, row.kind) for row in index.rows()] == [("news.txt", "bare")]


def test_the_text_of_an_annotation_file_with_errors_is_not_bare(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    write_doc(corpus, "a", "Rabat.", [])
    yaml = corpus / "a.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "nonsense: 1\n", encoding="utf-8")
    index = opened(corpus)
    assert [(row.relative, row.kind) for row in index.rows()] == [("a.yaml", "broken")]


def test_hostile_texts_in_a_folder(tmp_path: Path) -> None:
    """A FIFO and links are never listed (nor read); bytes that are not UTF-8, control
    characters and a text over the cap are listed with the loader's outcomes."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (tmp_path / "secret.txt").write_text("outside words\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", corpus / "link.txt")
    os.mkfifo(corpus / "fifo.txt")
    (corpus / "latin1.txt").write_bytes(b"caf\xe9\n")
    (corpus / "bell.txt").write_text("A bell\x07 rang.\n", encoding="utf-8")
    index = opened(corpus)  # never blocks on the FIFO
    rows = {row.relative: row for row in index.rows()}
    assert sorted(rows) == ["bell.txt", "latin1.txt"]
    assert (rows["bell.txt"].kind, rows["bell.txt"].warnings) == ("bare", 1)
    assert (rows["latin1.txt"].kind, rows["latin1.txt"].errors) == ("broken", 1)
    assert "is not valid UTF-8" in index.problems(rows["latin1.txt"].file_id)[0]
    assert index.search(plan("outside")).hits == ()
    assert index.search(plan("caf*")).hits == ()


def test_a_huge_text_is_listed_with_its_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.loading import yamlsafe

    monkeypatch.setattr(yamlsafe, "MAX_TEXT_BYTES", 2048)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "huge.txt").write_text("word " * 1000, encoding="utf-8")
    index = opened(corpus)
    row = index.rows()[0]
    assert (row.relative, row.kind, row.errors) == ("huge.txt", "broken", 1)
    assert "over the 2.0 KB limit" in index.problems(row.file_id)[0]


def test_texts_named_one_by_one_are_listed_bare(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    (corpus / "news.txt").write_text(NEWS, encoding="utf-8")
    source = discover_files([str(corpus / "a.yaml"), str(corpus / "news.txt")])
    assert (source.files, source.texts) == (("a.yaml",), ("news.txt",))
    index = CorpusIndex.open(source)
    index.refresh()
    assert sorted((row.relative, row.kind) for row in index.rows()) == [
        ("a.yaml", "gloss"),
        ("news.txt", "bare"),
    ]


def test_bare_texts_are_not_counted_as_skipped(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    (corpus / "news.txt").write_text(NEWS, encoding="utf-8")
    report = opened(corpus).refresh()
    assert report.skipped == 2  # notes.md and other.yaml, as without the bare text
    assert report.files == 4  # the three YAML files and the bare text
