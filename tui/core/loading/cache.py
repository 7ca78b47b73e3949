"""A cache of resolved documents, so that opening an unchanged file reads no YAML.

``gloss FILE`` resolves the annotation file (parse, check, anchor every selector) and
keeps the result in ``$XDG_CACHE_HOME/gloss/documents/``, one JSON file per annotation
file. The next start finds it, makes sure it still answers for the files on disk and
builds the :class:`~tui.core.loading.result.LoadResult` from it without importing the
YAML reader or the loader.

What makes an entry answer for the files (all of it is checked on every read):

- gloss's version, the cache's format number and a fingerprint of the code that
  builds documents (see :func:`code_fingerprint`);
- the annotation file as it was named (its diagnostics say that name), the folder it
  was named from, and ``--allow-outside``;
- the SHA-256 of the annotation file's bytes, and of its article text's bytes, read
  now, and the text's resolved path: an edit, a save from the reader, a text replaced
  or a link pointed elsewhere all change what is checked, and the file is loaded anew.

The cache is data only: a line with the SHA-256 of the JSON that follows it, the JSON
read with :func:`json.loads` into plain lists, strings and numbers, then turned into
the model's classes by this module, which checks the type of every value, that every
span lies in the text and that every id pointed at exists. Anything else (a digest that
does not match, a file that is not JSON, a field of the wrong type, a span past the end,
a link, a FIFO or a folder in place of the file, a file over the cap, an entry of
another version or for other files) is a miss: the file is loaded as if there were no
cache, and the entry is written again. Nothing in an entry can run code; one forged
with a matching digest by someone who can write the user's cache folder can at worst
show other annotations of the same text. Reads go through
:mod:`tui.core.files.saferead`, writes through :mod:`tui.core.files.safewrite`.

Only loads without errors are kept (a file with errors is loaded every time, so its
errors are always found afresh).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui import __version__
from tui.core.document.dates import DateValue, Precision
from tui.core.document.diagnostics import Diagnostic, Position, Severity
from tui.core.document.model import (
    Argument,
    Document,
    DocumentInfo,
    Entity,
    Event,
    EventArgument,
    EventDate,
    Mention,
    Relation,
    Span,
    TypeInfo,
)
from tui.core.files.places import cache_dir
from tui.core.files.saferead import ReadRefused, read_capped, resolve_named
from tui.core.loading.limits import MAX_TEXT_BYTES, MAX_YAML_BYTES
from tui.core.loading.result import LoadResult
from tui.core.loading.sources import SourceMap

CACHE_FORMAT = 1
"""Raised whenever what an entry holds, or how, changes."""
FOLDER = "documents"
MAX_ENTRY_BYTES = 256 * 1024 * 1024
"""An entry larger than this is not read (it is not one gloss wrote)."""


_MAGIC = b"gloss-document-cache sha256:"
"""An entry's first line: this, then the SHA-256 of the JSON after it (a cut, a byte
changed, anything else written there is seen before a value of it is looked at)."""


class _Invalid(Exception):
    """The entry is not one this gloss wrote for these files."""


def entry_path(path: str, *, allow_outside: bool = False) -> Path:
    """Where the entry of the annotation file ``path`` (as named) is kept."""
    name = "\0".join((path, os.path.abspath(path), str(allow_outside)))
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return cache_dir() / FOLDER / f"{digest}.json"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _decode_text(data: bytes) -> str:
    """The article text as the loader decodes it (a BOM dropped, CRLF made LF)."""
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    return text.replace("\r\n", "\n") if "\r\n" in text else text


@functools.cache
def code_fingerprint() -> str:
    """What the code that builds a document looks like now: the size and time of each
    module of the loader, the model and the text primitives. A version number alone
    would serve an entry built by other code to anyone who runs gloss from a checkout
    (or upgrades between releases); a few dozen stats at start-up cost nothing."""
    core = Path(__file__).resolve().parent.parent
    stamps: list[str] = []
    for folder in ("loading", "document", "text"):
        try:
            entries = sorted(os.scandir(core / folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".py"):
                status = entry.stat()
                stamps.append(f"{folder}/{entry.name}:{status.st_size}:{status.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamps).encode("utf-8")).hexdigest()[:32]


def _header(path: str, allow_outside: bool) -> dict[str, Any]:
    return {
        "cache": CACHE_FORMAT,
        "gloss": __version__,
        "code": code_fingerprint(),
        "path": path,
        "folder": os.path.abspath(os.path.dirname(path) or "."),
        "allow_outside": allow_outside,
    }


# -- reading ---------------------------------------------------------------------------


def read_cached(path: str, *, allow_outside: bool = False) -> LoadResult | None:
    """The load of ``path`` from its cache entry, or None when there is no entry that
    answers for the files as they are now (never raises for what is on disk)."""
    try:
        raw = read_capped(
            str(entry_path(path, allow_outside=allow_outside)), MAX_ENTRY_BYTES, follow_links=False
        )
        return _result_of(json.loads(_body(raw)), path, allow_outside)
    except (ReadRefused, ValueError, OverflowError, _Invalid, RecursionError):
        return None  # json's errors are ValueErrors, and so are a bad date's or enum's


def _body(raw: bytes) -> bytes:
    """The JSON of an entry, once its first line's digest says it is whole."""
    head, newline, body = raw.partition(b"\n")
    if not newline or head != _MAGIC + _digest(body).encode("ascii"):
        raise _Invalid
    return body


def _result_of(entry: Any, path: str, allow_outside: bool) -> LoadResult:
    if not isinstance(entry, dict):
        raise _Invalid
    for key, value in _header(path, allow_outside).items():
        if entry.get(key) != value or type(entry.get(key)) is not type(value):
            raise _Invalid
    annotation = read_capped(path, MAX_YAML_BYTES)
    if entry.get("annotation") != _digest(annotation):
        raise _Invalid
    text_name = _str(entry.get("text_name"))
    real_text = resolve_named(path, text_name, allow_outside=allow_outside)
    if entry.get("text_file") != real_text:
        raise _Invalid
    text_bytes = read_capped(real_text, MAX_TEXT_BYTES)
    if entry.get("text") != _digest(text_bytes):
        raise _Invalid
    text = _decode_text(text_bytes)
    reader = _Reader(len(text))
    document = reader.document(entry.get("document"), text)
    diagnostics = tuple(reader.diagnostic(item) for item in _list(entry.get("diagnostics")))
    source = reader.source(entry.get("source"))
    return LoadResult(path, document, diagnostics, source)


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Invalid
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise _Invalid
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _Invalid
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _Invalid
    return value


def _fields(value: Any, count: int) -> list[Any]:
    found = _list(value)
    if len(found) != count:
        raise _Invalid
    return found


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(_str(item) for item in _list(value))


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in _list(value):
        first, second = _fields(item, 2)
        pairs.append((_str(first), _str(second)))
    return tuple(pairs)


def _position(value: Any) -> Position:
    line, column = _fields(value, 2)
    return Position(_int(line), _int(column))


class _Reader:
    """Turns an entry's lists back into the model, checking every value on the way."""

    def __init__(self, text_length: int) -> None:
        self.length = text_length

    def span(self, value: Any) -> Span:
        start, end = _fields(value, 2)
        start, end = _int(start), _int(end)
        if not 0 <= start <= end <= self.length:
            raise _Invalid
        return Span(start, end)

    def opt_span(self, value: Any) -> Span | None:
        return None if value is None else self.span(value)

    def date(self, value: Any) -> DateValue | None:
        if value is None:
            return None
        text, first, last, precision, is_range = _fields(value, 5)
        return DateValue(
            _str(text),
            dt.date.fromordinal(_int(first)),
            dt.date.fromordinal(_int(last)),
            Precision(_int(precision)),
            _bool(is_range),
        )

    def type_info(self, value: Any) -> TypeInfo:
        code, label, description, declared, source = _fields(value, 5)
        return TypeInfo(
            _str(code), _str(label), _str(description), _bool(declared), _opt_str(source)
        )

    def types(self, value: Any) -> dict[str, TypeInfo]:
        found = {}
        for item in _list(value):
            info = self.type_info(item)
            found[info.code] = info
        return found

    def mention(self, value: Any, entity_id: str, count: int) -> Mention:
        span, owner, index, parts, attributes = _fields(value, 5)
        if _str(owner) != entity_id or not 0 <= _int(index) < count:
            raise _Invalid
        return Mention(
            self.span(span),
            entity_id,
            _int(index),
            tuple(self.span(part) for part in _list(parts)),
            _pairs(attributes),
        )

    def entity(self, value: Any) -> Entity:
        id_, type_, name, aliases, description, links, mentions, attributes = _fields(value, 8)
        entity_id = _str(id_)
        return Entity(
            entity_id,
            _str(type_),
            _str(name),
            _strs(aliases),
            _opt_str(description),
            _pairs(links),
            tuple(self.mention(item, entity_id, len(mentions)) for item in _list(mentions)),
            _pairs(attributes),
        )

    def event_date(self, value: Any) -> EventDate | None:
        if value is None:
            return None
        date, text, span = _fields(value, 3)
        found = self.date(date)
        if found is None:
            raise _Invalid
        return EventDate(found, _opt_str(text), self.opt_span(span))

    def event(self, value: Any) -> Event:
        (
            id_,
            type_,
            summary,
            trigger,
            passage,
            date,
            realis,
            arguments,
            same_as,
            note,
            links,
            event_arguments,
            attributes,
        ) = _fields(value, 13)
        return Event(
            _str(id_),
            _str(type_),
            _str(summary),
            self.span(trigger),
            self.span(passage),
            self.event_date(date),
            _str(realis),
            tuple(Argument(role, entity) for role, entity in _pairs(arguments)),
            _opt_str(same_as),
            _opt_str(note),
            _pairs(links),
            tuple(EventArgument(role, event) for role, event in _pairs(event_arguments)),
            _pairs(attributes),
        )

    def relation(self, value: Any) -> Relation:
        type_, from_id, to_id, evidence, note, attributes, from_event, to_event = _fields(value, 8)
        return Relation(
            _str(type_),
            _str(from_id),
            _str(to_id),
            self.opt_span(evidence),
            _opt_str(note),
            _pairs(attributes),
            _bool(from_event),
            _bool(to_event),
        )

    def document(self, value: Any, text: str) -> Document:
        info, entities, events, relations, entity_types, event_types, relation_types = _fields(
            value, 7
        )
        id_, title, date, language, text_path, note = _fields(info, 6)
        document = Document(
            info=DocumentInfo(
                _str(id_),
                _opt_str(title),
                self.date(date),
                _opt_str(language),
                _str(text_path),
                _opt_str(note),
            ),
            text=text,
            entities=tuple(self.entity(item) for item in _list(entities)),
            events=tuple(self.event(item) for item in _list(events)),
            relations=tuple(self.relation(item) for item in _list(relations)),
            entity_types=self.types(entity_types),
            event_types=self.types(event_types),
            relation_types=self.types(relation_types),
        )
        _check_references(document)
        return document

    def diagnostic(self, value: Any) -> Diagnostic:
        path, position, severity, message = _fields(value, 4)
        return Diagnostic(_str(path), _position(position), Severity(_str(severity)), _str(message))

    def source(self, value: Any) -> SourceMap:
        entities, mentions, events, triggers, arguments, relations = _fields(value, 6)
        found = SourceMap()
        for item in _list(entities):
            key, position = _fields(item, 2)
            found.entities[_str(key)] = _position(position)
        for item in _list(mentions):
            key, span, position = _fields(item, 3)
            found.mentions[(_str(key), self.span(span))] = _position(position)
        for item in _list(events):
            key, position = _fields(item, 2)
            found.events[_str(key)] = _position(position)
        for item in _list(triggers):
            key, position = _fields(item, 2)
            found.triggers[_str(key)] = _position(position)
        for item in _list(arguments):
            event, role, entity, position = _fields(item, 4)
            found.arguments[(_str(event), _str(role), _str(entity))] = _position(position)
        found.relations.extend(_position(item) for item in _list(relations))
        return found


def _check_references(document: Document) -> None:
    """Every id an annotation points at is there, as the loader makes sure."""
    entities = {entity.id for entity in document.entities}
    events = {event.id for event in document.events}
    if len(entities) != len(document.entities) or len(events) != len(document.events):
        raise _Invalid
    for event in document.events:
        if any(argument.entity_id not in entities for argument in event.arguments):
            raise _Invalid
        if any(argument.event_id not in events for argument in event.event_arguments):
            raise _Invalid
        if event.same_as is not None and event.same_as not in events:
            raise _Invalid
    for relation in document.relations:
        for end, is_event in (
            (relation.from_id, relation.from_event),
            (relation.to_id, relation.to_event),
        ):
            if end not in (events if is_event else entities):
                raise _Invalid


# -- writing ---------------------------------------------------------------------------


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _date(value: DateValue | None) -> list[Any] | None:
    if value is None:
        return None
    return [
        value.text,
        value.first.toordinal(),
        value.last.toordinal(),
        int(value.precision),
        value.is_range,
    ]


def _types(types: Any) -> list[list[Any]]:
    return [
        [info.code, info.label, info.description, info.declared, info.source]
        for info in types.values()
    ]


def _document(document: Document) -> list[Any]:
    info = document.info
    return [
        [info.id, info.title, _date(info.date), info.language, info.text_path, info.note],
        [
            [
                entity.id,
                entity.type,
                entity.name,
                list(entity.aliases),
                entity.description,
                entity.links,
                [
                    [_span(m.span), m.entity_id, m.index, [_span(p) for p in m.parts], m.attributes]
                    for m in entity.mentions
                ],
                entity.attributes,
            ]
            for entity in document.entities
        ],
        [
            [
                event.id,
                event.type,
                event.summary,
                _span(event.trigger),
                _span(event.passage),
                None
                if event.date is None
                else [_date(event.date.value), event.date.text, _span(event.date.span)],
                event.realis,
                [[a.role, a.entity_id] for a in event.arguments],
                event.same_as,
                event.note,
                event.links,
                [[a.role, a.event_id] for a in event.event_arguments],
                event.attributes,
            ]
            for event in document.events
        ],
        [
            [
                relation.type,
                relation.from_id,
                relation.to_id,
                _span(relation.evidence),
                relation.note,
                relation.attributes,
                relation.from_event,
                relation.to_event,
            ]
            for relation in document.relations
        ],
        _types(document.entity_types),
        _types(document.event_types),
        _types(document.relation_types),
    ]


def _source(source: SourceMap) -> list[Any]:
    def position(at: Position) -> list[int]:
        return [at.line, at.column]

    return [
        [[key, position(at)] for key, at in source.entities.items()],
        [[key, _span(span), position(at)] for (key, span), at in source.mentions.items()],
        [[key, position(at)] for key, at in source.events.items()],
        [[key, position(at)] for key, at in source.triggers.items()],
        [[*key, position(at)] for key, at in source.arguments.items()],
        [position(at) for at in source.relations],
    ]


def entry_bytes(
    result: LoadResult,
    annotation: bytes,
    text_name: str,
    text_file: str,
    text: bytes,
    *,
    allow_outside: bool = False,
) -> bytes:
    """The entry for ``result``, loaded from the annotation file's bytes ``annotation``
    whose ``document.text`` is ``text_name``, resolved to ``text_file`` holding ``text``."""
    assert result.document is not None
    entry = {
        **_header(result.path, allow_outside),
        "annotation": _digest(annotation),
        "text_name": text_name,
        "text_file": text_file,
        "text": _digest(text),
        "document": _document(result.document),
        "diagnostics": [
            [d.path, [d.position.line, d.position.column], d.severity.value, d.message]
            for d in result.diagnostics
        ],
        "source": _source(result.source),
    }
    body = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )
    return _MAGIC + _digest(body).encode("ascii") + b"\n" + body


def load_cached(
    path: str, *, allow_outside: bool = False
) -> tuple[LoadResult, Callable[[], str | None] | None]:
    """Load the annotation file ``path``: from its cache entry when one answers for the
    files, else with the loader. With the load, what keeps it for the next time (None
    on a hit, or when there is nothing to keep): a function to call once the reader is
    on screen, which writes the entry and returns a one-line problem if it could not."""
    cached = read_cached(path, allow_outside=allow_outside)
    if cached is not None:
        return cached, None
    from tui.core.loading.loader import load

    # The bytes are read before loading: if the file changes in between, the entry
    # written holds their digests and the next start loads the file anew.
    keep = _planned_entry(path, allow_outside)
    result = load(path, allow_outside=allow_outside)
    if result.document is None or keep is None:
        return result, None
    return result, lambda: keep(result)


def _planned_entry(path: str, allow_outside: bool) -> Callable[[LoadResult], str | None] | None:
    try:
        annotation = read_capped(path, MAX_YAML_BYTES)
    except ReadRefused:
        return None

    def keep(result: LoadResult) -> str | None:
        assert result.document is not None
        try:
            if read_capped(path, MAX_YAML_BYTES) != annotation:
                return None  # changed while it was loaded: the next start loads it again
        except ReadRefused:
            return None
        text_name = os.path.relpath(result.document.info.text_path, os.path.dirname(path) or ".")
        return store(result, annotation, text_name, allow_outside=allow_outside)

    return keep


def store(
    result: LoadResult, annotation: bytes, text_name: str, *, allow_outside: bool = False
) -> str | None:
    """Write the cache entry of ``result`` (an annotation file read as ``annotation``,
    naming its text ``text_name``); a one-line problem when it cannot be written."""
    assert result.document is not None
    from tui.core.files.safewrite import WriteRefused, write_file

    try:
        text_file = resolve_named(result.path, text_name, allow_outside=allow_outside)
        text = read_capped(text_file, MAX_TEXT_BYTES)
        if _decode_text(text) != result.document.text:
            return None  # the text changed since it was loaded: nothing to keep
    except (ReadRefused, ValueError):
        return None  # the text went away or changed since: nothing to keep
    data = entry_bytes(result, annotation, text_name, text_file, text, allow_outside=allow_outside)
    target = entry_path(result.path, allow_outside=allow_outside)
    try:
        write_file(str(target), data, force=True)  # an entry gloss did not write is replaced
    except (WriteRefused, OSError) as refused:
        reason = refused.reason if isinstance(refused, WriteRefused) else str(refused)
        return f"The document cache is not kept ({target.parent}: {reason})"
    return None
