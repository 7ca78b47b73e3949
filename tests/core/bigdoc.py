"""A generated annotation file with many mentions, for scale tests and timing.

Run ``python -m tests.core.bigdoc DIR [ENTITIES]`` to write ``big.txt`` and ``big.yaml``
into DIR (2,500 entities give 10,000 mentions), then time ``gloss check DIR/big.yaml``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BigDocument:
    """What was generated, and where every mention must end up."""

    yaml_path: Path
    text: str
    expected: dict[str, list[tuple[int, int]]]
    """For each entity id, its mention spans in text order."""
    event_count: int


def sentence(i: int) -> str:
    """Sentence ``i``; its agent's name occurs in it four times."""
    name = f"Agent{i:05d}"
    return f"Report {i}: {name} arrived, and later {name} left; {name} was seen by {name}.\n"


def write_big_document(folder: Path, entities: int = 2500, events_every: int = 25) -> BigDocument:
    """Write ``big.txt`` and ``big.yaml``: ``entities`` agents with four mentions each.

    The four mentions use four selector forms (occurrence, prefix, offsets, suffix), and
    every ``events_every``-th agent gets an arrival event.
    """
    sentences = [sentence(i) for i in range(entities)]
    text = "".join(sentences)
    yaml_lines = [
        "gloss: 1",
        "document:",
        "  id: big",
        "  date: 2022-03-25",
        "  text: big.txt",
        "entities:",
    ]
    expected: dict[str, list[tuple[int, int]]] = {}
    offset = 0
    for i, line in enumerate(sentences):
        name = f"Agent{i:05d}"
        starts = []
        position = line.find(name)
        while position != -1:
            starts.append(offset + position)
            position = line.find(name, position + 1)
        assert len(starts) == 4
        third = starts[2]
        expected[f"a{i}"] = [(start, start + len(name)) for start in starts]
        yaml_lines += [
            f"  - id: a{i}",
            "    type: PER",
            f"    name: {name}",
            "    mentions:",
            f"      - {{quote: {name}, occurrence: 1}}",
            f'      - {{quote: {name}, prefix: "later "}}',
            f"      - {{start: {third}, end: {third + len(name)}, quote: {name}}}",
            f'      - {{quote: {name}, suffix: "."}}',
        ]
        offset += len(line)
    yaml_lines.append("events:")
    event_count = 0
    for i in range(0, entities, events_every):
        event_count += 1
        yaml_lines += [
            f"  - id: arrival-{i}",
            "    type: Movement.Transport",
            f"    summary: Agent {i} arrives",
            f"    trigger: {{quote: arrived, occurrence: {i + 1}}}",
            f"    arguments: [{{role: Person, entity: a{i}}}]",
        ]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "big.txt").write_text(text, encoding="utf-8")
    yaml_path = folder / "big.yaml"
    yaml_path.write_text("\n".join(yaml_lines) + "\n", encoding="utf-8")
    return BigDocument(yaml_path, text, expected, event_count)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2500
    big = write_big_document(target, count)
    mentions = sum(len(spans) for spans in big.expected.values())
    print(
        f"{big.yaml_path}: {len(big.expected)} entities, {mentions} mentions, {len(big.text)} chars"
    )
