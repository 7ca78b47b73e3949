"""A team at once: several processes index and search one database; indexing resumes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.corpora import make_corpus
from tests.support.inprocess import gloss

ROOT = Path(__file__).resolve().parents[2]
INDEX = (
    "import sys\n"
    "from tui.core.corpus.backend import open_store\n"
    "from tui.core.corpus.discovery import discover_folder\n"
    "index = open_store(discover_folder(sys.argv[1]), sys.argv[2])\n"
    "report = index.refresh()\n"
    "print(report.files, index.failure, index.notices)\n"
)


def test_several_indexers_and_a_searcher_lose_nothing(tmp_path: Path, database: str) -> None:
    folder = make_corpus(tmp_path / "c", 40)
    other = make_corpus(tmp_path / "other", 5)
    commands = [[sys.executable, "-c", INDEX, str(folder), database] for _ in range(3)]
    commands.append([sys.executable, "-c", INDEX, str(other), database])
    commands.append([sys.executable, "-m", "tui", "search", str(folder), "paris", "--db", database])
    processes = [
        subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for command in commands
    ]
    results = [(*process.communicate(timeout=120), process.returncode) for process in processes]
    for out, err, code in results[:4]:
        assert code == 0 and "None []" in out, err
    _, said, code = results[4]
    assert code in (0, 1) and "locked" not in said and "Traceback" not in said, said
    # Every article indexed once, whole, and each corpus keeps its own.
    assert gloss("search", str(folder), "paris", "--db", database) == gloss(
        "search", str(folder), "paris"
    )
    shared = json.loads(gloss("entities", str(other), "--json", "--db", database)[1])
    embedded = json.loads(gloss("entities", str(other), "--json")[1])
    # Keys of unlinked entities name a row id, which differs between databases.
    for listing in (shared, embedded):
        for entity in listing:
            entity.pop("key")
    assert shared == embedded


def test_a_refresh_stopped_half_way_is_continued(
    tmp_path: Path, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.corpus.backend import open_store
    from tui.core.corpus.discovery import discover_folder
    from tui.core.corpus.index import parallel

    folder = make_corpus(tmp_path / "c", 20)
    real = parallel.parse_all

    def killed(source: object, names: list[str]) -> Iterator[object]:
        for number, parsed in enumerate(real(source, names)):  # type: ignore[arg-type]
            if number == 7:
                raise KeyboardInterrupt
            yield parsed

    monkeypatch.setattr(parallel, "parse_all", killed)
    index = open_store(discover_folder(str(folder)), database)
    with pytest.raises(KeyboardInterrupt):
        index.refresh()
    index.close()
    monkeypatch.setattr(parallel, "parse_all", real)
    again = open_store(discover_folder(str(folder)), database)
    try:
        report = again.refresh()
        assert report.parsed == report.files - 7
        assert len(again.rows()) == report.files
    finally:
        again.close()


def test_a_reader_sees_a_document_whole(tmp_path: Path, database: str, pg_server: object) -> None:
    """A record read in one snapshot: a rewrite committed meanwhile is not half seen."""
    from tui.core.corpus.backend import open_store
    from tui.core.corpus.discovery import discover_folder
    from tui.core.corpus.postgres import PostgresIndex

    folder = make_corpus(tmp_path / "c", 3)
    reader = open_store(discover_folder(str(folder)), database)
    writer = open_store(discover_folder(str(folder)), database)
    assert isinstance(reader, PostgresIndex) and isinstance(writer, PostgresIndex)
    try:
        reader.refresh()
        row = reader.rows()[0]
        with reader._snapshot() as connection:
            connection.execute("SELECT 1 FROM gloss.files LIMIT 1").fetchone()
            # Another gloss removes the document while the snapshot is open.
            writer._delete(row.relative)
            seen = connection.execute(
                "SELECT count(*) FROM gloss.mentions WHERE file_id = %s", (row.file_id,)
            ).fetchone()
        assert seen is not None and seen[0] == row.mentions
        assert reader.record(row.file_id) is None  # a new snapshot: it is gone, whole
    finally:
        reader.close()
        writer.close()
