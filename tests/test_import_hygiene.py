"""The pure layer and the non-interactive commands must not import Textual."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "statement",
    [
        "import tui.core.loading.loader, tui.core.formats.resolved",
        "import tui.core.corpus.index, tui.core.corpus.stats, tui.core.corpus.targets",
        "from tui.cli.main import main; main(['check', '--quiet', '/nonexistent.yaml'])",
        "from tui.cli.main import main; main(['--version'])",
        # Every command module, and the launcher until it opens an app.
        "import tui.cli.check, tui.cli.compare, tui.cli.entities, tui.cli.formats, "
        "tui.cli.import_cat, tui.cli.launcher, tui.cli.search, tui.cli.timeline",
    ],
)
def test_textual_is_not_imported(statement: str) -> None:
    code = f"{statement}\nimport sys\nassert 'textual' not in sys.modules, 'textual imported'"
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
