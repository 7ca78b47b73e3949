"""Annotate mode: a selection in the article and the keys that turn it into annotations.

A mixin of :class:`~tui.app.screens.reader.ReaderScreen`. The edits, their undo, the
journal and saving are the pure :class:`~tui.core.editing.session.EditSession`'s; this
part moves the selection, asks what it needs in small dialogs and shows each new
version of the document in the panes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from rich.text import Text
from textual.message import Message

from tui.app.screens.annotate_dialogs import (
    Answer,
    Choice,
    PickerScreen,
    PromptScreen,
    QuestionScreen,
)
from tui.app.screens.reader_parts import waits_for_panes
from tui.core.document.model import REALIS_VALUES, Document, Entity, Event, Mention, Span
from tui.core.text.textsafety import one_line

if TYPE_CHECKING:
    from tui.app.widgets.article_view import ArticleView
    from tui.core.editing import edits as ed
    from tui.core.editing import selection as sel
    from tui.core.editing.choices import Choice as CoreChoice
    from tui.core.editing.choices import Choices
    from tui.core.editing.session import EditSession


class EditsSaved(Message):
    """The reader wrote its edits into ``path``: the app notes the file's new stamp (not
    a change to reload) and a library indexes it again."""

    def __init__(self, path: str) -> None:

        super().__init__()
        self.path = path


class ReaderAnnotating:
    """The annotate keys of the reader (``annotate.*``), live only in annotate mode."""

    # Provided by the reader (see tui.app.screens.reader.ReaderScreen).
    document: Document
    selection: sel.Selection | None
    annotating: bool
    reviewing: bool
    selected_entity: str | None
    selected_event: str | None
    mention_index: int | None
    panes_filled: bool

    if TYPE_CHECKING:
        app: Any

        @property
        def article(self) -> ArticleView: ...
        @property
        def session(self) -> EditSession | None: ...
        @property
        def session_if_open(self) -> EditSession | None: ...
        def post_message(self, message: Message) -> bool: ...
        def say(self, message: str, *, warning: bool = False) -> None: ...
        def select_entity(
            self, entity_id: str, *, mention_index: int | None, jump: bool
        ) -> None: ...
        def select_event(self, event_id: str, *, jump: bool) -> None: ...
        def replace_document(
            self, document: Document, changed: list[Span] | None = None
        ) -> None: ...
        def when_filled(
            self, callback: Callable[..., object], *args: Any, **kwargs: Any
        ) -> None: ...
        def _refresh_highlight(self) -> None: ...
        def _update_legend(self) -> None: ...
        def _update_header(self) -> None: ...
        def review_status(self) -> Text: ...
        def action_leave_review(self) -> None: ...
        @property
        def current_mention(self) -> Mention | None: ...

    # -- the mode --------------------------------------------------------------------
    def annotate_check(self, action: str) -> bool | None:
        """Whether an ``annotate.*`` action runs now (None: shown, but not now)."""
        if self.reviewing and action in REVIEW_OVERRIDES:
            return False  # the review's keys of the same letters run instead
        if action in ANNOTATE_ACTIONS:
            return self.annotating
        if action in ("save", "undo", "redo"):
            session = self.session_if_open
            return session is not None and (self.annotating or session.dirty)
        return True

    @waits_for_panes
    def action_annotate(self) -> None:
        """Annotate mode on or off."""
        if self.session is None:
            self.say("This view cannot be annotated (it has no file of its own)", warning=True)
            return
        if self.annotating and self.reviewing:
            self.action_leave_review()
        self.annotating = not self.annotating
        if self.annotating:
            if self.selection is None:
                self.selection = self._first_selection()
            self.article.focus()
            self._annotate_selection_moved(scroll=True)
            # The status line under the article says what the mode's keys are.
        else:
            self._refresh_highlight()
            self._update_legend()
            self.say("Reading" + (" (unsaved edits: ctrl+s saves)" if self._dirty else ""))

    def action_leave_annotate(self) -> None:
        """Back to reading (the edits stay, unsaved until saved)."""
        if self.annotating:
            self.action_annotate()

    @property
    def _dirty(self) -> bool:
        session = self.session_if_open
        return session is not None and session.dirty

    def _first_selection(self) -> sel.Selection:
        """Where the selection starts: the current mention, else the first word on screen."""
        from tui.core.editing import selection as sel

        mention = self.current_mention
        if mention is not None:
            return sel.Selection(mention.span.start, mention.span.end)
        return sel.Selection.word_at(self.document.text, self.article.top_offset())

    # -- the selection -----------------------------------------------------------------
    @property
    def selection_span(self) -> Span | None:
        """The selected words, when annotating."""
        if not self.annotating or self.selection is None:
            return None
        return self.selection.span

    def _set_selection(self, selection: sel.Selection | None, *, scroll: bool = True) -> None:
        self.selection = selection
        self._annotate_selection_moved(scroll=scroll)

    def _annotate_selection_moved(self, *, scroll: bool) -> None:
        self._refresh_highlight()
        self._update_legend()
        span = self.selection_span
        if scroll and span is not None and not self.article.span_is_visible(span):
            self.article.scroll_to_span(span, flash=False)

    def _start(self) -> sel.Selection:
        """The selection to move from: where it is if on screen, else the top of the view."""
        current = self.selection
        if current is not None and self.article.span_is_visible(current.span):
            return current
        return self._first_selection()

    def action_select_word(self, step: int) -> None:
        """The next (or previous) word becomes the selection."""

        start = self._start()
        text = self.document.text
        moved = start.next_word(text) if step > 0 else start.previous_word(text)
        if moved == start:
            self.app.bell()
        self._set_selection(moved)

    def action_select_line(self, step: int) -> None:
        """The word on the display line below (or above) becomes the selection."""
        from tui.core.editing import selection as sel

        lines = self.article.line_index
        start = self._start()
        if lines is None or not len(lines):
            return
        span = start.span
        caret = span.start if start.caret < start.anchor else max(span.start, span.end - 1)
        line = lines.line_of(caret)
        target = line + step
        if not 0 <= target < len(lines):
            self.app.bell()
            return
        column = caret - lines.starts[line]
        last = max(lines.starts[target], lines.ends[target] - 1)
        offset = min(lines.starts[target] + column, last)
        self._set_selection(sel.Selection.word_at(self.document.text, offset))

    def action_move_end(self, unit: str, step: int) -> None:
        """The moving end of the selection one word (``unit="word"``) or one character
        further (``step=1``) or back (``step=-1``): the selection grows or shrinks."""

        current = self._start()
        text = self.document.text
        by: sel.Unit = "char" if unit == "char" else "word"
        if current.caret >= current.anchor:  # the end moves
            moved = current.extend_end(text, by) if step > 0 else current.shrink_end(text, by)
        else:  # the start moves (after o)
            moved = current.shrink_start(text, by) if step > 0 else current.extend_start(text, by)
        if moved == current:
            self.app.bell()
        self._set_selection(moved)

    def action_swap_ends(self) -> None:
        """The other end of the selection moves from now on."""
        current = self._start()
        self._set_selection(sel.Selection(current.caret, current.anchor))

    def action_find(self) -> None:
        """Type a text; ``enter`` selects its next occurrence after the selection."""
        from tui.core.editing import selection as sel

        def found(query: str | None) -> None:
            if not query:
                return
            after = self.selection.span.end if self.selection is not None else 0
            span = sel.find_next(self.document.text, query, after)
            if span is None:
                self.say(f"Not found: {one_line(query)}", warning=True)
                return
            self._set_selection(sel.Selection(span.start, span.end))

        self.app.push_screen(
            PromptScreen("Select the next match of", hint="enter selects it · escape cancels"),
            found,
        )

    # -- applying edits ----------------------------------------------------------------
    def apply_edit(self, edit: ed.Edit, *, select: Span | None = None) -> bool:
        """Make ``edit``, show the new version, say what was done (or why not).

        ``select``: a mention's span to make current afterwards (the one just made), in
        the same redraw as the edit."""
        from tui.core.editing import edits as ed

        if self.session is None:
            return False
        before = self.document
        try:
            after = self.session.apply(edit)
        except ed.EditRefused as refused:
            self.say(refused.reason, warning=True)
            return False
        self._make_current(after, select)
        self.replace_document(after, changed=_touched(before, after, edit))
        problem = self.session.journal_problem
        self.say(ed.describe(edit, before) + (f" ({problem})" if problem else ""))
        return True

    def apply_edits(
        self, edits: Sequence[ed.Edit], description: str, *, select: Span | None = None
    ) -> bool:
        """Make several edits as one (one undo takes them all back)."""
        from tui.core.editing import edits as ed

        if self.session is None:
            return False
        try:
            after = self.session.apply_all(edits, description)
        except ed.EditRefused as refused:
            self.say(refused.reason, warning=True)
            return False
        self._make_current(after, select)
        self.replace_document(after)
        self.say(description[:1].upper() + description[1:])
        return True

    def _make_current(self, document: Document, span: Span | None) -> None:
        """Select the mention at ``span`` of the new version (if there is one), so the
        panes show it when they show that version."""
        if span is None:
            return
        for mention in document.mentions_at(span.start):
            if mention.span == span:
                self.selected_entity = mention.entity_id
                self.mention_index = mention.index
                self.selected_event = None
                return

    def _need_selection(self) -> Span | None:
        span = self.selection_span
        if span is None:
            self.say("Select some words first (m starts annotating)", warning=True)
        return span

    def _need_entity(self) -> Entity | None:
        entity = self.document.entity_by_id.get(self.selected_entity or "")
        if entity is None:
            self.say("Select an entity first (in the list, or n / ])", warning=True)
        return entity

    def _need_event(self) -> Event | None:
        event = self.document.event_by_id.get(self.selected_event or "")
        if event is None:
            self.say("Select an event first (in the event list)", warning=True)
        return event

    def _mention_at_selection(self) -> Mention | None:
        """The mention the selection stands on: the current one if it overlaps, else the
        innermost mention covering the selection."""
        span = self.selection_span
        current = self.current_mention
        if span is None:
            return current
        if current is not None and current.covers(span.start, span.end):
            return current
        found = self.document.mentions_overlapping(span.start, span.end)
        found.sort(key=lambda m: (len(m.span), m.entity_id))
        return found[0] if found else None

    # -- entities ----------------------------------------------------------------------
    def action_new_entity(self) -> None:
        """The selection becomes a new entity: pick its type, named after the words."""
        from tui.core.editing import edits as ed

        span = self._need_selection()
        session = self.session
        if span is None or session is None:
            return
        words = self.document.text[span.start : span.end]
        name = " ".join(words.split())

        def typed(picked: str | None) -> None:
            if picked is None:
                return
            edits = declared_then(
                "entity", picked, lambda code: ed.NewEntity(type=code, name=name, span=span)
            )
            if self.apply_edits(edits, ed.describe(edits[-1], self.document), select=span):
                session.last_entity_type = picked.lstrip("+")

        self.app.push_screen(
            PickerScreen(
                f"Type of «{one_line(words)[:40]}»",
                lambda query: type_rows(self.document, "entity", query, session.last_entity_type),
            ),
            typed,
        )

    def action_add_mention(self) -> None:
        """The selection becomes a mention of the selected entity."""
        from tui.core.editing import edits as ed

        span = self._need_selection()
        entity = self._need_entity() if span is not None else None
        if span is None or entity is None:
            return
        self.apply_edit(
            ed.AddMention(entity_id=entity.id, span=span),
            select=span,
        )

    def action_delete_mention(self) -> None:
        """Delete the mention under the selection (its entity goes with its last one)."""
        from tui.core.editing import edits as ed

        mention = self._mention_at_selection()
        if mention is None:
            self.say("No mention here to delete", warning=True)
            return
        entity = self.document.entity_by_id[mention.entity_id]
        if len(entity.mentions) == 1:
            self.apply_edit(ed.DeleteEntity(entity_id=entity.id))
            return
        self.apply_edit(ed.DeleteMention(entity_id=entity.id, span=mention.span))

    def action_delete_entity(self) -> None:
        """Delete the selected entity, its mentions and what refers to it (asks first)."""
        from tui.core.editing import edits as ed

        entity = self._need_entity()
        if entity is None:
            return
        uses = len(self.document.events_of(entity.id)) + len(self.document.relations_of(entity.id))
        question = (
            f"Delete {one_line(entity.name)} ({entity.type}) and its "
            f"{len(entity.mentions)} mention(s)?"
            + (f" It is in {uses} event argument(s) or relation(s), which go too." if uses else "")
        )

        def answered(key: str | None) -> None:
            if key == "y":
                self.apply_edit(ed.DeleteEntity(entity_id=entity.id))

        self.app.push_screen(
            QuestionScreen("Delete entity", question, [Answer("y", "delete")]), answered
        )

    def action_retype(self) -> None:
        """Give the selected entity (or event) another type."""
        from tui.core.editing import edits as ed

        session = self.session
        if session is None:
            return
        event = self.document.event_by_id.get(self.selected_event or "")
        if event is not None:
            event_id = event.id

            def event_typed(picked: str | None) -> None:
                if picked is not None:
                    edits = declared_then(
                        "event", picked, lambda code: ed.RetypeEvent(event_id=event_id, type=code)
                    )
                    self.apply_edits(edits, ed.describe(edits[-1], self.document))

            self.app.push_screen(
                PickerScreen(
                    f"New type of the event «{one_line(event.summary)[:40]}»",
                    lambda query: type_rows(self.document, "event", query, event.type),
                ),
                event_typed,
            )
            return
        entity = self._need_entity()
        if entity is None:
            return
        entity_id = entity.id

        def typed(picked: str | None) -> None:
            if picked is None:
                return
            edits = declared_then(
                "entity", picked, lambda code: ed.RetypeEntity(entity_id=entity_id, type=code)
            )
            if self.apply_edits(edits, ed.describe(edits[-1], self.document)):
                session.last_entity_type = picked.lstrip("+")

        self.app.push_screen(
            PickerScreen(
                f"New type of {one_line(entity.name)[:40]}",
                lambda query: type_rows(self.document, "entity", query, entity.type),
            ),
            typed,
        )

    def action_rename(self) -> None:
        """Rename the selected entity (or change the selected event's summary)."""
        from tui.core.editing import edits as ed

        event = self.document.event_by_id.get(self.selected_event or "")
        if event is not None:
            self.app.push_screen(
                PromptScreen("Summary of the event", event.summary, check=_not_blank),
                lambda text: (
                    text is not None
                    and self.apply_edit(ed.SetSummary(event_id=event.id, summary=text.strip()))
                ),
            )
            return
        entity = self._need_entity()
        if entity is None:
            return
        self.app.push_screen(
            PromptScreen(f"Name of the {entity.type} entity", entity.name, check=_not_blank),
            lambda text: (
                text is not None
                and self.apply_edit(ed.RenameEntity(entity_id=entity.id, name=text.strip()))
            ),
        )

    def action_merge(self) -> None:
        """Merge another entity into the selected one (its mentions and uses move over)."""
        from tui.core.editing import edits as ed

        entity = self._need_entity()
        if entity is None:
            return
        self.app.push_screen(
            PickerScreen(
                f"Merge into {one_line(entity.name)[:40]}",
                lambda query: self._entity_choices(query, exclude=entity.id),
            ),
            lambda other: (
                other is not None
                and self.apply_edit(ed.MergeEntities(keep_id=entity.id, absorbed_id=other))
            ),
        )

    def action_split(self) -> None:
        """The mention under the selection becomes an entity of its own, of the same type."""
        from tui.core.editing import edits as ed

        mention = self._mention_at_selection()
        if mention is None:
            self.say("No mention here to split off", warning=True)
            return
        span = mention.span
        self.apply_edit(
            ed.SplitMention(entity_id=mention.entity_id, span=span),
            select=span,
        )

    def action_add_fragment(self) -> None:
        """The selection becomes one more fragment of the current mention."""
        from tui.core.editing import edits as ed

        found = self._selection_and_current()
        if found is not None:
            span, mention = found
            self.apply_edit(
                ed.AddFragment(entity_id=mention.entity_id, span=mention.span, fragment=span)
            )

    def action_adjust(self) -> None:
        """The current mention now covers the selection, keeping everything on it."""
        from tui.core.editing import edits as ed

        found = self._selection_and_current()
        if found is not None:
            span, mention = found
            self.apply_edit(
                ed.AdjustMention(entity_id=mention.entity_id, span=mention.span, new_span=span),
                select=span,
            )

    def _selection_and_current(self) -> tuple[Span, Mention] | None:
        """The selection and the current mention an edit joins them in, or None (said)."""
        span = self._need_selection()
        mention = self.current_mention
        if span is None:
            return None
        if mention is None:
            self.say("Make a mention current first (n, ] or the entity list)", warning=True)
            return None
        return span, mention

    def action_every_occurrence(self) -> None:
        """Offer every other occurrence of the current mention's words as its mentions."""
        from tui.core.editing import edits as ed
        from tui.core.editing import selection as sel

        mention = self._mention_at_selection() or self.current_mention
        if mention is None:
            self.say("Select a mention first: its other occurrences are offered", warning=True)
            return
        entity_id = mention.entity_id
        text = self.document.text
        taken = {m.span for m in self.document.entity_by_id[entity_id].mentions}
        spans = [s for s in sel.whole_word_occurrences(text, mention.span) if s not in taken]
        if not spans:
            self.say("No other occurrence of these words to add")
            return
        from tui.app.screens.occurrences import OccurrencesScreen

        def chosen(accepted: Sequence[Span] | None) -> None:
            if not accepted:
                return
            name = one_line(self.document.entity_by_id[entity_id].name)
            self.apply_edits(
                [ed.AddMention(entity_id=entity_id, span=span) for span in accepted],
                f"added {len(accepted)} mention(s) of {name}",
            )

        def show(span: Span) -> None:
            if not self.article.span_is_visible(span):
                self.article.scroll_to_span(span, flash=False)

        self.app.push_screen(OccurrencesScreen(self.document, entity_id, spans, show=show), chosen)

    def _entity_choices(
        self, query: str, *, exclude: str | None = None
    ) -> tuple[list[Choice], int | None]:
        """The entity picker's rows: those under the selection first."""
        from tui.core.editing.choices import entity_choices

        span = self.selection_span
        near = (span.start, span.end) if span is not None else None
        found = entity_choices(query, self.document, exclude=exclude, near=near)
        entities = self.document.entity_by_id

        def detail(line: CoreChoice) -> str:
            entity = entities[line.code]
            under = "  under the selection" if line.group == "document" else ""
            return f"{entity.type} · {len(entity.mentions)} mention(s){under}"

        rows = [Choice(line.code, line.label, detail(line)) for line in found.choices]
        return rows, found.selected

    # -- events ------------------------------------------------------------------------
    def action_new_event(self) -> None:
        """The selection becomes the trigger of a new event: pick its type."""
        from tui.core.editing import edits as ed

        span = self._need_selection()
        session = self.session
        if span is None or session is None:
            return
        words = self.document.text[span.start : span.end]

        def typed(picked: str | None) -> None:
            if picked is None:
                return
            edits = declared_then(
                "event", picked, lambda code: ed.NewEvent(type=code, trigger=span)
            )
            if self.apply_edits(edits, ed.describe(edits[-1], self.document)):
                session.last_event_type = picked.lstrip("+")
                self._select_new_event(self.document, span)

        self.app.push_screen(
            PickerScreen(
                f"Event type of «{one_line(words)[:40]}»",
                lambda query: type_rows(self.document, "event", query, session.last_event_type),
            ),
            typed,
        )

    def _select_new_event(self, document: Document, trigger: Span) -> None:
        for event in document.events:
            if event.trigger == trigger:
                self.select_event(event.id, jump=False)
                return

    def action_add_argument(self) -> None:
        """Add an argument to the selected event: a role, then who or what fills it."""
        from tui.core.editing import edits as ed
        from tui.core.editing.choices import role_choices, roles_in_use

        event = self._need_event()
        if event is None:
            return

        def roled(role: str | None) -> None:
            if role is None:
                return

            def filled(entity_id: str | None) -> None:
                if entity_id is None:
                    return
                self.apply_edit(ed.AddArgument(event_id=event.id, role=role, entity_id=entity_id))

            self.app.push_screen(
                PickerScreen(
                    f"{role} of «{one_line(event.summary)[:30]}»",
                    lambda query: self._entity_choices(query),
                    hint="the entity under the selection first · enter picks",
                ),
                filled,
            )

        self.app.push_screen(
            PickerScreen(
                f"Role in «{one_line(event.summary)[:40]}»",
                lambda query: _rows(role_choices(query, event.type, roles_in_use(self.document))),
                hint="type a new role or pick one · enter picks",
            ),
            roled,
        )

    def action_remove_argument(self) -> None:
        """Remove one of the selected event's arguments."""
        from tui.core.editing import edits as ed

        event = self._need_event()
        if event is None:
            return
        rows = [
            Choice(
                f"{index}",
                f"{argument.role}: {self.document.entity_by_id[argument.entity_id].name}"
                if argument.entity_id in self.document.entity_by_id
                else f"{argument.role}: {argument.entity_id}",
            )
            for index, argument in enumerate(event.arguments)
        ]
        if not rows:
            self.say("This event has no arguments", warning=True)
            return

        def removed(value: str | None) -> None:
            if value is None:
                return
            argument = event.arguments[int(value)]
            self.apply_edit(
                ed.RemoveArgument(
                    event_id=event.id, role=argument.role, entity_id=argument.entity_id
                )
            )

        self.app.push_screen(
            PickerScreen("Remove which argument", lambda query: _filtered(rows, query)), removed
        )

    def action_set_date(self) -> None:
        """Date the selected event: the selection is the words that say when."""
        from tui.core.editing import edits as ed

        event = self._need_event()
        if event is None:
            return
        span = self.selection_span
        if span is not None and span == event.trigger:
            span = None  # the trigger itself says nothing of when
        guess = ""
        if span is not None:
            from tui.core.timeline.timex import normalise

            words = self.document.text[span.start : span.end]
            anchor = self.document.info.date
            value = normalise(words, anchor.first if anchor is not None else None)
            guess = value.date_text if value is not None else ""
        elif event.date is not None:
            guess = event.date.value.text
        from tui.core.document.dates import DateError, parse_date

        def check(text: str) -> str | None:
            if not text.strip():
                return None  # no date
            try:
                parse_date(text.strip())
            except DateError as error:
                return str(error)
            return None

        def dated(text: str | None) -> None:
            if text is None:
                return
            self.apply_edit(
                ed.SetEventDate(
                    event_id=event.id,
                    value=text.strip() or None,
                    text_span=span if text.strip() else None,
                )
            )

        words_said = (
            f" from «{one_line(self.document.text[span.start : span.end])[:30]}»" if span else ""
        )
        self.app.push_screen(
            PromptScreen(
                f"Date of the event{words_said}",
                guess,
                hint="YYYY, YYYY-MM, YYYY-MM-DD or START/END · empty: no date",
                check=check,
            ),
            dated,
        )

    def action_realis(self) -> None:
        """Whether the selected event happened: actual, planned, hypothetical, generic."""
        from tui.core.editing import edits as ed

        event = self._need_event()
        if event is None:
            return
        rows = [
            Choice(value, value, "(now)" if value == event.realis else "")
            for value in REALIS_VALUES
        ]
        self.app.push_screen(
            PickerScreen("Realis of the event", lambda query: _filtered(rows, query)),
            lambda value: (
                value is not None and self.apply_edit(ed.SetRealis(event_id=event.id, realis=value))
            ),
        )

    def action_same_as(self) -> None:
        """Say the selected event is another telling of an event (or of none)."""
        from tui.core.editing import edits as ed

        event = self._need_event()
        if event is None:
            return
        rows = [Choice("", "(none: a happening of its own)")] + [
            Choice(other.id, one_line(other.summary), other.type)
            for other in self.document.events
            if other.id != event.id
        ]
        self.app.push_screen(
            PickerScreen("Same happening as", lambda query: _filtered(rows, query)),
            lambda other: (
                other is not None
                and self.apply_edit(ed.SetSameAs(event_id=event.id, other_id=other or None))
            ),
        )

    def action_attribute(self) -> None:
        """Set an attribute (``Name=value``; ``Name=`` removes it) on the selected event
        or entity."""
        from tui.core.editing import edits as ed

        event = self.document.event_by_id.get(self.selected_event or "")
        entity = self.document.entity_by_id.get(self.selected_entity or "")
        target: tuple[Literal["entity", "event"], str]
        if event is not None:
            target = ("event", event.id)
        elif entity is not None:
            target = ("entity", entity.id)
        else:
            self.say("Select an entity or an event first", warning=True)
            return

        def check(text: str) -> str | None:
            return None if "=" in text else "Write Name=value (Name= removes it)"

        def given(text: str | None) -> None:
            if text is None:
                return
            name, _, value = text.partition("=")
            self.apply_edit(
                ed.SetAttribute(
                    target=target[0],
                    target_id=target[1],
                    name=name.strip(),
                    value=value.strip() or None,
                )
            )

        self.app.push_screen(
            PromptScreen(
                "Attribute (Name=value)", hint="Name=value · Name= removes it", check=check
            ),
            given,
        )

    # -- relations ---------------------------------------------------------------------
    def action_new_relation(self) -> None:
        """A relation from the selected entity (or event) to another, of a type you name."""
        from tui.core.editing import edits as ed

        event = self.document.event_by_id.get(self.selected_event or "")
        entity = self.document.entity_by_id.get(self.selected_entity or "")
        if event is not None:
            from_id, from_event = event.id, True
        elif entity is not None:
            from_id, from_event = entity.id, False
        else:
            self.say("Select the entity or event the relation starts from", warning=True)
            return

        def ended(value: str | None) -> None:
            if value is None:
                return
            to_event = value.startswith("event:")
            to_id = value.split(":", 1)[1]

            def typed(kind: str | None) -> None:
                if kind is None:
                    return
                self.apply_edit(
                    ed.NewRelation(
                        type=kind.strip(),
                        from_id=from_id,
                        to_id=to_id,
                        from_event=from_event,
                        to_event=to_event,
                        evidence=self.selection_span,
                    )
                )

            from tui.core.editing.choices import relation_type_choices

            self.app.push_screen(
                PickerScreen(
                    "Relation type",
                    lambda query: _rows(relation_type_choices(query, self.document)),
                    hint="type a new one (lower case) or pick · enter picks",
                ),
                typed,
            )

        def ends(query: str) -> tuple[list[Choice], int | None]:
            rows, first = self._entity_choices(query, exclude=None if from_event else from_id)
            choices = [Choice(f"entity:{row.value}", row.label, row.detail) for row in rows]
            choices.extend(
                Choice(f"event:{other.id}", one_line(other.summary), f"event {other.type}")
                for other in self.document.events
                if (other.id != from_id or not from_event) and _matches(query, other.summary)
            )
            return choices, first

        self.app.push_screen(PickerScreen("Relation to", ends), ended)

    def action_delete_relation(self) -> None:
        """Delete one of the relations of the selected entity or event."""
        from tui.core.editing import edits as ed

        if self.selected_event is not None:
            relations = self.document.relations_of_event(self.selected_event)
        elif self.selected_entity is not None:
            relations = self.document.relations_of(self.selected_entity)
        else:
            relations = []
        if not relations:
            self.say("The selection has no relations", warning=True)
            return
        rows = [
            Choice(str(index), f"{relation.type}: {relation.from_id} → {relation.to_id}")
            for index, relation in enumerate(relations)
        ]

        def chosen(value: str | None) -> None:
            if value is not None:
                self.apply_edit(ed.DeleteRelation.of(relations[int(value)]))

        self.app.push_screen(
            PickerScreen("Delete which relation", lambda q: _filtered(rows, q)), chosen
        )

    # -- undo, redo, save --------------------------------------------------------------
    def action_undo(self) -> None:
        """Undo the last edit (as far back as the reader was opened)."""
        if self.session is None:
            return
        before = self.document
        step = self.session.undo()
        if step is None:
            self.say("Nothing to undo")
            return
        self.replace_document(step.document)
        self.say(f"Undid: {step.description}")
        del before

    def action_redo(self) -> None:
        """Make the last undone edit again."""
        if self.session is None:
            return
        step = self.session.redo()
        if step is None:
            self.say("Nothing to redo")
            return
        self.replace_document(step.document)
        self.say(f"Redid: {step.description}")

    def action_save(self) -> None:
        """Write the edits into the annotation file (checked first, as gloss check would)."""
        self.save_edits()

    def save_edits(self) -> bool:
        """Save; returns whether the file now holds every edit."""
        if self.session is None:
            return False
        if not self.session.dirty and self.session.exists:
            self.say("No unsaved edits")
            return True
        outcome = self.session.save()
        if not outcome.ok:
            self.say(f"Not saved: {outcome.reason}", warning=True)
            return False
        self.post_message(EditsSaved(self.session.path))
        self.say(f"Saved {one_line(self.session.path)}")
        self._update_legend()
        self._update_header()
        return True

    def status_line(self) -> Text:
        """What the legend shows in annotate mode: the selection and the main keys."""
        if self.reviewing:
            return self.review_status()
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(" ANNOTATE ", style="bold reverse")
        span = self.selection_span
        if span is not None:
            words = one_line(self.document.text[span.start : span.end])
            if len(words) > 30:
                words = words[:29] + "…"
            line.append(f" «{words}»")
            line.append(f" {span.end - span.start} ch", style="dim")
        if self._dirty:
            line.append("  ● unsaved", style="bold")
        line.append("  e entity · a mention · E event · / find · u undo · m done", style="dim")
        return line


ANNOTATE_ACTIONS = frozenset(
    {
        "leave_annotate",
        "select_word",
        "select_line",
        "move_end",
        "swap_ends",
        "find",
        "new_entity",
        "add_mention",
        "delete_mention",
        "delete_entity",
        "retype",
        "rename",
        "merge",
        "split",
        "add_fragment",
        "adjust",
        "every_occurrence",
        "new_event",
        "add_argument",
        "remove_argument",
        "set_date",
        "realis",
        "same_as",
        "attribute",
        "new_relation",
        "delete_relation",
    }
)
"""Actions that only annotate mode runs (their keys are the reader's own otherwise)."""

REVIEW_OVERRIDES = frozenset({"leave_annotate", "delete_mention", "undo"})
"""Annotate actions whose keys (escape, x, u) a review of suggestions takes over."""


def _rows(found: Choices, *, declare: bool = False) -> tuple[list[Choice], int | None]:
    """A core picker's lines as the dialog's rows; with ``declare``, a new type to declare
    comes back as ``+CODE``."""
    rows = [
        Choice(
            f"+{line.code}" if line.is_new and declare else line.code,
            line.label if line.is_new else line.code,
            "" if line.is_new or line.label == line.code else line.label,
        )
        for line in found.choices
    ]
    return rows, found.selected


def type_rows(
    document: Document, kind: Literal["entity", "event"], query: str, last_used: str | None
) -> tuple[list[Choice], int | None]:
    """The type picker's rows: the document's types first, the last used preselected."""
    from tui.core.editing.choices import type_choices, types_in_use

    types = document.entity_types if kind == "entity" else document.event_types
    found = type_choices(
        query, types, kind, in_use=types_in_use(document, kind), last_used=last_used
    )
    return _rows(found, declare=True)


def declared_then(
    kind: Literal["entity", "event"], picked: str, make: Callable[[str], ed.Edit]
) -> list[ed.Edit]:
    """The edits for a picked type: declaring it first when it is new (``+CODE``)."""
    from tui.core.editing import edits as ed

    if picked.startswith("+"):
        code = picked[1:]
        return [ed.DeclareType(type_kind=kind, code=code), make(code)]
    return [make(picked)]


def _not_blank(text: str) -> str | None:
    return "It cannot be empty" if not text.strip() else None


def _matches(query: str, text: str) -> bool:
    query = query.strip().lower()
    return not query or all(word in text.lower() for word in query.split())


def _filtered(rows: list[Choice], query: str) -> tuple[list[Choice], int | None]:
    shown = [row for row in rows if _matches(query, f"{row.label} {row.detail}")]
    return shown, 0 if shown else None


def _touched(before: Document, after: Document, edit: ed.Edit) -> list[Span] | None:
    """The text whose look an edit changed, so the article redraws only its lines (None:
    anything may have changed)."""
    from tui.core.editing import edits as ed

    if isinstance(edit, ed.AddMention | ed.DeleteMention):
        return [edit.span, *edit.parts] if isinstance(edit, ed.AddMention) else [edit.span]
    if isinstance(edit, ed.AdjustMention):
        return [edit.span, edit.new_span]
    if isinstance(edit, ed.AddFragment):
        return [edit.span, edit.fragment]
    if isinstance(edit, ed.NewEntity) and before.entity_types_in_use == after.entity_types_in_use:
        return [edit.span, *edit.parts]
    return None
