"""Fixtures for the reader's tests: the bundled article and small hand-made ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.app import GlossApp, make_app
from tui.cli import bundled_article

BUNDLED = bundled_article()


@pytest.fixture
def bundled_app() -> GlossApp:
    """The reader on the article that ships with gloss."""
    return make_app(str(BUNDLED))


SMALL_TEXT = (
    "Alice met Bob in Paris. Bob works for Acme Corp in Paris.\n"
    "\n"
    "Later Alice visited Acme Corp. Carol was not there.\n"
)

SMALL_YAML = """\
gloss: 1
document:
  id: small
  title: A small test article
  date: 2022-03-25
  text: small.txt
entities:
  - id: alice
    type: PER
    name: Alice
    mentions: [{quote: Alice, all: true}]
  - id: bob
    type: PER
    name: Bob
    description: Works for Acme
    mentions: [{quote: Bob, all: true}]
  - id: paris
    type: GPE
    name: Paris
    mentions: [{quote: Paris, all: true}]
  - id: acme
    type: ORG
    name: Acme Corp
    mentions: [{quote: Acme Corp, all: true}]
  - id: carol
    type: PER
    name: Carol
    mentions: [Carol]
events:
  - id: meeting
    type: Contact.Meet
    summary: Alice meets Bob
    trigger: met
    date: {value: 2022-03-20}
    arguments:
      - {role: Entity, entity: alice}
      - {role: Entity, entity: bob}
      - {role: Place, entity: paris}
  - id: visit
    type: Movement.Transport-Person
    summary: Alice visits Acme
    trigger: visited
    date: {value: 2022-03-01}
    arguments:
      - {role: Person, entity: alice}
      - {role: Destination, entity: acme}
relations:
  - {type: employee-of, from: bob, to: acme, evidence: works for}
"""


@pytest.fixture
def small_path(tmp_path: Path) -> Path:
    """A tiny annotated article whose offsets are easy to reason about."""
    (tmp_path / "small.txt").write_text(SMALL_TEXT, encoding="utf-8")
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_YAML, encoding="utf-8")
    return path


@pytest.fixture
def small_app(small_path: Path) -> Iterator[GlossApp]:
    yield make_app(str(small_path))
