"""The failure every store raises when it cannot be used at all."""

from __future__ import annotations


class StoreFailure(Exception):
    """The store cannot be used at all (a server down, a wrong password, no database…);
    the message says why in one line, and never holds a password."""
