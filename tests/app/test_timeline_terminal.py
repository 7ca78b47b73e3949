"""The timeline in a real terminal (tmux), through the installed ``gloss`` command."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.terminal import GLOSS, Terminal, exited, reader_shown

pytestmark = pytest.mark.tmux


def test_timeline_in_a_real_terminal(terminal_factory: Callable[[str], Terminal]) -> None:
    terminal = terminal_factory(str(GLOSS))
    terminal.wait_for(reader_shown)
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


EXAMPLE_TOPIC = Path(__file__).resolve().parents[2] / "examples" / "ecbplus-topic1"


def test_an_imported_topic_has_dated_rows_in_a_real_terminal(
    terminal_factory: Callable[[str], Terminal],
) -> None:
    """ECB+ gives no event dates: the import finds them (datelines, time expressions in
    the sentence, tellings sharing one), so a topic's timeline has an axis of real years
    and rows dated from the words of the articles, marked guessed."""
    command = f"{GLOSS} timeline {shlex.quote(str(EXAMPLE_TOPIC))} -i"
    terminal = terminal_factory(command)
    # The rows are drawn after the title: wait for the one looked for, not the title.
    shown = terminal.wait_for(
        lambda s: "Timeline of 39 documents" in s and "“Wednesday night”" in s
    )
    dated = int(re.search(r"(\d+) dated", shown).group(1))  # type: ignore[union-attr]
    assert dated > 50
    assert "2013-05-01 ~●" in shown  # a day, guessed from the article's words
    terminal.send_keys("q")
    assert "GLOSS-EXIT=0" in terminal.wait_for(exited)


ECBPLUS_SAMPLE = Path(__file__).resolve().parents[1] / "formats" / "data" / "ecbplus"


def test_an_ecbplus_topic_imported_now_has_dated_rows_in_a_real_terminal(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    """``gloss import cat`` on the shipped ECB+ files keeps their topics as folders, and
    ``gloss timeline OUT/12 -i`` opens topic 12 alone, with rows dated from the words of
    its articles (marked guessed) and the article dates the import found."""
    out = tmp_path / "ecbplus"
    command = (
        f"{GLOSS} import cat {shlex.quote(str(ECBPLUS_SAMPLE))} -o {shlex.quote(str(out))}"
        f" > /dev/null && {GLOSS} timeline {shlex.quote(str(out / '12'))} -i"
    )
    terminal = terminal_factory(command)
    shown = terminal.wait_for(
        lambda s: "Timeline of 30 documents" in s and "Undated, in document and text order" in s
    )
    dated = int(re.search(r"(\d+) dated", shown).group(1))  # type: ignore[union-attr]
    assert dated >= 15  # of topic 12 alone: the 69 documents would be more
    assert "months, zoom 0  2011-09" in shown  # an axis of real months, not made-up days
    assert "2011-11-10 ~●" in shown  # a day guessed from the words of an article
    assert "“on Thursday”" in shown
    assert "1999-12-31" not in shown
    terminal.send_keys("q")
    assert "GLOSS-EXIT=0" in terminal.wait_for(exited)
