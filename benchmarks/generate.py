"""Deterministic generator of book-sized annotated documents, for benchmarks and tests.

``generate(out_dir, target_bytes, seed)`` writes ``<name>.txt`` and ``<name>.yaml`` in
the real gloss format (version 1) and returns what it wrote. The same arguments always
give byte-identical files: everything comes from one seeded :class:`random.Random`, and
nothing is fetched.

What a generated document holds (for 1 MiB of text; counts scale with the size):

- about 20,000 mentions (one per ~50 bytes of text) of ~2,000 entities of every default
  type (PER ORG GPE LOC FAC WEA VEH MONEY); mention counts per entity follow a Zipf-like
  curve, so a few entities have hundreds of mentions and many have one or two;
- nested mentions: many organisations and some facilities are named after a country
  ("Veloria Defence Council" holds the GPE "Veloria"), and both are mentions;
- ~2,000 events (triggers, default and explicit passages, dates with their words,
  arguments, realis, some ``same_as``), a few hundred relations with evidence;
- chapters, paragraphs of 3-8 sentences, a few paragraphs of ~20 KB without a newline,
  accented names and curly apostrophes (offsets are code points, not bytes);
- selectors written the way people and tools write them: plain unique quotes,
  ``{quote, prefix/suffix}``, ``{quote, occurrence}``, ``{quote, all: true}`` for some
  names and ``{start, end, quote}`` offsets. Each is chosen from the exact occurrences of
  its quote in the final text, so every one resolves to the span it was generated from.

Run ``python benchmarks/generate.py OUT_DIR --size 1MB [--seed N]``. Sizes are binary
(1 MB = 1,048,576 bytes of UTF-8 text).
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.files.safewrite import PlannedWrite, write_files

MIB = 1024 * 1024
DOCUMENT_DATE = "2024-12-31"
ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC", "WEA", "VEH", "MONEY")
_TYPE_SHARE = {
    "PER": 0.30,
    "ORG": 0.20,
    "GPE": 0.08,
    "LOC": 0.10,
    "FAC": 0.10,
    "WEA": 0.08,
    "VEH": 0.08,
    "MONEY": 0.06,
}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_FILLER = [
    "officials",
    "regional",
    "supply",
    "routes",
    "border",
    "talks",
    "observers",
    "analysts",
    "convoy",
    "statement",
    "council",
    "budget",
    "coastal",
    "inland",
    "northern",
    "southern",
    "western",
    "eastern",
    "delegation",
    "programme",
    "agreement",
    "reports",
    "commanders",
    "ministers",
    "diplomats",
    "engineers",
    "workers",
    "farmers",
    "traders",
    "harbour",
    "valley",
    "plateau",
    "corridor",
    "district",
    "province",
    "region",
    "frontier",
    "settlement",
    "market",
    "quietly",
    "publicly",
    "formally",
    "briefly",
    "reportedly",
    "repeatedly",
    "jointly",
    "cautiously",
    "again",
    "growing",
    "limited",
    "renewed",
    "broader",
    "modest",
    "sharp",
    "steady",
    "uneven",
    "gradual",
    "temporary",
    "pressure",
    "tension",
    "interest",
    "support",
    "demand",
    "caution",
    "progress",
    "concern",
    "pattern",
]
_FILLER_VERBS = (
    "described",
    "questioned",
    "reviewed",
    "welcomed",
    "criticised",
    "discussed",
    "examined",
    "noted",
    "praised",
    "doubted",
)
_EVENT_KINDS: tuple[tuple[str, str, tuple[str, str, str]], ...] = (
    # (event type, trigger word, (role of the first, role of the second, role of the place))
    ("Contact.Meet", "met", ("Entity", "Entity", "Place")),
    ("Movement.Visit", "visited", ("Visitor", "Host", "Destination")),
    ("Conflict.Attack", "attacked", ("Attacker", "Target", "Place")),
    ("Movement.Transport", "moved", ("Agent", "Artifact", "Destination")),
    ("Transaction.Transfer-Money", "paid", ("Giver", "Recipient", "Place")),
    ("Personnel.Start-Position", "appointed", ("Entity", "Person", "Place")),
    ("Justice.Arrest-Jail", "detained", ("Agent", "Person", "Place")),
    ("Contact.Broadcast", "announced", ("Entity", "Audience", "Place")),
)
_SYLLABLES = [
    "ka",
    "ve",
    "lo",
    "ri",
    "ta",
    "mar",
    "sel",
    "den",
    "tor",
    "vin",
    "qua",
    "bra",
    "dol",
    "ne",
    "sa",
    "ul",
    "fen",
    "gar",
    "hol",
    "ista",
    "ora",
    "ben",
    "cor",
    "dra",
    "el",
    "fio",
    "gan",
    "har",
    "ilo",
    "jor",
    "kel",
    "lum",
    "mir",
    "nor",
    "ost",
    "pra",
    "rus",
    "sten",
    "tib",
    "ur",
    "vos",
    "wen",
    "yar",
    "zel",
    "ami",
    "bre",
    "cal",
    "dov",
    "est",
    "fal",
    "gro",
    "hil",
    "ivo",
    "jas",
    "kra",
    "lin",
    "mor",
    "nav",
    "oda",
    "pel",
]
_WORD_AND_SPACE = re.compile(r"\S+ *")
_SPACE_AND_WORD = re.compile(r" *\S+")
_ACCENTS = {"e": "é", "o": "ö", "a": "á", "u": "ü"}


@dataclass
class _Entity:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    gpe: _Entity | None = None
    """For a name built on a country's name: that country (its mention nests inside)."""


@dataclass
class _Mention:
    entity: _Entity
    start: int
    end: int


@dataclass
class _Event:
    id: str
    type: str
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    arguments: list[tuple[str, str]]
    date_value: str | None
    date_span: tuple[int, int] | None
    summary: str


@dataclass
class _Relation:
    type: str
    source: str
    target: str
    evidence: tuple[int, int] | None


@dataclass(frozen=True)
class Generated:
    """What :func:`generate` wrote and what every selector must resolve to."""

    yaml_path: Path
    text_path: Path
    text: str
    expected_mentions: dict[str, list[tuple[int, int]]]
    """For each entity id, the spans of its mentions in text order."""
    event_triggers: dict[str, tuple[int, int]]
    relation_count: int

    @property
    def mention_count(self) -> int:
        """How many mentions the YAML holds."""
        return sum(len(spans) for spans in self.expected_mentions.values())


def parse_size(value: str) -> int:
    """``1MB``, ``200KB``, ``1.5MiB`` or a plain byte count, binary units."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([KkMm]i?[Bb]?)?\s*", value)
    if match is None:
        raise ValueError(f"not a size: {value!r} (try 1MB or 200KB)")
    number = float(match.group(1))
    unit = (match.group(2) or "").upper()[:1]
    return int(number * {"K": 1024, "M": MIB}.get(unit, 1))


def size_label(target_bytes: int) -> str:
    """``1mb``, ``200kb`` or ``500b``: a short name for a size."""
    if target_bytes >= MIB and target_bytes % MIB == 0:
        return f"{target_bytes // MIB}mb"
    if target_bytes >= 1024:
        return f"{target_bytes // 1024}kb"
    return f"{target_bytes}b"


class _Names:
    """Invented, pairwise distinct words, so a name occurs only where it was written."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = {word.casefold() for word in (*_FILLER, *_FILLER_VERBS)}

    def word(self, low: int = 2, high: int = 3, accent: float = 0.0) -> str:
        while True:
            parts = [self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(low, high))]
            word = "".join(parts)
            if len(word) < 5:
                continue
            if accent and self.rng.random() < accent:
                vowels = [i for i, c in enumerate(word) if c in _ACCENTS and i > 0]
                if vowels:
                    i = self.rng.choice(vowels)
                    word = word[:i] + _ACCENTS[word[i]] + word[i + 1 :]
            word = word.capitalize()
            if word.casefold() not in self.used:
                self.used.add(word.casefold())
                return word

    def code(self) -> str:
        while True:
            letters = "".join(self.rng.choice("ABCDEFGHKLMNPRSTVZ") for _ in range(2))
            code = f"{letters}-{self.rng.randint(10, 989)}"
            if code.casefold() not in self.used:
                self.used.add(code.casefold())
                return code


def _make_entities(rng: random.Random, count: int) -> dict[str, list[_Entity]]:
    names = _Names(rng)
    by_type: dict[str, list[_Entity]] = {code: [] for code in ENTITY_TYPES}
    counts = {code: max(1, round(count * share)) for code, share in _TYPE_SHARE.items()}

    def add(code: str, name: str, aliases: list[str], gpe: _Entity | None = None) -> None:
        number = len(by_type[code]) + 1
        slug = re.sub(r"[^a-z0-9]+", "-", name.casefold().encode("ascii", "ignore").decode())
        entity_id = f"{code.lower()}-{number:04d}-{slug.strip('-')}"[:100]
        by_type[code].append(_Entity(entity_id, code, name, aliases, gpe))

    for _ in range(counts["GPE"]):
        while True:
            name = names.word(2, 2) + rng.choice(("ia", "stan", "land", "ora", "ay"))
            if name.casefold() not in names.used:
                names.used.add(name.casefold())
                break
        add("GPE", name, [])
    gpes = by_type["GPE"]
    for _ in range(counts["PER"]):
        first, last = names.word(2, 2, accent=0.15), names.word(2, 3, accent=0.1)
        add("PER", f"{first} {last}", [last])
    for _ in range(counts["ORG"]):
        if rng.random() < 0.5:
            gpe = rng.choice(gpes)
            kind = rng.choice(
                ("Defence Council", "National Bank", "Border Guard", "Energy Ministry", "Army")
            )
            aliases = [gpe.name[:2].upper() + "".join(w[0] for w in kind.split())]
            add("ORG", f"{gpe.name} {kind}", aliases, gpe)
        else:
            word = names.word(2, 3)
            kind = rng.choice(("Holdings", "Institute", "Group", "Alliance", "Foundation"))
            add("ORG", f"{word} {kind}", [word])
    for _ in range(counts["LOC"]):
        word = names.word()
        add("LOC", f"{word} {rng.choice(('Valley', 'Mountains', 'Sea', 'Plain', 'Gulf'))}", [])
    for _ in range(counts["FAC"]):
        kind = rng.choice(("Airbase", "Bridge", "Port", "Prison", "Dam"))
        if rng.random() < 0.25:
            gpe = rng.choice(gpes)
            add("FAC", f"{gpe.name} {names.word()} {kind}", [], gpe)
        else:
            add("FAC", f"{names.word()} {kind}", [])
    for _ in range(counts["WEA"]):
        add("WEA", f"{names.code()} {rng.choice(('missile', 'rifle', 'drone', 'howitzer'))}", [])
    for _ in range(counts["VEH"]):
        if rng.random() < 0.5:
            add("VEH", f"{names.word()}-class frigate", [])
        else:
            add("VEH", f"{names.code()} {rng.choice(('truck', 'helicopter', 'tanker'))}", [])
    amounts: set[tuple[str, str]] = set()
    while len(by_type["MONEY"]) < counts["MONEY"]:
        amount = f"{rng.randint(101, 989)}.{rng.randint(1, 9)} million"
        currency = rng.choice(("dinars", "euros", "dollars", "crowns"))
        if (amount, currency) in amounts:
            continue
        amounts.add((amount, currency))
        add("MONEY", f"{amount} {currency}", [])
    return by_type


class _Picker:
    """Chooses entities of a type: every one at least once, a few very often."""

    def __init__(self, rng: random.Random, entities: list[_Entity]) -> None:
        self.rng = rng
        self.entities = list(entities)
        rng.shuffle(self.entities)
        self.pending = list(self.entities)
        weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(self.entities))]
        total = sum(weights)
        running = 0.0
        self.cumulative = []
        for weight in weights:
            running += weight
            self.cumulative.append(running / total)

    def pick(self) -> _Entity:
        if self.pending and self.rng.random() < 0.2:
            return self.pending.pop()
        index = bisect.bisect_left(self.cumulative, self.rng.random())
        return self.entities[min(index, len(self.entities) - 1)]


class _Writer:
    """Builds the text piece by piece, recording every mention, trigger and sentence."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.bytes = 0
        self.mentions: list[_Mention] = []

    def put(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        self.bytes += len(text.encode("utf-8"))
        return start, self.length

    def entity(self, entity: _Entity, *, alias: bool = False) -> tuple[int, int]:
        surface = entity.aliases[0] if alias and entity.aliases else entity.name
        start, end = self.put(surface)
        self.mentions.append(_Mention(entity, start, end))
        if entity.gpe is not None and surface == entity.name:
            offset = start + entity.name.index(entity.gpe.name)
            self.mentions.append(_Mention(entity.gpe, offset, offset + len(entity.gpe.name)))
        return start, end


def _date(rng: random.Random) -> tuple[str, str]:
    """An ISO value before the document date and the words that say it."""
    year = rng.randint(2019, 2024)
    month = rng.randint(1, 6 if year == 2024 else 12)
    day = rng.randint(1, 28)
    if rng.random() < 0.2:
        return f"{year}-{month:02d}", f"{_MONTHS[month - 1]} {year}"
    return f"{year}-{month:02d}-{day:02d}", f"{day} {_MONTHS[month - 1]} {year}"


def _build_text(
    rng: random.Random, target_bytes: int, entity_count: int, event_count: int
) -> tuple[str, list[_Mention], list[_Event], list[_Relation], dict[str, list[_Entity]]]:
    by_type = _make_entities(rng, entity_count)
    pickers = {code: _Picker(rng, members) for code, members in by_type.items()}
    writer = _Writer()
    events: list[_Event] = []
    relations: list[_Relation] = []
    related: set[tuple[str, str]] = set()
    average_sentence = 170
    event_share = min(0.9, event_count / max(1, target_bytes / average_sentence))
    seen_people: set[str] = set()

    def person() -> None:
        entity = pickers["PER"].pick()
        writer.entity(entity, alias=entity.id in seen_people and rng.random() < 0.6)
        seen_people.add(entity.id)

    def any_of(*codes: str) -> _Entity:
        return pickers[rng.choice(codes)].pick()

    def filler(count: int) -> None:
        writer.put(" ".join(rng.choice(_FILLER) for _ in range(count)))

    def event_sentence() -> None:
        kind, trigger_word, roles = rng.choice(_EVENT_KINDS)
        start = writer.length
        first = any_of("PER", "ORG", "GPE")
        writer.entity(first, alias=bool(first.aliases) and rng.random() < 0.3)
        writer.put(" " + rng.choice(("", "reportedly ", "formally ", "")))
        trigger = writer.put(trigger_word)
        writer.put(" ")
        second_code = {
            "Movement.Transport": ("WEA", "VEH"),
            "Transaction.Transfer-Money": ("ORG", "PER"),
        }.get(kind, ("PER", "ORG", "GPE"))
        second = any_of(*second_code)
        while second is first:
            second = any_of(*second_code)
        writer.entity(second)
        if kind == "Transaction.Transfer-Money":
            writer.put(" ")
            writer.entity(pickers["MONEY"].pick())
        place = pickers[rng.choice(("GPE", "GPE", "LOC", "FAC"))].pick()
        while place is first or place is second:
            # One entity in two roles of an event is valid gloss, but the details panel
            # (tui/app/widgets/details.py) gives both rows the same option id and fails.
            place = pickers[rng.choice(("GPE", "GPE", "LOC", "FAC"))].pick()
        writer.put(" in " if place.type == "GPE" else " near the ")
        writer.entity(place)
        date_value: str | None = None
        date_span: tuple[int, int] | None = None
        if rng.random() < 0.75:
            date_value, words = _date(rng)
            writer.put(" on " if words[0].isdigit() else " in ")
            date_span = writer.put(words)
        writer.put(", ")
        filler(rng.randint(5, 14))
        end, _ = writer.put(".")
        arguments = [(roles[0], first.id), (roles[1], second.id), (roles[2], place.id)]
        summary = f"{first.name} {trigger_word} {second.name}"
        event_id = f"ev-{len(events) + 1:05d}-{kind.split('.')[1].lower()}"
        events.append(
            _Event(
                event_id,
                kind,
                trigger,
                (start, end + 1),
                arguments,
                date_value,
                date_span,
                summary,
            )
        )

    def relation_sentence() -> None:
        who = pickers["PER"].pick()
        start, _ = writer.entity(who)
        writer.put(", a senior adviser to the ")
        org = pickers["ORG"].pick()
        _, end = writer.entity(org)
        writer.put(", " + rng.choice(_FILLER_VERBS) + " the ")
        filler(rng.randint(2, 5))
        writer.put(".")
        if (who.id, org.id) not in related:
            related.add((who.id, org.id))
            relations.append(_Relation("adviser-to", who.id, org.id, (start, end)))

    def plain_sentence() -> None:
        shape = rng.randint(0, 3)
        if shape == 0:
            person()
            writer.put(" " + rng.choice(_FILLER_VERBS) + " the ")
            filler(rng.randint(2, 5))
            writer.put(" of the ")
            writer.entity(pickers["ORG"].pick())
            writer.put(" near the ")
            writer.entity(any_of("LOC", "FAC"))
        elif shape == 1:
            writer.put("Observers in ")
            gpe = pickers["GPE"].pick()
            writer.entity(gpe)
            writer.put("\u2019s capital said the ")
            writer.entity(any_of("WEA", "VEH"))
            writer.put(" had cost ")
            writer.entity(pickers["MONEY"].pick())
            writer.put(" \u2014 ")
            filler(rng.randint(3, 8))
        elif shape == 2:
            writer.put("According to ")
            person()
            writer.put(", the ")
            writer.entity(any_of("ORG", "FAC"))
            writer.put(" " + rng.choice(_FILLER_VERBS) + " ")
            filler(rng.randint(4, 10))
            writer.put(" in ")
            writer.entity(pickers["GPE"].pick())
        else:
            writer.put("The ")
            filler(rng.randint(3, 9))
            writer.put(" " + rng.choice(_FILLER_VERBS) + " by ")
            person()
            writer.put(" and ")
            person()
        if rng.random() < 0.8:
            writer.put(", " + rng.choice(("while", "as", "after", "because")) + " the ")
            filler(rng.randint(4, 12))
        writer.put(".")

    chapter = 0
    paragraphs_in_chapter = 99
    long_paragraphs = {int(target_bytes * share) for share in (0.23, 0.51, 0.87)}
    next_long = sorted(long_paragraphs)
    while writer.bytes < target_bytes:
        if paragraphs_in_chapter >= 12:
            chapter += 1
            paragraphs_in_chapter = 0
            writer.put(f"Chapter {chapter}\n\n")
        paragraphs_in_chapter += 1
        if next_long and writer.bytes >= next_long[0]:
            next_long.pop(0)
            paragraph_bytes = 20 * 1024
        else:
            paragraph_bytes = rng.randint(350, 1400)
        paragraph_end = writer.bytes + paragraph_bytes
        first = True
        while writer.bytes < paragraph_end and writer.bytes < target_bytes:
            if not first:
                writer.put(" ")
            first = False
            roll = rng.random()
            if roll < event_share:
                event_sentence()
            elif roll < event_share + 0.06:
                relation_sentence()
            else:
                plain_sentence()
        writer.put("\n\n")
    text = "".join(writer.parts).rstrip("\n") + "\n"
    return text, writer.mentions, events, relations, by_type


# -- selectors -------------------------------------------------------------------------


class _Occurrences:
    """Every (overlapping) occurrence of a quote, found by plain scanning and cached."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._cache: dict[str, list[int]] = {}

    def __call__(self, quote: str) -> list[int]:
        found = self._cache.get(quote)
        if found is None:
            found = []
            find = self.text.find
            position = find(quote)
            while position != -1:
                found.append(position)
                position = find(quote, position + 1)
            self._cache[quote] = found
        return found

    def word_bounded(self, quote: str) -> list[int]:
        text = self.text

        def word(char: str) -> bool:
            return char.isalnum() or char == "_"

        result = []
        for start in self(quote):
            end = start + len(quote)
            if word(quote[0]) and start > 0 and word(text[start - 1]):
                continue
            if word(quote[-1]) and end < len(text) and word(text[end]):
                continue
            result.append(start)
        return result


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _context_selector(text: str, starts: list[int], start: int, end: int) -> str | None:
    """``{quote, prefix/suffix}`` with the fewest whole words of context that single it out."""
    quote = text[start:end]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[max(line_start, start - 400) : start]
    after = text[end : min(line_end, end + 400)]
    for words in (1, 2, 3, 5):
        prefix = _last_words(before, words)
        suffix = _first_words(after, words)
        for p, s in ((prefix, ""), ("", suffix), (prefix, suffix)):
            if not p and not s:
                continue
            kept = [
                o
                for o in starts
                if (not p or text[max(0, o - len(p)) : o] == p)
                and (not s or text.startswith(s, o + len(quote)))
            ]
            if kept == [start]:
                parts = [f"quote: {_q(quote)}"]
                if p:
                    parts.append(f"prefix: {_q(p)}")
                if s:
                    parts.append(f"suffix: {_q(s)}")
                return "{" + ", ".join(parts) + "}"
    return None


def _last_words(text: str, count: int) -> str:
    """The last ``count`` words of ``text`` with the spacing after them."""
    starts = [match.start() for match in _WORD_AND_SPACE.finditer(text)]
    return text[starts[-count] :] if len(starts) >= count else text


def _first_words(text: str, count: int) -> str:
    """The first ``count`` words of ``text`` with the spacing before them."""
    ends = [match.end() for match in _SPACE_AND_WORD.finditer(text, 0, min(len(text), 400))]
    return text[: ends[count - 1]] if len(ends) >= count else text


def _selector(
    rng: random.Random, occurrences: _Occurrences, start: int, end: int, *, indent: str = ""
) -> str:
    """One selector for ``text[start:end]`` in a human or tool style, as YAML.

    With an ``indent``, a few come out as block mappings (starting with a newline).
    """
    text = occurrences.text
    quote = text[start:end]
    starts = occurrences(quote)
    roll = rng.random()
    if len(starts) == 1 and roll < 0.85:
        return _q(quote) if roll < 0.7 else f"{{quote: {_q(quote)}}}"
    if roll < 0.12:
        if rng.random() < 0.2:
            return f"{{start: {start}, end: {end}}}"
        return f"{{start: {start}, end: {end}, quote: {_q(quote)}}}"
    if roll < 0.55:
        found = _context_selector(text, starts, start, end)
        if found is not None:
            return found
    number = bisect.bisect_left(starts, start) + 1
    assert starts[number - 1] == start
    if indent and rng.random() < 0.1:
        return f"\n{indent}  quote: {_q(quote)}\n{indent}  occurrence: {number}"
    return f"{{quote: {_q(quote)}, occurrence: {number}}}"


# -- YAML ------------------------------------------------------------------------------


def _entity_yaml(
    rng: random.Random,
    entity: _Entity,
    spans: list[tuple[int, int]],
    occurrences: _Occurrences,
    lines: list[str],
) -> None:
    text = occurrences.text
    lines.append(f"  - id: {entity.id}")
    lines.append(f"    type: {entity.type}")
    lines.append(f"    name: {_q(entity.name)}")
    if entity.aliases:
        lines.append(f"    aliases: [{', '.join(_q(a) for a in entity.aliases)}]")
    if rng.random() < 0.6:
        lines.append(f"    description: {_q(_describe(entity))}")
    if rng.random() < 0.3:
        lines.append(f"    links: {{wikidata: Q{rng.randint(1000, 9999999)}}}")
    lines.append("    mentions:")
    remaining = list(spans)
    # Whole-word names whose every occurrence is a mention of this entity: all: true.
    by_surface: dict[str, list[int]] = {}
    for start, end in spans:
        by_surface.setdefault(text[start:end], []).append(start)
    for surface, starts in by_surface.items():
        chance = 0.7 if entity.type == "GPE" else 0.15
        if len(starts) < 2 or rng.random() >= chance:
            continue
        if occurrences.word_bounded(surface) == sorted(starts):
            lines.append(f"      - {{quote: {_q(surface)}, all: true}}")
            remaining = [span for span in remaining if text[span[0] : span[1]] != surface]
    rng.shuffle(remaining)
    for start, end in remaining:
        selector = _selector(rng, occurrences, start, end, indent="      ")
        lines.append(f"      -{'' if selector.startswith(chr(10)) else ' '}{selector}")


def _describe(entity: _Entity) -> str:
    what = {
        "PER": "A person named in the chronicle",
        "ORG": "An organisation",
        "GPE": "A country",
        "LOC": "A region",
        "FAC": "A facility",
        "WEA": "A weapon system",
        "VEH": "A vehicle type",
        "MONEY": "A sum of money",
    }[entity.type]
    if entity.gpe is not None:
        return f"{what} of {entity.gpe.name}."
    return f"{what} (synthetic)."


def _event_yaml(
    rng: random.Random,
    event: _Event,
    same_as: str | None,
    occurrences: _Occurrences,
    lines: list[str],
) -> None:
    text = occurrences.text
    lines.append(f"  - id: {event.id}")
    lines.append(f"    type: {event.type}")
    lines.append(f"    summary: {_q(event.summary)}")
    trigger = _selector(rng, occurrences, *event.trigger, indent="    ")
    lines.append(f"    trigger:{'' if trigger.startswith(chr(10)) else ' '}{trigger}")
    passage = event.sentence
    roll = rng.random()
    if roll < 0.2:
        lines.append(f"    passage: {_selector(rng, occurrences, *passage)}")
    elif roll < 0.3:
        # The sentence with a little of what comes before (a tool's wider window).
        wider = (max(0, passage[0] - rng.randint(20, 200)), passage[1])
        lines.append(f"    passage: {{start: {wider[0]}, end: {wider[1]}}}")
        passage = wider
    if event.date_value is not None:
        if event.date_span is None:
            lines.append(f"    date: {_q(event.date_value)}")
        else:
            words = text[event.date_span[0] : event.date_span[1]]
            inside = text.count(words, passage[0], passage[1])
            if inside == 1 and rng.random() < 0.8:
                lines.append(f"    date: {{value: {_q(event.date_value)}, text: {_q(words)}}}")
            else:
                chosen = _selector(rng, occurrences, *event.date_span)
                lines.append(f"    date: {{value: {_q(event.date_value)}, text: {chosen}}}")
    roll = rng.random()
    if roll < 0.1:
        lines.append("    realis: planned")
    elif roll < 0.13:
        lines.append("    realis: hypothetical")
    lines.append("    arguments:")
    for role, entity_id in event.arguments:
        lines.append(f"      - {{role: {role}, entity: {entity_id}}}")
    if same_as is not None:
        lines.append(f"    same_as: {same_as}")
    if rng.random() < 0.05:
        lines.append(f"    note: {_q('Synthetic event; the date is approximate.')}")


def generate(
    path_dir: str | Path,
    target_bytes: int,
    seed: int = 1,
    *,
    entities: int | None = None,
    events: int | None = None,
) -> Generated:
    """Write ``<name>.txt`` and ``<name>.yaml`` into ``path_dir`` and describe them.

    Args:
        path_dir: the folder to write into (created if missing).
        target_bytes: size of the article text in UTF-8 bytes (reached, then a sentence ends).
        seed: the seed of the one random generator everything comes from.
        entities: how many entities (default ~2,000, fewer below 1 MB).
        events: how many events, roughly (default ~2,000, fewer below 1 MB).
    """
    rng = random.Random(seed)
    scale = min(1.0, target_bytes / MIB)
    entity_count = entities if entities is not None else max(40, round(2000 * scale))
    event_count = events if events is not None else max(10, round(2000 * scale))
    text, mentions, built_events, relations, by_type = _build_text(
        rng, target_bytes, entity_count, event_count
    )
    occurrences = _Occurrences(text)
    spans: dict[str, list[tuple[int, int]]] = {}
    for mention in mentions:
        spans.setdefault(mention.entity.id, []).append((mention.start, mention.end))
    for value in spans.values():
        value.sort()
    name = f"gloss-bench-{size_label(target_bytes)}-seed{seed}"
    lines = [
        f"# Generated by benchmarks/generate.py (seed {seed}); do not edit by hand.",
        "gloss: 1",
        "document:",
        f"  id: {name}",
        f"  title: {_q(f'A synthetic chronicle ({size_label(target_bytes)})')}",
        f'  date: "{DOCUMENT_DATE}"',
        "  language: en",
        f"  text: {name}.txt",
        "",
        "types:",
        "  events:",
        "    Movement.Visit:",
        "      label: Visit",
        "      description: A person or delegation travels to a place to visit it.",
        "",
        "entities:",
    ]
    for code in ENTITY_TYPES:
        for entity in by_type[code]:
            if entity.id in spans:
                _entity_yaml(rng, entity, spans[entity.id], occurrences, lines)
    lines += ["", "events:"]
    first_of_kind: dict[str, str] = {}
    for event in built_events:
        same_as = None
        earlier = first_of_kind.setdefault(event.type, event.id)
        if earlier != event.id and rng.random() < 0.08:
            same_as = earlier
        _event_yaml(rng, event, same_as, occurrences, lines)
    lines += ["", "relations:"]
    for relation in relations:
        parts = [f"type: {relation.type}", f"from: {relation.source}", f"to: {relation.target}"]
        if relation.evidence is not None and rng.random() < 0.8:
            parts.append(f"evidence: {_selector(rng, occurrences, *relation.evidence)}")
        lines.append("  - {" + ", ".join(parts) + "}")
    folder = Path(path_dir)
    text_path = folder / f"{name}.txt"
    yaml_path = folder / f"{name}.yaml"
    # The generator owns its output folder, so it replaces earlier output (force), but
    # like every gloss writer it never writes through a link there.
    write_files(
        [
            PlannedWrite(str(text_path), text.encode("utf-8")),
            PlannedWrite(str(yaml_path), ("\n".join(lines) + "\n").encode("utf-8")),
        ],
        force=True,
    )
    return Generated(
        yaml_path=yaml_path,
        text_path=text_path,
        text=text,
        expected_mentions=spans,
        event_triggers={event.id: event.trigger for event in built_events},
        relation_count=len(relations),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python benchmarks/generate.py OUT_DIR --size 1MB [--seed N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out_dir", help="folder to write the .txt and .yaml into")
    parser.add_argument("--size", default="1MB", help="text size, e.g. 200KB, 1MB, 2MB")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generated = generate(args.out_dir, parse_size(args.size), args.seed)
    print(
        f"{generated.yaml_path}: {len(generated.expected_mentions)} entities, "
        f"{generated.mention_count} mentions, {len(generated.event_triggers)} events, "
        f"{generated.relation_count} relations, {len(generated.text.encode('utf-8'))} bytes "
        "of text"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
