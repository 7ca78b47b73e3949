"""CoNLL files: CoNLL-2003/IOB NER, CoNLL-U (with the ``conllu`` library), CoNLL-2012.

Each is tokens, one a line, sentences apart by a blank line. The text is rebuilt from
the tokens:

* CoNLL-U: a sentence's ``# text`` when its tokens can be found in it in order (then
  the text is the file's exactly); else its tokens joined by a space unless the token's
  MISC says ``SpaceAfter=No``. Sentences are joined by a line break, paragraphs
  (``# newpar``) by an empty line. Named entities are the MISC column's ``NER=`` (or
  ``NE=``, ``Entity=``) IOB tags, or a CoNLL-U Plus column named ``NE``/``NER``.
* CoNLL-2003 and other IOB files: the first column is the token, the last the tag
  (IOB1, IOB2 or BIOES); tokens are joined by a space, sentences by a line break. The
  original spacing is not in the file ("Baghdad ." stays so).
* CoNLL-2012 (OntoNotes): the word column (4th), the named entity brackets
  (``(PERSON*`` … ``*)``, 11th) and the coreference column (last, ``(11``, ``11)``,
  ``(11)``, joined by ``|``): each coreference chain is one entity.

``-DOCSTART-`` lines (CoNLL-2003), ``# newdoc`` (CoNLL-U) and ``#begin document``
(CoNLL-2012) start a new document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.core.document.diagnostics import DiagnosticSink, Position
from tui.core.document.model import Document, Span
from tui.core.formats.common import EntityDraft, TypeMapper, build_document
from tui.core.formats.grouping import same_text_key

FLAVOURS = ("ner", "u", "2012")


@dataclass
class _Token:
    form: str
    tag: str
    space_after: bool
    line: int
    coref: str = "-"


@dataclass
class _Sentence:
    tokens: list[_Token] = field(default_factory=list)
    text: str | None = None
    new_paragraph: bool = False


@dataclass
class _Doc:
    name: str | None
    sentences: list[_Sentence] = field(default_factory=list)


@dataclass(frozen=True)
class ConllDocument:
    document: Document
    flavour: str
    scheme: str
    """The tag scheme read: ``iob1``, ``iob2`` or ``bioes`` (NER and CoNLL-U)."""


def detect(source: str) -> str | None:
    """The flavour of a CoNLL file by its shape, or None when it is not one."""
    for line in source.split("\n")[:200]:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#begin document"):
            return "2012"
        if stripped.startswith(("# text", "# sent_id", "# newdoc", "# global.columns")):
            return "u"
        if stripped.startswith("#"):
            continue
        cells = stripped.split("\t") if "\t" in stripped else stripped.split()
        if "\t" in stripped and len(cells) == 10 and re.fullmatch(r"\d+(?:[-.]\d+)?", cells[0]):
            return "u"
        if len(cells) >= 12 and re.fullmatch(r"\d+", cells[1]) and re.fullmatch(r"\d+", cells[2]):
            return "2012"
        if len(cells) >= 2 and (
            cells[-1] == "O" or re.fullmatch(r"[BIESLU]-\S+", cells[-1]) or cells[0] == "-DOCSTART-"
        ):
            return "ner"
        return None
    return None


# -- reading each flavour --------------------------------------------------------------


def _read_ner(source: str, sink: DiagnosticSink) -> list[_Doc]:
    docs = [_Doc(None)]
    sentence = _Sentence()
    for number, raw in enumerate(source.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            if sentence.tokens:
                docs[-1].sentences.append(sentence)
                sentence = _Sentence()
            continue
        if line.startswith("#") and (line.startswith("# ") or line.startswith("#\t")):
            continue  # a comment (GermEval's source lines)
        cells = line.split("\t") if "\t" in line else line.split()
        if cells[0] == "-DOCSTART-":
            if sentence.tokens:
                docs[-1].sentences.append(sentence)
                sentence = _Sentence()
            if docs[-1].sentences or docs[-1].name is not None:
                docs.append(_Doc(None))
            docs[-1].name = "docstart"
            continue
        if len(cells) < 2:
            sink.error(Position(number, 1), "expected a token and its tag (at least two columns)")
            continue
        sentence.tokens.append(_Token(cells[0], cells[-1], True, number))
    if sentence.tokens:
        docs[-1].sentences.append(sentence)
    return [doc for doc in docs if doc.sentences]


_MISC_NER = ("NER", "NE", "Entity")


def _read_u(source: str, sink: DiagnosticSink) -> list[_Doc]:
    import conllu
    from conllu.exceptions import ParseException

    columns = None
    head = source.split("\n", 1)[0]
    if head.startswith("# global.columns"):
        columns = [c.strip().lower() for c in head.split("=", 1)[1].split()]
    docs = [_Doc(None)]
    line = 1
    try:
        sentences = conllu.parse(source, fields=columns) if columns else conllu.parse(source)
    except ParseException as error:
        sink.error(Position(1, 1), f"not CoNLL-U: {' '.join(str(error).split())[:200]}")
        return []
    ner_column = next((c for c in columns or [] if c in ("ne", "ner")), None)
    for parsed in sentences:
        meta = parsed.metadata
        if "newdoc" in meta or "newdoc id" in meta:
            if docs[-1].sentences:
                docs.append(_Doc(None))
            docs[-1].name = meta.get("newdoc id") or None
        sentence = _Sentence(
            text=meta.get("text"), new_paragraph="newpar" in meta or "newpar id" in meta
        )
        pairs: list[tuple[object, _Token]] = []
        for token in parsed:
            ident = token.get("id")
            if not isinstance(ident, int) and not (
                isinstance(ident, tuple) and len(ident) == 3 and ident[1] == "-"
            ):
                continue  # an empty node (8.1) has no text
            misc = token.get("misc") or {}
            tag = "O"
            if ner_column is not None:
                tag = str(token.get(ner_column) or "O")
            else:
                for key in _MISC_NER:
                    if misc.get(key):
                        tag = str(misc[key])
                        break
            space = misc.get("SpaceAfter") != "No"
            pairs.append((ident, _Token(str(token.get("form") or ""), tag, space, line)))
        sentence.tokens = _surface(pairs)
        line += 1
        if sentence.tokens:
            docs[-1].sentences.append(sentence)
    return [doc for doc in docs if doc.sentences]


def _surface(pairs: list[tuple[object, _Token]]) -> list[_Token]:
    """A multiword token (``2-3 haven't``) is the text; its words (``have``, ``not``)
    are not. Its tag is its words' first that is not O."""
    kept: list[_Token] = []
    index = 0
    while index < len(pairs):
        ident, item = pairs[index]
        index += 1
        if isinstance(ident, tuple):
            last = ident[2]
            tags = []
            while index < len(pairs):
                word = pairs[index][0]
                if not isinstance(word, int) or word > last:
                    break
                tags.append(pairs[index][1].tag)
                index += 1
            item.tag = next((tag for tag in tags if tag != "O"), item.tag)
        kept.append(item)
    return kept


_BRACKET = re.compile(r"\(([^()*]+)\*?|\)")


def _read_2012(source: str, sink: DiagnosticSink) -> list[_Doc]:
    docs: list[_Doc] = []
    sentence = _Sentence()
    open_ne: str | None = None
    for number, raw in enumerate(source.split("\n"), start=1):
        line = raw.rstrip("\r")
        if line.startswith("#begin document"):
            name = line[len("#begin document") :].strip()
            docs.append(_Doc(name or None))
            continue
        if line.startswith("#end document"):
            if sentence.tokens:
                docs[-1].sentences.append(sentence)
                sentence = _Sentence()
            continue
        if not line.strip():
            if sentence.tokens and docs:
                docs[-1].sentences.append(sentence)
                sentence = _Sentence()
            continue
        if line.startswith("#"):
            continue
        cells = line.split()
        if len(cells) < 12 or not docs:
            sink.error(
                Position(number, 1),
                "expected a CoNLL-2012 row of at least 12 columns inside #begin document",
            )
            continue
        ne = cells[10]
        tag = "O"
        found = re.match(r"\(([^()*]+)\*?(\))?", ne)
        if found is not None:
            tag = "B-" + found.group(1)
            open_ne = None if found.group(2) or ne.endswith(")") else found.group(1)
        elif open_ne is not None:
            tag = "I-" + open_ne
            if ne.endswith(")"):
                open_ne = None
        sentence.tokens.append(_Token(cells[3], tag, True, number, cells[-1]))
    if sentence.tokens and docs:
        docs[-1].sentences.append(sentence)
    return [doc for doc in docs if doc.sentences]


# -- the text and the entities ---------------------------------------------------------


def _layout(doc: _Doc) -> tuple[str, list[list[Span]]]:
    """The text of a document and each token's span in it."""
    parts: list[str] = []
    length = 0
    spans: list[list[Span]] = []
    for number, sentence in enumerate(doc.sentences):
        if number:
            separator = "\n\n" if sentence.new_paragraph else "\n"
            parts.append(separator)
            length += len(separator)
        own: list[Span] = []
        text = sentence.text
        located = _locate(text, sentence.tokens) if text is not None else None
        if text is not None and located is not None:
            own = [Span(length + a, length + b) for a, b in located]
            parts.append(text)
            length += len(text)
        else:
            for index, token in enumerate(sentence.tokens):
                own.append(Span(length, length + len(token.form)))
                parts.append(token.form)
                length += len(token.form)
                if index + 1 < len(sentence.tokens) and token.space_after:
                    parts.append(" ")
                    length += 1
        spans.append(own)
    return "".join(parts), spans


def _locate(text: str, tokens: list[_Token]) -> list[tuple[int, int]] | None:
    found = []
    at = 0
    for token in tokens:
        index = text.find(token.form, at)
        if index < 0 or text[at:index].strip():
            return None
        found.append((index, index + len(token.form)))
        at = index + len(token.form)
    return found if not text[at:].strip() else None


def _scheme(tags: list[str]) -> str:
    if any(t.startswith(("E-", "S-", "L-", "U-")) for t in tags):
        return "bioes"
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and (previous == "O" or previous[2:] != tag[2:]):
            return "iob1"
        previous = tag
    return "iob2"


def _chunks(
    tokens: list[_Token], spans: list[Span], sink: DiagnosticSink
) -> list[tuple[str, Span]]:
    """The labelled spans of a sentence's IOB/BIOES tags."""
    found: list[tuple[str, Span]] = []
    current: tuple[str, int, int] | None = None
    for token, span in zip(tokens, spans, strict=True):
        tag = token.tag
        if tag in ("O", "_", "-", ""):
            if current:
                found.append((current[0], Span(current[1], current[2])))
            current = None
            continue
        found_tag = re.fullmatch(r"([BIESLU])-(.+)", tag)
        if found_tag is None:
            sink.error(Position(token.line, 1), f"the tag {tag!r} is not O, B-X, I-X, E-X or S-X")
            current = None
            continue
        mark, label = found_tag.groups()
        continues = current is not None and current[0] == label and mark in ("I", "E", "L")
        if continues and current is not None:
            current = (label, current[1], span.end)
        else:
            if current:
                found.append((current[0], Span(current[1], current[2])))
            current = (label, span.start, span.end)
        if mark in ("E", "S", "L", "U"):
            found.append((label, Span(current[1], current[2])))
            current = None
    if current:
        found.append((current[0], Span(current[1], current[2])))
    return found


def _coref(tokens: list[_Token], spans: list[Span], sink: DiagnosticSink) -> list[tuple[str, Span]]:
    """CoNLL-2012 coreference: ``(11``, ``11)``, ``(11)`` joined by ``|``."""
    found: list[tuple[str, Span]] = []
    opened: dict[str, list[int]] = {}
    for token, span in zip(tokens, spans, strict=True):
        if token.coref in ("-", "_", ""):
            continue
        for part in token.coref.split("|"):
            whole = re.fullmatch(r"\((\d+)\)", part)
            start = re.fullmatch(r"\((\d+)", part)
            end = re.fullmatch(r"(\d+)\)", part)
            if whole:
                found.append((whole.group(1), span))
            elif start:
                opened.setdefault(start.group(1), []).append(span.start)
            elif end and opened.get(end.group(1)):
                found.append((end.group(1), Span(opened[end.group(1)].pop(), span.end)))
            else:
                sink.error(
                    Position(token.line, 1),
                    f"the coreference cell part {part!r} is not (N, N) or (N)",
                )
    for chain, starts in opened.items():
        if starts:
            sink.error(
                Position(tokens[0].line, 1),
                f"coreference chain {chain} is opened and not closed in this sentence",
            )
    return found


def _add_chains(
    doc: _Doc,
    spans: list[list[Span]],
    drafts: list[EntityDraft],
    types: TypeMapper,
    sink: DiagnosticSink,
) -> None:
    """Each CoNLL-2012 coreference chain is one entity, linked ``conll-2012: N``. A
    named entity span in a chain is a mention of the chain (which takes its type);
    chains without one are of type ``COREF``."""
    members: dict[str, list[Span]] = {}
    for sentence, own in zip(doc.sentences, spans, strict=True):
        for chain, span in _coref(sentence.tokens, own, sink):
            if span not in members.setdefault(chain, []):
                members[chain].append(span)
    owner = {span: index for index, draft in enumerate(drafts) for span in draft.spans}
    for chain, chain_spans in members.items():
        typed = [drafts[owner[span]].type for span in chain_spans if span in owner]
        for span in chain_spans:
            if span in owner:
                drafts[owner[span]].spans.remove(span)
        code = typed[0] if typed else types.entity("COREF")
        drafts.append(EntityDraft(code, list(chain_spans), links=[("conll-2012", chain)]))
    drafts[:] = [draft for draft in drafts if draft.spans]


def read_conll(
    source: str,
    path: str,
    stem: str,
    sink: DiagnosticSink,
    *,
    flavour: str | None = None,
    keep_apart: bool = False,
) -> list[ConllDocument]:
    """The documents of a CoNLL file; empty (errors in ``sink``) when any line cannot be
    read: a file is never read in part."""
    if source.startswith("\ufeff"):
        source = source[1:]
    chosen = flavour or detect(source)
    if chosen is None:
        sink.error(
            Position(1, 1),
            "not a CoNLL file gloss knows (CoNLL-2003/IOB, CoNLL-U, CoNLL-2012);"
            " pass --flavour to say which",
        )
        return []
    reader = {"ner": _read_ner, "u": _read_u, "2012": _read_2012}[chosen]
    docs = reader(source, sink)
    if sink.has_errors:
        return []
    if not docs:
        sink.error(Position(1, 1), "no token found: nothing to import")
        return []
    results: list[ConllDocument] = []
    for number, doc in enumerate(docs, start=1):
        text, spans = _layout(doc)
        types = TypeMapper()
        drafts: list[EntityDraft] = []
        groups: dict[tuple[str, str], int] = {}
        all_tags: list[str] = []
        for sentence, own in zip(doc.sentences, spans, strict=True):
            all_tags.extend(t.tag for t in sentence.tokens)
            for label, span in _chunks(sentence.tokens, own, sink):
                code = types.entity(label)
                key = same_text_key(code, text[span.start : span.end])
                index = None if keep_apart else groups.get(key)
                if index is None:
                    index = len(drafts)
                    drafts.append(EntityDraft(code, []))
                    if not keep_apart:
                        groups[key] = index
                if span not in drafts[index].spans:
                    drafts[index].spans.append(span)
        if chosen == "2012":
            _add_chains(doc, spans, drafts, types, sink)
        if sink.has_errors:
            return []
        doc_id = stem if len(docs) == 1 else f"{stem}-{number}"
        document = build_document(
            doc_id=doc_id,
            text=text,
            text_path=doc_id + ".txt",
            title=doc.name if doc.name not in (None, "docstart") else None,
            entities=drafts,
            events=[],
            relations=[],
            types=types,
        )
        results.append(ConllDocument(document, chosen, _scheme(all_tags)))
    del path
    return results
