"""The HTML page uses the reader's colours, order of types and counting of events."""

from __future__ import annotations

from textual.app import App

from tui.app.render.highlight import type_colours
from tui.app.widgets.event_list import happenings
from tui.cli.main import bundled_article
from tui.core.formats.html import PALETTE, READER_TYPE_COLOURS, render
from tui.core.loading.loader import load


async def test_the_page_colours_types_as_the_reader_does() -> None:
    app: App[None] = App()
    async with app.run_test():
        reader_colours = type_colours(app.theme_variables, len(READER_TYPE_COLOURS))
    assert [c.upper() for c in reader_colours] == list(READER_TYPE_COLOURS)


def test_types_in_the_reader_order_events_counted_as_rows() -> None:
    document = load(str(bundled_article())).document
    assert document is not None
    page = render(document)
    first_type = document.entity_types_in_use[0]
    assert f"mark.t0, .legend .t0, .type.t0 {{ background: {PALETTE[0]}; }}" in page
    assert f'class="type t0">{first_type}<' in page
    rows = len(happenings(document))
    assert rows < len(document.events)  # the bundled article tells some events twice
    assert f"<h2>Events ({rows})</h2>" in page
    assert "wavy" not in page
