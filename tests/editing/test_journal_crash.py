"""A gloss killed mid-session loses no edit it had recorded: a real process is killed
with SIGKILL (no handler, no flush, no cleanup) while it records steps."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import tui
from tui.core.editing.history import History
from tui.core.editing.journal import content_digest, examine, journal_path

ROOT = Path(tui.__file__).resolve().parent.parent
BASE = content_digest(b"document: {id: a, text: a.txt}\n")

# Step i of the session: an undo every fifth step, a redo every tenth, else an edit.
CHILD = """
import sys
from tui.core.editing.journal import Journal

journal = Journal.open(sys.argv[1], sys.argv[2], state_dir=sys.argv[3])
step = 0
while True:
    if step % 5 == 3:
        journal.record_undo()
    elif step % 10 == 4:
        journal.record_redo()
    else:
        journal.record({"kind": "rename_entity", "entity_id": f"e{step}", "step": step})
    assert journal.problem is None, journal.problem
    print(step, flush=True)
    step += 1
    if len(sys.argv) > 4 and step == int(sys.argv[4]):
        sys.stdin.readline()  # held here, mid-session, until it is killed
"""


def expected_after(steps: int) -> list[dict[str, object]]:
    """The edits in effect after the first ``steps`` steps, by the undo history."""
    history: History[tuple[int, ...], int] = History(())
    for step in range(steps):
        if step % 5 == 3:
            history.undo()
        elif step % 10 == 4:
            history.redo()
        else:
            history.push(step, (*history.current, step))
    return [{"kind": "rename_entity", "entity_id": f"e{n}", "step": n} for n in history.current]


def test_a_killed_session_leaves_every_recorded_step(tmp_path: Path) -> None:
    annotation = tmp_path / "article.yaml"
    state = tmp_path / "state"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(annotation), BASE, str(state)],
        stdout=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None
    acknowledged = 0
    for line in child.stdout:  # each line: a step whose record() had returned
        acknowledged = int(line) + 1
        if acknowledged == 60:
            break
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert acknowledged == 60
    # The child may have recorded a few more steps after the last one read here, and it
    # may have been killed half way through writing one: only whole lines count.
    whole_steps = journal_path(annotation, state).read_bytes().count(b"\n") - 1
    assert whole_steps >= acknowledged
    found = examine(annotation, BASE, state_dir=state)
    assert found.problem is None
    assert found.entries == expected_after(whole_steps)
    lines = journal_path(annotation, state).read_text().splitlines()[1 : acknowledged + 1]
    ops = ["undo" if s % 5 == 3 else "redo" if s % 10 == 4 else "edit" for s in range(60)]
    assert [json.loads(line)["op"] for line in lines] == ops


def test_a_session_killed_while_idle_restores_exactly_what_it_had(tmp_path: Path) -> None:
    annotation = tmp_path / "article.yaml"
    state = tmp_path / "state"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(annotation), BASE, str(state), "37"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None and child.stdin is not None
    seen = [int(child.stdout.readline()) for _ in range(37)]
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    child.stdin.close()
    assert seen == list(range(37))
    found = examine(annotation, BASE, state_dir=state)
    assert found.problem is None
    assert found.entries == expected_after(37)
    assert found.entries  # the pattern leaves edits in effect
