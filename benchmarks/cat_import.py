"""``cat_import_ratio``: ``gloss import cat`` of a 1,000-document folder ÷ a bare parse
of the same XML files with the same hardened parser (``defusedxml``).

The folder is generated from the ECB+ sample the tests use
(``tests/formats/data/ecbplus``), varied so that no two documents are the same: each
copy gets its own document name (topic number + 100 × copy), its own cross-document
instance ids (so chains link within a copy, as in a real corpus), and its tokens are
taken from a different starting sentence of its source article. It is written under
``benchmarks/out/`` (git-ignored) and never shipped.

Both sides run as fresh processes, median over the trials; the import writes every
file through the safe writer (temporary file, sync, rename) into a new folder under
``benchmarks/out/`` for each trial, with its own state folder so the user's record is
not touched; those folders are removed after the last trial (see :func:`measure`).

``python benchmarks/cat_import.py [--count N] [--trials N]`` runs it alone.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "formats" / "data" / "ecbplus"
OUT = ROOT / "benchmarks" / "out"
GOAL = 3.0

BARE_PARSE = (
    "import os, sys\n"
    "import defusedxml.ElementTree as ET\n"
    "for folder, _, files in os.walk(sys.argv[1]):\n"
    "    for name in files:\n"
    "        if name.endswith('.xml'):\n"
    "            ET.parse(os.path.join(folder, name))\n"
)

_NAME = re.compile(rb'doc_name="(\d+)_(\d+)(ecb(?:plus)?)\.xml"')
_INSTANCE = re.compile(rb'((?:note|instance_id)="[A-Z]{3}\d+)"')
_SENTENCE = re.compile(rb'sentence="(\d+)"')


def _vary(data: bytes, copy: int) -> tuple[str, bytes]:
    """A new document from a sample one: its name, instance ids and sentence numbers."""
    found = _NAME.search(data)
    assert found is not None, "sample files name themselves"
    topic, number, kind = found.groups()
    name = f"{int(topic) + 100 * copy}_{int(number)}{kind.decode()}"
    data = _NAME.sub(f'doc_name="{name}.xml"'.encode(), data, count=1)
    data = _INSTANCE.sub(lambda m: m.group(1) + f"{copy:03d}".encode() + b'"', data)
    # Renumber sentences so that sentence boundaries (and so paragraphs) differ by copy.
    data = _SENTENCE.sub(lambda m: b'sentence="%d"' % ((int(m.group(1)) + copy) // 2), data)
    return name, data


def generate(count: int, folder: Path | None = None) -> Path:
    """The varied corpus of ``count`` documents (reused when already made the same way)."""
    sources = sorted(SAMPLE.glob("*/*.xml"))
    stamp = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    folder = folder or OUT / f"cat-corpus-{count}"
    stamp_file = folder / ".stamp"
    if stamp_file.exists() and stamp_file.read_text().strip() == stamp:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for index in range(count):
        copy, which = divmod(index, len(sources))
        name, data = _vary(sources[which].read_bytes(), copy)
        (folder / f"{name}.xml").write_bytes(data)
    stamp_file.write_text(stamp + "\n")
    return folder


def _timed(arguments: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and system seconds of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(
        arguments, capture_output=True, text=True, env=env, check=False, cwd=ROOT
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments)} failed:\n{completed.stderr[-2000:]}")
    system = after.ru_stime - before.ru_stime
    return elapsed, (after.ru_utime - before.ru_utime) + system, system


def measure(count: int, trials: int) -> dict[str, float]:
    """Median seconds of the import and of the bare parse, and their ratio."""
    corpus = generate(count)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    imports: list[float] = []
    bare: list[float] = []
    imports_cpu: list[float] = []
    bare_cpu: list[float] = []
    imports_system: list[float] = []
    # Each trial imports into a new folder (with its own state folder), and the folders
    # are removed only after the last trial: on ext4 without a journal, a file created
    # within 30 s of many deletions in the same place makes the kernel step over every
    # recently deleted inode (up to 0.5 ms a file), so removing the last trial's 2,001
    # files just before the next one would time the benchmark's own cleaning.
    leftovers = sorted(OUT.glob(f"cat-import-{count}-*"))
    for folder in leftovers:
        shutil.rmtree(folder, ignore_errors=True)
    made: list[Path] = []
    try:
        for trial in range(trials):
            print(f"cat import: trial {trial + 1} of {trials}…", file=sys.stderr)
            target = OUT / f"cat-import-{count}-{trial + 1}"
            made.append(target)
            env["XDG_STATE_HOME"] = str(target / ".state")
            command = [
                *(sys.executable, "-m", "tui", "import", "cat", str(corpus)),
                *("-o", str(target / "corpus")),
            ]
            wall, cpu, system = _timed(command, env)
            imports.append(wall)
            imports_cpu.append(cpu)
            imports_system.append(system)
            wall, cpu, _ = _timed([sys.executable, "-c", BARE_PARSE, str(corpus)], env)
            bare.append(wall)
            bare_cpu.append(cpu)
    finally:
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)
    import_s = statistics.median(imports)
    bare_s = statistics.median(bare)
    return {
        "cat_import_s": import_s,
        "cat_bare_parse_s": bare_s,
        "cat_import_ratio": import_s / bare_s,
        # CPU time too: on a shared machine wall time also counts waiting for a core.
        "cat_import_cpu_s": statistics.median(imports_cpu),
        "cat_bare_parse_cpu_s": statistics.median(bare_cpu),
        "cat_import_cpu_ratio": statistics.median(imports_cpu) / statistics.median(bare_cpu),
        # The kernel's share: creating 2,001 files, which varies most on a shared disk.
        "cat_import_system_s": statistics.median(imports_system),
        "cat_documents": float(count),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure gloss import cat on a large folder.")
    parser.add_argument("--count", type=int, default=1000, help="documents to generate")
    parser.add_argument("--trials", type=int, default=3, help="trials (median is reported)")
    args = parser.parse_args(argv)
    found = measure(args.count, args.trials)
    print(
        f"gloss import cat, {args.count} documents: {found['cat_import_s'] * 1000:.0f} ms;"
        f" bare parse {found['cat_bare_parse_s'] * 1000:.0f} ms;"
        f" cat_import_ratio {found['cat_import_ratio']:.2f} (goal ≤ {GOAL:g});"
        f" CPU time {found['cat_import_cpu_s'] * 1000:.0f} ms vs"
        f" {found['cat_bare_parse_cpu_s'] * 1000:.0f} ms, {found['cat_import_cpu_ratio']:.2f}"
        f" (of which the kernel {found['cat_import_system_s'] * 1000:.0f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
