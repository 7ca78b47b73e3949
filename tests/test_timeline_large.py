"""The timeline on a generated book-like document (200 KB here): ordered, and drawn one
visible row at a time."""

from __future__ import annotations

import pytest

from benchmarks.generate import generate
from tests.support.pilot import reader_filled
from tui.app.reader_app import GlossApp
from tui.app.screens.timeline import TimelineScreen
from tui.app.widgets.timeline_view import TimelineView
from tui.core.document.model import Document
from tui.core.loading.loader import load
from tui.core.timeline.happenings import by_date, happenings_in_text_order, interval_key


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    generated = generate(tmp_path_factory.mktemp("large"), 200 * 1024, seed=7)
    result = load(str(generated.yaml_path))
    assert result.document is not None
    return result.document


def test_every_happening_once_in_date_order(document: Document) -> None:
    ordered = by_date(happenings_in_text_order(document))
    told = [telling.id for h in ordered for telling in h.tellings]
    assert sorted(told) == sorted(event.id for event in document.events)
    dated = [h for h in ordered if h.date is not None]
    keys = [(*interval_key(h.date), h.text_order) for h in dated if h.date]
    assert keys == sorted(keys)
    annotated = [h for h in dated if h.dated_by and h.dated_by.date and h.dated_by.date.text]
    assert annotated and all(h.words_source == "annotated" for h in annotated)


async def test_only_visible_rows_are_drawn(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[int] = []
    original = TimelineView._row_text

    def counting(self: TimelineView, number: int) -> object:
        drawn.append(number)
        return original(self, number)

    monkeypatch.setattr(TimelineView, "_row_text", counting)
    app = GlossApp(document)
    async with app.run_test(size=(100, 30)) as pilot:
        await reader_filled(pilot)
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        assert len(screen.view.rows) > 200
        assert drawn and max(drawn) < 30
        drawn.clear()
        await pilot.press("j")
        await pilot.pause()
        assert len(set(drawn)) <= 2  # the row left and the row entered
        drawn.clear()
        await pilot.press("G")
        await pilot.pause()
        assert min(drawn) > len(screen.view.rows) - 40
