"""Property test: random corpus folders and a tampered index never make a corpus
command hang, crash, print a control character, or read or write outside the rules.

Each example builds ``box/work/corpus/`` beside ``box/victim/`` (files and a gloss
article the user cares about, all holding :data:`SECRET`). The corpus holds a few
valid articles and, drawn at random: articles and files with hostile names (bytes that
are not UTF-8, ESC, BEL, newline, C1 and bidi characters, a leading ``-`` or ``+``,
spaces, names of 255 bytes), FIFOs named ``*.yaml`` or ``*.txt``, an article whose
text is a FIFO or names a file outside (``../../victim/secret.txt``, ``/dev/zero``, a
link out), links to victim files and folders, dangling links, links inside the tree,
junk YAML, in nested and oddly named subfolders. Then a random sequence of steps runs:
``gloss search`` (words of the texts, prefixes, phrases, filters, random text),
``gloss entities`` (``--json``, ``--link``), ``gloss timeline`` (``--json``) and
``gloss check`` on the folder, in this process with a deadline, and between them the
index in ``$XDG_CACHE_HOME/gloss`` is forged (rows of its ``files`` table given
malformed values, NULLs, paths outside or to a FIFO, stamps in the future, wrong
sizes, control characters in titles), its bytes corrupted, or its place taken by a
file, a folder, a FIFO or a link to a victim file.

After every command:

- it ended, exit status 0, 1 or 2, no traceback;
- its output holds nothing of the victim, no C0 or C1 control but newline and tab, and
  is valid UTF-8 (a lone surrogate from a file name would crash a strict UTF-8 stdout);
- the victim folder is as it was: names, bytes, modification times, and access times
  of its files (they are set before their modification times, so any read of one would
  move its access time; the test reads them with ``O_NOATIME``);
- the corpus is as it was, FIFOs and links included, and nothing appeared beside
  ``work/`` and ``victim/``, in ``work/``, in the config or state folders, or in the
  cache folder but the corpus's index;
- the cache notices are exactly what the cache deserves: none for a sound or merely
  stale index, "damaged; rebuilt it" once after a malformed row, the in-memory line
  for every run while the index's place is taken;
- and the answer (stdout, exit status, the other stderr lines) is the one a fresh
  cache gives, unless the index was corrupted below SQLite's checks or holds a forged
  row of the right shape (a title, say), which gloss has no way to tell from its own.

The cache folder made read-only is only tried when the test does not run as root
(root writes there regardless); a file in place of the folder stands in for it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.corpus.helpers import write_doc
from tests.support.inprocess import Run, run_gloss
from tui.core.corpus.discovery import folder_to_discover
from tui.core.corpus.index import index_path

SECRET = "VICTIM-SECRET-5e1d"
RUNNING_AS_ROOT = os.geteuid() == 0

# -- the articles ---------------------------------------------------------------------

ENTITY_TYPES = {"Fes": "GPE", "Acme": "ORG", "Rabat": "GPE", "Laroui": "PER"}
"""Words annotated as entities; write_doc links each to wikidata:Q<length of its id>, so
the lengths differ and each is a corpus entity of its own."""
OTHER_WORDS = ("met", "talks", "Monday", "port")
WORDS = (*ENTITY_TYPES, *OTHER_WORDS)
DATES = (None, "2022-03-01", "2021-12-31", "2022-13-40")


@dataclass(frozen=True)
class Article:
    words: tuple[str, ...]
    annotated: frozenset[str]
    date: str | None
    event: bool


def _write_article(folder: bytes, number: int, article: Article) -> tuple[bytes, bytes]:
    """Write ``a<number>.yaml`` and ``a<number>.txt`` into ``folder``; return their paths."""
    text = " ".join(article.words) + ".\n"
    starts = [sum(len(word) + 1 for word in article.words[:i]) for i in range(len(article.words))]
    spans: dict[str, list[tuple[int, int]]] = {
        word: [] for word in sorted(article.annotated & set(article.words))
    }
    for word, start in zip(article.words, starts, strict=True):
        if word in spans:
            spans[word].append((start, start + len(word)))
    entities = [(word.lower(), ENTITY_TYPES[word], places) for word, places in spans.items()]
    triggers = [(s, s + len(w)) for w, s in zip(article.words, starts, strict=True) if w == "met"]
    events = [("ev", "Contact.Meet", triggers[0], "actual")] if article.event and triggers else []
    name = f"a{number}"
    write_doc(Path(os.fsdecode(folder)), name, text, entities, date=article.date, events=events)
    return os.path.join(folder, f"{name}.yaml".encode()), os.path.join(
        folder, f"{name}.txt".encode()
    )


def _point_text_at(yaml_path: bytes, reference: str) -> None:
    """Make the article's ``document.text`` name ``reference`` (JSON is YAML's quoting)."""
    with open(yaml_path, "rb") as handle:
        lines = handle.read().split(b"\n")
    lines = [
        b"  text: " + json.dumps(reference).encode() if line.startswith(b"  text: ") else line
        for line in lines
    ]
    with open(yaml_path, "wb") as handle:
        handle.write(b"\n".join(lines))


articles = st.builds(
    Article,
    words=st.lists(st.sampled_from(WORDS), min_size=2, max_size=9).map(tuple),
    annotated=st.frozensets(st.sampled_from(tuple(ENTITY_TYPES))),
    date=st.sampled_from(DATES),
    event=st.booleans(),
)

# -- hostile entries --------------------------------------------------------------------

PREFIXES = (b"", b"-", b"--", b"+", b"+!", b" ", b".")
PIECES = (
    b"name",
    b" ",
    b"\x1b[31m",
    b"\x1b]0;title\x07",
    b"\x07",
    b"\n",
    b"\t",
    b"\r",
    b"\xff",
    b"\xc3(",
    b"\xc2\x9b",  # U+009B, the one-byte CSI
    b"\xe2\x80\xae",  # right-to-left override
    b"\xe2\x80\x8b",  # zero-width space
)
FOLDERS = (
    b"",
    b"",
    b"sub",
    b"sub/deeper",
    b".hidden",
    b"-rf",
    b"\x1b[2Jdir",
    b"bad\xffdir",
    b" sp ace/\n",
)
NAME_MAX = 255


@dataclass(frozen=True)
class OddName:
    prefix: bytes
    pieces: tuple[bytes, ...]
    long: bool

    def make(self, number: int, suffix: bytes) -> bytes:
        name = self.prefix + b"".join(self.pieces) + b"-%d" % number
        if self.long:
            name += b"x" * (NAME_MAX - len(name) - len(suffix))
        return name + suffix


odd_names = st.builds(
    OddName,
    prefix=st.sampled_from(PREFIXES),
    pieces=st.lists(st.sampled_from(PIECES), max_size=4).map(tuple),
    long=st.booleans(),
)

VICTIM_TARGETS = ("secret.txt", "victim.yaml", "pipe", "", "notes", "notes/n.yaml")
"""What a link into the victim folder points at ("" is the folder itself)."""
OUTSIDE_TEXTS = ("up-to-victim", "../../victim/secret.txt", "/dev/zero", "absolute", "leak.txt")
"""Where an article's text may point out of the corpus: the victim's text by as many
``..`` as the article's folder needs, the literal two, a device, the victim's text by
its absolute path, a link in the corpus folder that leads to it."""
INSIDE_TARGETS = ("corpus", "article", "text", "sub", "parent")


@dataclass(frozen=True)
class Entry:
    kind: str
    folder: bytes
    name: OddName
    suffix: bytes
    choice: int
    article: Article
    junk: bytes


ENTRY_KINDS = (
    "odd-article",
    "fifo",
    "fifo-text",
    "outside-text",
    "victim-link",
    "dangling-link",
    "inside-link",
    "junk",
)

entries = st.builds(
    Entry,
    kind=st.sampled_from(ENTRY_KINDS),
    folder=st.sampled_from(FOLDERS),
    name=odd_names,
    suffix=st.sampled_from((b".yaml", b".txt", b".yml", b".YAML", b"")),
    choice=st.integers(0, 30),
    article=articles,
    junk=st.one_of(st.binary(max_size=64), st.binary(max_size=64).map(b"gloss: 1\n".__add__)),
)

# -- commands and what is done to the cache between them ------------------------------

QUERY_PARTS = (
    *(word.lower() for word in WORDS),
    "RABAT",
    "rab*",
    "m*",
    '"rabat met"',
    "entity:rabat",
    "entity:Laroui",
    "type:GPE",
    "type:PER",
    "doc:a0",
    "doc:\x1b[31m",
    "event:Contact",
    "realis:actual",
    "date:2022..",
    "date:..2021",
    "secret",
    "victim*",
)
queries = st.one_of(
    st.sampled_from(QUERY_PARTS),
    st.lists(st.sampled_from(QUERY_PARTS), min_size=1, max_size=3).map(" ".join),
    st.text(max_size=12).filter(lambda query: not query.startswith("-")),  # not an option
)
commands = st.one_of(
    st.builds(
        lambda query, as_json: ["search", "corpus", query, *(["--json"] if as_json else [])],
        queries,
        st.booleans(),
    ),
    st.sampled_from(
        [
            ["entities", "corpus"],
            ["entities", "corpus", "--json"],
            ["entities", "corpus", "--link", "wikidata:Q5"],
            ["timeline", "corpus"],
            ["timeline", "corpus", "--json"],
            ["check", "corpus"],
        ]
    ),
)

INTEGER_COLUMNS = (
    "size",
    "mtime_ns",
    "text_size",
    "text_mtime_ns",
    "indexed_ns",
    "entities",
    "mentions",
    "events",
    "errors",
    "warnings",
)
TEXT_COLUMNS = ("path", "hash", "text_path", "text_hash", "kind", "doc_id", "title", "type_counts")
DATE_COLUMNS = ("date_first", "date_last")

DAMAGE, STALE, SHOWN = "damage", "stale", "shown"
"""What a forged value must do: mean the index is damaged (rebuilt, with a notice); be
seen as stale (the file is read again, no notice); or be believed, being of the shape
gloss writes (only the safety of what is shown is checked then)."""

FORGERIES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    # (columns, value name, effect)
    (INTEGER_COLUMNS, "text", DAMAGE),
    (INTEGER_COLUMNS, "real", DAMAGE),
    # A number written into a TEXT column is stored as text (SQLite's column affinity):
    # the wrong type there is a blob.
    ((*INTEGER_COLUMNS, *TEXT_COLUMNS, *DATE_COLUMNS, "date_text", "problems"), "blob", DAMAGE),
    ((*INTEGER_COLUMNS, *TEXT_COLUMNS, "problems"), "null", DAMAGE),
    (DATE_COLUMNS, "not-a-date", DAMAGE),
    (DATE_COLUMNS, "0000-01-01", DAMAGE),
    (DATE_COLUMNS, "2022-02-30", DAMAGE),
    (("path", "text_path"), "../x.yaml", DAMAGE),
    (("path", "text_path"), "../../victim/secret.txt", DAMAGE),
    (("path", "text_path"), "victim-absolute", DAMAGE),
    (("path", "text_path"), "victim-fifo-absolute", DAMAGE),
    (("path", "text_path"), "sub/../a0.yaml", DAMAGE),
    (("path",), "", DAMAGE),
    (("kind",), "weird", DAMAGE),
    (("type_counts",), "{", DAMAGE),
    (("type_counts",), '{"GPE": "x"}', DAMAGE),
    (("problems",), "[1]", DAMAGE),
    (("problems",), "{}", DAMAGE),
    (("indexed_ns",), "future", STALE),
    (("size", "text_size", "mtime_ns", "text_mtime_ns"), "0", STALE),
    (("size", "text_size", "mtime_ns", "text_mtime_ns"), "-1", STALE),
    (("size", "text_size", "mtime_ns", "text_mtime_ns"), "huge", STALE),
    (("hash", "text_hash"), "zeros", STALE),
    (("text_path",), "corpus-fifo", STALE),
    (("text_path",), "leak.txt", STALE),
    (("path", "text_path"), "missing.yaml", STALE),
    (("doc_id", "title", "date_text"), "controls", SHOWN),
)


@dataclass(frozen=True)
class Forge:
    """Set columns of rows of the ``files`` table (row numbers taken modulo the count)."""

    changes: tuple[tuple[int, int, int], ...]
    """(row, forgery, column) indexes."""
    loosen: bool
    """First make the table again without NOT NULL, so NULLs can be written."""


@dataclass(frozen=True)
class Corrupt:
    """Overwrite bytes of the index file, or cut it short."""

    patches: tuple[tuple[float, bytes], ...]
    truncate: float | None


@dataclass(frozen=True)
class Block:
    """Put something else where the cache folder or the index file belongs."""

    how: str


BLOCKS: tuple[str, ...] = (
    "file-for-folder",
    "folder-for-index",
    "fifo-for-index",
    "link-to-victim-for-index",
)
if not RUNNING_AS_ROOT:
    BLOCKS += ("read-only-folder",)

forges = st.builds(
    Forge,
    changes=st.lists(
        st.tuples(st.integers(0, 20), st.integers(0, len(FORGERIES) - 1), st.integers(0, 30)),
        min_size=1,
        max_size=2,
    ).map(tuple),
    loosen=st.booleans(),
)
corruptions = st.builds(
    Corrupt,
    patches=st.lists(
        st.tuples(
            # Where, as a fraction of the file; often in its first page, the schema.
            st.one_of(st.floats(0, 1), st.floats(0, 0.03)),
            st.binary(min_size=1, max_size=16),
        ),
        max_size=4,
    ).map(tuple),
    truncate=st.one_of(st.none(), st.floats(0, 1)),
)
blocks = st.builds(Block, how=st.sampled_from(BLOCKS))
plans = st.builds(
    lambda first, rest: [first, *(step for pair in rest for step in pair if step is not None)],
    commands,
    st.lists(
        st.tuples(st.one_of(st.none(), forges, forges, corruptions, blocks), commands), max_size=4
    ),
)
"""A command first (so that there is an index), then each change to the cache with the
command that must cope with it."""

# -- building an example ----------------------------------------------------------------


@dataclass
class Example:
    box: Path
    home: Path
    fifos: list[bytes] = field(default_factory=list)
    """FIFOs in the corpus, relative to it."""

    @property
    def root(self) -> Path:
        """The example's own folder: the box, the homes, every FIFO the test made."""
        return self.box.parent

    @property
    def work(self) -> Path:
        return self.box / "work"

    @property
    def corpus(self) -> Path:
        return self.box / "work" / "corpus"

    @property
    def victim(self) -> Path:
        return self.box / "victim"

    def xdg(self, name: str) -> Path:
        return self.home / name


def _build_victim(victim: Path) -> None:
    (victim / "notes").mkdir(parents=True)
    text = f"Rabat met {SECRET} talks Monday.\n"
    write_doc(victim, "victim", text, [("rabat", "GPE", [(0, 5)])])
    (victim / "victim.txt").rename(victim / "secret.txt")
    _point_text_at(os.fsencode(victim / "victim.yaml"), "secret.txt")
    yaml = (victim / "victim.yaml").read_text(encoding="utf-8")
    (victim / "victim.yaml").write_text(yaml.replace("name: rabat", f"name: {SECRET}"))
    write_doc(victim / "notes", "n", text, [("fes", "GPE", [(0, 5)])])
    (victim / ".bashrc").write_text(f"export TOKEN={SECRET}\n", encoding="utf-8")
    os.mkfifo(victim / "pipe")
    # Access times before modification times: any read of a file would move its own.
    for path in victim.rglob("*"):
        if path.is_file():
            info = path.stat()
            os.utime(path, ns=(info.st_mtime_ns - 10**10, info.st_mtime_ns))


def _depth(folder: bytes) -> int:
    return len([part for part in folder.split(b"/") if part])


def _outside_reference(choice: str, folder: bytes, example: Example) -> str:
    if choice == "up-to-victim":
        return "../" * (_depth(folder) + 2) + "victim/secret.txt"
    if choice == "absolute":
        return str(example.victim / "secret.txt")
    return choice


def _inside_target(choice: str, example: Example) -> bytes:
    corpus = os.fsencode(example.corpus)
    return {
        "corpus": corpus,
        "article": os.path.join(corpus, b"a0.yaml"),
        "text": os.path.join(corpus, b"a0.txt"),
        "sub": os.path.join(corpus, b"sub"),
        "parent": b"..",
    }[choice]


def _add_entry(example: Example, number: int, entry: Entry) -> None:
    folder = os.path.join(os.fsencode(example.corpus), entry.folder)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, entry.name.make(number, entry.suffix))
    kind = entry.kind
    if kind in ("odd-article", "fifo-text", "outside-text"):
        yaml_path, text_path = _write_article(folder, number + 100, entry.article)
        if kind == "odd-article":
            odd_yaml = entry.name.make(number, b".yaml")
            os.rename(yaml_path, os.path.join(folder, odd_yaml))
            yaml_path = os.path.join(folder, odd_yaml)
            odd_text = entry.name.make(number, b".txt")
            with contextlib.suppress(UnicodeDecodeError):  # a YAML can only name UTF-8
                _point_text_at(yaml_path, odd_text.decode("utf-8"))
                os.rename(text_path, os.path.join(folder, odd_text))
        elif kind == "fifo-text":
            os.unlink(text_path)
            os.mkfifo(text_path)
            example.fifos.append(os.path.relpath(text_path, os.fsencode(example.corpus)))
        else:
            os.unlink(text_path)
            choice = OUTSIDE_TEXTS[entry.choice % len(OUTSIDE_TEXTS)]
            _point_text_at(yaml_path, _outside_reference(choice, entry.folder, example))
            if choice == "leak.txt":
                with contextlib.suppress(FileExistsError):  # the corpus folder has its own
                    leak = os.path.join(folder, b"leak.txt")
                    os.symlink(os.fsencode(example.victim / "secret.txt"), leak)
        return
    if kind == "fifo":
        if not entry.suffix:
            path = os.path.join(folder, entry.name.make(number, b".yaml"))
        os.mkfifo(path)
        example.fifos.append(os.path.relpath(path, os.fsencode(example.corpus)))
    elif kind == "victim-link":
        target = VICTIM_TARGETS[entry.choice % len(VICTIM_TARGETS)]
        os.symlink(os.fsencode(example.victim / target), path)
    elif kind == "dangling-link":
        os.symlink(os.fsencode(example.victim / f"planted-{number}.yaml"), path)
    elif kind == "inside-link":
        os.symlink(
            _inside_target(INSIDE_TARGETS[entry.choice % len(INSIDE_TARGETS)], example), path
        )
    else:
        with open(os.path.join(folder, entry.name.make(number, b".yaml")), "wb") as handle:
            handle.write(entry.junk)


def _build(root: Path, valid: list[tuple[bytes, Article]], hostile: list[Entry]) -> Example:
    example = Example(root / "box", root / "home")
    _build_victim(example.victim)
    corpus = example.corpus
    (corpus / "sub").mkdir(parents=True)
    os.symlink(example.victim / "secret.txt", corpus / "leak.txt")
    for number, (folder, article) in enumerate(valid):
        target = os.path.join(os.fsencode(corpus), folder)
        os.makedirs(target, exist_ok=True)
        _write_article(target, number, article)
    for number, entry in enumerate(hostile):
        _add_entry(example, number, entry)
    return example


# -- what must not change -------------------------------------------------------------


def _read_quietly(path: bytes) -> bytes:
    """The file's bytes without moving its access time."""
    fd = os.open(path, os.O_RDONLY | os.O_NOATIME | os.O_NONBLOCK)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


Tree = dict[bytes, tuple[object, ...]]


def _tree(folder: Path, *, atimes: bool) -> Tree:
    """Every entry under ``folder`` (itself included, links not followed): type, mode,
    size, times, inode, the link's target or the file's bytes."""
    found: Tree = {}
    base = os.fsencode(folder)
    for current, folders, files in os.walk(base):
        for name in [b"", *folders, *files] if current == base else [*folders, *files]:
            path = os.path.join(current, name) if name else current
            info = os.lstat(path)
            content: object = None
            if stat.S_ISLNK(info.st_mode):
                content = os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                content = _read_quietly(path)
            regular_atime = info.st_atime_ns if atimes and stat.S_ISREG(info.st_mode) else None
            found[os.path.relpath(path, base)] = (
                info.st_mode,
                info.st_size,
                info.st_mtime_ns,
                info.st_ctime_ns,
                info.st_ino,
                info.st_nlink,
                regular_atime,
                content,
            )
    return found


# -- the cache -----------------------------------------------------------------------

CACHE_NOTICE = re.compile(
    r"gloss: (the index |cannot create the cache folder |cannot use the index |"
    r"cannot rebuild the index |the cache folder |the disk is full)"
)
IN_MEMORY = "; using an in-memory index this time"


def _index_file(example: Example) -> Path:
    return index_path(folder_to_discover(str(example.corpus)))


def _forged_value(name: str, example: Example) -> object:
    fifo = example.fifos[0].decode("utf-8", "replace") if example.fifos else "pipe.txt"
    return {
        "text": "big",
        "real": 1.5,
        "blob": b"\x00",
        "null": None,
        "victim-absolute": str(example.victim / "secret.txt"),
        "victim-fifo-absolute": str(example.victim / "pipe"),
        "future": time.time_ns() + 10**18,
        "0": 0,
        "-1": -1,
        "huge": 2**62,
        "zeros": "0" * 64,
        "corpus-fifo": fifo,
        "controls": "\x1b[2J\x1b]0;owned\x07\nforged\u202e\x9b",
    }.get(name, name)


def _loosen(connection: sqlite3.Connection) -> None:
    """The files table made again without its NOT NULL constraints (its indexes and
    triggers too, so that nothing but the constraints differs)."""
    (sql,) = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'files'").fetchone()
    attached = [
        row[0]
        for row in connection.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'files' AND type IN "
            "('index', 'trigger') AND sql IS NOT NULL"
        )
    ]
    connection.execute("ALTER TABLE files RENAME TO old_files")
    connection.execute(sql.replace(" NOT NULL", ""))
    connection.execute("INSERT INTO files SELECT * FROM old_files")
    connection.execute("DROP TABLE old_files")
    for statement in attached:
        connection.execute(statement)


def _forge(example: Example, forge: Forge) -> set[str]:
    """Apply the forgery to the index; the effects of the changes that were written."""
    path = _index_file(example)
    if not path.is_file() or path.is_symlink():
        return set()
    written: dict[tuple[int, str], str] = {}
    """The effect of the value each (row, column) holds last."""
    try:
        with contextlib.closing(sqlite3.connect(path)) as connection, connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if "files" not in tables:  # an index cut short before
                return set()
            if forge.loosen:
                _loosen(connection)
            ids = [row[0] for row in connection.execute("SELECT id FROM files ORDER BY id")]
            for row, forgery, column in forge.changes if ids else ():
                columns, name, effect = FORGERIES[forgery]
                place = (ids[row % len(ids)], columns[column % len(columns)])
                with contextlib.suppress(sqlite3.IntegrityError):
                    connection.execute(
                        f"UPDATE files SET {place[1]} = ? WHERE id = ?",
                        (_forged_value(name, example), place[0]),
                    )
                    written[place] = effect
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # corrupted before: nothing forged
        return set()
    return set(written.values())


def _corrupt(example: Example, corrupt: Corrupt) -> bool:
    path = _index_file(example)
    if not path.is_file() or path.is_symlink():
        return False
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        for where, data in corrupt.patches:
            handle.seek(int(where * max(size - len(data), 0)))
            handle.write(data)
        if corrupt.truncate is not None:
            handle.truncate(int(corrupt.truncate * size))
    return True


def _block(example: Example, how: str) -> str:
    """Take the index's place; return the line each later run must print."""
    folder = example.xdg("cache") / "gloss"
    index = _index_file(example)
    if how == "file-for-folder":
        shutil.rmtree(folder, ignore_errors=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.write_text("not a folder\n", encoding="utf-8")
        return f"gloss: cannot create the cache folder {folder} (File exists){IN_MEMORY}"
    folder.mkdir(parents=True, exist_ok=True)
    if how == "read-only-folder":
        folder.chmod(0o555)
        return f"gloss: the cache folder {folder} is read-only{IN_MEMORY}"
    index.unlink(missing_ok=True)
    if how == "folder-for-index":
        index.mkdir()
    elif how == "fifo-for-index":
        os.mkfifo(index)
    else:
        index.symlink_to(example.victim / "secret.txt")
    return f"gloss: the index {index} is not a regular file{IN_MEMORY}"


@dataclass
class CacheState:
    """What the next index-using run must say about the cache, and whether its answer
    must be a fresh cache's."""

    expected_notices: list[str] | None = field(default_factory=list)
    """Exactly these cache lines (None: any, the index was corrupted)."""
    answer_is_fresh: bool = True
    sticky: bool = False
    """The expectation holds for every later run too (the index's place is taken)."""

    def after_forge(self, effects: set[str], damaged: str) -> None:
        if self.sticky or self.expected_notices is None:
            return
        if DAMAGE in effects:
            self.expected_notices = [damaged]
            self.answer_is_fresh = True
        elif SHOWN in effects:
            self.answer_is_fresh = False

    def after_run(self, notices: list[str], damaged: str) -> None:
        if self.sticky:
            return
        if self.expected_notices is None and damaged in notices:
            self.answer_is_fresh = True
        if self.expected_notices is None and damaged not in notices:
            return
        self.expected_notices = []


# -- running -------------------------------------------------------------------------

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@contextlib.contextmanager
def _homes(home: Path) -> Iterator[None]:
    """Config, cache and state folders of this example's own: every example starts with
    an empty cache (the test's folders from conftest are shared by all its examples)."""
    names = {"XDG_CONFIG_HOME": "config", "XDG_CACHE_HOME": "cache", "XDG_STATE_HOME": "state"}
    previous = {name: os.environ.get(name) for name in names}
    os.environ.update({name: str(home / folder) for name, folder in names.items()})
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _check_output(argv: list[str], run: Run) -> None:
    shown = f"gloss {argv!r} printed:\n{run.output}"
    assert run.code in (0, 1, 2), shown
    assert "Traceback (most recent call last)" not in run.output, shown
    assert SECRET not in run.output, shown
    assert not CONTROL.search(run.output), shown
    run.output.encode("utf-8")  # no lone surrogate: a strict UTF-8 stdout would fail


def _check_places(example: Example, victim: Tree, corpus: Tree) -> None:
    assert sorted(os.listdir(example.box)) == ["victim", "work"]
    assert os.listdir(example.work) == ["corpus"]
    assert _tree(example.victim, atimes=True) == victim, "the victim folder changed"
    assert _tree(example.corpus, atimes=False) == corpus, "the corpus changed"
    assert not example.xdg("config").exists()
    assert not example.xdg("state").exists()
    cache = example.xdg("cache")
    if cache.exists():
        assert os.listdir(cache) == ["gloss"]
        gloss = cache / "gloss"
        if gloss.is_dir() and not gloss.is_symlink():
            assert set(os.listdir(gloss)) <= {_index_file(example).name}


def _fresh_answer(example: Example, argv: list[str], cache: dict[tuple[str, ...], Run]) -> Run:
    """What the command answers with an empty cache of its own."""
    key = tuple(argv)
    if key not in cache:
        scratch = Path(tempfile.mkdtemp(prefix="fresh-cache-", dir=example.root))
        previous = os.environ["XDG_CACHE_HOME"]
        os.environ["XDG_CACHE_HOME"] = str(scratch)
        try:
            cache[key] = run_gloss(argv, example.work, fifos_under=example.root)
        finally:
            os.environ["XDG_CACHE_HOME"] = previous
            shutil.rmtree(scratch)
    return cache[key]


def _split(run: Run) -> tuple[list[str], list[str]]:
    """The stderr lines about the cache, and the others."""
    lines = run.stderr.splitlines()
    return [line for line in lines if CACHE_NOTICE.match(line)], [
        line for line in lines if not CACHE_NOTICE.match(line)
    ]


def _run_steps(example: Example, plan: list[object]) -> None:
    victim = _tree(example.victim, atimes=True)
    corpus = _tree(example.corpus, atimes=False)
    state = CacheState()
    fresh: dict[tuple[str, ...], Run] = {}
    damaged = f"gloss: the index {_index_file(example)} was damaged; rebuilt it"
    for step in plan:
        if isinstance(step, Forge):
            state.after_forge(_forge(example, step), damaged)
            continue
        if isinstance(step, Corrupt):
            if not state.sticky and _corrupt(example, step):
                state.expected_notices, state.answer_is_fresh = None, False
            continue
        if isinstance(step, Block):
            if not state.sticky:
                state = CacheState([_block(example, step.how)], True, sticky=True)
            continue
        assert isinstance(step, list)
        run = run_gloss(step, example.work, fifos_under=example.root)
        _check_output(step, run)
        _check_places(example, victim, corpus)
        uses_index = step[0] in ("search", "entities") and run.code != 2
        if not uses_index:
            continue
        notices, others = _split(run)
        if state.expected_notices is not None:
            assert notices == state.expected_notices, (step, run.stderr)
        if state.answer_is_fresh:
            reference = _fresh_answer(example, step, fresh)
            _check_output(step, reference)
            assert _split(reference) == ([], others), (run.stderr, reference.stderr)
            assert (run.code, run.stdout) == (reference.code, reference.stdout)
        state.after_run(notices, damaged)


def _remove(root: Path) -> None:
    """Delete the example, read-only folders included."""
    for current, folders, _ in os.walk(root):
        for name in folders:
            path = os.path.join(current, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)
    shutil.rmtree(root)


valid_articles = st.lists(
    st.tuples(st.sampled_from((b"", b"", b"sub", b"sub/deeper", b"\x1b[2Jdir")), articles),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(valid=valid_articles, hostile=st.lists(entries, max_size=6), plan=plans)
def test_corpus_commands_stay_inside_and_answer_as_a_fresh_index_would(
    valid: list[tuple[bytes, Article]], hostile: list[Entry], plan: list[object]
) -> None:
    root = Path(tempfile.mkdtemp(prefix="gloss-corpus-props-"))
    try:
        example = _build(root, valid, hostile)
        with _homes(example.home):
            _run_steps(example, plan)
    finally:
        _remove(root)
