"""One throwaway PostgreSQL server per test session (per worker), and a fresh database
per test; skipped, with the reason, only where PostgreSQL cannot be had."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.postgres import PostgresServer, missing_reason


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    reason = missing_reason()
    if reason is not None:
        pytest.skip(reason)
    server = PostgresServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def database(pg_server: PostgresServer) -> str:
    """The address of a fresh database with pg_trgm (password included)."""
    return pg_server.url(pg_server.new_database())
