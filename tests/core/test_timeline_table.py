"""``gloss timeline FILE|DIR``: discovery, interleaving, folding by links, table and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.helpers import HEADER, write_pair
from tui.cli.main import bundled_article, main
from tui.core.document.dates import parse_date
from tui.core.timeline.table import (
    Row,
    Telling,
    discover,
    fold_by_links,
    sort_rows,
)

EVENTS = """\
events:
  - id: visit
    type: Contact.Meet
    summary: Kalman visits
    trigger: visited
    date: {value: 2022-03-24, text: Thursday}
  - {id: said, type: Contact.Broadcast, summary: The IDF says so, trigger: said, date: 2022-03-25}
  - {id: signed, type: Business.Start-Org, summary: A memorandum is signed, trigger: signed}
"""


def test_file_table_is_sorted_by_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", str(bundled_article())]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["date", "precision", "realis", "type", "summary", "location"]
    assert lines[1].startswith("2014 ")
    assert "drone deal between Israel and Morocco is signed" in lines[1]
    assert lines[1].endswith("idf-morocco-2022-03-25.txt:27:40")
    heron = next(line for line in lines if "Heron reconnaissance drones" in line)
    assert heron.startswith("2021-01 ") and "×2" in heron
    assert lines.index(heron) == 2
    guessed = next(line for line in lines if "Yair Lapid visits" in line)
    assert guessed.startswith("2021-08~")
    assert lines[-1].startswith("? ")


def test_json_has_every_telling(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--json", str(bundled_article())]) == 0
    rows = json.loads(capsys.readouterr().out)
    heron = rows[1]
    assert heron["date"] == "2021-01" and heron["precision"] == "month"
    assert heron["date_words"] == "In January of last year"
    assert [t["event"] for t in heron["tellings"]] == ["heron-delivery", "heron-delivery-2"]
    assert rows[-1]["date"] is None


def test_folder_interleaves_documents_by_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two" / "deeper").mkdir(parents=True)
    write_pair(tmp_path / "one", EVENTS)
    other = HEADER.replace("id: t", "id: u").replace("2022-03-25", "2022-03-30")
    write_pair(
        tmp_path / "two" / "deeper",
        "events:\n  - {id: met, type: Contact.Meet, summary: Delegation meets, trigger: met, "
        "date: 2022-03-24/2022-03-25}\n",
        header=other,
    )
    (tmp_path / "notes.yaml").write_text("title: not an annotation file\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    write_pair(tmp_path / ".hidden", EVENTS)
    assert main(["timeline", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "document" in lines[0].split()
    assert "u" in lines[1].split() and "t" in lines[2].split()
    assert [line.split()[0] for line in lines[1:]] == [
        "2022-03-24/2022-03-25",
        "2022-03-24",
        "2022-03-25",
        "?",
    ]


def test_discover_finds_only_gloss_files(tmp_path: Path) -> None:
    write_pair(tmp_path, EVENTS)
    (tmp_path / "b.yml").write_text("# a comment\ngloss: 1 # version\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("gloss: 2\n", encoding="utf-8")
    (tmp_path / "d.yaml").symlink_to(tmp_path / "a.yaml")
    assert [Path(p).name for p in discover(str(tmp_path))] == ["a.yaml", "b.yml"]


def test_empty_folder_and_broken_file_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["timeline", str(tmp_path)]) == 1
    assert "no annotation files" in capsys.readouterr().err
    broken = write_pair(tmp_path, "events: [{id: x}]\n")
    assert main(["timeline", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "a.yaml:6:" in err and "error" in err and "Traceback" not in err


def test_events_sharing_links_fold_across_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = (
        "events:\n"
        "  - {id: visit, type: Contact.Meet, summary: Kalman visits, trigger: visited, "
        "date: 2022-03, links: {wikidata: Q1}}\n"
        "  - {id: said, type: Contact.Broadcast, summary: The IDF says so, trigger: said}\n"
    )
    two = (
        "events:\n"
        "  - {id: met, type: Contact.Meet, summary: Delegation meets, trigger: met, "
        "date: 2022-03-24, links: {wikidata: Q1}}\n"
    )
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    write_pair(tmp_path / "one", one)
    write_pair(tmp_path / "two", two, header=HEADER.replace("id: t", "id: u"))
    assert main(["timeline", "--json", str(tmp_path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 2
    folded = rows[0]
    assert folded["date"] == "2022-03-24"  # the more precise of the two
    assert folded["summary"] == "Kalman visits"  # the first telling stands for it
    assert folded["documents"] == ["t", "u"]
    assert [t["event"] for t in folded["tellings"]] == ["visit", "met"]
    assert folded["links"] == [["wikidata", "Q1"]]
    assert main(["timeline", str(tmp_path)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert "Kalman visits ×2" in table[1] and "t +1" in table[1]


def row(rank: int, date: str | None, links: set[tuple[str, str]], document: str) -> Row:
    return Row(
        date=parse_date(date) if date else None,
        realis="actual",
        type="Contact.Meet",
        summary=f"row {rank}",
        date_words=None,
        guessed=False,
        document_id=document,
        tellings=[Telling(document, f"e{rank}", f"{document}.txt:1:{rank + 1}")],
        links=links,
        rank=rank,
    )


def test_rows_sharing_a_link_fold_into_one_with_the_most_precise_date() -> None:
    rows = [
        row(0, "2022-03", {("wikidata", "Q1")}, "a"),
        row(1, None, set(), "a"),
        row(2, "2022-03-24", {("wikidata", "Q1"), ("gdelt", "9")}, "b"),
        row(3, "2021", {("gdelt", "9")}, "c"),
        row(4, "2022-03-24", {("wikidata", "Q2")}, "c"),
    ]
    folded = sort_rows(fold_by_links(rows))
    assert [r.summary for r in folded] == ["row 0", "row 4", "row 1"]
    first = folded[0]
    assert first.date is not None and first.date.text == "2022-03-24"
    assert first.documents == ["a", "b", "c"]
    assert [t.event_id for t in first.tellings] == ["e0", "e2", "e3"]


def test_one_entitys_events_across_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entities = (
        "entities:\n"
        "  - {id: kalman, type: PER, name: Tal Kalman, aliases: [Kalman], "
        "links: {wikidata: Q42}, mentions: [Kalman]}\n"
    )
    events = (
        "events:\n"
        "  - {id: visit, type: Contact.Meet, summary: Kalman visits, trigger: visited, "
        "date: 2022-03-24, arguments: [{role: Visitor, entity: kalman}]}\n"
        "  - {id: said, type: Contact.Broadcast, summary: The IDF says so, trigger: said}\n"
    )
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    write_pair(tmp_path / "one", entities + events)
    write_pair(tmp_path / "two", entities + events, header=HEADER.replace("id: t", "id: u"))
    for name in ("kalman", "TAL KALMAN", "q42"):
        assert main(["timeline", str(tmp_path), "--entity", name]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) == 3, name
        assert all("Kalman visits" in line for line in lines[1:])
    assert main(["timeline", str(tmp_path), "--entity", "nobody"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
