"""The article text: UTF-8 only, BOM dropped, CRLF normalised before offsets are counted."""

from __future__ import annotations

import codecs
from pathlib import Path

from tui.core.loading.loader import load

from .helpers import check, entity_yaml, loaded, write_pair

BODY = "entities:\n" + entity_yaml("il", "GPE", "Israel", "{start: 0, end: 4, quote: Line}")
"""An entity with a quoted mention on line 11 and an offset mention on line 12."""


def test_missing_text_file(tmp_path: Path) -> None:
    header = "gloss: 1\ndocument:\n  id: t\n  text: nowhere.txt\n"
    assert check(tmp_path, "", header=header) == [
        "a.yaml:4:9: error: article text 'nowhere.txt' does not exist"
    ]


def test_text_path_is_relative_to_the_yaml_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Line Israel\n", encoding="utf-8")
    header = "gloss: 1\ndocument:\n  id: t\n  text: sub/b.txt\n"
    document = loaded(tmp_path, "entities:\n" + entity_yaml("il", "GPE", "Israel"), header=header)
    assert document.text == "Line Israel\n"
    assert document.info.text_path == f"{tmp_path}/sub/b.txt"


def test_bom_is_dropped_before_offsets(tmp_path: Path) -> None:
    document = loaded(tmp_path, BODY, text=codecs.BOM_UTF8 + b"Line Israel\n")
    assert document.text == "Line Israel\n"
    assert [(m.span.start, m.span.end) for m in document.mentions] == [(0, 4), (5, 11)]


def test_crlf_is_normalised_before_offsets(tmp_path: Path) -> None:
    raw = b"Line one\r\n\r\nLine Israel\r\n"
    body = "entities:\n" + entity_yaml("il", "GPE", "{start: 15, end: 21, quote: Israel}")
    document = loaded(tmp_path, body, text=raw)
    assert document.text == "Line one\n\nLine Israel\n"
    assert raw.index(b"Israel") == 17


def test_offsets_counted_on_crlf_text_are_stale(tmp_path: Path) -> None:
    raw = b"Line one\r\n\r\nLine Israel, again.\r\n"
    body = "entities:\n" + entity_yaml("il", "GPE", "{start: 17, end: 23, quote: Israel}")
    assert check(tmp_path, body, text=raw) == [
        "a.yaml:11:9: error: mention: stale offsets: text[17:23] is 'rael, ', not 'Israel'; "
        "the quote is at start: 15, end: 21"
    ]


def test_offsets_count_code_points_not_bytes(tmp_path: Path) -> None:
    text = "Ça 🇮🇱 Israel\n"
    body = "entities:\n" + entity_yaml("il", "GPE", "{start: 6, end: 12, quote: Israel}")
    document = loaded(tmp_path, body, text=text)
    assert document.text[6:12] == "Israel"
    assert len(text.encode("utf-8")) > len(text)


def test_utf16_text_is_refused(tmp_path: Path) -> None:
    for raw in ("Israel\n".encode("utf-16"), "Israel\n".encode("utf-16-le")):
        assert check(tmp_path, BODY, text=raw) == [
            "a.yaml:5:9: error: article text 'a.txt' looks like UTF-16; save it as UTF-8"
        ]


def test_invalid_utf8_text_says_where(tmp_path: Path) -> None:
    raw = "Line one\nLine Isra\u00ebl\n".encode("latin-1")
    assert check(tmp_path, BODY, text=raw) == [
        "a.yaml:5:9: error: article text 'a.txt' is not valid UTF-8 "
        "(byte 0xeb at line 2, column 10)"
    ]


def test_invalid_utf8_annotation_file_points_at_the_byte(tmp_path: Path) -> None:
    path = write_pair(tmp_path, "")
    path.write_bytes(path.read_bytes() + b"# caf\xe9\n")
    result = load(str(path))
    assert [d.format() for d in result.diagnostics] == [
        f"{path}:6:6: error: annotation file '{path}' is not valid UTF-8 "
        "(byte 0xe9 at line 6, column 6)"
    ]


def test_annotation_file_with_bom_and_crlf_loads(tmp_path: Path) -> None:
    path = write_pair(tmp_path, BODY, text="Line Israel\n")
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes().replace(b"\n", b"\r\n"))
    result = load(str(path))
    assert result.diagnostics == ()
    assert result.document is not None
    assert len(result.document.mentions) == 2


def test_control_characters_in_the_text_are_warnings_at_the_text_file(tmp_path: Path) -> None:
    text = "Line Israel\nsays \x1b[31mred\n"
    problems = check(tmp_path, BODY, text=text)
    assert problems == [
        "a.txt:2:6: warning: the text contains U+001B ESCAPE; it is shown as a placeholder "
        "[text-hazard]"
    ]


def test_bidi_override_in_a_name_is_a_warning(tmp_path: Path) -> None:
    body = 'entities:\n  - {id: x, type: PER, name: "Tal\\u202eKalman", mentions: [Israel]}\n'
    assert check(tmp_path, body, text="Line Israel\n") == [
        "a.yaml:7:30: warning: name contains U+202E RIGHT-TO-LEFT OVERRIDE at character 4; "
        "it is shown as a placeholder [text-hazard]"
    ]
