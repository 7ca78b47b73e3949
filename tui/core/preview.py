"""A quick look at an annotation file before it is loaded: which article text it names.

Long files are loaded in the background while the reader already shows the text;
finding the text's file must not wait for the YAML to be parsed, so this reads only
the head of the file and looks for ``document:`` → ``text:`` by indentation.
"""

from __future__ import annotations

import os
import re

BACKGROUND_LOAD_BYTES = 512 * 1024
"""Annotation files larger than this load in a thread while the reader shows the text."""

_HEAD_BYTES = 64 * 1024
_BLOCK_TEXT = re.compile(r"^[ ]+text:[ ]*(?P<value>.+?)[ ]*(?:[ ]#.*)?$")
_FLOW_TEXT = re.compile(r"\btext:[ ]*(?P<value>[^,}\n]+)")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def peek_text_path(yaml_path: str) -> str | None:
    """The article text file named by ``document.text``, or None when it is not plain to see.

    Only a hint: the real loader checks everything again.
    """
    try:
        with open(yaml_path, "rb") as handle:
            head = handle.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    in_document = False
    for line in head.splitlines():
        if line.startswith("document:"):
            rest = line[len("document:") :]
            flow = _FLOW_TEXT.search(rest)
            if flow:
                return _resolve(yaml_path, _unquote(flow.group("value")))
            in_document = True
            continue
        if in_document:
            if line and not line[0].isspace() and not line.startswith("#"):
                break  # the next top-level key: document had no plain text key
            match = _BLOCK_TEXT.match(line)
            if match:
                return _resolve(yaml_path, _unquote(match.group("value")))
    return None


def _resolve(yaml_path: str, name: str) -> str | None:
    if not name or name in ("|", ">"):
        return None
    return os.path.join(os.path.dirname(yaml_path), name)


def loads_in_background(yaml_path: str) -> bool:
    """Whether the reader should show the text first and load ``yaml_path`` in a thread."""
    try:
        return os.path.getsize(yaml_path) > BACKGROUND_LOAD_BYTES
    except OSError:
        return False  # the loader reports a missing or unreadable file properly
