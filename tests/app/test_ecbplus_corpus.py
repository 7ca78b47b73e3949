"""An analyst's tasks on an ECB+ topic (examples/ecbplus-topic1, CC BY 3.0, Cybulska and
Vossen, LREC 2014; see its SOURCE.md): search, counts, types, tellings, going back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.support.pilot import library_indexed, reader_filled, wait_until, workers_done
from tui.app.library_app import make_library_app
from tui.app.screens.corpus_reader import CorpusReaderScreen
from tui.app.screens.corpus_timeline import CorpusReaderScreen as TimelineReaderScreen
from tui.app.screens.corpus_timeline import CorpusTimelineScreen
from tui.app.screens.entity_index import EntityIndexScreen, EntityMentionsScreen
from tui.app.screens.library import LibraryScreen
from tui.app.screens.search import SearchScreen
from tui.app.screens.tellings import TellingCard, TellingsScreen, card_text
from tui.app.timeline_app import CorpusTimelineApp
from tui.core.timeline.table import load_target

ROOT = Path(__file__).resolve().parents[2]
TOPIC = ROOT / "examples" / "ecbplus-topic1"


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


async def searched(pilot: object, query: str) -> SearchScreen:
    """The search screen after ``query`` ran (opened from the library with ``/``)."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    screen = pilot.app.screen
    if not isinstance(screen, SearchScreen):
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, SearchScreen), "search")
    search = pilot.app.screen
    assert isinstance(search, SearchScreen)
    search.result = None
    box = search.query_one("#query")
    box.value = query  # type: ignore[attr-defined]
    box.focus()
    await pilot.press("enter")
    await wait_until(pilot, lambda: search.result is not None, f"the hits of {query}")
    await pilot.pause()
    return search


async def test_type_and_event_filters_explain_themselves() -> None:
    app = make_library_app([str(TOPIC)])
    async with app.run_test(size=(160, 50)) as pilot:
        await library_indexed(pilot)
        search = await searched(pilot, "type:HUMAN_PART reid")
        assert search.result is not None and search.result.hits
        assert {hit.match.lower() for hit in search.result.hits} == {"reid"}
        search = await searched(pilot, "type:per reid")
        assert search.result is not None and search.result.hits
        search = await searched(pilot, "type:HUMAN_PAT reid")
        assert search.result is not None and not search.result.hits
        message = str(search.query_one("#query-message").render())
        assert "no entity type 'HUMAN_PAT'; entity types here: HUMAN_PART_" in message
        assert search.hit_list.empty != "Type a query and press enter."
        search = await searched(pilot, "event:rehab")
        assert search.result is not None and search.result.hits
        assert all("rehab" in hit.match.lower() for hit in search.result.hits)
        assert "no event type 'rehab'" in str(search.query_one("#query-message").render())
        search = await searched(pilot, "event:action_reporting")
        assert search.result is not None and search.result.hits
        assert not search.result.notes


REID_LINK = "@ecbplus:HUM16236184328979740"
"""Tara Reid's link in topic 1: in one article she is the local entity "girl"."""


async def entity_mentions(pilot: Pilot[None], name: str) -> EntityMentionsScreen:
    """The entity index's mentions of the corpus entity called ``name``."""
    await pilot.press("i")
    await workers_done(pilot)
    index = pilot.app.screen
    assert isinstance(index, EntityIndexScreen)
    await pilot.press("f", *name, "enter")
    await workers_done(pilot)
    assert index.entities[0].name == name
    await pilot.press("enter")
    await workers_done(pilot)
    mentions = pilot.app.screen
    assert isinstance(mentions, EntityMentionsScreen)
    return mentions


async def test_entity_counts_say_what_they_count_and_a_link_reaches_the_corpus_entity() -> None:
    app = make_library_app([str(TOPIC)])
    async with app.run_test(size=(160, 50)) as pilot:
        await library_indexed(pilot)
        mentions = await entity_mentions(pilot, "Tara Reid")
        assert (mentions.entity.mentions, mentions.entity.documents) == (76, 18)
        header = str(mentions.query_one("#mentions-header").render())
        assert "76 mentions in 18 documents" in header
        assert "whatever it is called there" in header
        assert f"search: entity:{REID_LINK}" in header
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        search = await searched(pilot, 'entity:"Tara Reid"')
        assert search.result is not None
        assert (len(search.result.hits), search.result.documents) == (73, 17)
        message = str(search.query_one("#query-message").render())
        assert "73 hits in 17 documents" in message
        assert "name, alias or id in each article" in message
        search = await searched(pilot, f"entity:{REID_LINK}")
        assert (len(search.result.hits), search.result.documents) == (76, 18)
        assert "girl" in {hit.match for hit in search.result.hits}


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_type_names_stay_apart_at_every_width(size: tuple[int, int]) -> None:
    app = make_library_app([str(TOPIC)])
    async with app.run_test(size=size) as pilot:
        library = await library_indexed(pilot)
        assert library.type_shorts["HUMAN_PART_PER"] == "PER"
        assert library.type_shorts["HUMAN_PART_ORG"] == "ORG"
        assert library.type_shorts["NON_HUMAN_PART"] == "NON_HUMAN_PART"
        await pilot.press("i")
        await workers_done(pilot)
        index = app.screen
        assert isinstance(index, EntityIndexScreen)
        shown = index.type_names
        assert len(set(shown.values())) == len(shown)  # no two types look the same
        if size[0] >= 120:
            assert shown == {name: name for name in shown}  # room for every name whole
        else:
            assert (shown["HUMAN_PART_PER"], shown["HUMAN_PART_ORG"]) == ("PER", "ORG")
        first = index.entity_list.render_line(1).text
        assert first.startswith(shown[index.entities[0].type] + " ")


async def event_tellings(pilot: Pilot[None], name: str) -> TellingsScreen:
    """The tellings of the corpus event called ``name`` (the entity index, in events)."""
    await pilot.press("i")
    await workers_done(pilot)
    index = pilot.app.screen
    assert isinstance(index, EntityIndexScreen)
    await pilot.press("v")
    await workers_done(pilot)
    await pilot.press("f", *name, "enter")
    await workers_done(pilot)
    assert index.entities[0].name == name
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, TellingsScreen), "tellings")
    tellings = pilot.app.screen
    assert isinstance(tellings, TellingsScreen)
    return tellings


CHECKING_IN = "checking in promises"
"""Topic 1's corpus event told most: 39 events in 18 articles."""


@pytest.mark.parametrize(("size", "columns"), [((80, 24), 1), ((120, 30), 2), ((160, 50), 3)])
async def test_tellings_by_article_side_by_side(size: tuple[int, int], columns: int) -> None:
    app = make_library_app([str(TOPIC)])
    async with app.run_test(size=size) as pilot:
        await library_indexed(pilot)
        tellings = await event_tellings(pilot, CHECKING_IN)
        event = tellings.event
        # The header counts what the index row counts: mentions in articles.
        assert (event.mentions, event.documents) == (39, 18)
        assert (len(tellings.told), len(tellings.articles)) == (39, 18)
        header = str(tellings.query_one("#tellings-header").render())
        assert "39 mentions in 18 articles" in header
        assert "article 1 of 18" in header
        shown = [card for card in tellings.cards if card.display]
        assert len(shown) == columns
        assert all(card.region.width >= 40 for card in shown)
        assert [card.number for card in shown] == list(range(columns))
        # right goes to the next article's card (help's "Next telling"), left back.
        await pilot.press("right")
        await wait_until(pilot, lambda: tellings.current == 1, "the second telling")
        assert "article 2 of 18" in str(tellings.query_one("#tellings-header").render())
        assert isinstance(app.focused, TellingCard) and app.focused.number == 1
        for _ in range(columns):
            await pilot.press("right")
        await wait_until(pilot, lambda: tellings.current == columns + 1, "further along")
        shown = [card.number for card in tellings.cards if card.display]
        assert columns + 1 in shown and len(shown) == columns
        await pilot.press("left", "left")
        await wait_until(pilot, lambda: tellings.current == columns - 1, "back")
        for _ in range(columns):  # round the start, to the last article
            await pilot.press("left")
        await wait_until(pilot, lambda: tellings.current == 17, "the last telling")
        assert "article 18 of 18" in str(tellings.query_one("#tellings-header").render())


async def test_a_telling_read_and_back_to_its_card() -> None:
    app = make_library_app([str(TOPIC)])
    async with app.run_test(size=(160, 50)) as pilot:
        await library_indexed(pilot)
        tellings = await event_tellings(pilot, CHECKING_IN)
        # One card per article, its passages with every trigger marked.
        first = tellings.articles[0]
        assert first.mentions == len(first.tellings) >= 1
        text = card_text(first)
        marked = {text.plain[s.start : s.end] for s in text.spans if s.style == "bold reverse"}
        documents = {t.path: t for t in first.tellings}
        assert marked == {
            " ".join(t.passage[t.trigger_start - t.start : t.trigger_end - t.start].split())
            for t in first.tellings
        }
        assert len(documents) == 1
        await pilot.press("right", "right", "enter")
        reader = await reader_filled(pilot)
        assert isinstance(reader, CorpusReaderScreen)
        article = tellings.articles[2]
        assert reader.path == article.path
        assert reader.trail is not None
        assert (reader.trail.hit.start, reader.trail.hit.end) == (
            article.tellings[0].trigger_start,
            article.tellings[0].trigger_end,
        )
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: app.screen is tellings, "back to the tellings")
        assert tellings.current == 2
        assert isinstance(app.focused, TellingCard) and app.focused.number == 2


async def test_going_back_from_a_mention_lands_where_it_was_left() -> None:
    app = make_library_app([str(TOPIC)])
    async with app.run_test(size=(160, 50)) as pilot:
        await library_indexed(pilot)
        mentions = await entity_mentions(pilot, "Tara Reid")
        rows = mentions.mention_list.rows
        # A mention of the third article listed: its heading is row 0 of that article.
        headings = [number for number, row in enumerate(rows) if row.heading]
        left = headings[2] + 2
        mentions.mention_list.move_to(left)
        await pilot.press("enter")
        reader = await reader_filled(pilot)
        assert isinstance(reader, CorpusReaderScreen)
        assert reader.path == rows[left].hit.path
        # ctrl+o: the reader made no jump of its own, so back to the list, on the row left.
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: app.screen is mentions, "the mentions list")
        assert mentions.mention_list.cursor == left
        # A jump in the reader is undone first, then the list.
        await pilot.press("enter")
        reader = await reader_filled(pilot)
        assert isinstance(reader, CorpusReaderScreen)
        await pilot.press("n")  # the next mention of the list: the row below
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, CorpusReaderScreen)
                and app.screen.trail is not None
                and app.screen.trail.position == rows[left].position + 1
            ),
            "the next hit",
        )
        await reader_filled(pilot)
        await pilot.press("ctrl+o")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, CorpusReaderScreen)
                and app.screen.trail is not None
                and app.screen.trail.position == rows[left].position
            ),
            "the hit jumped from",
        )
        await reader_filled(pilot)
        # i: the list again (not a new one), on the row of the mention being read.
        depth = len(app.screen_stack)
        await pilot.press("i")
        await wait_until(pilot, lambda: app.screen is mentions, "the same list")
        assert len(app.screen_stack) == depth - 1
        assert mentions.mention_list.cursor == left
        # escape: the entity index, on Tara Reid's row (not at the top).
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, EntityIndexScreen), "the index")
        index = app.screen
        assert isinstance(index, EntityIndexScreen)
        assert index.entities[index.entity_list.cursor].name == "Tara Reid"


async def test_i_from_the_library_opens_the_list_on_the_mention_read() -> None:
    app = make_library_app([str(TOPIC)])
    async with app.run_test(size=(160, 50)) as pilot:
        library = await library_indexed(pilot)
        path = next(row.path for row in library.row_list.rows if row.doc_id == "1_11ecb")
        library.open_article(path)
        reader = await reader_filled(pilot)
        entity = next(e for e in reader.document.entities if e.name == "Tara Reid")
        reader.select_entity(entity.id, mention_index=1, jump=True)
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, EntityMentionsScreen), "mentions")
        mentions = app.screen
        assert isinstance(mentions, EntityMentionsScreen)
        await workers_done(pilot)
        row = mentions.mention_list.current
        assert row is not None and not row.heading
        assert (row.hit.path, row.hit.start) == (path, entity.mentions[1].span.start)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, EntityIndexScreen), "the index")
        index = app.screen
        assert isinstance(index, EntityIndexScreen)
        await workers_done(pilot)
        assert index.entities[index.entity_list.cursor].name == "Tara Reid"
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is reader, "the reader it was opened from")


async def test_escape_in_a_timelines_reader_returns_to_the_timeline() -> None:
    target = load_target(str(TOPIC))
    app = CorpusTimelineApp(target.loaded)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_until(
            pilot, lambda: isinstance(app.screen, CorpusTimelineScreen), "the timeline"
        )
        timeline = app.screen
        assert isinstance(timeline, CorpusTimelineScreen)
        await pilot.press("j", "j", "enter")
        reader = await reader_filled(pilot)
        assert isinstance(reader, TimelineReaderScreen)
        await wait_until(pilot, lambda: reader.selected_event is not None, "the event shown")
        # A search open is cleared first; then escape goes back, the cursor as it was.
        cursor = timeline.view.cursor
        await pilot.press("slash", "R", "e", "i", "d", "enter")
        await pilot.press("escape")
        await wait_until(
            pilot, lambda: not reader.query_one("#search").display, "the search cleared"
        )
        assert app.screen is reader
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is timeline, "the timeline")
        assert timeline.view.cursor == cursor


async def test_n_steps_hits_and_says_which_after_every_jump(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_library_app([str(TOPIC)])
    said: list[str] = []
    notify = app.notify

    def record(message: str, **kwargs: object) -> None:
        said.append(message)
        notify(message, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", record)
    async with app.run_test(size=(160, 50)) as pilot:
        await library_indexed(pilot)
        search = await searched(pilot, "Lohan")
        assert search.result is not None
        hits = search.result.hits
        total = len(hits)
        assert total > 12 and len({hit.path for hit in hits}) > 3
        await pilot.press("enter")
        reader = await reader_filled(pilot)
        await wait_until(pilot, lambda: f"Hit 1 of {total}" in said, "the first notice")
        # The footer says what n does here.
        footer = {key: active.binding.description for key, active in app.active_bindings.items()}
        assert footer["n"] == "Next hit"
        for step in range(2, 13):
            await pilot.press("n")
            notice = f"Hit {step} of {total}"
            await wait_until(pilot, lambda notice=notice: notice in said, notice)
            reader = await reader_filled(pilot)
            assert isinstance(reader, CorpusReaderScreen)
            assert reader.trail is not None and reader.trail.position == step - 1
            assert reader.path == hits[step - 1].path
        await pilot.press("N")
        await wait_until(pilot, lambda: said[-1] == f"Hit 11 of {total}", "back to hit 11")
        # Without hits, n steps the selected entity's mentions, and the footer says so.
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        await pilot.press("enter")
        reader = await reader_filled(pilot)
        footer = {key: active.binding.description for key, active in app.active_bindings.items()}
        assert footer["n"] == "Next mention"
