"""How many documents and events ``gloss import cat`` dates, and from what.

Imports the folders or files named (nothing is written) and counts:

- documents with a date, by where it came from: the source's creation time, a dateline at
  the top of the text, a date in the text (guessed: a dateline without a year, the first
  absolute date), or the days its relative words fit, read backwards from the dates
  other documents give its happenings (guessed);
- datelines found at the top of the texts, and how many of them gave the document's date
  (all should: a dateline comes before a guess);
- events with a date: linked to a time expression by the source (a ``TLINK``, a chain),
  guessed from a time expression in their sentence, or shared by another telling of the
  same happening.

``python benchmarks/cat_dates.py tests/formats/data/ecbplus`` prints the figures that
docs/timeline.md quotes (a test checks they agree).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.core.formats.cat.dating import dateline
from tui.core.formats.cat.inferred_dates import INFERRED_WORDS
from tui.core.formats.cat.plan import plan_import
from tui.core.timeline.happenings import document_date_guessed


@dataclass(frozen=True, slots=True)
class DateFigures:
    """The counts of one measurement."""

    documents: int
    by_source: int
    by_dateline: int
    guessed: int
    inferred: int
    datelines: int
    datelines_kept: int
    events: int
    linked: int
    from_sentence: int
    shared: int

    def as_lines(self) -> list[str]:
        """The figures as docs/timeline.md writes them."""
        dated = self.by_source + self.by_dateline + self.guessed + self.inferred
        events_dated = self.linked + self.from_sentence + self.shared
        return [
            f"documents: {self.documents}, dated {dated} ({_percent(dated, self.documents)}):"
            f" by the source {self.by_source}, by a dateline {self.by_dateline},"
            f" guessed from a date in the text {self.guessed}, guessed from other documents"
            f" {self.inferred}",
            f"datelines: {self.datelines} found, {self.datelines_kept} of them give the"
            " document's date",
            f"events: {self.events}, dated {events_dated} ({_percent(events_dated, self.events)}):"
            f" linked by the source {self.linked}, guessed from their sentence"
            f" {self.from_sentence}, shared by their tellings {self.shared}",
        ]


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "n/a"


def measure(paths: Sequence[str]) -> DateFigures:
    """Import ``paths`` (in memory) and count what got a date, and how."""
    result = plan_import(paths, "unused")
    counts = dict.fromkeys(
        (
            *("by_source", "by_dateline", "guessed", "inferred", "datelines", "datelines_kept"),
            *("events", "linked", "from_sentence", "shared"),
        ),
        0,
    )
    for _, built in result.documents:
        document = built.document
        info = document.info
        if info.date is not None:
            if document_date_guessed(info) and INFERRED_WORDS in (info.note or ""):
                counts["inferred"] += 1
            elif document_date_guessed(info):
                counts["guessed"] += 1
            elif info.note and info.note.startswith("Date from the dateline"):
                counts["by_dateline"] += 1
            else:
                counts["by_source"] += 1
        skip_first = built.source is not None and document.text.startswith(built.source)
        found = dateline(document.text, skip_first=skip_first)
        if found is not None:
            counts["datelines"] += 1
            counts["datelines_kept"] += info.date == found.value
        counts["events"] += len(document.events)
        for event in document.events:
            support = built.dated.get(event.id)
            if event.date is None or support is None:
                continue
            if support.shared:
                counts["shared"] += 1
            elif support.linked:
                counts["linked"] += 1
            else:
                counts["from_sentence"] += 1
    return DateFigures(len(result.documents), **counts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="CAT XML files or folders")
    args = parser.parse_args(argv)
    for line in measure(args.paths).as_lines():
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
