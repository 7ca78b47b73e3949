"""A small corpus where one person, one city and one event appear in several articles."""

from __future__ import annotations

from pathlib import Path

# (name, date, text, entities as (id, type, name, links, [mention spans]), events as
# (id, type, trigger span, links))
_Entity = tuple[str, str, str, dict[str, str], list[tuple[int, int]]]
_Event = tuple[str, str, tuple[int, int], dict[str, str]]

ARTICLES: list[tuple[str, str, str, list[_Entity], list[_Event]]] = [
    (
        "a-visit",
        "2022-03-01",
        "Nadia Laroui visited Rabat. Rabat welcomed her. The port was quiet.",
        [
            ("nadia", "PER", "Nadia Laroui", {"wikidata": "Q1"}, [(0, 12)]),
            ("rabat", "GPE", "Rabat", {"wikidata": "Q1028"}, [(21, 26), (28, 33)]),
            ("port", "FAC", "the port", {}, [(48, 56)]),
        ],
        [("ev1", "Movement.Transport", (13, 20), {"event": "visit-2022"})],
    ),
    (
        "b-report",
        "2022-03-05",
        "In Rabat, Laroui spoke. Officials listened. Laroui left Rabat.",
        [
            (
                "city",
                "GPE",
                "Rabat",
                {"wikidata": "Q1028", "geonames": "2538475"},
                [(3, 8), (56, 61)],
            ),
            ("nl", "PER", "Laroui", {"wikidata": "Q1"}, [(10, 16), (44, 50)]),
        ],
        [("trip", "Movement.Transport", (51, 55), {"event": "visit-2022"})],
    ),
    (
        "c-later",
        "2022-04-10",
        "Rabat hosted a fair. The port was busy.",
        [
            ("r", "GPE", "Rabat", {"geonames": "2538475"}, [(0, 5)]),
            ("harbour", "FAC", "The port", {}, [(21, 29)]),
        ],
        [],
    ),
]


def _flow(mapping: dict[str, str]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in mapping.items()) + "}"


def write_corpus(folder: Path) -> Path:
    """Write the three articles into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, date, text, entities, events in ARTICLES:
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        lines = [
            "gloss: 1",
            "document:",
            f"  id: {name}",
            f"  title: Title of {name}",
            f'  date: "{date}"',
            f"  text: {name}.txt",
            "entities:",
        ]
        for entity_id, kind, entity_name, links, spans in entities:
            lines += [f"  - id: {entity_id}", f"    type: {kind}", f'    name: "{entity_name}"']
            if links:
                lines.append(f"    links: {_flow(links)}")
            lines.append("    mentions:")
            lines += [f"      - {{start: {s}, end: {e}}}" for s, e in spans]
        if events:
            lines.append("events:")
        for event_id, kind, (start, end), links in events:
            lines += [
                f"  - id: {event_id}",
                f"    type: {kind}",
                f"    summary: {event_id}",
                f"    trigger: {{start: {start}, end: {end}}}",
                f"    links: {_flow(links)}",
            ]
        (folder / f"{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
