"""The single reader's jump list and remembered place in a real terminal (tmux)."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.corpora import small_files
from tests.support.terminal import GLOSS, Terminal, exited, reader_shown

pytestmark = pytest.mark.tmux


def test_ctrl_o_goes_back_and_a_second_run_returns_to_the_place(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    path = small_files(tmp_path)
    state = tmp_path / "state"
    command = f"XDG_STATE_HOME={shlex.quote(str(state))} {GLOSS} {shlex.quote(str(path))}"
    terminal = terminal_factory(command)
    terminal.wait_for(reader_shown)
    terminal.send_keys("n")
    terminal.wait_for(lambda s: "mention 1 of 2" in s)
    terminal.send_keys("n")
    terminal.wait_for(lambda s: "mention 2 of 2" in s)
    terminal.send_keys("C-o")  # back to the first mention: the details say so
    terminal.wait_for(lambda s: "mention 1 of 2" in s and "2 of 2" not in s)
    terminal.send_keys("q")
    assert "GLOSS-EXIT=0" in terminal.wait_for(exited)
    again = terminal_factory(command)
    # Alice's first mention, as the first run left it.
    again.wait_for(lambda s: "Entities" in s and "mention 1 of 2" in s and "2 of 2" not in s)
    again.send_keys("q")
    assert "GLOSS-EXIT=0" in again.wait_for(exited)
