"""Reaching the PostgreSQL server: the address as it may be shown, and every failure to
connect said in one line that holds no password.

The address is what ``--db``, ``GLOSS_DB`` or ``db = "…"`` give: a ``postgresql://`` URI
(or a ``key=value`` connection string). Its password is secret: :func:`shown_address`
leaves it out, and every message gloss makes from a server's error goes through
:func:`without_secret`, which takes it out wherever it appears.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tui.core.corpus.failures import StoreFailure

if TYPE_CHECKING:
    import psycopg

MIN_SERVER = 150000
"""PostgreSQL 15 or later (``server_version_num``)."""
CONNECT_TIMEOUT = "5"
"""Seconds to wait for a server that does not answer (unless the address says otherwise)."""


def is_database_address(text: str) -> bool:
    """Whether ``text`` names a PostgreSQL database (the only server gloss knows)."""
    return text.startswith(("postgresql://", "postgres://"))


def _parts(address: str) -> dict[str, Any]:
    from psycopg.conninfo import conninfo_to_dict

    try:
        return dict(conninfo_to_dict(address))
    except Exception:  # psycopg.ProgrammingError: an address it cannot read
        raise StoreFailure("the database address is not a valid postgresql:// address") from None


def shown_address(address: str) -> str:
    """The address as it may be shown: user, host, port and database, never the password."""
    try:
        parts = _parts(address)
    except StoreFailure:
        return "postgresql://(an address that cannot be read)"
    user = parts.get("user") or ""
    host = parts.get("host") or ""
    port = parts.get("port") or ""
    database = parts.get("dbname") or ""
    where = host if not host.startswith("/") else f"[{host}]"
    return (
        f"postgresql://{user + '@' if user else ''}{where}{':' + port if port else ''}/{database}"
    )


def without_secret(message: str, address: str) -> str:
    """``message`` on one line, with the address's password (and the address) left out."""
    line = " ".join(message.split())
    secrets = [address]
    try:
        password = _parts(address).get("password")
    except StoreFailure:
        password = None
    if password:
        secrets.append(str(password))
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            line = line.replace(secret, "***")
    # A URI with a password that the server or the driver quoted back in another form.
    return re.sub(r"(postgres(?:ql)?://[^:/@\s]*):[^@\s]*@", r"\1:***@", line)


def _reason(error: Exception, address: str) -> str:
    """Why connecting failed, in the user's words, from the server's or driver's message."""
    text = without_secret(str(error), address)
    lowered = text.lower()
    shown = shown_address(address)
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return f"the PostgreSQL server refused the user or password of {shown}"
    if "does not exist" in lowered and "database" in lowered:
        return f"the database of {shown} does not exist (create it with createdb)"
    if "role" in lowered and "does not exist" in lowered:
        return f"the PostgreSQL server has no such user ({shown})"
    if any(
        words in lowered
        for words in ("connection refused", "no such file", "could not connect", "timeout")
    ):
        return f"cannot reach the PostgreSQL server of {shown} (is it running?)"
    first = text.split(" DETAIL: ")[0]
    return f"cannot use the database {shown}: {first}"


def connect(address: str) -> psycopg.Connection[tuple[Any, ...]]:
    """An autocommit connection to the database, checked to be PostgreSQL 15 or later.

    Raises:
        StoreFailure: it cannot be reached or used; the message says why in one line.
    """
    import psycopg

    parts = _parts(address)
    if not parts.get("connect_timeout"):
        parts["connect_timeout"] = CONNECT_TIMEOUT
    parts.setdefault("application_name", "gloss")
    try:
        connection = psycopg.connect(**parts, autocommit=True)
    except psycopg.Error as error:
        raise StoreFailure(_reason(error, address)) from None
    version = connection.info.server_version
    if version < MIN_SERVER:
        connection.close()
        raise StoreFailure(too_old(version, address))
    return connection


def too_old(version: int, address: str) -> str:
    """The line for a server older than PostgreSQL 15."""
    major = version // 10000
    shown = shown_address(address)
    return f"the PostgreSQL server of {shown} is version {major}; gloss needs 15 or later"


def lost(error: Exception, address: str) -> str:
    """The line for a connection that failed while working."""
    detail = without_secret(str(error), address).split(" DETAIL: ")[0]
    return f"lost the connection to {shown_address(address)} ({detail})"
