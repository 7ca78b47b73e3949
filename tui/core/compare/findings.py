"""What a comparison finds: one annotation (or a pair) and how the two files agree on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tui.core.document.diagnostics import Position
from tui.core.document.model import Document, Span
from tui.core.loading.sources import SourceMap
from tui.core.text.fitting import shorten

_QUOTE_LIMIT = 60
B_ONLY = "\0b:"
"""Prefix of keys for B's entities and events that have no counterpart in A."""


class Kind(StrEnum):
    """How the two files agree on one annotation."""

    BOTH = "in both"
    ONLY_A = "only in A"
    ONLY_B = "only in B"
    TYPE = "other type"
    BOUNDARY = "other boundaries"
    DATE = "other date"
    REALIS = "other realis"
    NOT_PLACED = "not placed"
    """B's annotation covers text that A's article does not have."""


class Layer(StrEnum):
    """What kind of annotation a finding is about."""

    MENTION = "mention"
    EVENT = "event"
    ARGUMENT = "argument"
    RELATION = "relation"


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two files: where it is, what it says, and where each annotation is."""

    path: str
    document: Document
    source: SourceMap = field(default_factory=SourceMap)


@dataclass(frozen=True, slots=True)
class Finding:
    """One annotation (or pair) and how the files agree on it."""

    kind: Kind
    layer: Layer
    message: str
    """What it is, e.g. ``PER "Tal Kalman"``, with both values when they differ."""
    span: Span | None
    """Where it is in A's text (for B's annotations: carried over), if anywhere."""
    other_span: Span | None = None
    """B's span in A's text when it differs from :attr:`span` (other boundaries)."""
    a_position: Position | None = None
    b_position: Position | None = None

    @property
    def agrees(self) -> bool:
        """Whether both files say the same thing here."""
        return self.kind is Kind.BOTH


def quote(text: str) -> str:
    """Text from the article for a message: on one line, shortened, in double quotes."""
    flat = " ".join(text.split())
    return f'"{shorten(flat, _QUOTE_LIMIT)}"'


def entity_words(document: Document, entity_id: str) -> str:
    """An entity's name for a message (its id when the file lacks it)."""
    entity = document.entity_by_id.get(entity_id)
    return quote(entity.name) if entity is not None else quote(entity_id)
