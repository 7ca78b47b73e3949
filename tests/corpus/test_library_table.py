"""The library's table without a screen: dates with their guess mark, folders and their
counts, the ``folder:NAME`` filter, and the articles' dates the statistics count."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.corpora import DATED_FOLDERS, write_dated_folders
from tui.core.corpus.discovery import discover_folder
from tui.core.corpus.index import CorpusIndex
from tui.core.corpus.library_table import (
    date_shown,
    folder_counts,
    folder_of,
    folder_term,
    in_folder,
    natural_key,
    parse_filter,
    widest,
)
from tui.core.corpus.stats import corpus_statistics


def test_a_guessed_date_is_marked_and_a_missing_one_is_none() -> None:
    assert date_shown("2008-12-09", True) == "2008-12-09~"
    assert date_shown("2013-05-03", False) == "2013-05-03"
    assert date_shown(None, True) is None


def test_a_file_at_the_top_has_no_folder() -> None:
    assert folder_of("a.yaml") == ""
    assert folder_of("12/12_1ecb.yaml") == "12"
    assert folder_of("corpus_airbus/x/y.yaml") == "corpus_airbus/x"


def test_folders_are_counted_in_natural_order() -> None:
    folders = ["12", "1", "", "2", "12", "1", "1", "a10", "a2"]
    assert folder_counts(folders) == [
        ("", 1),
        ("1", 3),
        ("2", 1),
        ("12", 2),
        ("a2", 1),
        ("a10", 1),
    ]


@pytest.mark.parametrize(
    ("typed", "folder", "rest"),
    [
        ("folder:12", "12", ""),
        ("reid folder:1 rehab", "1", "reid rehab"),
        ("folder:12/", "12", ""),
        ("folder:.", "", ""),
        ("folder:", "", ""),
        ('folder:"Long Folder" kept', "long folder", "kept"),
        ("Folder:Corpus_Airbus", "corpus_airbus", ""),
        ("folder:1 folder:12", "12", ""),  # the last one counts
        ("no folder here", None, "no folder here"),
        ("subfolder:1", None, "subfolder:1"),  # only a word of its own
    ],
)
def test_the_folder_term_is_split_from_the_rest(typed: str, folder: str | None, rest: str) -> None:
    wanted = parse_filter(typed)
    assert wanted.folder == folder
    assert wanted.rest == rest


def test_a_folder_keeps_its_own_articles_not_its_subfolders_or_its_neighbours() -> None:
    assert in_folder("1/a.yaml", "1")
    assert not in_folder("11/a.yaml", "1")
    assert not in_folder("1/sub/a.yaml", "1")
    assert in_folder("top.yaml", "")
    assert not in_folder("1/a.yaml", "")
    assert in_folder("anything/a.yaml", None)


_PART = st.builds(
    lambda a, space, b: a + space + b,
    st.text(alphabet="ab1_é-.", min_size=1, max_size=4).filter(lambda t: t.strip(".")),
    st.sampled_from(["", " ", "  "]),
    st.text(alphabet="xyz9", min_size=1, max_size=3),
)


@given(st.lists(_PART, min_size=1, max_size=3))
def test_the_term_of_a_folder_finds_that_folder_again(parts: list[str]) -> None:
    folder = "/".join(parts)
    wanted = parse_filter(folder_term(folder) + " other words")
    assert wanted.folder == os.path.normpath(folder).casefold()
    assert wanted.rest == "other words"


def test_natural_order_counts_numbers_as_numbers() -> None:
    assert sorted(["10", "9", "1_10", "1_9"], key=natural_key) == ["1_9", "1_10", "9", "10"]


def test_a_column_is_as_wide_as_its_widest_text_or_heading_and_no_wider_than_its_cap() -> None:
    assert widest([], "folder", 30) == 6
    assert widest(["1", "12"], "folder", 30) == 6
    assert widest(["corpus_airbus/extra"], "folder", 30) == 19
    assert widest(["x" * 50], "folder", 30) == 30
    assert widest(["东京"], "f", 30) == 4  # cells, not characters


def test_statistics_count_the_articles_given_guessed_and_undated(tmp_path: Path) -> None:
    corpus = write_dated_folders(tmp_path / "corpus")
    index = CorpusIndex.open(discover_folder(str(corpus)), folder=tmp_path / "cache")
    index.refresh()
    dates = corpus_statistics(index).document_dates
    guessed = sum(1 for _, _, date, note in DATED_FOLDERS if date and note and "guessed" in note)
    undated = sum(1 for _, _, date, _ in DATED_FOLDERS if date is None)
    assert (dates.guessed, dates.undated) == (guessed, undated) == (2, 2)
    assert dates.given == len(DATED_FOLDERS) - guessed - undated == 4
    assert (dates.first, dates.last) == (dt.date(2008, 12, 9), dt.date(2013, 5, 3))
    assert dates.summary() == "6 of 8 articles dated (75%): 4 given, 2 guessed ~, 2 without a date"
    assert dates.span() == "from 2008-12-09 to 2013-05-03"
    rows = {row.relative: row for row in index.rows()}
    assert rows["1/1_1ecb.yaml"].date_guessed
    assert not rows["1/1_1ecbplus.yaml"].date_guessed
    assert rows["12/12_1ecb.yaml"].date_text == "2008-12-13/2008-12-19"
    assert rows["12/notes/reading-list.yaml"].folder == "12/notes"


def test_a_corpus_without_articles_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    index = CorpusIndex.open(discover_folder(str(tmp_path / "empty")), folder=tmp_path / "cache")
    index.refresh()
    dates = corpus_statistics(index).document_dates
    assert dates.documents == 0
    assert dates.summary() == "No articles yet."
    assert dates.span() is None
