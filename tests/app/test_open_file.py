"""Opening another file from inside the reader, and the recent files list."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.corpora import SMALL_TEXT, SMALL_YAML
from tests.support.pilot import reader_filled
from tui.app.reader_app import make_app
from tui.app.screens.open_file import OpenFileScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.screens.reader import ReaderScreen
from tui.core.files.recent import read_recent, remember

SIZE = (120, 36)


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


def other_file(folder: Path) -> Path:
    folder.mkdir()
    (folder / "small.txt").write_text(SMALL_TEXT, encoding="utf-8")
    path = folder / "other.yaml"
    path.write_text(SMALL_YAML.replace("A small test article", "Another article"), "utf-8")
    return path


def test_recent_files_are_remembered_newest_first(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (first, second):
        path.write_text("gloss: 1\n", encoding="utf-8")
    assert remember(str(first)) is None
    assert remember(str(second)) is None
    assert remember(str(first)) is None
    assert read_recent() == [str(first), str(second)]


def test_a_corrupt_or_unwritable_list_is_survived(tmp_path: Path, state_home: Path) -> None:
    (state_home / "gloss").mkdir(parents=True)
    (state_home / "gloss" / "recent.json").write_text("{not json", encoding="utf-8")
    assert read_recent() == []
    (state_home / "gloss" / "recent.json").unlink()
    (state_home / "gloss" / "recent.json").mkdir()  # a folder where the file should be
    problem = remember(str(tmp_path / "x.yaml"))
    assert problem is not None and "recent files not saved" in problem


async def test_ctrl_o_opens_a_recent_file(small_path: Path, tmp_path: Path) -> None:
    other = other_file(tmp_path / "other")
    remember(str(other))
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        await pilot.press("O")
        await pilot.pause()
        assert isinstance(app.screen, OpenFileScreen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.document.info.title == "Another article"
        assert app.source_path == str(other)
        assert read_recent()[0] == str(other)


async def test_a_broken_file_chosen_is_not_opened(small_path: Path, tmp_path: Path) -> None:
    other = other_file(tmp_path / "other")
    other.write_text("gloss: 1\n", encoding="utf-8")
    app = make_app(str(small_path))
    async with app.run_test(size=SIZE) as pilot:
        await reader_filled(pilot)
        before = app.screen
        app._open_chosen(str(other))
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("escape")
        assert app.screen is before
