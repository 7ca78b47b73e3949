"""The tellings view of a corpus event, without a screen: tellings by article, passages
with their triggers, how many articles side by side, which of them are shown.

A corpus event is told once per article's event that belongs to it; an article may tell
it several times (ECB+ annotates each mention of an event as its own event). The view
shows one card per article, as the entity index counts it (documents, then mentions),
each card listing the article's passages in text order with every trigger in them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.corpus.entities import Telling
from tui.core.text.textsafety import one_line

CARD_WIDTH = 48
"""Cells a card needs to read comfortably: fewer than this per card, fewer cards."""
MOST_COLUMNS = 3
"""Cards side by side at most, however wide the screen."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage of an article that tells the event, and the triggers in it."""

    start: int
    end: int
    text: str
    triggers: tuple[tuple[int, int], ...]
    """Each trigger's span, relative to the passage's start, in text order."""


@dataclass(frozen=True, slots=True)
class ArticleTellings:
    """One article's tellings of a corpus event."""

    path: str
    doc_id: str
    title: str
    date_text: str | None
    tellings: tuple[Telling, ...]
    """In text order."""
    passages: tuple[Passage, ...]
    """Distinct passages in text order (two events of one sentence share one)."""

    @property
    def mentions(self) -> int:
        """How many times the article tells the event (its events in the corpus event)."""
        return len(self.tellings)


def by_article(told: Sequence[Telling]) -> list[ArticleTellings]:
    """Tellings grouped by article, the articles in the order of their first telling
    (the index gives them by date), each article's tellings in text order."""
    grouped: dict[str, list[Telling]] = {}
    for telling in told:
        grouped.setdefault(telling.path, []).append(telling)
    articles: list[ArticleTellings] = []
    for path, group in grouped.items():
        ordered = tuple(sorted(group, key=lambda t: (t.start, t.trigger_start, t.event_id)))
        first = ordered[0]
        articles.append(
            ArticleTellings(
                path=path,
                doc_id=first.doc_id,
                title=first.title,
                date_text=first.date_text,
                tellings=ordered,
                passages=_passages(ordered),
            )
        )
    return articles


def _passages(ordered: Sequence[Telling]) -> tuple[Passage, ...]:
    spans: dict[tuple[int, int], tuple[str, list[tuple[int, int]]]] = {}
    for telling in ordered:
        text, triggers = spans.setdefault((telling.start, telling.end), (telling.passage, []))
        start = telling.trigger_start - telling.start
        end = telling.trigger_end - telling.start
        if 0 <= start < end <= len(text) and (start, end) not in triggers:
            triggers.append((start, end))
    return tuple(
        Passage(start, end, text, tuple(sorted(triggers)))
        for (start, end), (text, triggers) in spans.items()
    )


def columns_for(width: int, cards: int) -> int:
    """Cards shown side by side in ``width`` cells: as many as keep :data:`CARD_WIDTH`
    each, at most :data:`MOST_COLUMNS`, at least one, never more than there are."""
    return max(1, min(MOST_COLUMNS, width // CARD_WIDTH, cards))


def first_shown(current: int, first: int, columns: int, cards: int) -> int:
    """The first card shown, moved as little as keeps ``current`` in view."""
    if cards <= columns:
        return 0
    if current < first:
        first = current
    elif current >= first + columns:
        first = current - columns + 1
    return max(0, min(first, cards - columns))


def position_text(current: int, cards: int) -> str:
    """``article 3 of 18``."""
    return f"article {current + 1} of {cards}"


def passage_pieces(passage: Passage) -> list[tuple[str, bool]]:
    """The passage as one line, in pieces: ``(text, is a trigger)``, each run of white
    space one space, other control characters made visible (:func:`one_line`)."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in passage.triggers:
        if start < at:
            continue  # overlaps the trigger before: shown within it
        pieces.append((passage.text[at:start], False))
        pieces.append((passage.text[start:end], True))
        at = end
    pieces.append((passage.text[at:], False))
    shown = [(one_line(_collapse(text)), trigger) for text, trigger in pieces]
    if shown:
        shown[0] = (shown[0][0].lstrip(), shown[0][1])
        shown[-1] = (shown[-1][0].rstrip(), shown[-1][1])
    return [(text, trigger) for text, trigger in shown if text]


def _collapse(text: str) -> str:
    """Runs of white space as one space (at the ends too: kept as one space)."""
    words = text.split()
    if not words:
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() else ""
    return lead + " ".join(words) + tail
