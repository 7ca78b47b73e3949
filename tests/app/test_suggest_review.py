"""Reviewing suggestions in the reader: every key, the pane, the look, undo, rejections
remembered, and nothing written into the file until it is saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.support.pilot import reader, reader_filled, wait_until
from tests.support.suggesting import ARTICLE_TEXT, write_article
from tui.app.reader_app import GlossApp, make_app
from tui.app.screens.annotate_dialogs import PickerScreen
from tui.app.widgets.suggestion_list import SuggestionList
from tui.core.document.model import Span
from tui.core.loading.loader import load
from tui.core.suggesting.store import read_state

SIZE = (120, 36)


def span_of(words: str, occurrence: int = 1) -> Span:
    start = -1
    for _ in range(occurrence):
        start = ARTICLE_TEXT.index(words, start + 1)
    return Span(start, start + len(words))


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return write_article(tmp_path)


@pytest.fixture
def app(article: Path) -> GlossApp:
    return make_app(str(article))


async def reviewing(pilot: Pilot[None]) -> None:
    screen = await reader_filled(pilot)
    await pilot.press("S")
    await wait_until(pilot, lambda: screen.reviewing, "the review")


async def test_s_starts_reviewing_the_file_s_own_names(app: GlossApp, article: Path) -> None:
    before = article.read_text(encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await reviewing(pilot)
        screen = reader(app)
        assert screen.annotating and screen.has_class("-reviewing")
        review = screen.review
        assert review is not None
        assert [s.words(ARTICLE_TEXT) for s in review.shown] == ["Haifa", "Levy"]
        # The first one is current and selected; both are drawn apart from mentions.
        assert review.current == span_of("Haifa") == screen.selection_span
        assert screen.article.highlight.suggestions == (span_of("Haifa"), span_of("Levy", 2))
        pane = screen.query_one(SuggestionList)
        assert pane.display and not screen.entity_list.display
        assert "Suggestions 1/2" in str(screen.query_one("#entity-pane").border_title)
        assert "a name of GPE Haifa in this article" in screen.query_one("#details").facts_text
        await pilot.press("n")
        assert review.current == span_of("Levy", 2)
        await pilot.press("n")  # round the end
        assert review.current == span_of("Haifa")
        await pilot.press("N")
        assert review.current == span_of("Levy", 2)
        await pilot.press("escape")
        assert not screen.reviewing and screen.annotating
        assert screen.article.highlight.suggestions == ()
        assert screen.entity_list.display and not pane.display
    assert article.read_text(encoding="utf-8") == before


async def test_accept_reject_undo_and_save(app: GlossApp, article: Path) -> None:
    before = article.read_text(encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await reviewing(pilot)
        screen = reader(app)
        review = screen.review
        assert review is not None and screen.session is not None
        await pilot.press("y")  # Haifa joins the file's Haifa
        haifa = screen.document.entity_by_id["haifa"]
        assert span_of("Haifa") in [m.span for m in haifa.mentions]
        assert [s.words(ARTICLE_TEXT) for s in review.shown] == ["Levy"]
        assert review.current == span_of("Levy", 2)
        await pilot.press("x")  # Levy is turned down
        assert review.shown == []
        assert [r.words for r in read_state(str(article)).rejected] == ["Levy"]
        await pilot.press("u")  # the rejection is taken back
        assert [s.words(ARTICLE_TEXT) for s in review.shown] == ["Levy"]
        assert read_state(str(article)).rejected == []
        await pilot.press("u")  # then the accept
        assert span_of("Haifa") not in [
            m.span for m in screen.document.entity_by_id["haifa"].mentions
        ]
        assert len(review.shown) == 2 and not screen.session.dirty
        assert review.current == span_of("Levy", 2)
        await pilot.press("Y")  # all of the current one's entity (one undo step)
        assert [s.words(ARTICLE_TEXT) for s in review.shown] == ["Haifa"]
        assert article.read_text(encoding="utf-8") == before  # nothing written yet
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.session.dirty, "the save")  # type: ignore[union-attr]
    saved = load(str(article)).document
    assert saved is not None
    assert len(saved.entity_by_id["boaz-levy"].mentions) == 2
    assert len(saved.entity_by_id["haifa"].mentions) == 1
    assert "# The people and places this article names." in article.read_text(encoding="utf-8")


async def test_rejected_ones_are_not_proposed_when_the_file_is_opened_again(
    article: Path,
) -> None:
    first = make_app(str(article))
    async with first.run_test(size=SIZE) as pilot:
        await reviewing(pilot)
        await pilot.press("x")
    again = make_app(str(article))
    async with again.run_test(size=SIZE) as pilot:
        await reviewing(pilot)
        review = reader(again).review
        assert review is not None
        assert [s.words(ARTICLE_TEXT) for s in review.shown] == ["Levy"]


async def test_the_filter_and_accept_all_shown(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await reviewing(pilot)
        screen = reader(app)
        review = screen.review
        assert review is not None
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen), "the filter")
        await pilot.press(*"type PER", "enter")
        await wait_until(pilot, lambda: app.screen is screen, "the filter to close")
        assert [s.words(ARTICLE_TEXT) for s in review.shown] == ["Levy"]
        assert review.current == span_of("Levy", 2)
        assert "PER" in str(screen.status_line())
        await pilot.press("ctrl+y")
        assert review.shown == [] and len(review.every) == 1
        assert span_of("Levy", 2) in [
            m.span for m in screen.document.entity_by_id["boaz-levy"].mentions
        ]
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen), "the filter")
        await pilot.press("enter")  # "all" clears it
        await wait_until(pilot, lambda: app.screen is screen, "the filter to close")
        assert [s.words(ARTICLE_TEXT) for s in review.shown] == ["Haifa"]


async def test_the_pane_moves_the_current_suggestion_and_enter_accepts(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await reviewing(pilot)
        screen = reader(app)
        review = screen.review
        assert review is not None
        pane = screen.query_one(SuggestionList)
        pane.focus()
        await pilot.press("down")
        await wait_until(pilot, lambda: review.current == span_of("Levy", 2), "the pane's move")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(review.shown) == 1, "the accept")
        assert [s.words(ARTICLE_TEXT) for s in review.shown] == ["Haifa"]
