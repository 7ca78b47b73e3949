"""``gloss diff`` in a real terminal (tmux): the screen opens, ``]`` steps, the exit
status says whether the files agree. The harness is the one of test_terminal.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.terminal import EXIT_STATUS, GLOSS, Terminal

pytestmark = pytest.mark.tmux

DATA = Path(__file__).parent.parent / "compare" / "data"


def test_diff_screen_in_a_real_terminal(terminal_factory: Callable[[str], Terminal]) -> None:
    terminal = terminal_factory(f"cd {DATA} && {GLOSS} diff a.yaml b.yaml")
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


def test_diff_prints_lines_when_piped(terminal_factory: Callable[[str], Terminal]) -> None:
    # stdout is a pipe, so no screen: lines and the exit status of gloss, not of cat
    terminal = terminal_factory(
        f"cd {DATA} && {GLOSS} diff a.yaml renamed.yaml | cat; (exit ${{PIPESTATUS[0]}})"
    )
    screen = terminal.wait_for(lambda s: EXIT_STATUS.search(s) is not None)
    assert "0 difference(s)" in screen
    found = EXIT_STATUS.search(screen)
    assert found is not None and found.group(1) == "0"
