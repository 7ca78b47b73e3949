"""Round trips: import(export(x)) == x for everything the target format can express.

Checked on the bundled article and on small generated documents (hypothesis), which
mix non-ASCII words, markup-like text, line breaks, nested and repeated mentions.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.formats.helpers import (
    BUNDLED,
    brat_view,
    check_html_marks,
    documents,
    span_view,
    w3c_view,
)
from tui.core.document.model import Document
from tui.core.formats import html as html_format
from tui.core.formats import resolved, spans, w3c, yaml_out
from tui.core.formats.brat import export_brat, export_brat_conf, import_brat
from tui.core.loading.loader import load


def _bundled() -> Document:
    document = load(str(BUNDLED)).document
    assert document is not None
    return document


def _through_yaml(document: Document, folder: Path, name: str = "doc") -> Document:
    """Write the document as a gloss file and load it back (the canonical form)."""
    (folder / f"{name}.txt").write_text(document.text, encoding="utf-8", newline="")
    (folder / f"{name}.yaml").write_text(
        yaml_out.dumps(document, text_name=f"{name}.txt"), encoding="utf-8"
    )
    result = load(str(folder / f"{name}.yaml"))
    assert result.document is not None, [d.format() for d in result.diagnostics]
    return result.document


def _brat_round_trip(document: Document, folder: Path) -> Document:
    (folder / "b.txt").write_text(document.text, encoding="utf-8", newline="")
    (folder / "b.ann").write_text(export_brat(document), encoding="utf-8")
    annotation_conf, visual_conf = export_brat_conf(document)
    (folder / "annotation.conf").write_text(annotation_conf, encoding="utf-8")
    (folder / "visual.conf").write_text(visual_conf, encoding="utf-8")
    # gloss writes which Ts are one entity (* lines): kept apart, the import gives back
    # exactly its entities. By default two entities of one type and text would be joined.
    imported = import_brat(str(folder / "b.ann"), keep_apart=True)
    assert imported.document is not None, [d.format() for d in imported.diagnostics]
    return _through_yaml(imported.document, folder, "b-imported")


def _span_round_trip(document: Document, folder: Path, kind: str) -> Document:
    if kind == "doccano":
        (folder / "s.jsonl").write_text(spans.dumps_doccano(document), encoding="utf-8")
        result = spans.import_doccano(str(folder / "s.jsonl"))
    else:
        (folder / "s.json").write_text(spans.dumps_displacy(document), encoding="utf-8")
        result = spans.import_displacy(str(folder / "s.json"))
    assert len(result.documents) == 1, [d.format() for d in result.diagnostics]
    return _through_yaml(result.documents[0], folder, f"s-{kind}")


def _w3c_round_trip(document: Document, folder: Path) -> Document:
    """Export beside the article's text (the targets name it), import, load again."""
    (folder / "w.jsonld").write_text(w3c.dumps(document), encoding="utf-8")
    imported = w3c.import_w3c(str(folder / "w.jsonld"))
    assert imported.document is not None, [d.format() for d in imported.diagnostics]
    assert imported.diagnostics == ()
    return _through_yaml(imported.document, folder, "w-imported")


# -- the bundled article ---------------------------------------------------------------


def test_yaml_writer_round_trips_the_bundled_article(tmp_path: Path) -> None:
    document = _bundled()
    again = _through_yaml(document, tmp_path)
    assert resolved.to_resolved(again) | {"document": None} == resolved.to_resolved(document) | {
        "document": None
    }


def test_brat_round_trips_the_bundled_article(tmp_path: Path) -> None:
    document = _bundled()
    assert brat_view(_brat_round_trip(document, tmp_path)) == brat_view(document)


def test_span_formats_round_trip_the_bundled_article(tmp_path: Path) -> None:
    document = _bundled()
    for kind in ("doccano", "displacy"):
        assert span_view(_span_round_trip(document, tmp_path, kind)) == span_view(document)


def test_w3c_round_trips_the_bundled_article(tmp_path: Path) -> None:
    document = _through_yaml(_bundled(), tmp_path)
    again = _w3c_round_trip(document, tmp_path)
    assert w3c_view(again) == w3c_view(document)
    assert again.info.id == document.info.id and again.info.title == document.info.title


def test_html_marks_of_the_bundled_article() -> None:
    document = _bundled()
    assert check_html_marks(html_format.render(document), document) >= len(document.mentions)


# -- generated documents ---------------------------------------------------------------

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents())
def test_yaml_writer_round_trips(document: Document) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first = _through_yaml(document, Path(folder), "one")
        second = _through_yaml(first, Path(folder), "two")
    assert resolved.to_resolved(second) | {"document": None} == resolved.to_resolved(first) | {
        "document": None
    }
    assert first.text == document.text


@SETTINGS
@given(documents())
def test_brat_round_trips(document: Document) -> None:
    with tempfile.TemporaryDirectory() as folder:
        x = _through_yaml(document, Path(folder))
        assert brat_view(_brat_round_trip(x, Path(folder))) == brat_view(x)


@SETTINGS
@given(documents(), st.sampled_from(["doccano", "displacy"]))
def test_span_formats_round_trip(document: Document, kind: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        x = _through_yaml(document, Path(folder))
        assert span_view(_span_round_trip(x, Path(folder), kind)) == span_view(x)


@SETTINGS
@given(documents())
def test_w3c_round_trips(document: Document) -> None:
    with tempfile.TemporaryDirectory() as folder:
        x = _through_yaml(document, Path(folder))
        assert w3c_view(_w3c_round_trip(x, Path(folder))) == w3c_view(x)


@SETTINGS
@given(documents())
def test_w3c_selectors_point_at_the_text(document: Document) -> None:
    from tui.core.formats.w3c import to_w3c

    data = json.loads(json.dumps(to_w3c(document)))
    items = data["first"]["items"]
    assert data["type"] == "AnnotationCollection"
    assert data["total"] == len(items) == len(document.mentions) + len(document.events)
    text = document.text
    for item in items:
        quote, position = item["target"]["selector"]
        start, end = position["start"], position["end"]
        assert quote["exact"] == text[start:end]
        assert text[:start].endswith(quote["prefix"])
        assert text[end:].startswith(quote["suffix"])


@SETTINGS
@given(documents())
def test_html_marks_match_the_text(document: Document) -> None:
    page = html_format.render(document)
    assert "<script>" not in page
    check_html_marks(page, document)
