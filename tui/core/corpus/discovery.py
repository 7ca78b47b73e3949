"""Which files make a corpus: every YAML file under a folder, or the files given.

Discovery only lists and stats; it reads nothing. The ``.txt`` files found are listed
too (:attr:`CorpusSource.texts`): those that no annotation file names as its text are
the corpus's *bare* texts, read and listed as not annotated. Whether a YAML file is a gloss file
(it declares ``gloss: 1``) is found out when it is indexed, once, and remembered. Links
are never followed: a symbolic link in a folder gloss is shown may point anywhere.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

YAML_SUFFIXES = (".yaml", ".yml")
BARE_TEXT_SUFFIXES = (".txt",)
"""Files under a folder that are article texts, annotated or not (a folder's other
files, ``README.md`` say, are not articles)."""
GIVEN_TEXT_SUFFIXES = (".txt", ".text", ".md")
"""Files named one by one that are article texts (as ``gloss FILE`` takes them)."""


@dataclass(frozen=True, slots=True)
class CorpusSource:
    """The files of one corpus and where they are shown from."""

    root: str
    """Absolute folder all paths are relative to (the folder given, or the files' parent)."""
    display_root: str
    """The root as the user wrote it (``content/``), for paths shown like ``grep`` shows them."""
    files: tuple[str, ...]
    """Annotation file candidates, relative to ``root``, sorted."""
    stray_files: tuple[str, ...]
    """Files that are not annotation candidates (not YAML, links, not regular files),
    relative to ``root``; those that are some article's text are not counted as skipped."""
    explicit: bool = False
    """Files were named one by one rather than found in a folder."""
    texts: tuple[str, ...] = ()
    """Article texts (regular ``.txt`` files, relative to ``root``, sorted; also in
    :attr:`stray_files` when found in a folder): listed as bare texts when no annotation
    file names them."""
    discovered: bool = True
    """False until the folder has been walked (see :func:`folder_to_discover`)."""

    @property
    def key(self) -> str:
        """What names this corpus's index: the resolved root (and the file list, if given)."""
        material = os.path.realpath(self.root)
        if self.explicit:
            material += "\0" + "\0".join(self.files)
            if self.texts:
                material += "\0\0" + "\0".join(self.texts)
        return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:24]

    def absolute(self, relative: str) -> str:
        """The absolute path of a corpus file."""
        return os.path.normpath(os.path.join(self.root, relative))

    def shown(self, relative: str) -> str:
        """A corpus path as the user would write it from where they ran gloss."""
        if not relative:
            return relative
        if self.display_root in ("", "."):
            return os.path.normpath(relative)
        return os.path.normpath(os.path.join(self.display_root, relative))


def discover_folder(folder: str) -> CorpusSource:
    """Every YAML file under ``folder`` (recursively, hidden folders skipped).

    Directory entries carry their type, so telling files, folders and links apart costs
    no extra system call per file.
    """
    root = os.path.abspath(folder)
    files: list[str] = []
    stray: list[str] = []
    texts: list[str] = []
    pending = [root]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                found = sorted(entries, key=lambda entry: entry.name)
        except OSError:
            continue
        subfolders = []
        for entry in found:
            relative = os.path.relpath(entry.path, root)
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        subfolders.append(entry.path)
                    continue
                regular = entry.is_file(follow_symlinks=False)
            except OSError:
                regular = False
            if regular and entry.name.lower().endswith(YAML_SUFFIXES):
                files.append(relative)
                continue
            stray.append(relative)
            if regular and entry.name.lower().endswith(BARE_TEXT_SUFFIXES):
                texts.append(relative)
        pending.extend(reversed(subfolders))
    files.sort()
    texts.sort()
    return CorpusSource(root, folder, tuple(files), tuple(stray), texts=tuple(texts))


def folder_to_discover(folder: str) -> CorpusSource:
    """A folder corpus not walked yet: its index can open (and show its rows) at once,
    and the walk happens with the first refresh, off the interface's thread."""
    return CorpusSource(os.path.abspath(folder), folder, (), (), discovered=False)


def discover_files(paths: list[str]) -> CorpusSource:
    """The files given, in the order given (duplicates dropped), under their common folder;
    article texts among them (``.txt``, ``.text``, ``.md``) are :attr:`CorpusSource.texts`."""
    absolute = list(dict.fromkeys(os.path.abspath(p) for p in paths))
    parents = [os.path.dirname(p) for p in absolute]
    root = os.path.commonpath(parents) if parents else os.getcwd()
    display = os.path.relpath(root)
    if display.startswith(".."):
        display = root
    relative = [os.path.relpath(p, root) for p in absolute]
    texts = tuple(p for p in relative if p.lower().endswith(GIVEN_TEXT_SUFFIXES))
    files = tuple(p for p in relative if not p.lower().endswith(GIVEN_TEXT_SUFFIXES))
    return CorpusSource(root, display, files, (), explicit=True, texts=texts)
