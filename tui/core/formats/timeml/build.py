"""One parsed TimeML file → a gloss :class:`Document`.

* The ``TIMEX3`` of the document creation time (in ``DCT``, or with
  ``functionInDocument`` ``CREATION_TIME``/``PUBLICATION_TIME``) gives the document's
  date; a ``TITLE`` its title.
* Every ``EVENT`` in ``TEXT`` is an event (its words the trigger) of type
  ``TIMEML.<CLASS>``; its attributes and those of its first ``MAKEINSTANCE`` are the
  event's attributes, as written. Further instances of one event are named in its note.
* Every ``TIMEX3`` and ``SIGNAL`` in ``TEXT`` is an entity with one mention, of type
  ``TIMEX3_<TYPE>`` or ``SIGNAL`` (as ``gloss import cat`` makes of MEANTIME's), the
  tag's attributes on the mention. A ``TIMEX3`` of type ``DATE`` or ``TIME`` without a
  ``value`` is read by :func:`tui.core.timeline.timex.normalise` against the document date; the
  result is the mention's ``computed_value``.
* ``TLINK``, ``SLINK`` and ``ALINK`` are relations ``tlink-before``, ``slink-modal``…
  between the events and entities of their ends. A link to a time without words (the
  creation time, an empty ``TIMEX3``) cannot be a relation; it is written on the other
  end, ``tlink_dct: BEFORE`` (the end's side of the link).
* An event linked by ``IS_INCLUDED``, ``DURING``, ``SIMULTANEOUS`` or ``IDENTITY`` (or
  their inverses, from the time's side) to a time with a calendar value takes its date:
  the most precise such time, words before none, then the first. A date from a computed
  value says so in the event's note, which marks it guessed (``~``) on the timeline.
* Realis is ``planned`` for an event in the future tense or dated after the document,
  ``actual`` otherwise; polarity and modality stay attributes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.document.dates import DateValue, parse_date
from tui.core.document.diagnostics import DiagnosticSink
from tui.core.document.model import (
    DEFAULT_ENTITY_TYPES,
    DEFAULT_EVENT_TYPES,
    Document,
    DocumentInfo,
    Entity,
    Event,
    EventDate,
    Mention,
    Relation,
    Span,
    TypeInfo,
)
from tui.core.formats.common import IdAllocator, relation_type_for
from tui.core.formats.timeml.parse import Element, Tag, TimeMLFile
from tui.core.text.fitting import shorten_at_word
from tui.core.text.sentences import sentence_around
from tui.core.timeline.timex import TimeValue, normalise, parse_value

CREATION_FUNCTIONS = ("CREATION_TIME", "PUBLICATION_TIME")
DATING_RELTYPES = {
    # relType, and whether the event is the link's source: the time holds the event.
    ("IS_INCLUDED", True),
    ("DURING", True),
    ("SIMULTANEOUS", True),
    ("IDENTITY", True),
    ("INCLUDES", False),
    ("DURING_INV", False),
    ("SIMULTANEOUS", False),
    ("IDENTITY", False),
}
INVERSE_RELTYPES = {
    "BEFORE": "AFTER",
    "AFTER": "BEFORE",
    "IBEFORE": "IAFTER",
    "IAFTER": "IBEFORE",
    "INCLUDES": "IS_INCLUDED",
    "IS_INCLUDED": "INCLUDES",
    "BEGINS": "BEGUN_BY",
    "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY",
    "ENDED_BY": "ENDS",
    "DURING": "DURING_INV",
    "DURING_INV": "DURING",
}
"""A TLINK's relType read from its other end (the ones missing are their own inverse)."""

EVENT_CLASSES: dict[str, tuple[str, str]] = {
    "OCCURRENCE": ("occurrence", "something that happens or takes place"),
    "REPORTING": ("reporting", "saying, telling or reporting something"),
    "PERCEPTION": ("perception", "seeing, hearing or otherwise perceiving something"),
    "ASPECTUAL": ("aspectual", "the start, continuation or end of another event"),
    "I_ACTION": ("intensional action", "an action that introduces another event (try, plan)"),
    "I_STATE": ("intensional state", "a state that introduces another event (want, believe)"),
    "STATE": ("state", "a circumstance that holds for some time"),
}
TIMEX_TYPES: dict[str, tuple[str, str]] = {
    "DATE": ("Time: date", "a calendar date, a day, a month, a year"),
    "TIME": ("Time: time", "a time of the day"),
    "DURATION": ("Time: duration", "how long something lasts"),
    "SET": ("Time: set", "how often something recurs (every week)"),
}
_LINK_ENDS = {
    # the link's kind: (its source attributes, its target attributes), event instance first
    "TLINK": (("eventInstanceID", "timeID"), ("relatedToEventInstance", "relatedToTime")),
    "SLINK": (("eventInstanceID",), ("subordinatedEventInstance",)),
    "ALINK": (("eventInstanceID",), ("relatedToEventInstance",)),
}
_END_ATTRIBUTES = frozenset(name for ends in _LINK_ENDS.values() for side in ends for name in side)
_LONGEST_NAME = 120


@dataclass(frozen=True, slots=True)
class _Time:
    """A ``TIMEX3`` and the calendar period it names, if any."""

    tag: Tag
    period: TimeValue | None
    computed: bool
    """Whether the period was read from the words (the tag gives no value)."""
    entity_id: str | None
    """The entity it became; None for a time without words."""


@dataclass(frozen=True, slots=True)
class _End:
    """What a link end names: an event, an entity, or a time without words."""

    gloss_id: str | None
    is_event: bool
    time: _Time | None


def _shortened(words: str) -> str:
    return shorten_at_word(" ".join(words.split()), _LONGEST_NAME)


def _where(element: Tag | Element) -> str:
    for key in ("eid", "tid", "sid", "eiid", "lid"):
        value = element.attribute(key)
        if value:
            return f"<{element.name}> {key} {value}"
    return f"<{element.name}>"


def _is_creation_time(tag: Tag) -> bool:
    return tag.name == "TIMEX3" and (
        tag.in_dct or tag.attribute("functionInDocument") in CREATION_FUNCTIONS
    )


def _calendar_period(tag: Tag, anchor: dt.date | None) -> tuple[TimeValue | None, bool]:
    """The period a ``TIMEX3`` names and whether it was computed from its words."""
    if tag.attribute("type") not in (None, "DATE", "TIME"):
        return None, False
    value = tag.attribute("value")
    if value is not None:
        return parse_value(value), False
    found = normalise(tag.words, anchor)
    return found, found is not None


def _date_value(period: TimeValue) -> DateValue:
    return parse_date(period.date_text)


class _Builder:
    def __init__(self, timeml: TimeMLFile, sink: DiagnosticSink) -> None:
        self.timeml = timeml
        self.sink = sink
        self.text = timeml.text
        self.document_date: DateValue | None = None
        self.anchor: dt.date | None = None
        self.times: dict[str, _Time] = {}
        self.creation_tid: str | None = None
        self.entities: list[Entity] = []
        self.entity_types: dict[str, TypeInfo] = {}
        self.event_tags: dict[str, tuple[Tag, str]] = {}
        """Each ``EVENT`` in the text by eid, with the gloss event id it becomes."""
        self.instance_of: dict[str, str] = {}
        """Each ``MAKEINSTANCE``'s eiid → the eid of its event."""
        self.instances: dict[str, list[Element]] = {}
        self.extra: dict[str, dict[str, list[str]]] = {}
        """Attributes a link to a time without words leaves on its other end, by id."""
        self.dates: dict[str, tuple[tuple[int, bool, int], _Time]] = {}
        self.relations: list[Relation] = []
        self.relation_types: dict[str, TypeInfo] = {}

    def read_creation_time(self) -> None:
        for tag in self.timeml.tags:
            if not _is_creation_time(tag):
                continue
            period, computed = _calendar_period(tag, None)
            if period is None:
                self.sink.warning(
                    tag.position,
                    f"{_where(tag)}: the creation time has no calendar value; the document"
                    " is undated",
                )
                continue
            if computed:
                self.sink.warning(
                    tag.position,
                    f"{_where(tag)}: the creation time has no value; '{_shortened(tag.words)}'"
                    f" is read as {period.value}",
                )
            self.document_date = _date_value(period)
            self.anchor = period.start if period.start == period.end else None
            self.creation_tid = tag.attribute("tid")
            return

    def read_tags(self) -> None:
        entity_ids = IdAllocator()
        event_ids = IdAllocator()
        seen: set[str] = set()
        for tag in self.timeml.tags:
            key = tag.attribute({"EVENT": "eid", "TIMEX3": "tid", "SIGNAL": "sid"}[tag.name])
            if key is None:
                self.sink.error(tag.position, f"{_where(tag)} has no id; it is left out")
                continue
            if key in seen:
                self.sink.error(tag.position, f"{_where(tag)}: the id is used twice; left out")
                continue
            seen.add(key)
            words_found = tag.in_text and tag.start < tag.end and bool(tag.words.strip())
            if tag.name == "TIMEX3":
                self._read_time(tag, key, entity_ids if words_found else None)
            elif not words_found:
                where = "has no words" if tag.in_text else "is outside <TEXT>"
                self.sink.warning(tag.position, f"{_where(tag)} {where}; it is left out")
            elif tag.name == "EVENT":
                self.event_tags[key] = (tag, event_ids.take(tag.words, "event"))
            else:
                self._add_entity(tag, "SIGNAL", entity_ids.take(tag.words, "signal"), ())

    def _read_time(self, tag: Tag, tid: str, entity_ids: IdAllocator | None) -> None:
        # The creation time is the anchor of the others, not relative to itself.
        anchor = None if tid == self.creation_tid else self.anchor
        period, computed = _calendar_period(tag, anchor)
        if entity_ids is None:
            if tag.in_text and tid != self.creation_tid:
                self.sink.warning(
                    tag.position, f"{_where(tag)} has no words; it is kept as a time without text"
                )
            self.times[tid] = _Time(tag, period, computed, None)
            return
        kind = tag.attribute("type")
        code = f"TIMEX3_{kind}" if kind in TIMEX_TYPES else "TIMEX3"
        entity_id = entity_ids.take(tag.words, "timex")
        extra = (("computed_value", period.value),) if computed and period is not None else ()
        self._add_entity(tag, code, entity_id, extra)
        self.times[tid] = _Time(tag, period, computed, entity_id)

    def _add_entity(
        self, tag: Tag, code: str, entity_id: str, extra: Sequence[tuple[str, str]]
    ) -> None:
        if code not in self.entity_types:
            self.entity_types[code] = _entity_type(code)
        self.entities.append(
            Entity(
                id=entity_id,
                type=code,
                name=_shortened(tag.words) or code,
                aliases=(),
                description=None,
                links=(),
                mentions=(
                    Mention(Span(tag.start, tag.end), entity_id, 0, (), (*tag.attributes, *extra)),
                ),
            )
        )

    def read_instances(self) -> None:
        seen: set[str] = set()
        every_eid = {tag.attribute("eid") for tag in self.timeml.tags}
        for instance in self.timeml.instances:
            eiid, eid = instance.attribute("eiid"), instance.attribute("eventID")
            if eiid is None or eid is None:
                self.sink.error(
                    instance.position, f"{_where(instance)} needs an eiid and an eventID; left out"
                )
                continue
            if eiid in seen:
                self.sink.error(instance.position, f"{_where(instance)}: the eiid is used twice")
                continue
            seen.add(eiid)
            if eid not in self.event_tags:
                if eid not in every_eid:  # else an event left out, already reported
                    self.sink.error(
                        instance.position,
                        f"{_where(instance)} points at eventID {eid}, which is not in the file",
                    )
                continue
            self.instance_of[eiid] = eid
            self.instances.setdefault(eid, []).append(instance)

    def _end(self, link: Element, names: Sequence[str]) -> _End | None:
        for name in names:
            value = link.attribute(name)
            if value is None:
                continue
            if name in ("timeID", "relatedToTime"):
                time = self.times.get(value)
                if time is None:
                    self.sink.error(
                        link.position, f"{_where(link)} points at tid {value}, not in the file"
                    )
                    return None
                return _End(time.entity_id, False, time)
            eid = self.instance_of.get(value)
            if eid is None:
                self.sink.error(
                    link.position,
                    f"{_where(link)} points at eiid {value}, which is not an instance of an"
                    " event in the text",
                )
                return None
            return _End(self.event_tags[eid][1], True, None)
        self.sink.error(
            link.position, f"{_where(link)} needs one of {', '.join(names)}; it is not read"
        )
        return None

    def read_links(self) -> None:
        for order, link in enumerate(self.timeml.links):
            source_names, target_names = _LINK_ENDS[link.name]
            source = self._end(link, source_names)
            target = self._end(link, target_names) if source is not None else None
            if source is None or target is None:
                continue
            reltype = link.attribute("relType")
            if link.name == "TLINK" and reltype is not None:
                self._date_from(source, target, reltype, order)
            if source.gloss_id is None or target.gloss_id is None:
                self._on_the_other_end(source, target, reltype or link.name)
                continue
            written = f"{link.name} {reltype}" if reltype else link.name
            code = relation_type_for(written.replace("_", "-"))
            if code not in self.relation_types:
                self.relation_types[code] = TypeInfo(
                    code,
                    written,
                    f"TimeML {link.name}"
                    + (f" of type {reltype}" if reltype else "")
                    + ", as written in the source",
                    declared=True,
                    source=written,
                )
            self.relations.append(
                Relation(
                    code,
                    source.gloss_id,
                    target.gloss_id,
                    None,
                    attributes=tuple(
                        pair
                        for pair in link.attributes
                        if pair[0] not in _END_ATTRIBUTES and pair[0] != "relType"
                    ),
                    from_event=source.is_event,
                    to_event=target.is_event,
                )
            )

    def _on_the_other_end(self, source: _End, target: _End, reltype: str) -> None:
        """A link with a time without words at one end: written on the other end."""
        if source.gloss_id is None and target.gloss_id is None:
            return  # two times without words (the creation time and an empty TIMEX3)
        if source.gloss_id is None:
            source, target = target, source
            reltype = INVERSE_RELTYPES.get(reltype, reltype)
        assert source.gloss_id is not None and target.time is not None
        tid = target.time.tag.attribute("tid") or ""
        name = "tlink_dct" if tid == self.creation_tid else f"tlink_{tid}"
        self.extra.setdefault(source.gloss_id, {}).setdefault(name, []).append(reltype)

    def _date_from(self, source: _End, target: _End, reltype: str, order: int) -> None:
        if source.is_event and target.time is not None:
            event_id, time, event_is_source = source.gloss_id, target.time, True
        elif target.is_event and source.time is not None:
            event_id, time, event_is_source = target.gloss_id, source.time, False
        else:
            return
        if event_id is None or time.period is None:
            return
        if (reltype, event_is_source) not in DATING_RELTYPES:
            return
        days = (time.period.end - time.period.start).days
        rank = (days, time.entity_id is None, order)
        if event_id not in self.dates or rank < self.dates[event_id][0]:
            self.dates[event_id] = (rank, time)

    def events(self) -> list[Event]:
        events: list[Event] = []
        for eid, (tag, event_id) in self.event_tags.items():
            trigger = Span(tag.start, tag.end)
            instances = self.instances.get(eid, [])
            attributes = list(tag.attributes)
            names = {name for name, _ in attributes}
            if instances:
                attributes += [
                    pair
                    for pair in instances[0].attributes
                    if pair[0] not in names and pair[0] != "eventID"
                ]
            note = [
                f"also TimeML instance {_instance_words(instance)}" for instance in instances[1:]
            ]
            date: EventDate | None = None
            dated = self.dates.get(event_id)
            if dated is not None:
                time = dated[1]
                assert time.period is not None
                span = Span(time.tag.start, time.tag.end) if time.entity_id else None
                words = " ".join(time.tag.words.split()) if span else None
                date = EventDate(_date_value(time.period), words, span)
                if time.computed:
                    note.append(
                        f"Date inferred by gloss: the TIMEX3 '{_shortened(time.tag.words)}' has"
                        f" no value and is read as {time.period.value}"
                        + (
                            f" against the document date {self.document_date.text}."
                            if self.document_date and time.period.anchored
                            else "."
                        )
                    )
            future = dict(attributes).get("tense") == "FUTURE"
            later = (
                date is not None
                and self.document_date is not None
                and date.value.first > self.document_date.last
            )
            for name, values in self.extra.get(event_id, {}).items():
                attributes.append((name, ", ".join(values)))
            events.append(
                Event(
                    id=event_id,
                    type=_event_code(tag.attribute("class")),
                    summary=_shortened(tag.words),
                    trigger=trigger,
                    passage=sentence_around(self.text, trigger),
                    date=date,
                    realis="planned" if future or later else "actual",
                    arguments=(),
                    same_as=None,
                    note="; ".join(note) if note else None,
                    attributes=tuple(attributes),
                )
            )
        return events

    def entities_with_link_attributes(self) -> list[Entity]:
        if not self.extra:
            return self.entities
        changed: list[Entity] = []
        for entity in self.entities:
            extra = self.extra.get(entity.id)
            if extra:
                [mention] = entity.mentions
                added = tuple((name, ", ".join(values)) for name, values in extra.items())
                mention = Mention(mention.span, entity.id, 0, (), (*mention.attributes, *added))
                entity = Entity(entity.id, entity.type, entity.name, (), None, (), (mention,))
            changed.append(entity)
        return changed


def _instance_words(instance: Element) -> str:
    return ", ".join(f"{k} {v}" for k, v in instance.attributes if k != "eventID" and v)


def _event_code(timeml_class: str | None) -> str:
    if timeml_class in EVENT_CLASSES:
        return f"TIMEML.{timeml_class.replace('_', '-')}"
    return "TIMEML.EVENT"


def _event_type(code: str) -> TypeInfo:
    written = code.partition(".")[2].replace("-", "_")
    if written in EVENT_CLASSES:
        word, meaning = EVENT_CLASSES[written]
        return TypeInfo(
            code, f"Event: {word}", f"TimeML EVENT of class {written}: {meaning}.", True, written
        )
    return TypeInfo(code, "Event", "TimeML EVENT whose class is not given.", True, "EVENT")


def _entity_type(code: str) -> TypeInfo:
    if code == "SIGNAL":
        return TypeInfo(
            code, "Signal: temporal", "TimeML SIGNAL: a word that orders events in time.", True
        )
    kind = code.partition("_")[2]
    if kind in TIMEX_TYPES:
        label, meaning = TIMEX_TYPES[kind]
        return TypeInfo(
            code, label, f"TimeML TIMEX3 of type {kind}: {meaning}.", True, f"TIMEX3 {kind}"
        )
    return TypeInfo(code, "Time expression", "TimeML TIMEX3 whose type is not given.", True)


def build(timeml: TimeMLFile, *, doc_id: str, text_name: str, sink: DiagnosticSink) -> Document:
    """The gloss document of one TimeML file; every problem goes to ``sink``."""
    builder = _Builder(timeml, sink)
    builder.read_creation_time()
    builder.read_tags()
    builder.read_instances()
    builder.read_links()
    events = sorted(builder.events(), key=lambda e: (e.trigger.start, e.trigger.end, e.id))
    # Tags are recorded where they end: an outer TIMEX3 after the one inside it.
    entities = sorted(
        builder.entities_with_link_attributes(),
        key=lambda e: (e.mentions[0].span.start, -e.mentions[0].span.end),
    )
    used_events = sorted({event.type for event in events})
    return Document(
        info=DocumentInfo(doc_id, timeml.title, builder.document_date, "en", text_name),
        text=timeml.text,
        entities=tuple(entities),
        events=tuple(events),
        relations=tuple(builder.relations),
        relation_types=builder.relation_types,
        entity_types={
            **{code: TypeInfo(code, *v) for code, v in DEFAULT_ENTITY_TYPES.items()},
            **dict(sorted(builder.entity_types.items())),
        },
        event_types={
            **{code: TypeInfo(code, *v) for code, v in DEFAULT_EVENT_TYPES.items()},
            **{code: _event_type(code) for code in used_events},
        },
    )
