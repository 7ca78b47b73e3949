"""Annotating in a real terminal (tmux): a plain text becomes an annotated article, a
hand-written file keeps every comment, and a killed session's edits come back."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.terminal import GLOSS, Terminal, exited, reader_shown
from tui.core.loading.loader import load

pytestmark = pytest.mark.tmux

HAND_WRITTEN = """\
# Notes on a small article, written by hand.
gloss: 1
document:
  id: small   # the slug
  title: 'A small test article'
  text: small.txt

entities:
  # -- people
  - id: alice
    type: PER
    name: Alice
    mentions: [{quote: Alice, all: true}]   # every Alice

  - id: bob
    type: PER
    name: "Bob"
    mentions:
      - {quote: Bob, occurrence: 1}
"""

TEXT = (
    "Alice met Bob in Paris. Bob works for Acme Corp in Paris.\n\nLater Alice visited Acme Corp.\n"
)


def _new_entity_at(terminal: Terminal, words: str, code: str) -> None:
    """In the reader on screen: annotate mode, find ``words``, make them a ``code`` entity."""
    terminal.send_keys("m")
    terminal.wait_for(lambda s: "ANNOTATE" in s)
    terminal.send_keys("/")
    terminal.wait_for(lambda s: "Select the next match of" in s)
    terminal.send_text(words)
    terminal.send_keys("Enter")
    terminal.wait_for(lambda s: f"«{words}»" in s)
    terminal.send_keys("e")
    terminal.wait_for(lambda s: f"Type of «{words}»" in s)
    terminal.send_text(code)
    terminal.send_keys("Enter")


def test_a_plain_text_is_annotated_and_saved_beside_it(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    text = tmp_path / "note.txt"
    text.write_text("Ada Lovelace wrote to Charles Babbage from London.\n", encoding="utf-8")
    terminal = terminal_factory(f"{GLOSS} {shlex.quote(str(text))}")
    terminal.wait_for(lambda s: "not annotated" in s and "Ada Lovelace" in s)
    terminal.send_keys("m")
    terminal.wait_for(lambda s: "ANNOTATE" in s and "«Ada»" in s)
    terminal.send_keys("L")  # the end one word on: Ada Lovelace
    terminal.wait_for(lambda s: "«Ada Lovelace»" in s)
    terminal.send_keys("e")
    terminal.wait_for(lambda s: "Type of «Ada Lovelace»" in s)
    terminal.send_text("PER")
    terminal.send_keys("Enter")
    terminal.wait_for(lambda s: "unsaved" in s)
    terminal.send_keys("C-s")
    terminal.wait_for(lambda s: "Saved" in s)
    terminal.send_keys("Escape", "q")
    assert "GLOSS-EXIT=0" in terminal.wait_for(exited)
    document = load(str(tmp_path / "note.yaml")).document
    assert document is not None
    assert [(e.name, e.type) for e in document.entities] == [("Ada Lovelace", "PER")]


def test_a_hand_written_file_keeps_its_comments_and_style(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    (tmp_path / "small.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "small.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    terminal = terminal_factory(f"{GLOSS} {shlex.quote(str(path))}")
    terminal.wait_for(reader_shown)
    _new_entity_at(terminal, "Paris", "GPE")
    terminal.wait_for(lambda s: "unsaved" in s)
    terminal.send_keys("q")  # unsaved edits: asked first
    terminal.wait_for(lambda s: "Unsaved edits" in s and "s save" in s)
    terminal.send_keys("s")
    assert "GLOSS-EXIT=0" in terminal.wait_for(exited)
    saved = path.read_text(encoding="utf-8")
    original = HAND_WRITTEN.splitlines()
    lines = iter(saved.splitlines())
    assert all(line in lines for line in original), saved  # every line, in order
    document = load(str(path)).document
    assert document is not None
    paris = [e for e in document.entities if e.name == "Paris"]
    assert len(paris) == 1 and paris[0].type == "GPE"


def test_a_killed_session_offers_its_edits_back(
    terminal_factory: Callable[[str], Terminal], tmp_path: Path
) -> None:
    (tmp_path / "small.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "small.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    before = path.read_bytes()
    command = f"{GLOSS} {shlex.quote(str(path))}"
    terminal = terminal_factory(command)
    terminal.wait_for(reader_shown)
    _new_entity_at(terminal, "Acme Corp", "ORG")
    terminal.wait_for(lambda s: "unsaved" in s and "Acme Corp" in s.split("Entities")[-1])
    terminal.kill_command()
    terminal.wait_for(exited)
    assert path.read_bytes() == before  # nothing was saved
    terminal.run(command)
    terminal.wait_for(lambda s: "Restore them?" in s)
    terminal.send_keys("r")
    terminal.wait_for(lambda s: "Restored 1 unsaved edit" in s)
    terminal.send_keys("C-s")
    terminal.wait_for(lambda s: "Saved" in s)
    terminal.send_keys("q")
    terminal.wait_for(lambda s: s.count("GLOSS-EXIT=") >= 2)
    document = load(str(path)).document
    assert document is not None
    assert [(e.name, e.type) for e in document.entities if e.name == "Acme Corp"] == [
        ("Acme Corp", "ORG")
    ]
