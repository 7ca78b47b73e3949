"""The user's settings: ``config.toml`` in :func:`tui.core.files.places.config_dir`.

::

    theme = "gruvbox"            # any Textual theme name
    db = "postgresql://me@host/gloss"   # corpus indexes in PostgreSQL (default: the cache)
    [keys]                       # binding id = keys, comma-separated
    "reader.next_mention" = "n,ctrl+n"
    [suggest.labels]             # gloss suggest --model: a pipeline's label = a type
    NORP = "GROUP"               # ("" leaves the label out)

A file that cannot be read or parsed is reported as ``FILE:LINE:COLUMN: warning: ...``
and ignored; gloss always starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.document.diagnostics import Diagnostic, Position, Severity
from tui.core.files.places import config_dir
from tui.core.text.fitting import shorten
from tui.core.text.textsafety import one_line

CONFIG_NAME = "config.toml"
MAX_CONFIG_BYTES = 256 * 1024
_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")
_KNOWN_TOP = ("theme", "keys", "db", "suggest")
_KNOWN_SUGGEST = ("labels",)


@dataclass
class Config:
    """What the file asked for, and what was wrong with it."""

    theme: str | None = None
    db: str | None = None
    """The PostgreSQL database of corpus indexes (``db = "postgresql://…"``), or None."""
    keys: dict[str, str] = field(default_factory=dict)
    suggest_labels: dict[str, str] = field(default_factory=dict)
    """``[suggest.labels]``: a pipeline's entity label → an entity type (``""``: left out)."""
    problems: list[Diagnostic] = field(default_factory=list)


def config_path() -> Path:
    """Where gloss looks for its configuration."""
    return config_dir() / CONFIG_NAME


_KEY_AT_LINE_START = re.compile(
    r"""[ \t]*(?:\[[ \t]*)?("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)"""
)
"""The first key written on a line (or the name of a ``[table]``), as TOML spells it."""

SHOWN_NAMES = 3
"""How many names one warning quotes before it says how many more there are."""


def _written_key(spelled: str) -> str | None:
    """The key ``spelled`` stands for, decoded as TOML decodes it (escapes included)."""
    if spelled.startswith('"') and "\\" in spelled:
        import tomllib

        try:
            return next(iter(tomllib.loads(f"{spelled} = 0")), None)
        except tomllib.TOMLDecodeError:
            return None
    if spelled[0] in "\"'":
        return spelled[1:-1]
    return spelled


def _key_places(source: str) -> dict[str, Position]:
    """Where each key (or table name) is first written, found in one pass over the file:
    a warning about many keys must not search the whole file once for each."""
    places: dict[str, Position] = {}
    for number, line in enumerate(source.split("\n"), 1):
        match = _KEY_AT_LINE_START.match(line)
        if match is None:
            continue
        key = _written_key(match[1])
        if key is not None and key not in places:
            places[key] = Position(number, match.start(1) + 1)
    return places


def _quoted(names: list[str]) -> str:
    """``'a'``, ``'a' and 'b'``, ``'a', 'b' and 'c'`` or ``'a', 'b', 'c' and 9 more``:
    each name cut short and with its control characters shown as placeholders."""
    quoted = [f"'{one_line(shorten(name))}'" for name in names[:SHOWN_NAMES]]
    more = len(names) - len(quoted)
    if more:
        return f"{', '.join(quoted)} and {more:,} more"
    if len(quoted) == 1:
        return quoted[0]
    return f"{', '.join(quoted[:-1])} and {quoted[-1]}"


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
    places = _key_places(source)

    def place_of(key: str) -> Position:
        return places.get(key, Position(1, 1))

    unknown = [key for key in data if key not in _KNOWN_TOP]
    if unknown:
        settings = "setting" if len(unknown) == 1 else "settings"
        warn(
            place_of(unknown[0]),
            f"unknown {settings} {_quoted(unknown)} (known: theme, keys, db, suggest); ignored",
        )
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        warn(place_of("theme"), 'theme must be a string such as "nord"; ignored')
    elif isinstance(theme, str) and themes is not None and theme not in themes:
        warn(
            place_of("theme"), f"no theme {_quoted([theme])} (themes: {', '.join(sorted(themes))})"
        )
    elif isinstance(theme, str):
        config.theme = theme
    database = data.get("db")
    if database is not None and not isinstance(database, str):
        warn(place_of("db"), 'db must be a string such as "postgresql://me@host/gloss"; ignored')
    elif isinstance(database, str) and database.strip():
        config.db = database.strip()
    _read_suggest(data.get("suggest"), config, places, warn)
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        warn(place_of("keys"), 'keys must be a table: [keys] then id = "key,key"')
        return config
    not_strings: list[str] = []
    not_bindings: list[str] = []
    for binding_id, value in keys.items():
        if not isinstance(value, str) or not value.strip():
            not_strings.append(binding_id)
        elif binding_ids is not None and binding_id not in binding_ids:
            not_bindings.append(binding_id)
        else:
            config.keys[binding_id] = value
    # One warning for each kind of mistake, however many keys make it: a file of
    # thousands of unknown ids is one notice, not thousands.
    if not_strings:
        plural = "a string" if len(not_strings) == 1 else "strings"
        warn(place_of(not_strings[0]), f"keys for {_quoted(not_strings)} must be {plural}")
    if not_bindings:
        ids = "id" if len(not_bindings) == 1 else "ids"
        warn(
            place_of(not_bindings[0]),
            f"no key binding has the {ids} {_quoted(not_bindings)} ('gloss keys' lists them)",
        )
    return config


_ENTITY_TYPE = re.compile(r"[A-Z][A-Z0-9_-]{0,31}")
"""What an entity type code may be (as the loader checks it)."""


def _read_suggest(
    table: object,
    config: Config,
    places: dict[str, Position],
    warn: Callable[[Position, str], None],
) -> None:
    """``[suggest]``: its ``labels`` table, label = type code (or ``""``)."""
    if table is None:
        return
    here = places.get("suggest", Position(1, 1))
    if not isinstance(table, dict):
        warn(here, 'suggest must be a table: [suggest.labels] then LABEL = "TYPE"; ignored')
        return
    unknown = [key for key in table if key not in _KNOWN_SUGGEST]
    if unknown:
        settings = "setting" if len(unknown) == 1 else "settings"
        warn(
            places.get(unknown[0], here),
            f"unknown suggest {settings} {_quoted(unknown)} (known: labels); ignored",
        )
    labels = table.get("labels")
    if labels is None:
        return
    if not isinstance(labels, dict):
        warn(
            places.get("labels", here),
            'suggest.labels must be a table: [suggest.labels] then LABEL = "TYPE"; ignored',
        )
        return
    wrong: list[str] = []
    for label, value in labels.items():
        if isinstance(value, str) and (value == "" or _ENTITY_TYPE.fullmatch(value)):
            config.suggest_labels[label] = value
        else:
            wrong.append(label)
    if wrong:
        labels_word = "label" if len(wrong) == 1 else "labels"
        warn(
            places.get(wrong[0], here),
            f"suggest.labels: {labels_word} {_quoted(wrong)} must name an entity type"
            ' (upper case, such as "PER"), or be "" to leave the label out; ignored',
        )
