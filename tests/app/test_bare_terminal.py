"""``gloss article.txt`` in a real terminal (tmux): a text with no annotation file yet.

The command is the installed ``gloss``, run with this tree first on ``PYTHONPATH`` so
that it reads this tree's code (the installed one may be another checkout's).
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.terminal import GLOSS, Terminal, exited

pytestmark = pytest.mark.tmux

TREE = Path(__file__).resolve().parents[2]
NEWS = "Port of Casablanca reopens\n\nMay 3, 2013\n\nThe port reopened on Friday.\n"


def test_a_bare_text_is_read_and_live_reloaded(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    terminal = terminal_factory(
        f"cd {shlex.quote(str(tmp_path))} && "
        f"env PYTHONPATH={shlex.quote(str(TREE))} {GLOSS} news.txt"
    )
    start = terminal.wait_for(lambda s: "Article" in s and "Next mention" in s)
    assert "news.txt  ·  not annotated  ·  2013-05-03" in start
    assert "The port reopened on Friday." in start
    assert "Not annotated yet" in start
    terminal.send_keys("v")
    said = terminal.wait_for(lambda s: "No annotation file yet" in s)
    assert "news.yaml" in said
    news.write_text(NEWS.replace("Friday", "Saturday"), encoding="utf-8")
    terminal.wait_for(lambda s: "reopened on Saturday" in s)
    terminal.send_keys("q")
    assert "GLOSS-EXIT=0" in terminal.wait_for(exited)
    assert not (tmp_path / "news.yaml").exists()


def test_a_text_that_cannot_be_read_is_refused_with_file_line_column(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    (tmp_path / "bad.txt").write_bytes(b"fine\ncaf\xe9\n")
    terminal = terminal_factory(
        f"cd {shlex.quote(str(tmp_path))} && "
        f"env PYTHONPATH={shlex.quote(str(TREE))} {GLOSS} bad.txt"
    )
    screen = terminal.wait_for(exited)
    assert "bad.txt:2:4: error: article text 'bad.txt' is not valid UTF-8" in screen
    assert "gloss: bad.txt was not opened" in screen
    assert "GLOSS-EXIT=1" in screen
