"""How well ``gloss import timeml`` dates events, on the TimeML test files.

Two figures:

``tlink_dated``
    Of the events a ``TLINK`` puts inside a time with a calendar value (``IS_INCLUDED``,
    ``DURING``, ``SIMULTANEOUS``, ``IDENTITY`` or their inverses, to a ``TIMEX3`` of type
    ``DATE``/``TIME`` or the creation time), the fraction that the import dates with one
    of those times. The links are read here straight from the XML, apart from the
    importer. Goal: at least 99%.

``normalised``
    The same files with the ``value`` of every ``TIMEX3`` removed except the creation
    time's, so that each time is read from its words by :func:`tui.core.timeline.timex.normalise`
    against the document date. Of the events dated by a time expression in the text
    (not the creation time, nor an expression that had no value to begin with), the
    fraction that get the same date as with the values. Goal: at least 85%.

``python benchmarks/timeml_accuracy.py [FILE_OR_DIR…]`` prints both, with each miss;
without arguments it reads ``tests/formats/data/timeml``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as ET

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tui.core.document.diagnostics import DiagnosticSink  # noqa: E402
from tui.core.document.model import Document  # noqa: E402
from tui.core.formats.timeml.build import DATING_RELTYPES, build  # noqa: E402
from tui.core.formats.timeml.parse import parse_bytes  # noqa: E402
from tui.core.timeline.timex import parse_value  # noqa: E402

SAMPLE = ROOT / "tests" / "formats" / "data" / "timeml"
TLINK_GOAL = 0.99
NORMALISED_GOAL = 0.85

_TIMEX_START = re.compile(r"<TIMEX3\b[^>]*>")
_VALUE = re.compile(r'\svalue="[^"]*"')


def _files(paths: Sequence[str]) -> list[Path]:
    found: list[Path] = []
    for path in map(Path, paths):
        found.extend(sorted(path.rglob("*.tml")) if path.is_dir() else [path])
    return found


def _document(data: bytes, path: Path) -> Document:
    sink = DiagnosticSink(str(path))
    timeml = parse_bytes(data, str(path), sink)
    assert timeml is not None, sink.sorted()
    return build(timeml, doc_id=path.stem, text_name=f"{path.stem}.txt", sink=sink)


def _event_dates(document: Document) -> dict[str, tuple[str | None, str | None, bool]]:
    """Each event's eid → (its date, the words of the date, whether it was inferred)."""
    found: dict[str, tuple[str | None, str | None, bool]] = {}
    for event in document.events:
        eid = dict(event.attributes)["eid"]
        date = event.date
        inferred = "inferred" in (event.note or "")
        found[eid] = (date.value.text if date else None, date.text if date else None, inferred)
    return found


def linked_dates(data: bytes) -> dict[str, set[str]]:
    """Each eid → the dates its dating TLINKs give, read from the XML alone."""
    root = ET.fromstring(data)
    times: dict[str, str] = {}
    for timex in root.iter("TIMEX3"):
        period = parse_value(timex.get("value", ""))
        if period is not None and timex.get("type") in ("DATE", "TIME"):
            times[timex.get("tid", "")] = period.date_text
    event_of = {i.get("eiid"): i.get("eventID") for i in root.iter("MAKEINSTANCE")}
    dates: dict[str, set[str]] = {}
    for link in root.iter("TLINK"):
        reltype = link.get("relType")
        source_event, target_event = link.get("eventInstanceID"), link.get("relatedToEventInstance")
        if source_event and (reltype, True) in DATING_RELTYPES:
            eid, tid = event_of.get(source_event), link.get("relatedToTime")
        elif target_event and (reltype, False) in DATING_RELTYPES:
            eid, tid = event_of.get(target_event), link.get("timeID")
        else:
            continue
        if eid and tid in times:
            dates.setdefault(eid, set()).add(times[tid])
    return dates


def without_values(data: bytes) -> bytes:
    """The file with the ``value`` of every ``TIMEX3`` but the creation time's removed."""

    def strip(match: re.Match[str]) -> str:
        tag = match[0]
        return tag if "CREATION_TIME" in tag else _VALUE.sub("", tag)

    return _TIMEX_START.sub(strip, data.decode("utf-8")).encode("utf-8")


@dataclass
class Accuracy:
    """Counts behind the two figures, and each miss described."""

    linked: int = 0
    linked_hits: int = 0
    normalised: int = 0
    normalised_hits: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def tlink_dated(self) -> float:
        return self.linked_hits / self.linked if self.linked else 1.0

    @property
    def normalised_right(self) -> float:
        return self.normalised_hits / self.normalised if self.normalised else 1.0


def measure(paths: Sequence[str] = (str(SAMPLE),)) -> Accuracy:
    """Both figures over the files, with the misses named."""
    found = Accuracy()
    misses = found.misses
    for path in _files(paths):
        data = path.read_bytes()
        full = _event_dates(_document(data, path))
        for eid, expected in linked_dates(data).items():
            found.linked += 1
            if full.get(eid, (None, None, False))[0] in expected:
                found.linked_hits += 1
            else:
                misses.append(
                    f"{path.name} {eid}: TLINK date {sorted(expected)}, got {full.get(eid)}"
                )
        stripped = _event_dates(_document(without_values(data), path))
        for eid, (date, words, inferred) in full.items():
            if date is None or words is None or inferred:
                continue  # undated, dated by the creation time, or no value to compare with
            found.normalised += 1
            got = stripped[eid][0]
            if got == date:
                found.normalised_hits += 1
            else:
                misses.append(f"{path.name} {eid}: '{words}' is {date}, normalised to {got}")
    return found


def main(argv: Sequence[str]) -> int:
    found = measure(argv or (str(SAMPLE),))
    print(
        f"events dated as their TLINKs say: {found.tlink_dated:.1%}"
        f" of {found.linked} (goal ≥ {TLINK_GOAL:.0%})"
    )
    print(
        f"dates right from the words alone: {found.normalised_right:.1%}"
        f" of {found.normalised} (goal ≥ {NORMALISED_GOAL:.0%})"
    )
    for miss in found.misses:
        print(f"  miss: {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
