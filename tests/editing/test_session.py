"""The editing session: changes pushed on the history, journaled, saved, restored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.document.model import Document, Span
from tui.core.editing.edits import AddMention, EditRefused, NewEntity, RenameEntity
from tui.core.editing.session import EditSession
from tui.core.loading.loader import load

CONTENT = Path(__file__).resolve().parents[2] / "content" / "idf-morocco-2022-03-25.yaml"


class RecordingJournal:
    """Keeps what the session journals, as the real journal would write it."""

    def __init__(self) -> None:
        self.steps: list[object] = []
        self.saved_digests: list[str] = []
        self.discarded = False
        self.problem: str | None = None

    def record(self, entry: dict[str, object]) -> None:
        self.steps.append(entry)

    def record_undo(self) -> None:
        self.steps.append("undo")

    def record_redo(self) -> None:
        self.steps.append("redo")

    def saved(self, new_digest: str) -> None:
        self.saved_digests.append(new_digest)

    def discard(self) -> None:
        self.discarded = True


class RecordingSaver:
    def __init__(self, refuse: str | None = None) -> None:
        self.calls: list[tuple[Document, Document]] = []
        self.refuse = refuse

    def __call__(
        self, path: str, source: str | None, original: Document, edited: Document
    ) -> tuple[str | None, str]:
        self.calls.append((original, edited))
        return self.refuse, f"saved {len(self.calls)}\n"


@pytest.fixture(scope="module")
def article() -> Document:
    result = load(str(CONTENT))
    assert result.document is not None
    return result.document


def _word(document: Document, word: str) -> Span:
    start = document.text.index(word)
    return Span(start, start + len(word))


def _session(
    article: Document, saver: RecordingSaver | None = None
) -> tuple[EditSession, RecordingJournal]:
    journal = RecordingJournal()
    session = EditSession(
        str(CONTENT),
        article,
        CONTENT.read_text("utf-8"),
        saver=saver or RecordingSaver(),
        journal=journal,
    )
    return session, journal


def test_an_edit_is_journaled_and_dirties(article: Document) -> None:
    session, journal = _session(article)
    assert not session.dirty
    span = _word(article, "Rabat")
    after = session.apply(NewEntity(type="GPE", name="Rabat city", span=span))
    assert session.dirty
    assert session.document is after
    assert any(e.name == "Rabat city" for e in after.entities)
    assert len(journal.steps) == 1
    entry = journal.steps[0]
    assert isinstance(entry, dict) and entry["edits"][0]["kind"] == "new_entity"


def test_undo_and_redo_are_journaled_and_return_to_the_same_documents(article: Document) -> None:
    session, journal = _session(article)
    first = session.apply(RenameEntity(entity_id="tal-kalman", name="General Kalman"))
    undone = session.undo()
    assert undone is not None and undone.document is article and not session.dirty
    redone = session.redo()
    assert redone is not None and redone.document is first and session.dirty
    assert journal.steps[1:] == ["undo", "redo"]
    assert session.redo() is None


def test_a_refused_edit_changes_nothing(article: Document) -> None:
    session, journal = _session(article)
    with pytest.raises(EditRefused):
        session.apply(AddMention(entity_id="no-such-entity", span=Span(0, 3)))
    assert session.document is article and not session.dirty and journal.steps == []


def test_several_edits_are_one_step_all_or_nothing(article: Document) -> None:
    session, journal = _session(article)
    entity = article.entity_by_id["tal-kalman"]
    taken = {m.span for m in entity.mentions}
    text = article.text
    free = [
        Span(i, i + len("Kalman"))
        for i in range(len(text))
        if text.startswith("Kalman", i) and Span(i, i + len("Kalman")) not in taken
    ]
    if free:
        session.apply_all([AddMention(entity_id="tal-kalman", span=s) for s in free], "added")
        assert len(journal.steps) == 1
        assert session.undo() is not None and session.document is article
    with pytest.raises(EditRefused):
        session.apply_all(
            [
                RenameEntity(entity_id="tal-kalman", name="X"),
                AddMention(entity_id="nobody", span=Span(0, 1)),
            ],
            "both",
        )
    assert session.document is article


def test_saving_marks_clean_and_restarts_the_journal_undo_crosses_saves(article: Document) -> None:
    saver = RecordingSaver()
    session, journal = _session(article, saver)
    renamed = session.apply(RenameEntity(entity_id="tal-kalman", name="General Kalman"))
    outcome = session.save()
    assert outcome.ok and not session.dirty
    assert saver.calls == [(article, renamed)]
    assert session.source == "saved 1\n" and session.saved_document is renamed
    assert journal.saved_digests and journal.saved_digests[0].startswith("sha256:")
    # Undo goes on past the save: the document differs from the file again.
    undone = session.undo()
    assert undone is not None and undone.document is article and session.dirty
    session.save()
    assert saver.calls[-1] == (renamed, article)


def test_a_refused_save_keeps_everything(article: Document) -> None:
    saver = RecordingSaver(refuse="line 3: the type is not declared")
    session, journal = _session(article, saver)
    session.apply(RenameEntity(entity_id="tal-kalman", name="General Kalman"))
    outcome = session.save()
    assert not outcome.ok and outcome.reason == "line 3: the type is not declared"
    assert session.dirty and journal.saved_digests == []


def test_restore_replays_entries_without_journaling_them_again_and_skips_damaged_ones(
    article: Document,
) -> None:
    first, first_journal = _session(article)
    first.apply(RenameEntity(entity_id="tal-kalman", name="General Kalman"))
    first.apply(NewEntity(type="GPE", name="Rabat city", span=_word(article, "Rabat")))
    entries = [
        *first_journal.steps,
        {"edits": [{"kind": "no such kind"}]},
        "garbage",
        {"edits": []},
    ]
    second, second_journal = _session(article)
    replayed, skipped = second.restore(entries)
    assert (replayed, skipped) == (2, 3)
    assert second.document.entities == first.document.entities
    assert second.dirty and second_journal.steps == []
    # Restored edits are undone one by one like any other.
    assert second.undo() is not None and second.undo() is not None
    assert second.document is article
