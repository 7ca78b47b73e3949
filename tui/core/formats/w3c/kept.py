"""Another tool's W3C file, kept to be written back.

gloss reads a W3C annotation's targets and the bodies that tag, classify, identify or
comment; another tool writes more (``creator``, ``created``, ``generator``, bodies that
link a resource, its own ids). So that ``gloss export --format w3c`` gives the file
back, an import of a file gloss did not write keeps it whole, as compact JSON in the
document attribute ``w3c-file``:

* ``file``: the file's JSON; ``at``: where its annotations stand (``list``, ``items``,
  ``first.items`` or ``single``); ``prints``: for each annotation, a fingerprint of what
  gloss made of it (null for one gloss did not read); ``identity``: the document id
  and title the import gave;
* each mention and event made from an annotation says which (``w3c-annotation``:
  ``[[INDEX, TARGET], …]``, its place among the annotations and among their targets).

The export writes each annotation as it was while what gloss makes of it is the same
(its fingerprint); an annotation edited in gloss is written in gloss's form (with its own
``id`` and the keys gloss does not write), one deleted is left out, one added is
appended, and an annotation gloss never read comes back as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from tui.core.document.model import Document
from tui.core.formats.w3c.items import base_and_source, event_item, mention_item

W3C_FILE = "w3c-file"
W3C_ANNOTATION = "w3c-annotation"


def compact_places(places: list[list[int]]) -> str:
    """The ``w3c-annotation`` value: ``[[INDEX, TARGET], …]``."""
    return json.dumps(places, separators=(",", ":"))


def items_at(data: Any) -> str:
    """Where the annotations of ``data`` stand (as the import's reader finds them)."""
    if isinstance(data, list):
        return "list"
    if isinstance(data, dict) and "items" in data:
        return "items"
    if isinstance(data, dict) and "first" in data:
        return "first.items"
    return "single"


def _items(data: Any, at: str) -> list[Any]:
    if at == "list":
        return list(data)
    if at == "items":
        return list(data["items"])
    if at == "first.items":
        return list(data["first"]["items"])
    return [data]


def _put(data: Any, at: str, items: list[Any]) -> Any:
    if at == "list":
        return items
    if at == "items":
        data["items"] = items
    elif at == "first.items":
        data["first"]["items"] = items
    else:
        return items[0] if len(items) == 1 else items
    if isinstance(data.get("total"), int):
        data["total"] = len(items)
    return data


def _normal(item: dict[str, Any]) -> dict[str, Any]:
    """What of gloss's annotation the fingerprint covers: not its id, not the source."""
    found = {key: value for key, value in item.items() if key != "id"}
    target = dict(found.get("target", {}))
    target.pop("source", None)
    found["target"] = target
    return found


def fingerprint(claims: Sequence[tuple[int, dict[str, Any]]]) -> str:
    """A short digest of gloss's annotations for one source annotation's targets."""
    normal = [_normal(item) for _, item in sorted(claims, key=lambda claim: claim[0])]
    digest = hashlib.sha256(json.dumps(normal, sort_keys=True).encode("utf-8")).hexdigest()
    return digest[:20]


def _generated(document: Document) -> tuple[dict[int, list[tuple[int, Any]]], list[Any]]:
    """gloss's annotation for each mention and event: those read from the file by the
    annotation they came from, and the others (added in gloss)."""
    base, source = base_and_source(document)
    claimed: dict[int, list[tuple[int, Any]]] = {}
    added: list[Any] = []
    made = [(m.attributes, mention_item(document, m, base, source)) for m in document.mentions]
    made += [(e.attributes, event_item(document, e, base, source)) for e in document.events]
    for attributes, item in made:
        claims = _claims(attributes)
        for index, target in claims:
            claimed.setdefault(index, []).append((target, item))
        if not claims:
            added.append(item)
    return claimed, added


def _claims(attributes: Sequence[tuple[str, str]]) -> list[tuple[int, int]]:
    for key, value in attributes:
        if key == W3C_ANNOTATION:
            try:
                found = json.loads(value)
            except ValueError:
                return []
            return (
                [
                    (pair[0], pair[1])
                    for pair in found
                    if isinstance(pair, list)
                    and len(pair) == 2
                    and all(isinstance(n, int) and not isinstance(n, bool) for n in pair)
                ]
                if isinstance(found, list)
                else []
            )
    return []


def keep(document: Document, data: Any, identity: tuple[str, str | None]) -> tuple[str, str]:
    """The document attribute that keeps ``data``, the file the document was read from."""
    at = items_at(data)
    count = len(_items(data, at))
    claimed, _ = _generated(document)
    prints = [fingerprint(claimed[i]) if i in claimed else None for i in range(count)]
    kept = {"file": data, "at": at, "prints": prints, "identity": list(identity)}
    return (W3C_FILE, json.dumps(kept, ensure_ascii=False, separators=(",", ":")))


def kept_file(document: Document) -> Any:
    """The file the document was read from, with gloss's edits; None if none is kept."""
    kept = None
    for key, value in document.info.attributes:
        if key == W3C_FILE:
            try:
                kept = json.loads(value)
            except ValueError:
                return None
    if not isinstance(kept, dict) or not isinstance(kept.get("prints"), list):
        return None
    data, at, prints = kept.get("file"), kept.get("at"), kept["prints"]
    if at not in ("list", "items", "first.items", "single"):
        return None
    items = _items(data, at)
    claimed, added = _generated(document)
    written: list[Any] = []
    for index, item in enumerate(items):
        claims = sorted(claimed.get(index, []), key=lambda claim: claim[0])
        said = prints[index] if index < len(prints) else None
        if not claims:
            if said is None:
                written.append(item)  # gloss never read it: as it was
            continue  # deleted in gloss
        if fingerprint(claims) == said:
            written.append(item)
            continue
        again = dict(claims[0][1])
        if len(claims) > 1:
            again["target"] = [made["target"] for _, made in claims]
        if isinstance(item, dict):
            again = {**item, **again, **({"id": item["id"]} if "id" in item else {})}
        written.append(again)
    written.extend(added)
    identity = kept.get("identity")
    changed = identity != [document.info.id, document.info.title]
    if changed and isinstance(data, dict) and "label" in data:
        data["label"] = document.info.title or document.info.id
    return _put(data, at, written)
