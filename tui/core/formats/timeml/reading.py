"""``gloss import timeml FILE|DIR -o OUT/``: TimeML files → a gloss corpus folder.

Each ``NAME.tml`` (or ``NAME.xml``) becomes ``OUT/NAME.txt`` and ``OUT/NAME.yaml``. A
problem in one file is reported with its place and does not stop the others; a file
that is not TimeML is refused and nothing is written for it. Writing (everything or
nothing, and the check of what was written) is the import command's.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Position, Severity
from tui.core.document.model import Document
from tui.core.formats.inputs import document_id, xml_inputs
from tui.core.formats.sniff import refuse_other_format
from tui.core.formats.timeml.build import build
from tui.core.formats.timeml.parse import parse_file

SUFFIXES = (".tml", ".xml")


@dataclass(frozen=True, slots=True)
class ImportedTimeML:
    """One document read: the file it came from, the folder of OUT it goes to (its
    folder under the folder named, as the CAT import keeps them) and the document."""

    source: str
    folder: str
    document: Document


@dataclass
class TimeMLImport:
    """The documents read, each with the file it came from, and every problem found."""

    documents: list[ImportedTimeML] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        """Whether any input had an error (its other documents are still imported)."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def read_timeml(paths: Sequence[str], *, allow_outside: bool = False) -> TimeMLImport:
    """Read every input (files, or folders searched for ``.tml`` and ``.xml``; a file
    found in a folder must resolve inside it unless ``allow_outside``)."""
    result = TimeMLImport()
    inputs, problems = xml_inputs(paths, SUFFIXES, allow_outside=allow_outside)
    result.diagnostics.extend(problems)
    taken: dict[str, str] = {}
    for each in inputs:
        path = each.path
        sink = DiagnosticSink(path)
        doc_id = document_id(path, sink)
        # Case folded: on a case-insensitive disk A.tml and a.tml are one output file.
        place = os.path.join(each.folder, doc_id).casefold()
        if place in taken:
            sink.error(
                Position(1, 1),
                f"another input ({taken[place]}) has the same name; this one is skipped",
            )
        elif not refuse_other_format("timeml", sink, path=path):
            timeml = parse_file(path, sink)
            if timeml is not None:
                taken[place] = path
                document = build(timeml, doc_id=doc_id, text_name=f"{doc_id}.txt", sink=sink)
                result.documents.append(ImportedTimeML(path, each.folder, document))
        result.diagnostics.extend(sink.sorted())
    return result
