"""``gloss timeline FILE|DIR``: the events of one article, or of many, as a date-sorted table.

Pure: loads the files, builds rows from the documents and renders them as text or JSON;
the command (:mod:`tui.cli.timeline`) prints them and every problem.

Across documents, happenings are interleaved by date with the order of
:mod:`tui.core.timeline.happenings`; happenings that share a ``links`` name/value pair (the same
``wikidata`` id, say) are folded into one row with all their tellings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tui.core.document.dates import DateValue
from tui.core.document.diagnostics import Diagnostic
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


# -- the files -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Loaded:
    """An annotation file that loaded."""

    path: str
    document: Document


@dataclass(frozen=True, slots=True)
class Target:
    """What a timeline is made of: the files that loaded, and every problem on the way."""

    loaded: list[Loaded]
    is_folder: bool
    failed: bool
    """Whether any file failed to load, or the folder held none."""
    diagnostics: list[Diagnostic]
    """The problems of every file read, file by file."""
    none_found: bool = False
    """The folder holds no annotation file (a YAML declaring ``gloss: 1``)."""


def walk_order(relative: str) -> tuple[tuple[int, str], ...]:
    """Where :func:`discover` meets the file at ``relative`` (under the folder walked):
    a folder's own files (sorted) before its subfolders' (sorted, each walked in turn)."""
    *folders, name = relative.split(os.sep)
    return (*((1, folder) for folder in folders), (0, name))


def load_listed(folder: str, relatives: Sequence[str]) -> Target:
    """Load the annotation files an index lists under ``folder`` (given relative to it),
    as :func:`load_target` loads the ones it finds: the same files, in the same order.

    An index lists every YAML with a top-level ``gloss:`` key; the timeline reads those
    that declare ``gloss: 1``, as :func:`discover` does.
    """
    paths: list[str] = []
    for relative in sorted(relatives, key=walk_order):
        path = os.path.join(folder, relative)
        if _declares_gloss(path):
            paths.append(path)
            if len(paths) >= MAX_DISCOVERED:
                break
    if not paths:
        return Target([], True, True, [], none_found=True)
    return _load_all(paths, is_folder=True)


def load_target(target: str) -> Target:
    """Load one file, or every annotation file under a folder."""
    is_folder = os.path.isdir(target)
    paths = discover(target) if is_folder else [target]
    if is_folder and not paths:
        return Target([], True, True, [], none_found=True)
    return _load_all(paths, is_folder=is_folder)


def _load_all(paths: Sequence[str], *, is_folder: bool) -> Target:
    from tui.core.loading.loader import load

    loaded: list[Loaded] = []
    diagnostics: list[Diagnostic] = []
    failed = False
    for path in paths:
        result = load(path)
        diagnostics.extend(result.diagnostics)
        if result.document is None:
            failed = True
            continue
        loaded.append(Loaded(path, result.document))
    return Target(loaded, is_folder, failed, diagnostics)


def timeline_rows(target: Target, *, entity: str | None = None) -> list[Row]:
    """The rows of every document loaded, by date: a folder's folded by shared links,
    and only the events ``entity`` takes part in when it is given."""
    rows: list[Row] = []
    for item in target.loaded:
        rows.extend(document_rows(item.document, len(rows)))
    if target.is_folder:
        rows = fold_by_links(rows)
    if entity is not None:
        rows = with_entity(rows, entity)
    return sort_rows(rows)
