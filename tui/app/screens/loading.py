"""Shown while a long annotation file loads in a thread: the article text is readable at once."""

from __future__ import annotations

import time
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from tui.app import bindings
from tui.app.widgets.article_view import ArticleView
from tui.core.document.model import Document, DocumentInfo
from tui.core.loading.loader import LoadResult, load
from tui.core.loading.preview import peek_text_path
from tui.core.loading.yamlsafe import MAX_TEXT_BYTES, read_text_file
from tui.core.text.textsafety import one_line


def text_only_document(yaml_path: str, *, allow_outside: bool = False) -> Document | None:
    """The article text alone (no annotations), found without parsing the YAML.

    The text is found and read under the loader's rules: inside the annotation file's
    folder, a regular file (never a FIFO or a terminal, so this never blocks), capped.
    """
    from tui.core.document.diagnostics import DiagnosticSink, Position

    text_path = peek_text_path(yaml_path, allow_outside=allow_outside)
    if text_path is None:
        return None
    decoded = read_text_file(
        text_path, DiagnosticSink(yaml_path), Position(1, 1), "article text", MAX_TEXT_BYTES
    )
    if decoded is None:
        return None
    info = DocumentInfo(id=yaml_path, title=None, date=None, language=None, text_path=text_path)
    return Document(info=info, text=decoded.text, entities=(), events=(), relations=())


class LoadingScreen(Screen[LoadResult]):
    """The text (when it can be found) with a progress bar; dismissed with the load result."""

    BINDINGS: ClassVar[list[BindingType]] = bindings.LOADING

    def __init__(self, yaml_path: str, *, allow_outside: bool = False) -> None:
        super().__init__()
        self.yaml_path = yaml_path
        self.allow_outside = allow_outside
        self.preview = text_only_document(yaml_path, allow_outside=allow_outside)
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        message = Text(f"Loading the annotations of {one_line(self.yaml_path)} …")
        yield Static(message, id="header", markup=False)
        with Vertical(id="loading-body"):
            yield ProgressBar(total=None, show_eta=False, id="loading-progress")
            if self.preview is not None:
                with Vertical(id="article-pane"):
                    yield ArticleView(self.preview, id="article")
        yield Footer()

    def on_mount(self) -> None:
        if self.preview is not None:
            self.query_one("#article-pane").border_title = "Article (annotations loading)"
            self.query_one(ArticleView).focus()
        self.load_in_background()

    @property
    def top_offset(self) -> int:
        """Where the reader has scrolled the preview to, so the reader can open there."""
        if self.preview is None:
            return 0
        return self.query_one(ArticleView).top_offset()

    @work(thread=True, exit_on_error=False)
    def load_in_background(self) -> None:
        result = load(self.yaml_path, allow_outside=self.allow_outside)
        self.app.call_from_thread(self.dismiss, result)
