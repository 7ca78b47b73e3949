"""The ECB+ annotation classes and how each becomes a gloss type.

ECB+ has 30 classes in five families: actions (events), times, locations, human and
non-human participants (entities). Every class is kept as its own declared gloss
type, so nothing is collapsed: entity classes keep their code as it is
(``HUMAN_PART_PER``); event codes must read ``Type.Subtype`` without underscores, so
``ACTION_OCCURRENCE`` becomes ``ACTION.OCCURRENCE`` and ``NEG_ACTION_STATE`` becomes
``NEG-ACTION.STATE`` (the class is always recoverable: :func:`class_of_code`).

Labels are short enough for a sidebar and start with the family, so the families read
together; descriptions paraphrase the ECB+ annotation guideline (Cybulska and Vossen,
2014) and name the class exactly.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum


class Family(StrEnum):
    """The five event components ECB+ annotates."""

    ACTION = "action"
    TIME = "time"
    LOCATION = "location"
    HUMAN = "human participant"
    NON_HUMAN = "non-human participant"
    ENTITY = "entity"
    VALUE = "value"
    SIGNAL = "signal"


@dataclass(frozen=True, slots=True)
class CatClass:
    """One ECB+ class: its name in the XML, family, gloss code, label and description."""

    name: str
    family: Family
    code: str
    label: str
    description: str
    negated: bool = False

    @property
    def is_event(self) -> bool:
        """Whether markables of this class become gloss events (else entities)."""
        return self.family is Family.ACTION


INSTANCE_ONLY_CLASSES = frozenset({"UNKNOWN_INSTANCE_TAG", "ENTITY", "EVENT"})
"""Classes that only name the instance a chain refers to; they never anchor text
(MEANTIME's ``ENTITY`` and ``EVENT`` instances carry the type of their mentions)."""

_ACTIONS: dict[str, tuple[str, str]] = {
    "OCCURRENCE": ("occurrence", "something that happens or takes place: a change of state"),
    "PERCEPTION": ("perception", "seeing, hearing, watching or otherwise perceiving something"),
    "REPORTING": ("reporting", "saying, telling, announcing or reporting something"),
    "ASPECTUAL": ("aspectual", "starting, continuing, finishing or stopping another action"),
    "STATE": ("state", "a state or circumstance that holds for some time"),
    "CAUSATIVE": ("causative", "causing, enabling or preventing another action"),
    "GENERIC": ("generic", "an action spoken of in general, not one particular happening"),
}

_ENTITIES: dict[str, tuple[Family, str, str]] = {
    "TIME_DATE": (Family.TIME, "Time: date", "a calendar date or a day (yesterday, May 2013)"),
    "TIME_OF_THE_DAY": (Family.TIME, "Time: of the day", "a clock time or part of a day"),
    "TIME_DURATION": (Family.TIME, "Time: duration", "how long something lasts (90 days)"),
    "TIME_REPETITION": (Family.TIME, "Time: repetition", "how often something recurs"),
    "LOC_GEO": (
        Family.LOCATION,
        "Location: geographic",
        "a geographic or geo-political place: a country, city, region or sea",
    ),
    "LOC_FAC": (
        Family.LOCATION,
        "Location: facility",
        "a building or other made structure as a place (a clinic, a port)",
    ),
    "LOC_OTHER": (Family.LOCATION, "Location: other", "a place of any other kind"),
    "HUMAN_PART_PER": (Family.HUMAN, "Human: person", "a person taking part"),
    "HUMAN_PART_ORG": (Family.HUMAN, "Human: organisation", "an organisation taking part"),
    "HUMAN_PART_GPE": (
        Family.HUMAN,
        "Human: geo-political",
        "a country, city or state acting as a participant",
    ),
    "HUMAN_PART_FAC": (
        Family.HUMAN,
        "Human: facility",
        "a facility acting as a participant (the clinic said)",
    ),
    "HUMAN_PART_VEH": (
        Family.HUMAN,
        "Human: vehicle",
        "a vehicle acting as a participant, standing for the people in it (the warship)",
    ),
    "HUMAN_PART_MET": (
        Family.HUMAN,
        "Human: metonymy",
        "a participant referred to by something associated with it",
    ),
    "HUMAN_PART_GENERIC": (
        Family.HUMAN,
        "Human: generic",
        "people of a kind in general, not particular persons",
    ),
    "NON_HUMAN_PART": (
        Family.NON_HUMAN,
        "Non-human participant",
        "a thing, not a person, taking part in an action (a car, a weapon)",
    ),
    "NON_HUMAN_PART_GENERIC": (
        Family.NON_HUMAN,
        "Non-human: generic",
        "things of a kind in general, taking part in an action",
    ),
}


# MEANTIME-style files (NewsReader; also SemEval-2015 TimeLine) annotate with other tags:
# the kind of an entity or event is on the instance its mentions refer to, and the kind
# of a time or value on the markable itself. Each (tag, kind) is its own class; a
# mention whose kind is not given keeps the bare tag's class.
_MEANTIME_EVENTS: dict[str, tuple[str, str]] = {
    "": ("Event", "an event mention whose class is not given"),
    "SPEECH_COGNITIVE": (
        "Event: speech or thought",
        "saying, reporting, believing or knowing something",
    ),
    "GRAMMATICAL": (
        "Event: grammatical",
        "a verb that only carries another event (aspect, modality, a light verb)",
    ),
    "OTHER": ("Event: other", "any other happening, action or state"),
    "MIX": ("Event: mixed", "mentions of one instance that fall in several classes"),
}

_MEANTIME_ENTITIES: dict[str, tuple[Family, str, str, str]] = {
    "ENTITY_MENTION": (Family.ENTITY, "", "Entity", "an entity mention whose type is not given"),
    "ENTITY_MENTION:PER": (Family.ENTITY, "PER", "Entity: person", "a person or group of people"),
    "ENTITY_MENTION:ORG": (Family.ENTITY, "ORG", "Entity: organisation", "a company, body or team"),
    "ENTITY_MENTION:LOC": (Family.ENTITY, "LOC", "Entity: location", "a place"),
    "ENTITY_MENTION:PRO": (Family.ENTITY, "PRO", "Entity: product", "a product or service"),
    "ENTITY_MENTION:FIN": (
        Family.ENTITY,
        "FIN",
        "Entity: financial",
        "a financial entity: an index, a currency, a share",
    ),
    "ENTITY_MENTION:MIX": (
        Family.ENTITY,
        "MIX",
        "Entity: mixed",
        "mentions of one instance that fall in several types",
    ),
    "TIMEX3": (Family.TIME, "", "Time expression", "a time expression whose type is not given"),
    "TIMEX3:DATE": (Family.TIME, "DATE", "Time: date", "a calendar date, a day, a month, a year"),
    "TIMEX3:TIME": (Family.TIME, "TIME", "Time: time", "a time of the day"),
    "TIMEX3:DURATION": (Family.TIME, "DURATION", "Time: duration", "how long something lasts"),
    "TIMEX3:SET": (Family.TIME, "SET", "Time: set", "how often something recurs (every week)"),
    "VALUE": (Family.VALUE, "", "Value", "a numeric value whose type is not given"),
    "VALUE:PERCENT": (Family.VALUE, "PERCENT", "Value: percent", "a percentage"),
    "VALUE:MONEY": (Family.VALUE, "MONEY", "Value: money", "a sum of money"),
    "VALUE:QUANTITY": (Family.VALUE, "QUANTITY", "Value: quantity", "an amount of something"),
    "SIGNAL": (Family.SIGNAL, "", "Signal: temporal", "a word that orders events in time"),
    "C-SIGNAL": (Family.SIGNAL, "", "Signal: causal", "a word that marks a cause (because)"),
}

_MEANTIME_CODE_PREFIX = {"ENTITY_MENTION": "ENTITY", "TIMEX3": "TIMEX3", "VALUE": "VALUE"}


def _build() -> dict[str, CatClass]:
    table: dict[str, CatClass] = {}
    for subclass, (word, meaning) in _ACTIONS.items():
        name = f"ACTION_{subclass}"
        table[name] = CatClass(
            name,
            Family.ACTION,
            f"ACTION.{subclass}",
            f"Action: {word}",
            f"ECB+ {name}: {meaning}.",
        )
        negated = f"NEG_ACTION_{subclass}"
        table[negated] = CatClass(
            negated,
            Family.ACTION,
            f"NEG-ACTION.{subclass}",
            f"Negated action: {word}",
            f"ECB+ {negated}: {meaning}, said not to happen (negated).",
            negated=True,
        )
    for name, (family, label, meaning) in _ENTITIES.items():
        table[name] = CatClass(name, family, name, label, f"ECB+ {name}: {meaning}.")
    for kind, (label, meaning) in _MEANTIME_EVENTS.items():
        name = f"EVENT_MENTION:{kind}" if kind else "EVENT_MENTION"
        code = f"EVENT.{kind.replace('_', '-')}" if kind else "EVENT.MENTION"
        written = f"EVENT_MENTION of an EVENT of class {kind}" if kind else "EVENT_MENTION"
        table[name] = CatClass(name, Family.ACTION, code, label, f"CAT {written}: {meaning}.")
    for name, (family, kind, label, meaning) in _MEANTIME_ENTITIES.items():
        tag = name.partition(":")[0]
        code = f"{_MEANTIME_CODE_PREFIX[tag]}_{kind}" if kind else tag
        if tag == "ENTITY_MENTION":
            written = f"ENTITY_MENTION of an ENTITY of type {kind}" if kind else tag
        else:
            written = f"{tag} of type {kind}" if kind else tag
        table[name] = CatClass(name, family, code, label, f"CAT {written}: {meaning}.")
    return table


CLASSES: dict[str, CatClass] = _build()
"""Every ECB+ class by its XML tag name."""

_BY_CODE = {each.code: each for each in CLASSES.values()}


KIND_FROM_INSTANCE = {"EVENT_MENTION": "class", "ENTITY_MENTION": "ent_type"}
"""MEANTIME tags whose kind is an attribute of the instance their chain refers to."""
KIND_ON_MARKABLE = frozenset({"TIMEX3", "VALUE"})
"""MEANTIME tags whose kind is the markable's own ``type`` attribute."""


def refined(cat_class: CatClass, kind: str | None) -> CatClass | None:
    """The class of a MEANTIME-style mention of ``kind`` (``PER``, ``DATE``…), or None
    when the tag has no such kind; the bare class stays for a mention without one."""
    if not kind:
        return cat_class
    return CLASSES.get(f"{cat_class.name}:{kind}")


_FAMILY_PREFIXES = (
    ("NEG_ACTION", Family.ACTION),
    ("ACTION", Family.ACTION),
    ("EVENT", Family.ACTION),
    ("NON_HUMAN_PART", Family.NON_HUMAN),
    ("HUMAN_PART", Family.HUMAN),
    ("LOC", Family.LOCATION),
    ("TIME", Family.TIME),
)
"""An unknown tag's family, from how it starts (``HUMAN_PART`` is a human participant)."""
_NOT_IN_CODE = re.compile(r"[^A-Z0-9_-]+")
_NOT_IN_EVENT_PART = re.compile(r"[^A-Za-z0-9-]+")
_LONGEST_CODE = 32


def _event_part(text: str) -> str:
    part = _NOT_IN_EVENT_PART.sub("-", text.replace("_", "-")).strip("-").upper()
    return part if part[:1].isalpha() else f"X{part}" if part else ""


@functools.lru_cache(maxsize=256)
def unknown_class(tag: str) -> CatClass:
    """A class for a tag gloss does not know (ECB+ has a few bare ``HUMAN_PART`` markables):
    kept as its own declared type, in the family its name starts with (an entity when it
    names none), so nothing the annotators wrote is lost."""
    upper = tag.upper()
    family = next(
        (found for prefix, found in _FAMILY_PREFIXES if upper.startswith(prefix)), Family.ENTITY
    )
    if family is Family.ACTION:
        head, _, rest = upper.partition("_")
        if head == "NEG":
            head, _, rest = rest.partition("_")
            head = f"NEG-{head}"
        code = f"{_event_part(head) or 'ACTION'}.{_event_part(rest) or 'OTHER'}"
    else:
        code = _NOT_IN_CODE.sub("-", upper).strip("-_")[:_LONGEST_CODE] or "UNKNOWN"
        if not code[0].isalpha():
            code = f"X{code}"[:_LONGEST_CODE]
    if code in _BY_CODE:  # a known class written otherwise (``action_occurrence``)
        code = f"{code}-AS-WRITTEN" if family is Family.ACTION else f"{code[:21]}-AS-WRITTEN"
    label = tag if family is Family.ENTITY else f"{family.value.capitalize()}: {tag}"
    return CatClass(
        tag,
        family,
        code,
        label,
        f"CAT class {tag}, which gloss does not know: kept as written"
        + ("." if family is Family.ENTITY else f", as a {family.value}."),
    )


def class_named(tag: str) -> CatClass:
    """The class of a markable's tag: a known one, else :func:`unknown_class`."""
    return CLASSES.get(tag) or unknown_class(tag)


def class_of_code(code: str) -> CatClass | None:
    """The ECB+ class a gloss type code was made from, if any."""
    return _BY_CODE.get(code)
