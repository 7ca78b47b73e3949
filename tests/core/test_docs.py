"""The worked example in docs/format.md passes ``gloss check`` against the bundled article."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tui.core.loading import yamlsafe
from tui.core.loading.loader import load

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "content" / "idf-morocco-2022-03-25.txt"
FORMAT_DOC = ROOT / "docs" / "format.md"


def worked_example() -> str:
    """The first YAML block after the "Worked example" heading."""
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    section = doc[doc.index("## Worked example") :]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_worked_example_checks_clean(tmp_path: Path) -> None:
    shutil.copy(ARTICLE, tmp_path / ARTICLE.name)
    path = tmp_path / "example.yaml"
    path.write_text(worked_example(), encoding="utf-8")
    result = load(str(path))
    assert result.diagnostics == ()
    document = result.document
    assert document is not None
    assert len(document.entity_by_id["idf"].mentions) == 6
    (visit,) = document.events
    assert document.text[visit.passage.start : visit.passage.end].startswith("The visit, which")
    assert document.text[visit.passage.start : visit.passage.end].endswith("Brig.-Gen. G.")
    assert visit.trigger.start == 225
    assert document.text[visit.trigger.start : visit.trigger.end] == "visit"


def test_documented_size_cap_is_the_real_one() -> None:
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    megabytes = yamlsafe.MAX_YAML_BYTES // (1024 * 1024)
    assert yamlsafe.MAX_TEXT_BYTES == yamlsafe.MAX_YAML_BYTES
    assert f"above {megabytes} MB" in doc
