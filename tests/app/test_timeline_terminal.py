"""The timeline in a real terminal (tmux), through the installed ``gloss`` command."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.terminal import GLOSS, Terminal, exited

pytestmark = pytest.mark.tmux


def test_timeline_in_a_real_terminal(terminal_factory: Callable[[str], Terminal]) -> None:
    terminal = terminal_factory(str(GLOSS))
    terminal.wait_for(lambda s: "Entities" in s and "Article" in s)
    terminal.send_keys("T")
    opened = terminal.wait_for(lambda s: "All events" in s and "now 2022-03-25" in s)
    assert "years, zoom 0" in opened
    assert "The drone deal between Israel and Morocco is signed" in opened
    terminal.send_keys("j")
    terminal.wait_for(lambda s: "from “In January of last year”" in s)
    terminal.send_keys("+", "+", "+")
    terminal.wait_for(lambda s: "zoom 3" in s)
    terminal.send_keys("-")
    terminal.wait_for(lambda s: "zoom 2" in s)
    terminal.send_keys("Enter")
    back = terminal.wait_for(lambda s: "Article" in s and "All events" not in s)
    assert "Transfer" in back or "received" in back
    terminal.send_keys("T")
    terminal.wait_for(lambda s: "All events" in s)
    terminal.send_keys("Escape")
    terminal.wait_for(lambda s: "Article" in s and "All events" not in s)
    terminal.send_keys("q")
    after = terminal.wait_for(exited)
    assert "GLOSS-EXIT=0" in after
    assert "All events" not in after
