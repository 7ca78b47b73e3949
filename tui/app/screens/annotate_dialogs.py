"""The small dialogs of annotate mode: a fuzzy picker, a one-line prompt and a question.

Each is a modal screen that dismisses with the reader's answer (None when they
cancelled), so the reader's annotate actions read as ``push_screen(dialog, then)``.
Every text shown here (names, types, the article's words) is data: shown as plain
text, one line each, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.text.textsafety import one_line


@dataclass(frozen=True, slots=True)
class Choice:
    """One row of a picker: what it dismisses with, and what the reader sees."""

    value: str
    label: str
    detail: str = ""


ChoicesFor = Callable[[str], tuple[Sequence[Choice], int | None]]
"""From what the reader typed, the rows to show and the one to start on."""


class PickerScreen(ModalScreen[str | None]):
    """Type to narrow the list, ``up``/``down`` to move, ``enter`` to pick, ``escape``
    to cancel. The first row (or the one ``choices_for`` preselects) is highlighted, so
    ``enter`` at once takes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, title: str, choices_for: ChoicesFor, *, hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices_for = choices_for
        self.hint = hint or "type to narrow · enter picks · escape cancels"
        self._values: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog", classes="annotate-dialog"):
            query = Input(placeholder="type to narrow", id="picker-query")
            # A steady cursor: the dialog is drawn the same whenever it is looked at.
            query.cursor_blink = False
            yield query
            yield OptionList(id="picker-options", markup=False)
            yield Static(Text(self.hint, style="dim"), id="picker-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#picker-dialog").border_title = Text(one_line(self.title_text))
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        choices, preselected = self.choices_for(query)
        options = self.query_one(OptionList)
        options.clear_options()
        self._values = [choice.value for choice in choices]
        rows: list[Option] = []
        for choice in choices:
            label = Text(one_line(choice.label))
            if choice.detail:
                label.append(f"  {one_line(choice.detail)}", style="dim")
            rows.append(Option(label))
        options.add_options(rows)
        if rows:
            options.highlighted = preselected if preselected is not None else 0

    @property
    def shown_values(self) -> list[str]:
        """What each row would dismiss with, in the order shown."""
        return list(self._values)

    @on(Input.Changed, "#picker-query")
    def _narrow(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-query")
    def _submitted(self) -> None:
        self._pick(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option_index)

    def _pick(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self._values):
            self.app.bell()
            return
        self.dismiss(self._values[index])

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)


class PromptScreen(ModalScreen[str | None]):
    """One line of text: ``enter`` takes it when ``check`` finds nothing wrong (what is
    wrong is said under the line), ``escape`` cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        value: str = "",
        *,
        hint: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint or "enter takes it · escape cancels"
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog", classes="annotate-dialog"):
            line = Input(self.value, id="prompt-input")
            line.cursor_blink = False
            yield line
            yield Static(Text(self.hint, style="dim"), id="prompt-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#prompt-dialog").border_title = Text(one_line(self.title_text))
        self.query_one(Input).focus()

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        problem = self.check(event.value) if self.check is not None else None
        if problem is not None:
            self.query_one("#prompt-hint", Static).update(Text(one_line(problem), style="bold"))
            self.app.bell()
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class Answer:
    """A key the question accepts and what it does (``s`` · Save)."""

    key: str
    label: str


class QuestionScreen(ModalScreen[str]):
    """A question answered by one key; ``escape`` answers ``escape`` (cancel)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "answer('escape')", "Cancel")]

    def __init__(self, title: str, question: str, answers: Sequence[Answer]) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.answers = tuple(answers)

    def compose(self) -> ComposeResult:
        keys = Text()
        for number, answer in enumerate(self.answers):
            if number:
                keys.append("   ")
            keys.append(answer.key, style="bold reverse")
            keys.append(f" {answer.label}")
        keys.append("   ")
        keys.append("escape", style="bold reverse")
        keys.append(" cancel")
        with Vertical(id="question-dialog", classes="annotate-dialog"):
            yield Static(Text(self.question), id="question-text", markup=False)
            yield Static(keys, id="question-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#question-dialog").border_title = Text(one_line(self.title_text))

    def on_key(self, event: events.Key) -> None:
        for answer in self.answers:
            if event.character == answer.key or event.key == answer.key:
                event.stop()
                self.dismiss(answer.key)
                return

    def action_answer(self, key: str) -> None:
        self.dismiss(key)
