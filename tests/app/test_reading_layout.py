"""Focus follows what is visible, and showing a pane shrinks the article instead of pushing it."""

from __future__ import annotations

from tests.support.pilot import reader, reader_filled
from tui.app.reader_app import GlossApp
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.details import Details
from tui.app.widgets.entity_list import EntityList


async def test_the_article_has_focus_first_and_j_scrolls_it(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(120, 36)) as pilot:
        await reader_filled(pilot)
        screen = reader(bundled_app)
        assert isinstance(bundled_app.focused, ArticleView)
        await pilot.press("j", "j", "space")
        await pilot.pause()
        assert screen.selected_entity is None
        assert screen.article.scroll_offset.y > 2


async def test_a_hidden_sidebar_never_keeps_focus(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(120, 36)) as pilot:
        await reader_filled(pilot)
        screen = reader(bundled_app)
        screen.entity_list.focus()
        await pilot.pause()
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert not screen.show_entities
        assert isinstance(bundled_app.focused, ArticleView)
        await pilot.press("j")
        assert screen.selected_entity is None


async def test_narrow_terminal_starts_in_the_article(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(60, 20)) as pilot:
        await reader_filled(pilot)
        assert isinstance(bundled_app.focused, ArticleView)
        await pilot.press("tab")
        focused = bundled_app.focused
        assert focused is not None and focused.display
        assert not isinstance(focused, EntityList)


async def _assert_article_fits(app: GlossApp) -> None:
    screen = reader(app)
    pane = screen.query_one("#article-pane")
    assert pane.region.right <= app.size.width, (pane.region, app.size)
    for pane_id in ("#entity-pane", "#event-pane"):
        side = screen.query_one(pane_id)
        if side.display:
            assert side.region.right <= app.size.width, (pane_id, side.region)


async def test_showing_a_pane_shrinks_the_article_at_60_columns(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(60, 20)) as pilot:
        await reader_filled(pilot)
        await pilot.press("less_than_sign")
        await pilot.pause()
        await _assert_article_fits(bundled_app)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        await _assert_article_fits(bundled_app)


async def test_showing_events_at_80_columns_keeps_them_on_screen(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(80, 24)) as pilot:
        await reader_filled(pilot)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        await _assert_article_fits(bundled_app)


async def test_pane_toggles_keep_the_top_line(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(120, 36)) as pilot:
        await reader_filled(pilot)
        screen = reader(bundled_app)
        for _ in range(7):
            await pilot.press("j")
        await pilot.press("j", "j", "j")
        await pilot.pause()
        before = screen.article.top_offset()
        for key in ("less_than_sign", "greater_than_sign", "D", "less_than_sign", "D"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert screen.article.top_offset() == before


async def test_an_empty_details_panel_is_small(bundled_app: GlossApp) -> None:
    async with bundled_app.run_test(size=(60, 20)) as pilot:
        await reader_filled(pilot)
        screen = reader(bundled_app)
        details = screen.query_one(Details)
        if not details.display:
            await pilot.press("D")
            await pilot.pause()
        assert details.region.height <= 3
        await pilot.press("bracketright" if False else "right_square_bracket")
        await pilot.pause()
        assert details.region.height > 3


async def test_long_names_are_cut_with_an_ellipsis_and_stay_distinct(
    bundled_app: GlossApp,
) -> None:
    async with bundled_app.run_test(size=(80, 24)) as pilot:
        await reader_filled(pilot)
        screen = reader(bundled_app)
        entity_list = screen.entity_list
        width = entity_list.scrollable_content_region.width
        names = {
            node.data: str(node.label)
            for node in entity_list.leaf_nodes
            if node.data is not None
            and bundled_app.document.entity_by_id[node.data].name.startswith("Head of the Moroccan")
        }
        long = list(names.values())
        assert len(long) == 2
        assert all("…" in label for label in long)
        assert long[0] != long[1]
        for node in entity_list.leaf_nodes:
            assert node.label.cell_len + 2 * 2 <= width


async def test_type_headings_are_cut_with_an_ellipsis_and_keep_their_count(
    bundled_app: GlossApp,
) -> None:
    """A heading too long for a narrow sidebar cuts its label ("Organis…"), never its
    code or count; the legend under the article ends in "…" when types do not fit."""
    async with bundled_app.run_test(size=(60, 20)) as pilot:
        await reader_filled(pilot)
        await pilot.press("less_than_sign")
        await pilot.pause()
        screen = reader(bundled_app)
        entity_list = screen.entity_list
        width = entity_list.scrollable_content_region.width
        headings = [str(node.label) for node in entity_list.root.children]
        assert headings and all(label.split()[-1].isdigit() for label in headings)
        assert any("…" in label for label in headings)
        for node in entity_list.root.children:
            assert node.label.cell_len + 2 <= width
        legend = screen.query_one("#legend").render_line(0).text
        assert legend.rstrip().endswith("…")
