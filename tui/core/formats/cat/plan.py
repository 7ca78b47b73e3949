"""What ``gloss import cat DIR_OR_FILES -o OUT/`` writes: a folder of CAT XML files →
a gloss corpus.

Each XML file becomes ``ID.txt`` and ``ID.yaml``, where ID is the file's name without
``.xml`` (``1_1ecbplus``), so a document can be found in the literature by its name. They
are written in the folder of OUT that the file is in under the folder named
(``ECB+/1/1_1ecb.xml`` given ``ECB+`` → ``OUT/1/1_1ecb.yaml``); a file named itself goes
to OUT. ``OUT/SOURCE.md`` carries where the documents came from, the licence and
the citation. A problem in one file is reported with its place and does not stop the
others; the files are written all together or not at all (nothing is replaced that
gloss did not write, unless ``--force``): this module plans them and says why they
may not be written; the command (:mod:`tui.cli.import_cat`) reports and writes.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from tui.core.corpus.identity import EVENT, Member, group_members
from tui.core.document.diagnostics import Diagnostic, DiagnosticSink, Position, Severity
from tui.core.document.model import Event
from tui.core.files.safewrite import PlannedWrite, WriteRefused, refusals
from tui.core.formats.cat.build import Built, build
from tui.core.formats.cat.dating import DateSupport, Telling, share_dates
from tui.core.formats.cat.inferred_dates import with_inferred_date
from tui.core.formats.cat.parse import parse_file
from tui.core.formats.inputs import (
    CAT,
    XmlInput,
    document_id,
    other_format,
    sniff_file,
    xml_inputs,
)
from tui.core.formats.yaml_out import dumps

SOURCE_NAME = "SOURCE.md"
ECBPLUS_NAME = re.compile(r"\d+_\d+ecb(?:plus)?")
"""How ECB+ names its documents: topic, number, and which half of the corpus."""

ECBPLUS_CITATION = (
    "Agata Cybulska and Piek Vossen. 2014. Using a sledgehammer to crack a nut? Lexical"
    " diversity and event coreference resolution. In Proceedings of the 9th International"
    " Conference on Language Resources and Evaluation (LREC 2014)."
)
ECBPLUS_LICENCE = (
    "Creative Commons Attribution 3.0 Unported (CC BY 3.0),"
    " https://creativecommons.org/licenses/by/3.0/. ECB+ annotation is held copyright by"
    " Agata Cybulska, Piek Vossen and the VU University of Amsterdam."
)


@dataclass
class CatImport:
    """What an import would write, and every problem found on the way."""

    planned: list[PlannedWrite] = field(default_factory=list)
    documents: list[tuple[str, Built]] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    """The folder of OUT each document is written in (``""``: OUT itself), as its input
    was in the folder named."""
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        """Whether any input had an error (its other documents are still imported)."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def _header(xml_name: str, built: Built, ecbplus: bool) -> str:
    lines = [f"Imported from {xml_name} (CAT/CROMER XML) by gloss import cat."]
    if built.source:
        lines.append(f"Source: {built.source}")
    if ecbplus:
        lines.append("ECB+ corpus, CC BY 3.0, Cybulska and Vossen (LREC 2014): see SOURCE.md.")
    return "\n".join(lines)


def _shown_name(folder: str, doc_id: str) -> str:
    """A document as SOURCE.md names it: its place under OUT (``1/1_1ecb``)."""
    return "/".join([*folder.split(os.sep), doc_id]) if folder else doc_id


def source_file(documents: Sequence[tuple[str, Built]], ecbplus: bool) -> str:
    """The corpus file: where the documents come from, their licence and citation;
    ``documents`` are named by their place under OUT."""
    lines = ["# Where these documents come from", ""]
    if ecbplus:
        lines += [
            "These documents are from the ECB+ corpus (news articles annotated with events,",
            "their times, places and participants, and their coreference within and across",
            "documents), converted from its CAT/CROMER XML by `gloss import cat`: the text was",
            "laid out from the tokens and the annotations were written as gloss files.",
            "",
            f"Licence: {ECBPLUS_LICENCE}",
            "",
            "Please cite:",
            "",
            f"> {ECBPLUS_CITATION}",
            "",
        ]
    else:
        lines += [
            "These documents were converted from CAT/CROMER XML by `gloss import cat`. Their",
            "licence and citation are those of the XML files they came from.",
            "",
        ]
    lines += ["| document | source |", "| --- | --- |"]
    for doc_id, built in documents:
        lines.append(f"| {doc_id} | {built.source or 'not given'} |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class _Job:
    path: str
    doc_id: str
    folder: str
    ecbplus: bool
    early: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class _Done:
    doc_id: str
    folder: str
    built: Built | None
    diagnostics: tuple[Diagnostic, ...]
    header: str


def _convert(job: _Job) -> _Done:
    """One file, read and built."""
    sink = DiagnosticSink(job.path)
    sink.items.extend(job.early)
    # A file of another format (a UIMA XMI) is refused whole: nothing is written for it.
    message = other_format(sniff_file(job.path), CAT)
    if message is not None:
        sink.error(Position(1, 1), message)
        return _Done(job.doc_id, job.folder, None, sink.sorted(), "")
    cat = parse_file(job.path, sink)
    if cat is None:
        return _Done(job.doc_id, job.folder, None, sink.sorted(), "")
    built = build(cat, doc_id=job.doc_id, text_name=f"{job.doc_id}.txt", sink=sink)
    header = _header(os.path.basename(job.path), built, job.ecbplus)
    return _Done(job.doc_id, job.folder, built, sink.sorted(), header)


def share_dates_across(documents: Sequence[tuple[str, Built]]) -> list[Built]:
    """Every happening told in several places (events sharing a link, in one document or
    many) takes one date, the best supported of its tellings' (see
    :func:`~tui.core.formats.cat.dating.share_dates`); ``documents`` are named uniquely."""
    members: list[Member] = []
    tellings: list[Telling] = []
    for number, (name, built) in enumerate(documents):
        document = built.document
        for event in document.events:
            if event.links:
                members.append(Member(number, event.id, EVENT, event.type, (), event.links))
                tellings.append(Telling(name, event, built.dated.get(event.id), document.info.date))
    changed: dict[tuple[str, str], tuple[Event, DateSupport]] = {}
    for group in group_members(members).groups:
        if len(group) > 1:
            changed.update(share_dates([tellings[member] for member in group]))
    if not changed:
        return [built for _, built in documents]
    shared: list[Built] = []
    for name, built in documents:
        events = built.document.events
        if not any((name, event.id) in changed for event in events):
            shared.append(built)
            continue
        dated = dict(built.dated)
        new_events: list[Event] = []
        for event in events:
            found = changed.get((name, event.id))
            if found is not None:
                event, dated[event.id] = found
            new_events.append(event)
        document = replace(built.document, events=tuple(new_events))
        shared.append(replace(built, document=document, dated=dated))
    return shared


def _dated_by_its_words(built: Built) -> Built:
    """An undated document dated by its relative words and the dates other documents
    give its happenings (:mod:`~tui.core.formats.cat.inferred_dates`)."""
    document = with_inferred_date(built.document, dict(built.dated))
    return built if document is built.document else replace(built, document=document)


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
    """An import makes millions of small objects (tokens, spans, strings) and no
    reference cycles; Python's cycle collector would walk them again and again (a
    fifth of the time of a large import), so it rests until the import is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def plan_import(paths: Sequence[str], output: str, *, allow_outside: bool = False) -> CatImport:
    """Read every input and plan the files to write; nothing is written here."""
    with without_cycle_collection():
        return _plan_import(paths, output, allow_outside=allow_outside)


def _plan_import(paths: Sequence[str], output: str, *, allow_outside: bool = False) -> CatImport:
    result = CatImport()
    inputs, problems = xml_inputs(paths, allow_outside=allow_outside)
    result.diagnostics.extend(problems)
    taken: dict[str, str] = {}
    named: list[tuple[XmlInput, str, tuple[Diagnostic, ...]]] = []
    for each in inputs:
        sink = DiagnosticSink(each.path)
        doc_id = document_id(each.path, sink)
        # Case folded: on a case-insensitive disk 1_1ECB and 1_1ecb are one file.
        place = os.path.join(each.folder, doc_id).casefold()
        if place in taken:
            sink.error(
                Position(1, 1),
                f"another input ({taken[place]}) has the same name; this one is skipped",
            )
            result.diagnostics.extend(sink.sorted())
            continue
        taken[place] = each.path
        named.append((each, doc_id, tuple(sink.items)))
    ecbplus = any(ECBPLUS_NAME.fullmatch(doc_id) for _, doc_id, _ in named)
    jobs = [_Job(each.path, doc_id, each.folder, ecbplus, early) for each, doc_id, early in named]
    # One process converts them: worker processes were measured slower on two shared
    # cores (the documents travel back pickled), so the work is kept lean instead.
    converted: list[_Done] = []
    for done in map(_convert, jobs):
        result.diagnostics.extend(done.diagnostics)
        if done.built is not None:
            converted.append(done)
    shared = [
        _dated_by_its_words(built)
        for built in share_dates_across(
            [
                (_shown_name(done.folder, done.doc_id), done.built)
                for done in converted
                if done.built
            ]
        )
    ]
    for done, built in zip(converted, shared, strict=True):
        result.documents.append((done.doc_id, built))
        result.folders.append(done.folder)
        into = os.path.join(output, done.folder)
        text_name = f"{done.doc_id}.txt"
        yaml_text = dumps(built.document, text_name=text_name, header=done.header)
        result.planned.append(
            PlannedWrite(os.path.join(into, text_name), built.document.text.encode("utf-8"))
        )
        result.planned.append(
            PlannedWrite(os.path.join(into, f"{done.doc_id}.yaml"), yaml_text.encode("utf-8"))
        )
    if result.documents:
        result.planned.append(
            PlannedWrite(
                os.path.join(output, SOURCE_NAME),
                source_file(
                    [
                        (_shown_name(folder, doc_id), built)
                        for folder, (doc_id, built) in zip(
                            result.folders, result.documents, strict=True
                        )
                    ],
                    ecbplus,
                ).encode("utf-8"),
            )
        )
    return result


def _linked_folders(output: str, folders: Iterable[str]) -> list[WriteRefused]:
    """The folders under OUT that the input's folders would be written through but are
    symbolic links (or not folders): nothing is written through a link."""
    refused: list[WriteRefused] = []
    seen: set[str] = set()
    for folder in folders:
        place = output
        for part in folder.split(os.sep) if folder else ():
            place = os.path.join(place, part)
            if place in seen:
                continue
            seen.add(place)
            if os.path.islink(place):
                refused.append(
                    WriteRefused(
                        place, "it is a symbolic link; gloss writes no folder through a link"
                    )
                )
            elif os.path.lexists(place) and not os.path.isdir(place):
                refused.append(WriteRefused(place, "it is not a folder"))
    return refused


def write_refusals(result: CatImport, output: str, *, force: bool) -> list[WriteRefused]:
    """Every reason not to write ``result`` into the folder ``output`` (none: it may be
    written): OUT is not a folder, a folder on the way is a link, a file gloss did not
    write is in the way."""
    refused = refusals(result.planned, force=force)
    if os.path.lexists(output) and not os.path.isdir(output):
        refused.insert(0, WriteRefused(output, "it is not a folder"))
    refused[:0] = _linked_folders(output, result.folders)
    return refused
