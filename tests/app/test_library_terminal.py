"""The installed ``gloss DIR`` in a real terminal (tmux): the library, a search, a hit."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.corpora import make_corpus
from tests.support.terminal import GLOSS, Terminal, exited

pytestmark = pytest.mark.tmux


def test_the_library_in_a_real_terminal(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    make_corpus(tmp_path / "corpus")
    cache = tmp_path / "cache"
    # Opened from its parent folder, so the header's path is short whatever the test's
    # temporary folder is called.
    command = (
        f"cd {shlex.quote(str(tmp_path))} && "
        f"env XDG_CACHE_HOME={shlex.quote(str(cache))} {GLOSS} corpus"
    )
    terminal = terminal_factory(command)
    library = terminal.wait_for(
        lambda s: "14 articles" in s and "indexing" not in s and "Israeli milit" in s
    )
    assert "1 with errors" in library
    assert list(cache.glob("gloss/corpus-*.sqlite"))
    terminal.send_keys("/")
    terminal.send_text("rabat")
    terminal.send_keys("Enter")
    results = terminal.wait_for(lambda s: "hits in 1 document" in s)
    assert "Rabat" in results
    terminal.send_keys("Enter")
    terminal.wait_for(lambda s: "Hit 1 of" in s and "Entities" in s)
    terminal.send_keys("n")
    terminal.wait_for(lambda s: "Hit 2 of" in s)
    terminal.send_keys("L")
    terminal.wait_for(lambda s: "14 articles" in s)
    terminal.send_keys("q")
    after = terminal.wait_for(exited)
    assert "GLOSS-EXIT=0" in after
    assert "14 articles" not in after
