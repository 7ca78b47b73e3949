"""Undo and redo folded over segments that end at each save, against the history."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.editing.history import History
from tui.core.editing.replay import UNKNOWN, Replay

Step = str  # "edit", "undo", "redo", "save"


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["edit", "edit", "undo", "undo", "redo", "save"]), max_size=60))
def test_a_segment_rebuilds_the_state_from_its_save_exactly_when_one_can(
    steps: list[Step],
) -> None:
    history: History[tuple[int, ...], int] = History(())
    base: tuple[int, ...] = ()
    replay: Replay[int] = Replay()
    for number, step in enumerate(steps):
        if step == "edit":
            history.push(number, (*history.current, number))
            replay.edit(number)
        elif step == "undo" and history.undo() is not None:
            replay.undo()
        elif step == "redo" and history.redo() is not None:
            replay.redo()
        elif step == "save":
            base = history.current
            replay = replay.after_save()
        current = history.current
        reachable = current[: len(base)] == base
        assert replay.replayable == reachable
        if reachable:
            assert replay.entries() == list(current[len(base) :])
        assert [*replay.below, *replay.done] == list(current)


def test_what_a_segment_read_from_disk_cannot_name_is_not_replayable() -> None:
    replay: Replay[str] = Replay()
    replay.undo()  # past the start, into edits the segment does not hold
    assert not replay.replayable and replay.behind == 1
    replay.redo()
    assert replay.replayable and replay.entries() == []
    replay.edit(UNKNOWN)
    assert not replay.replayable and replay.unknown == 1
    replay.undo()
    assert replay.replayable
    replay.redo()
    replay.redo()  # nothing left to redo: ignored
    assert replay.unknown == 1
    replay.edit("a")
    replay.undo()
    replay.undo()
    replay.undo()
    replay.edit("b")  # made while behind: lost until the next save
    assert replay.lost and not replay.replayable
    following = replay.after_save()
    assert following.replayable and following.below == ["b"]
