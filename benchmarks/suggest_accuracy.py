"""How good the corpus's suggestions are: each ECB+ article of a topic held out in turn.

For every article of the topic, its annotations are set aside (the text is suggested for
as if nothing were marked) and the names the *other* articles annotate are proposed
(:class:`tui.core.suggesting.corpus.CorpusNames` with the article left out, as the
library's reader does). A suggestion is right when it covers exactly the words of one
of the article's own entity mentions (``span``), and also of its type (``typed``).

Two sets of gold mentions are counted:

``named``
    the mentions whose words have a capital letter or a digit (the rule by which the
    reader takes an entity's mention words as names: "Lindsay Lohan", "Betty Ford", also
    "The facility" at a sentence's start);
``all``
    every entity mention (ECB+ marks nominal and pronominal mentions too: "rehab", "she").

Precision is right suggestions ÷ suggestions; recall is gold mentions suggested ÷ gold
mentions; both summed over the articles (micro averages). ECB+ does not annotate every
sentence of an article: a right name in a sentence nobody annotated counts as wrong. The
rows ``… in annotated lines`` count only the suggestions on a line (an ECB+ sentence)
with at least one mention of the article's own.

``python benchmarks/suggest_accuracy.py [DIR] [--json]``; without ``DIR`` it reads
``examples/ecbplus-topic1`` (the ECB+ sample topic 1 as ``gloss import cat`` writes it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tui.core.corpus.discovery import discover_folder  # noqa: E402
from tui.core.corpus.index import CorpusIndex  # noqa: E402
from tui.core.document.model import Document  # noqa: E402
from tui.core.loading.loader import load  # noqa: E402
from tui.core.suggesting.corpus import CorpusNames  # noqa: E402
from tui.core.suggesting.suggestions import suggest  # noqa: E402

TOPIC = ROOT / "examples" / "ecbplus-topic1"


@dataclass(slots=True)
class Counts:
    suggested: int = 0
    right_span: int = 0
    right_typed: int = 0
    gold: int = 0
    found: int = 0
    found_typed: int = 0

    def figures(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        return {
            "suggestions": self.suggested,
            "gold_mentions": self.gold,
            "precision": ratio(self.right_span, self.suggested),
            "recall": ratio(self.found, self.gold),
            "precision_typed": ratio(self.right_typed, self.suggested),
            "recall_typed": ratio(self.found_typed, self.gold),
        }


def _looks_like_a_name(words: str) -> bool:
    return any(char.isupper() or char.isdigit() for char in words)


def _gold(document: Document, *, named: bool) -> dict[tuple[int, int], str]:
    gold: dict[tuple[int, int], str] = {}
    for entity in document.entities:
        for mention in entity.mentions:
            if mention.parts:
                continue
            words = document.text[mention.span.start : mention.span.end]
            if named and not _looks_like_a_name(words):
                continue
            gold[(mention.span.start, mention.span.end)] = entity.type
    return gold


def measure(folder: Path) -> dict[str, Any]:
    """The figures for every article of ``folder`` held out in turn."""
    counts = {
        "named": Counts(),
        "all": Counts(),
        "named in annotated lines": Counts(),
        "all in annotated lines": Counts(),
    }
    with tempfile.TemporaryDirectory(prefix="gloss-suggest-accuracy-") as cache:
        index = CorpusIndex.open(discover_folder(str(folder)), folder=Path(cache))
        try:
            index.refresh()
            names = CorpusNames()
            articles = 0
            for row in index.rows():
                absolute = index.absolute_path(row.file_id)
                document = load(absolute).document if absolute else None
                if document is None:
                    continue
                articles += 1
                held_out = replace(document, entities=(), events=(), relations=())
                said = suggest(held_out, names.finder(index, leave_out=row.file_id))
                text = document.text
                marked = {
                    text.count("\n", 0, m.span.start) for e in document.entities for m in e.mentions
                }
                for kind, tally in counts.items():
                    gold = _gold(document, named=kind.startswith("named"))
                    spans = {
                        (s.span.start, s.span.end): s.type
                        for s in said
                        if not kind.endswith("lines") or text.count("\n", 0, s.span.start) in marked
                    }
                    tally.suggested += len(spans)
                    tally.gold += len(gold)
                    for span, type_code in spans.items():
                        if span in gold:
                            tally.right_span += 1
                            tally.found += 1
                            if gold[span] == type_code:
                                tally.right_typed += 1
                                tally.found_typed += 1
        finally:
            index.close()
    return {"articles": articles, **{kind: c.figures() for kind, c in counts.items()}}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(TOPIC))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = measure(Path(args.folder))
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{figures['articles']} articles, each held out in turn")
    print(
        f"{'gold':<25} suggestions  mentions  precision  recall  precision (typed)  recall (typed)"
    )
    for kind in ("named", "all", "named in annotated lines", "all in annotated lines"):
        f = figures[kind]
        print(
            f"{kind:<25} {f['suggestions']:>11}  {f['gold_mentions']:>8}  {f['precision']:>9.3f}"
            f"  {f['recall']:>6.3f}  {f['precision_typed']:>17.3f}  {f['recall_typed']:>14.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
