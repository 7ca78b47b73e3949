"""The library: rows as they arrive, filter, sort, reading, stepping, search and hits."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.helpers import write_doc
from tests.support.corpora import make_corpus, write_dated_folders
from tests.support.pilot import library_indexed, reader_filled, wait_until
from tui.app.library_app import make_library_app
from tui.app.screens.corpus_reader import CorpusReaderScreen
from tui.app.screens.folder_picker import FolderPickerScreen
from tui.app.screens.library import LibraryScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.screens.search import SearchScreen
from tui.app.screens.statistics import StatisticsScreen


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


async def test_rows_arrive_and_errors_are_listed(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        library = await library_indexed(pilot)
        rows = library.row_list.rows
        assert len(rows) == 14
        broken = next(row for row in rows if row.kind == "broken")
        assert broken.errors == 1
        assert library.report is not None and library.report.skipped == 1  # README.md
        # sorted by date: undated (the broken file) last
        assert rows[-1] is broken


async def test_reopen_shows_rows_before_indexing(corpus: Path) -> None:
    first = make_library_app([str(corpus)])
    async with first.run_test() as pilot:
        await library_indexed(pilot)
    again = make_library_app([str(corpus)])
    assert len(again.library.all_rows) == 14  # from the index, before any file is read


async def test_filter_as_you_type_and_sort(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        library = await library_indexed(pilot)
        await pilot.press("f", *"report 1")
        titles = [row.title for row in library.row_list.rows]
        assert titles and all("report 1" in t.lower() for t in titles)
        await pilot.press("escape", "escape")
        assert len(library.row_list.rows) == 14
        await pilot.press("s")
        assert library.sort == "title"
        titles = [row.title.lower() for row in library.row_list.rows]
        assert titles == sorted(titles)
        await pilot.press("s", "s", "s")
        assert library.sort == "events"
        events = [row.events for row in library.row_list.rows]
        assert events == sorted(events, reverse=True)


async def test_a_folder_filter_keeps_that_folder_and_the_folder_order_groups_them(
    tmp_path: Path,
) -> None:
    """Imported corpora keep their folders (``1/``, ``11/``): ``1/`` keeps topic 1 alone,
    not 11, and the folder order puts each folder's articles together, by date."""
    for folder, name, date in (
        ("1", "b", "2022-03-02"),
        ("11", "c", "2022-03-01"),
        ("1", "a", "2022-03-03"),
        ("2", "d", "2022-03-04"),
    ):
        write_doc(tmp_path / "corpus" / folder, name, f"Article {name}.", [], date=date)
    app = make_library_app([str(tmp_path / "corpus")])
    async with app.run_test(size=(120, 30)) as pilot:
        library = await library_indexed(pilot)
        await pilot.press("f", *"1/")
        assert [row.relative for row in library.row_list.rows] == ["1/b.yaml", "1/a.yaml"]
        await pilot.press("escape", "escape", "s", "s")
        assert library.sort == "folder"
        assert [row.relative for row in library.row_list.rows] == [
            "1/b.yaml",
            "1/a.yaml",
            "11/c.yaml",
            "2/d.yaml",
        ]


def _line(library: LibraryScreen, number: int) -> str:
    """The text of one line of the library's table as drawn (0: the heading)."""
    return library.row_list.render_line(number).text


async def test_the_folder_and_date_columns_show_folders_and_guessed_dates(tmp_path: Path) -> None:
    """A folder column (empty at the top), dates sorted with their guess mark ``~``, and
    columns as wide as their texts: a range of days and a long folder name are not cut."""
    corpus = write_dated_folders(tmp_path / "corpus")
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(160, 30)) as pilot:
        library = await library_indexed(pilot)
        rows = library.row_list.rows
        assert library.sort == "date"
        dated = [row.date_first for row in rows if row.date_first is not None]
        assert dated == sorted(dated)
        assert [row.relative for row in rows[-2:]] == [
            "1/1_2ecb.yaml",
            "12/notes/reading-list.yaml",
        ]
        heading = _line(library, 0)
        assert heading.split()[:3] == ["date", "title", "folder"]
        lines = {row.relative: _line(library, n + 1) for n, row in enumerate(rows)}
        assert lines["1/1_1ecb.yaml"].startswith("2008-12-09~ ")
        assert lines["1/1_1ecbplus.yaml"].startswith("2013-05-03 ")
        assert lines["12/12_1ecb.yaml"].startswith("2008-12-13/2008-12-19~ ")
        assert lines["1/1_2ecb.yaml"].startswith("— ")
        assert (
            " Long folder name of the archive "
            in lines["Long folder name of the archive/kept.yaml"]
        )
        assert " 12/notes " in lines["12/notes/reading-list.yaml"]
        # The folder column starts at one place on every line; the top folder's is blank.
        column = heading.index("folder")
        top = lines["overview.yaml"]
        assert top[column : column + 6] == "      "
        assert lines["12/12_1ecbplus.yaml"][column : column + 3] == "12 "
        await pilot.press("f", "~")
        assert {row.relative for row in library.row_list.rows} == {
            "1/1_1ecb.yaml",
            "12/12_1ecb.yaml",
        }


async def test_the_folder_picker_keeps_one_folder_and_folder_name_in_the_filter(
    tmp_path: Path,
) -> None:
    """``d`` lists the folders with their counts; choosing one writes ``folder:NAME`` in
    the filter (which can be typed too); escape there clears it."""
    corpus = write_dated_folders(tmp_path / "corpus")
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        library = await library_indexed(pilot)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, FolderPickerScreen), "the picker")
        picker = app.screen
        assert isinstance(picker, FolderPickerScreen)
        assert picker.counts == [
            ("", 1),
            ("1", 3),
            ("12", 2),
            ("12/notes", 1),
            ("Long folder name of the archive", 1),
        ]
        await pilot.press("j", "j", "enter")  # All folders, the top, then 1
        await wait_until(pilot, lambda: app.screen is library, "back to the library")
        assert library.filter_text == "folder:1"
        assert [row.relative for row in library.row_list.rows] == [
            "1/1_1ecb.yaml",
            "1/1_1ecbplus.yaml",
            "1/1_2ecb.yaml",
        ]
        assert "filter: folder:1" in str(library.query_one("#library-header").render())
        # Typed: a folder with a space in its name, and words besides.
        await pilot.press("escape", "f", *'folder:"long folder name of the archive"')
        assert [row.relative for row in library.row_list.rows] == [
            "Long folder name of the archive/kept.yaml"
        ]
        await pilot.press("escape", "escape", "f", *"folder:12 ecbplus")
        assert [row.relative for row in library.row_list.rows] == ["12/12_1ecbplus.yaml"]
        # The picker starts on the folder kept; choosing "All folders" keeps the words.
        await pilot.press("enter", "d")
        await wait_until(pilot, lambda: isinstance(app.screen, FolderPickerScreen), "the picker")
        options = app.screen.query_one("#folder-options")
        assert getattr(options, "highlighted", None) == 3
        await pilot.press("k", "k", "k", "enter")
        await wait_until(pilot, lambda: app.screen is library, "back to the library")
        assert library.filter_text == "ecbplus"
        assert {row.relative for row in library.row_list.rows} == {
            "1/1_1ecbplus.yaml",
            "12/12_1ecbplus.yaml",
        }
        # The top folder alone.
        await pilot.press("d", "j", "enter")
        await wait_until(pilot, lambda: app.screen is library, "back to the library")
        assert library.filter_text == "folder:. ecbplus"
        assert library.row_list.rows == []
        await pilot.press("d", "escape")
        await wait_until(pilot, lambda: app.screen is library, "back to the library")
        assert library.filter_text == "folder:. ecbplus"


async def test_read_return_and_step(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        library = await library_indexed(pilot)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, CorpusReaderScreen)
        assert reader.path == library.row_list.rows[2].path
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert isinstance(app.screen, CorpusReaderScreen)
        assert app.screen.path == library.row_list.rows[3].path
        await pilot.press("left_curly_bracket", "left_curly_bracket")
        await pilot.pause()
        assert app.screen.path == library.row_list.rows[1].path  # type: ignore[attr-defined]
        await pilot.press("L")
        await pilot.pause()
        assert app.screen is library
        assert library.row_list.cursor == 1
        assert len(app.screen_stack) == 2


async def test_a_file_with_errors_shows_its_problems_in_the_app(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        await library_indexed(pilot)
        await pilot.press("G", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "gone.txt" in app.screen.diagnostics[0].message or app.screen.diagnostics
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert app.is_running


async def test_search_opens_hits_and_n_goes_across_documents(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        library = await library_indexed(pilot)
        await pilot.press("slash", *"colour:red", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search")
        search = app.screen
        assert isinstance(search, SearchScreen)
        message = search.query_one("#query-message")
        await wait_until(pilot, lambda: message.has_class("-error"), "the query's error")
        assert "unknown filter" in str(message.render())
        query = search.query_one("#query")
        query.value = "rabat"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_until(pilot, lambda: search.result is not None, "the hits")
        assert search.result is not None and search.result.hits
        assert all(hit.match == "Rabat" for hit in search.result.hits)
        query.value = "type:PER"  # type: ignore[attr-defined]
        query.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: search.result.documents > 1, "hits in several articles")
        hits = search.result.hits
        assert len({hit.path for hit in hits}) > 1
        await pilot.press("enter")
        await reader_filled(pilot)
        reader = app.screen
        assert isinstance(reader, CorpusReaderScreen) and reader.trail is not None
        assert reader.path == hits[0].path
        assert reader.article.highlight.search_match is not None
        first_document = [h for h in hits if h.path == hits[0].path]
        for _ in range(len(first_document)):
            await pilot.press("n")
            await pilot.pause()
        reader = app.screen
        assert isinstance(reader, CorpusReaderScreen) and reader.trail is not None
        assert reader.path == hits[len(first_document)].path != hits[0].path
        assert reader.trail.position == len(first_document)
        await pilot.press("N")
        await pilot.pause()
        assert app.screen.path == hits[0].path  # type: ignore[attr-defined]
        await pilot.press("L")
        assert app.screen is library


async def test_statistics(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 40)) as pilot:
        await library_indexed(pilot)
        await pilot.press("c")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, StatisticsScreen) and app.screen.statistics is not None,
            "the statistics",
        )
        screen = app.screen
        assert isinstance(screen, StatisticsScreen) and screen.statistics is not None
        assert screen.statistics.top_entities
        assert screen.statistics.events_per_month
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_more_hits(corpus: Path) -> None:
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 30)) as pilot:
        await library_indexed(pilot)
        await pilot.press("slash", *"type:PER", "enter")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert search.result is not None and search.result.truncated
        first = len(search.result.hits)
        assert first == 200
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(search.result.hits) > first
        assert not search.result.truncated


async def test_statistics_show_how_many_articles_are_dated(tmp_path: Path) -> None:
    corpus = write_dated_folders(tmp_path / "corpus")
    app = make_library_app([str(corpus)])
    async with app.run_test(size=(120, 40)) as pilot:
        await library_indexed(pilot)
        await pilot.press("c")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, StatisticsScreen) and app.screen.statistics is not None,
            "the statistics",
        )
        shown = str(app.screen.query_one("#stats-dates").render())
        assert "6 of 8 articles dated (75%): 4 given, 2 guessed ~, 2 without a date" in shown
        assert "from 2008-12-09 to 2013-05-03" in shown
