"""The diff screen: A's article with every annotation marked by how A and B agree.

``]`` / ``[`` step through the disagreements; the side panel lists them with the
counts of each kind, and choosing one brings it into view. For two folders, a table
of the paired documents comes first and opens any pair.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.app import bindings
from tui.app.widgets.diff_view import DiffArticleView, kind_style
from tui.core.compare.align import Comparison, Finding, Kind
from tui.core.compare.folder_report import FOLDER_HEADER, document_rows
from tui.core.compare.folders import FolderComparison
from tui.core.compare.marks import MARKERS
from tui.core.text.textsafety import one_line

NARROW_FOR_PANEL = 100
"""Below this width the side panel is narrower, so the text keeps its room."""


def _headline(comparison: Comparison) -> str:
    figures = comparison.scores.headline()
    return "  ".join(
        f"{'CoNLL' if name == 'conll' else name} {value:.2f}" for name, value in figures.items()
    )


class DiffScreen(Screen[None]):
    """The article in the middle, the list of disagreements beside it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.DIFF

    current: var[int | None] = var(None)
    """Index into the disagreements of the one in view."""

    def __init__(self, comparison: Comparison, *, can_go_back: bool = False) -> None:
        super().__init__()
        self.comparison = comparison
        self.disagreements: tuple[Finding, ...] = comparison.disagreements
        self.can_go_back = can_go_back

    def compose(self) -> ComposeResult:
        a, b = self.comparison.a, self.comparison.b
        title = f"A {a.path}  ·  B {b.path}"
        yield Static(
            Text(one_line(title), no_wrap=True, overflow="ellipsis"), id="diff-header", markup=False
        )
        with Horizontal(id="diff-body"):
            with Vertical(id="diff-article-pane"):
                yield DiffArticleView(self.comparison, id="diff-article")
                yield Static(self._legend(), id="diff-legend", markup=False)
            with Vertical(id="diff-panel"):
                yield Static(self._counts(), id="diff-counts", markup=False)
                yield OptionList(*self._options(), id="diff-list", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        article = self.query_one("#diff-article", DiffArticleView)
        article.border_title = Text(one_line(self.comparison.a.document.info.id))
        panel = self.query_one("#diff-panel")
        count = len(self.disagreements)
        panel.border_title = Text(f"{count} difference{'s' if count != 1 else ''}")
        article.focus()

    # -- content -----------------------------------------------------------------------
    def _legend(self) -> Text:
        legend = Text(no_wrap=True, overflow="ellipsis")
        for kind in (Kind.BOTH, Kind.ONLY_A, Kind.ONLY_B, Kind.TYPE, Kind.BOUNDARY, Kind.DATE):
            label = "date/realis" if kind is Kind.DATE else kind.value
            legend.append(f"{MARKERS[kind]} ")
            legend.append(label, style=kind_style(kind))
            legend.append("  ")
        return legend

    def _counts(self) -> Text:
        counts = self.comparison.counts()
        lines = Text()
        for kind in Kind:
            value = counts[kind.value]
            if kind is Kind.NOT_PLACED and not value:
                continue
            lines.append(f"{MARKERS[kind]} {kind.value:<17}{value:>6}\n")
        lines.append(one_line(_headline(self.comparison)))
        note = self.comparison.text_map
        if not note.identical:
            lines.append(f"\ntexts differ: {note.similarity:.1%} aligned")
        return lines

    def _options(self) -> list[Option]:
        return [
            Option(
                Text(one_line(f"{MARKERS[finding.kind]} {finding.kind.value}: {finding.message}"))
            )
            for finding in self.disagreements
        ]

    # -- moving between disagreements ------------------------------------------------
    @property
    def article(self) -> DiffArticleView:
        """The article pane."""
        return self.query_one("#diff-article", DiffArticleView)

    def action_next_difference(self) -> None:
        """Bring the next disagreement after the one in view into view (wraps)."""
        self._step(1)

    def action_previous_difference(self) -> None:
        """Bring the previous disagreement into view (wraps)."""
        self._step(-1)

    def _step(self, direction: int) -> None:
        count = len(self.disagreements)
        if not count:
            self.notify("The two files agree: nothing to step through", markup=False)
            return
        if self.current is None:
            self.current = 0 if direction > 0 else count - 1
        else:
            self.current = (self.current + direction) % count

    def watch_current(self, index: int | None) -> None:
        if index is None:
            return
        finding = self.disagreements[index]
        options = self.query_one("#diff-list", OptionList)
        if options.highlighted != index:
            options.highlighted = index
        article = self.article
        if finding.span is not None:
            article.scroll_to_span(finding.span, flash=False)
        article.set_highlight(replace(article.highlight, current_mention=finding.span))
        self.query_one("#diff-panel").border_subtitle = Text(
            f"{index + 1} of {len(self.disagreements)}"
        )

    @on(OptionList.OptionHighlighted, "#diff-list")
    def _list_moved(self, event: OptionList.OptionHighlighted) -> None:
        # Only the reader's own moves in the list count: the list highlights its first
        # row by itself when it is built, which must not scroll the article.
        if event.option_list.has_focus and event.option_index != self.current:
            self.current = event.option_index

    @on(OptionList.OptionSelected, "#diff-list")
    def _list_chosen(self, event: OptionList.OptionSelected) -> None:
        self.current = event.option_index
        self.article.focus()

    def action_switch_pane(self) -> None:
        """Move focus between the article and the list."""
        options = self.query_one("#diff-list", OptionList)
        if options.has_focus:
            self.article.focus()
        else:
            options.focus()

    def action_top(self) -> None:
        """The start of the article."""
        self.article.scroll_home(animate=False)

    def action_bottom(self) -> None:
        """The end of the article."""
        self.article.scroll_end(animate=False)

    def action_back(self) -> None:
        """Back to the table of documents (for folders)."""
        if self.can_go_back:
            self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.can_go_back
        return True


class FolderScreen(Screen[None]):
    """One row per paired document with its figures; ``enter`` opens the pair."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.FOLDER_DIFF

    def __init__(self, result: FolderComparison) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        pairs = len(self.result.comparisons)
        title = f"{pairs} document pair{'s' if pairs != 1 else ''}"
        unpaired = len(self.result.only_a) + len(self.result.only_b)
        if unpaired:
            title += f", {unpaired} without a pair"
        title += " · enter opens one, escape comes back"
        yield Static(Text(title, no_wrap=True, overflow="ellipsis"), id="diff-header", markup=False)
        yield DataTable(id="diff-documents", cursor_type="row", zebra_stripes=True)
        yield Static(self._unpaired(), id="diff-unpaired", markup=False)
        yield Footer()

    def _unpaired(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for label, sides in (("only in A", self.result.only_a), ("only in B", self.result.only_b)):
            for side in sides:
                text.append(one_line(f"{label}: {side.path}\n"))
        for a_side, _b_side, reason in self.result.different:
            text.append(one_line(f"{a_side.path}: {reason}\n"))
        return text

    def on_mount(self) -> None:
        table = self.query_one("#diff-documents", DataTable)
        table.add_columns(*FOLDER_HEADER, "diffs")
        for row in document_rows(self.result):
            table.add_row(*(Text(one_line(cell)) for cell in row))
        totals = self.result.totals
        if totals is not None:
            table.add_row(
                *(
                    Text(cell, style="bold")
                    for cell in [
                        "all documents",
                        f"{totals.mentions.f1:.3f}",
                        f"{totals.mentions_overlap.f1:.3f}",
                        f"{totals.coreference.conll:.3f}",
                        f"{totals.triggers.f1:.3f}",
                        f"{totals.arguments.f1:.3f}",
                        f"{totals.relations.f1:.3f}",
                        str(sum(len(c.disagreements) for c in self.result.comparisons)),
                    ]
                )
            )
        table.focus()

    def action_open_pair(self) -> None:
        """Open the comparison of the document under the cursor."""
        table = self.query_one("#diff-documents", DataTable)
        row = table.cursor_row
        if 0 <= row < len(self.result.comparisons):
            self.app.push_screen(DiffScreen(self.result.comparisons[row], can_go_back=True))

    @on(DataTable.RowSelected, "#diff-documents")
    def _row_chosen(self, _event: DataTable.RowSelected) -> None:
        self.action_open_pair()


class DiffApp(App[None]):
    """``gloss diff`` in a terminal: one comparison, or the table of a folder's pairs."""

    CSS_PATH: ClassVar[list[str | PurePath]] = ["../app.tcss", "../diff.tcss"]
    TITLE = "gloss diff"
    BINDINGS: ClassVar[list[BindingType]] = bindings.DIFF_APP

    def __init__(
        self,
        comparison: Comparison | None = None,
        folders: FolderComparison | None = None,
    ) -> None:
        super().__init__()
        if (comparison is None) == (folders is None):
            raise ValueError("DiffApp shows one comparison or one folder comparison")
        self.comparison = comparison
        self.folders = folders

    @property
    def agree(self) -> bool:
        """Whether what is shown agrees (the exit status follows it)."""
        if self.comparison is not None:
            return self.comparison.agree
        assert self.folders is not None
        return self.folders.agree

    def on_mount(self) -> None:
        if self.comparison is not None:
            self.push_screen(DiffScreen(self.comparison))
        else:
            assert self.folders is not None
            self.push_screen(FolderScreen(self.folders))

    async def action_quit(self) -> None:
        self.exit(return_code=0 if self.agree else 1)


def open_diff_screen(result: object) -> int:
    """Run the diff app on a comparison or a folder comparison; the exit status is 0
    when they agree, 1 when they differ."""
    if isinstance(result, Comparison):
        app = DiffApp(comparison=result)
    elif isinstance(result, FolderComparison):
        app = DiffApp(folders=result)
    else:
        raise TypeError(f"nothing to show for {type(result).__name__}")
    app.run()
    return app.return_code or 0


def make_diff_app(a_path: str, b_path: str) -> DiffApp:
    """Load and compare two files, or two folders, and build the app on the result
    (used by tests and screenshots).

    Raises:
        ValueError: when a file has errors or the texts are different articles.
    """
    from pathlib import Path

    from tui.core.compare.align import compare
    from tui.core.compare.folders import compare_folders, load_side

    if Path(a_path).is_dir():
        return DiffApp(folders=compare_folders(a_path, b_path))
    sides = [load_side(a_path), load_side(b_path)]
    problems = [d.format() for side in sides if isinstance(side, list) for d in side]
    if problems:
        raise ValueError("\n".join(problems))
    first, second = sides
    assert not isinstance(first, list) and not isinstance(second, list)
    return DiffApp(comparison=compare(first, second))
