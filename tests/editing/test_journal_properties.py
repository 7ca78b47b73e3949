"""Whatever the session does (edits, undo, redo, saves, restarts, a kill half way
through writing a step), the journal gives back the edits that lead from the saved file
to the state the app had, or nothing when no such edits exist."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from tui.core.editing.history import History
from tui.core.editing.journal import Journal, content_digest, examine, journal_path

State = tuple[int, ...]


def digest(state: State) -> str:
    return content_digest(repr(state).encode())


def entry(number: int) -> dict[str, object]:
    return {"kind": "new_entity", "n": number, "name": 'é\u200d😀\n"q"'}


class JournalMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="gloss-journal-"))
        self.annotation = self.folder / "article.yaml"
        self.state = self.folder / "state"
        self.history: History[State, int] = History(())
        self.base: State = ()
        self.made = 0
        self.before_last: State | None = None
        """The state before the last step journaled since the last save, if any."""
        self.journal = Journal.open(self.annotation, digest(()), self.state)

    def teardown(self) -> None:
        self.journal.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def expected(self) -> list[dict[str, object]] | None:
        current = self.history.current
        if current[: len(self.base)] != self.base:
            return None
        return [entry(n) for n in current[len(self.base) :]]

    @rule()
    def edit(self) -> None:
        self.made += 1
        self.before_last = self.history.current
        self.history.push(self.made, (*self.history.current, self.made))
        self.journal.record(entry(self.made))

    @rule()
    def undo(self) -> None:
        before = self.history.current
        if self.history.undo() is not None:
            self.before_last = before
            self.journal.record_undo()

    @rule()
    def redo(self) -> None:
        before = self.history.current
        if self.history.redo() is not None:
            self.before_last = before
            self.journal.record_redo()

    @rule()
    def save(self) -> None:
        self.history.mark_saved()
        self.base = self.history.current
        self.before_last = None
        self.journal.saved(digest(self.base))
        assert self.journal.problem is None

    @rule()
    def restart(self) -> None:
        """Close and reopen (the app ended and the journal was restored and resumed)."""
        self.journal.close()
        found = examine(self.annotation, digest(self.base), self.state)
        expected = self.expected()
        journal_exists = journal_path(self.annotation, self.state).exists()
        assert found.entries == (expected if journal_exists else None)
        if found.entries is None and expected is not None:
            assert expected == []  # no journal is needed for no edits
        self._reopen(found.entries)

    @precondition(lambda self: self.before_last is not None)
    @rule(cut=st.integers(1, 30))
    def killed_while_writing(self, cut: int) -> None:
        """The last step's line was only partly written when the process died."""
        self.journal.close()
        path = journal_path(self.annotation, self.state)
        data = path.read_bytes()
        last_line = data[: len(data) - 1].rfind(b"\n") + 1
        keep = max(last_line, len(data) - cut)
        path.write_bytes(data[:keep])
        found = examine(self.annotation, digest(self.base), self.state)
        before = self.before_last
        assert before is not None
        if before[: len(self.base)] == self.base:
            assert found.entries == [entry(n) for n in before[len(self.base) :]]
        else:
            assert found.entries is None
        self._reopen(found.entries)

    def _reopen(self, entries: list[dict[str, object]] | None) -> None:
        """A new app: it restores what it can; a journal it cannot restore is said and
        given up, and the app starts from the file."""
        resume = entries is not None
        self.journal = Journal.open(self.annotation, digest(self.base), self.state, resume=resume)
        if not resume:
            self.journal.discard()
        self._restored(entries or [])

    def _restored(self, entries: list[dict[str, object]]) -> None:
        """The app replays the restored edits into a fresh history (they are already
        in the resumed journal, so they are not recorded again)."""
        self.history = History(self.base)
        for item in entries:
            number = item["n"]
            assert isinstance(number, int)
            self.history.push(number, (*self.history.current, number))
        self.before_last = None


TestJournalMachine = JournalMachine.TestCase
TestJournalMachine.settings = settings(max_examples=120, stateful_step_count=30, deadline=None)
