"""The library's screenshots: a generated corpus with the bundled article among them."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

# Run as a script from scripts/: the corpus generator lives in benchmarks/ at the root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate_corpus
from tui.app.library_app import make_library_app
from tui.cli.main import bundled_article

SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("library", (160, 40), []),
    ("search", (160, 40), ["slash", *"type:GPE", "enter"]),
]


def _corpus(folder: Path) -> Path:
    generate_corpus(folder, 40, seed=3)
    bundled = bundled_article()
    real = folder / "news"
    real.mkdir()
    shutil.copy(bundled, real / bundled.name)
    shutil.copy(bundled.with_suffix(".txt"), real / bundled.with_suffix(".txt").name)
    return folder


async def shoot_scenes(
    out: Path, shots: list[tuple[str, tuple[int, int], list[str]]], *, settle_each_key: bool
) -> list[Path]:
    """Each shot of the library on the generated corpus (fresh cache and state): press
    its keys, let the work they start finish (after each key, or once after all of
    them), drop toasts, write ``NAME.svg`` into ``out``."""
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CACHE_HOME"] = str(Path(scratch) / "cache")
        os.environ["XDG_STATE_HOME"] = str(Path(scratch) / "state")
        corpus = _corpus(Path(scratch) / "articles")
        for name, size, keys in shots:
            app = make_library_app([str(corpus)], name="articles/")
            async with app.run_test(size=size) as pilot:
                while app.library.indexing:
                    await pilot.pause(0.05)
                for key in keys:
                    await pilot.press(key)
                    if settle_each_key:
                        await app.workers.wait_for_complete()
                        await pilot.pause(0.2)
                if not settle_each_key:
                    await pilot.pause(0.3)
                    await app.workers.wait_for_complete()
                    await pilot.pause(0.3)
                app.clear_notifications()
                await pilot.pause()
                app.save_screenshot(filename=f"{name}.svg", path=str(out))
            app.index.close()
            written.append(out / f"{name}.svg")
    return written


async def shoot_library(out: Path) -> list[Path]:
    """Write ``library.svg``, ``search.svg`` and ``ecbplus-library.svg`` into ``out``."""
    written = await shoot_scenes(out, SHOTS, settle_each_key=False)
    written.append(await _shoot_ecbplus(out))
    return written


async def _shoot_ecbplus(out: Path) -> Path:
    """The ECB+ demo corpus (topic 1, imported by gloss import cat) in the library."""
    topic = Path(__file__).resolve().parent.parent / "examples" / "ecbplus-topic1"
    app = make_library_app([str(topic)], name="examples/ecbplus-topic1/")
    async with app.run_test(size=(160, 40)) as pilot:
        while app.library.indexing:
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.clear_notifications()
        await pilot.pause()
        app.save_screenshot(filename="ecbplus-library.svg", path=str(out))
    app.index.close()
    return out / "ecbplus-library.svg"
