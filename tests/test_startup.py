"""Issue 11 part 5, an instant command line: what a start imports (not how long it takes).

Each check runs in a fresh interpreter and reads ``sys.modules``: ``import treatydraft``
loads none of its modules, and ``treatydraft check`` loads the parser but not Lark, lxml,
python-docx, the writers, the readers of Word/PDF or the operations.  The timings
themselves are bench/startup.py's (reported in docs/performance.md).
"""
from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

import treatydraft
from treatydraft.cli.main import COMMAND_MODULES, main

from fixtures import SEED, bench_module

HEAVY = ("lxml", "docx", "click", "lark", "treatydraft.writers.akn", "treatydraft.writers.docx",
         "treatydraft.readers.docx", "treatydraft.readers.pdf", "treatydraft.operations")


def _modules_after(code: str) -> set[str]:
    """The modules loaded by a fresh interpreter that ran ``code``."""
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def _loaded(modules: set[str], prefix: str) -> bool:
    return any(m == prefix or m.startswith(prefix + ".") for m in modules)


def test_issue11_import_treatydraft_loads_none_of_its_modules():
    modules = _modules_after("import treatydraft")
    assert sorted(m for m in modules if m.startswith("treatydraft.")) == []
    for heavy in HEAVY:
        assert not _loaded(modules, heavy), heavy


def test_issue11_check_loads_no_xml_word_writer_or_operations():
    modules = _modules_after(
        "from treatydraft.cli import main\n"
        f"try:\n    main(['check', {str(SEED)!r}], prog_name='treatydraft')\n"
        "except SystemExit as exc:\n    assert exc.code in (0, 1), exc.code\n")
    assert _loaded(modules, "treatydraft.parser")  # it did parse (with generated tables)
    for heavy in ("lxml", "docx", "lark", "treatydraft.writers", "treatydraft.readers.docx",
                  "treatydraft.readers.pdf", "treatydraft.operations", "treatydraft.schema"):
        assert not _loaded(modules, heavy), heavy
    # only the command's own module of the CLI
    assert {m for m in modules if m.startswith("treatydraft.cli.")} == {
        "treatydraft.cli.main", "treatydraft.cli.common", "treatydraft.cli.inspect"}


def test_issue11_every_command_is_found_in_the_module_named_for_it():
    import pkgutil
    import treatydraft.cli
    defined = {}
    for info in pkgutil.iter_modules(treatydraft.cli.__path__):  # a new module is seen too
        module = importlib.import_module(f"treatydraft.cli.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            defined[command.name] = info.name
    assert defined == COMMAND_MODULES
    ctx = main.make_context("treatydraft", ["check", "x"])
    assert main.list_commands(ctx) == sorted(COMMAND_MODULES)
    assert main.get_command(ctx, "no-such-command") is None


def test_issue11_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"], prog_name="treatydraft")
    assert exc.value.code == 0
    listing = capsys.readouterr().out.split("Commands:", 1)[1]
    assert [line.split()[0] for line in listing.strip().splitlines()] == sorted(COMMAND_MODULES)


def test_issue11_public_names_load_when_first_used():
    assert sorted(treatydraft.__all__) == sorted(treatydraft._LAZY)  # one entry each
    for name in treatydraft.__all__:
        assert getattr(treatydraft, name) is not None, name
    assert set(treatydraft.__all__) <= set(dir(treatydraft))
    from treatydraft.errors import ExportError, OperationError
    from treatydraft.operations.stats import Stats
    from treatydraft.writers.akn import to_akn
    assert (treatydraft.ExportError, treatydraft.OperationError, treatydraft.Stats,
            treatydraft.to_akn) == (ExportError, OperationError, Stats, to_akn)
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        treatydraft.nothing_here  # noqa: B018


def test_issue11_startup_benchmark_reports_every_command():
    startup = bench_module("startup")
    r = startup.measure(rounds=1)
    assert list(r["commands"]) == ["python -c pass", "import treatydraft",
                                   "treatydraft check (seed)", "import click, ast"]
    assert all(m["wall"] > 0 for m in r["commands"].values())
    text = startup.report(r)
    assert "target <= 3x" in text and "target <= 30 ms" in text


def test_issue11_a_command_leaves_out_the_last_collection_at_exit():
    """The objects alive at exit are frozen (gc.freeze) before the interpreter's final
    collection, after every exit handler registered later has run; the output is whole."""
    probe = ("import atexit, gc, sys\n"
             "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
             "from treatydraft.cli import main\n"
             f"main(['check', {str(SEED)!r}], prog_name='treatydraft')\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[-1] == "frozen True"
    assert lines[0].endswith("0 articles, 9 groups (9 of alternatives, 0 optional, 0 option "
                             "blocks), 18 alternatives, 0 placeholders, 0 notes, 0 delegations")
    without = subprocess.run([sys.executable, "-c", probe.replace(
        "from treatydraft.cli import main\n", "from treatydraft.cli import main\n"
        "sys.modules['treatydraft.cli.main'].skip_final_collection = lambda: None\n")],
        capture_output=True, text=True)
    assert without.stdout.splitlines()[-1] == "frozen False"  # the probe can tell
    assert without.stdout.splitlines()[:-1] == lines[:-1]
