"""The shared index: one PostgreSQL database (15 or later) for many corpora and many gloss
processes at once, through psycopg 3 (``pip install 'gloss-tui[postgres]'``).

Nothing here is imported until a database address is given (``--db``, ``GLOSS_DB``,
``db = "…"`` in ``config.toml``): gloss starts as fast without it.

The parts: :mod:`.connection` (reaching the server, every failure in one line without
the password), :mod:`.schema` (the tables, versioned and migrated), :mod:`.writing` (one
document per transaction), :mod:`.derived` (the entity index's and statistics' SQL) and
:mod:`.index` (:class:`PostgresIndex`, the store).
"""

from tui.core.corpus.postgres.index import PostgresIndex

__all__ = ["PostgresIndex"]
