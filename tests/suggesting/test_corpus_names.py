"""The library's names are grouped once per generation of its index's files."""

from __future__ import annotations

from pathlib import Path

from tests.support.suggesting import write_library
from tui.core.corpus.discovery import discover_folder
from tui.core.corpus.entities import entity_members
from tui.core.corpus.index import CorpusIndex
from tui.core.suggesting.corpus import CorpusNames, known_from_members
from tui.core.suggesting.suggestions import Known


def _rows(known: list[Known]) -> list[tuple[object, ...]]:
    return sorted((k.key, k.names, k.documents, k.links, k.type, k.score) for k in known)


def test_grouped_once_until_the_files_change(tmp_path: Path) -> None:
    write_library(tmp_path)
    index = CorpusIndex.open(discover_folder(str(tmp_path)))
    try:
        index.refresh()
        ids = {r.relative: r.file_id for r in index.rows()}
        names = CorpusNames()
        first = names.finder(index, leave_out=ids["article.yaml"])
        assert names.groupings == 1
        assert names.finder(index, leave_out=ids["article.yaml"]) is first
        members = entity_members(index)
        for relative, file_id in ids.items():
            # Leaving another article out works again only its groups, the same as all.
            got = names.known(index, leave_out=file_id)
            assert _rows(got) == _rows(known_from_members(members, leave_out=file_id)), relative
        assert _rows(names.known(index)) == _rows(known_from_members(members))
        assert names.groupings == 1
        reuters = next(
            k for k in names.known(index, leave_out=ids["wire.yaml"]) if k.name == "Reuters"
        )
        assert reuters.documents == 2
        # A file changes: the next question groups again.
        wire = tmp_path / "wire.yaml"
        (tmp_path / "wire.txt").write_text("Reuters and India.\n", encoding="utf-8")
        wire.write_text(
            wire.read_text(encoding="utf-8").replace(
                "entities:\n",
                "entities:\n  - id: india\n    type: GPE\n    name: India\n    mentions: [India]\n",
            ),
            encoding="utf-8",
        )
        index.refresh()
        india = next(k for k in names.known(index) if k.name == "India")
        assert names.groupings == 2 and india.documents == 3
    finally:
        index.close()
