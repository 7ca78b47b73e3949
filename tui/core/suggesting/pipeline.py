"""Mentions an NLP pipeline finds: a spaCy pipeline's entities, as the file's types.

spaCy is optional (``pip install 'gloss-tui[nlp]'``) and imported only here, only when
a pipeline is loaded (:func:`load_pipeline`): nothing else in gloss needs it. The
pipeline is the user's: an installed package such as ``en_core_web_sm`` or a folder
one saved (``nlp.to_disk``); both are loaded by ``spacy.load``.

**Labels become types** through a mapping (:data:`DEFAULT_LABELS`, OntoNotes' labels
and the PER/LOC/ORG/MISC of spaCy's other languages, which ``[suggest.labels]`` in
``config.toml`` extends or overrides). A label mapped to nothing (dates, numbers by
default, or any label set to ``""``) is left out; a label the mapping does not know is
kept as it is when the file declares a type of that name, else left out. Every label
left out is counted, so the user can see what to map.

**Mentions of one text are grouped as the imports group them**
(:mod:`tui.core.formats.grouping`): one type and one text (white space folded) is one
entity, named by that text; the review proposes them as one entity, or as a mention of
the file's own entity of that type and name.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tui.core.formats.grouping import same_text_key
from tui.core.suggesting.suggestions import Found

INSTALL_HINT = "pip install 'gloss-tui[nlp]'"
"""How to get spaCy, in the words a user types."""

DEFAULT_LABELS: Mapping[str, str] = {
    # OntoNotes 5 (spaCy's English, Chinese, ... pipelines)
    "PERSON": "PER",
    "NORP": "NORP",
    "FAC": "FAC",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "PRODUCT": "PRODUCT",
    "EVENT": "EVENT",
    "WORK_OF_ART": "WORK_OF_ART",
    "LAW": "LAW",
    "LANGUAGE": "LANGUAGE",
    "MONEY": "MONEY",
    "DATE": "",
    "TIME": "",
    "PERCENT": "",
    "QUANTITY": "",
    "ORDINAL": "",
    "CARDINAL": "",
    # WikiNER and CoNLL (spaCy's German, French, Spanish, ... pipelines)
    "PER": "PER",
    "MISC": "MISC",
}
"""spaCy's entity labels → gloss entity types (``""``: not proposed)."""


class PipelineMissing(Exception):
    """spaCy is not installed: the message says how to install it."""


class PipelineNotFound(Exception):
    """No pipeline of that name or folder could be loaded: the message says why."""


def load_pipeline(name: str) -> Any:
    """The spaCy pipeline ``name`` (an installed package or a saved folder), loaded as
    spaCy loads it; :class:`PipelineMissing` without spaCy, :class:`PipelineNotFound`
    when spaCy cannot load it."""
    try:
        spacy = importlib.import_module("spacy")
    except ImportError as error:
        raise PipelineMissing(f"--model needs spaCy, not installed: {INSTALL_HINT}") from error
    try:
        return spacy.load(name)
    except OSError as error:
        raise PipelineNotFound(
            f"no spaCy pipeline {name!r} is installed or saved there"
            f" (install one as spaCy documents: python -m spacy download {name})"
        ) from error
    except (ValueError, KeyError, ImportError) as error:
        first = str(error).strip().splitlines()
        raise PipelineNotFound(
            f"spaCy could not load {name!r}: {first[0] if first else type(error).__name__}"
        ) from error


def pipeline_name(nlp: Any, given: str) -> str:
    """What the pipeline calls itself (``en_core_web_sm-3.8.0``), else the name given."""
    meta = getattr(nlp, "meta", None)
    if isinstance(meta, dict):
        lang, name, version = meta.get("lang"), meta.get("name"), meta.get("version")
        if isinstance(lang, str) and isinstance(name, str) and name:
            said = f"{lang}_{name}" if not name.startswith(f"{lang}_") else name
            return f"{said}-{version}" if isinstance(version, str) and version else said
    return given


def entities_of(nlp: Any, text: str) -> list[tuple[int, int, str]]:
    """The entities the pipeline finds in ``text``: (start, end, label), code points."""
    document = nlp(text)
    return [(int(ent.start_char), int(ent.end_char), str(ent.label_)) for ent in document.ents]


@dataclass(slots=True)
class PipelineResult:
    """What a pipeline found in one text, as gloss keeps it."""

    found: list[Found] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)
    """Mentions by label that no type was given for."""


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def to_found(
    text: str,
    entities: Iterable[tuple[int, int, str]],
    *,
    labels: Mapping[str, str],
    declared: Iterable[str] = (),
    model: str,
) -> PipelineResult:
    """The pipeline's ``entities`` of ``text`` as :class:`Found` mentions: labels mapped
    through ``labels`` (a label it does not know stays itself when ``declared`` holds
    it), mentions of one type and text named alike (one entity, as imports group)."""
    result = PipelineResult()
    kept_types = set(declared)
    names: dict[tuple[str, str], str] = {}
    for raw_start, raw_end, label in entities:
        if not 0 <= raw_start < raw_end <= len(text):
            continue
        start, end = _trimmed(text, raw_start, raw_end)
        if start >= end:
            continue
        type_code = labels.get(label)
        if type_code is None and label in kept_types:
            type_code = label
        if not type_code:
            result.left_out[label] += 1
            continue
        words = text[start:end]
        key = same_text_key(type_code, words)
        name = names.setdefault(key, key[1])
        result.found.append(Found(start, end, words, type_code, name, label, model))
    return result


def run_pipeline(
    nlp: Any,
    text: str,
    *,
    labels: Mapping[str, str],
    declared: Iterable[str] = (),
    model: str,
) -> PipelineResult:
    """Run ``nlp`` on ``text`` and keep what it found (see :func:`to_found`)."""
    return to_found(text, entities_of(nlp, text), labels=labels, declared=declared, model=model)
