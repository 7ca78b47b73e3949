"""What a brat file said that gloss's model has no field for, kept to be written back.

An imported ``T``, ``E`` or ``R`` keeps its brat id as the attribute ``source_id``
(``T12``) of its mention, event or relation. Whatever else is needed to write its lines
back exactly is the attribute ``brat``: space-separated tokens, most annotations
having none.

* ``A3``, ``M3``: an attribute line on it, in the order of its other attributes;
* ``N1=DB:KEY`` (``=TEXT`` when the text is not the entity's name or event's
  summary): a normalisation line on it;
* ``#2`` (``=TEXT`` when the note is not what gloss's note or description gives
  back): a note line on it;
* ``trigger=T12``: an event's trigger (events sharing one give one ``T`` back);
* ``args=Theme:T1,Cause:E2``: an event's arguments as written, when not in gloss's
  order and numbering;
* ``roles=Governor,Dependent``: a relation's two roles, when not ``Arg1``, ``Arg2``;
* ``text=TEXT``: a ``T``'s text field, when it is not the text at its offsets;
* ``end=TEXT``: what the line ends with after its last field (brat ends ``R`` lines
  with a tab);
* ``equiv=Equiv,T3,T4,T5``: a ``*`` line starting with this annotation;
* ``sameas=R5``: a ``same_as`` relation line from this event.

``TEXT`` is escaped: ``%``, white space, ``,`` and ``=`` as ``%XX`` (``%uXXXX`` above
U+00FF).
"""

from __future__ import annotations

import re

SOURCE_ID = "source_id"
BRAT = "brat"
RESERVED = frozenset({SOURCE_ID, BRAT})
"""Attribute names that are this record, never written as ``A`` lines."""

PLACEHOLDER_KEYS = frozenset({"", "NULL", "NIL", "NONE", "N/A", "-", "?"})
"""Normalisation ids that name no entry (``Wikidata:NULL``): no identity, no link."""


def is_placeholder(key: str) -> bool:
    """Whether a normalisation id is a placeholder rather than an entry."""
    return key.strip().upper() in PLACEHOLDER_KEYS


def escape(text: str) -> str:
    """``text`` as one token: no white space, ``,`` or ``=`` left in it."""

    def code(match: re.Match[str]) -> str:
        point = ord(match.group())
        return f"%{point:02X}" if point < 0x100 else f"%u{point:04X}"

    return re.sub(r"[%\s,=]", code, text)


def unescape(token: str) -> str:
    """The text :func:`escape` made ``token`` of."""
    return re.sub(
        r"%u([0-9A-F]{4})|%([0-9A-F]{2})",
        lambda m: chr(int(m.group(1) or m.group(2), 16)),
        token,
    )


def tokens_of(attributes: tuple[tuple[str, str], ...]) -> list[str]:
    """The ``brat`` tokens among ``attributes``."""
    return next((value.split() for name, value in attributes if name == BRAT), [])


def source_id_of(attributes: tuple[tuple[str, str], ...]) -> str | None:
    """The ``source_id`` among ``attributes``, if any."""
    return next((value for name, value in attributes if name == SOURCE_ID), None)


def option(tokens: list[str], name: str) -> str | None:
    """The value of the ``name=VALUE`` token, if any."""
    prefix = name + "="
    return next((token[len(prefix) :] for token in tokens if token.startswith(prefix)), None)


def plain(attributes: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The attributes that are the annotation's own, not this record."""
    return [(name, value) for name, value in attributes if name not in RESERVED]
