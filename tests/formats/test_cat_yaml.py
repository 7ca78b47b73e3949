"""The corpus YAML writer reads back exactly as yaml_out's, and every string survives."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.formats.helpers import DATA
from tui.core.diagnostics import DiagnosticSink
from tui.core.formats import yaml_out
from tui.core.formats.cat.build import build
from tui.core.formats.cat.parse import parse_file
from tui.core.formats.cat.write import dumps, scalar


def test_same_data_as_yaml_out_on_the_sample() -> None:
    for path in sorted((DATA / "ecbplus").glob("*/*.xml")):
        cat = parse_file(str(path), DiagnosticSink("x"))
        assert cat is not None
        document = build(cat, doc_id=path.stem, text_name="t.txt", sink=DiagnosticSink("x"))
        ours = dumps(document.document, text_name="t.txt", header="one\ntwo")
        assert ours.startswith("# one\n# two\ngloss: 1\n")
        theirs = yaml_out.dumps(document.document, text_name="t.txt")
        assert yaml.safe_load(ours) == yaml.safe_load(theirs)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_every_string_reads_back_as_itself(text: str) -> None:
    assert yaml.safe_load(f"key: {scalar(text)}\n") == {"key": text}
    assert yaml.safe_load(f"{{key: {scalar(text, flow=True)}}}\n") == {"key": text}


def test_words_that_yaml_would_convert_are_quoted() -> None:
    for word in ("no", "Yes", "null", "on", "4:59", "# note", "a: b", "-x", "[x]", " x", "x "):
        assert scalar(word).startswith('"'), word
    assert scalar("Lindsay Lohan's") == "Lindsay Lohan's"
    assert scalar("a, b") == "a, b" and scalar("a, b", flow=True) == '"a, b"'
    assert scalar(3) == "3" and scalar(True) == "true"
