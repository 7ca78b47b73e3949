"""The reader, opened from the library: keys to go back, to the next article, to the next hit.

Only keys are added here; reading itself is :class:`ReaderScreen`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from tui.core.corpus.matching import HitTrail
from tui.core.diagnostics import Diagnostic
from tui.core.model import Document, Span
from tui.screens.reader import ReaderScreen

if TYPE_CHECKING:
    from tui.screens.library import LibraryScreen


class CorpusReaderScreen(ReaderScreen):
    """A reader that knows its library: ``L`` goes back, ``}``/``{`` step articles,
    and ``n``/``N`` step through search hits across documents when opened from a search."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("L", "library", "Library"),
        Binding("right_curly_bracket", "next_article", "Next article", show=False),
        Binding("left_curly_bracket", "previous_article", "Prev article", show=False),
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
        self.trail = trail

    def on_mount(self) -> None:
        super().on_mount()
        if self.trail is not None:
            self.call_after_refresh(self.show_hit)

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
