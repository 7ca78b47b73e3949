"""The files an import reads, and the id of the document read from each.

Shared by the imports that take files or folders of them (CAT, TimeML): a folder is
searched recursively, in natural order, and a file found in it must resolve inside it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Position, Severity
from tui.core.files.saferead import ReadRefused, resolve_found
from tui.core.formats.common import GLOSS_ID


def _natural_key(path: str) -> list[object]:
    """``1_2ecb`` before ``1_10ecb``: numbers compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path)]


@dataclass(frozen=True, slots=True)
class XmlInput:
    """One XML file to import, and the folder it is in relative to the folder named
    (``""`` for a file named itself): its documents are written in that folder of OUT."""

    path: str
    folder: str


def xml_inputs(
    paths: Iterable[str],
    suffixes: tuple[str, ...] = (".xml",),
    *,
    allow_outside: bool = False,
) -> tuple[list[XmlInput], list[Diagnostic]]:
    """The files named, or those ending in ``suffixes`` found (recursively) in the folders
    named, in natural order.

    A file found in a folder must resolve inside it (a link out is an error, unless
    ``allow_outside``); a file named is the user's choice.
    """
    found: list[XmlInput] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if os.path.isdir(path):
            inside: list[XmlInput] = []
            for folder, subfolders, files in os.walk(path):
                subfolders.sort()
                relative = os.path.relpath(folder, path)
                relative = "" if relative == os.curdir else relative
                for name in files:
                    if not name.lower().endswith(suffixes):
                        continue
                    file = os.path.join(folder, name)
                    try:
                        resolve_found(path, file, allow_outside=allow_outside)
                    except ReadRefused as refused:
                        problems.append(
                            Diagnostic(file, Position(1, 1), Severity.ERROR, refused.reason)
                        )
                        continue
                    inside.append(XmlInput(file, relative))
            if not inside:
                kinds = " or ".join(suffixes)
                problems.append(
                    Diagnostic(
                        path, Position(1, 1), Severity.ERROR, f"no {kinds} file in this folder"
                    )
                )
            found.extend(sorted(inside, key=lambda each: _natural_key(each.path)))
        elif os.path.exists(path):
            found.append(XmlInput(path, ""))
        else:
            problems.append(Diagnostic(path, Position(1, 1), Severity.ERROR, "no such file"))
    return found, problems


def document_id(path: str, sink: DiagnosticSink) -> str:
    """The gloss id of the document read from ``path``: the file's name without its
    extension, made into an id (with a warning) when it is not one."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if GLOSS_ID.fullmatch(stem):
        return stem
    fixed = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-._")[:100] or "document"
    if not fixed[0].isalnum():
        fixed = "doc-" + fixed
    sink.warning(Position(1, 1), f"the file name is not a gloss id; the document is '{fixed}'")
    return fixed
