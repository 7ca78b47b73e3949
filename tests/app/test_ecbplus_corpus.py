"""An analyst's tasks on an ECB+ topic (examples/ecbplus-topic1, CC BY 3.0, Cybulska and
Vossen, LREC 2014; see its SOURCE.md): search, counts, types, tellings, going back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.support.pilot import library_indexed, wait_until, workers_done
from tui.app.library_app import make_library_app
from tui.app.screens.entity_index import EntityIndexScreen, EntityMentionsScreen
from tui.app.screens.library import LibraryScreen
from tui.app.screens.search import SearchScreen

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
