"""Every other occurrence of a mention's words, offered one by one as mentions of its entity.

Each row shows the occurrence in its line; ``y`` takes it and ``n`` skips it (both go on
to the next), ``a`` takes every one, ``enter`` adds those taken, ``escape`` adds none.
The reader behind shows the occurrence under the cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app import bindings
from tui.core.document.model import Document, Span
from tui.core.text.textsafety import one_line

CONTEXT = 30
"""Characters of the text shown on either side of an occurrence."""


class OccurrencesScreen(ModalScreen[Sequence[Span] | None]):
    """Take or skip each occurrence; dismisses with the taken ones (None: cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.OCCURRENCES

    def __init__(
        self,
        document: Document,
        entity_id: str,
        spans: Sequence[Span],
        *,
        show: Callable[[Span], None] | None = None,
    ) -> None:
        super().__init__()
        self.document = document
        self.entity = document.entity_by_id[entity_id]
        self.spans = list(spans)
        self.taken: list[bool | None] = [None] * len(self.spans)
        """Per occurrence: taken, skipped, or not decided yet (None)."""
        self.show = show

    def compose(self) -> ComposeResult:
        with Vertical(id="occurrences-dialog", classes="annotate-dialog"):
            yield OptionList(*self._rows(), id="occurrences-list", markup=False)
            yield Static(
                Text(
                    "y take · n skip · a take all · enter adds the taken · escape adds none",
                    style="dim",
                ),
                id="occurrences-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self._retitle()
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def _retitle(self) -> None:
        taken = sum(1 for mark in self.taken if mark)
        self.query_one("#occurrences-dialog").border_title = Text(
            f"Mentions of {one_line(self.entity.name)[:30]}? {taken} of {len(self.spans)} taken"
        )

    def _row(self, index: int) -> Option:
        span = self.spans[index]
        text = self.document.text
        before = one_line(text[max(0, span.start - CONTEXT) : span.start])
        after = one_line(text[span.end : span.end + CONTEXT])
        mark = {True: "[y]", False: "[n]", None: "[ ]"}[self.taken[index]]
        row = Text(f"{mark} ")
        row.append(f"…{before}", style="dim")
        row.append(one_line(text[span.start : span.end]), style="bold reverse")
        row.append(f"{after}…", style="dim")
        return Option(row)

    def _rows(self) -> list[Option]:
        return [self._row(index) for index in range(len(self.spans))]

    def _mark(self, taken: bool) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None:
            return
        self.taken[index] = taken
        options.replace_option_prompt_at_index(index, self._row(index).prompt)
        self._retitle()
        if index + 1 < len(self.spans):
            options.highlighted = index + 1

    def action_take(self) -> None:
        self._mark(True)

    def action_skip(self) -> None:
        self._mark(False)

    def action_take_all(self) -> None:
        self.dismiss(list(self.spans))

    def action_finish(self) -> None:
        self.dismiss([span for span, mark in zip(self.spans, self.taken, strict=True) if mark])

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    @on(OptionList.OptionHighlighted, "#occurrences-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.show is not None and event.option_index is not None:
            self.show(self.spans[event.option_index])

    @on(OptionList.OptionSelected, "#occurrences-list")
    def _selected(self) -> None:
        self.action_finish()
