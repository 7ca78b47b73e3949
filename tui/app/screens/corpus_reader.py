"""The reader, opened from the library: keys to go back, to the next article, to the next hit.

Only keys are added here; reading itself is :class:`ReaderScreen`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from tui.app.screens import crossdoc_reader as crossdoc
from tui.app.screens.reader import ReaderScreen
from tui.core.corpus.matching import HitTrail
from tui.core.document.diagnostics import Diagnostic
from tui.core.document.model import Document, Span
from tui.core.reading.jumps import Place

if TYPE_CHECKING:
    from tui.app.screens.library import LibraryScreen


class CorpusReaderScreen(ReaderScreen):
    """A reader that knows its library: ``L`` goes back, ``}``/``{`` step articles,
    and ``n``/``N`` step through search hits across documents when opened from a search."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("L", "library", "Library"),
        Binding("right_curly_bracket", "next_article", "Next article", show=False),
        Binding("left_curly_bracket", "previous_article", "Prev article", show=False),
        Binding("x", "other_article(1)", "Same entity, next article"),
        Binding("X", "other_article(-1)", "Same entity, prev article", show=False),
        Binding("i", "entity_index", "Entity index"),
        Binding("a", "tellings", "Tellings", show=False),
        # The reader's own jump key, shown in this footer: jumps go across articles here.
        Binding("ctrl+o", "jump_back", "Jump back", id="reader.jump_back"),
    ]

    def __init__(
        self,
        document: Document,
        diagnostics: tuple[Diagnostic, ...],
        library: LibraryScreen,
        path: str,
        trail: HitTrail | None = None,
    ) -> None:
        super().__init__(document, diagnostics)
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

    def on_mount(self) -> None:
        super().on_mount()
        if self.trail is not None:
            self.when_filled(self.show_hit)
        else:
            self.when_filled(crossdoc.arrive, self)
        for name in ("selected_entity", "selected_event"):
            self.watch(self, name, self._selection_changed, init=False)

    # -- across documents (see tui.app.screens.crossdoc_reader) ----------------------------
    def _selection_changed(self) -> None:
        self.call_after_refresh(crossdoc.update_note, self)

    def on_screen_suspend(self) -> None:
        crossdoc.leave(self)

    def on_screen_resume(self) -> None:
        self.left = False

    def on_unmount(self) -> None:
        # A popped screen may be removed before its suspend event is handled.
        crossdoc.leave(self)

    def show_match(self, span: Span) -> None:
        if self.settled:  # the hit an article opens on leaves nothing behind
            self.record_jump()
        self.settled = True
        super().show_match(span)
        crossdoc.select_mention_at(self, span)

    def action_other_article(self, step: int) -> None:
        crossdoc.step_article(self, step)

    def action_entity_index(self) -> None:
        crossdoc.open_entity_index(self)

    def action_tellings(self) -> None:
        crossdoc.open_tellings(self)

    def go_to_place(self, place: Place) -> None:
        if place.path == self.path:
            super().go_to_place(place)
        else:
            crossdoc.go(self, place)

    def show_hit(self) -> None:
        """Highlight the current hit and bring it into view."""
        if self.trail is None:
            return
        hit = self.trail.hit
        self.show_match(Span(hit.start, hit.end))
        self.notify(
            f"Hit {self.trail.position + 1} of {len(self.trail.hits)}", timeout=2, markup=False
        )

    def action_library(self) -> None:
        self.library.return_from_reader(self.path)

    def action_next_article(self) -> None:
        self.library.step_article(self.path, 1)

    def action_previous_article(self) -> None:
        self.library.step_article(self.path, -1)

    def _step_hit(self, step: int) -> None:
        assert self.trail is not None
        position = (self.trail.position + step) % len(self.trail.hits)
        trail = HitTrail(self.trail.hits, position)
        if trail.hit.path == self.path:
            self.trail = trail
            self.show_hit()
        else:
            self.library.open_hit(trail, replace=self)

    def action_next_mention(self) -> None:
        if self.trail is None:
            super().action_next_mention()
        else:
            self._step_hit(1)

    def action_previous_mention(self) -> None:
        if self.trail is None:
            super().action_previous_mention()
        else:
            self._step_hit(-1)
