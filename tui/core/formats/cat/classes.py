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

from dataclasses import dataclass
from enum import StrEnum


class Family(StrEnum):
    """The five event components ECB+ annotates."""

    ACTION = "action"
    TIME = "time"
    LOCATION = "location"
    HUMAN = "human participant"
    NON_HUMAN = "non-human participant"


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


INSTANCE_ONLY_CLASSES = frozenset({"UNKNOWN_INSTANCE_TAG"})
"""Classes that only name the instance a chain refers to; they never anchor text."""

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
    return table


CLASSES: dict[str, CatClass] = _build()
"""Every ECB+ class by its XML tag name."""

_BY_CODE = {each.code: each for each in CLASSES.values()}


def class_of_code(code: str) -> CatClass | None:
    """The ECB+ class a gloss type code was made from, if any."""
    return _BY_CODE.get(code)
