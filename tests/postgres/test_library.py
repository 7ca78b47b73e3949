"""The library on the shared index (Pilot): its rows, a search, and a connection lost
while it is open: one notice, and the library keeps what it shows."""

from __future__ import annotations

from pathlib import Path

from tests.support.corpora import make_corpus
from tests.support.pilot import library_indexed, wait_until
from tests.support.postgres import PASSWORD, PostgresServer
from tui.app.library_app import make_library_app
from tui.app.screens.search import SearchScreen


def _notices(app: object) -> list[str]:
    return [str(notice.message) for notice in app._notifications]  # type: ignore[attr-defined]


async def test_library_on_the_shared_index(tmp_path: Path, database: str) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    app = make_library_app([str(corpus)], database=database)
    assert "postgresql://" in app.index.location
    async with app.run_test(size=(120, 30)) as pilot:
        library = await library_indexed(pilot)
        assert len(library.row_list.rows) == 14
        await pilot.press("slash", *"rabat", "enter")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_until(pilot, lambda: screen.result is not None, "the search's hits")
        assert screen.result is not None and screen.result.hits
    again = make_library_app([str(corpus)], database=database)
    assert len(again.library.all_rows) == 14  # from the database, before any file is read
    again.index.close()


async def test_lost_connection_is_one_notice(
    tmp_path: Path, database: str, pg_server: PostgresServer
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    app = make_library_app([str(corpus)], database=database)
    async with app.run_test(size=(120, 30)) as pilot:
        library = await library_indexed(pilot)
        shown = list(library.row_list.rows)
        assert len(shown) == 14
        pid = app.index._connection.info.backend_pid  # type: ignore[attr-defined]
        with pg_server.admin() as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        await pilot.press("slash", *"rabat", "enter")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_until(pilot, lambda: screen.result is not None, "the search's answer")
        assert screen.result is not None and not screen.result.hits

        def lost() -> list[str]:
            return [n for n in _notices(app) if "lost the connection" in n]

        await wait_until(pilot, lost, "the lost connection's notice")
        [notice] = lost()
        assert "showing what was read before" in notice and "\n" not in notice
        assert PASSWORD not in notice and "postgresql://postgres@" in notice
        # Searching again says nothing more; the library still lists what it had.
        await pilot.press("ctrl+a", *"paris", "enter")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is library, "the library again")
        assert list(library.row_list.rows) == shown
        assert len(lost()) == 1
