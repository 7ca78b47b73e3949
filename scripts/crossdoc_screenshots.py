"""The entity index's screenshots, on the same generated corpus as the library's."""

from __future__ import annotations

from pathlib import Path

from corpus_screenshots import shoot_scenes  # beside this script

SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("entity-index", (160, 40), ["i"]),
    ("entity-mentions", (160, 40), ["i", "enter"]),
]


async def shoot_entity_index(out: Path) -> list[Path]:
    """Write ``entity-index.svg`` and ``entity-mentions.svg`` into ``out``."""
    return await shoot_scenes(out, SHOTS, settle_each_key=True)
