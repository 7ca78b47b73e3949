"""Where gloss keeps its own files: caches, state and configuration (XDG base dirs).

Each folder may be missing, unwritable or corrupt; callers get a path and decide what
to do when using it fails (gloss always goes on, and says so in one line).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "gloss"


def _base(variable: str, default: str) -> Path:
    # The XDG spec says a relative value is invalid and must be ignored.
    value = os.environ.get(variable, "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / default


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/gloss`` (default ``~/.cache/gloss``): safe to delete."""
    return _base("XDG_CACHE_HOME", ".cache") / APP_NAME


def state_dir() -> Path:
    """``$XDG_STATE_HOME/gloss`` (default ``~/.local/state/gloss``): positions, history."""
    return _base("XDG_STATE_HOME", os.path.join(".local", "state")) / APP_NAME


def config_dir() -> Path:
    """``$XDG_CONFIG_HOME/gloss`` (default ``~/.config/gloss``): the user's settings."""
    return _base("XDG_CONFIG_HOME", ".config") / APP_NAME
