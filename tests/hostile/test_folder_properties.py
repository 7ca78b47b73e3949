"""Property test: random folders of links, FIFOs and existing files never make a gloss
command write or read outside the rules.

Each example builds ``work/`` (the folder gloss is run on) beside ``victim/`` (files the
user cares about). Every name gloss may read or write in ``work/`` is, at random, absent,
a regular file of the user's, a link to a victim file, a dangling link into the victim
folder, or a FIFO; then one random command runs (check, export in any format, import).
Whatever happens:

- the victim folder is exactly as it was: same files, same bytes, same modification
  times, nothing new (no write through a link, no dangling link's target created);
- nothing of a victim file reaches the output (no read outside the folder);
- nothing appears beside ``work/`` and ``victim/``;
- a file of the user's in ``work/`` is only replaced with ``--force``;
- the command ends (a FIFO is never opened for a blocking read) with no traceback.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.inprocess import run_gloss

SECRET = "VICTIM-SECRET-7f3a"
TEXT = "Rabat is the capital of Morocco. Fes is older than Rabat.\n"
KINDS = ("absent", "user-file", "link-to-victim", "dangling-link", "fifo")
# Every name a command below may read or write in work/.
NAMES = (
    "doc.txt",
    "doc.ann",
    "doc.yaml.bak",
    "annotation.conf",
    "visual.conf",
    "out.html",
    "out.json",
    "out.jsonld",
    "corpus.txt",
    "corpus.yaml",
    "src.txt",
    "src.yaml",
)
TEXT_NAMES = ("article.txt", "env.txt", "pipe.txt", "../victim/notes.txt", "/dev/zero")
COMMANDS = (
    ("check", "doc.yaml"),
    ("export", "--format", "brat", "doc.yaml"),
    ("export", "--format", "html", "doc.yaml", "-o", "out.html"),
    ("export", "--format", "json", "doc.yaml", "-o", "out.json"),
    ("export", "--format", "w3c", "doc.yaml", "-o", "out.jsonld"),
    ("export", "--format", "doccano", "doc.yaml"),
    ("import", "doccano", "corpus.jsonl"),
    ("import", "brat", "src.ann"),
    ("import", "w3c", "src.jsonld"),
)


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = (path.read_bytes(), path.stat().st_mtime_ns)
    return found


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _build(root: Path, layout: dict[str, str], text_name: str) -> None:
    victim = root / "victim"
    victim.mkdir()
    for name in ("notes.txt", ".bashrc", "id_rsa"):
        (victim / name).write_text(f"{SECRET} Rabat {name}\n", encoding="utf-8")
    work = root / "work"
    work.mkdir()
    (work / "article.txt").write_text(TEXT, encoding="utf-8")
    (work / "env.txt").symlink_to(victim / "notes.txt")
    os.mkfifo(work / "pipe.txt")
    (work / "doc.yaml").write_text(
        "gloss: 1\n"
        f"document: {{id: doc, text: {json.dumps(text_name)}}}\n"
        "entities:\n"
        "  - {id: rabat, type: GPE, name: Rabat, mentions: [{quote: Rabat, all: true}]}\n",
        encoding="utf-8",
    )
    (work / "corpus.jsonl").write_text(
        json.dumps({"id": 1, "text": TEXT, "label": [[0, 5, "GPE"]]}) + "\n", encoding="utf-8"
    )
    (work / "src.ann").write_text("T1\tGPE 0 5\tRabat\n", encoding="utf-8")
    annotation = {
        "type": "Annotation",
        "body": {"type": "TextualBody", "purpose": "tagging", "value": "GPE"},
        "target": {
            "source": "src.txt",
            "selector": {"type": "TextQuoteSelector", "exact": "Rabat", "suffix": " is"},
        },
    }
    (work / "src.jsonld").write_text(json.dumps([annotation]), encoding="utf-8")
    for name, kind in layout.items():
        path = work / name
        if kind == "user-file":
            path.write_text(f"the user's own {name}\n", encoding="utf-8")
        elif kind == "link-to-victim":
            path.symlink_to(victim / ".bashrc")
        elif kind == "dangling-link":
            path.symlink_to(victim / f"planted-{name}")
        elif kind == "fifo":
            os.mkfifo(path)
    if "src.txt" not in layout:
        (work / "src.txt").write_text(TEXT, encoding="utf-8")


layouts = st.dictionaries(st.sampled_from(NAMES), st.sampled_from(KINDS[1:]), max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    layout=layouts,
    text_name=st.sampled_from(TEXT_NAMES),
    command=st.sampled_from(COMMANDS),
    force=st.booleans(),
)
def test_no_command_writes_or_reads_outside_the_rules(
    layout: dict[str, str], text_name: str, command: tuple[str, ...], force: bool
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        _build(root, layout, text_name)
        work = root / "work"
        victim_before = _snapshot(root / "victim")
        victim_listing = _listing(root / "victim")
        work_before = _snapshot(work)
        argv = list(command)
        if force and argv[0] in ("export", "import"):
            argv.append("--force")
        run = run_gloss(argv, work)
        code, output = run.code, run.output
        assert code in (0, 1), output
        assert "Traceback" not in output
        assert SECRET not in output
        assert _snapshot(root / "victim") == victim_before
        assert _listing(root / "victim") == victim_listing
        assert sorted(p.name for p in root.iterdir()) == ["victim", "work"]
        for path in work.iterdir():
            if path.is_file() and not path.is_symlink():
                assert SECRET not in path.read_text(encoding="utf-8", errors="replace")
        if not force:
            after = _snapshot(work)
            for name, kind in layout.items():
                if kind == "user-file":
                    assert after.get(name) == work_before.get(name), name
