"""gloss installed from a wheel (not editable) finds its bundled article.

The wheel is built from this tree and installed without dependencies into a fresh
virtualenv; Textual and PyYAML come from the test environment's site-packages through
PYTHONPATH (which does not carry the editable install of gloss itself), and the command
runs from a folder outside the clone, so only the installed package can supply the
article.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.install


def test_a_wheel_installed_in_a_fresh_virtualenv_opens_the_bundled_article(
    tmp_path: Path,
) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("gloss_tui-*.whl")
    fresh = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(fresh)
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(fresh / "bin" / "python"),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    where = subprocess.run(
        [str(fresh / "bin" / "python"), "-c", "import tui; print(tui.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert str(fresh) in where.stdout, (where.stdout, where.stderr)
    check = subprocess.run(
        [str(fresh / "bin" / "gloss"), "check"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    assert "idf-morocco-2022-03-25.yaml: 0 error(s)" in check.stdout
    assert str(fresh) in check.stdout
