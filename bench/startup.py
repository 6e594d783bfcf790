"""Startup benchmark: whole processes, as a user or a script starts them (issue 11, part 5).

Runs, interleaved (one of each in turn, so a change in the machine's load hits all
alike), N times each (default 20), and prints the median wall-clock and CPU time
(user + system, of the child) of:

* ``python -c pass``: the floor, the interpreter and ``site`` alone;
* ``python -c "import treatydraft"``;
* ``treatydraft check`` on the 11 KB seed draft (tests/fixtures/seed/);
* ``python -c "import click, treatydraft.ast"``: what any ``check`` imports before it
  reads a byte (the command line's library and the AST; the parser no longer needs
  Lark at run time), for reference; like ``check``, it leaves out the garbage
  collector's last pass at exit (``gc.freeze`` at exit, see treatydraft/cli/main.py).

Then the ratios to the floor, and the targets: ``check`` at most 3x ``python -c pass``
and ``import treatydraft`` at most 30 ms over it (wall-clock medians).

Before measuring, the package's bytecode is compiled (as pip does when it installs a
wheel, and whatever PYTHONDONTWRITEBYTECODE says) and each command runs once
unmeasured, so what the first start keeps in the temporary folder is in place (the
compiled regular expressions, treatydraft/regexcache.py; the compiled methods of the
node classes, treatydraft/codecache.py): what is measured is a warm start, the one
every start after the first gets.

    python bench/startup.py          # 20 rounds
    python bench/startup.py 50       # 50 rounds
    python bench/startup.py --json   # the figures as JSON on standard output
"""
from __future__ import annotations

import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed" / "a-ac291-cn-chair-note-zh.txt"

#: targets of issue 11: check / bare python, and import treatydraft - bare python (s)
CHECK_RATIO = 3.0
IMPORT_OVER = 0.030


def check_command() -> list[str]:
    """The ``treatydraft`` console script beside this interpreter, else ``-m treatydraft``."""
    script = Path(sys.executable).parent / ("treatydraft.exe" if os.name == "nt" else "treatydraft")
    if script.exists():
        return [str(script), "check", str(SEED)]
    return [sys.executable, "-m", "treatydraft", "check", str(SEED)]


def commands() -> dict[str, list[str]]:
    return {"python -c pass": [sys.executable, "-c", "pass"],
            "import treatydraft": [sys.executable, "-c", "import treatydraft"],
            "treatydraft check (seed)": check_command(),
            "import click, ast": [
                sys.executable, "-c", "import atexit, gc; atexit.register(gc.freeze); "
                                      "import click, treatydraft.ast"]}


def run_once(argv: list[str]) -> tuple[float, float]:
    """(wall-clock s, CPU s of the child) for one run of ``argv``; its output is discarded."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
    else:  # pragma: no cover - no wait4 (Windows): wall-clock only
        proc.wait()
        wall = time.perf_counter() - t0
        cpu = float("nan")
    if proc.returncode not in (0, 1):  # check exits 1 when the draft has errors
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}")
    return wall, cpu


def prepare() -> None:
    """Compile the package's bytecode, as an installed wheel has it."""
    import importlib.util
    spec = importlib.util.find_spec("treatydraft")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("treatydraft is not installed (pip install -e .)")
    for folder in spec.submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


def measure(rounds: int = 20) -> dict[str, Any]:
    """Medians over ``rounds`` interleaved runs: {name: {"wall": s, "cpu": s}} and verdicts."""
    prepare()
    cmds = commands()
    for argv in cmds.values():  # warm: bytecode, the kept regexes and code, the OS file cache
        run_once(argv)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(rounds):
        for name, argv in cmds.items():
            samples[name].append(run_once(argv))
    result = {name: {"wall": statistics.median(w for w, _ in runs),
                     "cpu": statistics.median(c for _, c in runs)}
              for name, runs in samples.items()}
    bare, imp, check = (result[name] for name in list(cmds)[:3])
    return {"rounds": rounds, "commands": result,
            "check_ratio": check["wall"] / bare["wall"],
            "check_ratio_cpu": check["cpu"] / bare["cpu"] if bare["cpu"] else None,
            "import_over": imp["wall"] - bare["wall"],
            "import_over_cpu": imp["cpu"] - bare["cpu"]}


def report(r: dict[str, Any]) -> str:
    bare = r["commands"]["python -c pass"]
    lines = [f"median of {r['rounds']} interleaved runs each",
             f"{'command':<26} {'wall ms':>8} {'x bare':>7} {'CPU ms':>8} {'x bare':>7}"]
    for name, m in r["commands"].items():
        lines.append(f"{name:<26} {m['wall'] * 1e3:>8.1f} {m['wall'] / bare['wall']:>7.2f} "
                     f"{m['cpu'] * 1e3:>8.1f} "
                     f"{m['cpu'] / bare['cpu'] if bare['cpu'] else float('nan'):>7.2f}")
    ok = "met" if r["check_ratio"] <= CHECK_RATIO else "NOT met"
    lines.append(f"check / python -c pass: {r['check_ratio']:.2f}x wall "
                 f"(target <= {CHECK_RATIO:.0f}x: {ok})")
    ok = "met" if r["import_over"] <= IMPORT_OVER else "NOT met"
    lines.append(f"import treatydraft over python -c pass: {r['import_over'] * 1e3:.1f} ms wall, "
                 f"{r['import_over_cpu'] * 1e3:.1f} ms CPU "
                 f"(target <= {IMPORT_OVER * 1e3:.0f} ms: {ok})")
    return "\n".join(lines)


def main(argv: list[str]) -> dict[str, Any]:
    as_json = "--json" in argv
    numbers = [a for a in argv if a != "--json"]
    r = measure(int(numbers[0]) if numbers else 20)
    print(json.dumps(r, indent=1) if as_json else report(r))
    return r


if __name__ == "__main__":
    main(sys.argv[1:])
