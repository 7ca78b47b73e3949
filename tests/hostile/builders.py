"""Cases that are binary or huge, written at test time instead of committed.

Each builder writes ``a.yaml`` (and usually ``a.txt``) into a folder and returns
what ``gloss check a.yaml`` must print there, and its exit status.

At the end: the article and the secret of the tests on folders made by someone else,
and a snapshot of a folder to show a command left it untouched.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui.core.loading import yamlsafe

TEXT = "Alice met Bob in Paris on Monday. Bob works for Acme Corp.\n"
HEADER = "gloss: 1\ndocument:\n  id: t\n  text: a.txt\n"
ENTITIES = (
    "entities:\n"
    "  - {id: alice, type: PER, name: Alice, mentions: [Alice]}\n"
    "  - {id: bob, type: PER, name: Bob, mentions: [{quote: Bob, all: true}]}\n"
)
FIFTY_MB = 50 * 1024 * 1024
LIMIT = f"{yamlsafe.MAX_YAML_BYTES / (1024 * 1024):.1f} MB"


@dataclass(frozen=True)
class Built:
    """A generated case: what check prints (stderr lines), its exit status, and whether
    the file loads."""

    stderr: list[str]
    exit: int
    loads: bool


def _write(folder: Path, yaml: bytes, text: bytes | None = TEXT.encode()) -> None:
    (folder / "a.yaml").write_bytes(yaml)
    if text is not None:
        (folder / "a.txt").write_bytes(text)


def _sparse(path: Path, size: int, head: bytes = b"") -> None:
    """A file of ``size`` bytes without writing them all (the tail is a hole)."""
    with open(path, "wb") as handle:
        handle.write(head)
        handle.truncate(size)


def yaml_invalid_utf8(folder: Path) -> Built:
    _write(folder, (HEADER + ENTITIES).encode().replace(b"name: Alice", b"name: Al\xe9ice"))
    return Built(
        [
            "a.yaml:6:36: error: annotation file 'a.yaml' is not valid UTF-8 "
            "(byte 0xe9 at line 6, column 36)"
        ],
        1,
        False,
    )


def yaml_utf16(folder: Path) -> Built:
    _write(folder, codecs.BOM_UTF16_LE + (HEADER + ENTITIES).encode("utf-16-le"))
    return Built(
        ["a.yaml:1:1: error: annotation file 'a.yaml' looks like UTF-16; save it as UTF-8"],
        1,
        False,
    )


def yaml_utf16_no_bom(folder: Path) -> Built:
    _write(folder, (HEADER + ENTITIES).encode("utf-16-be"))
    return Built(
        ["a.yaml:1:1: error: annotation file 'a.yaml' looks like UTF-16; save it as UTF-8"],
        1,
        False,
    )


def text_invalid_utf8(folder: Path) -> Built:
    _write(folder, (HEADER + ENTITIES).encode(), "Alice met Bob.\nCaf\xe9 Bob.\n".encode("latin-1"))
    return Built(
        [
            "a.yaml:4:9: error: article text 'a.txt' is not valid UTF-8 "
            "(byte 0xe9 at line 2, column 4)"
        ],
        1,
        False,
    )


def text_utf16(folder: Path) -> Built:
    _write(folder, (HEADER + ENTITIES).encode(), codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    return Built(
        ["a.yaml:4:9: error: article text 'a.txt' looks like UTF-16; save it as UTF-8"], 1, False
    )


def text_nul_second_byte(folder: Path) -> Built:
    """A NUL as the second byte is a control character in UTF-8 text, not UTF-16."""
    _write(folder, (HEADER + ENTITIES).encode(), b"A\x00 " + TEXT.encode())
    return Built(
        [
            "a.txt:1:2: warning: the text contains U+0000 CONTROL; it is shown as a placeholder "
            "[text-hazard]"
        ],
        0,
        True,
    )


def text_bom_crlf(folder: Path) -> Built:
    body = (
        HEADER
        + "entities:\n  - {id: bob, type: PER, name: Bob,\n"
        + "     mentions: [{start: 15, end: 18, quote: Bob}]}\n"
    )
    _write(
        folder,
        codecs.BOM_UTF8 + body.encode(),
        codecs.BOM_UTF8 + b"Alice met him.\r\nBob left.\r\n",
    )
    return Built([], 0, True)


def yaml_50_mb(folder: Path) -> Built:
    _sparse(folder / "a.yaml", FIFTY_MB, (HEADER + ENTITIES).encode() + b"# ")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return Built(
        [
            f"a.yaml:1:1: error: annotation file 'a.yaml' is 50.0 MB, over the {LIMIT} limit; "
            "it was not read"
        ],
        1,
        False,
    )


def text_50_mb(folder: Path) -> Built:
    (folder / "a.yaml").write_text(HEADER + ENTITIES, encoding="utf-8")
    _sparse(folder / "a.txt", FIFTY_MB, TEXT.encode())
    return Built(
        [
            f"a.yaml:4:9: error: article text 'a.txt' is 50.0 MB, over the {LIMIT} limit; "
            "it was not read"
        ],
        1,
        False,
    )


def slow_regex_quote(folder: Path) -> Built:
    body = HEADER + (
        "entities:\n"
        "  - id: a\n    type: PER\n    name: A\n    mentions:\n"
        f"      - {{quote: {'a' * 5000}, occurrence: 3}}\n"
        f"      - {'a' * 5000}\n"
        f"      - {{quote: {'a' * 4999}b}}\n"
        f"      - {{quote: {'a' * 5000}, all: true}}\n"
    )
    _write(folder, body.encode(), ("a" * 100_000 + "\n").encode())
    shown = "'" + "a" * 59 + "…'"
    return Built(
        [
            f"a.yaml:11:9: error: mention: {shown} occurs 95001 times (at text 1:1, 1:2, 1:3, "
            "1:4, 1:5, …); say which with occurrence: N, prefix/suffix, or all: true",
            f"a.yaml:12:9: error: mention: {shown} is not in the text, nor anything close to it",
            f"a.yaml:13:9: error: mention: {shown} occurs only inside longer words, never on "
            "its own (all: true matches whole words)",
        ],
        1,
        False,
    )


def many_bad_quotes(folder: Path) -> Built:
    """Two hundred quotes that are not in a 1 MB text: each looks for the nearest passage."""
    words = " ".join(f"w{i % 500}" for i in range(150_000))
    mentions = "".join(f"      - w{i} w{i + 1} zz{i}\n" for i in range(200))
    body = HEADER + "entities:\n  - id: a\n    type: PER\n    name: A\n    mentions:\n" + mentions
    _write(folder, body.encode(), (words + "\n").encode())
    return Built([], 1, False)  # 200 errors; only their count and the time are checked


BUILDERS: dict[str, Callable[[Path], Built]] = {
    "yaml-invalid-utf8": yaml_invalid_utf8,
    "yaml-utf16": yaml_utf16,
    "yaml-utf16-no-bom": yaml_utf16_no_bom,
    "text-invalid-utf8": text_invalid_utf8,
    "text-utf16": text_utf16,
    "text-bom-crlf": text_bom_crlf,
    "text-nul-second-byte": text_nul_second_byte,
    "yaml-50-mb": yaml_50_mb,
    "text-50-mb": text_50_mb,
    "slow-regex-quote": slow_regex_quote,
}


# -- folders made by someone else ---------------------------------------------------------

ARTICLE_TEXT = "Rabat is the capital of Morocco. Rabat is on the coast.\n"
"""The text of the small article the folder tests annotate."""
SECRET = "GLOSS_SECRET_TOKEN=hunter2-do-not-print\n"
"""What a file of the user's outside the folder holds: no command may print it."""


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and modification time."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = (path.read_bytes(), path.stat().st_mtime_ns)
    return found
