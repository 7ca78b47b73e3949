"""Small corpora and articles the tests write: a reader's article, a library's folder,
articles that share people, places and events."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.corpus import generate_corpus
from tui.cli.main import bundled_article

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


def small_files(folder: Path) -> Path:
    (folder / "small.txt").write_text(SMALL_TEXT, encoding="utf-8")
    path = folder / "small.yaml"
    path.write_text(SMALL_YAML, encoding="utf-8")
    return path


# -- a library: generated articles, the bundled one, a broken one --------------------

BROKEN_YAML = "gloss: 1\ndocument:\n  id: broken\n  title: A broken file\n  text: gone.txt\n"


def make_corpus(folder: Path, count: int = 12) -> Path:
    """Write the corpus under ``folder`` and return it."""
    generate_corpus(folder, count, seed=7)
    bundled = bundled_article()
    extra = folder / "real"
    extra.mkdir()
    shutil.copy(bundled, extra / bundled.name)
    shutil.copy(bundled.with_suffix(".txt"), extra / bundled.with_suffix(".txt").name)
    (folder / "broken.yaml").write_text(BROKEN_YAML)
    (folder / "README.md").write_text("not an article\n")
    return folder


# -- articles that share people, places and events ------------------------------

# (name, date, text, entities as (id, type, name, links, [mention spans]), events as
# (id, type, trigger span, links))
_Entity = tuple[str, str, str, dict[str, str], list[tuple[int, int]]]
_Event = tuple[str, str, tuple[int, int], dict[str, str]]

ARTICLES: list[tuple[str, str, str, list[_Entity], list[_Event]]] = [
    (
        "a-visit",
        "2022-03-01",
        "Nadia Laroui visited Rabat. Rabat welcomed her. The port was quiet.",
        [
            ("nadia", "PER", "Nadia Laroui", {"wikidata": "Q1"}, [(0, 12)]),
            ("rabat", "GPE", "Rabat", {"wikidata": "Q1028"}, [(21, 26), (28, 33)]),
            ("port", "FAC", "the port", {}, [(48, 56)]),
        ],
        [("ev1", "Movement.Transport", (13, 20), {"event": "visit-2022"})],
    ),
    (
        "b-report",
        "2022-03-05",
        "In Rabat, Laroui spoke. Officials listened. Laroui left Rabat.",
        [
            (
                "city",
                "GPE",
                "Rabat",
                {"wikidata": "Q1028", "geonames": "2538475"},
                [(3, 8), (56, 61)],
            ),
            ("nl", "PER", "Laroui", {"wikidata": "Q1"}, [(10, 16), (44, 50)]),
        ],
        [("trip", "Movement.Transport", (51, 55), {"event": "visit-2022"})],
    ),
    (
        "c-later",
        "2022-04-10",
        "Rabat hosted a fair. The port was busy.",
        [
            ("r", "GPE", "Rabat", {"geonames": "2538475"}, [(0, 5)]),
            ("harbour", "FAC", "The port", {}, [(21, 29)]),
        ],
        [],
    ),
]


def _flow(mapping: dict[str, str]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in mapping.items()) + "}"


def write_corpus(folder: Path) -> Path:
    """Write the three articles into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, date, text, entities, events in ARTICLES:
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        lines = [
            "gloss: 1",
            "document:",
            f"  id: {name}",
            f"  title: Title of {name}",
            f'  date: "{date}"',
            f"  text: {name}.txt",
            "entities:",
        ]
        for entity_id, kind, entity_name, links, spans in entities:
            lines += [f"  - id: {entity_id}", f"    type: {kind}", f'    name: "{entity_name}"']
            if links:
                lines.append(f"    links: {_flow(links)}")
            lines.append("    mentions:")
            lines += [f"      - {{start: {s}, end: {e}}}" for s, e in spans]
        if events:
            lines.append("events:")
        for event_id, kind, (start, end), links in events:
            lines += [
                f"  - id: {event_id}",
                f"    type: {kind}",
                f"    summary: {event_id}",
                f"    trigger: {{start: {start}, end: {end}}}",
                f"    links: {_flow(links)}",
            ]
        (folder / f"{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# -- articles in folders, dated by the source, by a guess, or not at all ------------

DATED_FOLDERS: list[tuple[str, str, str | None, str | None]] = [
    # (folder, name, date, note)
    ("", "overview", "2013-05-03", None),
    ("1", "1_1ecb", "2008-12-09", "Date guessed: the first date in the text, “December 9, 2008”."),
    ("1", "1_2ecb", None, None),
    ("1", "1_1ecbplus", "2013-05-03", "Date from the dateline “May 03, 2013”."),
    ("12", "12_1ecb", "2008-12-13/2008-12-19", "Date guessed: “Saturday” names 2008-12-13."),
    ("12", "12_1ecbplus", "2011-11-11", "Date from the dateline “Nov 11, 2011”."),
    ("12/notes", "reading-list", None, None),
    ("Long folder name of the archive", "kept", "2010", None),
]
"""Folders as an import keeps them, with dates given, guessed (``~``) and missing."""


def write_dated_folders(folder: Path) -> Path:
    """Write the :data:`DATED_FOLDERS` articles under ``folder`` and return it."""
    for place, name, date, note in DATED_FOLDERS:
        where = folder / place if place else folder
        where.mkdir(parents=True, exist_ok=True)
        text = f"Article {name}: a short text about {place or 'the corpus'}.\n"
        (where / f"{name}.txt").write_text(text, encoding="utf-8")
        lines = ["gloss: 1", "document:", f"  id: {name}", f"  title: The article {name}"]
        if date is not None:
            lines.append(f'  date: "{date}"')
        if note is not None:
            lines.append(f"  note: {_quoted(note)}")
        lines.append(f"  text: {name}.txt")
        (where / f"{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
