"""Every failure of the database is one line and exit 2, and never shows the password."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.helpers import small_corpus
from tests.support.inprocess import gloss
from tests.support.postgres import PASSWORD, PostgresServer


def _one_line_exit_2(run: tuple[int, str, str]) -> str:
    code, out, err = run
    assert code == 2, err
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gloss: "), err
    assert "Traceback" not in err and PASSWORD not in err
    return lines[0]


def test_server_down(tmp_path: Path, pg_server: PostgresServer) -> None:
    folder = small_corpus(tmp_path / "c")
    down = pg_server.url("x").replace(str(pg_server.port), "1")  # no server on that socket
    line = _one_line_exit_2(gloss("search", str(folder), "rabat", "--db", down))
    assert "cannot reach the PostgreSQL server" in line
    assert _one_line_exit_2(gloss("timeline", str(folder), "--db", down)) == line


def test_wrong_password(tmp_path: Path, pg_server: PostgresServer) -> None:
    folder = small_corpus(tmp_path / "c")
    wrong = pg_server.url(pg_server.new_database(), password="not-" + PASSWORD)
    line = _one_line_exit_2(gloss("entities", str(folder), "--db", wrong))
    assert "refused the user or password" in line
    assert "not-" not in line


def test_missing_database(tmp_path: Path, pg_server: PostgresServer) -> None:
    folder = small_corpus(tmp_path / "c")
    line = _one_line_exit_2(gloss("search", str(folder), "rabat", "--db", pg_server.url("nope")))
    assert "does not exist" in line


def test_no_trigram_extension(tmp_path: Path, pg_server: PostgresServer) -> None:
    """A database without pg_trgm, and a user who may not add it: said, not a traceback."""
    name = pg_server.new_database(extension=False)
    with pg_server.admin(name) as connection:
        connection.execute(f"CREATE ROLE reader LOGIN PASSWORD '{PASSWORD}'")
        connection.execute(f'REVOKE CREATE ON DATABASE "{name}" FROM PUBLIC')
    folder = small_corpus(tmp_path / "c")
    line = _one_line_exit_2(
        gloss("search", str(folder), "rabat", "--db", pg_server.url(name, user="reader"))
    )
    assert "pg_trgm" in line


def test_server_older_than_15(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database: str
) -> None:
    """Only 15 can be installed here: the check is given an older version number."""
    import psycopg

    from tui.core.corpus.postgres import connection as server

    real = psycopg.connect

    def old_server(*args: object, **kwargs: object) -> psycopg.Connection[tuple[object, ...]]:
        connection = real(*args, **kwargs)  # type: ignore[arg-type]
        monkeypatch.setattr(type(connection.info), "server_version", property(lambda _: 140011))
        return connection

    monkeypatch.setattr(psycopg, "connect", old_server)
    folder = small_corpus(tmp_path / "c")
    line = _one_line_exit_2(gloss("search", str(folder), "rabat", "--db", database))
    assert "is version 14; gloss needs 15 or later" in line
    assert server.MIN_SERVER == 150000


def test_connection_lost_mid_search(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database: str, pg_server: PostgresServer
) -> None:
    """The server ends the connection once the candidates are known, before the articles
    are read."""
    from tui.core.corpus.postgres import index as postgres_index

    folder = small_corpus(tmp_path / "c")
    assert gloss("search", str(folder), "rabat", "--db", database)[0] == 0
    real = postgres_index.PostgresIndex._read_batch

    def cut(self: postgres_index.PostgresIndex, file_ids: list[int], *, links: bool) -> object:
        pid = self._connection.info.backend_pid
        with pg_server.admin() as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        return real(self, file_ids, links=links)

    monkeypatch.setattr(postgres_index.PostgresIndex, "_read_batch", cut)
    line = _one_line_exit_2(gloss("search", str(folder), "rabat", "--db", database))
    assert "lost the connection" in line


def test_not_a_database_address(tmp_path: Path) -> None:
    folder = small_corpus(tmp_path / "c")
    line = _one_line_exit_2(gloss("search", str(folder), "rabat", "--db", "mysql://me:pw@host/x"))
    assert "postgresql://" in line and "pw" not in line


def test_password_never_shown(tmp_path: Path, database: str) -> None:
    """Not in notices, not in the location, not in help, not in a damaged-index line."""
    from tui.core.corpus.backend import open_store
    from tui.core.corpus.discovery import discover_folder

    folder = small_corpus(tmp_path / "c")
    index = open_store(discover_folder(str(folder)), database)
    try:
        index.refresh()
        assert PASSWORD not in index.location
        assert "postgresql://postgres@" in index.location
        index.answer(lambda: index.rows())
        assert all(PASSWORD not in notice for notice in index.notices)
    finally:
        index.close()
    for run in (
        gloss("search", str(folder), "rabat", "--db", database),
        gloss("entities", str(folder), "--json", "--db", database),
        gloss("check", "--db", database, str(folder)),
    ):
        assert PASSWORD not in run[1] + run[2]


def test_messages_hide_the_password_wherever_it_appears() -> None:
    from tui.core.corpus.postgres.connection import shown_address, without_secret

    address = "postgresql://me:hunter2@db.example:5433/corpus"
    assert shown_address(address) == "postgresql://me@db.example:5433/corpus"
    said = without_secret(f"failed for {address}: password hunter2\nwas wrong", address)
    assert "hunter2" not in said and "\n" not in said
