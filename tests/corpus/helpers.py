"""Small corpora written into a temporary folder, and an isolated cache folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

BUNDLED = Path(__file__).resolve().parents[2] / "content" / "idf-morocco-2022-03-25.yaml"

TEXT_A = "Rabat hosted the talks. Officials from Rabat and Paris met on Monday."
TEXT_B = "Paris said the talks in Rabat went well. Saharan trade grew."


def write_doc(
    folder: Path,
    name: str,
    text: str,
    entities: list[tuple[str, str, list[tuple[int, int]]]],
    *,
    date: str | None = "2022-03-25",
    events: list[tuple[str, str, tuple[int, int], str]] | None = None,
) -> Path:
    """Write ``name.txt`` and ``name.yaml``; entities as (id, type, spans), events as
    (id, type, trigger span, realis)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    lines = ["gloss: 1", "document:", f"  id: {name}", f"  title: Title of {name}"]
    if date:
        lines.append(f'  date: "{date}"')
    lines += [f"  text: {name}.txt"]
    if entities:
        lines.append("entities:")
    for entity_id, kind, spans in entities:
        lines += [
            f"  - id: {entity_id}",
            f"    type: {kind}",
            f"    name: {entity_id}",
            f"    links: {{wikidata: Q{len(entity_id)}}}",
            "    mentions:",
        ]
        lines += [f"      - {{start: {s}, end: {e}}}" for s, e in spans]
    if events:
        lines.append("events:")
    for event_id, kind, (start, end), realis in events or []:
        lines += [
            f"  - id: {event_id}",
            f"    type: {kind}",
            f"    summary: {event_id}",
            f"    trigger: {{start: {start}, end: {end}}}",
            f"    realis: {realis}",
        ]
    path = folder / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def copy_bundled(folder: Path, name: str = "idf") -> Path:
    """Copy the bundled article into ``folder`` under another name."""
    folder.mkdir(parents=True, exist_ok=True)
    text_name = BUNDLED.with_suffix(".txt").name
    shutil.copy(BUNDLED.with_suffix(".txt"), folder / text_name)
    target = folder / f"{name}.yaml"
    shutil.copy(BUNDLED, target)
    return target


def bump_mtime(path: Path, seconds: int = -10) -> None:
    """Move a file's mtime (so stat-based freshness is tested without sleeping)."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + seconds * 1_000_000_000))


def small_corpus(folder: Path) -> Path:
    """Two articles (``a`` and ``sub/b``), a Markdown note and a YAML file of another tool."""
    write_doc(
        folder,
        "a",
        TEXT_A,
        [("rabat", "GPE", [(0, 5), (39, 44)]), ("paris", "GPE", [(49, 54)])],
        events=[("meet", "Contact.Meet", (55, 58), "actual")],
    )
    write_doc(
        folder / "sub",
        "b",
        TEXT_B,
        [("paris", "GPE", [(0, 5)])],
        date="2021-06",
        events=[("trade", "Transaction.Transaction", (49, 54), "planned")],
    )
    (folder / "notes.md").write_text("not an article")
    (folder / "other.yaml").write_text("name: some other tool's file\n")
    return folder


NEWS = "Casablanca port\n\nMay 3, 2013\n\nThe minister met a zebra keeper in Casablanca.\n"
"""A bare text dated by its dateline (May 3, 2013)."""


def bare_corpus(folder: Path) -> Path:
    """The small corpus with bare texts: :data:`NEWS` (``news.txt``), one in a subfolder,
    one with a control character (a warning) and one that is not UTF-8 (an error); and
    an annotation file with errors (``broken.yaml``), whose text is its own still."""
    small_corpus(folder)
    (folder / "news.txt").write_text(NEWS, encoding="utf-8")
    (folder / "sub" / "notes.txt").write_text("Rabat notes: a zebra again.\n", encoding="utf-8")
    (folder / "bell.txt").write_text("A bell\x07 rang in Rabat.\n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes(b"caf\xe9 in Rabat\n")
    yaml = write_doc(folder, "broken", "Rabat, broken.", [])
    yaml.write_text(yaml.read_text(encoding="utf-8") + "nonsense: 1\n", encoding="utf-8")
    return folder
