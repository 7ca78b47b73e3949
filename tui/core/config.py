"""The user's settings: ``config.toml`` in :func:`tui.core.places.config_dir`.

::

    theme = "gruvbox"            # any Textual theme name
    [keys]                       # binding id = keys, comma-separated
    "reader.next_mention" = "n,ctrl+n"

A file that cannot be read or parsed is reported as ``FILE:LINE:COLUMN: warning: ...``
and ignored; gloss always starts.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.diagnostics import Diagnostic, Position, Severity
from tui.core.places import config_dir

CONFIG_NAME = "config.toml"
MAX_CONFIG_BYTES = 256 * 1024
_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")
_KNOWN_TOP = ("theme", "keys")


@dataclass
class Config:
    """What the file asked for, and what was wrong with it."""

    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)


def config_path() -> Path:
    """Where gloss looks for its configuration."""
    return config_dir() / CONFIG_NAME


def _line_of(source: str, word: str) -> Position:
    for number, line in enumerate(source.splitlines(), 1):
        column = line.find(word)
        if column >= 0:
            return Position(number, column + 1)
    return Position(1, 1)


def read_config(
    path: Path | None = None,
    *,
    binding_ids: Collection[str] | None = None,
    themes: Collection[str] | None = None,
) -> Config:
    """Read the configuration; a missing file is an empty configuration.

    With ``binding_ids`` and ``themes``, keys for an unknown binding and an unknown theme
    are reported (with their line) and left out.
    """
    path = path or config_path()
    config = Config()

    def warn(position: Position, message: str) -> None:
        config.problems.append(Diagnostic(str(path), position, Severity.WARNING, message))

    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return config
    except OSError as error:
        warn(Position(1, 1), f"cannot read the configuration ({error.strerror}); it is ignored")
        return config
    if len(raw) > MAX_CONFIG_BYTES:
        warn(Position(1, 1), "the configuration is larger than 256 KB; it is ignored")
        return config
    import tomllib  # here: most runs have no configuration file to parse

    try:
        source = raw.decode("utf-8")
        data = tomllib.loads(source)
    except UnicodeDecodeError:
        warn(Position(1, 1), "the configuration is not UTF-8; it is ignored")
        return config
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = _WHERE.search(message)
        position = Position(int(where[1]), int(where[2])) if where else Position(1, 1)
        reason = _WHERE.sub("", message).strip()
        warn(position, f"not valid TOML: {reason}; the configuration is ignored")
        return config
    for key in data:
        if key not in _KNOWN_TOP:
            warn(_line_of(source, key), f"unknown setting '{key}' (known: theme, keys); ignored")
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        warn(_line_of(source, "theme"), 'theme must be a string such as "nord"; ignored')
    elif isinstance(theme, str) and themes is not None and theme not in themes:
        warn(_line_of(source, "theme"), f"no theme '{theme}' (themes: {', '.join(sorted(themes))})")
    elif isinstance(theme, str):
        config.theme = theme
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        warn(_line_of(source, "keys"), 'keys must be a table: [keys] then id = "key,key"')
        return config
    for binding_id, value in keys.items():
        if not isinstance(value, str) or not value.strip():
            warn(_line_of(source, binding_id), f"keys for '{binding_id}' must be a string")
            continue
        if binding_ids is not None and binding_id not in binding_ids:
            warn(
                _line_of(source, binding_id),
                f"no key binding has the id '{binding_id}' ('gloss keys' lists them)",
            )
            continue
        config.keys[binding_id] = value
    return config
