"""The installed ``gloss`` command in a real terminal (tmux): keys in, screen text out."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.terminal import GLOSS, Terminal, exited, reader_shown
from tui.cli.main import bundled_article
from tui.core.loading.loader import load

pytestmark = pytest.mark.tmux


def test_reading_the_bundled_article_in_a_real_terminal(
    terminal_factory: Callable[[str], Terminal],
) -> None:
    document = load(str(bundled_article())).document
    assert document is not None
    terminal = terminal_factory(str(GLOSS))
    start = terminal.wait_for(lambda s: reader_shown(s) and "Events" in s)
    assert "Senior IDF military officers" in start
    # Focus starts in the text; shift+tab goes to the entity list, whose cursor is on the
    # first (most mentioned) person: enter jumps to its first mention.
    terminal.send_keys("BTab", "Enter")
    first = terminal.wait_for(lambda s: "mention 1 of" in s)
    terminal.send_keys("n")
    terminal.wait_for(lambda s: "mention 2 of" in s)
    assert first != terminal.screen()
    # Over to the event list and open the first event.
    terminal.send_keys("Tab", "Tab", "Enter")
    event = document.events[0]
    opened = terminal.wait_for(lambda s: "trigger:" in s)
    assert event.type in opened
    terminal.send_keys("q")
    after = terminal.wait_for(exited)
    assert "GLOSS-EXIT=0" in after
    # The alternate screen is gone: none of the reader's panes are left on the terminal.
    assert "Entities" not in after and "Article" not in after
    terminal.send_text("stty -a | head -1 | tr -d '\\n'; echo; stty -g >/dev/null && echo TTY-OK")
    terminal.send_keys("Enter")
    sane = terminal.wait_for(lambda s: "TTY-OK" in s)
    assert "TTY-OK" in sane


def test_a_broken_file_is_reported_before_the_terminal_is_taken(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("Some text.\n", encoding="utf-8")
    broken = tmp_path / "a.yaml"
    mention_line = "  - {id: x, type: PER, name: X, mentions: [Nobody]}"
    broken.write_text(
        f"gloss: 1\ndocument: {{id: a, text: a.txt}}\nentities:\n{mention_line}\n",
        encoding="utf-8",
    )
    column = mention_line.index("Nobody") + 1
    terminal = terminal_factory(f"{GLOSS} {broken}")
    screen = terminal.wait_for(exited)
    assert f"{broken}:4:{column}: error: mention: 'Nobody' is not in the text" in screen
    assert "GLOSS-EXIT=1" in screen
    assert "Traceback" not in screen


def test_no_tty_gets_a_clear_message_instead_of_escape_codes() -> None:
    completed = subprocess.run(
        [str(GLOSS), str(bundled_article())],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        env={**os.environ, "GLOSS_FORCE_TTY": ""},
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "needs a terminal" in completed.stderr
    assert "\x1b" not in completed.stderr
