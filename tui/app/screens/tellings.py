"""The tellings of a corpus event: one card per article, side by side where the width allows.

The header counts as the entity index does (mentions in articles) and says which article
is current (``article 3 of 18``); ``right`` / ``left`` go to the next / previous article's
card (the cards shown move along), ``enter`` reads the current one there, where ``n`` /
``N`` go on through every telling and ``ctrl+o`` comes back here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.app import bindings
from tui.core.corpus.entities import CorpusEntity, tellings
from tui.core.corpus.matching import Hit, HitTrail
from tui.core.reading.tellings import (
    ArticleTellings,
    by_article,
    columns_for,
    first_shown,
    passage_pieces,
    position_text,
)
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from tui.app.screens.library import LibraryScreen


def card_heading(article: ArticleTellings, number: int, count: int) -> Text:
    """``3/18  1_5ecb``, then the date, the title, and how many times it tells the event."""
    heading = Text()
    heading.append(f"{number + 1}/{count}  ", style="dim")
    heading.append(one_line(article.doc_id), style="bold")
    heading.append(f"\n{one_line(article.date_text or 'no date')}", style="dim")
    times = article.mentions
    heading.append(f"  ·  {times} mention{'s' if times != 1 else ''}", style="dim")
    heading.append(f"\n{one_line(article.title)}", style="italic")
    return heading


def card_text(article: ArticleTellings) -> Text:
    """The article's passages, a blank line apart, each trigger marked."""
    text = Text()
    for number, passage in enumerate(article.passages):
        if number:
            text.append("\n\n")
        for piece, trigger in passage_pieces(passage):
            text.append(piece, style="bold reverse" if trigger else "")
    return text


class TellingCard(VerticalScroll, can_focus=True, inherit_bindings=False):
    """One article's tellings of the event: which article, then its passages.

    Its keys scroll it (a long telling); ``right`` / ``left`` are the screen's."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.TELLING_CARD

    def __init__(self, article: ArticleTellings, number: int, count: int) -> None:
        super().__init__(classes="telling")
        self.article = article
        self.number = number
        self.count = count

    def compose(self) -> ComposeResult:
        yield Static(
            card_heading(self.article, self.number, self.count),
            classes="telling-heading",
            markup=False,
        )
        yield Static(card_text(self.article), classes="telling-text", markup=False)


class TellingsScreen(Screen[None]):
    """A corpus event told in several articles: the tellings side by side."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.TELLINGS

    def __init__(self, library: LibraryScreen, event: CorpusEntity) -> None:
        super().__init__()
        self.library = library
        self.event = event
        self.told = tellings(library.index, event.key, guessed=event.guessed)
        """Every telling (one per article's event), by date."""
        self.articles = by_article(self.told)
        """The tellings by article: one card each."""
        self.current = 0
        """The current card (0-based)."""
        self.first = 0
        """The first card shown."""
        self.columns = 1

    def compose(self) -> ComposeResult:
        yield Static(id="tellings-header", markup=False)
        with Horizontal(id="tellings"):
            count = len(self.articles)
            for number, article in enumerate(self.articles):
                yield TellingCard(article, number, count)
        yield Footer()

    def on_mount(self) -> None:
        self._lay_out(self.size.width)
        if self.articles:
            self._go(0)
        self._update_header()

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(event.size.width)

    @property
    def cards(self) -> list[TellingCard]:
        return list(self.query(TellingCard))

    def _lay_out(self, width: int) -> None:
        """As many cards side by side as the width allows, the current one among them."""
        self.columns = columns_for(width, len(self.articles))
        self._show_window()

    def _show_window(self) -> None:
        self.first = first_shown(self.current, self.first, self.columns, len(self.articles))
        for card in self.cards:
            card.display = self.first <= card.number < self.first + self.columns

    def _update_header(self) -> None:
        event = self.event
        header = Text()
        header.append(f"{one_line(event.name)} ({one_line(event.type)})", style="bold")
        mentions = len(self.told)
        count = len(self.articles)
        header.append(
            f"  ·  {mentions} mention{'s' if mentions != 1 else ''} in "
            f"{count} article{'s' if count != 1 else ''}"
        )
        if count:
            header.append(f"  ·  {position_text(self.current, count)}", style="bold")
        if event.links:
            header.append(f"  ·  {one_line(event.links_text)}", style="dim")
        self.query_one("#tellings-header", Static).update(header)

    def _go(self, number: int) -> None:
        """Make card ``number`` the current one: shown, focused, named in the header."""
        self.current = number
        self._show_window()
        cards = self.cards
        if cards:
            cards[number].focus()
        self._update_header()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A card focused by the mouse or tab is the current one.
        if isinstance(event.widget, TellingCard) and event.widget.number != self.current:
            self.current = event.widget.number
            self._update_header()

    def action_step(self, step: int) -> None:
        """``right`` / ``left``: the next / previous article's telling (round the ends)."""
        if self.articles:
            self._go((self.current + step) % len(self.articles))

    def trail(self) -> HitTrail | None:
        """Every telling as a hit on its trigger, the current article's first one current."""
        if not self.articles:
            return None
        hits: list[Hit] = []
        position = 0
        for number, article in enumerate(self.articles):
            if number == self.current:
                position = len(hits)
            hits.extend(
                Hit(
                    path=t.path,
                    text_path="",
                    doc_id=t.doc_id,
                    title=t.title,
                    date_text=t.date_text,
                    start=t.trigger_start if t.trigger_end > t.trigger_start else t.start,
                    end=t.trigger_end if t.trigger_end > t.trigger_start else t.end,
                    line=0,
                    column=0,
                    left="",
                    match="",
                    right="",
                    owner=self.event.name,
                    in_mention=False,
                )
                for t in article.tellings
            )
        return HitTrail(tuple(hits), position)

    def action_read(self) -> None:
        """``enter``: read the current article at its first telling."""
        trail = self.trail()
        if trail is not None:
            self.library.open_hit(trail, origin=self)

    def follow(self, trail: HitTrail) -> None:
        """Back from the reader: the card of the article it was reading."""
        path = trail.hit.path
        for number, article in enumerate(self.articles):
            if article.path == path:
                self._go(number)
                return

    def lists(self, key: str) -> bool:
        """Tellings list an event, not an entity the reader's ``i`` asks for."""
        return False

    def action_back(self) -> None:
        self.dismiss(None)
