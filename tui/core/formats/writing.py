"""Writing what an import or an export made: every file, or none and every reason why.

Everything goes through the one writer (:mod:`tui.core.files.safewrite`); here the
refusals of a whole set of files are gathered first, so that nothing is written when
anything would be refused, and the caller reports them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.document.model import Document
from tui.core.files.safewrite import PlannedWrite, WriteRefused, refusals, write_files


@dataclass(frozen=True, slots=True)
class ImportTarget:
    """One imported document and where it goes: its YAML, its text, and whether the
    text is written too (or is the input's own text file, named by the YAML)."""

    document: Document
    yaml_path: str
    text_path: str
    write_text: bool


def plan_imported(targets: Sequence[ImportTarget], headers: Sequence[str]) -> list[PlannedWrite]:
    """The files that write each target (its text, when asked, then its YAML naming the
    text relative to it); ``headers`` are the YAML files' header comments, one a target."""
    from tui.core.formats import yaml_out

    planned: list[PlannedWrite] = []
    for target, header in zip(targets, headers, strict=True):
        folder = os.path.dirname(target.yaml_path) or "."
        if target.write_text:
            planned.append(PlannedWrite(target.text_path, target.document.text.encode("utf-8")))
        text_name = os.path.relpath(target.text_path, folder).replace(os.sep, "/")
        yaml_text = yaml_out.dumps(target.document, text_name=text_name, header=header)
        planned.append(PlannedWrite(target.yaml_path, yaml_text.encode("utf-8")))
    return planned


def write_all(planned: Sequence[PlannedWrite], *, force: bool) -> list[WriteRefused]:
    """Write every planned file, or none: the reasons not to (empty when all were written)."""
    problems = refusals(planned, force=force)
    problems.extend(_same_path_twice(planned))
    if problems:
        return problems
    try:
        write_files(planned, force=force)
    except WriteRefused as error:
        return [error]
    except OSError as error:
        return [WriteRefused(str(error.filename or "?"), f"cannot write it ({error.strerror})")]
    return []


def _same_path_twice(planned: Sequence[PlannedWrite]) -> list[WriteRefused]:
    """Two files planned at one path: the second would silently replace the first."""
    seen: set[str] = set()
    found = []
    for item in planned:
        key = os.path.normcase(os.path.abspath(item.path))
        if key in seen:
            found.append(WriteRefused(item.path, "two documents would be written to this one file"))
        seen.add(key)
    return found


def hazard_notice(text: str, text_path: str) -> str | None:
    """What an import says once about the control or invisible characters of the text
    it read (U+0085 in doccano's and MEDDOCAN's files), as ``FILE:LINE:COLUMN: warning:
    …`` at the first of them, or None when there are none."""
    from tui.core.text.textsafety import find_hazards

    hazards = find_hazards(text)
    if not hazards:
        return None
    counts: dict[str, int] = {}
    for hazard in hazards:
        counts[hazard.name] = counts.get(hazard.name, 0) + 1
    listed = ", ".join(
        name if count == 1 else f"{name} ×{count}" for name, count in list(counts.items())[:5]
    )
    more = f" and {len(counts) - 5} more kinds" if len(counts) > 5 else ""
    first = hazards[0].offset
    line = text.count("\n", 0, first) + 1
    column = first - text.rfind("\n", 0, first)
    return (
        f"{text_path}:{line}:{column}: warning: the text holds {len(hazards)} control or "
        f"invisible character(s) ({listed}{more}); "
        "they are the source's text and are kept, shown as placeholders; the gloss file "
        "accepts them (document: accept: [text-hazard])"
    )
