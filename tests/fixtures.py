"""The one loader for data-driven test cases.

A case is a folder ``tests/fixtures/<area>/<case>/`` holding ``input.txt`` (or
other inputs) beside expected outputs (``expected.json``, ``expected.xml``,
``expected.txt`` ...).  Regressions are named after their issue: ``issue-12-...``.

Set ``TREATYDRAFT_UPDATE_GOLDEN=1`` to (re)write expected files from the actual
results; review the diff like code.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED = FIXTURES / "seed" / "a-ac291-cn-chair-note-zh.txt"
UPDATE = os.environ.get("TREATYDRAFT_UPDATE_GOLDEN") == "1"


def cases(area: str, *, needs: str = "input.txt") -> list:
    """pytest params, one per case folder of ``area`` that has the file ``needs``."""
    base = FIXTURES / area
    found = sorted(p for p in base.iterdir() if (p / needs).exists()) if base.exists() else []
    return [pytest.param(p, id=p.name) for p in found]


def samples(pattern: str = "*.txt") -> list:
    """pytest params for the bundled sample drafts."""
    return [pytest.param(p, id=p.name) for p in sorted(SAMPLES.glob(pattern))]


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def parse_file(path: Path):
    """The draft at ``path``, parsed strictly, named after the file in messages."""
    import treatydraft
    return treatydraft.parse(read(path), source=str(path))


def golden(path: Path, actual: str | bytes) -> None:
    """Assert ``actual`` equals the expected file ``path`` (or write it when updating)."""
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"missing golden file {path.relative_to(ROOT)}; run with "
                        "TREATYDRAFT_UPDATE_GOLDEN=1 to create it, then review it")
        path.write_bytes(data)
        return
    expected = path.read_bytes()
    if expected != data:
        exp, act = expected.decode("utf-8", "replace"), data.decode("utf-8", "replace")
        assert act == exp, f"{path.relative_to(ROOT)} differs (TREATYDRAFT_UPDATE_GOLDEN=1 rewrites it)"


def seed_text() -> str:
    """The seed document (tests/fixtures/seed/)."""
    return read(SEED)


def bench_module(name: str):
    """The benchmark module ``bench/<name>.py``, loaded from its file.

    bench/ is never put on sys.path: its docx.py would shadow python-docx."""
    import importlib.util
    import sys
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module
