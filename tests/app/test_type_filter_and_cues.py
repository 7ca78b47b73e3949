"""The type filter reaches the article, several types at once; plain reading; NO_COLOR cues."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text

from tests.support.corpora import SMALL_TEXT
from tests.support.pilot import reader, reader_filled
from tui.app.reader_app import GlossApp, make_app
from tui.app.render.highlight import NO_COLOR_CUES, HighlightState, Palette, style_line
from tui.app.screens.type_filter import TypeFilterScreen

SIZE = (120, 36)


def style_at(line: Text, index: int) -> tuple[bool, bool]:
    """(dim, coloured) of the character at ``index``."""
    style = line.get_style_at_offset(_console(), index)
    return bool(style.dim), style.color is not None


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console()


def first_line(app: GlossApp, state: HighlightState, palette: Palette | None = None) -> Text:
    document = app.document
    assert document is not None
    end = SMALL_TEXT.index("\n")
    palette = palette or Palette.for_document(document, app.theme_variables)
    return style_line(document, SMALL_TEXT, 0, end, state, palette)


async def test_t_shows_several_types_and_dims_the_rest_of_the_article(
    small_app: GlossApp,
) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("t")
        assert isinstance(small_app.screen, TypeFilterScreen)
        # Rows: All, PER, ORG, GPE. Untick everything, tick PER and GPE, apply.
        await pilot.press("space", "down", "space", "down", "down", "space", "enter")
        await pilot.pause()
        assert screen.shown_types == frozenset({"PER", "GPE"})
        assert set(screen.entity_list.visible_entities) == {"alice", "bob", "carol", "paris"}
        assert screen.article.highlight.shown_types == frozenset({"PER", "GPE"})
        line = first_line(small_app, screen.article.highlight)
        alice = SMALL_TEXT.index("Alice")
        met = SMALL_TEXT.index("met")
        acme = SMALL_TEXT.index("Acme")
        assert style_at(line, alice) == (False, True)  # shown type: coloured, not dim
        assert style_at(line, met)[0]  # plain text dimmed
        assert style_at(line, acme) == (True, False)  # hidden type: dimmed, no colour
        await pilot.press("escape")
        await pilot.pause()
        assert screen.shown_types is None
        assert len(screen.entity_list.visible_entities) == 5


async def test_c_switches_plain_reading(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("c")
        assert screen.article.highlight.plain
        line = first_line(small_app, screen.article.highlight)
        assert not style_at(line, SMALL_TEXT.index("Alice"))[1]
        await pilot.press("c")
        assert not screen.article.highlight.plain


def test_no_color_gives_every_type_its_own_cue(small_path: Path) -> None:
    app = make_app(str(small_path))
    document = app.document
    assert document is not None
    variables = {"background": "#000000", "primary": "#0178d4", "warning": "#ffa62b"}
    palette = Palette.for_document(document, variables, no_color=True)
    cues = [palette.type_style(code) for code in document.entity_types_in_use]
    for cue in cues:
        assert cue.underline or cue.underline2
        assert not cue.bold  # bold marks the selection
    without_colour = [(c.underline, c.underline2, c.italic, c.overline) for c in cues]
    assert len(set(without_colour)) == len(cues)
    assert len(NO_COLOR_CUES) >= 8


async def test_no_color_app_marks_mentions_without_colour(
    small_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(app)
        line = first_line(app, screen.article.highlight, screen.article.palette)
        style = line.get_style_at_offset(_console(), SMALL_TEXT.index("Alice"))
        assert style.underline or style.underline2
