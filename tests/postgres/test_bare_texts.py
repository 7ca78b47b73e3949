"""Bare texts and guessed dates on the shared index: listed, searched, kept fresh and
replaced by an annotation file exactly as the embedded index does it.

Each step is asked of both backends and their answers compared whole (the library's
rows, each file's problems and stored record, the refresh's report and progress, the
statistics of dates); then what the shared index answers is checked on its own too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.corpus.helpers import NEWS, bare_corpus, bump_mtime, small_corpus, write_doc
from tests.support.corpora import DATED_FOLDERS, write_dated_folders
from tui.core.corpus import backend
from tui.core.corpus.discovery import discover_folder
from tui.core.corpus.index import LibraryRow, parallel
from tui.core.corpus.index.corpus_index import RefreshReport
from tui.core.corpus.query import QueryPlan, parse_query
from tui.core.corpus.records import DocRecord
from tui.core.corpus.stats import CorpusStatistics, corpus_statistics


def plan(query: str) -> QueryPlan:
    parsed = parse_query(query)
    assert isinstance(parsed, QueryPlan), parsed
    return parsed


@dataclass(frozen=True)
class Seen:
    """What one backend answers about a corpus after a refresh."""

    report: RefreshReport
    progress: tuple[tuple[int, int, str | None], ...]
    rows: tuple[LibraryRow, ...]
    """The library's rows without their row ids (which differ between databases)."""
    problems: tuple[tuple[str, ...], ...]
    records: tuple[DocRecord | None, ...]
    statistics: CorpusStatistics
    hits: tuple[tuple[str, tuple[tuple[str, int, int, str], ...]], ...]


QUERIES = ("zebra", "casablanca date:2013", "zebra doc:news", "rabat", "article*", "type:GPE")


def seen(folder: Path, database: str | None) -> Seen:
    store = backend.open_store(discover_folder(str(folder)), database)
    try:
        progress: list[tuple[int, int, str | None]] = []
        report = store.refresh(
            lambda done, total, row: progress.append(
                (done, total, None if row is None else f"{row.relative} {row.kind}")
            )
        )
        rows = store.rows()
        hits = tuple(
            (
                query,
                tuple(
                    (hit.path, hit.line, hit.column, hit.match)
                    for hit in store.search(plan(query)).hits
                ),
            )
            for query in QUERIES
        )
        assert store.failure is None and not store.notices, store.notices
        return Seen(
            report=report,
            progress=tuple(progress),
            rows=tuple(replace(row, file_id=0) for row in rows),
            problems=tuple(tuple(store.problems(row.file_id)) for row in rows),
            records=tuple(store.record(row.file_id) for row in rows),
            statistics=corpus_statistics(store),
            hits=hits,
        )
    finally:
        store.close()


def same_in_both(folder: Path, database: str) -> Seen:
    """What the shared index answers, once it is checked to be what the embedded says."""
    embedded = seen(folder, None)
    shared = seen(folder, database)
    for name in Seen.__dataclass_fields__:
        assert getattr(shared, name) == getattr(embedded, name), name
    return shared


def kinds(found: Seen) -> list[tuple[str, str]]:
    return sorted((row.relative, row.kind) for row in found.rows)


def hits_of(found: Seen, query: str) -> list[tuple[str, int, int, str]]:
    return list(dict(found.hits)[query])


def test_bare_texts_are_listed_searched_and_counted_the_same(tmp_path: Path, database: str) -> None:
    shared = same_in_both(bare_corpus(tmp_path / "c"), database)
    assert kinds(shared) == [
        ("a.yaml", "gloss"),
        ("bell.txt", "bare"),
        ("broken.yaml", "broken"),
        ("latin1.txt", "broken"),
        ("news.txt", "bare"),
        (os.path.join("sub", "b.yaml"), "gloss"),
        (os.path.join("sub", "notes.txt"), "bare"),
    ]
    rows = {row.relative: row for row in shared.rows}
    news = rows["news.txt"]
    assert (news.doc_id, news.title, news.date_text, news.date_guessed) == (
        "news",
        "news.txt",
        "2013-05-03",
        False,
    )
    assert (news.entities, news.mentions, news.events, news.errors) == (0, 0, 0, 0)
    assert rows["bell.txt"].warnings == 1
    assert hits_of(shared, "zebra") == [
        (str(tmp_path / "c" / "news.txt"), 5, 20, "zebra"),
        (str(tmp_path / "c" / "sub" / "notes.txt"), 1, 16, "zebra"),
    ]
    assert [path for path, *_ in hits_of(shared, "zebra doc:news")] == [
        str(tmp_path / "c" / "news.txt")
    ]
    assert len(hits_of(shared, "casablanca date:2013")) == 2
    # Entity filters find no bare text; the broken file and the text that is not UTF-8
    # are never searched.
    assert {path for path, *_ in hits_of(shared, "type:GPE")} == {
        str(tmp_path / "c" / "a.yaml"),
        str(tmp_path / "c" / "sub" / "b.yaml"),
    }
    assert {os.path.basename(path) for path, *_ in hits_of(shared, "rabat")} == {
        "a.yaml",
        "b.yaml",
        "bell.txt",
        "notes.txt",
    }
    # notes.md and other.yaml are skipped, as without the bare texts.
    assert (shared.report.files, shared.report.skipped) == (8, 2)


def test_guessed_dates_are_kept_the_same(tmp_path: Path, database: str) -> None:
    corpus = write_dated_folders(tmp_path / "corpus")
    (corpus / "12" / "notes" / "clipping.txt").write_text(NEWS, encoding="utf-8")
    shared = same_in_both(corpus, database)
    rows = {row.relative: row for row in shared.rows}
    guessed = sorted(
        os.path.join(place, f"{name}.yaml")
        for place, name, date, note in DATED_FOLDERS
        if date and note and "guessed" in note
    )
    assert sorted(path for path, row in rows.items() if row.date_guessed) == guessed
    assert len(guessed) == 2
    assert rows[os.path.join("12", "notes", "clipping.txt")].kind == "bare"
    records = {record.path: record for record in shared.records if record is not None}
    assert records[str(corpus / "1" / "1_1ecb.yaml")].date_guessed
    assert not records[str(corpus / "1" / "1_1ecbplus.yaml")].date_guessed
    dates = shared.statistics.document_dates
    assert dates.summary() == "6 of 8 articles dated (75%): 4 given, 2 guessed ~, 2 without a date"
    assert len(hits_of(shared, "article*")) == len(DATED_FOLDERS)


def test_an_annotation_file_replaces_a_bare_row_and_its_removal_brings_it_back(
    tmp_path: Path, database: str
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "news.txt").write_text(NEWS, encoding="utf-8")
    shared = same_in_both(corpus, database)
    assert kinds(shared) == [("news.txt", "bare")]
    news_yaml = corpus / "news.yaml"
    news_yaml.write_text(
        "gloss: 1\ndocument:\n  id: news\n  title: The port\n  text: news.txt\n",
        encoding="utf-8",
    )
    shared = same_in_both(corpus, database)
    assert kinds(shared) == [("news.yaml", "gloss")]
    assert [hit[0] for hit in hits_of(shared, "zebra")] == [str(news_yaml)]
    assert shared.report.removed == 1
    news_yaml.unlink()
    shared = same_in_both(corpus, database)
    assert kinds(shared) == [("news.txt", "bare")]
    assert [hit[0] for hit in hits_of(shared, "zebra")] == [str(corpus / "news.txt")]
    # An annotation file with errors still names its text: that text is not bare.
    news_yaml.write_text(
        "gloss: 1\ndocument:\n  id: news\n  text: news.txt\nnonsense: 1\n", encoding="utf-8"
    )
    shared = same_in_both(corpus, database)
    assert kinds(shared) == [("news.yaml", "broken")]
    assert hits_of(shared, "zebra") == []


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files parsed (read and checked), in order."""
    names: list[str] = []
    real = parallel.parse_one

    def spy(source: object, relative: str) -> object:
        names.append(relative)
        return real(source, relative)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "parse_one", spy)
    yield names


def test_a_bare_text_is_read_again_only_when_it_changed(
    tmp_path: Path, database: str, parsed: list[str]
) -> None:
    corpus = small_corpus(tmp_path / "c")
    news = corpus / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    for path in corpus.rglob("*"):
        if path.is_file():
            bump_mtime(path)
    source = discover_folder(str(corpus))
    store = backend.open_store(source, database)
    try:
        store.refresh()
        assert "news.txt" in parsed
        parsed.clear()
        report = store.refresh()
        assert (parsed, report.parsed, report.unchanged) == ([], 0, 4)
        news.write_text(NEWS.replace("zebra", "giraffe"), encoding="utf-8")
        report = store.refresh()
        assert (parsed, report.parsed) == (["news.txt"], 1)
        assert store.search(plan("zebra")).hits == ()
        assert [hit.match for hit in store.search(plan("giraffe")).hits] == ["giraffe"]
        # Changed since indexing, not refreshed: the hit is checked against the file.
        parsed.clear()
        news.write_text(NEWS.replace("zebra keeper", "giraffe"), encoding="utf-8")
        hits = store.search(plan("giraffe")).hits
        assert [hit.right.startswith(" in Casablanca.") for hit in hits] == [True]
        assert parsed == ["news.txt"]
    finally:
        store.close()


def test_an_annotation_file_the_database_cannot_hold_still_names_its_text(
    tmp_path: Path, database: str
) -> None:
    """A NUL character in the text: the annotation file is left out with one notice, and
    its text is not listed in its place as a bare text (nor said a second time)."""
    corpus = tmp_path / "c"
    write_doc(corpus, "a", "Rabat\x00 hosted.", [])
    store = backend.open_store(discover_folder(str(corpus)), database)
    try:
        report = store.refresh()
        assert store.rows() == []
        assert store.notices == [
            f"{corpus / 'a.yaml'}: cannot be stored in the database (PostgreSQL text fields"
            " cannot contain NUL (0x00) bytes); skipped it"
        ]
        assert report.files == 1
    finally:
        store.close()
