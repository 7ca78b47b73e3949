"""Parts of the reader kept apart from its panes: its places and the files behind it.

:class:`ReaderPlaces` is where the reader is, showing a place again, the jump list and
the place an article was left at; :class:`ReaderFiles` copies the sentence, finds the
selection in the annotation file and lists the file's problems. Both are mixins of
:class:`~tui.app.screens.reader.ReaderScreen`, written against :class:`ReaderLike`,
what they need of it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

from textual.css.query import NoMatches

from tui.app.screens import jumping
from tui.core.document.diagnostics import Diagnostic
from tui.core.document.model import Document, Mention
from tui.core.files.saferead import ReadRefused, read_capped_text
from tui.core.loading.limits import MAX_YAML_BYTES
from tui.core.reading.jumps import JumpList, Place
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from textual.app import App

    from tui.app.widgets.article_view import ArticleView


class ReaderLike(Protocol):
    """What the reader's parts use of the reader."""

    document: Document
    diagnostics: tuple[Diagnostic, ...]
    path: str
    source_path: str | None
    jumps: JumpList
    restoring: bool
    remembered_as: str | None
    panes_filled: bool
    selected_entity: str | None
    mention_index: int | None
    selected_event: str | None

    @property
    def app(self) -> App[Any]: ...

    @property
    def article(self) -> ArticleView: ...

    @property
    def current_mention(self) -> Mention | None: ...

    def when_filled(self, callback: Callable[..., object], *args: Any, **kwargs: Any) -> None: ...

    def select_entity(self, entity_id: str, *, mention_index: int | None, jump: bool) -> None: ...

    def select_event(self, event_id: str, *, jump: bool) -> None: ...

    def say(self, message: str, *, warning: bool = False) -> None: ...

    def current_place(self) -> Place: ...

    def show_place(self, place: Place) -> None: ...

    def go_to_place(self, place: Place) -> None: ...

    def go_to_problem(self, problem: Diagnostic | None) -> None: ...


class FillsPanes(Protocol):
    """A reader whose panes come after its first frame (what :func:`waits_for_panes` uses)."""

    panes_filled: bool

    def when_filled(self, callback: Callable[..., object], *args: Any, **kwargs: Any) -> None: ...


ReaderT = TypeVar("ReaderT", bound=FillsPanes)
Parameters = ParamSpec("Parameters")


def waits_for_panes(
    action: Callable[Concatenate[ReaderT, Parameters], object],
) -> Callable[Concatenate[ReaderT, Parameters], None]:
    """Make a reader's action wait until the panes are filled when its key comes before
    them (the text is on screen first), with all its arguments, rather than act on panes
    that are not there yet; after that it runs at once."""

    @wraps(action)
    def run(reader: ReaderT, /, *args: Parameters.args, **kwargs: Parameters.kwargs) -> None:
        if reader.panes_filled:
            action(reader, *args, **kwargs)
        else:
            reader.when_filled(action, reader, *args, **kwargs)

    return run


class ReaderPlaces:
    """Where the reader is, the jump list (``ctrl+o`` / ``ctrl+f``) and the last place."""

    def current_place(self: ReaderLike) -> Place:
        """Where the reader is now."""
        try:
            offset = self.article.top_offset()
        except NoMatches:  # the reader is being taken down: its selection still counts
            offset = 0
        return Place(
            path=self.path,
            offset=offset,
            entity=self.selected_entity,
            mention=self.mention_index if self.selected_entity else None,
            event=self.selected_event,
        )

    def show_place(self: ReaderLike, place: Place) -> None:
        """Show ``place`` (what no longer exists in the article is skipped)."""
        document = self.document
        self.article.scroll_to_offset(min(place.offset, len(document.text)))
        entity = document.entity_by_id.get(place.entity or "")
        if entity is not None and entity.mentions:
            mention = place.mention
            if mention is not None and not 0 <= mention < len(entity.mentions):
                mention = None
            self.select_entity(entity.id, mention_index=mention, jump=False)
        elif place.event in document.event_by_id:
            self.select_event(place.event or "", jump=False)

    def arrive(self: ReaderLike) -> None:
        """A single-article reader has just opened :attr:`path`: note the content its
        place is kept under and go back to its last place there, if one is remembered."""
        self.remembered_as = (
            jumping.content_key(self.path, self.document.text) if self.path else None
        )
        place = jumping.recall(self.app, self.remembered_as, self.path)
        if place is not None:
            self.show_place(place)

    def leave(self: ReaderLike) -> None:
        """A single-article reader closes: keep its place for the next time."""
        jumping.remember(self.app, self.remembered_as, self.current_place())

    def record_jump(self: ReaderLike) -> None:
        """A jump is about to leave the reader's place: put it on the jump list."""
        if not self.restoring:
            self.jumps.record(self.current_place())

    def go_to_place(self: ReaderLike, place: Place) -> None:
        """Show a place of the jump list (no new jump is recorded)."""
        self.restoring = True
        try:
            self.show_place(place)
        finally:
            self.restoring = False

    @waits_for_panes
    def action_jump_back(self: ReaderLike) -> None:
        """``ctrl+o``: back to where the last jump left."""
        target = self.jumps.back(self.current_place())
        if target is None:
            self.say("At the start of the jump list")
        else:
            self.go_to_place(target)

    @waits_for_panes
    def action_jump_forward(self: ReaderLike) -> None:
        """``ctrl+f``: forward again, after going back."""
        target = self.jumps.forward(self.current_place())
        if target is None:
            self.say("At the end of the jump list")
        else:
            self.go_to_place(target)


class ReaderFiles:
    """The files behind the reader: copying, the selection's place in the annotation
    file, and the warnings found in it."""

    @waits_for_panes
    def action_copy(self: ReaderLike) -> None:
        """Copy the current mention's sentence, or the selected event's passage."""
        from tui.core.text.sentences import sentence_around

        event = self.document.event_by_id.get(self.selected_event or "")
        mention = self.current_mention
        if mention is None and self.selected_entity is not None:
            mention = self.document.entity_by_id[self.selected_entity].mentions[0]
        if event is not None:
            span, what = event.passage, "the event's passage"
        elif mention is not None:
            span, what = sentence_around(self.document.text, mention.span), "the sentence"
        else:
            self.say("Select a mention or an event to copy its sentence", warning=True)
            return
        self.app.copy_to_clipboard(self.document.text[span.start : span.end])
        self.say(f"Copied {what} ({span.end - span.start} characters)")

    def _source_position(self: ReaderLike) -> tuple[int, int]:
        """Line and column in the YAML of the selected event or entity (else the top)."""
        from tui.core.loading.sourcemap import annotation_places, place_of

        path = self.source_path
        if path is None:
            return 1, 1
        try:
            places = annotation_places(read_capped_text(path, MAX_YAML_BYTES))
        except ReadRefused:
            return 1, 1
        position = None
        if self.selected_event is not None:
            position = place_of(places, "event", self.selected_event)
        elif self.selected_entity is not None:
            position = place_of(places, "entity", self.selected_entity)
        return (position.line, position.column) if position is not None else (1, 1)

    @waits_for_panes
    def action_problems(self: ReaderLike) -> None:
        """List the warnings found when loading."""
        from tui.app.screens.problems import ProblemsScreen

        if not self.diagnostics:
            self.say("No problems were found in this file")
            return
        self.app.push_screen(ProblemsScreen(self.diagnostics), self.go_to_problem)

    def go_to_problem(self: ReaderLike, problem: Diagnostic | None) -> None:
        """Select the entity or event a warning is about, or say why that cannot be done."""
        if problem is None:
            return
        from tui.core.loading.sourcemap import annotation_at, annotation_places

        try:
            places = annotation_places(read_capped_text(problem.path, MAX_YAML_BYTES))
        except ReadRefused as refused:
            self.say(
                f"Cannot read {one_line(problem.path)}: {one_line(refused.reason)}", warning=True
            )
            return
        place = annotation_at(places, problem.position)
        if place is not None and place.kind == "entity" and place.id in self.document.entity_by_id:
            self.select_entity(place.id, mention_index=0, jump=True)
        elif place is not None and place.kind == "event" and place.id in self.document.event_by_id:
            self.select_event(place.id, jump=True)
        else:
            where = f"line {problem.position.line}"
            self.say(f"That warning is about {where} of the file, not one annotation")
