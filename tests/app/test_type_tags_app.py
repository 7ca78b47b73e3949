"""With NO_COLOR the article shows a dim type tag after each mention where a line has
room; the tag is not text: clicks, search and the document keep the text's offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.corpora import SMALL_TEXT
from tests.support.pilot import reader, reader_filled
from tui.app.reader_app import GlossApp, make_app
from tui.app.render.type_markers import TAG_STYLE

ECBPLUS = Path(__file__).resolve().parents[2] / "examples" / "ecbplus-topic1"
SIZE = (220, 40)
"""Wide enough for every tag of the small article: tags only use room a line leaves."""


def drawn(app: GlossApp, y: int = 0) -> str:
    """The characters of the article's display line ``y`` as drawn."""
    strip = reader(app).article.render_line(y)
    return "".join(segment.text for segment in strip).rstrip()


def first_lines(app: GlossApp, count: int = 4) -> str:
    return "\n".join(drawn(app, y) for y in range(count))


async def test_no_color_tags_each_mention_with_its_type(
    small_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(app)
        lines = first_lines(app)
        assert "Alice[PER] met Bob[PER] in Paris[GPE]." in lines, lines
        assert "Acme Corp[ORG]" in lines and "Carol[PER]" in lines, lines
        # Tags are drawn, not written: the document and its offsets are the text's.
        document = app.document
        assert document is not None and document.text == SMALL_TEXT
        first = drawn(app)
        bob = first.index("Bob")
        assert screen.article.offset_at(bob, 0) == SMALL_TEXT.index("Bob")
        assert screen.article.offset_at(first.index("[PER]"), 0) == SMALL_TEXT.index("Alice") + 4
        # The tag is dim and carries no mention cue.
        strip = screen.article.render_line(0)
        tag_styles = [s.style for s in strip if s.text.startswith("[PER]") and s.style]
        assert tag_styles and all(s.dim and not s.underline for s in tag_styles)
        assert TAG_STYLE.dim


async def test_no_color_tags_follow_the_type_filter_and_plain_reading(
    small_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(app)
        # Rows: All, PER, ORG, GPE. Untick everything, tick GPE, apply.
        await pilot.press("t", "space", "down", "down", "down", "space", "enter")
        await pilot.pause()
        assert screen.shown_types == frozenset({"GPE"})
        lines = first_lines(app)
        assert "Paris[GPE]" in lines and "[PER]" not in lines and "[ORG]" not in lines, lines
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert screen.article.highlight.plain
        assert "[" not in first_lines(app)


async def test_with_colour_there_are_no_tags(small_app: GlossApp) -> None:
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        assert not small_app.no_color
        lines = first_lines(small_app)
        assert "Alice met Bob in Paris." in lines and "[" not in lines, lines


async def test_search_finds_text_not_tags(
    small_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(app)
        await pilot.press("slash", *"Bob in", "enter")
        await pilot.pause()
        match = screen.article.highlight.search_match
        assert match is not None and SMALL_TEXT[match.start : match.end] == "Bob in"


async def test_no_color_legend_names_a_tag_that_is_not_its_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ECB+ types are long (``HUMAN_PART_PER``): the text says ``[PER]``, the legend
    says which type that is."""
    monkeypatch.setenv("NO_COLOR", "1")
    article = sorted(ECBPLUS.glob("*.yaml"))[0]
    app = make_app(str(article))
    async with app.run_test(size=(160, 50)) as pilot:
        await reader_filled(pilot)
        legend = str(reader(app).query_one("#legend").render())
        assert "HUMAN_PART_PER [PER]" in legend, legend
        drawn_text = "\n".join(drawn(app, y) for y in range(30))
        assert "[PER]" in drawn_text, drawn_text


async def test_with_colour_the_tags_are_never_planned(
    small_app: GlossApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tags cost nothing with colour on: the article never asks for them."""

    def refuse(*_args: object) -> list[object]:
        raise AssertionError("type tags planned with colour on")

    monkeypatch.setattr("tui.app.widgets.article_view.line_markers", refuse)
    async with small_app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        screen = reader(small_app)
        await pilot.press("n", "bracketright", "e")
        await pilot.pause()
        assert "Alice met Bob" in first_lines(small_app)
        assert screen.article.offset_at(0, 0) == 0


def test_tags_at_one_place_and_at_the_line_end_are_all_drawn() -> None:
    from rich.text import Text

    from tui.app.render.type_markers import with_markers
    from tui.core.reading.type_tags import Marker

    markers = [Marker(3, "[A]"), Marker(3, "[B]"), Marker(7, "[C]")]
    assert with_markers(Text("abc def"), 0, markers).plain == "abc[A][B] def[C]"
    assert with_markers(Text("def"), 4, [Marker(7, "[C]")]).plain == "def[C]"
