"""The HTML export in a real headless browser: what the browser parses is what we meant."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.formats.helpers import BUNDLED, check_html_marks
from tui.core.document.model import Document
from tui.core.formats import html as html_format
from tui.core.loading.loader import load

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (make browser-tools installs Debian's chromium)",
)

NASTY_TEXT = (
    "<script>alert('x')</script> Tal & Rabat <b>bold</b>\r\n"
    "Zoë\x01\x7f met \u202eevil\u202c 😀 in Rabat &amp; <!-- c --> ]]>\ttab\n"
)


def _headless(profile: Path) -> list[str]:
    """Chromium, headless, with nothing reaching out to the network and a fresh profile."""
    assert CHROMIUM is not None
    return [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ]


def _dump_dom(page: Path, profile: Path) -> str:
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            *_headless(profile),
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _nasty(tmp_path: Path) -> Document:
    (tmp_path / "n.txt").write_bytes(NASTY_TEXT.encode("utf-8"))
    (tmp_path / "n.yaml").write_text(
        "gloss: 1\ndocument: {id: n, title: '<i>Title</i> & co', text: n.txt}\n"
        "entities:\n"
        "  - {id: s, type: ORG, name: '<script>', mentions: ['<script>alert(''x'')</script>']}\n"
        "  - {id: rabat, type: GPE, name: Rabat, mentions: [{quote: Rabat, all: true}]}\n"
        "  - {id: tal, type: PER, name: 'Tal & co', mentions: ['Tal & Rabat']}\n"
        "  - {id: zoe, type: PER, name: Zoë, mentions: [{start: 52, end: 61}]}\n"
        "events:\n"
        "  - {id: m, type: Contact.Meet, summary: '<b>meet</b>', trigger: met}\n",
        encoding="utf-8",
    )
    result = load(str(tmp_path / "n.yaml"))
    assert result.document is not None, [d.format() for d in result.diagnostics]
    return result.document


@pytest.mark.parametrize("which", ["bundled", "nasty"])
def test_browser_sees_every_highlight_at_its_offsets(tmp_path: Path, which: str) -> None:
    document = load(str(BUNDLED)).document if which == "bundled" else _nasty(tmp_path)
    assert document is not None
    page = tmp_path / "page.html"
    page.write_text(html_format.render(document), encoding="utf-8")
    dom = _dump_dom(page, tmp_path / "profile")
    assert "<article" in dom
    found = check_html_marks(dom, document)
    assert found >= len(document.mentions) + len(document.events)
    # No markup from the text became markup in the page.
    assert "<script>" not in dom.lower().replace("&lt;script&gt;", "")
    assert "<b>bold" not in dom


def test_screenshot_renders(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "page.html"
    document = load(str(BUNDLED)).document
    assert document is not None
    page.write_text(html_format.render(document), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            *_headless(tmp_path / "profile"),
            f"--screenshot={shot}",
            "--window-size=1200,900",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
