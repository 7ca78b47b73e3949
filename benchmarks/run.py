"""Book-sized documents against the bundled article, measured in one run.

``python benchmarks/run.py [--json FILE] [--trials N] [--quick]``

Generates (once; they are reused while ``generate.py`` is unchanged) 1 MB and 2 MB
documents into ``benchmarks/out/`` (git-ignored), then, for every trial, runs each
measurement in fresh processes and reports medians over the trials:

- open: spawn of a process that builds the app with ``tui.app.reader_app.make_app`` and runs it
  headless at 120x40, until article text has been rendered (see ``probe.py``);
- interaction latency, key press to the last frame it caused, with ``TEXTUAL_FPS=1000``:
  ``n`` (next mention), ``select`` (next entity in the list) and ``e`` (next event);
- peak memory (``VmHWM``: see peak_memory.py) of that process;
- ``gloss check`` of the 1 MB file against a bare ``yaml.load(..., Loader=CSafeLoader)``
  of the same file, both as fresh processes;
- the timeline (``timeline.py``): ``T`` opening it and ``j`` moving in it, for the bundled
  article and the 1 MB document, held to the ``interact_ratio`` goal;
- ``gloss diff`` of the 1 MB file against a copy with 10% of its mentions changed,
  against one ``gloss check`` of it (``diff.py``);
- ``gloss import cat`` of a 1,000-document folder made from the ECB+ sample against a
  bare ``defusedxml`` parse of the same files (``cat_import.py``; 100 with ``--quick``);
- suggesting for one article against the index of a 10,000-article generated corpus
  (``suggesting.py``), against opening the bundled article: ``suggest_ratio``;
- the shared index (``pg_scale.py``, where PostgreSQL is installed): generated corpora of
  10,000 and 100,000 articles (100 and 500 with ``--quick``; 1,000,000 too with
  ``--pg-million``) indexed into a throwaway server and searched, against the embedded
  index at 100,000: ``pg_index_rate``, ``pg_search_p95_ms`` per size,
  ``pg_search_scaling`` and ``pg_vs_sqlite``.

Ratios compare the 1 MB document with the bundled article (and 2 MB with 1 MB for
scaling); each is marked as meeting its goal or not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import cat_import, pg_scale, reading  # noqa: E402
from benchmarks import diff as diff_bench  # noqa: E402
from benchmarks import editing as editing_bench  # noqa: E402
from benchmarks import saving as saving_bench  # noqa: E402
from benchmarks import suggesting as suggesting_bench  # noqa: E402
from benchmarks import timeline as timeline_bench  # noqa: E402
from benchmarks.corpus import (  # noqa: E402
    CORPUS_GOALS,
    corpus_figures,
    corpus_ratios,
    corpus_table,
)
from benchmarks.entity_index import measure as measure_entity_index  # noqa: E402
from benchmarks.generate import MIB, generate  # noqa: E402

BUNDLED = ROOT / "content" / "idf-morocco-2022-03-25.yaml"
OUT = ROOT / "benchmarks" / "out"
PROBE = ROOT / "benchmarks" / "probe.py"
SEED = 1
BARE_YAML = (
    "import sys, yaml\n"
    "with open(sys.argv[1], encoding='utf-8') as handle:\n"
    "    yaml.load(handle.read(), Loader=yaml.CSafeLoader)\n"
)

GOALS: dict[str, float] = {
    "interact_ratio": 1.5,
    "open_ratio": 3.0,
    "rss_ratio": 3.0,
    "scaling_ratio": 2.2,
    "check_ratio": 4.0,
    "cat_import_ratio": cat_import.GOAL,
    "timeline_open": 1.5,
    "timeline_move": 1.5,
    "diff_ratio": diff_bench.GOAL,
    **reading.GOALS,
    **CORPUS_GOALS,
    "entity_index_scaling": 3.0,
    **editing_bench.GOALS,
    "save_ratio": saving_bench.GOAL,
    "suggest_ratio": suggesting_bench.GOAL,
    **pg_scale.GOALS,
}


@dataclass
class Samples:
    """Per-document measurements, one value per trial."""

    open_s: list[float] = field(default_factory=list)
    settled_s: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    latency_ms: dict[str, list[float]] = field(
        default_factory=lambda: {"n": [], "select": [], "e": []}
    )
    check_s: list[float] = field(default_factory=list)
    bare_yaml_s: list[float] = field(default_factory=list)

    def medians(self) -> dict[str, Any]:
        def median(values: list[float]) -> float | None:
            return statistics.median(values) if values else None

        return {
            "open_s": median(self.open_s),
            "settled_s": median(self.settled_s),
            "rss_mb": median(self.rss_mb),
            "latency_ms": {key: median(values) for key, values in self.latency_ms.items()},
            "check_s": median(self.check_s),
            "bare_yaml_s": median(self.bare_yaml_s),
        }


def documents(quick: bool) -> dict[str, Path]:
    """The bundled article and the generated documents (generated when missing or stale)."""
    source = (ROOT / "benchmarks" / "generate.py").read_bytes()
    stamp = hashlib.sha256(source).hexdigest()[:16]
    stamp_file = OUT / "generator.stamp"
    fresh = stamp_file.exists() and stamp_file.read_text().strip() == stamp
    found: dict[str, Path] = {"bundled": BUNDLED}
    for label, size in (("1mb", MIB), ("2mb", 2 * MIB)):
        path = OUT / f"gloss-bench-{label}-seed{SEED}.yaml"
        if not (fresh and path.exists()):
            print(f"generating the {label.upper()} document…", file=sys.stderr)
            path = generate(OUT, size, SEED).yaml_path
        found[label] = path
    OUT.mkdir(parents=True, exist_ok=True)
    stamp_file.write_text(stamp + "\n")
    return found


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["TEXTUAL_FPS"] = "1000"
    env.pop("TEXTUAL", None)  # no devtools or debug features
    env["PYTHONPATH"] = str(ROOT)
    return env


def probe(path: Path, presses: int) -> dict[str, Any]:
    """One fresh reader process; times are relative to just before it was spawned."""
    spawned = time.monotonic()
    completed = subprocess.run(
        [sys.executable, str(PROBE), str(path), "--presses", str(presses)],
        capture_output=True,
        text=True,
        env=_environment(),
        check=False,
        cwd=ROOT,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"probe of {path} failed:\n{completed.stderr}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    result["open_s"] = result["open"] - spawned
    result["settled_s"] = result["settled"] - spawned
    return result


def timed_process(arguments: list[str]) -> float:
    """Wall seconds of one fresh process (which must succeed)."""
    start = time.perf_counter()
    completed = subprocess.run(
        arguments, capture_output=True, text=True, env=_environment(), check=False, cwd=ROOT
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments)} failed:\n{completed.stderr}")
    return elapsed


def measure(docs: dict[str, Path], trials: int, presses: int) -> dict[str, Samples]:
    samples = {label: Samples() for label in docs}
    for trial in range(trials):
        print(f"trial {trial + 1} of {trials}…", file=sys.stderr)
        for label, path in docs.items():
            result = probe(path, presses)
            entry = samples[label]
            entry.open_s.append(result["open_s"])
            entry.settled_s.append(result["settled_s"])
            entry.rss_mb.append(result["maxrss_kb"] / 1024)
            for key, values in result["latency"].items():
                entry.latency_ms[key].append(statistics.median(values) * 1000)
        check_target = str(docs["1mb"])
        samples["1mb"].check_s.append(
            timed_process([sys.executable, "-m", "tui", "check", "--quiet", check_target])
        )
        samples["1mb"].bare_yaml_s.append(
            timed_process([sys.executable, "-c", BARE_YAML, check_target])
        )
    return samples


def ratios(medians: dict[str, dict[str, Any]]) -> dict[str, float]:
    bundled, one, two = medians["bundled"], medians["1mb"], medians["2mb"]
    per_key = {
        key: one["latency_ms"][key] / bundled["latency_ms"][key] for key in ("n", "select", "e")
    }
    return {
        "interact_ratio": max(per_key.values()),
        **{f"interact_ratio_{key}": value for key, value in per_key.items()},
        "open_ratio": one["open_s"] / bundled["open_s"],
        "rss_ratio": one["rss_mb"] / bundled["rss_mb"],
        "scaling_ratio": two["open_s"] / one["open_s"],
        "check_ratio": one["check_s"] / one["bare_yaml_s"],
    }


def versions() -> dict[str, str]:
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "textual": version("textual"),
        "pyyaml": version("pyyaml"),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
    }


def table(medians: dict[str, dict[str, Any]], found: dict[str, Any], info: dict[str, str]) -> str:
    labels = list(medians)
    lines = [
        f"gloss benchmark: Python {info['python']}, Textual {info['textual']}, "
        f"PyYAML {info['pyyaml']}, {info['cpus']} CPUs",
        "",
        f"{'median':<28}" + "".join(f"{label:>12}" for label in labels),
    ]

    def row(name: str, values: list[float | None], unit: str, digits: int) -> None:
        cells = "".join(
            f"{'-' if value is None else f'{value:.{digits}f}':>12}" for value in values
        )
        lines.append(f"{name + ' (' + unit + ')':<28}{cells}")

    row("open", [medians[label]["open_s"] * 1000 for label in labels], "ms", 0)
    row("settled", [medians[label]["settled_s"] * 1000 for label in labels], "ms", 0)
    for key, what in (("n", "key n"), ("select", "select entity"), ("e", "key e")):
        row(what, [medians[label]["latency_ms"][key] for label in labels], "ms", 1)
    row("peak RSS", [medians[label]["rss_mb"] for label in labels], "MB", 1)
    row("gloss check", [None, medians["1mb"]["check_s"] * 1000, None], "ms", 0)
    row("bare yaml.load", [None, medians["1mb"]["bare_yaml_s"] * 1000, None], "ms", 0)
    lines += ["", f"{'ratio':<28}{'value':>12}{'goal':>10}  status"]
    for name, goal in GOALS.items():
        value = found.get(name)
        if value is None:
            lines.append(f"{name:<28}{'-':>12}{'≤ ' + format(goal, 'g'):>10}  not measured")
            continue
        status = "met" if value <= goal else "NOT MET"
        lines.append(f"{name:<28}{value:>12.2f}{'≤ ' + format(goal, 'g'):>10}  {status}")
        if name == "key_floor_ratio":
            lines.append(f"{'  key_ratio (no goal)':<28}{found['key_ratio']:>12.2f}")
        if name == "interact_ratio":
            for key in ("n", "select", "e"):
                sub = found[f"interact_ratio_{key}"]
                lines.append(f"{'  ' + key:<28}{sub:>12.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure gloss on book-sized documents.")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--trials", type=int, default=5, help="trials per measurement")
    parser.add_argument(
        "--quick", action="store_true", help="one trial, 5 presses of each key (a smoke run)"
    )
    parser.add_argument(
        "--pg-million",
        action="store_true",
        help="also index and search 1,000,000 articles in PostgreSQL (hours: see docs/scaling.md)",
    )
    parser.add_argument(
        "--skip-shared",
        action="store_true",
        help="leave out the PostgreSQL scale figures (indexing 100,000 articles into a "
        "server takes the better part of an hour on two busy cores)",
    )
    args = parser.parse_args(argv)
    trials = 1 if args.quick else max(1, args.trials)
    presses = 5 if args.quick else 15
    docs = documents(args.quick)
    samples = measure(docs, trials, presses)
    medians = {label: entry.medians() for label, entry in samples.items()}
    found: dict[str, Any] = dict(ratios(medians))
    timeline_medians = timeline_bench.measure(docs, trials, presses, _environment())
    found.update(timeline_bench.ratios(timeline_medians))
    diff_source = BUNDLED if args.quick else docs["1mb"]  # quick: the bundled article
    diff_figures = diff_bench.measure(diff_source, OUT / "diff", trials, timed_process)
    found["diff_ratio"] = diff_figures["diff_ratio"]
    cat = cat_import.measure(100 if args.quick else 1000, trials)
    found["cat_import_ratio"] = cat["cat_import_ratio"]
    reading_results = reading.measure(docs["1mb"], BUNDLED, trials, presses)
    found.update(reading_results["ratios"])
    corpus = corpus_figures(args.quick, OUT, trials)
    found.update(corpus_ratios(corpus, medians["bundled"]))
    entity_index = measure_entity_index(quick=args.quick, trials=trials, corpora=OUT)
    found["entity_index_scaling"] = entity_index["entity_index_scaling"]
    editing = editing_bench.measure(docs["1mb"], trials, presses, _environment())
    found.update(editing["ratios"])
    editing["saving"] = saving_bench.measure(docs["1mb"], OUT / "editing", max(3, trials))
    found["save_ratio"] = editing["saving"]["save_ratio"]
    suggesting = suggesting_bench.measure(quick=args.quick, trials=trials, corpora=OUT)
    found.update(suggesting_bench.ratios(suggesting, medians["bundled"]))
    shared: dict[str, Any] | None = None
    missing = "left out (--skip-shared)" if args.skip_shared else pg_scale.available()
    if missing is None:
        shared = pg_scale.measure(quick=args.quick, million=args.pg_million, corpora=OUT)
        found.update(shared["ratios"])
    else:
        print(f"no PostgreSQL figures: {missing}", file=sys.stderr)
    info = versions()
    print(table(medians, found, info))
    print(timeline_bench.summary(timeline_medians))
    print(
        f"gloss import cat of {cat['cat_documents']:.0f} documents:"
        f" {cat['cat_import_s'] * 1000:.0f} ms, bare parse {cat['cat_bare_parse_s'] * 1000:.0f} ms"
        f" (CPU time {cat['cat_import_cpu_s'] * 1000:.0f} vs"
        f" {cat['cat_bare_parse_cpu_s'] * 1000:.0f} ms)"
    )
    print("\n".join(corpus_table(corpus)))
    if shared is not None:
        print("\n".join(pg_scale.summary(shared)))
    if args.json:
        report = {
            "versions": info,
            "trials": trials,
            "presses": presses,
            "documents": {label: str(path.relative_to(ROOT)) for label, path in docs.items()},
            "medians": medians,
            "timeline_ms": timeline_medians,
            "corpus": corpus,
            "samples": {label: vars(entry) for label, entry in samples.items()},
            "reading": reading_results["medians"],
            "cat_import": cat,
            "ratios": found,
            "diff": diff_figures,
            "entity_index": entity_index,
            "postgres": shared,
            "editing": editing,
            "suggesting": suggesting,
            "goals": GOALS,
            "met": {name: found[name] <= goal for name, goal in GOALS.items() if name in found},
        }
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
