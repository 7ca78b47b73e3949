"""The corpus index treats its own cache as data from outside, and stays bounded.

Whoever can write the cache folder can write any row into the index. A row is
believed only after it passes the checks a row read from a stranger's file gets: its
paths lie inside the corpus and name regular files, its stamps are not in the future,
its columns have the types the schema says. Anything else means the index is damaged:
gloss says so in one line and builds it again. Files in the corpus are read the way
every file named by data is read (no blocking on a FIFO), an odd file name is skipped
with a line naming it, and the cost of a first indexing grows with the files alone.

Commands run in a subprocess with a timeout, so a hang fails the test instead of
stalling the run.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.corpus.helpers import write_doc
from tui.core.corpus.discovery import CorpusSource, discover_folder
from tui.core.corpus.index import CorpusIndex, index_path, worker_jobs

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60
"""Seconds a command may take before it counts as hung (each needs well under 5)."""

TEXT_A = "Rabat hosted the talks on Monday."
TEXT_B = "Paris said the talks in Rabat went well."
HIT_A = "c/a.txt:1:1:Rabat hosted the talks on Monday."
HIT_B = "c/b.txt:1:25:Paris said the talks in Rabat went well."


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def make_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "c"
    write_doc(corpus, "a", TEXT_A, [("rabat", "GPE", [(0, 5)])], date="2022-03-01")
    write_doc(corpus, "b", TEXT_B, [("rabat", "GPE", [(24, 29)])], date="2022-03-02")
    return corpus


def gloss(tmp_path: Path, *argv: str) -> tuple[int, list[str], list[str]]:
    """``gloss ARGV`` run from ``tmp_path`` in a process of its own: exit code, lines.

    Its stdout is strict UTF-8, as in most UTF-8 locales: printing a character no UTF-8
    can hold (a lone surrogate) fails there.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    out = done.stdout.decode("utf-8", "backslashreplace")
    err = done.stderr.decode("utf-8", "backslashreplace")
    return done.returncode, out.splitlines(), err.splitlines()


def database(corpus: Path) -> Path:
    return index_path(discover_folder(str(corpus)))


def damaged(corpus: Path) -> str:
    return f"gloss: the index {database(corpus)} was damaged; rebuilt it"


def forge(corpus: Path, sql: str, values: tuple[object, ...] = ()) -> None:
    """Write into the index as anyone who can write the cache folder could."""
    with sqlite3.connect(database(corpus)) as connection:
        assert connection.execute(sql, values).rowcount >= 1


# -- 1. rows are data from outside ----------------------------------------------------


def test_a_stamp_in_the_future_does_not_keep_an_old_text(tmp_path: Path, cache: Path) -> None:
    """A file changed in place (same size, same mtime) right after indexing is hashed
    again; a row whose ``indexed_ns`` lies in the future must not skip that."""
    corpus = make_corpus(tmp_path)
    text = corpus / "a.txt"
    assert gloss(tmp_path, "search", "c", "rabat")[:2] == (0, [HIT_A, HIT_B])
    before = text.stat()
    text.write_text(TEXT_A.replace("Monday", "Sunday"), encoding="utf-8")
    os.utime(text, ns=(before.st_atime_ns, before.st_mtime_ns))
    forge(corpus, "UPDATE files SET indexed_ns = ?", (time.time_ns() + 10**18,))
    code, out, err = gloss(tmp_path, "search", "c", "sunday")
    assert (code, out, err) == (0, ["c/a.txt:1:27:Rabat hosted the talks on Sunday."], [])


@pytest.mark.parametrize("outside", ["../fifo", "ABSOLUTE"])
def test_a_row_naming_a_fifo_outside_the_corpus_is_damage_not_a_hang(
    tmp_path: Path, cache: Path, outside: str
) -> None:
    corpus = make_corpus(tmp_path)
    os.mkfifo(tmp_path / "fifo")
    assert gloss(tmp_path, "search", "c", "rabat")[0] == 0
    name = str(tmp_path / "fifo") if outside == "ABSOLUTE" else outside
    # A size that differs from the file's makes gloss look at the named text.
    forge(corpus, "UPDATE files SET text_path = ?, text_size = 1 WHERE path = 'a.yaml'", (name,))
    code, out, err = gloss(tmp_path, "search", "c", "rabat")
    assert (code, out, err) == (0, [HIT_A, HIT_B], [damaged(corpus)])
    # Rebuilt: the next run believes the index again, without a word.
    assert gloss(tmp_path, "search", "c", "rabat") == (0, [HIT_A, HIT_B], [])


MALFORMED = {
    "bad date": "UPDATE files SET date_first = 'not-a-date' WHERE path = 'a.yaml'",
    "year zero": "UPDATE files SET date_last = '0000-01-01' WHERE path = 'a.yaml'",
    "text where a number belongs": "UPDATE files SET size = 'big' WHERE path = 'a.yaml'",
    "a real number for a stamp": "UPDATE files SET mtime_ns = 1.5 WHERE path = 'a.yaml'",
    "an unknown kind": "UPDATE files SET kind = 'weird' WHERE path = 'a.yaml'",
    "a path outside": "UPDATE files SET path = '../a.yaml' WHERE path = 'a.yaml'",
    "an absolute path": "UPDATE files SET path = '/etc/passwd' WHERE path = 'a.yaml'",
    "counts that are not JSON": "UPDATE files SET type_counts = '{' WHERE path = 'a.yaml'",
    "problems that are not text": "UPDATE files SET problems = '[1]' WHERE path = 'a.yaml'",
    "a fraction as a count": "UPDATE files SET entities = 2.5 WHERE path = 'a.yaml'",
    "a blob as a hash": "UPDATE files SET hash = x'00' WHERE path = 'a.yaml'",
}


@pytest.mark.parametrize("sql", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_row_means_the_index_is_damaged(tmp_path: Path, cache: Path, sql: str) -> None:
    corpus = make_corpus(tmp_path)
    assert gloss(tmp_path, "search", "c", "rabat")[0] == 0
    forge(corpus, sql)
    code, out, err = gloss(tmp_path, "search", "c", "rabat")
    assert (code, out, err) == (0, [HIT_A, HIT_B], [damaged(corpus)])
    assert gloss(tmp_path, "entities", "c") == (
        0,
        [
            "wikidata:Q5\tGPE\trabat\t2 mentions in 2 documents",
            "  a\tc/a.yaml\t1",
            "  b\tc/b.yaml\t1",
        ],
        [],
    )


def test_nulls_where_the_schema_allows_none_mean_the_index_is_damaged(
    tmp_path: Path, cache: Path
) -> None:
    """A table made without the NOT NULL constraints (the schema version says nothing
    about them) is damaged when it holds a NULL."""
    corpus = make_corpus(tmp_path)
    assert gloss(tmp_path, "search", "c", "rabat")[0] == 0
    with sqlite3.connect(database(corpus)) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(files)")]
        connection.execute("ALTER TABLE files RENAME TO old_files")
        connection.execute(f"CREATE TABLE files ({', '.join(columns)})")
        connection.execute("INSERT INTO files SELECT * FROM old_files")
        connection.execute("DROP TABLE old_files")
        connection.execute("UPDATE files SET hash = NULL WHERE path = 'a.yaml'")
    code, out, err = gloss(tmp_path, "search", "c", "rabat")
    assert (code, out, err) == (0, [HIT_A, HIT_B], [damaged(corpus)])


def test_the_library_rows_of_a_damaged_index_are_not_shown(tmp_path: Path, cache: Path) -> None:
    """The library lists the index's rows before any file is read: a bad row there is
    damage too, and the refresh that follows brings every article back."""
    corpus = make_corpus(tmp_path)
    source = discover_folder(str(corpus))
    first = CorpusIndex.open(source)
    first.refresh()
    first.close()
    forge(corpus, MALFORMED["bad date"])
    index = CorpusIndex.open(source)
    assert index.rows() == []
    assert index.notices == [f"the index {database(corpus)} was damaged; rebuilt it"]
    index.refresh()
    assert [row.doc_id for row in index.rows()] == ["a", "b"]
    assert len(index.notices) == 1


def test_a_row_damaged_after_the_refresh_is_caught_before_its_hits_show(
    tmp_path: Path, cache: Path
) -> None:
    """A hit's file is checked again before it is shown; a row forged between the
    refresh and the search is damage then, and the hits come from the files."""
    from tui.core.corpus.query import QueryPlan, parse_query

    corpus = make_corpus(tmp_path)
    index = CorpusIndex.open(discover_folder(str(corpus)))
    index.refresh()
    forge(corpus, "UPDATE files SET text_path = '/etc/passwd' WHERE path = 'a.yaml'")
    plan = parse_query("rabat")
    assert isinstance(plan, QueryPlan)
    hits = index.search(plan, limit=None).hits
    assert sorted((hit.doc_id, hit.start) for hit in hits) == [("a", 0), ("b", 24)]
    assert index.notices == [f"the index {database(corpus)} was damaged; rebuilt it"]


FORGED_OTHER_TABLES = [
    "UPDATE mentions SET start = 'x'",
    "UPDATE mentions SET sentence = 1.5",
    "UPDATE entities SET aliases = 'not json'",
    "UPDATE entities SET aliases = '[1]'",
    "UPDATE events SET trigger_start = 'x'",
    "UPDATE events SET summary = x'00ff'",
]


@pytest.mark.parametrize("sql", FORGED_OTHER_TABLES)
def test_a_malformed_row_of_any_table_means_the_index_is_damaged(
    tmp_path: Path, cache: Path, sql: str
) -> None:
    """Rows of mentions, entities, links and events are data from outside as much as
    those of files: each command answers as if the cache had been empty, and one that
    reads the forged row says, once, that the index was damaged (a command that does not
    read it has nothing to say)."""
    corpus = make_corpus(tmp_path)
    write_doc(
        corpus,
        "e",
        "Rabat held a vote.",
        [("rabat", "GPE", [(0, 5)])],
        date="2022-03-03",
        events=[("vote", "Contact.Meet", (13, 17), "actual")],
    )
    fresh = {
        "search": gloss(tmp_path, "search", "c", "rabat"),
        "entities": gloss(tmp_path, "entities", "c", "--json"),
        "linked": gloss(tmp_path, "entities", "c", "--link", "wikidata:Q5"),
    }
    said = []
    for name, argv in (
        ("search", ("search", "c", "rabat")),
        ("entities", ("entities", "c", "--json")),
        ("linked", ("entities", "c", "--link", "wikidata:Q5")),
    ):
        forge(corpus, sql)
        code, out, err = gloss(tmp_path, *argv)
        assert (code, out) == fresh[name][:2], name
        assert err in ([], [damaged(corpus)]), name
        said += err
    assert said, "no command noticed the forged row"


def test_a_row_naming_another_text_is_stored_again_from_the_file(
    tmp_path: Path, cache: Path
) -> None:
    """A row whose text is forged to be another file's (``b.txt``) is stale: ``a.yaml``
    is parsed again. Its stamps then matched the row's, so the row was kept as it was
    (as if another gloss had just stored it) and every hit of ``a`` was shown in
    ``c/b.txt``, where an editor's jump list would open the wrong file."""
    corpus = make_corpus(tmp_path)
    assert gloss(tmp_path, "search", "c", "rabat")[0] == 0
    forge(corpus, "UPDATE files SET text_path = 'b.txt' WHERE path = 'a.yaml'")
    assert gloss(tmp_path, "search", "c", "rabat") == (0, [HIT_A, HIT_B], [])
    with sqlite3.connect(database(corpus)) as connection:
        rows = connection.execute("SELECT path, text_path FROM files ORDER BY path").fetchall()
    assert rows == [("a.yaml", "a.txt"), ("b.yaml", "b.txt")]


def test_a_schema_damaged_into_bytes_that_are_not_utf8_is_rebuilt(
    tmp_path: Path, cache: Path
) -> None:
    """SQLite's message about a damaged schema quotes the damaged text; when that is not
    UTF-8, Python's sqlite3 raises UnicodeDecodeError, not DatabaseError, and it left
    gloss as a traceback instead of a rebuilt index."""
    corpus = make_corpus(tmp_path)
    assert gloss(tmp_path, "search", "c", "rabat")[0] == 0
    path = database(corpus)
    data = path.read_bytes()
    at = data.index(b"CREATE TABLE events (") + len(b"CREATE TABLE events (")
    path.write_bytes(data[:at] + b"`\xea" + data[at + 2 :])
    assert gloss(tmp_path, "search", "c", "rabat") == (0, [HIT_A, HIT_B], [damaged(corpus)])
    assert gloss(tmp_path, "search", "c", "rabat") == (0, [HIT_A, HIT_B], [])


# -- 2. a FIFO in the corpus ----------------------------------------------------------


def test_an_article_text_replaced_by_a_fifo_never_blocks(tmp_path: Path, cache: Path) -> None:
    corpus = make_corpus(tmp_path)
    assert gloss(tmp_path, "search", "c", "rabat")[0] == 0
    (corpus / "a.txt").unlink()
    os.mkfifo(corpus / "a.txt")
    assert gloss(tmp_path, "search", "c", "rabat") == (0, [HIT_B], [])
    assert gloss(tmp_path, "entities", "c") == (
        0,
        ["wikidata:Q5\tGPE\trabat\t1 mention in 1 document", "  b\tc/b.yaml\t1"],
        [],
    )
    assert gloss(tmp_path, "check", "c") == (
        1,
        [
            "c/a.yaml: 1 error(s), 0 warning(s); not loaded",
            "c/b.yaml: 0 error(s), 0 warning(s); 1 entities, 1 mentions, 0 events, 0 relations",
        ],
        ["c/a.yaml:6:9: error: article text 'c/a.txt' is a pipe (FIFO), not a regular file"],
    )


def test_a_fifo_named_like_a_text_in_a_forged_row_never_blocks(tmp_path: Path, cache: Path) -> None:
    """Inside the corpus, the name is fine; the file is not: it is refused unread."""
    corpus = make_corpus(tmp_path)
    os.mkfifo(corpus / "pipe.txt")
    assert gloss(tmp_path, "search", "c", "rabat")[0] == 0
    forge(corpus, "UPDATE files SET text_path = 'pipe.txt', text_size = 1 WHERE path = 'a.yaml'")
    assert gloss(tmp_path, "search", "c", "rabat") == (0, [HIT_A, HIT_B], [])


# -- 3. a file name that is not UTF-8 -------------------------------------------------

BAD_NAME_NOTICE = "gloss: c/inv\ufffd.yaml: the name is not valid UTF-8; skipped it"


def bad_name(corpus: Path) -> None:
    """``inv\\xff.yaml``: a name any folder someone sent may hold."""
    path = os.path.join(os.fsencode(corpus), b"inv\xff.yaml")
    with open(path, "wb") as handle:
        handle.write(b"gloss: 1\ndocument: {id: inv, text: a.txt}\n")


def test_a_file_name_that_is_not_utf8_is_skipped_with_one_line(tmp_path: Path, cache: Path) -> None:
    corpus = make_corpus(tmp_path)
    bad_name(corpus)
    assert gloss(tmp_path, "search", "c", "rabat") == (0, [HIT_A, HIT_B], [BAD_NAME_NOTICE])
    assert gloss(tmp_path, "entities", "c") == (
        0,
        [
            "wikidata:Q5\tGPE\trabat\t2 mentions in 2 documents",
            "  a\tc/a.yaml\t1",
            "  b\tc/b.yaml\t1",
        ],
        [BAD_NAME_NOTICE],
    )


def test_check_and_timeline_show_a_name_that_is_not_utf8_with_a_placeholder(
    tmp_path: Path, cache: Path
) -> None:
    """Python keeps the bad byte of such a name as a lone surrogate, which no UTF-8 output
    can hold: ``gloss check`` ended in a UnicodeEncodeError on a strict UTF-8 stdout, and
    diagnostics showed the byte as ``\\udcff``. It is shown as ``\ufffd``, as the index's
    notice shows it."""
    corpus = make_corpus(tmp_path)
    bad_name(corpus)
    counts = "0 error(s), 0 warning(s); {0} entities, {0} mentions, 0 events, 0 relations"
    assert gloss(tmp_path, "check", "c") == (
        0,
        [
            f"c/a.yaml: {counts.format(1)}",
            f"c/b.yaml: {counts.format(1)}",
            f"c/inv\ufffd.yaml: {counts.format(0)}",
        ],
        [],
    )
    (corpus / "a.txt").unlink()
    code, _, err = gloss(tmp_path, "timeline", "c")
    assert (code, err) == (
        1,
        [
            "c/a.yaml:6:9: error: article text 'c/a.txt' does not exist",
            "c/inv\ufffd.yaml:2:27: error: article text 'c/a.txt' does not exist",
        ],
    )


async def test_the_library_lists_the_rest_beside_a_name_that_is_not_utf8(
    tmp_path: Path, cache: Path
) -> None:
    from tests.support.pilot import library_indexed
    from tui.app.library_app import make_library_app

    corpus = make_corpus(tmp_path)
    bad_name(corpus)
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        library = await library_indexed(pilot)
        assert [row.doc_id for row in library.row_list.rows] == ["a", "b"]
        assert library.report is not None and library.report.skipped == 1
        messages = [str(n.message) for n in app._notifications]
        assert messages == [f"{corpus}/inv\ufffd.yaml: the name is not valid UTF-8; skipped it"]
        assert app.is_running


async def test_the_library_search_mends_a_damaged_index_and_says_so(
    tmp_path: Path, cache: Path
) -> None:
    """The library's search box asks the index the way ``gloss search`` does: a forged
    mention row is met, the index rebuilt, the hits found from the files, and a warning
    says so once."""
    from textual.widgets import Input

    from tests.support.pilot import library_indexed, wait_until, workers_done
    from tui.app.library_app import make_library_app
    from tui.app.screens.search import SearchScreen

    corpus = make_corpus(tmp_path)
    assert gloss(tmp_path, "search", "c", "rabat")[0] == 0  # the index is built
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        await library_indexed(pilot)
        forge(corpus, "UPDATE mentions SET start = 'x'")
        await pilot.press("slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        search.query_one("#query", Input).value = "rabat"
        await pilot.press("enter")
        await wait_until(pilot, lambda: search.result is not None, "the search's hits")
        await workers_done(pilot)
        assert search.result is not None
        assert [(hit.doc_id, hit.match) for hit in search.result.hits] == [
            ("a", "Rabat"),
            ("b", "Rabat"),
        ]
        messages = [str(n.message) for n in app._notifications]
        assert messages.count(damaged(corpus).removeprefix("gloss: ")) == 1


# -- 4. cost from the number of files alone -------------------------------------------


def test_what_each_worker_is_sent_does_not_grow_with_the_corpus() -> None:
    """Each chunk of files went to a worker with the whole file list: 2,000 chunks of
    1.5 MB for 100,000 files (134 s for empty files). A chunk now carries its own names
    and the corpus's folder, so the bytes per chunk are the same for N and 4N files."""

    def largest_job(count: int) -> int:
        files = tuple(f"f{number:06}.yaml" for number in range(count))
        source = CorpusSource("/corpus", "corpus", files, tuple(f"{n}.txt" for n in files))
        jobs = worker_jobs(source, list(files))
        assert [name for _, chunk in jobs for name in chunk] == list(files)
        return max(len(pickle.dumps(job)) for job in jobs)

    assert largest_job(4_000) == largest_job(16_000)


# -- 5. several gloss at once ---------------------------------------------------------


def test_three_gloss_indexing_one_new_corpus_at_once_agree(tmp_path: Path, cache: Path) -> None:
    corpus = tmp_path / "c"
    for number in range(200):
        write_doc(corpus, f"d{number:03}", f"Rabat number {number}.", [("rabat", "GPE", [(0, 5)])])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "tui", "search", "c", "rabat"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    results = [run.communicate(timeout=TIMEOUT) for run in runs]
    expected = "".join(f"c/d{n:03}.txt:1:1:Rabat number {n}.\n" for n in range(200)).encode()
    assert [run.returncode for run in runs] == [0, 0, 0]
    assert results == [(expected, b"")] * 3
    # The index on disk holds every file once.
    with sqlite3.connect(database(corpus)) as connection:
        assert connection.execute(
            "SELECT count(*), count(DISTINCT path) FROM files"
        ).fetchone() == (
            200,
            200,
        )
