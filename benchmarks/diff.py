"""``diff_ratio``: ``gloss diff`` of two 1 MB documents ÷ one ``gloss check`` of the first.

The second document is the first with about 10% of its mentions changed, entity by
entity: all mentions dropped, cut short by their first word, or given another type. Both
are written by gloss's own YAML writer from the loaded document, so they differ only
in those mentions. Each figure is the wall time of a fresh process (median of trials).
"""

from __future__ import annotations

import random
import statistics
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tui.core.document.model import Document, Entity, Mention, Span  # noqa: E402
from tui.core.files.safewrite import write_file  # noqa: E402
from tui.core.formats.yaml_out import dumps  # noqa: E402
from tui.core.loading.loader import load  # noqa: E402

CHANGED_SHARE = 0.10
GOAL = 3.0


def changed_copy(document: Document, share: float, seed: int) -> tuple[Document, int]:
    """``document`` with about ``share`` of its mentions changed; also how many were.

    Changes go entity by entity, as annotators tend to differ: every mention of an
    entity dropped, or cut short by its first word, or the entity given another type.
    Whole entities keep the YAML writer's ``{quote, all: true}`` groups intact, so B
    costs about as much to load as A and the ratio measures the comparison.
    """
    chooser = random.Random(seed)
    wanted = int(len(document.mentions) * share)
    types = sorted({entity.type for entity in document.entities})
    order = list(document.entities)
    chooser.shuffle(order)
    plan: dict[str, int] = {}
    remaining = wanted
    for entity in order:
        if remaining <= 0:
            break
        how = len(plan) % 3
        changes = len(entity.mentions)
        if how == 1:
            changes = sum(
                1 for m in entity.mentions if " " in document.text[m.span.start : m.span.end]
            )
        if 0 < changes <= remaining:
            plan[entity.id] = how
            remaining -= changes
    changed_count = 0
    entities: list[Entity] = []
    for entity in document.entities:
        how = plan.get(entity.id)
        if how is None:
            entities.append(entity)
            continue
        if how == 0:  # dropped: every mention only in A
            changed_count += len(entity.mentions)
            continue
        if how == 1:  # cut short by the first word where there is more than one
            spans = set()
            for mention in entity.mentions:
                span = mention.span
                words = document.text[span.start : span.end]
                if " " in words:
                    spans.add(Span(span.start + words.index(" ") + 1, span.end))
                    changed_count += 1
                else:
                    spans.add(span)
            mentions = tuple(Mention(span, entity.id, i) for i, span in enumerate(sorted(spans)))
            entities.append(replace(entity, mentions=mentions))
            continue
        changed_count += len(entity.mentions)  # given the next type
        entities.append(replace(entity, type=types[(types.index(entity.type) + 1) % len(types)]))
    known = {entity.id for entity in entities}
    events = tuple(
        replace(event, arguments=tuple(a for a in event.arguments if a.entity_id in known))
        for event in document.events
    )
    relations = tuple(r for r in document.relations if r.from_id in known and r.to_id in known)
    changed = replace(document, entities=tuple(entities), events=events, relations=relations)
    return changed, changed_count


def _fresh(original: Path, variant: Path, source: Path) -> bool:
    """Whether the pair was written after its source and this module last changed."""
    if not (original.exists() and variant.exists()):
        return False
    newest_input = max(source.stat().st_mtime, Path(__file__).stat().st_mtime)
    return min(original.stat().st_mtime, variant.stat().st_mtime) > newest_input


def write_pair(source: Path, out_dir: Path, seed: int = 1) -> tuple[Path, Path, int]:
    """The original and the changed document, both written by gloss's YAML writer."""
    result = load(str(source))
    if result.document is None:
        raise RuntimeError(f"{source} does not load")
    document = result.document
    text_name = Path(document.info.text_path).name
    text_file = source.parent / text_name
    out_dir.mkdir(parents=True, exist_ok=True)
    # The benchmark owns its output folder (force); no link there is ever written through.
    if text_file.parent.resolve() != out_dir.resolve():
        write_file(str(out_dir / text_name), text_file.read_bytes(), force=True)
    original = out_dir / f"{source.stem}-diff-a.yaml"
    variant = out_dir / f"{source.stem}-diff-b.yaml"
    changed, count = changed_copy(document, CHANGED_SHARE, seed)
    if _fresh(original, variant, source):
        return original, variant, count
    write_file(str(original), dumps(document, text_name=text_name), force=True)
    write_file(str(variant), dumps(changed, text_name=text_name), force=True)
    return original, variant, count


def measure(
    source: Path, out_dir: Path, trials: int, timed: Callable[[list[str]], float]
) -> dict[str, float]:
    """Median wall seconds of ``gloss check A`` and ``gloss diff --summary A B``, and the ratio.

    ``timed`` runs one fresh process, which must succeed, and returns its wall time; the
    diff runs with ``--min-f1 0``, a gate every result passes, so that it exits 0.
    """
    original, variant, _ = write_pair(source, out_dir)
    check_s: list[float] = []
    diff_s: list[float] = []
    for _ in range(trials):
        check_s.append(timed([sys.executable, "-m", "tui", "check", "--quiet", str(original)]))
        diff_s.append(
            timed(
                [
                    *(sys.executable, "-m", "tui", "diff", "--summary", "--min-f1", "0"),
                    *(str(original), str(variant)),
                ]
            )
        )
    check = statistics.median(check_s)
    diff = statistics.median(diff_s)
    return {"check_s": check, "diff_s": diff, "diff_ratio": diff / check}
