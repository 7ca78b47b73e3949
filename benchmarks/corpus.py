"""Generated corpora, and the corpus figures of the benchmark run.

``generate_corpus(out_dir, count, seed)`` writes ``count`` annotated articles (3-6 KB
of text each, 30-80 mentions, 2-8 events) as ``docNNNNN.txt`` + ``docNNNNN.yaml`` in
folders of 500. Entities come from one shared pool, so the same person or place turns
up in many documents, each time with the same ``links`` (a made-up Wikidata id), as a
cross-document corpus would have them. The same arguments always give the same bytes.

Run ``python benchmarks/corpus.py OUT_DIR --count 100``.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from pathlib import Path

_SYLLABLES = ("ka", "lo", "mi", "ra", "ve", "to", "sa", "ne", "di", "mar", "bel", "cor", "an")
_FILLER = (
    "officials said the talks would continue next week after a long day of meetings",
    "analysts expect the agreement to shape regional trade for years",
    "the statement was published late in the evening and quoted by several papers",
    "observers noted a steady rise in traffic along the northern corridor",
    "local traders welcomed the decision but asked for more details",
    "the ministry declined to comment on the reports",
    "a delegation of engineers inspected the harbour on the same day",
    "the budget for the programme was doubled compared with last year",
)
_TYPES = ("PER", "PER", "PER", "ORG", "ORG", "GPE", "LOC", "FAC")
_EVENTS = (
    ("Contact.Meet", "met"),
    ("Movement.Transport", "travelled"),
    ("Transaction.Transfer-Money", "paid"),
    ("Conflict.Demonstrate", "protested"),
    ("Personnel.Elect", "elected"),
)
_REALIS = ("actual", "actual", "actual", "planned", "hypothetical")
FOLDER_SIZE = 500


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _pool(rng: random.Random, size: int) -> list[tuple[str, str, str]]:
    names: set[str] = set()
    pool = []
    while len(pool) < size:
        kind = rng.choice(_TYPES)
        name = _name(rng) + ("" if kind != "PER" else " " + _name(rng))
        if name in names:
            continue
        names.add(name)
        pool.append((kind, name, f"Q{1000 + len(pool)}"))
    return pool


def _document(rng: random.Random, number: int, pool: list[tuple[str, str, str]]) -> tuple[str, str]:
    cast = rng.sample(pool, rng.randint(6, 12))
    target = rng.randint(3 * 1024, 6 * 1024)
    mention_goal = rng.randint(30, 80)
    event_goal = rng.randint(2, 8)
    parts: list[str] = []
    length = 0
    mentions: dict[int, list[tuple[int, int]]] = {}
    events: list[tuple[str, int, int, int, int, str]] = []
    sentence_start = 0
    while length < target:
        sentence: list[str] = []
        sentence_start = length
        count_here = 0
        for _ in range(rng.randint(1, 3)):
            if sum(len(v) for v in mentions.values()) < mention_goal or count_here == 0:
                who = rng.randrange(len(cast))
                prefix = " ".join(sentence) + (" " if sentence else "")
                start = length + len(prefix)
                sentence.append(cast[who][1])
                mentions.setdefault(who, []).append((start, start + len(cast[who][1])))
                count_here += 1
            if rng.random() < 0.3 and len(events) < event_goal:
                kind, trigger = rng.choice(_EVENTS)
                prefix = " ".join(sentence) + " "
                start = length + len(prefix)
                sentence.append(trigger)
                events.append((kind, start, start + len(trigger), sentence_start, 0, ""))
            sentence.append(rng.choice(_FILLER))
        text = " ".join(sentence) + ". "
        parts.append(text)
        length += len(text)
        events = [(k, s, e, p, length - 1 if end == 0 else end, d) for k, s, e, p, end, d in events]
    text = "".join(parts)
    year = rng.randint(2019, 2024)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    doc_id = f"doc{number:05d}"
    lines = [
        "gloss: 1",
        "document:",
        f"  id: {doc_id}",
        f'  title: "Report {number}: {cast[0][1]} and {cast[1][1]}"',
        f'  date: "{year}-{month:02d}-{day:02d}"',
        "  language: en",
        f"  text: {doc_id}.txt",
        "entities:",
    ]
    for index, spans in mentions.items():
        kind, name, qid = cast[index]
        lines += [
            f"  - id: e{index}",
            f"    type: {kind}",
            f'    name: "{name}"',
            f"    links: {{wikidata: {qid}}}",
            "    mentions:",
        ]
        lines += [f"      - {{start: {s}, end: {e}}}" for s, e in spans]
    if events:
        lines.append("events:")
    for index, (kind, start, end, passage_start, passage_end, _) in enumerate(events):
        lines += [
            f"  - id: ev{index}",
            f"    type: {kind}",
            f'    summary: "{kind.split(".")[1]} {index}"',
            f"    trigger: {{start: {start}, end: {end}}}",
            f"    passage: {{start: {passage_start}, end: {max(passage_end, end)}}}",
            f"    realis: {rng.choice(_REALIS)}",
            f'    date: {{value: "{year}-{month:02d}"}}',
        ]
    return text, "\n".join(lines) + "\n"


def generate_corpus(out_dir: Path, count: int, seed: int = 1) -> list[Path]:
    """Write ``count`` documents under ``out_dir``; return the annotation files."""
    rng = random.Random(seed)
    pool = _pool(rng, max(50, count // 4))
    written = []
    for number in range(count):
        folder = out_dir / f"part{number // FOLDER_SIZE:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        text, annotations = _document(rng, number, pool)
        doc_id = f"doc{number:05d}"
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        yaml_path = folder / f"{doc_id}.yaml"
        yaml_path.write_text(annotations, encoding="utf-8")
        written.append(yaml_path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    written = generate_corpus(args.out_dir, args.count, args.seed)
    print(f"wrote {len(written)} documents under {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
