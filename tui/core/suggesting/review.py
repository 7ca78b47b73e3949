"""Reviewing suggestions in the reader, without a screen: what is shown, grouped, and
which one is current.

The suggestions are worked out again from each new version of the document (after an
accept, an undo, any edit), so an accepted one is gone (it is a mention now) and the
rest of its entity join the entity it made. A filter (type, source, least score)
narrows what is shown, and so what "accept all shown" takes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tui.core.document.model import Document, Span
from tui.core.suggesting.names import NameFinder
from tui.core.suggesting.suggestions import (
    Found,
    Known,
    Rejected,
    Suggestion,
    build_finder,
    file_known,
    suggest,
)

SCORE_STEPS = (0.0, 0.5, 0.8, 0.9)
"""The least scores the filter offers."""


@dataclass(frozen=True, slots=True)
class Filter:
    """Which suggestions are shown: of one type, from one source, from a least score."""

    type: str | None = None
    source: str | None = None
    least_score: float = 0.0

    def admits(self, suggestion: Suggestion) -> bool:
        return (
            (self.type is None or suggestion.type == self.type)
            and (self.source is None or suggestion.source == self.source)
            and suggestion.score >= self.least_score
        )

    @property
    def is_open(self) -> bool:
        """Whether it lets every suggestion through."""
        return self.type is None and self.source is None and self.least_score <= 0

    def describe(self) -> str:
        """``ORG · corpus · score ≥ 0.8``, or ``all``."""
        parts = [self.type or "", self.source or ""]
        if self.least_score > 0:
            parts.append(f"score ≥ {self.least_score:g}")
        said = " · ".join(part for part in parts if part)
        return said or "all"


@dataclass(frozen=True, slots=True)
class Group:
    """The shown suggestions that would join one entity, in text order."""

    key: str
    suggestions: tuple[Suggestion, ...]

    @property
    def first(self) -> Suggestion:
        return self.suggestions[0]


@dataclass(slots=True)
class Review:
    """Suggestions for one document, the filter on them and the current one."""

    elsewhere: NameFinder[Known]
    """The names known outside the article (the library's corpus entities)."""
    rejected: list[Rejected] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)
    nesting: frozenset[str] | None = None
    filter: Filter = Filter()
    every: list[Suggestion] = field(default_factory=list)
    """Every suggestion for the document, in text order."""
    current: Span | None = None
    """Where the current suggestion is (None: none is)."""

    def refresh(self, document: Document) -> None:
        """Work the suggestions out for ``document`` (a new version of it): its own
        names are read again, so an entity just made is looked for too."""
        own = build_finder(file_known(document))
        self.every = suggest(
            document,
            own,
            self.elsewhere,
            rejected=self.rejected,
            found=self.found,
            nesting=self.nesting,
        )
        if self.current is not None and self.at(self.current) is None:
            self.current = self._nearest(self.current.start)

    @property
    def shown(self) -> list[Suggestion]:
        """The suggestions the filter lets through, in text order."""
        if self.filter.is_open:
            return self.every
        return [s for s in self.every if self.filter.admits(s)]

    def set_filter(self, chosen: Filter) -> None:
        self.filter = chosen
        if self.current is not None and self.at(self.current) is None:
            self.current = self._nearest(self.current.start)

    def at(self, span: Span) -> Suggestion | None:
        """The shown suggestion at ``span``."""
        for suggestion in self.shown:
            if suggestion.span == span:
                return suggestion
        return None

    @property
    def current_suggestion(self) -> Suggestion | None:
        return self.at(self.current) if self.current is not None else None

    def position(self) -> tuple[int, int]:
        """(the current one's number from 1, or 0; how many are shown)."""
        shown = self.shown
        current = self.current
        for number, suggestion in enumerate(shown, 1):
            if suggestion.span == current:
                return number, len(shown)
        return 0, len(shown)

    def _nearest(self, offset: int) -> Span | None:
        """The first shown suggestion at or after ``offset``, else the last one."""
        shown = self.shown
        for suggestion in shown:
            if suggestion.span.start >= offset:
                return suggestion.span
        return shown[-1].span if shown else None

    def step(self, offset: int, direction: int) -> Suggestion | None:
        """The next shown suggestion after ``offset`` (``direction`` 1) or the one before
        it (-1), going round the ends; it becomes the current one."""
        shown = self.shown
        if not shown:
            self.current = None
            return None
        if direction > 0:
            found = next((s for s in shown if s.span.start > offset), shown[0])
        else:
            found = next((s for s in reversed(shown) if s.span.start < offset), shown[-1])
        self.current = found.span
        return found

    def groups(self) -> list[Group]:
        """The shown suggestions by the entity they would join, in order of first sight."""
        grouped: dict[str, list[Suggestion]] = {}
        for suggestion in self.shown:
            grouped.setdefault(suggestion.group, []).append(suggestion)
        return [Group(key, tuple(items)) for key, items in grouped.items()]

    def of_group(self, key: str) -> list[Suggestion]:
        """The shown suggestions of one entity."""
        return [s for s in self.shown if s.group == key]

    def reject(self, chosen: Iterable[Suggestion], text: str) -> list[Rejected]:
        """Turn ``chosen`` down (they are not proposed again); the rejections made."""
        made = [Rejected.of(suggestion, text) for suggestion in chosen]
        self.rejected.extend(made)
        return made

    def unreject(self, made: Sequence[Rejected]) -> None:
        """Take rejections back (an undo)."""
        gone = set(made)
        self.rejected = [r for r in self.rejected if r not in gone]

    def types(self) -> list[str]:
        """The types of every suggestion, in order of first sight (for the filter)."""
        seen: dict[str, None] = {}
        for suggestion in self.every:
            seen.setdefault(suggestion.type, None)
        return list(seen)

    def sources(self) -> list[str]:
        seen: dict[str, None] = {}
        for suggestion in self.every:
            seen.setdefault(suggestion.source, None)
        return list(seen)
