"""What loading an annotation file gives: the document, every problem, where things were.

Kept apart from the loader so that code which only passes a load's result around (the
app, the resolved-document cache) does not import the YAML reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.core.document.diagnostics import Diagnostic
from tui.core.document.model import Document
from tui.core.loading.sources import SourceMap


@dataclass(frozen=True, slots=True)
class NewAnnotation:
    """The annotation file a bare article text will have: it does not exist yet."""

    text_path: str
    """The article text, as given (``news/article.txt``)."""
    yaml_path: str
    """Where its annotation file is to be written (``news/article.yaml``), beside it;
    nothing is there now."""
    text_name: str
    """What that file's ``document.text`` is to say: the text's name relative to it
    (``article.txt``)."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What loading gives: a document when there were no errors, and every problem found."""

    path: str
    document: Document | None
    diagnostics: tuple[Diagnostic, ...]
    source: SourceMap = field(default_factory=SourceMap)
    """Where each annotation was written in the YAML file."""
    new_annotation: NewAnnotation | None = None
    """Set when :attr:`path` is a bare article text (no annotation file yet): where its
    annotation file will be written, on the first save (see :mod:`.bare`)."""

    @property
    def ok(self) -> bool:
        """Whether the file loaded (it may still have warnings)."""
        return self.document is not None
