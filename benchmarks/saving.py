"""``save_ratio``: saving one edit of the 1 MB document ÷ one ``gloss check`` of it.

Both run in this process and are measured in CPU time (median of trials): the check is
:func:`tui.core.loading.loader.load` of the file, as ``gloss check`` does it; the save is
:func:`tui.core.editing.saving.save` after one added mention: the new text (the file
patched where the entity changed), its check with the rules of ``gloss check``, and the
write through the one writer. ``apply_ms`` is the CPU time of the edit itself
(:func:`tui.core.editing.edits.apply` of an added mention), which the reader pays on
every key that edits.

Run ``python benchmarks/editing.py [YAML] [--trials N]`` (the 1 MB document of
``run.py`` by default).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tui.core.document.model import Document, Span  # noqa: E402
from tui.core.editing.edits import AddMention, apply  # noqa: E402
from tui.core.editing.saving import save  # noqa: E402
from tui.core.files.safewrite import write_file  # noqa: E402
from tui.core.loading.loader import load  # noqa: E402

GOAL = 1.5
"""``save_ratio`` at most this."""


def _copy(source: Path, out_dir: Path) -> Path:
    """The file and its text in a folder of the benchmark's own (saved over each trial)."""
    result = load(str(source))
    if result.document is None:
        raise RuntimeError(f"{source} does not load")
    text_name = Path(result.document.info.text_path).name
    out_dir.mkdir(parents=True, exist_ok=True)
    # The benchmark owns its output folder (force); no link there is ever written through.
    write_file(str(out_dir / text_name), (source.parent / text_name).read_bytes(), force=True)
    target = out_dir / source.name
    write_file(str(target), source.read_bytes(), force=True)
    return target


def _new_mention(document: Document) -> AddMention:
    """A mention of the entity with the most mentions, at a word none of its mentions has."""
    entity = max(document.entities, key=lambda e: len(e.mentions))
    taken = {m.span for m in entity.mentions}
    text = document.text
    start = len(text) // 2
    while not text[start].isalpha():
        start += 1
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    span = Span(start, end)
    assert span not in taken
    return AddMention(entity.id, span)


def measure(source: Path, out_dir: Path, trials: int) -> dict[str, float]:
    path = _copy(source, out_dir)
    text = path.read_text(encoding="utf-8")
    check_s: list[float] = []
    save_s: list[float] = []
    apply_s: list[float] = []
    for _ in range(trials):
        started = time.process_time()
        result = load(str(path))
        check_s.append(time.process_time() - started)
        document = result.document
        assert document is not None
        edit = _new_mention(document)
        started = time.process_time()
        edited = apply(document, edit)
        apply_s.append(time.process_time() - started)
        started = time.process_time()
        saved = save(str(path), text, document, edited)
        save_s.append(time.process_time() - started)
        if not saved.written:
            raise RuntimeError(f"the save was refused: {saved.refused or saved.problems}")
        write_file(str(path), text, force=True)  # the next trial starts from the same file
    check = statistics.median(check_s)
    saving = statistics.median(save_s)
    return {
        "check_s": check,
        "save_s": saving,
        "apply_ms": statistics.median(apply_s) * 1000,
        "save_ratio": saving / check,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = ROOT / "benchmarks" / "out" / "gloss-bench-1mb-seed1.yaml"
    parser.add_argument("yaml", nargs="?", type=Path, default=default)
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    if not args.yaml.exists():
        from benchmarks.generate import MIB, generate

        args.yaml = generate(args.yaml.parent, MIB, 1).yaml_path
    figures = measure(args.yaml, ROOT / "benchmarks" / "out" / "editing", args.trials)
    figures["save_goal"] = GOAL
    print(json.dumps(figures, indent=2))
    return 0 if figures["save_ratio"] <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
