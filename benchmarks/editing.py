"""Annotating on the 1 MB document: an edit against a step, saving against a check, and
the journal's cost, each measured in the same fresh process (``editing_probe.py``).

- ``edit_ratio``: key to last frame of ``a`` (add the selection as a mention) ÷ the same
  for ``n`` (next mention);
- (``save_ratio`` is ``saving.py``'s, in CPU time; the seconds of a save from the app's
  own key are printed here too);
- ``journal_ratio``: ``a`` with the journal ÷ ``a`` without it.

``python benchmarks/editing.py [--trials N]`` prints the figures; ``run.py`` includes them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "benchmarks" / "editing_probe.py"

GOALS: dict[str, float] = {"edit_ratio": 1.5, "journal_ratio": 1.1}


def _copy(source: Path, folder: Path) -> Path:
    """A copy of ``source`` and its text the probe may write into."""
    from tui.core.loading.loader import load

    result = load(str(source))
    assert result.document is not None
    text = Path(result.document.info.text_path)
    shutil.copy(text, folder / text.name)
    target = folder / source.name
    shutil.copy(source, target)
    return target


def measure(
    document: Path, trials: int, presses: int, environment: dict[str, str]
) -> dict[str, Any]:
    """Median seconds of each figure over ``trials`` fresh processes, and the ratios."""
    samples: dict[str, list[float]] = {}
    for _ in range(trials):
        with tempfile.TemporaryDirectory(prefix="gloss-edit-bench-") as folder:
            target = _copy(document, Path(folder))
            completed = subprocess.run(
                [sys.executable, str(PROBE), str(target), "--presses", str(presses)],
                capture_output=True,
                text=True,
                env={**environment, "XDG_STATE_HOME": folder, "XDG_CACHE_HOME": folder},
                check=False,
                cwd=ROOT,
            )
            if completed.returncode != 0:
                raise RuntimeError(f"editing probe failed:\n{completed.stderr}")
            result = json.loads(completed.stdout.strip().splitlines()[-1])
        for name, values in result.items():
            samples.setdefault(name, []).append(statistics.median(values))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    return {
        "medians_s": medians,
        "ratios": {
            "edit_ratio": medians["add"] / medians["n"],
            "journal_ratio": medians["add"] / medians["add_unjournaled"],
        },
    }


def main(argv: list[str] | None = None) -> int:
    import os

    sys.path.insert(0, str(ROOT))
    from benchmarks.generate import MIB, generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--presses", type=int, default=15)
    args = parser.parse_args(argv)
    out = ROOT / "benchmarks" / "out"
    document = out / "gloss-bench-1mb-seed1.yaml"
    if not document.exists():
        document = generate(out, MIB, seed=1).yaml_path
    found = measure(document, args.trials, args.presses, {**os.environ, "TEXTUAL_FPS": "1000"})
    for name, value in found["medians_s"].items():
        print(f"{name:<20}{value * 1000:>10.1f} ms")
    for name, value in found["ratios"].items():
        goal = GOALS[name]
        print(f"{name:<20}{value:>10.2f}  ≤ {goal:g}  {'met' if value <= goal else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
