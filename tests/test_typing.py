"""Issue 11: ``mypy --strict`` finds nothing in the package.  The configuration is
pyproject.toml's ``[tool.mypy]`` (strict, the package's files); mypy and lxml-stubs are
test dependencies, so this runs in CI."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from fixtures import ROOT


def test_issue11_mypy_is_configured_strict_over_the_package():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = config["tool"]["mypy"]
    assert mypy["strict"] is True
    assert mypy["files"] == ["treatydraft"]
    assert "ignore_errors" not in mypy and "disable_error_code" not in mypy
    for override in mypy.get("overrides", []):  # only for imports without annotations
        assert set(override) <= {"module", "ignore_missing_imports"}, override


def test_issue11_mypy_strict_finds_nothing_in_the_package(tmp_path):
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    # the configuration from pyproject.toml (found from the repository root); a fresh
    # cache, so that nothing from an earlier run hides an error
    r = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"),
                        "--no-error-summary"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip() == "", r.stdout
