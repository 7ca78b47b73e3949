"""The diff screen: ``]`` / ``[`` between disagreements, the side panel, folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.style import Style
from textual.widgets import DataTable, OptionList, Static

from tui.app.screens.diff import DiffApp, DiffScreen, FolderScreen, make_diff_app
from tui.app.widgets.diff_view import DiffArticleView, kind_style
from tui.core.compare.align import Kind

DATA = Path(__file__).parent.parent / "compare" / "data"
A = str(DATA / "a.yaml")
B = str(DATA / "b.yaml")


def diff_screen(app: DiffApp) -> DiffScreen:
    screen = app.screen
    assert isinstance(screen, DiffScreen)
    return screen


async def test_brackets_step_through_the_disagreements() -> None:
    app = make_diff_app(A, B)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = diff_screen(app)
        article = screen.query_one(DiffArticleView)
        assert screen.current is None
        await pilot.press("right_square_bracket")
        first = screen.disagreements[0]
        assert screen.current == 0
        assert article.highlight.current_mention == first.span
        assert screen.query_one("#diff-list", OptionList).highlighted == 0
        assert str(screen.query_one("#diff-panel").border_subtitle) == "1 of 16"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.current == 2
        await pilot.press("left_square_bracket")
        assert screen.current == 1
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.current == 15  # wrapped round to the last


async def test_the_article_follows_the_current_disagreement() -> None:
    app = make_diff_app(A, B)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        screen = diff_screen(app)
        article = screen.query_one(DiffArticleView)
        relation = screen.disagreements.index(
            next(f for f in screen.disagreements if "counterpart-of" in f.message)
        )
        screen.current = relation
        await pilot.pause()
        span = screen.disagreements[relation].span
        assert span is not None
        assert article.span_is_visible(span)
        assert article.scroll_offset.y > 0


async def test_the_panel_lists_the_disagreements_and_counts_them() -> None:
    app = make_diff_app(A, B)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = diff_screen(app)
        options = screen.query_one("#diff-list", OptionList)
        assert options.option_count == 16
        assert str(options.get_option_at_index(0).prompt).startswith("~ other date: event")
        counts = str(screen.query_one("#diff-counts", Static).render())
        assert "− only in A" in counts and "5" in counts
        assert str(screen.query_one("#diff-panel").border_title) == "16 differences"
        # Choosing a row in the list makes it current and gives the article the focus.
        await pilot.press("tab", "down", "down", "enter")
        assert screen.current == 2
        assert screen.query_one(DiffArticleView).has_focus


async def test_agreeing_files_have_nothing_to_step_through() -> None:
    app = make_diff_app(A, str(DATA / "renamed.yaml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = diff_screen(app)
        await pilot.press("right_square_bracket")
        assert screen.current is None
        assert any("agree" in str(n.message) for n in app._notifications)
        await pilot.press("q")
    assert app.return_code == 0


async def test_quitting_returns_one_when_the_files_differ() -> None:
    app = make_diff_app(A, B)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q")
    assert app.return_code == 1


async def test_folders_open_any_pair_and_come_back(tmp_path: Path) -> None:
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        shutil.copy(DATA / "article.txt", tmp_path / name / "article.txt")
        shutil.copy(DATA / "other.txt", tmp_path / name / "other.txt")
        shutil.copy(DATA / "other.yaml", tmp_path / name / "markets.yaml")
    shutil.copy(DATA / "a.yaml", tmp_path / "first" / "one.yaml")
    shutil.copy(DATA / "b.yaml", tmp_path / "second" / "one.yaml")
    app = make_diff_app(str(tmp_path / "first"), str(tmp_path / "second"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FolderScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3  # two pairs and the totals
        await pilot.press("down", "enter")
        screen = diff_screen(app)
        assert screen.comparison.a.path.endswith("one.yaml")
        await pilot.press("right_square_bracket")
        assert screen.current == 0
        await pilot.press("escape")
        assert isinstance(app.screen, FolderScreen)


@pytest.mark.parametrize(
    "kind", [Kind.BOTH, Kind.ONLY_A, Kind.ONLY_B, Kind.TYPE, Kind.BOUNDARY, Kind.DATE]
)
def test_kinds_differ_without_colour(kind: Kind) -> None:
    """With NO_COLOR only attributes are left; each kind in the legend has its own."""
    shown = [Kind.BOTH, Kind.ONLY_A, Kind.ONLY_B, Kind.TYPE, Kind.BOUNDARY, Kind.DATE]
    style = kind_style(kind)
    assert style != Style()
    assert style.color is None
    others = [kind_style(other) for other in shown if other is not kind]
    assert style not in others
