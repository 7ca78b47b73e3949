"""What the paths of a command line name: a corpus, or the files to check.

No Textual here: the library opens what :func:`source_of` names, and the command line
checks what :func:`expand_check_paths` lists.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from tui.core.corpus.discovery import (
    CorpusSource,
    discover_files,
    discover_folder,
    folder_to_discover,
)
from tui.core.corpus.records import declares_gloss
from tui.core.files.saferead import read_head


def source_of(paths: Sequence[str], *, walk: bool = True) -> CorpusSource | str:
    """The corpus named on the command line (a folder, or files), or why there is none.

    With ``walk=False`` a folder is walked later, by the index's first refresh.
    """
    if not paths:
        return "name a folder or annotation files"
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        return f"{missing[0]}: no such file or folder"
    if len(paths) == 1 and os.path.isdir(paths[0]):
        return discover_folder(paths[0]) if walk else folder_to_discover(paths[0])
    folders = [p for p in paths if os.path.isdir(p)]
    if folders:
        return f"{folders[0]}: give one folder, or files only"
    return discover_files(list(paths))


def unreadable_folders(paths: Sequence[str], files: Sequence[str]) -> list[tuple[str, int]]:
    """The folders among ``paths`` that hold no annotation file gloss can check (none of
    ``files`` lies under them), each with how many texts not annotated yet it holds."""
    found = []
    for path in paths:
        if not os.path.isdir(path):
            continue
        inside = os.path.join(path, "")
        if any(file.startswith(inside) for file in files):
            continue
        source = discover_folder(path)
        found.append((path, len([s for s in source.stray_files if s.endswith(".txt")])))
    return found


def expand_check_paths(paths: Sequence[str]) -> tuple[list[str], int]:
    """Files to check: folders become every gloss YAML file under them (recursively).

    Returns the files and how many files under the folders were skipped (not gloss files).
    """
    files: list[str] = []
    skipped = 0
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        source = discover_folder(path)
        skipped += len([s for s in source.stray_files if not s.endswith(".txt")])
        for relative in source.files:
            full = os.path.join(path, relative)
            # Through the one reader: a FIFO put in place of a listed file never blocks,
            # and a link is not followed.
            head = read_head(full, 1024 * 1024, follow_links=False)
            if head is None:
                files.append(full)  # the loader reports why it cannot be read
                continue
            if declares_gloss(head):
                files.append(full)
            else:
                skipped += 1
    return files, skipped
