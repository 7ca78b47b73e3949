"""Reviewing suggestions: suggested mentions shown apart, and the keys that take or drop them.

A mixin of :class:`~tui.app.screens.reader.ReaderScreen`, on top of annotate mode: ``S``
starts it (and annotate mode with it). The suggestions are the pure
:class:`~tui.core.suggesting.review.Review`'s; an accepted one is made a mention through
the session's edits (one undo step per key), a rejected one is remembered in the state
folder (:mod:`tui.core.suggesting.store`), never in the user's file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui.app.screens.annotate_dialogs import Choice, PickerScreen
from tui.app.screens.reader_parts import waits_for_panes
from tui.core.document.model import Document, Span
from tui.core.text.fitting import shorten
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from tui.app.widgets.article_view import ArticleView
    from tui.core.editing import edits as ed
    from tui.core.editing import selection as sel
    from tui.core.editing.session import EditSession
    from tui.core.suggesting.names import NameFinder
    from tui.core.suggesting.review import Review
    from tui.core.suggesting.store import SuggestionState
    from tui.core.suggesting.suggestions import Known, Rejected, Suggestion

SUGGEST_ACTIONS = frozenset(
    {
        "step_suggestion",
        "accept_suggestion",
        "reject_suggestion",
        "accept_entity",
        "accept_shown",
        "filter_suggestions",
        "undo_review",
        "leave_review",
    }
)
"""Actions that only a review runs (their keys are annotate mode's or the reader's
otherwise)."""


@dataclass(frozen=True, slots=True)
class _Rejection:
    """A review step that undo takes back without the session: rejections, made on
    ``document`` (undone only while it is still the document shown)."""

    made: tuple[Rejected, ...]
    document: Document


class ReaderSuggesting:
    """The ``suggest.*`` keys of the reader."""

    document: Document
    annotating: bool
    reviewing: bool
    selection: sel.Selection | None
    panes_filled: bool
    show_entities: bool
    review: Review | None
    suggestion_state: SuggestionState | None
    _review_log: list[_Rejection]

    if TYPE_CHECKING:
        app: Any

        @property
        def article(self) -> ArticleView: ...
        @property
        def session(self) -> EditSession | None: ...
        def say(self, message: str, *, warning: bool = False) -> None: ...
        def action_annotate(self) -> None: ...
        def action_undo(self) -> None: ...
        def apply_edits(
            self, edits: Sequence[ed.Edit], description: str, *, select: Span | None = None
        ) -> bool: ...
        def _refresh_highlight(self) -> None: ...
        def _update_legend(self) -> None: ...
        def when_filled(
            self, callback: Callable[..., object], *args: Any, **kwargs: Any
        ) -> None: ...

    def _screen(self) -> Any:
        """This reader as the screen it is (the mixin knows it only so)."""
        return self

    # -- where suggestions come from ---------------------------------------------------
    def names_elsewhere(self) -> NameFinder[Known]:
        """The names known outside the article: none for an article on its own (a
        library's reader gives its corpus entities')."""
        from tui.core.suggesting.names import NameFinder

        return NameFinder()

    def suggest_check(self, action: str) -> bool | None:
        """Whether a ``suggest.*`` action runs now (True for the rest)."""
        if action in SUGGEST_ACTIONS:
            return self.reviewing
        return True

    # -- starting and stopping ---------------------------------------------------------
    @waits_for_panes
    def action_review_suggestions(self) -> None:
        """Start (or stop) reviewing suggestions; annotate mode comes with it."""
        if self.reviewing:
            self.action_leave_review()
            return
        session = self.session
        if session is None:
            self.say("This view cannot be annotated (it has no file of its own)", warning=True)
            return
        if not self.annotating:
            self.action_annotate()
        if self.review is None:
            self.review = self._new_review(session.path)
        self.review.refresh(self.document)
        self.reviewing = True
        self.show_entities = True
        self._show_pane(True)
        first = self.review.step(self.article.top_offset() - 1, 1)
        if first is None:
            self._show_review()
            self.say("No suggestions for this article (S or escape stops reviewing)")
            return
        self._go_to_current()

    def _new_review(self, path: str) -> Review:
        from tui.core.suggesting.review import Review
        from tui.core.suggesting.store import read_state

        state = read_state(path)
        if state.problem:
            self.say(state.problem, warning=True)
        self.suggestion_state = state
        self._review_log = []
        return Review(self.names_elsewhere(), state.rejected, state.found)

    def action_leave_review(self) -> None:
        """Stop reviewing (annotate mode stays; the accepted mentions are edits to save)."""
        if not self.reviewing:
            return
        self.reviewing = False
        self._show_pane(False)
        self._refresh_highlight()
        self._update_legend()
        self.say("Stopped reviewing suggestions (S starts again)")

    def _show_pane(self, reviewing: bool) -> None:
        from tui.app.widgets.entity_list import EntityList
        from tui.app.widgets.suggestion_list import SuggestionList

        self._screen().query_one(EntityList).display = not reviewing
        self._screen().query_one(SuggestionList).display = reviewing
        pane = self._screen().query_one("#entity-pane")
        pane.border_title = "Suggestions" if reviewing else "Entities"
        if not reviewing:
            self.article.focus()

    # -- what is shown -----------------------------------------------------------------
    @property
    def suggested_spans(self) -> tuple[Span, ...]:
        """The shown suggestions' spans, for the article to draw (none unless reviewing)."""
        if not self.reviewing or self.review is None:
            return ()
        return tuple(s.span for s in self.review.shown)

    def suggestions_changed(self) -> None:
        """A new version of the document is shown: its suggestions are worked out again."""
        if self.reviewing and self.review is not None:
            self.review.refresh(self.document)
            self._show_review()

    def _show_review(self) -> None:
        from tui.app.widgets.suggestion_list import SuggestionList

        review = self.review
        if review is None:
            return
        text = self.document.text

        def line_of(offset: int) -> int:
            return text.count("\n", 0, offset) + 1

        self._screen().query_one(SuggestionList).show(
            review.groups(), review.current, lambda s: s.words(text), line_of
        )
        number, count = review.position()
        self._screen().query_one("#entity-pane").border_title = Text(
            f"Suggestions {number}/{count}" + ("" if review.filter.is_open else " (filtered)")
        )
        self._refresh_highlight()
        self._update_legend()
        self._show_why()

    def _show_why(self) -> None:
        from tui.app.widgets.details import Details

        review = self.review
        current = review.current_suggestion if review is not None else None
        details = self._screen().query_one(Details)
        if current is None:
            details.show_nothing("No suggestion is current: n goes to the next one.")
            return
        words = one_line(current.words(self.document.text))
        facts = Text()
        facts.append(f"«{shorten(words, 60)}» ", style="italic")
        facts.append(f"→ {current.type} {one_line(current.name)}", style="bold")
        facts.append("  (new entity)" if current.entity_id is None else "  (joins it)", "dim")
        facts.append(f"\n{one_line(current.why)}")
        facts.append(f"\nsource {current.source} · score {current.score:.2f}", style="dim")
        details.show_text("Suggestion", facts)

    def _go_to_current(self) -> None:
        from tui.core.editing import selection as sel

        review = self.review
        current = review.current_suggestion if review is not None else None
        if current is not None:
            self.selection = sel.Selection(current.span.start, current.span.end)
            if not self.article.span_is_visible(current.span):
                self.article.scroll_to_span(current.span, flash=False)
        self._show_review()

    def review_status(self) -> Text:
        """The status line while reviewing: where one is, the filter and the keys."""
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(" SUGGEST ", style="bold reverse")
        review = self.review
        if review is not None:
            number, count = review.position()
            line.append(f" {number}/{count}")
            if not review.filter.is_open:
                line.append(f" [{review.filter.describe()}]", style="bold")
        line.append("  y accept · x reject · Y entity · F filter · n next · u undo", style="dim")
        return line

    # -- moving ------------------------------------------------------------------------
    def _offset(self) -> int:
        review = self.review
        if review is not None and review.current is not None:
            return review.current.start
        if self.selection is not None:
            return self.selection.span.start
        return self.article.top_offset()

    def action_step_suggestion(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) suggestion, round the ends."""
        review = self.review
        if review is None:
            return
        if review.step(self._offset(), direction) is None:
            self.say("No suggestions are shown", warning=True)
        self._go_to_current()

    def show_suggestion(self, span: Span) -> None:
        """The pane's cursor went to the suggestion at ``span``: it becomes current."""
        review = self.review
        if review is None or review.current == span or review.at(span) is None:
            return
        review.current = span
        self._go_to_current()

    # -- deciding ----------------------------------------------------------------------
    def _current_or_say(self) -> Suggestion | None:
        review = self.review
        current = review.current_suggestion if review is not None else None
        if current is None:
            self.say("No suggestion is current (n goes to the next one)", warning=True)
        return current

    def _accept(self, chosen: Sequence[Suggestion], description: str) -> None:
        from tui.core.suggesting.suggestions import edits_for

        review = self.review
        if review is None or not chosen:
            return
        place = chosen[0].span.start
        edits = edits_for(self.document, chosen)
        if self.apply_edits(edits, description, select=chosen[0].span):
            # The document shown now is the new one: the review was refreshed with it.
            review.step(place - 1, 1)
            self._go_to_current()

    def action_accept_suggestion(self) -> None:
        """Make the current suggestion a mention (of its entity, or of a new one)."""
        current = self._current_or_say()
        if current is not None:
            words = shorten(one_line(current.words(self.document.text)), 40)
            self._accept([current], f"accepted «{words}» as {shorten(one_line(current.name), 40)}")

    def action_accept_entity(self) -> None:
        """Accept every shown suggestion of the current one's entity."""
        current = self._current_or_say()
        if current is None or self.review is None:
            return
        chosen = self.review.of_group(current.group)
        self._accept(
            chosen, f"accepted {len(chosen)} suggestion(s) of {shorten(one_line(current.name), 40)}"
        )

    def action_accept_shown(self) -> None:
        """Accept every suggestion the filter shows."""
        review = self.review
        if review is None or not review.shown:
            self.say("No suggestions are shown", warning=True)
            return
        chosen = list(review.shown)
        said = "" if review.filter.is_open else f" ({review.filter.describe()})"
        self._accept(chosen, f"accepted {len(chosen)} suggestion(s){said}")

    def action_reject_suggestion(self) -> None:
        """Turn the current suggestion down: it is not proposed again for this file."""
        current = self._current_or_say()
        review = self.review
        if current is None or review is None:
            return
        made = review.reject([current], self.document.text)
        self._review_log.append(_Rejection(tuple(made), self.document))
        self._keep_state()
        review.refresh(self.document)
        review.step(current.span.start - 1, 1)
        self._go_to_current()
        self.say(f"Rejected «{shorten(one_line(made[0].words), 40)}» (u takes it back)")

    def _keep_state(self) -> None:
        from tui.core.suggesting.store import write_state

        state = self.suggestion_state
        if state is None or self.review is None:
            return
        state.rejected = self.review.rejected
        problem = write_state(state)
        if problem:
            self.say(problem, warning=True)

    def action_undo_review(self) -> None:
        """Undo the last step: a rejection (while nothing was edited since), else the
        last edit, as ``u`` does in annotate mode."""
        review = self.review
        log = self._review_log
        if review is not None and log and log[-1].document is self.document:
            step = log.pop()
            review.unreject(step.made)
            self._keep_state()
            review.refresh(self.document)
            review.current = Span(step.made[0].start, step.made[0].end)
            self._go_to_current()
            self.say(f"Undid: rejected «{shorten(one_line(step.made[0].words), 40)}»")
            return
        self.action_undo()

    # -- the filter --------------------------------------------------------------------
    def action_filter_suggestions(self) -> None:
        """Show only the suggestions of a type, from a source, or from a least score."""
        from tui.core.suggesting.review import SCORE_STEPS, Filter

        review = self.review
        if review is None:
            return
        now = review.filter
        rows = [Choice("all", "all suggestions", "clears the filter")]
        rows += [Choice(f"type:{code}", f"type {code}") for code in review.types()]
        rows += [Choice(f"source:{name}", f"source {name}") for name in review.sources()]
        rows += [
            Choice(f"score:{least}", f"score ≥ {least:g}") for least in SCORE_STEPS if least > 0
        ]

        def rows_for(query: str) -> tuple[list[Choice], int | None]:
            words = query.strip().lower().split()
            shown = [r for r in rows if all(w in f"{r.label} {r.detail}".lower() for w in words)]
            return shown, 0 if shown else None

        def chosen(value: str | None) -> None:
            if value is None or self.review is None:
                return
            kind, _, what = value.partition(":")
            if kind == "type":
                picked = replace(now, type=what)
            elif kind == "source":
                picked = replace(now, source=what)
            elif kind == "score":
                picked = replace(now, least_score=float(what))
            else:
                picked = Filter()
            self.review.set_filter(picked)
            if self.review.current is None:
                self.review.step(self._offset() - 1, 1)
            self._go_to_current()
            self.say(f"Showing {picked.describe()}: {len(self.review.shown)} suggestion(s)")

        self.app.push_screen(
            PickerScreen(f"Show suggestions ({now.describe()} now)", rows_for), chosen
        )
