"""The corpus index: discovery, rows, freshness, search, and every cache failure."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.corpus.helpers import TEXT_A, TEXT_B, bump_mtime, copy_bundled, small_corpus, write_doc
from tui.core.corpus.discovery import discover_files, discover_folder
from tui.core.corpus.index import CorpusIndex, index_path, parallel, schema
from tui.core.corpus.query import QueryPlan, parse_query


def plan(query: str) -> QueryPlan:
    parsed = parse_query(query)
    assert isinstance(parsed, QueryPlan), parsed
    return parsed


def opened(folder: Path) -> CorpusIndex:
    index = CorpusIndex.open(discover_folder(str(folder)))
    index.refresh()
    return index


def test_discovery_finds_yaml_recursively_and_counts_the_rest(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    (corpus / ".hidden").mkdir()
    (corpus / ".hidden" / "x.yaml").write_text("gloss: 1\n")
    os.symlink(corpus / "a.yaml", corpus / "link.yaml")
    source = discover_folder(str(corpus))
    assert source.files == ("a.yaml", "other.yaml", os.path.join("sub", "b.yaml"))
    index = CorpusIndex.open(source)
    report = index.refresh()
    assert report.parsed == 3
    # notes.md, the link and other.yaml; the articles' .txt files are not "skipped"
    assert report.skipped == 3
    rows = index.rows()
    assert [row.doc_id for row in rows] == ["b", "a"]  # by date
    a = rows[1]
    assert a.path == os.path.join(str(corpus), "a.yaml")
    assert a.type_counts == {"GPE": 2}
    assert (a.mentions, a.events) == (3, 1)


def test_reopen_parses_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = small_corpus(tmp_path / "c")
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
    report = opened(corpus).refresh()
    assert (report.parsed, parsed) == (0, [])
    # touched, same bytes: hashed, not parsed
    os.utime(corpus / "a.yaml")
    bump_mtime(corpus / "a.yaml", -5)
    assert opened(corpus).refresh().parsed == 0
    # the text changed: the article is parsed again
    (corpus / "a.txt").write_text(TEXT_A.replace("Monday", "Sunday"))
    index = CorpusIndex.open(discover_folder(str(corpus)))
    assert index.refresh().parsed == 1
    assert parsed == ["a.yaml"]
    assert index.search(plan("sunday")).hits


def test_a_changed_file_is_reindexed_before_its_hits_show(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    index = opened(corpus)
    assert [h.match for h in index.search(plan("monday")).hits] == ["Monday"]
    (corpus / "a.txt").write_text(TEXT_A.replace("Monday", "Friday"))
    assert index.search(plan("monday")).hits == ()
    # the search above found the file changed and indexed it again
    assert [h.match for h in index.search(plan("friday")).hits] == ["Friday"]


def test_removed_files_leave_the_index(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    opened(corpus).close()
    (corpus / "sub" / "b.yaml").unlink()
    (corpus / "sub" / "b.txt").unlink()  # kept, it would be listed as a bare text
    index = opened(corpus)
    assert [row.doc_id for row in index.rows()] == ["a"]
    assert index.search(plan("saharan")).hits == ()


def test_search_results_are_kwic_rows_with_owners(tmp_path: Path) -> None:
    index = opened(small_corpus(tmp_path / "c"))
    result = index.search(plan("rabat"))
    assert [(h.doc_id, h.match, h.in_mention) for h in result.hits] == [
        ("a", "Rabat", True),
        ("a", "Rabat", True),
        ("b", "Rabat", False),
    ]
    first = result.hits[0]
    assert (first.line, first.column, first.owner) == (1, 1, "rabat (GPE)")
    assert first.right.startswith(" hosted the talks")
    assert first.text_path.endswith("a.txt")
    assert result.documents == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type:GPE", ["b:Paris", "a:Rabat", "a:Rabat", "a:Paris"]),
        ("paris type:GPE", ["b:Paris", "a:Paris"]),
        ("entity:PARIS", ["b:Paris", "a:Paris"]),
        ("event:Contact", ["a:met"]),
        ("realis:planned", ["b:trade"]),
        ('"talks in rabat"', ["b:talks in Rabat"]),
        ("sahar*", ["b:Saharan"]),
        ("rabat date:2021", ["b:Rabat"]),
        ("rabat doc:sub/", ["b:Rabat"]),
        ("rabat paris", ["b:Paris", "a:Rabat", "a:Rabat", "a:Paris", "b:Rabat"]),
        ("rabat saharan", ["b:Rabat", "b:Saharan"]),
        ("nowhere", []),
    ],
)
def test_queries(tmp_path: Path, query: str, expected: list[str]) -> None:
    index = opened(small_corpus(tmp_path / "c"))
    hits = index.search(plan(query)).hits
    assert [f"{h.doc_id}:{h.match}" for h in hits] == expected


def test_filters_fold_case_as_the_matcher_does(tmp_path: Path) -> None:
    """Names, aliases and titles are folded as Python folds them, beyond ASCII, so the
    index finds what a direct scan of the files finds."""
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Émile met Ödön in Zürich.", encoding="utf-8")
    (folder / "a.yaml").write_text(
        "gloss: 1\ndocument: {id: a, title: Über Zürich, text: a.txt}\nentities:\n"
        "  - {id: e, type: PER, name: Émile, aliases: [Ödön], mentions: [{start: 0, end: 5}]}\n"
        "events:\n  - {id: m, type: Contact.Meet, summary: m, trigger: {start: 6, end: 9}}\n",
        encoding="utf-8",
    )
    index = opened(folder)
    for query, expected in (
        ("entity:émile", ["a:Émile"]),
        ("entity:ÖDÖN", ["a:Émile"]),
        ("entity:emile", []),
        ("entity:ödön type:per", ["a:Émile"]),
        ("event:CONTACT", ["a:met"]),
        ("event:contact.meet", ["a:met"]),
        ("event:contact.me", ["a:met"]),  # a prefix of a type takes it
        ("event:contact.mx", []),  # no type: looked for in triggers, not there
        ("émile doc:ÜBER", ["a:Émile"]),
        ("émile doc:uber", []),
    ):
        hits = index.search(plan(query)).hits
        assert [f"{h.doc_id}:{h.match}" for h in hits] == expected, query


def test_a_file_with_errors_is_listed_with_its_problems(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    (corpus / "bad.yaml").write_text("gloss: 1\ndocument:\n  id: bad\n  text: missing.txt\n")
    index = opened(corpus)
    bad = next(row for row in index.rows() if row.kind == "broken")
    assert bad.errors == 1
    problems = index.problems(bad.file_id)
    assert problems[0].startswith(os.path.join(str(corpus), "bad.yaml") + ":4:9: error:")


def test_explicit_files(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    source = discover_files([str(corpus / "a.yaml"), str(corpus / "sub" / "b.yaml")])
    assert source.files == ("a.yaml", os.path.join("sub", "b.yaml"))
    index = CorpusIndex.open(source)
    index.refresh()
    assert len(index.rows()) == 2


def test_the_bundled_article_as_a_corpus(tmp_path: Path) -> None:
    index = opened(copy_bundled(tmp_path / "c").parent)
    hits = index.search(plan("rabat")).hits
    assert hits and all(h.match == "Rabat" for h in hits)


# -- cache failures: each falls back with one line of notice, and answers stay right ----


def expect_right_answers(index: CorpusIndex) -> None:
    index.refresh()
    assert [row.doc_id for row in index.rows()] == ["b", "a"]
    assert len(index.search(plan("rabat")).hits) == 3


def test_corrupt_index_is_rebuilt(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    source = discover_folder(str(corpus))
    opened(corpus).close()
    index_path(source).write_bytes(b"this is not a database" * 100)
    index = CorpusIndex.open(source)
    assert len(index.notices) == 1 and "damaged; rebuilt" in index.notices[0]
    assert index.location != ":memory:"
    expect_right_answers(index)


def test_older_schema_is_rebuilt(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    source = discover_folder(str(corpus))
    opened(corpus).close()
    with sqlite3.connect(index_path(source)) as connection:
        connection.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    index = CorpusIndex.open(source)
    assert index.notices == [
        f"the index {index_path(source)} was made by another version of gloss; rebuilt it"
    ]
    expect_right_answers(index)


def test_locked_index_falls_back_to_memory(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    source = discover_folder(str(corpus))
    opened(corpus).close()
    other = sqlite3.connect(index_path(source))
    other.execute("BEGIN EXCLUSIVE")
    try:
        index = CorpusIndex.open(source, timeout=0.05)
        assert index.location == ":memory:"
        assert len(index.notices) == 1 and "in use by another gloss" in index.notices[0]
        expect_right_answers(index)
    finally:
        other.rollback()
        other.close()


def test_read_only_cache_falls_back_to_memory(
    tmp_path: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = small_corpus(tmp_path / "c")
    isolated_cache.mkdir(parents=True)
    isolated_cache.chmod(0o500)
    if os.geteuid() == 0:  # root may write anywhere: let the folder say it is read-only
        real_access = os.access
        monkeypatch.setattr(
            os, "access", lambda p, mode: real_access(p, mode) and Path(p) != isolated_cache
        )
    try:
        index = CorpusIndex.open(discover_folder(str(corpus)))
        assert index.location == ":memory:"
        assert index.notices == [
            f"the cache folder {isolated_cache} is read-only; using an in-memory index this time"
        ]
        expect_right_answers(index)
    finally:
        isolated_cache.chmod(0o700)


def test_unusable_cache_folder_falls_back_to_memory(tmp_path: Path, isolated_cache: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    isolated_cache.parent.mkdir(parents=True, exist_ok=True)
    isolated_cache.write_text("a file where the folder should be")
    index = CorpusIndex.open(discover_folder(str(corpus)))
    assert index.location == ":memory:"
    assert len(index.notices) == 1 and "cannot create the cache folder" in index.notices[0]
    expect_right_answers(index)


def test_a_link_at_the_index_name_is_not_followed(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "c")
    source = discover_folder(str(corpus))
    target = tmp_path / "precious"
    target.write_text("keep me")
    index_path(source).parent.mkdir(parents=True)
    os.symlink(target, index_path(source))
    index = CorpusIndex.open(source)
    assert index.location == ":memory:"
    assert "is not a regular file" in index.notices[0]
    expect_right_answers(index)
    assert target.read_text() == "keep me"


def test_full_disk_falls_back_to_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = small_corpus(tmp_path / "c")
    real_connect = schema.connect

    def small_disk(path: str, timeout: float) -> sqlite3.Connection:
        connection = real_connect(path, timeout)
        # A disk with room for the empty schema and nothing more: SQLITE_FULL on insert.
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {max(pages, 40)}")
        return connection

    monkeypatch.setattr(schema, "connect", small_disk)
    index = CorpusIndex.open(discover_folder(str(corpus)))
    assert (index.location, index.notices) != (":memory:", [])
    for number in range(30):
        write_doc(corpus / "more", f"m{number}", TEXT_B * 200, [("paris", "GPE", [(0, 5)])])
    index = CorpusIndex.open(discover_folder(str(corpus)))
    index.refresh()
    assert index.location == ":memory:"
    assert index.notices == ["the disk is full; using an in-memory index this time"]
    assert len(index.rows()) == 32
    assert len(index.search(plan("saharan"), limit=None).hits) == 1 + 30 * 200


def test_a_long_document_with_many_hits(tmp_path: Path) -> None:
    """Thousands of hits and mentions in one article: owners and line numbers are found
    by bisection, so this stays near-linear (the benchmark measures the speed)."""
    from benchmarks.generate import generate

    generated = generate(tmp_path / "c", 256 * 1024, 3)
    index = opened(tmp_path / "c")
    text = generated.yaml_path.with_suffix(".txt").read_text(encoding="utf-8")
    result = index.search(plan("the"), limit=None)
    assert len(result.hits) > 2000
    hit = result.hits[-1]
    assert text.splitlines()[hit.line - 1][hit.column - 1 :].lower().startswith("the")
    people = index.search(plan("type:PER"), limit=None).hits
    assert people and all(h.in_mention and h.owner.endswith("(PER)") for h in people)
