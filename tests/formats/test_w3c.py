"""W3C Web Annotation import: gloss's own export, other tools' shapes, and errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.formats.helpers import BUNDLED, W3C_TEXT, position, quote, run, tag, w3c_view, write
from tui.core.formats import w3c
from tui.core.loading.loader import load


def test_foreign_collection_one_entity_per_label_and_text(tmp_path: Path) -> None:
    rabat2 = W3C_TEXT.index("Rabat", 20)
    data = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": "A short visit",
        "items": [
            tag("Person", [quote("Tal Kalman")]),
            tag("City", quote("Rabat", prefix="visited ")),
            tag("City", [position(rabat2, rabat2 + 5), quote("Rabat")]),
            tag("Person", position(W3C_TEXT.index("Kalman", 12), W3C_TEXT.index("Kalman", 12) + 6)),
            {
                "type": "Annotation",
                "body": [
                    {"type": "TextualBody", "purpose": "classifying", "value": "Person"},
                    {"type": "TextualBody", "purpose": "commenting", "value": "a friend"},
                ],
                "target": {"source": "doc.txt", "selector": quote("Zoë", suffix=".\n")},
            },
        ],
    }
    path = write(tmp_path, data)
    code, out, err = run("import", "w3c", str(path))
    assert (code, err) == (0, ""), err
    assert "wrote" in out
    assert run("check", "--strict", "-q", str(tmp_path / "a.yaml"))[0] == 0
    result = load(str(tmp_path / "a.yaml"))
    assert result.document is not None and result.diagnostics == ()
    doc = result.document
    assert doc.info.title == "A short visit"
    assert [(e.type, e.name, len(e.mentions), e.description) for e in doc.entities] == [
        ("PER", "Tal Kalman", 1, None),
        ("CITY", "Rabat", 2, None),
        ("PER", "Kalman", 1, None),
        ("PER", "Zoë", 1, "a friend"),
    ]
    assert doc.entity_types["CITY"].label == "City"


def test_a_plain_list_and_one_annotation(tmp_path: Path) -> None:
    one = tag("GPE", quote("Rabat", prefix="visited "))
    for shape in ([one], one, {"type": "AnnotationPage", "items": [one]}):
        result = w3c.import_w3c(str(write(tmp_path, shape)))
        assert result.diagnostics == ()
        assert result.document is not None
        assert [(e.type, e.mentions[0].span.start) for e in result.document.entities] == [
            ("GPE", W3C_TEXT.index("Rabat"))
        ]


def test_positions_counting_crlf_are_accepted_when_the_quote_agrees(tmp_path: Path) -> None:
    raw = W3C_TEXT.replace("\n", "\r\n")
    liked = raw.index("Rabat", 20)  # counts the CR, as a tool reading the stored file would
    gloss_liked = W3C_TEXT.index("Rabat", 20)
    data = [
        tag("GPE", [position(liked, liked + 5), quote("Rabat")]),
        tag("PER", [position(gloss_liked - 13, gloss_liked - 7), quote("Kalman")]),
    ]
    result = w3c.import_w3c(str(write(tmp_path, data, text=raw)))
    assert result.diagnostics == ()
    assert result.document is not None
    assert sorted(m.span.start for m in result.document.mentions) == [
        gloss_liked - 13,
        gloss_liked,
    ]


def test_quote_only_import_of_the_bundled_article(tmp_path: Path) -> None:
    document = load(str(BUNDLED)).document
    assert document is not None
    data = w3c.to_w3c(document)
    for item in data["first"]["items"]:
        item["target"]["selector"] = item["target"]["selector"][0]
    path = tmp_path / "q.jsonld"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = w3c.import_w3c(str(path), text_path=document.info.text_path)
    assert result.document is not None, [d.format() for d in result.diagnostics]
    assert w3c_view(result.document) == w3c_view(document)


def test_every_problem_is_reported_with_its_line_and_column(tmp_path: Path) -> None:
    data = [
        tag("GPE", [position(0, 3), quote("Rabat")]),
        tag("GPE", quote("Paris")),
        tag("GPE", quote("Rabat", prefix="nowhere ")),
        tag("GPE", position(5, 500)),
        tag("GPE", {"type": "XPathSelector", "value": "/p[1]"}),
        {
            "type": "Annotation",
            "body": {"eventType": "Contact.Meet", "arguments": [{"role": "A", "entityId": "x"}]},
            "target": {"source": "doc.txt", "selector": quote("visited")},
        },
    ]
    path = write(tmp_path, data)
    code, out, err = run("import", "w3c", str(path))
    assert code == 1 and out == ""
    assert not (tmp_path / "a.yaml").exists()
    source = path.read_text(encoding="utf-8")

    def at(needle: str, occurrence: int = 1) -> str:
        offset = -1
        for _ in range(occurrence):
            offset = source.index(needle, offset + 1)
        # The object that holds the value starts at the last "{" before it.
        offset = source.rindex("{", 0, offset)
        line = source.count("\n", 0, offset) + 1
        return f"{path}:{line}:{offset - source.rfind(chr(10), 0, offset)}"

    # Selector problems point at the target that holds them.
    first, *selectors = (at('"selector"', n) for n in range(1, 6))
    event = at('"eventType"')
    assert err.splitlines() == [
        f"{first}: error: TextPositionSelector [0, 3) covers 'Tal' but the "
        "TextQuoteSelector says 'Rabat' (stale offsets, or the wrong text?)",
        f"{selectors[0]}: error: the quote 'Paris' is not in the text: it does not occur",
        f"{selectors[1]}: error: the quote 'Rabat' is not in the text: it occurs "
        "2 times, but not after the prefix and before the suffix given",
        f"{selectors[2]}: error: TextPositionSelector [5, 500) is not within the "
        f"text ({len(W3C_TEXT)} characters) or is empty",
        f"{selectors[3]}: error: no selector gloss reads (found XPathSelector); "
        "gloss reads TextPositionSelector and TextQuoteSelector",
        f"{event}: error: argument A: entity 'x' is not named by any annotation",
    ]


def test_json_syntax_error_and_missing_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"items": [\n  {"target": }\n]}', encoding="utf-8")
    code, _, err = run("import", "w3c", str(bad))
    assert code == 1
    assert err == f"{bad}:2:14: error: not valid JSON: Expecting value\n"
    lonely = tmp_path / "lonely.jsonld"
    lonely.write_text(json.dumps([tag("GPE", quote("Rabat"), source="http://x/doc")]))
    code, _, err = run("import", "w3c", str(lonely))
    assert code == 1
    column = lonely.read_text(encoding="utf-8").index('{"source"') + 1
    assert err == (
        f"{lonely}:1:{column}: error: the target source 'http://x/doc' is not a file beside "
        "lonely.jsonld; pass --text DOC.txt\n"
    )
    (tmp_path / "doc.txt").write_text(W3C_TEXT, encoding="utf-8")
    code, _, err = run("import", "w3c", str(lonely), "--text", str(tmp_path / "doc.txt"))
    assert code == 0, err
    assert run("check", "--strict", "-q", str(tmp_path / "lonely.yaml"))[0] == 0
    # A second run may replace what gloss wrote, but not the user's own edits.
    assert run("import", "w3c", str(lonely), "--text", str(tmp_path / "doc.txt"))[0] == 0
    with (tmp_path / "lonely.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# the user's own note\n")
    assert run("import", "w3c", str(lonely), "--text", str(tmp_path / "doc.txt"))[0] == 1


def test_source_outside_the_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(W3C_TEXT, encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    path = inner / "a.jsonld"
    path.write_text(json.dumps([tag("GPE", quote("Rabat"), source="../doc.txt")]))
    result = w3c.import_w3c(str(path))
    assert result.document is None
    assert "pass --text DOC.txt" in result.diagnostics[0].message


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 80) | st.sampled_from(["", "Rabat", "doc.txt"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    *("type", "items", "first", "target", "source", "selector", "start", "end"),
                    *("exact", "prefix", "suffix", "body", "value", "purpose", "entityId"),
                    *("entityType", "eventType", "arguments", "role", "summary", "realis"),
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(JSON)
def test_any_json_gives_diagnostics_never_a_traceback(tmp_path: Path, data: Any) -> None:
    path = write(tmp_path, data)
    result = w3c.import_w3c(str(path))
    assert (result.document is None) == any(d.severity == "error" for d in result.diagnostics)
    for diagnostic in result.diagnostics:
        assert diagnostic.position.line >= 1 and diagnostic.position.column >= 1
