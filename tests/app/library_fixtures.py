"""A small corpus for the library's tests: generated articles, the bundled one, a broken one."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.corpus import generate_corpus
from tui.cli import bundled_article

BROKEN_YAML = "gloss: 1\ndocument:\n  id: broken\n  title: A broken file\n  text: gone.txt\n"


def make_corpus(folder: Path, count: int = 12) -> Path:
    """Write the corpus under ``folder`` and return it."""
    generate_corpus(folder, count, seed=7)
    bundled = bundled_article()
    extra = folder / "real"
    extra.mkdir()
    shutil.copy(bundled, extra / bundled.name)
    shutil.copy(bundled.with_suffix(".txt"), extra / bundled.with_suffix(".txt").name)
    (folder / "broken.yaml").write_text(BROKEN_YAML)
    (folder / "README.md").write_text("not an article\n")
    return folder
