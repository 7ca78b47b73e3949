"""Opening an article text that has no annotation file yet: a *bare* text.

``gloss article.txt`` reads the text as the loader reads an annotation file's text (the
same reader, cap, UTF-8 and read rules; control characters warned about, not refused)
and gives a :class:`~tui.core.document.model.Document` with no annotations. Its
annotation file does not exist yet: it will be ``article.yaml`` beside the text, written
on the first save (:class:`~tui.core.loading.loader.NewAnnotation` says where).

What a text name opens (:func:`load_bare_text`), in this order:

1. an annotation file beside the text that names it as its ``document.text``
   (``article.yaml`` first, else the first by name): that file is loaded instead, so a
   text is never annotated twice by mistake;
2. an error when ``article.yaml`` exists but is not this text's annotation file (or is
   not a file at all): gloss writes only where nothing is, so it says which file is in
   the way;
3. otherwise the text itself, bare.
"""

from __future__ import annotations

import os

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import (
    DEFAULT_ENTITY_TYPES,
    DEFAULT_EVENT_TYPES,
    Document,
    DocumentInfo,
    TypeInfo,
)
from tui.core.document.warning_codes import apply_codes
from tui.core.files.saferead import ReadRefused, is_inside, resolve_found
from tui.core.loading import yamlsafe
from tui.core.loading.companions import looks_like_text, yaml_using_text
from tui.core.loading.loader import LoadResult, NewAnnotation, load, warn_hazards
from tui.core.text.anchoring import TextIndex

ANNOTATION_SUFFIX = ".yaml"
"""The suffix of the annotation file a bare text gets."""
_ID_LIMIT = 80
"""Ids made from file names are cut at this length (the format allows 100)."""
_START = Position(1, 1)


def annotation_path_for(text_path: str) -> str:
    """Where the annotation file of ``text_path`` goes: beside it, ``.yaml`` for its suffix."""
    return os.path.splitext(text_path)[0] + ANNOTATION_SUFFIX


def document_id_for(text_path: str) -> str:
    """A valid document id for the text's file name: the slug of its stem, lower case
    ASCII letters, digits and ``-`` (``Élan Vital (2).txt`` → ``elan-vital-2``), or
    ``document`` when the name has no letter or digit gloss can keep (as imports name
    documents)."""
    from tui.core.formats.common import slugify  # as imports name their documents

    stem = os.path.splitext(os.path.basename(text_path))[0]
    return slugify(stem, limit=_ID_LIMIT) or "document"


def load_target(path: str, *, allow_outside: bool = False) -> LoadResult:
    """What ``gloss PATH`` reads: an article text (``.txt``, ``.text``, ``.md``) through
    :func:`load_bare_text`, any other file as an annotation file."""
    if looks_like_text(path):
        return load_bare_text(path, allow_outside=allow_outside)
    return load(path, allow_outside=allow_outside)


def annotation_of(text_path: str) -> str | None:
    """The annotation file beside ``text_path`` that names it as its text, if one does
    (``article.yaml`` before any other)."""
    users = yaml_using_text(text_path)
    if not users:
        return None
    planned = os.path.abspath(annotation_path_for(text_path))
    return next((user for user in users if os.path.abspath(user) == planned), users[0])


def load_bare_text(
    path: str, *, allow_outside: bool = False, find_annotation: bool = True
) -> LoadResult:
    """Read the article text ``path`` for annotating; never raises for anything in it.

    The result is the annotation file's load when one beside the text names it (its
    :attr:`~LoadResult.path` is then that file). Otherwise it is the bare text: a
    document without annotations, its :attr:`~LoadResult.new_annotation` saying where
    the annotation file will be written; or errors, at ``path``, when the text cannot
    be read or that place is taken. ``find_annotation=False`` skips looking for an
    annotation file that names the text (a corpus knows already that none does).
    """
    existing = annotation_of(path) if find_annotation else None
    if existing is not None:
        return load(existing, allow_outside=allow_outside)
    sink = DiagnosticSink(path)
    planned = annotation_path_for(path)
    new = NewAnnotation(
        text_path=os.path.join(os.path.dirname(planned), os.path.basename(path)),
        yaml_path=planned,
        text_name=os.path.basename(path),
    )
    if os.path.lexists(planned):
        sink.error(
            _START,
            f"{planned} already exists and is not the annotation file of this text; gloss "
            "would write this text's annotations there and never replaces a file: move or "
            f"rename {os.path.basename(planned)}",
        )
        return LoadResult(path, None, sink.sorted())
    document = _read(path, new, sink, allow_outside=allow_outside)
    diagnostics = sink.sorted()
    if diagnostics:
        diagnostics = apply_codes(diagnostics, path, None)
    if sink.has_errors:
        return LoadResult(path, None, diagnostics)
    return LoadResult(path, document, diagnostics, new_annotation=new)


def _read(
    path: str, new: NewAnnotation, sink: DiagnosticSink, *, allow_outside: bool
) -> Document | None:
    folder = os.path.dirname(os.path.abspath(path))
    try:
        # The annotation file will name the text from its own folder: a text that is a
        # link out of it would not load from there, so it is refused here the same way.
        real = resolve_found(folder, path, allow_outside=allow_outside)
    except ReadRefused as refused:
        sink.error(_START, f"the article text {refused.reason}")
        return None
    if not is_inside(folder, real):
        sink.warning(
            _START,
            f"the article text {new.text_name!r} links outside its folder (read because of "
            "--allow-outside); make sure it is the file you mean to read",
        )
    decoded = yamlsafe.read_text_file(
        real, sink, _START, "article text", yamlsafe.MAX_TEXT_BYTES, shown_as=path
    )
    if decoded is None:
        return None
    text = decoded.text
    warn_hazards(text, TextIndex(text), sink, path)
    # Here, not at the top: 'gloss FILE.yaml' imports this module and needs neither.
    from tui.core.formats.cat.dating import dateline  # how imports find datelines

    found = dateline(text, skip_first=False)
    info = DocumentInfo(
        id=document_id_for(path),
        title=None,
        date=found.value if found is not None else None,
        language=None,
        text_path=new.text_path,
        note=f"Date from the dateline “{found.words}”." if found is not None else None,
    )
    return Document(
        info=info,
        text=text,
        entities=(),
        events=(),
        relations=(),
        entity_types={code: TypeInfo(code, *v) for code, v in DEFAULT_ENTITY_TYPES.items()},
        event_types={code: TypeInfo(code, *v) for code, v in DEFAULT_EVENT_TYPES.items()},
    )
