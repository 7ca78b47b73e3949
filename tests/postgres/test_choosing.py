"""Choosing the shared index: --db, then GLOSS_DB, then db in config.toml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus.helpers import small_corpus
from tests.support.inprocess import gloss
from tests.support.postgres import PostgresServer


def _indexed_roots(database: str) -> list[str]:
    import psycopg

    with psycopg.connect(database) as connection:
        return [row[0] for row in connection.execute("SELECT root FROM gloss.corpora")]


def test_environment_chooses_the_database(
    tmp_path: Path, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = small_corpus(tmp_path / "c")
    monkeypatch.setenv("GLOSS_DB", database)
    assert gloss("search", str(folder), "rabat")[0] == 0
    assert _indexed_roots(database) == [str(folder)]


def test_config_chooses_the_database(
    tmp_path: Path, database: str, pg_server: PostgresServer
) -> None:
    folder = small_corpus(tmp_path / "c")
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "gloss"
    config.mkdir(parents=True)
    (config / "config.toml").write_text(f'db = "{database}"\n')
    assert gloss("entities", str(folder))[0] == 0
    assert _indexed_roots(database) == [str(folder)]
    # --db wins over the file: a database that is not there is said, and nothing else.
    code, _, err = gloss("search", str(folder), "rabat", "--db", pg_server.url("nope"))
    assert code == 2 and "does not exist" in err


def test_one_database_holds_many_corpora(tmp_path: Path, database: str) -> None:
    first, second = small_corpus(tmp_path / "a"), small_corpus(tmp_path / "b")
    for folder in (first, second):
        assert gloss("check", "--quiet", "--db", database, str(folder))[0] == 0
    assert sorted(_indexed_roots(database)) == sorted([str(first), str(second)])
    code, out, _ = gloss("search", str(second), "rabat", "--db", database)
    assert code == 0 and str(first) not in out


def test_nothing_of_postgresql_is_loaded_without_a_database(tmp_path: Path) -> None:
    folder = small_corpus(tmp_path / "c")
    code = (
        "import sys\nfrom tui.cli.main import main\n"
        f"main(['search', {str(folder)!r}, 'rabat'])\n"
        "assert 'psycopg' not in sys.modules, 'psycopg imported'\n"
        "assert 'tui.core.corpus.postgres' not in sys.modules\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "GLOSS_DB"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=environment
    )
    assert done.returncode == 0, done.stderr
