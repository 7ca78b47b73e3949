"""When two JSON files are "the same file" for a round trip, and the differences if not.

Two files are the same when they parse to the same data, where

* objects compare as sets of keys with their values: key order and white space (the
  indentation, spaces after ``:``) do not count;
* values compare with their JSON type: ``1``, ``1.0`` and ``true`` are three values;
  strings compare code point for code point (an escape and the character it stands for
  are one string);
* arrays compare in order, except the lists the tools themselves treat as sets: a Label
  Studio annotation's or prediction's ``result``, a Prodigy record's ``spans`` and
  ``relations`` (compared as multisets);
* a JSONL file is its lines, in order, each compared as above; blank lines do not count.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SET_LISTS = frozenset({"result", "spans", "relations"})


def canonical(value: Any, key: str | None = None) -> Any:
    """A form of ``value`` that compares equal exactly when the rules above say so."""
    if isinstance(value, dict):
        return ("object", tuple(sorted((k, canonical(v, k)) for k, v in value.items())))
    if isinstance(value, list):
        items = [canonical(item) for item in value]
        if key in SET_LISTS:
            return ("set", tuple(sorted(items, key=repr)))
        return ("array", tuple(items))
    return (type(value).__name__, value)


def differences(left: Any, right: Any, where: str = "$") -> list[str]:
    """Where two values differ (empty when they are the same), for a readable failure."""
    if canonical(left) == canonical(right):
        return []
    if isinstance(left, dict) and isinstance(right, dict):
        found = []
        for key in sorted(set(left) | set(right)):
            if key not in left or key not in right:
                found.append(f"{where}.{key}: only in {'right' if key not in left else 'left'}")
            elif canonical(left[key], key) != canonical(right[key], key):
                found.extend(differences(left[key], right[key], f"{where}.{key}"))
        return found or [f"{where}: differs"]
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        found = []
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            found.extend(differences(a, b, f"{where}[{index}]"))
        return found or [f"{where}: differs as a set"]
    return [f"{where}: {json.dumps(left)[:120]} != {json.dumps(right)[:120]}"]


def read_json_or_jsonl(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text)


def same_file(left: Path, right: Path) -> list[str]:
    """The differences between two JSON (or JSONL) files under the rules above."""
    a, b = read_json_or_jsonl(left), read_json_or_jsonl(right)
    if isinstance(a, list) and isinstance(b, list) and len(a) != len(b):
        return [f"$: {len(a)} items != {len(b)} items"]
    return differences(a, b)
