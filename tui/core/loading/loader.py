"""Load and validate a gloss YAML file into a :class:`Document`.

Every check reports to a :class:`DiagnosticSink` and carries on, so one run lists
all the problems of a file. Each problem points at the YAML node at fault: for a
mention, the mention's own line.

The sections are read by :mod:`.declared_types`, :mod:`.entities`, :mod:`.events`
and :mod:`.relations`; places in the text by :mod:`.selectors`; the checks every
section shares (node shapes, ids, attributes) are in :mod:`.checking`.
"""

from __future__ import annotations

import os
import re

from tui.core.document.diagnostics import DiagnosticSink, Position, Severity
from tui.core.document.model import (
    DEFAULT_ENTITY_TYPES,
    DEFAULT_EVENT_TYPES,
    Document,
    DocumentInfo,
    TypeInfo,
)
from tui.core.document.warning_codes import apply_codes
from tui.core.files.saferead import ReadRefused, is_inside, read_capped_text, resolve_named
from tui.core.loading import yamlsafe
from tui.core.loading.checking import (
    ID,
    Checker,
    State,
    is_null,
    read_attributes,
    read_date_value,
)
from tui.core.loading.declared_types import check_types_used, read_types
from tui.core.loading.entities import check_shared_spans, read_entities
from tui.core.loading.events import read_events
from tui.core.loading.relations import read_relations
from tui.core.loading.result import LoadResult as LoadResult  # where it was
from tui.core.loading.result import NewAnnotation as NewAnnotation
from tui.core.loading.sources import SourceMap
from tui.core.loading.yamlsafe import (
    Node,
    compose,
    position_of,
    read_text_file,
)
from tui.core.text.anchoring import (
    TextIndex,
)
from tui.core.text.textsafety import Hazard, find_hazards

FORMAT_VERSION = 1


def load(path: str, *, allow_outside: bool = False, yaml_text: str | None = None) -> LoadResult:
    """Load and check an annotation file; never raises for anything in the file.

    The article text must resolve to a regular file inside the annotation file's folder
    tree (see :mod:`tui.core.files.saferead`) unless ``allow_outside``. With
    ``yaml_text``, that text is read as the annotation file's content instead of the
    file at ``path`` (which need not exist): a file about to be saved is checked so.
    """
    display_path = path
    sink = DiagnosticSink(display_path)
    source = SourceMap()
    document = _load(path, sink, source, allow_outside=allow_outside, yaml_text=yaml_text)
    diagnostics = sink.sorted()
    if any(d.severity is Severity.WARNING for d in diagnostics):
        accepting = _source_text(path) if yaml_text is None else yaml_text
        diagnostics = apply_codes(diagnostics, display_path, accepting)
    if sink.has_errors:
        document = None
    return LoadResult(display_path, document, diagnostics, source)


def _source_text(path: str) -> str | None:
    """The annotation file again, to find ``accept`` lists (only read when there are
    warnings; a file that cannot be read again just accepts nothing)."""
    try:
        return read_capped_text(path, yamlsafe.MAX_YAML_BYTES, errors="replace")
    except ReadRefused:
        return None


def _load(
    path: str,
    sink: DiagnosticSink,
    source: SourceMap | None = None,
    *,
    allow_outside: bool = False,
    yaml_text: str | None = None,
) -> Document | None:
    checker = Checker(sink)
    if yaml_text is None:
        decoded = read_text_file(
            path, sink, Position(1, 1), "annotation file", yamlsafe.MAX_YAML_BYTES
        )
        if decoded is None:
            return None
        text = decoded.text
    else:
        text = yaml_text.removeprefix("\ufeff").replace("\r\n", "\n")
    root = compose(text, sink)
    if root is None or sink.has_errors:
        return None
    top = checker.mapping(
        root, "the file", ("gloss", "document"), ("types", "entities", "events", "relations")
    )
    if top is None:
        return None
    version_node = top.get("gloss")
    if version_node is not None and not is_null(version_node):  # null: "needs 'gloss'"
        version = checker.integer(version_node, "'gloss' (the format version)")
        if version is not None and version != FORMAT_VERSION:
            checker.error(
                version_node,
                f"format version {version} is not supported; this gloss reads version "
                f"{FORMAT_VERSION}",
            )
    document_node = top.get("document")
    if document_node is None:
        return None
    info_and_text = _read_document(document_node, path, checker, allow_outside=allow_outside)
    if info_and_text is None:
        return None
    info, text = info_and_text
    state = State(checker, TextIndex(text), info.text_path, source=source or SourceMap())
    _check_text(text, state)
    read_types(top.get("types"), state)
    entities = read_entities(top.get("entities"), state)
    known_ids = {e.id for e in entities} | state.written_entity_ids
    events = read_events(top.get("events"), state, known_ids, info)
    relations = read_relations(top.get("relations"), state, known_ids, {e.id for e in events})
    check_types_used(state)
    check_shared_spans(entities, state)
    return Document(
        info=info,
        text=text,
        entities=tuple(entities),
        events=tuple(events),
        relations=tuple(relations),
        entity_types={
            **{code: TypeInfo(code, *v) for code, v in DEFAULT_ENTITY_TYPES.items()},
            **state.entity_types,
        },
        event_types={
            **{code: TypeInfo(code, *v) for code, v in DEFAULT_EVENT_TYPES.items()},
            **state.event_types,
        },
        relation_types=state.relation_types,
    )


def _read_document(
    node: Node, yaml_path: str, checker: Checker, *, allow_outside: bool
) -> tuple[DocumentInfo, str] | None:
    fields = checker.mapping(
        node,
        "document",
        ("id", "text"),
        ("title", "date", "note", "language", "accept", "attributes"),
    )
    if fields is None:
        return None
    doc_id = checker.identifier(
        fields.get("id"), "document id", ID, "use letters, digits, '-', '_' or '.'"
    )
    title = checker.text(fields.get("title"), "title")
    language = checker.identifier(
        fields.get("language"),
        "language",
        re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*"),
        "use a BCP 47 tag such as en or en-GB",
    )
    date = read_date_value(fields.get("date"), "document date", checker)
    note = checker.text(fields.get("note"), "document note")
    attributes = read_attributes(fields.get("attributes"), checker)
    text_node = fields.get("text")
    text_name = checker.text(text_node, "text (the article file)")
    if text_name is None or text_node is None:
        return None  # without the text no selector can be checked
    text_path = os.path.join(os.path.dirname(yaml_path), text_name)
    try:
        # Standoff files sit beside their text; one resolving elsewhere (an absolute path,
        # ../.., a link to /proc/self/environ) would make gloss show or quote that file.
        real_path = resolve_named(yaml_path, text_name, allow_outside=allow_outside)
    except ReadRefused as refused:
        checker.error(text_node, f"the article text {refused.reason}")
        return None
    if not is_inside(os.path.dirname(os.path.abspath(yaml_path)), real_path):
        checker.warning(
            text_node,
            f"the article text {text_name!r} is outside this file's folder (read because of "
            "--allow-outside); make sure it is the file you mean to read",
        )
    decoded = read_text_file(
        real_path,
        checker.sink,
        position_of(text_node),
        "article text",
        yamlsafe.MAX_TEXT_BYTES,
        shown_as=text_path,
    )
    if decoded is None:
        return None
    # A bad id is already reported; carry on with a stand-in so that every other problem
    # of the file is found in the same run (the document is not returned anyway).
    info = DocumentInfo(doc_id or "?", title, date, language, text_path, note, attributes)
    return info, decoded.text


def _check_text(text: str, state: State) -> None:
    """Warn about characters in the article that will be shown as placeholders."""
    warn_hazards(text, state.index, state.checker.sink, state.text_path)


def warn_hazards(text: str, index: TextIndex, sink: DiagnosticSink, text_path: str) -> None:
    """One warning per control or invisible character the article holds, at its first
    place in ``text_path`` and saying how often it occurs (the first 50 characters,
    then how many more)."""
    first: dict[str, Hazard] = {}
    counts: dict[str, int] = {}
    for hazard in find_hazards(text):
        first.setdefault(hazard.char, hazard)
        counts[hazard.char] = counts.get(hazard.char, 0) + 1
    limit = 50
    for char, hazard in list(first.items())[:limit]:
        line, column = index.line_column(hazard.offset)
        times = "" if counts[char] == 1 else f" ({counts[char]} times, first here)"
        sink.warning(
            Position(line, column),
            f"the text contains {hazard.name}{times}; it is shown as a placeholder",
            path=text_path,
        )
    if len(first) > limit:
        later = list(first.values())[limit]
        sink.warning(
            Position(*index.line_column(later.offset)),
            f"{len(first) - limit} more kinds of control or invisible characters are not listed",
            path=text_path,
        )
