"""``gloss entities DIR``: corpus entities on the command line, served from the index.

``gloss entities DIR`` lists every corpus entity (links, type, name, documents, mention
counts); ``--link KEY:VALUE`` prints every mention of one as ``FILE:LINE:COL: context``.
"""

from __future__ import annotations

import sys
from typing import Any

from tui.cli.output import EXIT_OK, EXIT_USAGE, stdout_closed
from tui.cli.search import EXIT_NOTHING, open_corpus, print_hits, print_notices
from tui.core.corpus.backend import CorpusStore
from tui.core.corpus.entities import (
    Appearance,
    CorpusEntity,
    appearances,
    corpus_entities,
    corpus_entity,
    key_of_link,
    mentions_of,
)
from tui.core.corpus.matching import Hit
from tui.core.text.textsafety import inert_json, one_line


def run_entities(
    path: str, *, link: str | None, as_json: bool, guess: bool, database: str | None = None
) -> int:
    """List corpus entities, or the mentions of the one linked ``KEY:VALUE``.

    Exit 0 with something to show, 1 with nothing, 2 on misuse.
    """
    wanted: tuple[str, str] | None = None
    if link is not None:
        key, colon, value = link.partition(":")
        if not colon or not key.strip() or not value.strip():
            print(
                f"gloss: --link takes KEY:VALUE (such as wikidata:Q1028), not {link!r}",
                file=sys.stderr,
            )
            return EXIT_USAGE
        wanted = (key.strip(), value.strip())
    index = open_corpus(path, database)
    if index is None:
        return EXIT_USAGE
    printed = len(index.notices)
    try:
        if wanted is None:
            listing = index.answer(lambda: _listing(index, guess=guess))
            print_notices(index, printed)
            if index.failure is not None:
                return EXIT_USAGE
            return _list(listing, as_json=as_json)
        found = index.answer(lambda: _linked(index, wanted, guess=guess))
        print_notices(index, printed)
        if index.failure is not None:
            return EXIT_USAGE
        return _mentions(found, wanted, as_json=as_json)
    except BrokenPipeError:
        stdout_closed()
        return EXIT_OK
    finally:
        index.close()


def _listing(index: CorpusStore, *, guess: bool) -> list[tuple[CorpusEntity, list[Appearance]]]:
    """Every corpus entity with the documents it appears in (read whole before a line is
    printed, so that a damaged index is found, and rebuilt, before any output)."""
    return [
        (entity, appearances(index, entity.key, guessed=guess))
        for entity in corpus_entities(index, guessed=guess)
    ]


def _list(listing: list[tuple[CorpusEntity, list[Appearance]]], *, as_json: bool) -> int:
    payload: list[dict[str, Any]] = []
    for entity, documents in listing:
        if as_json:
            payload.append(
                {
                    "key": entity.key,
                    "links": [{"key": k, "value": v} for k, v in entity.links],
                    "type": entity.type,
                    "name": entity.name,
                    "guessed": entity.guessed,
                    "mentions": entity.mentions,
                    "first_date": entity.first_date,
                    "last_date": entity.last_date,
                    "documents": [
                        {
                            "id": d.doc_id,
                            "file": d.path,
                            "entity": d.owner_id,
                            "mentions": d.mentions,
                        }
                        for d in documents
                    ],
                }
            )
            continue
        guessed = " [guessed]" if entity.guessed else ""
        links = one_line(entity.links_text) or "(no links)"
        print(
            f"{links}\t{one_line(entity.type)}\t{one_line(entity.name)}{guessed}\t"
            f"{entity.mentions} mention{'s' if entity.mentions != 1 else ''} in "
            f"{entity.documents} document{'s' if entity.documents != 1 else ''}"
        )
        for document in documents:
            print(f"  {one_line(document.doc_id)}\t{one_line(document.path)}\t{document.mentions}")
    if as_json:
        sys.stdout.write(inert_json(payload, indent=1) + "\n")
    sys.stdout.flush()
    return EXIT_OK if listing else EXIT_NOTHING


def _linked(
    index: CorpusStore, wanted: tuple[str, str], *, guess: bool
) -> tuple[CorpusEntity | None, list[Hit]] | None:
    """The corpus entity linked ``wanted`` and its mentions; None if none is linked so."""
    key = key_of_link(index, *wanted, guessed=guess)
    if key is None:
        return None
    return corpus_entity(index, key, guessed=guess), mentions_of(index, key, guessed=guess)


def _mentions(
    found: tuple[CorpusEntity | None, list[Hit]] | None, wanted: tuple[str, str], *, as_json: bool
) -> int:
    if found is None:
        print(
            f"gloss: no entity is linked {one_line(wanted[0])}:{one_line(wanted[1])}",
            file=sys.stderr,
        )
        return EXIT_NOTHING
    entity, hits = found
    if entity is not None and entity.guessed:
        print("gloss: this group joins entities by a guessed name", file=sys.stderr)
    print_hits(hits, as_json=as_json, with_owner=False)
    return EXIT_OK if hits else EXIT_NOTHING
