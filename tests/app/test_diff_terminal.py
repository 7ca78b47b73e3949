"""``gloss diff`` in a real terminal (tmux): the screen opens, ``]`` steps, the exit
status says whether the files agree. The harness is the one of test_terminal.py."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.terminal import EXIT_STATUS, GLOSS, Terminal

pytestmark = pytest.mark.tmux

DATA = Path(__file__).parent.parent / "compare" / "data"


@pytest.fixture
def diff_terminal() -> Iterator[Callable[[str], Terminal]]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed; 'make test' installs it (Debian package tmux)")
    opened: list[Terminal] = []

    def open_terminal(command: str) -> Terminal:
        terminal = Terminal(command)
        opened.append(terminal)
        return terminal

    yield open_terminal
    for terminal in opened:
        terminal.close()


def test_diff_screen_in_a_real_terminal(diff_terminal: Callable[[str], Terminal]) -> None:
    terminal = diff_terminal(f"cd {DATA} && {GLOSS} diff a.yaml b.yaml")
    start = terminal.wait_for(lambda s: "16 differences" in s and "Senior IDF" in s)
    assert "only in A" in start
    terminal.send_keys("]")
    terminal.wait_for(lambda s: "1 of 16" in s)
    terminal.send_keys("]", "]")
    terminal.wait_for(lambda s: "3 of 16" in s)
    terminal.send_keys("q")
    screen = terminal.wait_for(lambda s: EXIT_STATUS.search(s) is not None)
    found = EXIT_STATUS.search(screen)
    assert found is not None and found.group(1) == "1"


def test_diff_prints_lines_when_piped(diff_terminal: Callable[[str], Terminal]) -> None:
    # stdout is a pipe, so no screen: lines and the exit status of gloss, not of cat
    terminal = diff_terminal(
        f"cd {DATA} && {GLOSS} diff a.yaml renamed.yaml | cat; (exit ${{PIPESTATUS[0]}})"
    )
    screen = terminal.wait_for(lambda s: EXIT_STATUS.search(s) is not None)
    assert "0 difference(s)" in screen
    found = EXIT_STATUS.search(screen)
    assert found is not None and found.group(1) == "0"
