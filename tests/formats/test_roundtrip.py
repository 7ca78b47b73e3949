"""Round trips: import(export(x)) == x for everything the target format can express.

Checked on the bundled article and on small generated documents (hypothesis), which
mix non-ASCII words, markup-like text, line breaks, nested and repeated mentions.
"""

from __future__ import annotations

import json
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.formats.helpers import BUNDLED, brat_view, span_view, w3c_view
from tui.core.document.model import REALIS_VALUES, Document, Span
from tui.core.formats import html as html_format
from tui.core.formats import resolved, spans, w3c, yaml_out
from tui.core.formats.brat import export_brat, export_brat_conf, import_brat
from tui.core.formats.common import (
    EntityDraft,
    EventDraft,
    RelationDraft,
    TypeMapper,
    build_document,
)
from tui.core.loading.loader import load
from tui.core.text.textsafety import make_visible

WORDS = [
    "Rabat",
    "IDF",
    "visit",
    "Zoë",
    "Москва",
    "北京",
    "😀",
    "it",
    "<script>alert(1)</script>",
    "&amp;",
    "R&D",
    '"quoted"',
    "no",
    "2022-03-25",
    "a'b",
]
SEPARATORS = [" ", " ", " ", "\n", ", ", "  ", "\n\n", ". "]


def _bundled() -> Document:
    document = load(str(BUNDLED)).document
    assert document is not None
    return document


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A small valid document built the way importers build theirs."""
    count = draw(st.integers(3, 14))
    words = [draw(st.sampled_from(WORDS)) for _ in range(count)]
    seps = [draw(st.sampled_from(SEPARATORS)) for _ in range(count - 1)]
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for index, word in enumerate(words):
        starts.append(position)
        pieces.append(word)
        position += len(word)
        ends.append(position)
        if index < count - 1:
            pieces.append(seps[index])
            position += len(seps[index])
    text = "".join(pieces) + "\n"

    def word_span() -> Span:
        first = draw(st.integers(0, count - 1))
        last = draw(st.integers(first, min(count - 1, first + 2)))
        return Span(starts[first], ends[last])

    types = TypeMapper()
    entity_types = [types.entity("Person"), types.entity("GPE"), types.entity("Agreement")]
    entities = []
    for number in range(draw(st.integers(1, 4))):
        draft = EntityDraft(
            draw(st.sampled_from(entity_types)),
            [word_span() for _ in range(draw(st.integers(1, 3)))],
        )
        if draw(st.booleans()):
            draft.description.append(draw(st.sampled_from(["a leader", "Zoë's 😀 <b>", "x & y"])))
        if draw(st.booleans()):
            draft.links.append(("wikidata", f"Q{number + 1}"))
            draft.name = f"Named {number}"
        entities.append(draft)
    event_types = [types.event("Meet"), types.event("Thing Happened")]
    events = []
    for number in range(draw(st.integers(0, 3))):
        event = EventDraft(
            draw(st.sampled_from(event_types)),
            word_span(),
            f"event {number}",
            realis=draw(st.sampled_from(REALIS_VALUES)),
        )
        for _ in range(draw(st.integers(0, 2))):
            event.arguments.append(
                (draw(st.sampled_from(["Agent", "Place"])), draw(st.integers(0, len(entities) - 1)))
            )
        if draw(st.booleans()):
            event.note.append("unsure <i>")
        if events and draw(st.booleans()):
            event.same_as = draw(st.integers(0, len(events) - 1))
        events.append(event)
    relations = []
    if len(entities) > 1:
        for _ in range(draw(st.integers(0, 2))):
            source = draw(st.integers(0, len(entities) - 1))
            target = draw(st.integers(0, len(entities) - 1))
            if source != target:
                relations.append(RelationDraft("head-of", source, target))
    return build_document(
        doc_id="generated",
        text=text,
        text_path="generated.txt",
        title=None,
        entities=entities,
        events=events,
        relations=relations,
        types=types,
    )


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


class _Marks(HTMLParser):
    """Collects the text of every element with data-start/data-end."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int, int] | None] = []
        self.buffers: list[list[str]] = []
        self.found: list[tuple[int, int, str]] = []
        self.covered: dict[str, set[int]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "br", "link"):
            return
        values = dict(attrs)
        if values.get("data-start") is not None and values.get("data-end") is not None:
            start, end = int(values["data-start"] or 0), int(values["data-end"] or 0)
            self.open.append((tag, start, end))
            self.buffers.append([])
            key = values.get("data-entity") or f"event:{values.get('data-event')}"
            self.covered.setdefault(key, set()).update(range(start, end))
        else:
            self.open.append(None)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("meta", "br", "link") or not self.open:
            return
        top = self.open.pop()
        if top is not None:
            text = "".join(self.buffers.pop())
            self.found.append((top[1], top[2], text))
            if self.buffers:
                self.buffers[-1].append(text)

    def handle_data(self, data: str) -> None:
        if self.buffers:
            self.buffers[-1].append(data)


def check_html_marks(page: str, document: Document) -> int:
    """Every highlighted element's text is the text at its offsets (made visible)."""
    parser = _Marks()
    parser.feed(page)
    visible = make_visible(document.text, keep_tabs=True)
    for start, end, text in parser.found:
        assert text == visible[start:end], (start, end, text)
    # The pieces of each entity and event cover exactly its mentions or trigger.
    expected: dict[str, set[int]] = {}
    for mention in document.mentions:
        expected.setdefault(mention.entity_id, set()).update(
            range(mention.span.start, mention.span.end)
        )
    for event in document.events:
        expected.setdefault(f"event:{event.id}", set()).update(
            range(event.trigger.start, event.trigger.end)
        )
    assert parser.covered == expected
    return len(parser.found)


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
