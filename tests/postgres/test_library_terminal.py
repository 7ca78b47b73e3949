"""The installed ``gloss DIR --db URL`` in a real terminal (tmux): the library on the
shared index, a search, a hit read and back, and a second library opened on it that
shows the rows at once."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.corpora import make_corpus
from tests.support.postgres import PASSWORD, PostgresServer
from tests.support.terminal import EXIT_STATUS, GLOSS, Terminal, exited, reader_shown

pytestmark = pytest.mark.tmux


def _script(folder: Path, command: str) -> str:
    """A script that runs ``command`` (so the address, password and all, is not typed
    where the screen would show it); the command that runs it."""
    script = folder / "open.sh"
    script.write_text(command + "\n", encoding="utf-8")
    return f"bash {shlex.quote(str(script))}"


def test_the_library_on_postgresql(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path, database: str
) -> None:
    make_corpus(tmp_path / "corpus")
    cache = tmp_path / "cache"
    command = (
        f"cd {shlex.quote(str(tmp_path))} && env XDG_CACHE_HOME={shlex.quote(str(cache))}"
        f" {GLOSS} corpus --db {shlex.quote(database)}"
    )
    terminal = terminal_factory(_script(tmp_path, command))
    library = terminal.wait_for(
        lambda s: "14 articles" in s and "indexing" not in s and "Israeli milit" in s
    )
    assert "1 with errors" in library
    assert not list(cache.glob("gloss/corpus-*.sqlite"))  # the index is in the database
    terminal.send_keys("/")
    terminal.send_text("rabat")
    terminal.send_keys("Enter")
    results = terminal.wait_for(lambda s: "hits in 1 document" in s)
    assert "Rabat" in results
    terminal.send_keys("Enter")
    terminal.wait_for(lambda s: reader_shown(s) and "Rabat" in s)
    terminal.send_keys("L")
    terminal.wait_for(lambda s: "14 articles" in s)
    terminal.send_keys("q")
    after = terminal.wait_for(exited)
    assert "GLOSS-EXIT=0" in after and PASSWORD not in after
    # Another user's gloss on the same database: the rows are there at once.
    terminal.run(_script(tmp_path, command))
    again = terminal.wait_for(lambda s: "14 articles" in s and "indexing" not in s)
    assert PASSWORD not in again
    terminal.send_keys("q")
    ended = terminal.wait_for(lambda s: len(EXIT_STATUS.findall(s)) == 2)
    assert EXIT_STATUS.findall(ended) == ["0", "0"]


def test_a_server_that_is_down_is_one_line(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path, pg_server: PostgresServer
) -> None:
    make_corpus(tmp_path / "corpus")
    down = pg_server.url("x").replace(str(pg_server.port), "1")  # no server on that socket
    command = f"cd {shlex.quote(str(tmp_path))} && {GLOSS} corpus --db {shlex.quote(down)}"
    after = terminal_factory(_script(tmp_path, command)).wait_for(exited)
    assert "GLOSS-EXIT=2" in after
    assert "gloss: cannot reach the PostgreSQL server" in after
    assert "Traceback" not in after and PASSWORD not in after
