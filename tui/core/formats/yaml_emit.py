"""Annotation-file YAML written directly from plain data, without PyYAML's emitter.

:func:`tui.core.formats.yaml_out.dumps` writes what ``to_data`` gives: mappings,
lists, strings, integers, booleans and ``None``, with some mappings on one line
(``{quote: …, occurrence: 2}``). PyYAML would spend most of an import representing and
resolving every value (40,000 mentions took seconds); this writer emits that data
itself, in the same layout (block mappings and lists, a list under a key not indented
further, one-line mappings where asked, a blank line before each section and each
entity or event).

A string is written plain only when every YAML reader reads it back as that same
string (it starts with a letter, has no ``:`` or ``#``, is not ``yes``/``no``/``null``
and the like, has no commas or brackets inside a one-line mapping, no control or
invisible characters); otherwise it is double-quoted with JSON's escapes, which YAML
shares. Anything else (another type, a key too long for YAML's one-line keys) raises
:class:`Unwritable`, and the caller falls back on PyYAML. The tests check that PyYAML
reads the result back as exactly the data, on hostile strings too.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

_PLAIN = re.compile(r"[A-Za-z][^:#\s]*(?: [^:#\s]+)*")
_RESERVED = frozenset({"y", "yes", "n", "no", "true", "false", "on", "off", "null"})
_FLOW_INDICATORS = frozenset(",[]{}?")
_BLANK_BEFORE = frozenset({"types", "entities", "events", "relations"})
_LONGEST_KEY = 1000
"""YAML reads a key on one line only up to 1,024 characters (with its quotes)."""


class Flow(dict[str, Any]):
    """A mapping written on one line: ``{quote: IDF, occurrence: 2}``."""


class Unwritable(ValueError):
    """The data holds something this writer does not write (PyYAML does)."""


def scalar(value: Any, *, flow: bool = False) -> str:
    """One value as YAML that reads back as exactly that value."""
    if type(value) is str:
        return _string(value, flow)  # the usual case first
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if type(value) is int:
        return str(value)
    raise Unwritable(f"a {type(value).__name__} value")


_LONGEST_REMEMBERED = 200
"""Longer strings (quotes of whole passages) are worked out each time, not kept."""


def _string(text: str, flow: bool) -> str:
    """Keys, type codes and names repeat across a corpus: each short one is worked out
    once."""
    if len(text) <= _LONGEST_REMEMBERED:
        return _remembered_string(text, flow)
    return _written_string(text, flow)


@functools.lru_cache(maxsize=8192)
def _remembered_string(text: str, flow: bool) -> str:
    return _written_string(text, flow)


def _written_string(text: str, flow: bool) -> str:
    if (
        _PLAIN.fullmatch(text)
        and text.isprintable()
        and text.lower() not in _RESERVED
        and not (flow and not _FLOW_INDICATORS.isdisjoint(text))
    ):
        return text
    return double_quoted(text)


def double_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (JSON's escapes, which YAML shares)."""
    quoted = json.dumps(text, ensure_ascii=False)
    if quoted.isprintable():
        return quoted
    # JSON leaves some invisible characters raw; YAML escapes them by code point
    # (\U for those beyond the BMP, where JSON would write a surrogate pair).
    return "".join(
        c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"
        for c in quoted
    )


@functools.lru_cache(maxsize=4096)
def _key(key: Any, flow: bool) -> str:
    """A mapping key: a string short enough for a one-line key (keys repeat: cached)."""
    if type(key) is not str:
        raise Unwritable(f"a {type(key).__name__} key")
    written = _string(key, flow)
    if len(written) > _LONGEST_KEY:
        raise Unwritable("a key longer than YAML reads on one line")
    return written


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k, True)}: {_flow(v)}" for k, v in value.items()) + "}"
    if type(value) is list:
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return scalar(value, flow=True)


def _inline(value: Any) -> str:
    if isinstance(value, dict) or type(value) is list:
        return _flow(value)
    return scalar(value)


def inline(value: Any, *, flow: bool = False) -> str:
    """One value on one line: a scalar, or a mapping or list in flow style
    (``{quote: IDF, occurrence: 2}``); ``flow`` when it stands inside ``[...]`` or
    ``{...}`` already."""
    return _flow(value) if flow else _inline(value)


def _block(
    value: Any, indent: str, out: list[str], *, top: bool = False, lead: str | None = None
) -> None:
    """Write the entries of a mapping or list, each line starting with ``indent``; the
    first line of a mapping starts with ``lead`` instead when given (``- `` of a list
    item), so an item is written in place rather than re-prefixed afterwards."""
    if isinstance(value, dict):
        prefix = indent if lead is None else lead
        for key, item in value.items():
            if top and key in _BLANK_BEFORE:
                out.append("")
            head = f"{prefix}{_key(key, False)}:"
            prefix = indent
            if type(item) is str:
                out.append(f"{head} {_string(item, False)}")
            elif isinstance(item, Flow) or not isinstance(item, dict | list) or not item:
                out.append(f"{head} {_inline(item)}")
            elif type(item) is list:
                out.append(head)
                _block(item, indent, out)  # PyYAML's layout: a list under a key stays put
            else:
                out.append(head)
                _block(item, indent + "  ", out)
        return
    if type(value) is not list:
        raise Unwritable(f"a {type(value).__name__} block")
    for item in value:
        if type(item) is str:
            out.append(f"{indent}- {_string(item, False)}")
        elif isinstance(item, dict) and not isinstance(item, Flow) and item:
            if "id" in item and indent == "":
                out.append("")
            _block(item, indent + "  ", out, lead=f"{indent}- ")
        elif type(item) is list and item:
            out.append(f"{indent}- {_flow(item)}")
        else:
            out.append(f"{indent}- {_inline(item)}")


def emit(data: dict[str, Any], header: str | None = None) -> str:
    """``data`` as YAML, after ``header`` as comment lines; :class:`Unwritable` when it
    holds something this writer does not write."""
    out = [f"# {line}".rstrip() for line in (header or "").splitlines()]
    _block(data, "", out, top=True)
    return "\n".join(out) + "\n"
