"""The reader, opened from the library: what it knows across the library's articles.

Reading itself is :class:`ReaderScreen`'s; this screen adds:

- keys to go back (``L``), to the next article (``}``/``{``), to the next search hit
  across documents (``n``/``N`` when opened from a search);
- the corpus note in the details panel: in how many other articles the selected entity
  appears (and which), or in how many articles the selected event is also told;
- ``x`` / ``X``: the same corpus entity in the next / previous article that mentions it;
- ``a``: the tellings of the selected event side by side; ``i``: the entity index;
- the jump list (``ctrl+o`` back, ``ctrl+f`` forward) across articles, and the last place
  in each article, restored when it is opened again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from rich.text import Text
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Static

from tui.app import bindings
from tui.app.collector import Collector
from tui.app.screens import jumping
from tui.app.screens.library import LibraryScreen
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.reader_parts import waits_for_panes
from tui.core.corpus.entities import Appearance, appearances, corpus_entity, key_of_member
from tui.core.corpus.identity import ENTITY, EVENT
from tui.core.corpus.matching import HitTrail
from tui.core.document.diagnostics import Diagnostic
from tui.core.document.model import Document, Span
from tui.core.loading.result import NewAnnotation
from tui.core.reading.jumps import Place
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from tui.core.suggesting.names import NameFinder
    from tui.core.suggesting.suggestions import Known

NOTE_ID = "corpus-note"
LISTED = 5
"""Other articles named in the note (the rest are counted)."""


@runtime_checkable
class FollowsTrail(Protocol):
    """A list a reader can be opened from that puts its cursor on the hit being read."""

    def follow(self, trail: HitTrail) -> None:
        """Put the cursor on the row of ``trail``'s current hit."""

    def lists(self, key: str) -> bool:
        """Whether the list is of the corpus entity ``key``."""


class CorpusReaderScreen(ReaderScreen):
    """A reader that knows its library: ``L`` goes back, ``}``/``{`` step articles,
    and ``n``/``N`` step through search hits across documents when opened from a search."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings.ANNOTATE,
        *bindings.SUGGEST,
        *bindings.CORPUS_READER,
        *bindings.READER,
    ]
    """Every key of the reader's again, in the reader's order: a key this list names
    replaces the reader's list for that key (Textual merges bindings key by key), so
    annotate mode's and reviewing's keys come first (each off outside its mode), then
    this screen's own (``n`` steps hits when there are some), then the reader's."""

    def __init__(
        self,
        document: Document,
        diagnostics: tuple[Diagnostic, ...],
        library: LibraryScreen,
        path: str,
        trail: HitTrail | None = None,
        *,
        collector: Collector | None = None,
        new_annotation: NewAnnotation | None = None,
        origin: Screen[Any] | None = None,
        origin_depth: int | None = None,
    ) -> None:
        super().__init__(document, diagnostics, collector=collector, new_annotation=new_annotation)
        self.library = library
        self.path = path
        """The annotation file, as the library shows it."""
        self.jumps = library.jumps
        """The library's: jumps go across its articles and last while back in it."""
        self.trail = trail
        self.left = False
        """Whether leaving was already recorded (suspend and unmount both say so)."""
        self.settled = False
        """Whether the reader has shown where it opened (later moves are jumps)."""
        self.origin = origin
        """The list the reader was opened from (None: the library)."""
        if origin_depth is None:  # a new visit (not a reader taking another's place)
            self.jumps.floor = 0
            origin_depth = self.jumps.mark() if origin is not None else 0
        self.origin_depth = origin_depth
        """How long the jump list was then: ``ctrl+o`` with no more of the reader's own
        jumps to undo goes back to ``origin``."""

    def on_mount(self) -> None:
        super().on_mount()
        if self.trail is not None:
            self.when_filled(self.show_hit)
        else:
            self.when_filled(self.arrive)
        for name in ("selected_entity", "selected_event"):
            self.watch(self, name, self._selection_changed, init=False)

    def _selection_changed(self) -> None:
        self.call_after_refresh(self.update_note)

    def on_screen_suspend(self) -> None:
        self.leave()

    def on_screen_resume(self) -> None:
        self.left = False

    def on_unmount(self) -> None:
        # A popped screen may be removed before its suspend event is handled.
        self.leave()

    # -- places ------------------------------------------------------------------------
    def _stored_path(self) -> str:
        """The reader's file as the index keys it (relative to the corpus root): one lookup."""
        row = self.library.all_rows.get(self.path)
        return row.relative if row is not None else self.path

    def _content_key(self) -> str | None:
        """The content hash of the reader's annotation file (None if it cannot be read)."""
        row = self.library.all_rows.get(self.path)
        absolute = self.library.index.absolute_path(row.file_id) if row is not None else None
        if absolute is None:
            return None
        return jumping.content_key(str(absolute), self.document.text)

    def arrive(self) -> None:
        """On opening: go where a jump asked, else where the reader last was in this content."""
        self.settled = True
        place = self.jumps.take_arrival(self.path)
        if place is None:
            place = jumping.recall(self.app, self._content_key(), self.path)
        if place is not None:
            self.show_place(place)

    def leave(self) -> None:
        """The reader is being left: a jump (unless the jump list itself moves), and its
        place is remembered for the next time this article opens."""
        if self.left:
            return
        self.left = True
        self.record_jump()
        jumping.remember(self.app, self._content_key(), self.current_place())

    # -- back to the list the reader was opened from -------------------------------------
    def _origin_open(self) -> bool:
        return self.origin is not None and self.origin in self.app.screen_stack

    @waits_for_panes
    def action_jump_back(self) -> None:
        """``ctrl+o``: back where the last jump left; with none left since the reader was
        opened from a list (mentions, tellings, hits), back to that list."""
        if not self._origin_open():
            super().action_jump_back()
            return
        target = self.jumps.back(self.current_place(), floor=self.origin_depth)
        if target is None:
            self._leave_then("go back to the list", self.back_to_origin)
        else:
            self.go_to_place(target)

    def back_to_origin(self) -> None:
        """Close the reader (and what is above it) onto the list it was opened from, its
        cursor on the hit being read."""
        origin = self.origin
        if origin is None:
            return
        trail = self.trail
        while self.app.screen is not origin and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        if trail is not None and isinstance(origin, FollowsTrail):
            origin.follow(trail)

    def go_to_place(self, place: Place) -> None:
        """Show a place of the jump list, opening its article if it is another one."""
        if place.path == self.path:
            super().go_to_place(place)
            self._trail_to_selection()
            return
        if place.path not in self.library.all_rows:
            self.notify(
                f"{one_line(place.path)} is no longer in the corpus",
                severity="warning",
                markup=False,
            )
            return
        self.restoring = True  # leaving by the jump list records no new jump
        self.library.jumps.arrival = place
        self.library.open_article(place.path, replace=self)

    def show_match(self, span: Span) -> None:
        if self.settled:  # the hit an article opens on leaves nothing behind
            self.record_jump()
        self.settled = True
        super().show_match(span)
        self._select_mention_at(span)

    def _select_mention_at(self, span: Span) -> None:
        """A hit that is exactly a mention (as the entity index's are) selects its entity,
        so the details, and what else the library knows of it, are shown."""
        for mention in self.document.mentions_at(span.start):
            if mention.span.start == span.start and mention.span.end == span.end:
                self.restoring = True  # part of the same jump
                try:
                    self.select_entity(mention.entity_id, mention_index=mention.index, jump=False)
                finally:
                    self.restoring = False
                return

    def _trail_to_selection(self) -> None:
        """Back at a mention that is one of the hits: the trail goes on from there."""
        trail = self.trail
        entity = self.document.entity_by_id.get(self.selected_entity or "")
        if trail is None or entity is None or self.mention_index is None:
            return
        if not 0 <= self.mention_index < len(entity.mentions):
            return
        span = entity.mentions[self.mention_index].span
        for position, hit in enumerate(trail.hits):
            if hit.path == self.path and (hit.start, hit.end) == (span.start, span.end):
                self.trail = HitTrail(trail.hits, position)
                return

    def names_elsewhere(self) -> NameFinder[Known]:
        """The names of the library's corpus entities, without this article's part in
        them (grouped once per generation of the index: the library keeps them)."""
        row = self.library.all_rows.get(self.path)
        names = self.library.corpus_names
        return names.finder(self.library.index, leave_out=row.file_id if row else None)

    # -- across documents ----------------------------------------------------------------
    def _selected(self) -> tuple[str, str] | None:
        if self.selected_entity is not None:
            return ENTITY, self.selected_entity
        if self.selected_event is not None:
            return EVENT, self.selected_event
        return None

    def other_appearances(self) -> tuple[str, list[Appearance]] | None:
        """The corpus key of the selection and the other articles it appears in."""
        selected = self._selected()
        if selected is None:
            return None
        kind, owner = selected
        index = self.library.index
        key = key_of_member(index, self._stored_path(), owner, kind=kind)
        if key is None:
            return None
        found = [a for a in appearances(index, key) if a.path != self.path]
        return key, found

    def note_text(self) -> Text | None:
        """``Also in 2 other articles: b-report (2022-03-05), …`` for the selection."""
        selected = self._selected()
        found = self.other_appearances()
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

    def update_note(self) -> None:
        """Show (or hide) the corpus note under the details of the selection."""
        try:
            details = self.query_one("#details")
        except Exception:  # the reader has no details panel (yet): nothing to add to
            return
        found = details.query(f"#{NOTE_ID}")
        note = found.first(Static) if found else None
        text = self.note_text()
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

    @waits_for_panes
    def action_other_article(self, step: int) -> None:
        """``x`` / ``X``: the same corpus entity in the next / previous article (by date)."""
        if self.selected_entity is None:
            self.notify("Select an entity first", severity="warning", timeout=2, markup=False)
            return
        index = self.library.index
        key = key_of_member(index, self._stored_path(), self.selected_entity)
        documents = appearances(index, key) if key is not None else []
        others = [a for a in documents if a.path != self.path]
        if not others:
            self.notify("In no other article of the library", timeout=2, markup=False)
            return
        here = next((n for n, a in enumerate(documents) if a.path == self.path), -1)
        target = documents[(here + step) % len(documents)]
        if target.path == self.path:  # only one other article: it is both ways
            target = others[0]
        self.record_jump()
        # Forward lands on the first mention there, backward on the last.
        mention = 0 if step > 0 else max(0, target.mentions - 1)
        self.library.jumps.arrival = Place(target.path, entity=target.owner_id, mention=mention)
        self.library.open_article(target.path, replace=self)
        entity = corpus_entity(index, key or "")
        if entity is not None:
            position = documents.index(target) + 1
            self.app.notify(
                f"{one_line(entity.name)}: article {position} of {len(documents)}",
                timeout=2,
                markup=False,
            )

    @waits_for_panes
    def action_tellings(self) -> None:
        """``a``: the selected event's tellings across the library, side by side."""
        if self.selected_event is None:
            self.notify("Select an event first", severity="warning", timeout=2, markup=False)
            return
        index = self.library.index
        key = key_of_member(index, self._stored_path(), self.selected_event, kind=EVENT)
        event = corpus_entity(index, key) if key is not None else None
        if event is None:
            self.notify("This event is not in the index yet", timeout=2, markup=False)
            return
        self.record_jump()
        self.post_message(LibraryScreen.OpenTellings(event))

    @waits_for_panes
    def action_entity_index(self) -> None:
        """``i``: the entity index; on the selected entity's mentions when there is one,
        the list's cursor on the mention being read (back to the list the reader was
        opened from, when that is the entity's)."""
        entity = None
        if self.selected_entity is not None:
            index = self.library.index
            key = key_of_member(index, self._stored_path(), self.selected_entity)
            entity = corpus_entity(index, key) if key is not None else None
        origin = self.origin
        if (
            entity is not None
            and self._origin_open()
            and isinstance(origin, FollowsTrail)
            and origin.lists(entity.key)
        ):
            self._leave_then("go back to the list", self.back_to_origin)
            return
        self.record_jump()
        self.post_message(LibraryScreen.OpenEntityIndex(entity, at=self._mention_shown()))

    def _mention_shown(self) -> tuple[str, int] | None:
        """The selected mention's article and start (where a list of its entity starts)."""
        if self.selected_entity is None:
            return None
        entity = self.document.entity_by_id.get(self.selected_entity)
        if entity is None or not entity.mentions:
            return None
        mention = entity.mentions[min(self.mention_index or 0, len(entity.mentions) - 1)]
        return self.path, mention.span.start

    # -- the library's order and its search hits -----------------------------------------
    def show_hit(self) -> None:
        """Highlight the current hit and bring it into view."""
        if self.trail is None:
            return
        hit = self.trail.hit
        self.show_match(Span(hit.start, hit.end))
        self.notify(
            f"Hit {self.trail.position + 1} of {len(self.trail.hits)}", timeout=2, markup=False
        )

    def _leave_then(self, what: str, go_on: Callable[[], object]) -> None:
        """Go on at once, or once unsaved edits are saved or discarded."""
        from tui.app.edit_files import confirm_leaving

        confirm_leaving(self.app, self, what, go_on)

    @waits_for_panes
    def action_library(self) -> None:
        self._leave_then(
            "go back to the library", lambda: self.library.return_from_reader(self.path)
        )

    @waits_for_panes
    def action_next_article(self) -> None:
        self._leave_then("read the next article", lambda: self.library.step_article(self.path, 1))

    @waits_for_panes
    def action_previous_article(self) -> None:
        self._leave_then(
            "read the previous article", lambda: self.library.step_article(self.path, -1)
        )

    def _step_hit(self, step: int) -> None:
        assert self.trail is not None
        position = (self.trail.position + step) % len(self.trail.hits)
        trail = HitTrail(self.trail.hits, position)
        if trail.hit.path == self.path:
            self.trail = trail
            self.show_hit()
        else:
            self.library.open_hit(trail, replace=self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_hit", "previous_hit") and self.trail is None:
            return False  # n and N step the selected entity's mentions instead
        return super().check_action(action, parameters)

    @waits_for_panes
    def action_next_hit(self) -> None:
        """``n`` (opened from hits): the next hit, in this article or the next one."""
        if self.trail is not None:
            self._step_hit(1)

    @waits_for_panes
    def action_previous_hit(self) -> None:
        """``N`` (opened from hits): the previous hit."""
        if self.trail is not None:
            self._step_hit(-1)
