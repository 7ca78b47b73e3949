"""The reader on hostile files: nothing clickable, highlights on the right cells,
NO_COLOR cues, any terminal size, and no terminal at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.style import Style

from tui.app.reader_app import GlossApp
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.event_list import EventList
from tui.core.loading.loader import load
from tui.core.text.textsafety import make_visible

from .harness import CORPUS, YAML_NAME, assert_screen_inert, screen_strips, segments_of

GLOSS = Path(sys.executable).with_name("gloss")


def open_case(name: str, monkeypatch: pytest.MonkeyPatch) -> GlossApp:
    monkeypatch.chdir(CORPUS / name)
    result = load(YAML_NAME)
    assert result.document is not None
    return GlossApp(result.document, result.diagnostics)


Cell = tuple[int, int, str, Style]
"""``(row, column, character, style)`` of one screen cell, relative to the article."""


def article_cells(app: Any) -> list[Cell]:
    """The article pane's cells as the compositor renders them."""
    view = app.screen.query_one(ArticleView)
    region = view.content_region
    cells: list[Cell] = []
    strips = screen_strips(app)
    for row in range(region.height):
        column = -region.x
        for segment in strips[region.y + row]:
            for char in segment.text:
                if 0 <= column < region.width:
                    cells.append((row, column, char, segment.style or Style()))
                column += cell_len(char)
    return cells


def runs(cells: list[Cell], wanted: Any) -> list[tuple[int, int, str]]:
    """Contiguous runs of cells whose style satisfies ``wanted``: ``(row, column, text)``."""
    found: list[tuple[int, int, str]] = []
    previous: tuple[int, int] | None = None
    for row, column, char, style in cells:
        if not wanted(style):
            previous = None
            continue
        if previous is not None and previous[0] == row and found:
            last_row, last_column, text = found[-1]
            found[-1] = (last_row, last_column, text + char)
        else:
            found.append((row, column, char))
        previous = (row, column)
    return found


def underlined(style: Style) -> bool:
    return bool(style.underline)


# -- nothing from the file becomes an action ------------------------------------------


async def test_clicking_markup_anywhere_runs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_case("markup-article-text", monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        cells = article_cells(app)
        text = "".join(char for row, _, char, _style in cells if row == 0)
        assert "[@click=app.quit]click[/]" in text
        view = app.screen.query_one(ArticleView)
        column = next(c for r, c, ch, _ in cells if r == 0 and ch == "@")
        inset = view.content_region.offset - view.region.offset
        await pilot.click(ArticleView, offset=(column + inset.x, inset.y))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        # The click landed on the mention: its entity is selected, nothing else happened.
        assert app.screen.selected_entity == "clicker"
        for segment in segments_of(screen_strips(app)):
            style = segment.style
            if style is None:
                continue
            assert style.link is None
            assert "app.quit" not in str(style.meta.get("@click", ""))


async def test_clicking_a_markup_name_in_the_sidebar_and_title_runs_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_case("markup-entity-fields", monkeypatch)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.screen.select_entity("clicker", mention_index=0, jump=True)
        await pilot.pause()
        lines = assert_screen_inert(app, "clicker selected")
        for number, line in enumerate(lines):
            column = line.find("[@click=app.quit]")
            if column != -1:
                await pilot.click(offset=(column + 1, number))
                await pilot.pause()
                assert app.is_running and app.return_code is None
        # Shown literally in the entity list and as the details title (perhaps cut short).
        assert sum("[@click=app.qu" in line for line in lines) >= 2


# -- highlights stay on their own characters -----------------------------------------

HAZARD_CASES = [
    "ctrl-csi-text",
    "ctrl-osc-text",
    "ctrl-c1-text",
    "ctrl-nul-bel-bs",
    "ctrl-lone-cr",
    "bidi-override-text",
    "zero-width-text",
    "invisible-tags-separators",
    "ctrl-quote-with-hazard",
    "cjk-emoji-wide",
    "hebrew-arabic",
    "grapheme-split-flag",
    "markup-article-text",
]


@pytest.mark.parametrize("name", HAZARD_CASES)
async def test_selected_mentions_are_underlined_on_exactly_their_cells(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_case(name, monkeypatch)
    document = app.document
    display = make_visible(document.text)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        lines = view.line_index
        assert lines is not None
        for entity in document.entities:
            app.screen.select_entity(entity.id, mention_index=0, jump=True)
            await pilot.pause()
            expected = []
            for mention in entity.mentions:
                line = lines.line_of(mention.span.start)
                start = lines.starts[line]
                column = cell_len(display[start : mention.span.start])
                expected.append(
                    (
                        line - view.scroll_offset.y,
                        column,
                        display[mention.span.start : mention.span.end],
                    )
                )
            assert runs(article_cells(app), underlined) == expected, entity.id


async def test_wide_characters_keep_the_mention_colour_on_the_mention(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_case("cjk-emoji-wide", monkeypatch)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        palette = app.screen.query_one(ArticleView).palette
        colour = palette.type_style("PER").color
        cells = article_cells(app)
        coloured = runs(cells, lambda style: style.color == colour)
        # "東京で会議。🎉🎉 " is 17 cells wide: Alice starts on cell 17 of the first row.
        assert coloured == [(0, 17, "Alice")]


# -- NO_COLOR -----------------------------------------------------------------------


async def test_no_color_keeps_the_selection_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = open_case("yaml-crlf", monkeypatch)
    assert app.no_color
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.select_entity("bob", mention_index=1, jump=False)
        await pilot.pause()
        cells = article_cells(app)
        bold_underlined = runs(cells, lambda s: bool(s.bold and s.underline))
        # Each Bob sits further right than in the text: NO_COLOR draws a type tag after
        # each mention where the line has room ("Alice[PER]"), five cells a tag.
        assert bold_underlined == [(0, 15, "Bob"), (0, 44, "Bob")]
        current = runs(cells, lambda s: bool(s.reverse and s.bold))
        assert current == [(0, 44, "Bob")]


# -- terminal sizes -----------------------------------------------------------------

SIZES = [(20, 5), (250, 80), (21, 6), (80, 24), (40, 10), (160, 50), (30, 5), (250, 5), (20, 80)]


@pytest.mark.parametrize("name", ["cjk-emoji-wide", "markup-entity-fields", "many-hazards"])
async def test_any_size_and_rapid_resizes(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_case(name, monkeypatch)
    async with app.run_test(size=(20, 5)) as pilot:
        await pilot.pause()
        assert_screen_inert(app, "20x5")
        for width, height in SIZES * 2:
            await pilot.resize_terminal(width, height)
        await pilot.pause()
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await pilot.press("n", "e", "less_than_sign", "greater_than_sign", "D")
            await pilot.pause()
            assert_screen_inert(app, f"{width}x{height}")
        assert app.is_running


# -- meaning ------------------------------------------------------------------------


async def test_mixed_date_precisions_sort_together_by_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_case("mixed-date-precisions", monkeypatch)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        events = app.screen.query_one(EventList)
        events.action_toggle_order()
        await pilot.pause()
        rows = [events.get_option_at_index(i).prompt.plain for i in range(events.option_count)]
        assert rows == [
            "      2021 Meet year",
            "2021-12-31 Meet old day",
            "  2022-02… Meet range",
            "   2022-03 Meet month",
            "     03-05 Meet day",
            "         ? Meet undated",
        ]


async def test_odd_ids_work_in_every_pane(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_case("id-odd-but-valid", monkeypatch)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.pause()
        app.screen.select_event("9", jump=True)
        await pilot.pause()
        links = app.screen.query_one("#details-links")
        links.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.selected_entity == "1.2"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.mention_index == 1
        assert_screen_inert(app, "odd ids")


# -- no terminal --------------------------------------------------------------------


def test_without_a_terminal_gloss_says_so_and_writes_no_escape_codes() -> None:
    env = {k: v for k, v in os.environ.items() if k != "GLOSS_FORCE_TTY"}
    completed = subprocess.run(
        [str(GLOSS), YAML_NAME],
        cwd=CORPUS / "markup-entity-fields",
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        timeout=30,
    )
    assert completed.returncode == 2
    assert completed.stdout == b""
    assert completed.stderr.decode() == (
        "gloss: the reader needs a terminal (stdin and stdout are not a TTY); "
        "use 'gloss check' or 'gloss export' in scripts\n"
    )
