"""The one way from the command line into the app: every Textual import of ``tui/cli``.

Each function imports its app when it is called, so that importing this module costs
nothing: ``gloss check``, ``gloss export`` and ``gloss --help`` never load Textual, and
``gloss FILE`` loads only the reader.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.compare.align import Comparison
    from tui.core.compare.folders import FolderComparison
    from tui.core.loading.result import LoadResult
    from tui.core.timeline.table import Loaded


def theme_names() -> Collection[str]:
    """The names ``--theme`` accepts: Textual's built-in themes."""
    from textual.theme import BUILTIN_THEMES

    return BUILTIN_THEMES.keys()


def run_reader(
    target: str,
    result: LoadResult | None,
    *,
    theme: str | None = None,
    allow_outside: bool = False,
    keep: Callable[[], str | None] | None = None,
) -> tuple[int, LoadResult | None]:
    """Run the reader on ``target`` (loaded as ``result``, or loaded in the background
    when ``result`` is None); its exit status, and the load that failed if one did.
    ``keep`` (writing the load into the document cache) runs once the text is shown."""
    from tui.app.reader_app import GlossApp

    if result is not None:
        # result.path is the annotation file read: for a text, that of the text when it
        # has one, else the text itself (result.new_annotation then says where its
        # annotation file will be written).
        app = GlossApp(
            result.document,
            diagnostics=result.diagnostics,
            source_path=result.path,
            theme_name=theme,
            allow_outside=allow_outside,
            new_annotation=result.new_annotation,
        )
        if result.path != target:
            app.startup_notices.append(f"Opened {result.path}, the annotation file of {target}")
    else:
        app = GlossApp(None, load_path=target, theme_name=theme, allow_outside=allow_outside)
    app.remember_as_recent = result.path if result is not None else target
    app.keep_load = keep
    # What exists now (the modules, the document) lives about as long as the app: move it
    # out of the collector's reach, or its first full pass, in the middle of the first
    # frame, walks all of it for nothing (about a tenth of the time to the article's text).
    # The price is bounded: if a reload replaces this document, its cycles stay in memory.
    gc.freeze()
    try:
        app.run()
    finally:
        gc.unfreeze()  # a caller that goes on (a test) gets the usual collector back
    return app.return_code or 0, app.failed_load


def run_library(paths: Sequence[str], *, database: str | None = None) -> int:
    """Open the library of a folder or of files (it says why when it cannot); its index
    in ``database`` when one is chosen (``--db``, ``GLOSS_DB``, ``config.toml``)."""
    from tui.app.library_app import run_library as run
    from tui.cli.search import database_mistake, database_of

    chosen = database_of(database)
    mistake = database_mistake(chosen)
    if mistake is not None:
        print(mistake, file=sys.stderr)
        return 2
    return run(paths, database=chosen)


def run_corpus_timeline(loaded: Sequence[Loaded], *, entity: str | None = None) -> int:
    """Run the timeline of loaded documents; its exit status."""
    from tui.app.timeline_app import CorpusTimelineApp

    app = CorpusTimelineApp(loaded, entity=entity)
    app.run()
    return app.return_code or 0


def run_diff_screen(result: Comparison | FolderComparison) -> int:
    """Run the diff screen on a comparison; 0 when the annotations agree, 1 when not."""
    from tui.app.screens.diff import open_diff_screen

    return open_diff_screen(result)


def default_config_text(path: str) -> str:
    """The default keys (every binding the app has) as a ``config.toml`` to edit."""
    from tui.app.bindings import default_config_text as config_text

    return config_text(path)
