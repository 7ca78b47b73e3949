"""UIMA CAS XMI (INCEpTION's default export) read with dkpro-cassis into :class:`Layered`.

An XMI names each annotation's type but not the type's features: those are in a type
system (``TypeSystem.xml`` beside it in INCEpTION's export). The type system is the one
given (``--typesystem``), else a ``TypeSystem.xml`` / ``typesystem.xml`` beside the
XMI, each merged onto DKPro Core's (which cassis ships: INCEpTION's built-in layers);
else DKPro Core's alone. A type the XMI uses that none of these declares is an error
naming it: cassis's lenient mode would skip those annotations, and a file is never
read in part.

cassis parses with lxml, which expands internal entities. So the bytes first go
through gloss's hardened parser (defusedxml: entity declarations and external
entities refused), capped at 32 MB like every XML input; only XML that passes is
handed to cassis, with its own security restrictions on (``trusted=False``).
"""

from __future__ import annotations

import os
from typing import Any

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.files.saferead import ReadRefused, resolve_found
from tui.core.formats.webanno.layered import (
    TOKEN,
    LayerChain,
    Layered,
    LayerRelation,
    LayerSpan,
)

TYPESYSTEM_NAMES = ("TypeSystem.xml", "typesystem.xml")

_STRUCTURE = frozenset(
    {
        "uima.tcas.DocumentAnnotation",
        "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData",
        "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.TagsetDescription",
        TOKEN,
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence",
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Paragraph",
    }
)
"""Types that shape the text rather than annotate it: not kept (a token a relation
names is kept as a span of the Token layer)."""

_RELATION_ENDS = ("Governor", "Dependent")
_OWN = frozenset({"sofa", "begin", "end", "next", "first", *_RELATION_ENDS})


class _Tags:
    """The hardened pre-pass's target: the types the XMI's elements name."""

    def __init__(self) -> None:
        self.types: set[str] = set()
        self.depth = 0
        self.root = ""

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth == 1:
            self.root = tag
        elif self.depth == 2 and tag.startswith("{"):
            namespace, local = tag[1:].split("}", 1)
            self.types.add(_type_name(namespace, local))

    def end(self, tag: str) -> None:
        self.depth -= 1

    def data(self, data: str) -> None:
        pass

    def close(self) -> None:
        pass


def _type_name(namespace: str, local: str) -> str:
    """``http:///de/tudarmstadt/.../ner/type.ecore`` + ``NamedEntity`` → the type name."""
    path = namespace.removeprefix("http:///").removesuffix(".ecore")
    return ".".join([*(part for part in path.split("/") if part), local])


def _vet(data: bytes, path: str, sink: DiagnosticSink) -> _Tags | None:
    """Parse ``data`` with the hardened parser; its root and the types it uses, or None."""
    from defusedxml.ElementTree import DefusedXMLParser

    from tui.core.formats.cat.parse import feed_hardened

    tags = _Tags()
    parser = DefusedXMLParser(target=tags)
    expat = parser.parser

    def here() -> Position:
        return Position(expat.CurrentLineNumber, expat.CurrentColumnNumber + 1)

    sub = DiagnosticSink(path)
    if not feed_hardened(parser, data, sub, here):
        for problem in sub.sorted():
            sink.error(problem.position, problem.message)
        return None
    return tags


def _read(path: str, sink: DiagnosticSink) -> bytes | None:
    from tui.core.formats.cat.parse import read_bytes

    return read_bytes(path, sink)


def read_xmi(
    path: str,
    sink: DiagnosticSink,
    *,
    typesystem_path: str | None = None,
    data: bytes | None = None,
) -> Layered | None:
    """The layered annotations of one XMI file (its bytes, when already read); None
    (errors in ``sink``) when it cannot be read whole."""
    if data is None:
        data = _read(path, sink)
    if data is None:
        return None
    tags = _vet(data, path, sink)
    if tags is None:
        return None
    used = tags.types
    if tags.root != "{http://www.omg.org/XMI}XMI" or "uima.cas.Sofa" not in used:
        sink.error(Position(1, 1), "not a UIMA CAS XMI file: no xmi:XMI root with a cas:Sofa")
        return None
    import cassis

    typesystem = cassis.load_dkpro_core_typesystem()
    _add_metadata(typesystem)
    given = typesystem_path
    if given is None:
        folder = os.path.dirname(path) or "."
        for name in TYPESYSTEM_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                try:
                    resolve_found(folder, candidate)
                except ReadRefused as refused:
                    sink.error(Position(1, 1), f"{candidate}: {refused.reason}")
                    return None
                given = candidate
                break
    if given is not None:
        ts_sink = DiagnosticSink(given)
        ts_data = _read(given, ts_sink)
        if ts_data is None or _vet(ts_data, given, ts_sink) is None:
            for problem in ts_sink.sorted():
                sink.error(problem.position, f"{given}: {problem.message}")
            return None
        try:
            own = cassis.load_typesystem(ts_data.decode("utf-8"))
            typesystem = cassis.merge_typesystems(typesystem, own)
        except Exception as error:  # cassis raises plain exceptions on bad type systems
            sink.error(Position(1, 1), f"{given}: not a UIMA type system: {error}")
            return None
    known = {t.name for t in typesystem.get_types(built_in=True)}
    unknown = sorted(
        name
        for name in used
        if name not in known
        and not name.startswith(("http://www.omg.org/XMI.", "uima.cas."))
        and name != "uima.tcas.DocumentAnnotation"
    )
    if unknown:
        where = (
            "the type system given" if given else "DKPro Core's types (no TypeSystem.xml beside it)"
        )
        sink.error(
            Position(1, 1),
            f"{len(unknown)} type(s) used here are not in {where}: {', '.join(unknown[:5])}"
            + (" …" if len(unknown) > 5 else "")
            + "; pass --typesystem TypeSystem.xml (INCEpTION's XMI export has it beside the"
            " .xmi); nothing is imported",
        )
        return None
    try:
        cas = cassis.load_cas_from_xmi(data.decode("utf-8"), typesystem=typesystem)
    except Exception as error:  # lxml and cassis raise many kinds; each is the file's fault
        sink.error(Position(1, 1), f"cassis cannot read this XMI: {one_line_error(error)}")
        return None
    return _layered(cas, typesystem, sink)


DOCUMENT_METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
_METADATA_FEATURES = {
    "documentTitle": "uima.cas.String",
    "documentId": "uima.cas.String",
    "documentUri": "uima.cas.String",
    "collectionId": "uima.cas.String",
    "documentBaseUri": "uima.cas.String",
    "isLastSegment": "uima.cas.Boolean",
}


def _add_metadata(typesystem: Any) -> None:
    """DKPro Core's ``DocumentMetaData`` (every INCEpTION XMI has one; the title), which
    the type system cassis ships lacks."""
    if typesystem.contains_type(DOCUMENT_METADATA):
        return
    meta = typesystem.create_type(DOCUMENT_METADATA, supertypeName="uima.tcas.DocumentAnnotation")
    for name, range_type in _METADATA_FEATURES.items():
        typesystem.create_feature(meta, name, range_type)


def one_line_error(error: Exception) -> str:
    return f"{type(error).__name__}: {' '.join(str(error).split())[:300]}"


def _value(value: Any) -> str | None:
    if value is None or isinstance(value, bool | int | float | str):
        return (
            None if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        )
    return None


def _layered(cas: Any, typesystem: Any, sink: DiagnosticSink) -> Layered | None:
    text = cas.sofa_string or ""
    layered = Layered(text)
    for meta in (
        cas.select(DOCUMENT_METADATA) if typesystem.contains_type(DOCUMENT_METADATA) else []
    ):
        title = meta.get("documentTitle")
        if isinstance(title, str) and title.strip():
            layered.title = title.strip()
    index_of: dict[int, int] = {}
    pending_relations: list[Any] = []
    chains: list[Any] = []
    slots: list[tuple[Any, str, Any]] = []
    link_types: set[str] = set()
    everything = list(cas.select_all_fs())
    for fs in everything:
        for feature in fs.type.all_features:
            if feature.name == "first":
                link_types.add(
                    typesystem.get_type(fs.type.name).get_feature("first").rangeType.name
                )
    for fs in everything:
        name = fs.type.name
        features = {f.name for f in fs.type.all_features}
        if "first" in features:
            chains.append(fs)
            continue
        if not typesystem.is_instance_of(name, "uima.tcas.Annotation") or name in _STRUCTURE:
            continue
        if _RELATION_ENDS[0] in features and _RELATION_ENDS[1] in features:
            pending_relations.append(fs)
            continue
        kept: list[tuple[str, str]] = []
        for feature in fs.type.all_features:
            if feature.name in _OWN:
                continue
            value = fs.get(feature.name)
            as_text = _value(value)
            if as_text is not None:
                kept.append((feature.name, as_text))
            elif value is not None and hasattr(value, "elements"):
                for link in value.elements or []:
                    if link is not None and hasattr(link, "target"):
                        slots.append((fs, f"{name}:{feature.name}_{link.type.name}", link))
        index_of[fs.xmiID] = len(layered.spans)
        layered.spans.append(LayerSpan(name, fs.begin, fs.end, kept))

    def span_of(fs: Any) -> int | None:
        if fs is None:
            return None
        if fs.xmiID not in index_of:
            if not typesystem.is_instance_of(fs.type.name, "uima.tcas.Annotation"):
                return None
            index_of[fs.xmiID] = len(layered.spans)
            layered.spans.append(LayerSpan(fs.type.name, fs.begin, fs.end, []))
        return index_of[fs.xmiID]

    for fs in pending_relations:
        governor, dependent = span_of(fs.get("Governor")), span_of(fs.get("Dependent"))
        if governor is None or dependent is None:
            sink.error(
                Position(1, 1),
                f"a {fs.type.name} (xmi:id {fs.xmiID}) lacks a governor or dependent",
            )
            continue
        kept = [
            (f.name, v)
            for f in fs.type.all_features
            if f.name not in _OWN and (v := _value(fs.get(f.name))) is not None
        ]
        layered.relations.append(LayerRelation(fs.type.name, governor, dependent, kept))
    for host, slot, link in slots:
        target = span_of(link.target)
        role = _value(link.get("role")) if hasattr(link, "get") else None
        if target is None:
            continue
        layered.relations.append(
            LayerRelation(
                host.type.name,
                index_of[host.xmiID],
                target,
                [("role", role)] if role else [],
                slot=slot,
            )
        )
    for chain in chains:
        links: list[int] = []
        link = chain.get("first")
        seen: set[int] = set()
        while link is not None and link.xmiID not in seen:
            seen.add(link.xmiID)
            index = index_of.get(link.xmiID)
            if index is not None:
                links.append(index)
            link = link.get("next") if "next" in {f.name for f in link.type.all_features} else None
        if links:
            layered.chains.append(LayerChain(layered.spans[links[0]].layer, links))
    return None if sink.has_errors else layered
