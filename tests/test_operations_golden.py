"""Golden cases for the operations, run through the CLI: tests/fixtures/operations/<case>/.

Each case folder holds ``args`` (one command line; ``{input}`` is the case's
``input.txt``, ``{case}`` the folder, ``{samples}`` the bundled samples), the inputs,
``expected.txt`` (standard output) and, when the command writes to standard error,
``expected.err``.  ``TREATYDRAFT_UPDATE_GOLDEN=1`` rewrites them.
"""
from __future__ import annotations

import shlex

import pytest
from click.testing import CliRunner

import treatydraft
from treatydraft.cli import main

from fixtures import SAMPLES, cases, golden, read


def _args(case) -> list[str]:
    line = read(case / "args").strip()
    line = (line.replace("{input}", str(case / "input.txt")).replace("{case}", str(case))
            .replace("{samples}", str(SAMPLES)))
    return shlex.split(line)


@pytest.mark.parametrize("case", cases("operations", needs="args"))
def test_operation_golden(case):
    args = _args(case)
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    golden(case / "expected.txt", result.stdout)
    if result.stderr or (case / "expected.err").exists():
        golden(case / "expected.err", result.stderr.replace(str(SAMPLES), "{samples}")
               .replace(str(case), "{case}"))
    if args[0] in ("resolve", "clean") and "--plain" not in args:
        # what resolve and clean write is a draft that parses again, as strictly as the input
        mode = "tolerant" if "--tolerant" in args else "strict"
        doc = treatydraft.parse(result.stdout, mode=mode)
        assert doc.to_text() == result.stdout
    if args[0] == "clean":
        assert not list(treatydraft.parse(result.stdout, mode="tolerant").groups())
