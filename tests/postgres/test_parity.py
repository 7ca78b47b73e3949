"""The same answers from both backends: ``gloss search`` and ``gloss entities --json``
print the same for the embedded index and for PostgreSQL, over the tests' corpora
(bare texts and guessed dates among them)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.corpus.helpers import NEWS, bare_corpus, copy_bundled, small_corpus, write_doc
from tests.support.corpora import make_corpus, write_corpus, write_dated_folders
from tests.support.inprocess import gloss
from tests.support.parity import keys_named, row_paths

QUERIES = (
    "paris",
    "rabat paris",
    '"the talks"',
    "tal*",
    '"officials fro"*',
    "type:GPE",
    "type:per type:org",
    "entity:rabat",
    "entity:@wikidata:Q1028",
    "entity:@WIKIDATA:q1 talks",
    "entity:Paris talks",
    "event:Contact",
    "event:contact.meet realis:actual",
    "event:cont",
    "type:G",
    "type:nosuchtype paris",
    "event:met",
    "event:met event:Contact",
    "event:meet* realis:actual",
    "realis:planned",
    "paris date:2022",
    "paris date:..2021-12",
    "paris doc:sub/",
    "type:GPE doc:title",
    "morocco",
    "maroc*",
    "type:LOC",
    "alice bob",
    "acme*",
    "met",
    "zebra",
    "casablanca date:2013",
    "zebra doc:news",
    "rabat doc:.txt",
    "article*",
    '"short text" date:2008',
)


def _corpus(kind: str, folder: Path) -> Path:
    if kind == "small":
        return small_corpus(folder)
    if kind == "linked":
        return write_corpus(folder)
    if kind == "bundled":
        copy_bundled(folder, "idf")
        copy_bundled(folder / "deeper", "again")
        write_doc(
            folder, "odd", "İstanbul and ΣΟΦΙΑ met Straße; e-mail x_y.", [("ist", "GPE", [(0, 9)])]
        )
        return folder
    if kind == "bare":
        return bare_corpus(folder)
    if kind == "dated":
        write_dated_folders(folder)
        (folder / "12" / "notes" / "clipping.txt").write_text(NEWS, encoding="utf-8")
        return folder
    return make_corpus(folder, 30)


@pytest.mark.parametrize("kind", ["small", "linked", "bundled", "generated", "bare", "dated"])
def test_search_and_entities_print_the_same(kind: str, tmp_path: Path, database: str) -> None:
    folder = _corpus(kind, tmp_path / kind)
    found = 0
    for query in QUERIES:
        for as_json in ((), ("--json",)):
            embedded = gloss("search", str(folder), query, *as_json)
            assert embedded[0] in (0, 1), embedded[2]
            found += embedded[0] == 0
            shared = gloss("search", str(folder), query, *as_json, "--db", database)
            assert shared == embedded, (query, as_json)
    assert found >= 4  # the queries find something in every corpus
    assert row_paths(folder, database)  # and the shared index was the one asked
    for guess in ((), ("--guess",)):
        code, out, err = gloss("entities", str(folder), "--json", *guess)
        shared = gloss("entities", str(folder), "--json", *guess, "--db", database)
        assert shared[0] == code and shared[2] == err
        embedded_named = keys_named(out, row_paths(folder, None))
        shared_named = keys_named(shared[1], row_paths(folder, database))
        assert json.loads(shared_named) == json.loads(embedded_named)
        assert shared_named == embedded_named


def test_links_lookup_is_the_same(tmp_path: Path, database: str) -> None:
    folder = write_corpus(tmp_path / "c")
    listing = json.loads(gloss("entities", str(folder), "--json")[1])
    links = [f"{link['key']}:{link['value']}" for entity in listing for link in entity["links"]]
    assert links
    for link in [*links, "wikidata:Q0"]:
        assert gloss("entities", str(folder), "--link", link, "--db", database) == gloss(
            "entities", str(folder), "--link", link
        )


def _same_answers(folder: Path, database: str) -> None:
    for query in ("rabat", "type:GPE", "nothing", "zebra", "casablanca date:2013"):
        assert gloss("search", str(folder), query, "--db", database) == gloss(
            "search", str(folder), query
        ), query
    assert gloss("check", str(folder), "--db", database) == gloss("check", str(folder))
    assert _listing(folder, database) == _listing(folder, None)


def _listing(folder: Path, database: str | None) -> list[tuple[object, ...]]:
    """The library's rows, as both backends list them (row ids aside)."""
    from tui.core.corpus.backend import open_store
    from tui.core.corpus.discovery import discover_folder

    index = open_store(discover_folder(str(folder)), database)
    try:
        index.refresh()
        return [
            (row.relative, row.kind, row.date_text, row.date_guessed, row.errors, row.warnings)
            for row in index.rows()
        ]
    finally:
        index.close()


def test_changes_to_files_are_seen_the_same(tmp_path: Path, database: str) -> None:
    """Edits, new files and removed files, bare texts coming and going: both backends
    follow them alike."""
    folder = small_corpus(tmp_path / "c")
    _same_answers(folder, database)
    write_doc(folder, "a", "Nothing about that city now.", [])
    b_yaml = folder / "sub" / "b.yaml"
    b_saved = b_yaml.read_bytes()
    b_yaml.unlink()  # its text, sub/b.txt, is a bare text now
    write_doc(folder / "new", "c", "Rabat again, and Rabat.", [("rabat", "GPE", [(0, 5)])])
    _same_answers(folder, database)
    assert (os.path.join("sub", "b.txt"), "bare") in [row[:2] for row in _listing(folder, database)]
    b_yaml.write_bytes(b_saved)  # annotated again
    (folder / "news.txt").write_text(NEWS, encoding="utf-8")
    _same_answers(folder, database)
    kinds = [row[:2] for row in _listing(folder, database)]
    assert ("news.txt", "bare") in kinds and (os.path.join("sub", "b.yaml"), "gloss") in kinds
    assert os.path.join("sub", "b.txt") not in [row[0] for row in kinds]
    # An annotation file with errors names its text: that text is no longer bare.
    (folder / "news.yaml").write_text(
        "gloss: 1\ndocument:\n  id: news\n  text: news.txt\nnonsense: 1\n", encoding="utf-8"
    )
    (folder / "new" / "c.txt").write_text("Zebra crossing in Rabat.", encoding="utf-8")
    _same_answers(folder, database)
    kinds = [row[:2] for row in _listing(folder, database)]
    assert ("news.yaml", "broken") in kinds and "news.txt" not in [row[0] for row in kinds]
    assert gloss("entities", str(folder), "--json", "--db", database)[0] == 0


@pytest.mark.parametrize("kind", ["small", "linked", "bundled", "generated", "dated"])
def test_timeline_prints_the_same(kind: str, tmp_path: Path, database: str) -> None:
    """``gloss timeline DIR`` reads the articles the shared index lists: the same table,
    JSON and problems, in the same order (a folder's own files before its subfolders')."""
    folder = _corpus(kind, tmp_path / kind)
    if kind == "generated":
        shutil.copytree(folder / "real", folder / "aa")  # walked after the top's files
    runs: list[tuple[str, ...]] = [(), ("--json",)]
    if kind == "bundled":  # the one corpus whose events name their entities
        runs.append(("--entity", "rabat"))
    for options in runs:
        embedded = gloss("timeline", str(folder), *options)
        assert embedded[0] in (0, 1), embedded[2]
        if kind != "dated":  # its articles tell no event
            assert len(embedded[1].splitlines()) > 1, options
        assert gloss("timeline", str(folder), *options, "--db", database) == embedded, options
    assert row_paths(folder, database)  # the shared index was the one asked


def test_timeline_of_an_emptied_corpus_is_the_same(tmp_path: Path, database: str) -> None:
    folder = small_corpus(tmp_path / "c")
    assert gloss("timeline", str(folder), "--db", database)[0] == 0
    for yaml in folder.rglob("*.yaml"):
        yaml.unlink()
    embedded = gloss("timeline", str(folder))
    assert embedded[0] == 1 and "no annotation files" in embedded[2]
    assert gloss("timeline", str(folder), "--db", database) == embedded
