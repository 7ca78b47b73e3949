"""Low-severity hostile inputs: deep JSON, lone surrogates, invisible characters by
Unicode property, and a W3C target whose selector is refused."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.support.inprocess import gloss
from tui.app.reader_app import GlossApp
from tui.core.loading.loader import load
from tui.core.text.textsafety import (
    INVISIBLE_RANGES,
    find_hazards,
    inert_json,
    make_visible,
    one_line,
)

from .harness import assert_screen_inert, screen_strips, strips_text

# -- deep JSON --------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "name"), [("doccano", "a.jsonl"), ("displacy", "a.json")])
def test_deeply_nested_json_is_an_error_not_a_traceback(
    kind: str, name: str, tmp_path: Path
) -> None:
    source = tmp_path / name
    source.write_text("[" * 100_000 + "\n", encoding="utf-8")
    code, _, err = gloss("import", kind, str(source))
    assert code == 1
    assert err == f"{source}:1:1: error: the JSON is nested too deeply\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


# -- lone surrogates ------------------------------------------------------------------


def test_a_lone_surrogate_in_doccano_text_is_an_error_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text('{"id": 1, "text": "Rabat \\ud800 is here.", "label": []}\n')
    code, _, err = gloss("import", "doccano", str(source))
    assert code == 1
    assert err == (
        f'{source}:1:1: error: "text" holds a lone surrogate (U+D800) at character 6; '
        "it is not a character and cannot be saved as UTF-8\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl"]  # no empty .txt


def test_a_lone_surrogate_in_a_w3c_label_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("Rabat is here.\n", encoding="utf-8")
    annotation = (
        '{"type": "Annotation", "body": {"type": "TextualBody", "purpose": "tagging", '
        '"value": "PER\\udc00"}, "target": {"source": "doc.txt", "selector": '
        '{"type": "TextQuoteSelector", "exact": "Rabat"}}}'
    )
    (tmp_path / "a.jsonld").write_text(f"[{annotation}]", encoding="utf-8")
    code, _, err = gloss("import", "w3c", str(tmp_path / "a.jsonld"))
    assert code == 1
    assert "'PER?' holds a lone surrogate (U+DC00), which is not a character" in err
    assert not (tmp_path / "a.yaml").exists()


def test_a_lone_surrogate_of_a_file_name_is_shown_as_a_replacement_character() -> None:
    """A file name that is not UTF-8 comes to Python with a lone surrogate for each bad
    byte; printed as it is, it ends a command on a strict UTF-8 stdout."""
    name = os.fsdecode(b"inv\xff.yaml")
    assert name == "inv\udcff.yaml"
    assert one_line(name) == make_visible(name) == "inv\ufffd.yaml"
    assert [(h.offset, h.name) for h in find_hazards(name)] == [(3, "U+DCFF SURROGATE")]
    assert inert_json([name], indent=None) == '["inv\\udcff.yaml"]'  # JSON gets it back


# -- a W3C target whose selector is refused -------------------------------------------


def test_a_bad_selector_does_not_also_say_no_target_names_its_source(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("Rabat is here.\n", encoding="utf-8")
    annotation = {
        "type": "Annotation",
        "body": {"type": "TextualBody", "purpose": "tagging", "value": "GPE"},
        "target": {"source": "doc.txt", "selector": {"type": "TextQuoteSelector", "exact": 5}},
    }
    (tmp_path / "a.jsonld").write_text(json.dumps([annotation]), encoding="utf-8")
    code, _, err = gloss("import", "w3c", str(tmp_path / "a.jsonld"))
    assert code == 1
    assert "no target names its source" not in err
    assert 'a TextQuoteSelector needs "exact"' in err
    assert len(err.splitlines()) == 1


# -- invisible characters, by Unicode property --------------------------------------------

LISTED = "\u115f\u3164\uffa0\u206a\u206b\u206c\u206d\u206e\u206f\U000e0100\U000e01ef"
LISTED += "\U0001d173\u034f\u17b4\u180b\ufe0f"


def _default_ignorable() -> set[int]:
    """Default_Ignorable_Code_Point by its definition in the Unicode standard:
    Other_Default_Ignorable_Code_Point + Cf + Variation_Selector - White_Space
    - FFF9..FFFB - 13430..13440 - Prepended_Concatenation_Mark (PropList.txt ranges)."""
    other = [(0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x2065, 0x2065)]
    other += [(0x3164, 0x3164), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0xE0000, 0xE0000)]
    other += [(0xE0002, 0xE001F), (0xE0080, 0xE00FF), (0xE01F0, 0xE0FFF)]
    selectors = [(0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF)]
    found = {c for low, high in other + selectors for c in range(low, high + 1)}
    found |= {c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    prepended = {*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD}
    prepended.add(0x110CD)
    found -= {*range(0xFFF9, 0xFFFC), *range(0x13430, 0x13441), *prepended}
    return {c for c in found if not chr(c).isspace()}


def test_every_default_ignorable_and_format_character_is_a_hazard() -> None:
    covered = {c for low, high in INVISIBLE_RANGES for c in range(low, high + 1)}
    missing_ignorable = sorted(_default_ignorable() - covered)
    assert not missing_ignorable, [f"U+{c:04X}" for c in missing_ignorable[:10]]
    format_chars = {c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    missing_format = sorted(format_chars - covered)
    assert not missing_format, [f"U+{c:04X}" for c in missing_format[:10]]
    # Nothing visible is caught: every entry is an ignorable, a format character or a
    # line/paragraph separator.
    extra = covered - _default_ignorable() - format_chars - {0x2028, 0x2029}
    assert not extra, sorted(extra)[:10]


@pytest.mark.parametrize("char", list(LISTED), ids=lambda c: f"U+{ord(c):04X}")
def test_each_listed_invisible_becomes_one_placeholder(char: str) -> None:
    text = f"a{char}b"
    assert make_visible(text) == "a\u2426b"
    assert one_line(text) == "a\u2426b"
    assert [h.offset for h in find_hazards(text)] == [1]
    assert cell_len(make_visible(text)) == 3  # one cell each: the layout never shifts


def test_a_combining_mark_at_a_line_start_is_a_placeholder() -> None:
    text = "\u0301first\nsecond\n\u0300third e\u0301"
    shown = make_visible(text)
    assert shown == "\u2426first\nsecond\n\u2426third e\u0301"  # inside a word it stays
    assert [h.offset for h in find_hazards(text)] == [0, 14]


def test_check_warns_about_each_invisible_in_the_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Rabat{LISTED[0]} and Fes{LISTED[9]}.\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "gloss: 1\ndocument: {id: a, text: a.txt}\nentities:\n"
        "  - {id: r, type: GPE, name: Rabat, mentions: [Rabat]}\n",
        encoding="utf-8",
    )
    code, _, err = gloss("check", "--strict", str(tmp_path / "a.yaml"))
    assert code == 1
    assert "U+115F HANGUL CHOSEONG FILLER" in err
    assert "U+E0100 VARIATION SELECTOR-17" in err


async def test_fillers_never_shift_the_reader_layout(tmp_path: Path) -> None:
    lines = [f"Line {n}: Rabat{LISTED[n % len(LISTED)] * 3} and more." for n in range(12)]
    (tmp_path / "a.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "gloss: 1\ndocument: {id: a, text: a.txt}\nentities:\n"
        "  - {id: r, type: GPE, name: Rabat, mentions: [{quote: Rabat, all: true}]}\n",
        encoding="utf-8",
    )
    result = load(str(tmp_path / "a.yaml"))
    assert result.document is not None
    app = GlossApp(result.document, result.diagnostics)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert_screen_inert(app, "start")
        rows = strips_text(screen_strips(app))
        # Every screen row is exactly the terminal's width in cells.
        assert {cell_len(row) for row in rows} == {100}
        shown = "\n".join(rows)
        assert "Rabat\u2426\u2426\u2426 and more." in shown
