"""Random sequences of edits, saved and loaded again, give the document the edits made,
and leave every line of the file outside the changed annotations as it was.

Run on the bundled article (heavily commented), on a generated book-like file (every
selector form) and on a file written to be awkward (flow and block styles mixed, odd
quoting, block scalars, comments everywhere, non-ASCII, a tab in the text), with LF and
with CRLF line endings and a byte order mark.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate
from tests.support.editing import random_edit, write_hostile
from tui.cli.main import bundled_article
from tui.core.document.model import Document
from tui.core.editing.edits import EditRefused, apply
from tui.core.editing.saving import saved_text
from tui.core.editing.yaml_patch import content_end
from tui.core.loading.loader import load
from tui.core.loading.yamlsafe import PlacedMapping, PlacedSequence, ScalarNode, compose_placed

_FILES = ("bundled", "generated", "hostile", "hostile-crlf")


class _Files(dict[str, tuple[str, str, Document]]):
    def __repr__(self) -> str:
        return f"<files {', '.join(self)}>"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> _Files:
    folder = tmp_path_factory.mktemp("saving")
    bundled = bundled_article()
    shutil.copy(bundled, folder / bundled.name)
    shutil.copy(bundled.with_suffix(".txt"), folder / bundled.with_suffix(".txt").name)
    paths = {
        "bundled": folder / bundled.name,
        "generated": generate(folder / "generated", 24 * 1024, seed=3).yaml_path,
        "hostile": write_hostile(_folder(folder / "hostile")),
        "hostile-crlf": write_hostile(_folder(folder / "crlf"), crlf=True, bom=True),
    }
    found = _Files()
    for name, path in paths.items():
        result = load(str(path))
        assert result.document is not None, result.diagnostics
        source = path.read_bytes().decode("utf-8")
        found[name] = (str(path), source, result.document)
    return found


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _changed_lines(source: str, original: Document, edited: Document) -> set[int]:
    """Line numbers (0-based) of the original file that belong to annotations the edits
    changed, removed or moved next to: everything else must be kept."""
    root = compose_placed(source.removeprefix("\ufeff"))
    assert isinstance(root, PlacedMapping)
    body = source.removeprefix("\ufeff")

    def line(at: int) -> int:
        return body.count("\n", 0, at)

    changed: set[int] = set()

    def mark(start: int, end: int, *, with_next_blank: bool = False) -> None:
        first, last = line(start), line(end)
        changed.update(range(first, last + 1))
        lines = body.split("\n")
        if with_next_blank and last + 1 < len(lines) and not lines[last + 1].strip():
            changed.add(last + 1)

    sections = {str(k.value): v for k, v in root.value if isinstance(k, ScalarNode)}
    before_entities = {e.id: e for e in original.entities}
    after_entities = {e.id: e for e in edited.entities}
    before_events = {e.id: e for e in original.events}
    after_events = {e.id: e for e in edited.events}
    for name, before, after in (
        ("entities", before_entities, after_entities),
        ("events", before_events, after_events),
    ):
        section = sections.get(name)
        if not isinstance(section, PlacedSequence):
            continue
        for position, item in enumerate(section.value):
            fields = {str(k.value): v for k, v in item.value if isinstance(k, ScalarNode)}
            item_id = fields["id"].value
            old, new = before.get(item_id), after.get(item_id)
            if old != new:
                start = section.start if position == 0 else item.start
                mark(start - 2 if start >= 2 else start, content_end(item), with_next_blank=True)
        if section.flow or before.keys() != after.keys():
            mark(section.start, content_end(section))  # new items go at its end
            if section.value:
                last = section.value[-1]
                mark(last.start, content_end(last) + 1)
    relations = sections.get("relations")
    if isinstance(relations, PlacedSequence) and original.relations != edited.relations:
        mark(relations.start if relations.flow else content_end(relations), content_end(relations))
        for item, relation in zip(relations.value, original.relations, strict=True):
            if relation not in edited.relations:
                mark(item.start - 2, content_end(item), with_next_blank=True)
    types = sections.get("types")
    if types is not None and (
        dict(original.entity_types) != dict(edited.entity_types)
        or dict(original.event_types) != dict(edited.event_types)
        or dict(original.relation_types) != dict(edited.relation_types)
    ):
        mark(types.start, content_end(types))
    return changed


def _is_subsequence(kept: list[str], output: list[str]) -> bool:
    position = 0
    for line in kept:
        while position < len(output) and output[position] != line:
            position += 1
        if position == len(output):
            return False
        position += 1
    return True


def _same_document(loaded: Document, edited: Document) -> None:
    assert loaded.entities == edited.entities
    assert loaded.events == edited.events
    assert loaded.relations == edited.relations
    assert loaded.info == edited.info
    assert dict(loaded.entity_types) == dict(edited.entity_types)
    assert dict(loaded.event_types) == dict(edited.event_types)
    assert dict(loaded.relation_types) == dict(edited.relation_types)


@settings(
    max_examples=int(__import__("os").environ.get("EDIT_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=st.sampled_from(_FILES), data=st.data())
def test_saved_edits_reload_to_the_edited_document(
    files: dict[str, tuple[str, str, Document]], name: str, data: st.DataObject
) -> None:
    path, source, original = files[name]
    document = original
    applied = 0
    for _ in range(data.draw(st.integers(1, 8), label="edits")):
        edit = random_edit(data.draw, document)
        try:
            document = apply(document, edit)
        except EditRefused as refused:
            assert refused.reason.endswith(".")
            event(f"refused {edit.kind}")
            continue
        event(f"applied {edit.kind}")
        applied += 1
    text = saved_text(source, original, document)
    result = load(path, yaml_text=text)
    errors = [d.format() for d in result.diagnostics if d.severity.value == "error"]
    assert result.document is not None, (errors, text)
    _same_document(result.document, document)
    assert text.startswith("\ufeff") == source.startswith("\ufeff")
    if "\r\n" in source:
        assert text.count("\n") == text.count("\r\n"), "every line keeps its CRLF"
    changed = _changed_lines(source, original, document)
    lines = source.removeprefix("\ufeff").split("\n")
    kept = [line for number, line in enumerate(lines) if number not in changed]
    assert _is_subsequence(kept, text.removeprefix("\ufeff").split("\n"))
    if applied == 0:
        assert text == source
