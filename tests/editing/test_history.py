"""Undo, redo and the saved point, against a model that keeps every state by value."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tui.core.editing.history import History


def test_undo_and_redo_walk_the_documents_and_a_new_edit_drops_the_redo() -> None:
    history: History[str, str] = History("d0")
    assert not history.can_undo and not history.dirty
    assert history.undo() is None and history.redo() is None
    history.push("e1", "d1")
    history.push("e2", "d2")
    assert history.current == "d2" and history.dirty
    assert history.next_undo == "e2" and history.next_redo is None
    assert history.undo() == "d1"
    assert history.next_redo == "e2"
    assert history.undo() == "d0"
    assert not history.dirty  # back at the saved document
    assert history.redo() == "d1"
    history.push("e3", "d3")
    assert not history.can_redo and history.redo() is None
    assert [history.undo(), history.undo(), history.undo()] == ["d1", "d0", None]


def test_saving_moves_the_clean_point_and_undo_goes_on_past_it() -> None:
    history: History[str, str] = History("d0")
    history.push("e1", "d1")
    history.mark_saved()
    assert not history.dirty
    assert history.undo() == "d0"
    assert history.dirty  # the file holds d1 now
    assert history.redo() == "d1" and not history.dirty


def test_a_saved_document_on_a_dropped_branch_leaves_the_history_dirty_until_saved() -> None:
    history: History[str, str] = History("d0")
    history.push("e1", "d1")
    history.mark_saved()
    history.undo()
    history.push("e2", "d2")  # d1, the saved one, can no longer be reached
    assert history.dirty
    history.undo()
    assert history.current == "d0" and history.dirty
    history.redo()
    history.mark_saved()
    assert not history.dirty


def test_a_restored_start_is_dirty() -> None:
    history: History[str, str] = History("restored", saved=False)
    assert history.dirty
    history.push("e", "after")
    history.undo()
    assert history.dirty


class HistoryMachine(RuleBasedStateMachine):
    """Documents are unique numbers, so "differs from the saved one" is a comparison."""

    def __init__(self) -> None:
        super().__init__()
        self.history: History[int, str] = History(0)
        self.made = 0
        self.done: list[int] = [0]  # the model: every applied document, oldest first
        self.undone: list[int] = []  # documents that can be redone, next last
        self.saved: int | None = 0

    @rule()
    def edit(self) -> None:
        self.made += 1
        self.history.push(f"e{self.made}", self.made)
        self.done.append(self.made)
        self.undone.clear()

    @rule()
    def undo(self) -> None:
        result = self.history.undo()
        if len(self.done) == 1:
            assert result is None
        else:
            self.undone.append(self.done.pop())
            assert result == self.done[-1]

    @rule()
    def redo(self) -> None:
        result = self.history.redo()
        if not self.undone:
            assert result is None
        else:
            self.done.append(self.undone.pop())
            assert result == self.done[-1]

    @precondition(lambda self: self.made < 60)
    @rule(times=st.integers(1, 3))
    def save(self, times: int) -> None:
        for _ in range(times):
            self.history.mark_saved()
        self.saved = self.done[-1]

    @invariant()
    def agrees(self) -> None:
        assert self.history.current == self.done[-1]
        assert self.history.dirty == (self.done[-1] != self.saved)
        assert self.history.can_undo == (len(self.done) > 1)
        assert self.history.can_redo == bool(self.undone)
        assert self.history.undo_depth == len(self.done) - 1
        expected_redo = f"e{self.undone[-1]}" if self.undone else None
        assert self.history.next_redo == expected_redo
        expected_undo = f"e{self.done[-1]}" if len(self.done) > 1 else None
        assert self.history.next_undo == expected_undo


TestHistoryMachine = HistoryMachine.TestCase
TestHistoryMachine.settings = settings(max_examples=200, stateful_step_count=40, deadline=None)
