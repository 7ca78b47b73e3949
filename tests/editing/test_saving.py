"""Saving: what the new text looks like, a new file for a bare text, and the write
itself (checked first, through the one writer)."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.corpora import SMALL_TEXT, small_files
from tests.support.editing import write_hostile
from tui.cli.main import bundled_article
from tui.core.document.model import Document, DocumentInfo, Span
from tui.core.editing.edits import (
    AddArgument,
    AddMention,
    DeleteMention,
    NewEntity,
    NewRelation,
    RenameEntity,
    apply,
)
from tui.core.editing.saving import check_saved, save, saved_text
from tui.core.loading.loader import load


def _loaded(path: Path) -> tuple[str, Document]:
    result = load(str(path))
    assert result.document is not None
    return path.read_text(encoding="utf-8"), result.document


def test_nothing_changed_is_the_same_text(tmp_path: Path) -> None:
    source, document = _loaded(small_files(tmp_path))
    assert saved_text(source, document, document) is source


def test_one_new_mention_is_one_new_line_in_the_file_s_style(tmp_path: Path) -> None:
    folder = tmp_path / "article"
    folder.mkdir()
    bundled = bundled_article()
    path = Path(shutil.copy(bundled, folder / bundled.name))
    shutil.copy(bundled.with_suffix(".txt"), folder / bundled.with_suffix(".txt").name)
    source, document = _loaded(path)
    start = document.text.index("Kalman")
    edited = apply(document, AddMention("tal-kalman", Span(start, start + 6)))
    text = saved_text(source, document, edited)
    old_lines, new_lines = source.split("\n"), text.split("\n")
    assert len(new_lines) == len(old_lines) + 1
    added = [line for line in new_lines if line not in old_lines]
    # "Kalman" occurs once: a plain quote, quoted as this file quotes its mentions
    assert added == ['      - "Kalman"']
    assert new_lines.index(added[0]) == old_lines.index('      - "Maj.-Gen. Tal Kalman"') + 1


def test_an_all_selector_that_loses_one_occurrence_lists_the_others(tmp_path: Path) -> None:
    source, document = _loaded(small_files(tmp_path))
    paris = document.entity_by_id["paris"]
    edited = apply(document, DeleteMention("paris", paris.mentions[0].span))
    text = saved_text(source, document, edited)
    assert "mentions: [{quote: Paris, occurrence: 2}]" in text
    assert "{quote: Paris, all: true}" not in text


def test_crlf_comments_and_flow_style_are_kept(tmp_path: Path) -> None:
    path = write_hostile(tmp_path, crlf=True)
    source = path.read_bytes().decode("utf-8")
    document = load(str(path)).document
    assert document is not None
    edited = apply(document, RenameEntity("bob", "Robert: the builder"))
    edited = apply(edited, NewRelation("knows", "zoe", "bob"))
    edited = apply(edited, AddArgument("met", "Place", "paris"))
    text = saved_text(source, document, edited)
    assert '{id: bob, type: PER, name: "Robert: the builder", mentions:' in text
    assert "{type: boss-of, from: ng, to: bob}, {type: knows, from: zoe, to: bob}]" in text
    assert "{role: Entity, entity: bob}, {role: Place, entity: paris}]" in text
    assert text.count("\r\n") == text.count("\n")
    assert "# the end\r\n" in text and "gloss: 1   # the version\r\n" in text


def test_a_bare_text_gets_a_tidy_new_file(tmp_path: Path) -> None:
    (tmp_path / "bare.txt").write_text(SMALL_TEXT, encoding="utf-8")
    bare = Document(
        info=DocumentInfo("bare", "A title", None, None, str(tmp_path / "bare.txt")),
        text=SMALL_TEXT,
        entities=(),
        events=(),
        relations=(),
    )
    base = load(str(small_files(tmp_path / "types" if _mk(tmp_path / "types") else tmp_path)))
    assert base.document is not None
    bare = replace(bare, entity_types=base.document.entity_types)
    edited = apply(bare, NewEntity("PER", "Alice", Span(0, 5)))
    text = saved_text(None, bare, edited)
    assert text.startswith("# Annotations of bare.txt")
    assert "gloss: 1\ndocument:\n  id: bare\n  title: A title\n  text: bare.txt\n" in text
    result = save(str(tmp_path / "bare.yaml"), None, bare, edited)
    assert result.written
    loaded = load(str(tmp_path / "bare.yaml"))
    assert loaded.document is not None
    assert loaded.document.entities == edited.entities


def _mk(path: Path) -> bool:
    path.mkdir()
    return True


def test_invalid_text_is_not_written(tmp_path: Path) -> None:
    path = small_files(tmp_path)
    source, document = _loaded(path)
    broken = source.replace("type: PER", "type: NOPE", 1)
    problems = check_saved(str(path), broken)
    assert problems and "unknown entity type 'NOPE'" in problems[0].message
    assert check_saved(str(path), source) == []
    # An edited document whose saved text would not load is refused, the file untouched.
    impossible = replace(document, entities=(replace(document.entities[0], type="NOPE"),))
    before = path.read_bytes()
    result = save(str(path), source, document, impossible)
    assert not result.written and result.problems
    assert path.read_bytes() == before


def test_saving_replaces_the_file_atomically(tmp_path: Path) -> None:
    path = small_files(tmp_path)  # written by the test, not by gloss: replaced all the same
    source, document = _loaded(path)
    inode = os.stat(path).st_ino
    edited = apply(document, RenameEntity("carol", "Caroline"))
    result = save(str(path), source, document, edited)
    assert result.written and result.text is not None
    assert path.read_text(encoding="utf-8") == result.text
    assert os.stat(path).st_ino != inode  # a new file renamed over the old one
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    reloaded = load(str(path)).document
    assert reloaded is not None and reloaded.entity_by_id["carol"].name == "Caroline"


def test_a_link_is_not_followed(tmp_path: Path) -> None:
    path = small_files(tmp_path)
    source, document = _loaded(path)
    link = tmp_path / "link.yaml"
    link.symlink_to(path.name)
    edited = apply(document, RenameEntity("carol", "Caroline"))
    result = save(str(link), source, document, edited)
    assert not result.written and result.refused is not None and "link" in result.refused
    assert link.is_symlink() and path.read_text(encoding="utf-8") == source


@pytest.mark.parametrize("bom", [False, True])
def test_a_byte_order_mark_is_kept(tmp_path: Path, bom: bool) -> None:
    path = write_hostile(tmp_path, bom=bom)
    source = path.read_bytes().decode("utf-8")
    document = load(str(path)).document
    assert document is not None
    edited = apply(document, RenameEntity("ng", "Dr. Ng, MD"))
    text = saved_text(source, document, edited)
    assert text.startswith("\ufeff") == bom
    assert "    name: 'Dr. Ng, MD'" not in text and "    name: Dr. Ng, MD\n" in text


def test_placed_nodes_count_code_points_with_crlf() -> None:
    from tui.core.loading.yamlsafe import PlacedMapping, PlacedScalar, compose_placed

    source = 'a: é😀x\r\nb: [c, "ü"]\r\nd: >-\r\n  folded\r\n\r\ne: 1\r\n'
    root = compose_placed(source)
    assert isinstance(root, PlacedMapping)
    values = [value for _, value in root.value]
    first = values[0]
    assert isinstance(first, PlacedScalar) and source[first.start : first.end] == "é😀x"
    assert source[values[1].start : values[1].end] == '[c, "ü"]'  # type: ignore[attr-defined]
    folded = values[2]
    assert (
        isinstance(folded, PlacedScalar) and source[folded.start : folded.end] == ">-\r\n  folded"
    )
