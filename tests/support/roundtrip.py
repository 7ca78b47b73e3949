"""A source file against what import → gloss file → export gives back, line by line.

The guarantee compared here is the strict one: the lines that come back are the lines
that went in. Their order may differ (an exporter writes ``T`` lines in text order, a
source may list them as it made them); nothing else may. Empty lines and the end of
the file are not lines.

:func:`brat_round_trip` runs the whole trip the way a user does: import, write the
gloss file and its text, load that file as ``gloss check`` does, export it again
against the same raw text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.formats import yaml_out
from tui.core.formats.brat import export_brat, import_brat
from tui.core.loading.loader import load


@dataclass(frozen=True)
class LineDifference:
    """The lines only the source has, and those only the written file has."""

    missing: tuple[str, ...] = ()
    added: tuple[str, ...] = ()

    @property
    def identical(self) -> bool:
        return not self.missing and not self.added

    def __str__(self) -> str:
        shown = [f"- {line!r}" for line in self.missing] + [f"+ {line!r}" for line in self.added]
        return "\n".join(shown) or "identical"


def lines_of(text: str) -> Counter[str]:
    """The non-empty lines of ``text`` (a CRLF's CR is part of nothing), counted."""
    return Counter(line.removesuffix("\r") for line in text.split("\n") if line.strip())


def compare_lines(source: str, written: str) -> LineDifference:
    """Which lines of ``source`` do not come back in ``written``, and which are new."""
    before, after = lines_of(source), lines_of(written)
    return LineDifference(
        tuple(sorted((before - after).elements())), tuple(sorted((after - before).elements()))
    )


@dataclass(frozen=True)
class Trip:
    """What one import → gloss file → export round trip gave."""

    imported: bool
    import_messages: tuple[str, ...] = ()
    check_messages: tuple[str, ...] = ()
    """What ``gloss check`` says about the gloss file written (``--strict`` wants none)."""
    difference: LineDifference = field(default_factory=LineDifference)
    written: str = ""


def brat_round_trip(ann_path: Path, folder: Path, *, keep_apart: bool = False) -> Trip:
    """Import ``ann_path`` (with the ``.txt`` beside it), write and load the gloss file in
    ``folder``, export it to brat against the same raw text, compare the ``.ann`` lines."""
    text_path = ann_path.with_suffix(".txt")
    result = import_brat(str(ann_path), text_path=str(text_path), keep_apart=keep_apart)
    import_messages = tuple(item.format() for item in result.diagnostics)
    if result.document is None:
        return Trip(False, import_messages)
    raw = text_path.read_bytes().decode("utf-8")
    (folder / "doc.txt").write_bytes(text_path.read_bytes())
    (folder / "doc.yaml").write_text(
        yaml_out.dumps(result.document, text_name="doc.txt"), encoding="utf-8"
    )
    checked = load(str(folder / "doc.yaml"))
    prefix = f"{folder}/"
    check_messages = tuple(item.format().replace(prefix, "") for item in checked.diagnostics)
    if checked.document is None:
        return Trip(True, import_messages, check_messages)
    written = export_brat(checked.document, raw_text=raw)
    source = ann_path.read_bytes().decode("utf-8")
    return Trip(True, import_messages, check_messages, compare_lines(source, written), written)
