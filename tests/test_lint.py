"""Issue 11: ``ruff check`` with the project's rule set (pyproject.toml: E, F, W, B, I, UP,
SIM) finds nothing in the package.  ruff is a test dependency, so this runs in CI."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from fixtures import ROOT


def _ruff() -> list[str] | None:
    exe = shutil.which("ruff")
    if exe:
        return [exe]
    try:
        import ruff  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "ruff"]


def test_issue11_ruff_finds_nothing_in_the_package():
    cmd = _ruff()
    if cmd is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    r = subprocess.run(cmd + ["check", "--no-cache", "treatydraft"], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
