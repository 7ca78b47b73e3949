"""``gloss suggest FILE|DIR``: the mentions gloss would propose, one line each.

Each suggestion is printed as ``FILE:LINE:COL: TYPE "words" → entity (source)``, the
place in the article's text. What is proposed is what the reader's review (``S``)
proposes: the article's own names; with ``--from-corpus``, the names its library knows
(the folder given, or the file's folder); with ``--model NAME``, the mentions a spaCy
pipeline finds. A pipeline's mentions are kept in gloss's state folder (never in the
annotation file), so the review shows them, source ``pipeline``, until they are
accepted or rejected; running the pipeline again replaces them.

With ``--accept-all`` every suggestion is made an ordinary mention and written, as
annotate mode saves: the review's accept edits applied, the new text checked with the
rules of ``gloss check`` and written through the one writer, keeping the file's comments
and layout (:func:`tui.core.editing.saving.save`); a text without an annotation file
gets its new file beside it. A file whose new text would not pass the check is left as
it was, and why is said.

Exit 0 with suggestions (all of them written, with ``--accept-all``), 1 without or when
a file could not be written, 2 on misuse (spaCy or the pipeline missing).
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
    from tui.core.editing.saving import SaveResult
    from tui.core.suggesting.corpus import CorpusNames
    from tui.core.suggesting.names import NameFinder
    from tui.core.suggesting.suggestions import Known, Suggestion

HELP = "list the mentions gloss would suggest (the file's names, the corpus's, a pipeline's)"
DESCRIPTION = (
    'Print each suggested mention as FILE:LINE:COL: TYPE "words" → entity (source), as '
    "the reader's review (S) proposes them: the article's own names; --from-corpus adds "
    "the names the other articles of its folder know; --model NAME runs a spaCy pipeline "
    "(pip install 'gloss-tui[nlp]'; the pipeline installed as spaCy documents, or a "
    "folder saved with nlp.to_disk) and keeps what it finds for the review, never in the "
    "annotation file. A plain text (.txt) works too. Labels become types through "
    "[suggest.labels] in config.toml (PERSON → PER, ORG → ORG, GPE → GPE, ...). "
    "--accept-all writes every suggestion into the annotation files as annotate mode "
    "saves (checked first, comments kept; a text gets its new file). "
    "Exit 0 with suggestions, 1 without or when a file could not be written, 2 on "
    "misuse. See docs/annotating.md."
)


@dataclass(frozen=True, slots=True)
class _Target:
    """One article: its loaded document and the annotation file its state is kept for."""

    document: Document
    annotation_path: str
    new: bool = False
    """A bare text: its annotation file is yet to be written."""


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
    new = result.new_annotation
    if new is not None:
        return _Target(result.document, new.yaml_path, new=True)
    return _Target(result.document, result.path)


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
    accept_all: bool = False,
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
    suggested = False
    unwritten = False
    try:
        for path in _paths(target):
            loaded = _load(path)
            if loaded is None:
                continue
            elsewhere = _elsewhere(index, names, loaded.annotation_path)
            said = _suggest_one(loaded, pipeline, labels, model_name, elsewhere, left_out)
            suggested = suggested or bool(said)
            if accept_all:
                if said:
                    record, line = _accept_all(loaded, said)
                    unwritten = unwritten or not record["written"]
                    records.append(record)
                    if line:
                        lines.append(line)
            elif as_json:
                records.extend(_records(loaded, said))
            else:
                lines.extend(_lines(loaded, said))
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
    return EXIT_OK if suggested and not unwritten else EXIT_PROBLEMS


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
) -> list[Suggestion]:
    from tui.core.suggesting.pipeline import run_pipeline
    from tui.core.suggesting.store import read_state, write_state
    from tui.core.suggesting.suggestions import build_finder, file_known, suggest

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
    return suggest(document, *finders, rejected=state.rejected, found=state.found)


def _records(loaded: _Target, said: list[Suggestion]) -> list[dict[str, Any]]:
    from tui.core.suggesting.listing import suggestion_record
    from tui.core.text.anchoring import TextIndex

    where = TextIndex(loaded.document.text)
    return [suggestion_record(loaded.document, s, where, loaded.annotation_path) for s in said]


def _lines(loaded: _Target, said: list[Suggestion]) -> list[str]:
    from tui.core.suggesting.listing import suggestion_line
    from tui.core.text.anchoring import TextIndex

    where = TextIndex(loaded.document.text)
    return [suggestion_line(loaded.document, s, where) for s in said]


def _accept_all(loaded: _Target, said: list[Suggestion]) -> tuple[dict[str, Any], str]:
    """Make every suggestion of one article a mention and save its annotation file as
    annotate mode does: ``(what --json says of it, the line printed)``; why nothing was
    written is said on stderr (the line is then empty)."""
    from tui.core.editing.kinds import EditRefused
    from tui.core.editing.saving import save
    from tui.core.files.saferead import ReadRefused, read_capped
    from tui.core.loading.limits import MAX_YAML_BYTES
    from tui.core.suggesting.suggestions import accepted

    path = loaded.annotation_path
    shown = one_line(path)
    document = loaded.document
    mentions = len(said)
    entities = len({s.group for s in said if s.entity_id is None})
    record: dict[str, Any] = {
        "file": path,
        "text_file": document.info.text_path,
        "new_file": loaded.new,
        "mentions": mentions,
        "new_entities": entities,
        "written": False,
        "refused": None,
    }
    refused: str | None = None
    source: str | None = None
    if not loaded.new:
        try:
            source = read_capped(path, MAX_YAML_BYTES).decode("utf-8")
        except ReadRefused as error:
            refused = error.reason
        except UnicodeDecodeError:
            refused = "it is not valid UTF-8"
    if refused is None:
        try:
            result = save(path, source, document, accepted(document, said))
        except EditRefused as error:
            refused = error.reason
        else:
            refused = _why_not(result)
    if refused is not None:
        record["refused"] = refused
        say(f"{shown}: nothing written: {refused}")
        return record, ""
    record["written"] = True
    made = f", {entities} of them of new entities" if entities else ""
    if loaded.new:
        return record, f"{shown}: new file, {mentions} mention(s){made}"
    return record, f"{shown}: wrote {mentions} mention(s){made}"


def _why_not(result: SaveResult) -> str | None:
    """Why ``result`` wrote nothing (the first error the new text would have), or None."""
    if result.written:
        return None
    if result.problems:
        first = result.problems[0]
        more = len(result.problems) - 1
        also = f" (and {more} more)" if more else ""
        return (
            f"the new text would not pass gloss check: line {first.position.line}: "
            f"{one_line(first.message)}{also}"
        )
    return result.refused or "the file could not be written"
