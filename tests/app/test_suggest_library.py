"""Suggestions in a library's reader: the other articles' names, end to end (open the
library, read an article, ``S``, accept, save: the index takes the new mentions), and
the corpus's names grouped once however many times ``S`` is pressed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pilot import library_indexed, reader_filled, wait_until
from tests.support.suggesting import write_library
from tui.app.library_app import make_library_app
from tui.app.screens.corpus_reader import CorpusReaderScreen
from tui.core.loading.loader import load

SIZE = (140, 40)


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


async def test_a_library_reader_suggests_what_the_other_articles_know(tmp_path: Path) -> None:
    article = write_library(tmp_path / "corpus")
    app = make_library_app([str(tmp_path / "corpus")])
    async with app.run_test(size=SIZE) as pilot:
        library = await library_indexed(pilot)
        row = next(r for r in library.all_rows.values() if r.relative == "article.yaml")
        library.open_article(row.path)
        screen = await reader_filled(pilot)
        assert isinstance(screen, CorpusReaderScreen)
        await pilot.press("S")
        await wait_until(pilot, lambda: screen.reviewing, "the review")
        review = screen.review
        assert review is not None
        text = screen.document.text
        said = [(s.words(text), s.source) for s in review.shown]
        assert said == [
            ("Israel Aerospace Industries", "corpus"),
            ("Haifa", "file"),
            ("Levy", "file"),
            ("Israel Aerospace\nIndustries", "corpus"),
            ("India", "corpus"),
            ("Reuters", "corpus"),
        ]
        assert review.current is not None and review.current.start == 0
        details = screen.query_one("#details").facts_text
        assert "known in 2 articles as ORG Israel Aerospace Industries" in details
        assert library.corpus_names.groupings == 1
        # Y: both of the corpus entity's mentions, one new entity, linked as the corpus's.
        await pilot.press("Y")
        await wait_until(pilot, lambda: len(review.shown) == 4, "the entity accepted")
        iai = next(e for e in screen.document.entities if e.name == "Israel Aerospace Industries")
        assert len(iai.mentions) == 2 and iai.links == (("wikidata", "Q1354327"),)
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: screen.session is not None and not screen.session.dirty, "the save"
        )
        # Stop, and start again: the library's names are not grouped again.
        await pilot.press("S")
        await wait_until(pilot, lambda: not screen.reviewing, "the review stopped")
        await pilot.press("S")
        await wait_until(pilot, lambda: screen.reviewing, "the review again")
        assert library.corpus_names.groupings == 1
    saved = load(str(article)).document
    assert saved is not None
    iai = next(e for e in saved.entities if e.name == "Israel Aerospace Industries")
    assert len(iai.mentions) == 2 and dict(iai.links) == {"wikidata": "Q1354327"}


async def test_another_article_of_the_library_reuses_the_grouping(tmp_path: Path) -> None:
    write_library(tmp_path / "corpus")
    app = make_library_app([str(tmp_path / "corpus")])
    async with app.run_test(size=SIZE) as pilot:
        library = await library_indexed(pilot)
        rows = {r.relative: r for r in library.all_rows.values()}
        for relative in ("article.yaml", "wire.yaml"):
            library.open_article(rows[relative].path)
            await wait_until(
                pilot,
                lambda relative=relative: (
                    isinstance(app.screen, CorpusReaderScreen)
                    and app.screen.path == rows[relative].path
                    and app.screen.panes_filled
                ),
                f"the reader of {relative}",
            )
            screen = app.screen
            assert isinstance(screen, CorpusReaderScreen)
            await pilot.press("S")
            await wait_until(pilot, lambda screen=screen: screen.reviewing, "the review")
            await pilot.press("escape")
            await pilot.press("escape")  # annotate mode too
            await pilot.press("L")
            await wait_until(pilot, lambda: app.screen is library, "the library")
        assert library.corpus_names.groupings == 1
