"""The reader's header line and its legend of entity types, as Rich text."""

from __future__ import annotations

import os

from rich.style import Style
from rich.text import Text

from tui.app.render.highlight import Palette
from tui.app.render.type_markers import legend_tag
from tui.core.document.diagnostics import Diagnostic
from tui.core.document.model import Document
from tui.core.text.textsafety import one_line


def reader_title(document: Document, *, not_annotated: bool = False) -> str:
    """What names the article in the reader: its title, else its id; a text without an
    annotation file by its file name, said to be not annotated."""
    info = document.info
    if not_annotated:
        return one_line(f"{os.path.basename(info.text_path)} (not annotated)")
    return one_line(info.title or info.id)


def header_text(
    document: Document, diagnostics: tuple[Diagnostic, ...], *, not_annotated: bool = False
) -> Text:
    """Title, date and id of the article, and how many warnings its file has; for a
    text without an annotation file, its name and that it is not annotated."""
    info = document.info
    text = Text(style="bold")
    if not_annotated:
        text.append(one_line(os.path.basename(info.text_path)))
        text.append("  ·  not annotated", style="not bold italic")
    else:
        text.append(one_line(info.title or info.id))
    if info.date is not None:
        text.append(f"  ·  {info.date.text}", style="not bold")
    if info.title:
        text.append(f"  ·  {one_line(info.id)}", style="dim not bold")
    problems = len(diagnostics)
    if problems:
        text.append(
            f"  ·  {problems} warning{'s' if problems != 1 else ''} (p lists them)",
            style="not bold reverse",
        )
    return text


def legend_text(
    document: Document,
    palette: Palette,
    *,
    plain: bool,
    shown_types: frozenset[str] | None,
    tagged: bool,
) -> Text:
    """Each entity type in its colour (struck through when filtered out); with ``tagged``
    (no colour), each followed by the tag the article shows; in plain reading, a note."""
    legend = Text(no_wrap=True, overflow="ellipsis")
    if plain:
        legend.append("plain reading (c brings the colours back)", style="italic")
    for code in palette.types if not plain else ():
        style = palette.type_style(code)
        if shown_types is not None and code not in shown_types:
            style = Style(dim=True, strike=True)
        legend.append("■", style=style)
        legend.append(" ")
        legend.append(code, style=style)
        legend.append(" ")
        if tagged:
            legend_tag(legend, document, code)
    return legend
