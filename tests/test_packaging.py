"""The wheel must carry every package and the grammar (a plain `pip install .` is the quick start)."""
from __future__ import annotations

import pytest

from fixtures import ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11+


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "treatydraft").rglob("__init__.py")}
    found.add("treatydraft.grammar")
    assert found <= listed, f"missing from pyproject packages: {sorted(found - listed)}"


def test_grammar_files_ship_with_the_package():
    from importlib import resources
    names = {p.name for p in resources.files("treatydraft.grammar").iterdir()}
    assert {"treaty.lark", "front.lark"} <= names
    assert (ROOT / "grammar" / "treaty.lark").exists()


def test_issue11_wheel_ships_py_typed_grammar_and_testing(tmp_path):
    """The wheel as pip builds it: typed (PEP 561), with the grammar and treatydraft.testing."""
    import subprocess
    import sys
    import zipfile
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                          "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    [wheel] = tmp_path.glob("treatydraft-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"treatydraft/py.typed", "treatydraft/testing.py",
            "treatydraft/grammar/treaty.lark"} <= names
    assert (ROOT / "treatydraft" / "py.typed").read_bytes() == b""  # a marker, nothing more
