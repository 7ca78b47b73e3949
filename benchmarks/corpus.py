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
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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


CORPUS_GOALS: dict[str, float] = {
    "cold_index_ratio": 1.5,
    "warm_open_ratio": 1.3,
    "search_scaling": 3.0,
    "corpus_rss_ratio": 1.5,
}
ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "benchmarks" / "corpus_probe.py"
COLD_INDEX = (
    "import sys\n"
    "from tui.core.corpus.targets import source_of\n"
    "from tui.core.corpus.index import CorpusIndex\n"
    "index = CorpusIndex.open(source_of([sys.argv[1]]))\n"
    "index.refresh()\n"
    "index.close()\n"
)
BARE_PARSE = (
    "import os, sys, yaml\n"
    "for folder, _, names in os.walk(sys.argv[1]):\n"
    "    for name in sorted(names):\n"
    "        if name.endswith('.yaml'):\n"
    "            with open(os.path.join(folder, name), encoding='utf-8') as handle:\n"
    "                yaml.load(handle.read(), Loader=yaml.CSafeLoader)\n"
)


def benchmark_queries(seed: int = 1) -> list[str]:
    """The searches timed at every size: words, phrases, prefixes, filters, shared names."""
    names = [name for _, name, _ in _pool(random.Random(seed), 50)[:3]]
    return [
        "harbour",
        '"regional trade"',
        "deleg*",
        "type:PER",
        "event:Contact realis:planned",
        "ministry date:2021..2021-06",
        *(f'entity:"{name}"' for name in names),
        f"{names[0].split()[0].lower()} type:{_pool(random.Random(seed), 50)[0][0]}",
    ]


def _run(arguments: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    completed = subprocess.run(
        arguments, capture_output=True, text=True, env=env, check=False, cwd=ROOT
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments)} failed:\n{completed.stderr}")
    return elapsed, completed.stdout


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure_size(folder: Path, cache: Path, queries: list[str], trials: int = 3) -> dict[str, Any]:
    """Cold index and bare parse (once: they take long), then the library on the warm
    index (``trials`` fresh processes, medians): one corpus size."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), TEXTUAL_FPS="1000", PYTHONPATH=str(ROOT))
    env.pop("TEXTUAL", None)
    cold_s, _ = _run([sys.executable, "-c", COLD_INDEX, str(folder)], env)
    bare_s, _ = _run([sys.executable, "-c", BARE_PARSE, str(folder)], env)
    frames: list[float] = []
    refreshes: list[float] = []
    rss: list[float] = []
    latencies: list[float] = []
    for _ in range(trials):
        spawned = time.monotonic()
        _, out = _run([sys.executable, str(PROBE), str(folder), *queries], env)
        probe = json.loads(out.strip().splitlines()[-1])
        frames.append(probe["first_frame"] - spawned)
        refreshes.append(probe["refreshed"] - probe["first_frame"])
        rss.append(probe["maxrss_kb"] / 1024)
        latencies.extend(value for values in probe["search_s"].values() for value in values)
    return {
        "cold_index_s": cold_s,
        "bare_parse_s": bare_s,
        "first_frame_s": statistics.median(frames),
        "refresh_s": statistics.median(refreshes),
        "search_p95_ms": _p95(latencies) * 1000,
        "search_median_ms": statistics.median(latencies) * 1000,
        "rss_mb": statistics.median(rss),
    }


def ensure_corpus(out_dir: Path, count: int) -> Path:
    """``out_dir/corpus-COUNT``, generated when missing or made by another generator."""
    folder = out_dir / f"corpus-{count}"
    stamp = folder / "generated.stamp"
    source_hash = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    if not (stamp.exists() and stamp.read_text() == source_hash):
        print(f"generating a corpus of {count} documents…", file=sys.stderr)
        if folder.exists():
            shutil.rmtree(folder)
        generate_corpus(folder, count)
        stamp.write_text(source_hash)
    return folder


def corpus_figures(quick: bool, out_dir: Path, trials: int = 3) -> dict[str, dict[str, Any]]:
    """Figures at 100 and 10,000 documents (``quick``: 50 and 500), each from fresh
    processes on a fresh cache."""
    sizes = {"corpus100": 50 if quick else 100, "corpus10k": 500 if quick else 10_000}
    queries = benchmark_queries()
    figures: dict[str, dict[str, Any]] = {}
    for label, count in sizes.items():
        folder = ensure_corpus(out_dir, count)
        with tempfile.TemporaryDirectory() as cache:
            print(f"measuring the corpus of {count} documents…", file=sys.stderr)
            figures[label] = {
                "documents": count,
                **measure_size(folder, Path(cache), queries, 1 if quick else trials),
            }
    return figures


def corpus_ratios(figures: dict[str, dict[str, Any]], bundled: dict[str, Any]) -> dict[str, float]:
    """The corpus ratios, against the bundled article's open time and memory."""
    small, large = figures["corpus100"], figures["corpus10k"]
    return {
        "cold_index_ratio": large["cold_index_s"] / large["bare_parse_s"],
        "warm_open_ratio": large["first_frame_s"] / bundled["open_s"],
        "search_scaling": large["search_p95_ms"] / small["search_p95_ms"],
        "corpus_rss_ratio": large["rss_mb"] / bundled["rss_mb"],
    }


def corpus_table(figures: dict[str, dict[str, Any]]) -> list[str]:
    """Lines for the benchmark's printed table."""
    lines = ["", f"{'corpus (median)':<28}" + "".join(f"{k:>12}" for k in figures)]
    for key, unit, digits in (
        ("cold_index_s", "s", 2),
        ("bare_parse_s", "s", 2),
        ("first_frame_s", "s", 3),
        ("refresh_s", "s", 2),
        ("search_median_ms", "ms", 1),
        ("search_p95_ms", "ms", 1),
        ("rss_mb", "MB", 1),
    ):
        cells = "".join(f"{figures[label][key]:>12.{digits}f}" for label in figures)
        lines.append(f"{key + ' (' + unit + ')':<28}{cells}")
    return lines


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
