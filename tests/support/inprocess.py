"""``gloss ARGV`` run in this process, in a thread with a deadline.

Property tests run hundreds of commands: a subprocess each would cost seconds of
start-up. A command that hangs (a FIFO opened for a blocking read) must fail the test,
not stall it, so the command runs in a daemon thread; after the deadline every FIFO
under the folders given is opened for writing once, which lets a reader stuck on one
see the end of the file and finish, and the test fails.

``gloss`` runs a command in the test's own thread, and ``finishes_within`` runs any call
in a thread with a deadline, for tests that check one call never blocks.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui.cli.main import main

DEADLINE_SECONDS = 60.0
"""How long a command may take before it counts as hung (each needs well under 5)."""


@dataclass(frozen=True, slots=True)
class Run:
    """What one command returned and printed."""

    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def gloss(*argv: str) -> tuple[int, str, str]:
    """``gloss ARGV`` run in this thread: its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def finishes_within(target: Callable[[], object], seconds: float) -> bool:
    """Run ``target()`` in a daemon thread; whether it finished within ``seconds``."""
    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    return not worker.is_alive()


def unblock_fifos(folder: Path) -> None:
    """Open every FIFO under ``folder`` for writing once (links not followed)."""
    for current, folders, files in os.walk(os.fsencode(folder)):
        for name in folders + files:
            path = os.path.join(current, name)
            with contextlib.suppress(OSError):
                if stat.S_ISFIFO(os.lstat(path).st_mode):
                    os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def run_gloss(
    argv: list[str],
    cwd: Path,
    *,
    fifos_under: Path | None = None,
    deadline: float = DEADLINE_SECONDS,
) -> Run:
    """Run ``gloss ARGV`` in ``cwd``; fail if it does not end within ``deadline``.

    An exception escaping ``main`` is raised again here, so the test shows it.
    """
    result: list[Run] = []
    escaped: list[BaseException] = []

    def target() -> None:
        try:
            code, stdout, stderr = gloss(*argv)
        except BaseException as error:  # raised again in the test's thread
            escaped.append(error)
            return
        result.append(Run(code, stdout, stderr))

    previous = os.getcwd()
    os.chdir(cwd)
    try:
        finished = finishes_within(target, deadline)
    finally:
        os.chdir(previous)
    if not finished:
        unblock_fifos(fifos_under or cwd)
        raise AssertionError(f"gloss {' '.join(argv)!r} did not end within {deadline:.0f} s")
    if escaped:
        raise escaped[0]
    return result[0]
