"""What the library's table says, without a screen: the date and folder of a row, the
folders of a corpus with their counts, and the ``folder:NAME`` part of a filter.

A row's folder is its file's folder relative to the corpus folder (``12`` for
``12/12_1ecb.yaml``, ``""`` for a file at the top). ``folder:12`` in the filter keeps the
articles of that folder alone (not ``12/a``: ``12/`` keeps a folder with everything under
it); ``folder:.`` keeps the top folder's; a name with spaces is quoted
(``folder:"my notes"``). Folders match ignoring case, as the rest of the filter does.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from tui.core.text.fitting import cell_width

GUESSED_MARK = "~"
"""After a date that is a guess, as the timeline writes it (``2008-12-09~``)."""

TOP_FOLDER = "."
"""How ``folder:`` names the corpus's own folder."""

FOLDER_PREFIX = "folder:"

_FOLDER_TERM = re.compile(r'(?<!\S)folder:(?:"(?P<quoted>[^"]*)"?|(?P<bare>\S*))', re.IGNORECASE)


def folder_of(relative: str) -> str:
    """The folder of a file named relative to the corpus folder (``""`` at its top)."""
    return os.path.dirname(relative)


def date_shown(date_text: str | None, guessed: bool) -> str | None:
    """A row's date as the library writes it: ``2008-12-09``, ``2008-12-09~`` when it is a
    guess, None when there is none."""
    if date_text is None:
        return None
    return date_text + GUESSED_MARK if guessed else date_text


def folder_shown(folder: str) -> str:
    """A folder as the picker lists it: its name, or ``.`` for the corpus's own folder."""
    return folder or TOP_FOLDER


def folder_counts(folders: Iterable[str]) -> list[tuple[str, int]]:
    """Each folder (``""``: the top) with how many articles it holds, in natural order
    (``1``, ``2``, ``11``; the top first)."""
    counts = Counter(folders)
    return sorted(counts.items(), key=lambda item: natural_key(item[0]))


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """A key that orders names as people count: ``2`` before ``11``, ``a2`` before ``a10``."""
    return tuple(
        (0, int(piece)) if piece.isdigit() else (1, piece.casefold())
        for piece in re.split(r"(\d+)", name)
        if piece
    )


def folder_term(folder: str) -> str:
    """The filter term that keeps one folder's articles (``folder:12``, ``folder:.``)."""
    shown = folder_shown(folder)
    if any(c.isspace() for c in shown) or '"' in shown:
        return f'{FOLDER_PREFIX}"{shown.replace(chr(34), "")}"'
    return FOLDER_PREFIX + shown


@dataclass(frozen=True, slots=True)
class LibraryFilter:
    """A filter as typed: the folder it keeps (if it names one) and the other words."""

    folder: str | None
    """The folder kept (``""``: the top), compared folded; None: every folder."""
    rest: str
    """The rest of the filter, looked for in the title, file, id and date."""


def parse_filter(text: str) -> LibraryFilter:
    """Split ``folder:NAME`` out of a filter (the last one counts); the rest is kept as
    typed, with its spaces squeezed at the join."""
    folder: str | None = None
    for match in _FOLDER_TERM.finditer(text):
        name = match["quoted"] if match["quoted"] is not None else match["bare"]
        name = name.strip().strip("/")
        folder = "" if name in ("", TOP_FOLDER) else os.path.normpath(name)
    rest = " ".join(_FOLDER_TERM.sub(" ", text).split())
    return LibraryFilter(None if folder is None else folder.casefold(), rest)


def in_folder(relative: str, folder: str | None) -> bool:
    """Whether a file (relative to the corpus folder) is in ``folder`` (folded) itself."""
    return folder is None or folder_of(relative).casefold() == folder


def widest(texts: Iterable[str], heading: str, most: int) -> int:
    """The cells a column of ``texts`` needs: its widest text's or its heading's, at most
    ``most``."""
    return min(most, max([cell_width(heading), *(cell_width(text) for text in texts)]))
