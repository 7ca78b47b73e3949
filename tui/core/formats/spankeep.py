"""What a doccano or displaCy record says beyond gloss's model, kept to be written back.

A doccano line or a displaCy document is a text, labelled spans (and doccano's relations
between them), and whatever else the tool or the annotator put there: ids, ``cats``,
``Comments``, a classification ``label``, ``meta``, a ``title``, ``kb_id``. gloss models
the text, the spans and the relations; the rest is kept as compact JSON in attributes, so
that ``gloss export`` gives the record back:

* the document attribute ``doccano-record`` (``displacy-record``) is the record with its
  text and every span (and relation) left out: a span's place in its list is ``null``,
  the text's is ``null``; ``@line`` is its place in the file;
* the mention attribute ``doccano-span`` (``displacy-ent``) lists the source spans the
  mention is, each ``[KEY, INDEX, REST]``: the list it stood in, its place there and its
  own other keys (a doccano entity's ``id``; a displaCy ent's ``kb_id``), so that a span
  written twice comes back twice;
* the relation attribute ``doccano-relation`` is ``[INDEX, REST]``, with the relation's
  own ``from_id``, ``to_id`` and other keys.

What is edited in gloss is written from gloss: the offsets (counted in the text as
stored), a type's label, a relation's type; a span added in gloss is appended to the
record's span list in the form its other spans have, one deleted is left out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tui.core.document.model import Document, Mention, Relation
from tui.core.formats.jsonin import compact

DOCCANO_RECORD, DOCCANO_SPAN, DOCCANO_RELATION = (
    "doccano-record",
    "doccano-span",
    "doccano-relation",
)
DISPLACY_RECORD, DISPLACY_ENT = "displacy-record", "displacy-ent"
LINE = "@line"
FORM = "@form"
"""In a record: ``[KEY, "object" | "list"]``, where a span added in gloss goes."""
LIST = "@list"
"""In a displaCy record: the file was a list of documents."""


def kept(attributes: Sequence[tuple[str, str]], name: str) -> Any:
    """The JSON kept in the attribute ``name``, or None (absent, or not JSON)."""
    for key, value in attributes:
        if key == name:
            try:
                return json.loads(value)
            except ValueError:
                return None
    return None


def span_origins(mention: Mention, name: str) -> list[tuple[str, int, dict[str, Any]]]:
    """The source spans a mention is (see the module's docstring), well formed ones only."""
    found = kept(mention.attributes, name)
    if not isinstance(found, list):
        return []
    return [
        (item[0], item[1], item[2])
        for item in found
        if isinstance(item, list)
        and len(item) == 3
        and isinstance(item[0], str)
        and isinstance(item[1], int)
        and isinstance(item[2], dict)
    ]


def origins_attribute(name: str, origins: list[tuple[str, int, dict[str, Any]]]) -> tuple[str, str]:
    return (name, compact([list(origin) for origin in origins]))


def fill(
    record: dict[str, Any],
    key: str,
    placed: list[tuple[int, Any]],
    added: list[Any],
) -> None:
    """Put the spans (or relations) ``placed`` at their places in ``record[key]``: the
    ``null`` slots the import left, in order; a slot nothing comes back to is dropped,
    and ``added`` ones go at the end."""
    slots = record.get(key)
    if not isinstance(slots, list):
        slots = []
    by_index: dict[int, list[Any]] = {}
    for index, item in placed:
        by_index.setdefault(index, []).append(item)
    written: list[Any] = []
    for index, slot in enumerate(slots):
        if slot is not None:
            written.append(slot)
        written.extend(by_index.pop(index, []))
    for index in sorted(by_index):
        written.extend(by_index[index])
    written.extend(added)
    record[key] = written


def relation_origin(relation: Relation) -> tuple[int, dict[str, Any]] | None:
    found = kept(relation.attributes, DOCCANO_RELATION)
    if (
        isinstance(found, list)
        and len(found) == 2
        and isinstance(found[0], int)
        and isinstance(found[1], dict)
    ):
        return found[0], found[1]
    return None


def record_of(document: Document, name: str) -> dict[str, Any] | None:
    """The record kept on the document (attribute ``name``), or None."""
    found = kept(document.info.attributes, name)
    return found if isinstance(found, dict) else None


def ordered(documents: Sequence[tuple[Document, str]], name: str) -> list[tuple[Document, str]]:
    """Documents in the order of the lines they were read from (those that say it),
    the others after them in the order given."""

    def line(item: tuple[int, tuple[Document, str]]) -> tuple[float, int]:
        record = record_of(item[1][0], name)
        at = record.get(LINE) if record else None
        return (float(at) if isinstance(at, int) else float("inf"), item[0])

    return [pair for _, pair in sorted(enumerate(documents), key=line)]
