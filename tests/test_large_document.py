"""A generated book-like document (200 KB here, to stay fast) loads exactly and reads well."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import Generated, generate
from tests.support.pilot import reader_filled
from tui.core.document.model import Document
from tui.core.loading.loader import load


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("large"), 200 * 1024, seed=7)


@pytest.fixture(scope="module")
def document(generated: Generated) -> Document:
    result = load(str(generated.yaml_path))
    assert result.diagnostics == ()
    assert result.document is not None
    return result.document


def test_generation_is_deterministic(generated: Generated, tmp_path: Path) -> None:
    again = generate(tmp_path, 200 * 1024, seed=7)
    assert again.text_path.read_bytes() == generated.text_path.read_bytes()
    assert again.yaml_path.read_bytes() == generated.yaml_path.read_bytes()


def test_uses_every_selector_form_and_type(generated: Generated, document: Document) -> None:
    source = generated.yaml_path.read_text(encoding="utf-8")
    for form in ("all: true", "occurrence:", "prefix:", "suffix:", "start:", '      - "'):
        assert form in source
    assert {entity.type for entity in document.entities} == {
        "PER",
        "ORG",
        "GPE",
        "LOC",
        "FAC",
        "WEA",
        "VEH",
        "MONEY",
    }
    assert any(event.same_as for event in document.events)
    assert document.relations
    assert max(len(line) for line in generated.text.split("\n")) > 20_000


def test_every_mention_is_where_it_was_written(generated: Generated, document: Document) -> None:
    assert len(document.mentions) == generated.mention_count
    for entity in document.entities:
        spans = [(m.span.start, m.span.end) for m in entity.mentions]
        assert spans == generated.expected_mentions[entity.id]
        for mention in entity.mentions:
            quote = document.text[mention.span.start : mention.span.end]
            assert quote in (entity.name, *entity.aliases)
    for event in document.events:
        assert (event.trigger.start, event.trigger.end) == generated.event_triggers[event.id]
        assert event.passage.contains(event.trigger)


def test_nested_mentions_exist(document: Document) -> None:
    """A country's name inside an organisation's name is a mention of both."""
    organisations = {e.id for e in document.entities if e.type == "ORG"}
    nested = [
        inner
        for inner in document.mentions
        if document.entity_by_id[inner.entity_id].type == "GPE"
        and any(
            outer.entity_id in organisations
            for outer in document.mentions_at(inner.span.start)
            if outer.span != inner.span and outer.span.contains(inner.span)
        )
    ]
    assert nested


async def test_next_mention_reaches_the_last_mention(document: Document) -> None:
    from tui.app.reader_app import GlossApp
    from tui.app.screens.reader import ReaderScreen

    busiest = max(document.entities, key=lambda entity: len(entity.mentions))
    count = len(busiest.mentions)
    assert count >= 30
    app = GlossApp(document)
    async with app.run_test(size=(120, 40)) as pilot:
        await reader_filled(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen.select_entity(busiest.id, mention_index=None, jump=False)
        await pilot.pause()
        await pilot.press("N")  # backwards from nothing: the last mention
        await pilot.pause()
        last = busiest.mentions[-1]
        assert screen.current_mention == last
        assert screen.article.highlight.current_mention == last.span
        lines = screen.article.line_index
        assert lines is not None
        top = screen.article.scroll_offset.y
        assert top <= lines.line_of(last.span.start) < top + screen.article.size.height
        for index in range(5):  # forwards wraps to the first mention and goes on
            await pilot.press("n")
            await pilot.pause()
            assert screen.current_mention == busiest.mentions[index]
            assert screen.article.highlight.current_mention == busiest.mentions[index].span


async def test_walking_all_mentions_of_an_entity(document: Document) -> None:
    from tui.app.reader_app import GlossApp
    from tui.app.screens.reader import ReaderScreen

    ranked = sorted(document.entities, key=lambda entity: len(entity.mentions))
    entity = next(e for e in ranked if len(e.mentions) >= 12)
    app = GlossApp(document)
    async with app.run_test(size=(120, 40)) as pilot:
        await reader_filled(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen.select_entity(entity.id, mention_index=None, jump=False)
        await pilot.pause()
        for mention in entity.mentions:
            await pilot.press("n")
            await pilot.pause()
            assert screen.current_mention == mention
            span = screen.article.highlight.current_mention
            assert span == mention.span
            assert document.text[span.start : span.end] in (entity.name, *entity.aliases)


async def test_events_step_through_passages(document: Document) -> None:
    from tui.app.reader_app import GlossApp
    from tui.app.screens.reader import ReaderScreen

    app = GlossApp(document)
    async with app.run_test(size=(120, 40)) as pilot:
        await reader_filled(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        for _ in range(3):
            await pilot.press("e")
            await pilot.pause()
        event = document.event_by_id[screen.selected_event or ""]
        assert screen.article.highlight.passage == event.passage
        assert screen.article.highlight.trigger == event.trigger
        await pilot.press("E")
        await pilot.pause()
        assert screen.selected_event != event.id
