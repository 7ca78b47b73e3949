"""Annotation-file YAML for many documents at once, written directly.

A corpus import writes hundreds of files. The data is exactly what
:func:`tui.core.formats.yaml_out.to_data` gives (same keys, same selectors), but
PyYAML would spend most of the import representing and resolving every value; this
writer emits that plain data itself, in the same layout (block mappings and lists,
``{quote: …, occurrence: 2}`` on one line, a blank line before each section and each
entity or event).

A string is written plain only when every YAML reader reads it back as that same
string (it starts with a letter, has no ``:`` or ``#``, is not ``yes``/``no``/``null``
and the like, has no commas or brackets inside a one-line mapping, no control
characters); otherwise it is double-quoted with JSON's escapes, which YAML shares.
The tests compare the result with PyYAML's reading of ``yaml_out``'s output.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from tui.core.formats import yaml_out
from tui.core.model import Document

_PLAIN = re.compile(r"[A-Za-z][^:#\s]*(?: [^:#\s]+)*")
_RESERVED = frozenset({"y", "yes", "n", "no", "true", "false", "on", "off", "null"})
_FLOW_INDICATORS = frozenset(",[]{}?")
_BLANK_BEFORE = frozenset({"types", "entities", "events", "relations"})


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
    if isinstance(value, int):
        return str(value)
    return _string(str(value), flow)


@functools.lru_cache(maxsize=8192)
def _string(text: str, flow: bool) -> str:
    """Keys, type codes and names repeat across a corpus: each is worked out once."""
    if (
        _PLAIN.fullmatch(text)
        and text.isprintable()
        and text.lower() not in _RESERVED
        and not (flow and not _FLOW_INDICATORS.isdisjoint(text))
    ):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    if quoted.isprintable():
        return quoted
    # JSON leaves some invisible characters raw; YAML escapes them by code point
    # (\U for those beyond the BMP, where JSON would write a surrogate pair).
    return "".join(
        c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"
        for c in quoted
    )


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{scalar(k, flow=True)}: {_flow(v)}" for k, v in value.items()) + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return scalar(value, flow=True)


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
            head = f"{prefix}{_string(key, False)}:"
            prefix = indent
            if type(item) is str:
                out.append(f"{head} {_string(item, False)}")
            elif isinstance(item, yaml_out._Flow) or not isinstance(item, dict | list) or not item:
                out.append(f"{head} {_inline(item)}")
            else:
                out.append(head)
                # PyYAML's layout: a list under a key is not indented further.
                _block(item, indent if isinstance(item, list) else indent + "  ", out)
        return
    for item in value:
        if type(item) is str:
            out.append(f"{indent}- {_string(item, False)}")
        elif isinstance(item, dict) and not isinstance(item, yaml_out._Flow) and item:
            if "id" in item and indent == "":
                out.append("")
            _block(item, indent + "  ", out, lead=f"{indent}- ")
        elif isinstance(item, list) and item:
            out.append(f"{indent}- {_flow(item)}")
        else:
            out.append(f"{indent}- {_inline(item)}")


def _inline(value: Any) -> str:
    if isinstance(value, dict | list):
        return _flow(value)
    return scalar(value)


def dumps(document: Document, *, text_name: str, header: str | None = None) -> str:
    """The document as annotation-file YAML, with the data of :func:`yaml_out.dumps`."""
    out = [f"# {line}".rstrip() for line in (header or "").splitlines()]
    _block(yaml_out.to_data(document, text_name=text_name), "", out, top=True)
    return "\n".join(out) + "\n"
