"""A throwaway PostgreSQL server for the tests: a cluster in a temporary folder.

Debian's ``postgresql`` package (``make db-tools`` installs it) gives ``initdb`` and
``pg_ctl``. The cluster listens on a unix socket in its own folder only (no TCP port to
collide with anything), on a free port number (which names the socket), and asks every
client for a password, so wrong passwords can be tried. PostgreSQL refuses to run as
root: then the cluster belongs to the ``postgres`` user and its commands run as it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

SUPERUSER = "postgres"
PASSWORD = "s3cret-Pa55word"
"""The superuser's password: the tests check it never shows in what gloss prints."""


def _binaries() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl`` (the newest installed), or None."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: p.parts)
    return versions[-1].parent if versions else None


def missing_reason() -> str | None:
    """Why no server can be started here (None: one can)."""
    if _binaries() is None:
        return "PostgreSQL is not installed (make db-tools installs Debian's postgresql)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[postgres]')"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One running cluster; :meth:`stop` removes it."""

    def __init__(self, *, durable: bool = False) -> None:
        """A new cluster; ``durable`` keeps PostgreSQL's own settings (every commit
        flushed to disk) instead of the tests' faster, crash-unsafe ones."""
        binaries = _binaries()
        assert binaries is not None, missing_reason()
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="gloss-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self._as: list[str] = []
        if os.geteuid() == 0:
            os.chmod(self.folder, 0o755)
            shutil.chown(self.folder, "postgres", "postgres")
            self._as = ["runuser", "-u", "postgres", "--"]
        password_file = self.folder / "password"
        password_file.write_text(PASSWORD + "\n")
        if self._as:
            shutil.chown(password_file, "postgres", "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=scram-sha-256",
            f"--pwfile={password_file}",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{self.folder}'"
            f" -c port={self.port} -c max_connections=60"
        )
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "log"),
            "-o",
            options,
            "-w",
            "start",
        )

    def _run(self, program: str, *arguments: str) -> None:
        command = [*self._as, str(self.binaries / program), *arguments]
        completed = subprocess.run(
            command, capture_output=True, text=True, check=False, cwd=self.folder
        )
        if completed.returncode != 0:
            raise RuntimeError(f"{program} failed: {completed.stderr or completed.stdout}")

    def url(
        self, database: str = "postgres", *, user: str = SUPERUSER, password: str = PASSWORD
    ) -> str:
        """The address gloss is given (``postgresql://user:password@/db?host=…&port=…``)."""
        secret = f":{quote(password, safe='')}" if password else ""
        return (
            f"postgresql://{quote(user, safe='')}{secret}@/{database}"
            f"?host={quote(str(self.folder), safe='')}&port={self.port}"
        )

    @contextlib.contextmanager
    def admin(self, database: str = "postgres") -> Iterator[Any]:
        """A superuser connection in autocommit mode."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            yield connection

    def new_database(self, *, extension: bool = True) -> str:
        """A fresh, empty database (with pg_trgm unless ``extension`` is False); its name."""
        name = "gloss_" + uuid.uuid4().hex[:12]
        with self.admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        if extension:
            with self.admin(name) as connection:
                connection.execute("CREATE EXTENSION pg_trgm")
        return name

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        with contextlib.suppress(RuntimeError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
