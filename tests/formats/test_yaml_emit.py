"""The direct YAML writer reads back as exactly the data PyYAML would have written,
and every string survives, hostile ones included."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.formats.helpers import BUNDLED, DATA, NEWS_TEXT
from tui.core.document.diagnostics import DiagnosticSink
from tui.core.document.model import Document
from tui.core.formats import yaml_out
from tui.core.formats.brat import import_brat
from tui.core.formats.cat.build import build
from tui.core.formats.cat.parse import parse_file
from tui.core.formats.yaml_emit import Flow, Unwritable, emit, scalar
from tui.core.loading.loader import load

HOSTILE = [
    "",
    " ",
    "  two  spaces  ",
    "x ",
    " x",
    "\t",
    "tab\there",
    "line\nbreak",
    "crlf\r\n",
    "'",
    '"',
    "it's",
    'say "hi"',
    "\\",
    "back\\slash",
    ":",
    "a: b",
    "a:b",
    "http://example.org/a?b=c#d",
    "#",
    "# note",
    "a #b",
    "a#b",
    "-",
    "- item",
    "-x",
    "--- doc",
    "...",
    "?",
    "? key",
    "[x]",
    "{x: 1}",
    "a, b",
    "a]",
    "*alias",
    "&anchor",
    "!tag",
    "!!str",
    "%YAML",
    "@at",
    "`tick",
    "|",
    ">",
    "<<",
    "=",
    "~",
    "yes",
    "Yes",
    "NO",
    "no",
    "y",
    "n",
    "on",
    "Off",
    "true",
    "False",
    "null",
    "Null",
    "NULL",
    "0",
    "123",
    "-1",
    "+1",
    "1.5",
    "1e3",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    "1:20",
    "4:59",
    ".inf",
    "-.inf",
    ".nan",
    "NaN",
    "inf",
    "2001-12-14",
    "2001-12-14t21:59:43.10-05:00",
    "Zoë",
    "Москва",
    "北京",
    "😀",
    "e\u0301",
    "\u00a0",
    "nbsp\u00a0inside",
    "\u200b",
    "\u2028",
    "\u2029",
    "\u0085",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\ue000",
    "\U0010ffff",
    "\x00",
    "\x07",
    "\x1b[31mred",
    "\x7f",
    "\x9b",
    "\u202e",
    "\ud800",
    "a" * 2000,
    "word " * 300,
]


def _pyyaml(data: dict[str, Any]) -> str:
    """What PyYAML writes for the data (the writer's reference)."""
    return yaml_out._dumps_with_pyyaml(data, None)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_read_back_as_themselves(text: str) -> None:
    data: dict[str, Any] = {
        "gloss": 1,
        text[:900] or "k": text,
        "entities": [
            {
                "id": "e",
                "name": text,
                "aliases": [text, text],
                "links": {text[:900] or "k": text},
                "mentions": [text, Flow(quote=text, occurrence=2), Flow(parts=[text, text])],
            }
        ],
    }
    written = emit(data, header="one\ntwo")
    assert written.startswith("# one\n# two\ngloss: 1\n")
    assert yaml.safe_load(written) == data
    if "\ud800" not in text:  # libyaml cannot write a lone surrogate at all
        assert yaml.safe_load(_pyyaml(data)) == data


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_every_string_reads_back_as_itself(text: str) -> None:
    assert yaml.safe_load(f"key: {scalar(text)}\n") == {"key": text}
    assert yaml.safe_load(f"{{key: {scalar(text, flow=True)}}}\n") == {"key": text}
    assert yaml.safe_load(f"- {scalar(text)}\n") == [text]


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=12),
        st.one_of(
            st.text(max_size=20),
            st.integers(),
            st.booleans(),
            st.none(),
            st.lists(st.text(max_size=10), max_size=3),
            st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=3),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_plain_data_reads_back_as_itself(data: dict[str, Any]) -> None:
    assert yaml.safe_load(emit(data)) == data


def test_words_that_yaml_would_convert_are_quoted() -> None:
    for word in ("no", "Yes", "null", "on", "4:59", "# note", "a: b", "-x", "[x]", " x", "x "):
        assert scalar(word).startswith('"'), word
    assert scalar("Lindsay Lohan's") == "Lindsay Lohan's"
    assert scalar("a, b") == "a, b" and scalar("a, b", flow=True) == '"a, b"'
    assert scalar(3) == "3" and scalar(True) == "true"


def test_what_it_does_not_write_is_left_to_pyyaml() -> None:
    for data in ({"x": 1.5}, {"x": (1, 2)}, {"k" * 1200: "v"}, {1: "v"}):
        with pytest.raises(Unwritable):
            emit(data)  # type: ignore[arg-type]


def _documents(folder: Path) -> list[Document]:
    found = []
    for path in sorted((DATA / "ecbplus").glob("*/*.xml")):
        cat = parse_file(str(path), DiagnosticSink("x"))
        assert cat is not None
        found.append(
            build(cat, doc_id=path.stem, text_name="t.txt", sink=DiagnosticSink("x")).document
        )
    shutil.copy(DATA / "news.ann", folder / "news.ann")
    (folder / "news.txt").write_bytes(NEWS_TEXT.encode("utf-8"))
    brat = import_brat(str(folder / "news.ann"))
    assert brat.document is not None
    found.append(brat.document)
    bundled = load(str(BUNDLED)).document
    assert bundled is not None
    found.append(bundled)
    return found


def test_same_data_as_pyyaml_for_imported_and_bundled_documents(tmp_path: Path) -> None:
    for document in _documents(tmp_path):
        data = yaml_out.to_data(document, text_name="t.txt")
        ours = yaml_out.dumps(document, text_name="t.txt", header="one\ntwo")
        assert ours == emit(data, "one\ntwo")  # the direct writer wrote it
        assert ours.startswith("# one\n# two\ngloss: 1\n")
        assert yaml.safe_load(ours) == yaml.safe_load(_pyyaml(data)) == data


def test_a_document_pyyaml_must_write_is_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _documents(tmp_path)[-1]
    data = yaml_out.to_data(document, text_name="t.txt")
    data["document"]["weight"] = 0.5  # a float: not written directly
    monkeypatch.setattr(yaml_out, "to_data", lambda *_a, **_k: data)
    written = yaml_out.dumps(document, text_name="t.txt", header="h")
    assert written.startswith("# h\ngloss: 1")
    assert yaml.safe_load(written) == data
