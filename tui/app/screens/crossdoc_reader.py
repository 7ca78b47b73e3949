"""What the reader of a library knows across documents.

- the corpus note in the details panel: in how many other articles the selected entity
  appears (and which), or in how many articles the selected event is also told;
- ``o`` / ``O``: the same corpus entity in the next / previous article that mentions it;
- ``T``: the tellings of the selected event side by side; ``i``: the entity index;
- the jump list (``ctrl+o`` back, ``ctrl+f`` forward) and the last place in each article,
  restored when it is opened again.

Kept apart from the reader so the reader stays about one article; the reader's library
screen (:class:`~tui.app.screens.corpus_reader.CorpusReaderScreen`) calls in here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from tui.app.screens import jumping
from tui.core.corpus.entities import (
    Appearance,
    appearances,
    corpus_entity,
    key_of_member,
)
from tui.core.corpus.identity import ENTITY, EVENT
from tui.core.document.model import Span
from tui.core.reading.jumps import Place
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from tui.app.screens.corpus_reader import CorpusReaderScreen

NOTE_ID = "corpus-note"
LISTED = 5
"""Other articles named in the note (the rest are counted)."""


def stored_path(reader: CorpusReaderScreen) -> str:
    """The reader's file as the index keys it (relative to the corpus root): one lookup."""
    row = reader.library.all_rows.get(reader.path)
    return row.relative if row is not None else reader.path


# -- places (the jump list itself is the reader's: see tui.app.screens.jumping) ----------------
def content_of(reader: CorpusReaderScreen) -> str | None:
    """The content hash of the reader's annotation file (None if it cannot be read)."""
    row = reader.library.all_rows.get(reader.path)
    absolute = reader.library.index.absolute_path(row.file_id) if row is not None else None
    if absolute is None:
        return None
    return jumping.content_key(str(absolute), reader.document.text)


def arrive(reader: CorpusReaderScreen) -> None:
    """On opening: go where a jump asked, else where the reader last was in this content."""
    reader.settled = True
    place = reader.jumps.take_arrival(reader.path)
    if place is None:
        place = jumping.recall(reader, content_of(reader))
    if place is not None:
        jumping.show_place(reader, place)


def leave(reader: CorpusReaderScreen) -> None:
    """The reader is being left: a jump (unless the jump list itself moves), and its place
    is remembered for the next time this article opens."""
    if reader.left:
        return
    reader.left = True
    reader.record_jump()
    jumping.remember(reader.app, content_of(reader), jumping.place_of(reader))


def go(reader: CorpusReaderScreen, place: Place) -> None:
    """Show a place of the jump list, opening its article if it is another one."""
    library = reader.library
    if place.path not in library.all_rows:
        reader.notify(
            f"{one_line(place.path)} is no longer in the corpus", severity="warning", markup=False
        )
        return
    reader.restoring = True  # leaving by the jump list records no new jump
    library.jumps.arrival = place
    library.open_article(place.path, replace=reader)


def select_mention_at(reader: CorpusReaderScreen, span: Span) -> None:
    """A hit that is exactly a mention (as the entity index's are) selects its entity,
    so the details, and what else the library knows of it, are shown."""
    for mention in reader.document.mentions_at(span.start):
        if mention.span.start == span.start and mention.span.end == span.end:
            reader.restoring = True  # part of the same jump
            try:
                reader.select_entity(mention.entity_id, mention_index=mention.index, jump=False)
            finally:
                reader.restoring = False
            return


# -- across documents ----------------------------------------------------------------------
def _selected(reader: CorpusReaderScreen) -> tuple[str, str] | None:
    if reader.selected_entity is not None:
        return ENTITY, reader.selected_entity
    if reader.selected_event is not None:
        return EVENT, reader.selected_event
    return None


def other_appearances(reader: CorpusReaderScreen) -> tuple[str, list[Appearance]] | None:
    """The corpus key of the selection and the other articles it appears in."""
    selected = _selected(reader)
    if selected is None:
        return None
    kind, owner = selected
    index = reader.library.index
    key = key_of_member(index, stored_path(reader), owner, kind=kind)
    if key is None:
        return None
    found = [a for a in appearances(index, key) if a.path != reader.path]
    return key, found


def note_text(reader: CorpusReaderScreen) -> Text | None:
    """``Also in 2 other articles: b-report (2022-03-05), …`` for the selection."""
    selected = _selected(reader)
    found = other_appearances(reader)
    if selected is None or found is None:
        return None
    _, others = found
    note = Text()
    count = len(others)
    if selected[0] == ENTITY:
        if not count:
            note.append("In no other article of the library", style="dim")
            return note
        note.append(f"Also in {count} other article{'s' if count != 1 else ''}: ", style="bold")
        keys = "x next, X previous, i entity index"
    else:
        if not count:
            note.append("Told in no other article of the library", style="dim")
            return note
        note.append(f"Also told in {count} article{'s' if count != 1 else ''}: ", style="bold")
        keys = "a tellings side by side"
    shown = [
        f"{one_line(a.doc_id)} ({one_line(a.date_text or 'no date')})" for a in others[:LISTED]
    ]
    note.append(", ".join(shown))
    if count > LISTED:
        note.append(f" and {count - LISTED} more")
    note.append(f"  ·  {keys}", style="dim")
    return note


def update_note(reader: CorpusReaderScreen) -> None:
    """Show (or hide) the corpus note under the details of the selection."""
    try:
        details = reader.query_one("#details")
    except Exception:  # the reader has no details panel (yet): nothing to add to
        return
    found = details.query(f"#{NOTE_ID}")
    note = found.first(Static) if found else None
    text = note_text(reader)
    if note is None:
        if text is None:
            return
        note = Static(id=NOTE_ID, markup=False)
        facts = details.query("#details-facts")
        if facts:
            details.mount(note, after=facts.first())
        else:
            details.mount(note)
    note.display = text is not None
    note.update(text or "")


def step_article(reader: CorpusReaderScreen, step: int) -> None:
    """``o`` / ``O``: the same corpus entity in the next / previous article (by date)."""
    if reader.selected_entity is None:
        reader.notify("Select an entity first", severity="warning", timeout=2, markup=False)
        return
    index = reader.library.index
    key = key_of_member(index, stored_path(reader), reader.selected_entity)
    documents = appearances(index, key) if key is not None else []
    others = [a for a in documents if a.path != reader.path]
    if not others:
        reader.notify("In no other article of the library", timeout=2, markup=False)
        return
    here = next((n for n, a in enumerate(documents) if a.path == reader.path), -1)
    target = documents[(here + step) % len(documents)]
    if target.path == reader.path:  # only one other article: it is both ways
        target = others[0]
    reader.record_jump()
    # Forward lands on the first mention there, backward on the last.
    mention = 0 if step > 0 else max(0, target.mentions - 1)
    reader.library.jumps.arrival = Place(target.path, entity=target.owner_id, mention=mention)
    reader.library.open_article(target.path, replace=reader)
    entity = corpus_entity(index, key or "")
    if entity is not None:
        position = documents.index(target) + 1
        reader.app.notify(
            f"{one_line(entity.name)}: article {position} of {len(documents)}",
            timeout=2,
            markup=False,
        )


def open_tellings(reader: CorpusReaderScreen) -> None:
    """``T``: the selected event's tellings across the library, side by side."""
    from tui.app.screens.entity_index import TellingsScreen

    if reader.selected_event is None:
        reader.notify("Select an event first", severity="warning", timeout=2, markup=False)
        return
    index = reader.library.index
    key = key_of_member(index, stored_path(reader), reader.selected_event, kind=EVENT)
    event = corpus_entity(index, key) if key is not None else None
    if event is None:
        reader.notify("This event is not in the index yet", timeout=2, markup=False)
        return
    reader.record_jump()
    reader.app.push_screen(TellingsScreen(reader.library, event))


def open_entity_index(reader: CorpusReaderScreen) -> None:
    """``i``: the entity index; on the selected entity's mentions when there is one."""
    from tui.app.screens.entity_index import EntityIndexScreen, EntityMentionsScreen

    reader.record_jump()
    library = reader.library
    if reader.selected_entity is not None:
        key = key_of_member(library.index, stored_path(reader), reader.selected_entity)
        entity = corpus_entity(library.index, key) if key is not None else None
        if entity is not None:
            reader.app.push_screen(EntityIndexScreen(library))
            reader.app.push_screen(EntityMentionsScreen(library, entity))
            return
    reader.app.push_screen(EntityIndexScreen(library))
