"""``gloss timeline FILE|DIR``: the events of one article, or of many, as a date-sorted table.

Pure: builds rows from loaded documents and renders them as text or JSON; the command
itself (``run_timeline``) loads files and prints.

Across documents, happenings are interleaved by date with the order of
:mod:`tui.core.timeline.happenings`; happenings that share a ``links`` name/value pair (the same
``wikidata`` id, say) are folded into one row with all their tellings.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tui.core.document.dates import DateValue
from tui.core.document.model import Document
from tui.core.files.saferead import read_head
from tui.core.text.anchoring import TextIndex
from tui.core.text.textsafety import inert_json, one_line
from tui.core.timeline.happenings import (
    Happening,
    happenings_in_text_order,
    interval_key,
    precision_name,
)

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

MAX_DISCOVERED = 10_000
"""At most this many annotation files are read from one folder."""


# -- discovery -----------------------------------------------------------------------------


def _declares_gloss(path: str) -> bool:
    """Whether a YAML file says ``gloss: 1`` at the top level (read from its first 4 KB)."""
    head = read_head(path, 4096)  # a FIFO named x.yaml in the folder must not hang
    if head is None:
        return False
    for raw in head.decode("utf-8", "replace").lstrip("\ufeff").splitlines():
        line = raw.rstrip()
        if line.startswith("gloss:"):
            return line.partition("#")[0].split(":", 1)[1].strip() == "1"
    return False


def discover(folder: str) -> list[str]:
    """Every ``*.yaml``/``*.yml`` under ``folder`` (recursively, sorted, symlinks not
    followed, hidden folders skipped) that declares ``gloss: 1``."""
    found: list[str] = []
    for root, folders, files in os.walk(folder, followlinks=False):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml")):
                continue
            path = os.path.join(root, name)
            if os.path.isfile(path) and not os.path.islink(path) and _declares_gloss(path):
                found.append(path)
                if len(found) >= MAX_DISCOVERED:
                    return found
    return found


# -- rows ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Telling:
    """Where one event is told: its document, id and ``FILE:LINE:COL`` of its trigger."""

    document_id: str
    event_id: str
    location: str


@dataclass(slots=True)
class Row:
    """One happening (or several folded by shared links) as a line of the table."""

    date: DateValue | None
    realis: str
    type: str
    summary: str
    date_words: str | None
    guessed: bool
    document_id: str
    tellings: list[Telling] = field(default_factory=list)
    links: set[tuple[str, str]] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)
    """Casefolded ids, names, aliases and link values of the entities taking part."""
    rank: int = 0
    """Order of the first telling: file order, then text order within a file."""

    @property
    def location(self) -> str:
        """``FILE:LINE:COL`` of the first telling's trigger in the article text."""
        return self.tellings[0].location

    @property
    def documents(self) -> list[str]:
        """The documents telling it, each once, in order."""
        return list(dict.fromkeys(t.document_id for t in self.tellings))


def document_rows(document: Document, rank_start: int = 0) -> list[Row]:
    """One row per happening of ``document``, in text order."""
    index = TextIndex(document.text)
    rows: list[Row] = []
    for position, happening in enumerate(happenings_in_text_order(document)):
        rows.append(_row(document, happening, index, rank_start + position))
    return rows


def _row(
    document: Document,
    happening: Happening,
    index: TextIndex,
    rank: int,
) -> Row:
    event = happening.event
    tellings = []
    links: set[tuple[str, str]] = set()
    participants: set[str] = set()
    for entity_id in happening.entity_ids:
        entity = document.entity_by_id.get(entity_id)
        if entity is not None:
            names = (entity.id, entity.name, *entity.aliases, *(v for _, v in entity.links))
            participants.update(name.casefold() for name in names)
    for telling in happening.tellings:
        line, column = index.line_column(telling.trigger.start)
        tellings.append(
            Telling(document.info.id, telling.id, f"{document.info.text_path}:{line}:{column}")
        )
        links.update(telling.links)
    return Row(
        date=happening.date,
        realis=event.realis,
        type=event.type,
        summary=event.summary,
        date_words=happening.date_words,
        guessed=happening.guessed,
        document_id=document.info.id,
        tellings=tellings,
        links=links,
        participants=participants,
        rank=rank,
    )


def fold_by_links(rows: Iterable[Row]) -> list[Row]:
    """Merge rows sharing any ``links`` pair (transitively) into the first of them.

    The merged row keeps the most precise date (fewest days; the earlier row on a tie)
    and every telling.
    """
    ordered = sorted(rows, key=lambda row: row.rank)
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, str], int] = {}
    for i, row in enumerate(ordered):
        for pair in sorted(row.links):
            if pair in owner:
                a, b = root(owner[pair]), root(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[pair] = i
    merged: dict[int, Row] = {}
    for i, row in enumerate(ordered):
        top = root(i)
        if top == i:
            merged[i] = row
            continue
        target = merged[top]
        target.tellings.extend(row.tellings)
        target.links |= row.links
        target.participants |= row.participants
        if row.date is not None and (target.date is None or _width(row.date) < _width(target.date)):
            target.date, target.date_words, target.guessed = row.date, row.date_words, row.guessed
    return list(merged.values())


def with_entity(rows: Iterable[Row], entity: str) -> list[Row]:
    """Rows in which an entity takes part whose id, name, alias or link value is ``entity``
    (ignoring case): one entity's events across documents."""
    wanted = entity.casefold()
    return [row for row in rows if wanted in row.participants]


def _width(value: DateValue) -> int:
    return (value.last - value.first).days


def sort_rows(rows: Iterable[Row]) -> list[Row]:
    """By interval (containers first), ties by file then text order; undated last."""
    return sorted(
        rows,
        key=lambda row: (0, *interval_key(row.date), row.rank) if row.date else (1, 0, 0, row.rank),
    )


# -- output --------------------------------------------------------------------------------

COLUMNS = ("date", "precision", "realis", "type", "summary", "location")


def _cells(row: Row, with_document: bool) -> list[str]:
    summary = one_line(row.summary)
    if len(row.tellings) > 1:
        summary += f" ×{len(row.tellings)}"
    date = row.date.text if row.date else "?"
    if row.guessed:
        date += "~"
    cells = [
        date,
        precision_name(row.date) if row.date else "-",
        row.realis,
        one_line(row.type),
        summary,
        one_line(row.location),
    ]
    if with_document:
        documents = row.documents
        extra = f" +{len(documents) - 1}" if len(documents) > 1 else ""
        cells.insert(5, one_line(documents[0]) + extra)
    return cells


def render_table(rows: Sequence[Row], *, with_document: bool) -> str:
    """Aligned columns; ``date`` ends in ``~`` when a note says it was guessed."""
    header = list(COLUMNS)
    if with_document:
        header.insert(5, "document")
    table = [header, *(_cells(row, with_document) for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    out = []
    for line in table:
        parts = [cell.ljust(width) for cell, width in zip(line, widths, strict=True)]
        out.append("  ".join(parts).rstrip())
    return "\n".join(out) + "\n"


def rows_as_json(rows: Sequence[Row]) -> str:
    """A JSON list, one object per row, with every telling."""
    data = [
        {
            "date": row.date.text if row.date else None,
            "first": row.date.first.isoformat() if row.date else None,
            "last": row.date.last.isoformat() if row.date else None,
            "precision": precision_name(row.date) if row.date else None,
            "date_words": row.date_words,
            "guessed": row.guessed,
            "realis": row.realis,
            "type": row.type,
            "summary": row.summary,
            "location": row.location,
            "documents": row.documents,
            "tellings": [
                {"document": t.document_id, "event": t.event_id, "location": t.location}
                for t in row.tellings
            ],
            "links": sorted([name, value] for name, value in row.links),
        }
        for row in rows
    ]
    return inert_json(data) + "\n"


# -- the command ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Loaded:
    """An annotation file that loaded."""

    path: str
    document: Document


def load_target(target: str) -> tuple[list[Loaded], bool, bool]:
    """Load one file, or every annotation file under a folder, printing every diagnostic
    on stderr. Returns what loaded, whether ``target`` is a folder, and whether any file
    failed (or a folder held none)."""
    from tui.core.loading.loader import load

    is_folder = os.path.isdir(target)
    paths = discover(target) if is_folder else [target]
    if is_folder and not paths:
        print(f"gloss: no annotation files (YAML with 'gloss: 1') under {one_line(target)}",
              file=sys.stderr)  # fmt: skip
        return [], True, True
    loaded: list[Loaded] = []
    failed = False
    for path in paths:
        result = load(path)
        for diagnostic in result.diagnostics:
            print(one_line(diagnostic.format()), file=sys.stderr)
        if result.document is None:
            failed = True
            continue
        loaded.append(Loaded(path, result.document))
    return loaded, is_folder, failed


def run_timeline(target: str, *, as_json: bool, entity: str | None = None) -> int:
    """Print the timeline of one annotation file or of every one under a folder,
    optionally only the events ``entity`` takes part in."""
    loaded, is_folder, failed = load_target(target)
    if not loaded and is_folder:
        return EXIT_PROBLEMS
    rows: list[Row] = []
    for item in loaded:
        rows.extend(document_rows(item.document, len(rows)))
    if is_folder:
        rows = fold_by_links(rows)
    if entity is not None:
        rows = with_entity(rows, entity)
    rows = sort_rows(rows)
    if as_json:
        sys.stdout.write(rows_as_json(rows))
    else:
        sys.stdout.write(render_table(rows, with_document=is_folder))
    if rows and all(row.date is None for row in rows):
        # Said apart from the table, which stays one row per happening.
        print(
            f"gloss: no event has a date; the {len(rows)} undated are listed in text order",
            file=sys.stderr,
        )
    return EXIT_PROBLEMS if failed else EXIT_OK
