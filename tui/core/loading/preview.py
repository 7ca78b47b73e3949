"""A quick look at an annotation file before it is loaded: which article text it names.

Long files are loaded in the background while the reader already shows the text;
finding the text's file must not wait for the YAML to be parsed, so this reads only
the head of the file and looks for ``document:`` → ``text:`` by indentation.
"""

from __future__ import annotations

import os
import re

from tui.core.files.saferead import ReadRefused, read_head, resolve_named

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


def peek_text_path(yaml_path: str, *, allow_outside: bool = False) -> str | None:
    """The article text file named by ``document.text``, or None when it is not plain to see.

    Only a hint: the real loader checks everything again. The guess obeys the loader's
    read rule (:mod:`tui.core.files.saferead`): a name that resolves outside the annotation
    file's folder gives None, so the preview never shows what the loader would refuse.
    """
    head = _head(yaml_path)
    if head is None:
        return None
    name = _peek_name(head)
    if name is None or name in ("|", ">"):
        return None
    try:
        return resolve_named(yaml_path, name, allow_outside=allow_outside)
    except ReadRefused:
        return None


def _head(yaml_path: str) -> str | None:
    """The first bytes of the annotation file (a regular file, read without blocking)."""
    head = read_head(yaml_path, _HEAD_BYTES)
    return None if head is None else head.decode("utf-8", errors="replace")


def _peek_name(head: str) -> str | None:
    in_document = False
    for line in head.splitlines():
        if line.startswith("document:"):
            rest = line[len("document:") :]
            flow = _FLOW_TEXT.search(rest)
            if flow:
                return _unquote(flow.group("value")) or None
            in_document = True
            continue
        if in_document:
            if line and not line[0].isspace() and not line.startswith("#"):
                break  # the next top-level key: document had no plain text key
            match = _BLOCK_TEXT.match(line)
            if match:
                return _unquote(match.group("value")) or None
    return None


def loads_in_background(yaml_path: str) -> bool:
    """Whether the reader should show the text first and load ``yaml_path`` in a thread."""
    try:
        return os.path.getsize(yaml_path) > BACKGROUND_LOAD_BYTES
    except OSError:
        return False  # the loader reports a missing or unreadable file properly
