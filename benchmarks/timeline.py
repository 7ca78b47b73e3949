"""The timeline's key latencies, measured for ``benchmarks/run.py``.

``python benchmarks/timeline.py FILE [--presses N]`` runs one fresh, headless (120x40)
reader on FILE, built with :func:`tui.app.reader_app.make_app`, and prints one JSON line with, in
seconds per press (after two warm-up presses of each):

- ``open``: ``T`` (the timeline screen is built: every happening dated, ordered and laid
  out in lanes) to the last frame it causes; ``escape`` goes back between presses,
  untimed;
- ``move``: ``j`` in the open timeline (the cursor moves to the next event, the details
  change) to the last frame it causes.

Frames are timed as in ``probe.py``: by wrapping the app instance's ``_display``. Run
with ``TEXTUAL_FPS=1000``. :func:`measure` runs it for each document and :func:`ratios`
gives ``timeline_open`` and ``timeline_move``: the 1 MB document's median latency divided
by the bundled article's, held to the same goal as ``interact_ratio``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 2
KEYS = ("open", "move")


def session(path: str, presses: int) -> dict[str, list[float]]:
    """Time ``T`` and ``j`` in one headless app; seconds per press."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.frames import frame_timer
    from tui.app.reader_app import make_app
    from tui.app.screens.reader import ReaderScreen
    from tui.app.screens.timeline import TimelineScreen

    app = make_app(path)
    frames = frame_timer(app)
    latency: dict[str, list[float]] = {key: [] for key in KEYS}

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            while not isinstance(app.screen, ReaderScreen):
                await pilot.pause(0.001)
            await pilot.pause()

            async def press(key: str) -> float:
                frames.clear()
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                return (frames[-1] if frames else time.perf_counter()) - start

            for number in range(WARM_UP + presses):
                took = await press("T")
                assert isinstance(app.screen, TimelineScreen)
                if number >= WARM_UP:
                    latency["open"].append(took)
                await press("escape")
            await press("T")
            for number in range(WARM_UP + presses):
                took = await press("j")
                if number >= WARM_UP:
                    latency["move"].append(took)

    asyncio.run(run())
    return latency


def probe(path: Path, presses: int, environment: Mapping[str, str]) -> dict[str, float]:
    """Median milliseconds per key from one fresh process."""
    completed = subprocess.run(
        [sys.executable, str(Path(__file__)), str(path), "--presses", str(presses)],
        capture_output=True,
        text=True,
        env=dict(environment),
        check=False,
        cwd=ROOT,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"timeline probe of {path} failed:\n{completed.stderr}")
    found: dict[str, list[float]] = json.loads(completed.stdout.strip().splitlines()[-1])
    return {key: statistics.median(values) * 1000 for key, values in found.items()}


def measure(
    docs: Mapping[str, Path],
    trials: int,
    presses: int,
    environment: Mapping[str, str],
    labels: tuple[str, ...] = ("bundled", "1mb"),
) -> dict[str, dict[str, float]]:
    """Median over trials of each document's median milliseconds per key."""
    samples: dict[str, dict[str, list[float]]] = {
        label: {key: [] for key in KEYS} for label in labels
    }
    for _ in range(trials):
        for label in labels:
            for key, value in probe(docs[label], presses, environment).items():
                samples[label][key].append(value)
    return {
        label: {key: statistics.median(values) for key, values in per_key.items()}
        for label, per_key in samples.items()
    }


def ratios(medians: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """``timeline_open`` and ``timeline_move``: 1 MB ÷ bundled."""
    one, bundled = medians["1mb"], medians["bundled"]
    return {f"timeline_{key}": one[key] / bundled[key] for key in KEYS}


def summary(medians: Mapping[str, Mapping[str, float]]) -> str:
    """The timeline's latencies as lines for ``run.py``'s report."""
    labels = list(medians)
    lines = [f"{'timeline (median)':<28}" + "".join(f"{label:>12}" for label in labels)]
    for key, what in (("open", "T opens (ms)"), ("move", "j moves (ms)")):
        lines.append(f"{what:<28}" + "".join(f"{medians[label][key]:>12.1f}" for label in labels))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--presses", type=int, default=15)
    args = parser.parse_args()
    print(json.dumps(session(args.file, args.presses)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
