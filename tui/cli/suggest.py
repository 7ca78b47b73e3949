"""``gloss suggest FILE|DIR``: the mentions gloss would propose, one line each.

Each suggestion is printed as ``FILE:LINE:COL: TYPE "words" → entity (source)``, the
place in the article's text. What is proposed is what the reader's review (``S``)
proposes: the article's own names; with ``--from-corpus``, the names its library knows
(the folder given, or the file's folder); with ``--model NAME``, the mentions a spaCy
pipeline finds. A pipeline's mentions are kept in gloss's state folder (never in the
annotation file), so the review shows them, source ``pipeline``, until they are
accepted or rejected; running the pipeline again replaces them.

Exit 0 with suggestions, 1 without, 2 on misuse (spaCy or the pipeline missing).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.cli.output import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    print_diagnostics,
    say,
    stdout_closed,
)
from tui.core.text.textsafety import inert_json, one_line

if TYPE_CHECKING:
    from tui.core.corpus.backend import CorpusStore
    from tui.core.document.model import Document
    from tui.core.suggesting.corpus import CorpusNames
    from tui.core.suggesting.names import NameFinder
    from tui.core.suggesting.suggestions import Known

HELP = "list the mentions gloss would suggest (the file's names, the corpus's, a pipeline's)"
DESCRIPTION = (
    'Print each suggested mention as FILE:LINE:COL: TYPE "words" → entity (source), as '
    "the reader's review (S) proposes them: the article's own names; --from-corpus adds "
    "the names the other articles of its folder know; --model NAME runs a spaCy pipeline "
    "(pip install 'gloss-tui[nlp]'; the pipeline installed as spaCy documents, or a "
    "folder saved with nlp.to_disk) and keeps what it finds for the review, never in the "
    "annotation file. A plain text (.txt) works too. Labels become types through "
    "[suggest.labels] in config.toml (PERSON → PER, ORG → ORG, GPE → GPE, ...). "
    "Exit 0 with suggestions, 1 without, 2 on misuse. See docs/annotating.md."
)


@dataclass(frozen=True, slots=True)
class _Target:
    """One article: its loaded document and the annotation file its state is kept for."""

    document: Document
    annotation_path: str


def _paths(target: str) -> list[str]:
    """The articles ``target`` names: a file, or a folder's gloss files and its texts
    that no annotation file names (as the library lists them)."""
    if not os.path.isdir(target):
        return [target]
    from tui.core.corpus.discovery import discover_folder
    from tui.core.corpus.targets import expand_check_paths
    from tui.core.loading.bare import annotation_of

    files, _skipped = expand_check_paths([target])
    source = discover_folder(target)
    texts = [os.path.join(target, text) for text in source.texts]
    return files + [text for text in texts if annotation_of(text) is None]


def _load(path: str) -> _Target | None:
    from tui.core.loading.bare import load_target
    from tui.core.loading.companions import looks_like_text

    result = load_target(path)
    if result.document is None:
        print_diagnostics(result.diagnostics)
        kind = "text" if looks_like_text(path) else "file"
        say(f"{path}: the {kind} has errors; nothing suggested for it")
        return None
    annotation = (
        result.new_annotation.yaml_path if result.new_annotation is not None else result.path
    )
    return _Target(result.document, annotation)


def _labels() -> Mapping[str, str]:
    """The label mapping: gloss's defaults and ``[suggest.labels]`` over them."""
    from tui.core.files.config import read_config
    from tui.core.suggesting.pipeline import DEFAULT_LABELS

    config = read_config()
    print_diagnostics(config.problems)
    return {**DEFAULT_LABELS, **config.suggest_labels}


def _corpus_of(target: str, database: str | None) -> CorpusStore | None:
    from tui.cli.search import open_corpus

    folder = target if os.path.isdir(target) else os.path.dirname(target) or "."
    return open_corpus(folder, database)


def _leave_out(index: CorpusStore, annotation_path: str) -> int | None:
    wanted = os.path.abspath(annotation_path)
    for row in index.rows():
        absolute = index.absolute_path(row.file_id)
        if absolute is not None and os.path.abspath(absolute) == wanted:
            return row.file_id
    return None


def run_suggest(
    target: str,
    *,
    model: str | None = None,
    from_corpus: bool = False,
    as_json: bool = False,
    database: str | None = None,
) -> int:
    """Print the suggestions for ``target`` (a file, a text or a folder)."""
    from tui.core.suggesting import pipeline as nlp_module

    if not os.path.exists(target):
        say(f"{target}: no such file or folder")
        return EXIT_USAGE
    labels: Mapping[str, str] = {}
    pipeline: Any = None
    model_name = ""
    if model is not None:
        try:
            pipeline = nlp_module.load_pipeline(model)
        except (nlp_module.PipelineMissing, nlp_module.PipelineNotFound) as error:
            say(str(error))
            return EXIT_USAGE
        model_name = nlp_module.pipeline_name(pipeline, model)
        labels = _labels()
    index = _corpus_of(target, database) if from_corpus else None
    if from_corpus and index is None:
        return EXIT_USAGE
    from tui.core.suggesting.corpus import CorpusNames

    names = CorpusNames()
    records: list[dict[str, Any]] = []
    lines: list[str] = []
    left_out: Counter[str] = Counter()
    try:
        for path in _paths(target):
            loaded = _load(path)
            if loaded is None:
                continue
            elsewhere = _elsewhere(index, names, loaded.annotation_path)
            found_here = _suggest_one(
                loaded, pipeline, labels, model_name, elsewhere, left_out, as_json
            )
            if as_json:
                records.extend(found_here[0])
            else:
                lines.extend(found_here[1])
    finally:
        if index is not None:
            index.close()
    if left_out:
        counted = ", ".join(f"{one_line(label)} {count}" for label, count in left_out.most_common())
        say(
            f"the pipeline's mentions of labels with no type were left out ({counted}); "
            "[suggest.labels] in config.toml maps a label to a type"
        )
    try:
        if as_json:
            sys.stdout.write(inert_json(records) + "\n")
        elif lines:
            sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        stdout_closed()
    return EXIT_OK if (records or lines) else EXIT_PROBLEMS


def _elsewhere(
    index: CorpusStore | None, names: CorpusNames, annotation_path: str
) -> NameFinder[Known] | None:
    if index is None:
        return None
    leave_out = _leave_out(index, annotation_path)
    return names.finder(index, leave_out=leave_out)


def _suggest_one(
    loaded: _Target,
    pipeline: Any,
    labels: Mapping[str, str],
    model_name: str,
    elsewhere: NameFinder[Known] | None,
    left_out: Counter[str],
    as_json: bool,
) -> tuple[list[dict[str, Any]], list[str]]:
    from tui.core.suggesting.listing import suggestion_line, suggestion_record
    from tui.core.suggesting.pipeline import run_pipeline
    from tui.core.suggesting.store import read_state, write_state
    from tui.core.suggesting.suggestions import build_finder, file_known, suggest
    from tui.core.text.anchoring import TextIndex

    document = loaded.document
    state = read_state(loaded.annotation_path)
    if state.problem:
        say(state.problem)
    if pipeline is not None:
        result = run_pipeline(
            pipeline,
            document.text,
            labels=labels,
            declared=(*document.entity_types, *document.entity_types_in_use),
            model=model_name,
        )
        left_out.update(result.left_out)
        state.found = result.found
        problem = write_state(state)
        if problem:
            say(problem)
    finders = [build_finder(file_known(document))]
    if elsewhere is not None:
        finders.append(elsewhere)
    said = suggest(document, *finders, rejected=state.rejected, found=state.found)
    where = TextIndex(document.text)
    if as_json:
        return [suggestion_record(document, s, where, loaded.annotation_path) for s in said], []
    return [], [suggestion_line(document, s, where) for s in said]
