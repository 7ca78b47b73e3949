"""NO_COLOR type tags in a real terminal (tmux): drawn after mentions, gone in plain
reading, and never there with colours."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.corpora import small_files
from tests.support.terminal import GLOSS, Terminal, exited

pytestmark = pytest.mark.tmux


def test_no_color_draws_type_tags_and_plain_reading_drops_them(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    path = small_files(tmp_path)
    terminal = terminal_factory(f"NO_COLOR=1 {GLOSS} {shlex.quote(str(path))}")
    screen = terminal.wait_for(lambda s: "Article" in s and "[PER]" in s)
    assert "Alice[PER]" in screen
    terminal.send_keys("c")
    terminal.wait_for(lambda s: "plain reading" in s and "[PER]" not in s)
    terminal.send_keys("q")
    assert "GLOSS-EXIT=0" in terminal.wait_for(exited)


def test_with_colours_there_are_no_type_tags(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    path = small_files(tmp_path)
    terminal = terminal_factory(f"{GLOSS} {shlex.quote(str(path))}")
    screen = terminal.wait_for(lambda s: "Article" in s and "Later Alice visited" in s)
    assert "[PER]" not in screen
    terminal.send_keys("q")
    assert "GLOSS-EXIT=0" in terminal.wait_for(exited)
