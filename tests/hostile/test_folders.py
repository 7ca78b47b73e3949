"""Folders made by someone else: real symbolic links, FIFOs and devices.

Every gloss command that writes must leave a victim folder untouched (no write through
a link, no dangling link's target created, no file gloss did not write replaced), and
every file an annotation names must be a regular file inside the annotation's folder
(or the command fails with an error naming it, and prints nothing of it).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest

from tests.hostile.builders import ARTICLE_TEXT, SECRET, snapshot
from tests.support.inprocess import finishes_within, gloss
from tui.core.loading.preview import peek_text_path


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / ".bashrc").write_text(SECRET, encoding="utf-8")
    return folder


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """A small valid annotation file in its own folder: ``work/doc.yaml`` on ``article.txt``."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "article.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (work / "doc.yaml").write_text(
        "gloss: 1\n"
        "document: {id: doc, text: article.txt}\n"
        "entities:\n"
        "  - {id: rabat, type: GPE, name: Rabat, mentions: [{quote: Rabat, all: true}]}\n"
        "  - {id: morocco, type: GPE, name: Morocco, mentions: [Morocco]}\n",
        encoding="utf-8",
    )
    return work / "doc.yaml"


# -- writes ------------------------------------------------------------------------------


def test_brat_export_never_writes_through_a_link(
    article: Path, victim: Path, tmp_path: Path
) -> None:
    work = article.parent
    (work / "doc.txt").symlink_to(victim / ".bashrc")
    (work / "annotation.conf").symlink_to(victim / "created-by-gloss.conf")  # dangling
    before = snapshot(victim)
    code, _, err = gloss("export", "--format", "brat", str(article))
    assert code == 1
    assert f"{work / 'doc.txt'}:1:1: error: not written: it is a symbolic link" in err
    assert f"{work / 'annotation.conf'}:1:1: error: not written: it is a symbolic link" in err
    assert snapshot(victim) == before
    assert not (victim / "created-by-gloss.conf").exists()
    assert not (work / "doc.ann").exists()  # nothing is written when anything is refused


def test_brat_export_keeps_an_unrelated_doc_txt_and_ann(article: Path) -> None:
    work = article.parent
    (work / "doc.txt").write_text("someone else's text\n", encoding="utf-8")
    (work / "doc.ann").write_text("T1\tPER 0 7\tsomeone\n", encoding="utf-8")
    code, _, err = gloss("export", "--format", "brat", str(article))
    assert code == 1
    assert "doc.txt:1:1: error: not written: it exists and gloss did not write it" in err
    assert "doc.ann:1:1: error: not written: it exists and gloss did not write it" in err
    assert (work / "doc.txt").read_text(encoding="utf-8") == "someone else's text\n"
    code, _, err = gloss("export", "--format", "brat", "--force", str(article))
    assert code == 0, err
    assert (work / "doc.txt").read_text(encoding="utf-8") == ARTICLE_TEXT


def test_brat_export_twice_replaces_its_own_files_and_keeps_a_projects_conf(
    article: Path,
) -> None:
    work = article.parent
    (work / "visual.conf").write_text("[labels]\nGPE | Place\n", encoding="utf-8")
    assert gloss("export", "--format", "brat", str(article))[0] == 0
    code, _, err = gloss("export", "--format", "brat", str(article))
    assert code == 0, err
    assert "kept" in err and "visual.conf" in err
    assert (work / "visual.conf").read_text(encoding="utf-8") == "[labels]\nGPE | Place\n"


@pytest.mark.parametrize("fmt", ["json", "html", "w3c", "doccano", "displacy"])
def test_export_output_link_is_refused(
    fmt: str, article: Path, victim: Path, tmp_path: Path
) -> None:
    out = article.parent / f"out.{fmt}"
    out.symlink_to(victim / ".bashrc")
    dangling = article.parent / f"new.{fmt}"
    dangling.symlink_to(victim / "planted")
    before = snapshot(victim)
    for target in (out, dangling):
        code, _, err = gloss("export", "--format", fmt, str(article), "-o", str(target))
        assert code == 1
        assert f"{target}:1:1: error: not written: it is a symbolic link" in err
    assert snapshot(victim) == before
    assert not (victim / "planted").exists()
    # --force replaces the link itself, never its target.
    assert gloss("export", "--format", fmt, str(article), "-o", str(out), "--force")[0] == 0
    assert not out.is_symlink()
    assert snapshot(victim) == before


def test_doccano_import_never_creates_a_dangling_links_target(tmp_path: Path, victim: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    source = work / "corpus.jsonl"
    source.write_text(json.dumps({"id": 1, "text": "echo pwned", "label": []}) + "\n")
    (work / "corpus.txt").symlink_to(victim / ".bash_login")
    (work / "corpus.yaml").symlink_to(victim / "corpus.yaml")
    before = snapshot(victim)
    code, _, err = gloss("import", "doccano", str(source))
    assert code == 1
    # Every refusal is reported, and nothing at all is written.
    assert f"{work / 'corpus.txt'}:1:1: error: not written: it is a symbolic link" in err
    assert f"{work / 'corpus.yaml'}:1:1: error: not written: it is a symbolic link" in err
    assert snapshot(victim) == before
    assert not (victim / ".bash_login").exists()
    assert sorted(p.name for p in work.iterdir()) == ["corpus.jsonl", "corpus.txt", "corpus.yaml"]


def test_brat_import_never_writes_its_yaml_through_a_link(tmp_path: Path, victim: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "doc.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (work / "doc.ann").write_text("T1\tGPE 0 5\tRabat\n", encoding="utf-8")
    (work / "doc.yaml").symlink_to(victim / "autostart.yaml")
    code, _, err = gloss("import", "brat", str(work / "doc.ann"))
    assert code == 1
    assert "doc.yaml:1:1: error: not written: it is a symbolic link" in err
    assert not (victim / "autostart.yaml").exists()


def test_import_refuses_two_records_that_would_share_a_file(tmp_path: Path) -> None:
    source = tmp_path / "c.jsonl"
    lines = [{"id": 7, "text": "Rabat.", "label": []}, {"id": "7", "text": "Fes.", "label": []}]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = gloss("import", "doccano", str(source), "-o", str(out) + "/")
    assert code == 1, err
    assert "already line 1's" in err
    assert not out.exists() or list(out.iterdir()) == []


# -- reads -------------------------------------------------------------------------------


def _doc_on(folder: Path, text_name: str, mentions: int = 3) -> Path:
    yaml = folder / "doc.yaml"
    mention_lines = "".join(
        f"      - {{start: {i * 10}, end: {i * 10 + 9}, quote: nothing{i}}}\n"
        for i in range(mentions)
    )
    yaml.write_text(
        "gloss: 1\n"
        f"document: {{id: doc, text: {json.dumps(text_name)}}}\n"
        "entities:\n"
        "  - id: x\n    type: PER\n    name: X\n    mentions:\n" + mention_lines,
        encoding="utf-8",
    )
    return yaml


@pytest.mark.parametrize("how", ["link", "absolute", "dotdot"])
def test_a_text_outside_the_folder_is_an_error_and_never_quoted(
    how: str, tmp_path: Path, victim: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    secret = victim / ".bashrc"
    name = {"link": "env.txt", "absolute": str(secret), "dotdot": "../victim/.bashrc"}[how]
    if how == "link":
        (work / "env.txt").symlink_to(secret)
    yaml = _doc_on(work, name)
    for command in (["check"], ["export", "--format", "json"], ["export", "--format", "html"]):
        code, out, err = gloss(*command, str(yaml))
        assert code == 1
        assert "hunter2" not in out + err
        assert "is outside the folder of doc.yaml" in err and "--allow-outside" in err
    code, out, err = gloss("check", "--allow-outside", str(yaml))
    assert "outside this file's folder (read because of --allow-outside)" in err


def test_proc_self_environ_through_a_link_is_refused(tmp_path: Path) -> None:
    os.environ["GLOSS_TEST_SECRET"] = "hunter2-environ"
    try:
        (tmp_path / "env.txt").symlink_to("/proc/self/environ")
        yaml = _doc_on(tmp_path, "env.txt", mentions=40)
        code, out, err = gloss("check", str(yaml))
        assert code == 1
        assert "hunter2" not in out + err
        assert "/environ)' is outside the folder of doc.yaml" in err
    finally:
        del os.environ["GLOSS_TEST_SECRET"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_as_text_is_refused_at_once(
    device: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "dev.txt").symlink_to(device)
    yaml = _doc_on(tmp_path, "dev.txt")
    code, _, err = gloss("check", "--allow-outside", str(yaml))
    assert code == 1
    assert "article text" in err and "is a device, not a regular file" in err


def test_a_fifo_as_text_never_blocks(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    yaml = _doc_on(tmp_path, "pipe.txt")
    results: list[tuple[int, str, str]] = []
    # No writer ever opens the FIFO: reading it would wait for ever.
    finished = finishes_within(lambda: results.append(gloss("check", str(yaml))), 30)
    if not finished:  # unblock the stuck reader so the test run can end
        with open(tmp_path / "pipe.txt", "wb"):
            pass
    assert finished, "gloss check blocked on a FIFO"
    code, _, err = results[0]
    assert code == 1
    assert "is a pipe (FIFO), not a regular file" in err


def test_brat_import_text_beside_must_be_inside(tmp_path: Path, victim: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "doc.txt").symlink_to(victim / ".bashrc")
    (work / "doc.ann").write_text("T1\tPER 0 12\tnot the text\n", encoding="utf-8")
    code, out, err = gloss("import", "brat", str(work / "doc.ann"))
    assert code == 1
    assert "hunter2" not in out + err and "GLOSS_SECRET" not in out + err
    assert "is outside the folder of doc.ann" in err


def test_w3c_source_link_out_of_the_folder_is_refused(tmp_path: Path, victim: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "doc.txt").symlink_to(victim / ".bashrc")
    annotation = {
        "type": "Annotation",
        "body": {"type": "TextualBody", "purpose": "tagging", "value": "PER"},
        "target": {
            "source": "doc.txt",
            "selector": {"type": "TextQuoteSelector", "exact": "GLOSS_SECRET_TOKEN=hunter3"},
        },
    }
    (work / "a.jsonld").write_text(json.dumps([annotation]), encoding="utf-8")
    code, out, err = gloss("import", "w3c", str(work / "a.jsonld"))
    assert code == 1
    assert "hunter2" not in out + err
    assert "is outside the folder of a.jsonld" in err


def test_preview_guess_follows_the_loaders_rule(tmp_path: Path, victim: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "env.txt").symlink_to(victim / ".bashrc")
    (work / "inside.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    outside = _doc_on(work, "env.txt")
    assert peek_text_path(str(outside)) is None
    assert peek_text_path(str(outside), allow_outside=True) == str(victim / ".bashrc")
    inside = _doc_on(work, "inside.txt")
    assert peek_text_path(str(inside)) == str((work / "inside.txt").resolve())


def test_gloss_file_takes_allow_outside_too(
    tmp_path: Path, victim: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GLOSS_FORCE_TTY", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    (victim / "story.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    yaml = work / "doc.yaml"
    yaml.write_text(
        "gloss: 1\ndocument: {id: doc, text: ../victim/story.txt}\nentities:\n"
        "  - {id: r, type: GPE, name: Rabat, mentions: [{quote: Rabat, all: true}]}\n",
        encoding="utf-8",
    )
    code, _, err = gloss(str(yaml))
    assert code == 1 and "is outside the folder of doc.yaml" in err
    for argv in (["--allow-outside", str(yaml)], [str(yaml), "--allow-outside"]):
        code, _, err = gloss(*argv)
        assert code == 2, err  # loaded; the reader then needs a terminal
        assert "the reader needs a terminal" in err


def test_the_large_file_preview_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    from tui.app.screens.loading import text_only_document

    os.mkfifo(tmp_path / "pipe.txt")
    yaml = _doc_on(tmp_path, "pipe.txt")
    found: list[object] = []
    finished = finishes_within(lambda: found.append(text_only_document(str(yaml))), 30)
    if not finished:
        with open(tmp_path / "pipe.txt", "wb"):
            pass
    assert finished, "the preview blocked on a FIFO"
    assert found == [None]


def test_every_refusal_is_listed_and_nothing_written(tmp_path: Path, victim: Path) -> None:
    from tui.cli.formats import write_all_or_report
    from tui.core.files.safewrite import PlannedWrite

    (tmp_path / "mine.txt").write_text("the user's\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(victim / ".bashrc")
    planned = [
        PlannedWrite(str(tmp_path / "new.txt"), b"new"),
        PlannedWrite(str(tmp_path / "mine.txt"), b"replacement"),
        PlannedWrite(str(tmp_path / "link.txt"), b"through"),
        PlannedWrite(str(tmp_path / "new.txt"), b"again"),
    ]
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert write_all_or_report(planned, force=False) is False
    assert err.getvalue().splitlines() == [
        f"{tmp_path / 'mine.txt'}:1:1: error: not written: it exists and gloss did not write "
        "it (--force replaces it)",
        f"{tmp_path / 'link.txt'}:1:1: error: not written: it is a symbolic link; gloss does "
        "not write through links (--force replaces the link)",
        f"{tmp_path / 'new.txt'}:1:1: error: not written: two documents would be written to "
        "this one file",
    ]
    assert not (tmp_path / "new.txt").exists()
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "the user's\n"


def test_import_with_a_text_outside_checks_with_allow_outside(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "doc.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    (work / "doc.ann").write_text("T1\tGPE 0 5\tRabat\n", encoding="utf-8")
    text = str(tmp_path / "texts" / "doc.txt")
    code, _, err = gloss("import", "brat", str(work / "doc.ann"), "--text", text)
    assert code == 1  # written, but its text is outside its folder: the check says so
    assert "is outside the folder of doc.yaml" in err
    code, out, err = gloss(
        "import", "brat", str(work / "doc.ann"), "--text", text, "--allow-outside"
    )
    assert code == 0, err
    assert "read because of --allow-outside" in err and "wrote" in out


def test_timeline_discovery_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    from tui.core.timeline.table import discover

    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "real.yaml").write_text("gloss: 1\n", encoding="utf-8")
    found: list[list[str]] = []
    finished = finishes_within(lambda: found.append(discover(str(tmp_path))), 30)
    if not finished:
        with open(tmp_path / "pipe.yaml", "wb"):
            pass
    assert finished, "timeline discovery blocked on a FIFO"
    assert [os.path.basename(path) for path in found[0]] == ["real.yaml"]
