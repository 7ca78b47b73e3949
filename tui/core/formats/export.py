"""The forms ``gloss export --format`` prints or writes, and the export too large to write.

brat is apart (:func:`tui.core.formats.brat.plan_brat`): it is files, not one text.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.document.model import Document

EXPORT_FORMATS = (
    *("json", "brat", "w3c", "displacy", "doccano", "html", "conll", "webanno"),
    *("labelstudio", "prodigy"),
)

MANY_FORMATS = ("labelstudio", "prodigy")
"""Formats one export writes several gloss files into (the tasks or records of one file),
from each document and its text as stored (CRLF and BOM kept, so a round trip gives the
source back)."""

W3C_MAX_ANNOTATIONS = 100_000
"""The most annotations a W3C export writes (each is about 700 bytes of JSON-LD)."""


def too_large(document: Document, fmt: str) -> str | None:
    """Why an export would be unreasonably large, or None.

    A W3C annotation repeats its entity, its quote and 64 characters of context, so
    ``{quote: a, all: true}`` on a 1 MB text would write hundreds of megabytes; that
    is refused with a message rather than written.
    """
    if fmt != "w3c":
        return None
    count = len(document.mentions) + len(document.events)
    if count <= W3C_MAX_ANNOTATIONS:
        return None
    return (
        f"a W3C export would hold {count:,} annotations (about {count * 700 // 1_000_000:,} MB), "
        f"over the limit of {W3C_MAX_ANNOTATIONS:,}; export fewer mentions (an 'all: true' "
        "on a short quote?) or use --format doccano or json"
    )


def render(document: Document, fmt: str, *, flavour: str = "ner", scheme: str = "iob2") -> str:
    """The document in one of the text formats (``json``: gloss's resolved form;
    ``conll`` in ``flavour`` ner or u, with tags in ``scheme``)."""
    if fmt == "conll":
        from tui.core.formats.conll.writing import dumps_conll

        return dumps_conll(document, flavour, scheme)
    if fmt == "webanno":
        from tui.core.formats.webanno.tsv import dumps_webanno

        return dumps_webanno(document)
    if fmt == "w3c":
        from tui.core.formats.w3c import dumps as w3c_dumps

        return w3c_dumps(document)
    if fmt == "displacy":
        from tui.core.formats.spans import dumps_displacy

        return dumps_displacy(document)
    if fmt == "doccano":
        from tui.core.formats.spans import dumps_doccano

        return dumps_doccano(document)
    if fmt == "html":
        from tui.core.formats.html import render as render_html

        return render_html(document)
    from tui.core.formats.resolved import dumps

    return dumps(document)


def render_many(documents: Sequence[tuple[Document, str]], fmt: str) -> str:
    """Several documents, each with its raw text, in one of :data:`MANY_FORMATS`."""
    if fmt == "labelstudio":
        from tui.core.formats.labelstudio import dumps_labelstudio

        return dumps_labelstudio(documents)
    from tui.core.formats.prodigy import dumps_prodigy

    return dumps_prodigy(documents)
