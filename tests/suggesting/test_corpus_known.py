"""The library's index as known names: its corpus entities, this article left out."""

from __future__ import annotations

from pathlib import Path

from tests.support.suggesting import write_library
from tui.core.corpus.discovery import discover_folder
from tui.core.corpus.index import CorpusIndex
from tui.core.loading.loader import load
from tui.core.suggesting.corpus import corpus_known
from tui.core.suggesting.suggestions import build_finder, file_known, suggest


def test_the_index_knows_names_from_the_other_articles(tmp_path: Path) -> None:
    article = write_library(tmp_path)
    index = CorpusIndex.open(discover_folder(str(tmp_path)))
    try:
        index.refresh()
        row = next(r for r in index.rows() if r.relative.endswith("article.yaml"))
        known = {k.name: k for k in corpus_known(index, leave_out=row.file_id)}
    finally:
        index.close()
    assert known["Israel Aerospace Industries"].documents == 2
    assert known["Israel Aerospace Industries"].links == (("wikidata", "Q1354327"),)
    assert known["Reuters"].documents == 3
    assert "Boaz Levy" not in known  # the article's own, left out
    document = load(str(article)).document
    assert document is not None
    found = suggest(
        document, build_finder(file_known(document)), build_finder(list(known.values()))
    )
    why = {s.words(document.text): s.why for s in found}
    assert why["Reuters"] == "known in 3 articles as ORG Reuters"
    assert why["India"] == "known in 2 articles as GPE India"
