"""CPU-time growth checks for the cost tests (``perf`` marker).

No cost test asserts a wall-clock time: each builds its input at two sizes, a quarter
apart, in the same run, and asserts that the CPU time grows less than twice as fast as
the input. Linear work grows 4 times, quadratic 16; 8 leaves room for n log n and for
the noise of a machine whose cores are busy with other work.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

GROWTH_FACTOR = 4
GROWTH_LIMIT = 8.0
"""Quadrupling the input may at most octuple the work: linear is 4, quadratic 16."""

NOISE_FLOOR = 0.01
"""CPU seconds below which a measurement is mostly timer and scheduler noise."""


def cpu_seconds(work: Callable[[], object], repeats: int = 3) -> float:
    """Best of ``repeats`` CPU times, with the garbage collector paused as ``timeit``
    does: its full collections grow with every object alive in the test process, which
    would measure the process rather than the work."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            work()
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


def assert_near_linear(
    make: Callable[[int], Callable[[], object]],
    size: int,
    *,
    factor: int = GROWTH_FACTOR,
    limit: float = GROWTH_LIMIT,
) -> None:
    """``make(n)`` builds the input of size ``n`` and returns the work to time on it; the
    work on ``factor`` times the input may cost at most ``limit`` times as much."""
    small_work, large_work = make(size), make(factor * size)
    small_work()  # warm caches and imports before timing
    small = cpu_seconds(small_work)
    large = cpu_seconds(large_work)
    assert large < limit * max(small, NOISE_FLOOR), (small, large)
