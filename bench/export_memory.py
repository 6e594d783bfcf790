"""Memory of ``treatydraft export`` on bracket-dense drafts (issue 8 item 10).

Each command runs in a fresh interpreter, on a draft file made by ``synth.dense_draft``
(``dense-10``: one group per 10 bytes, 2 MB; ``dense-3``: one bracket pair per 3 bytes,
300 KB).  Two figures per run, per byte of input:

* ``traced``: the peak of Python's allocations (tracemalloc) during the command, as
  tests/test_issue8_memory.py measures parsing (lxml's own memory is not seen);
* ``rss``: the peak resident memory of the process minus what it had after running
  the same command on a two-line draft (everything loaded: the "empty run").

The baseline, in the same run, is ``check`` (parsing alone).  Targets for every
export measured (``akn``; ``akn-validate``: ``export --to akn --validate``; ``docx``;
``tracked``: ``export --to docx --style tracked``): 60 bytes per byte on dense-10, 200
on dense-3, as traced memory, and as resident memory within the tolerance the tests
allow (:data:`RSS_SLACK`: parsing alone is at 61 to 63 on dense-10); the exit status is
1 when one is missed.

    python bench/export_memory.py            # check and akn on both cases
    python bench/export_memory.py docx       # the Word export as well
    python bench/export_memory.py docx tracked akn-validate
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: case -> (bytes of text per bracket pair, draft size in bytes, target bytes per byte)
CASES = {"dense-10": (10, 2_000_000, 60), "dense-3": (3, 300_000, 200)}

#: the command line for each measured command (after the draft's path)
COMMANDS = {"check": ["check", "{draft}"],
            "akn": ["export", "{draft}", "--to", "akn", "-o", "{out}.xml"],
            "akn-validate": ["export", "{draft}", "--to", "akn", "--validate",
                             "-o", "{out}.xml"],
            "docx": ["export", "{draft}", "--to", "docx", "-o", "{out}.docx"],
            "tracked": ["export", "{draft}", "--to", "docx", "--style", "tracked",
                        "-o", "{out}.docx"]}

#: the commands judged against the target (``check`` is the baseline)
JUDGED = ("akn", "akn-validate", "docx", "tracked")
#: resident memory may exceed the target by this factor (the allocator's slack; the
#: same tolerance as tests/test_issue8_memory.py)
RSS_SLACK = 1.15

_CHILD = r"""
import json, resource, sys, time, tracemalloc
from treatydraft.cli import main

how, result, tiny, draft, out = sys.argv[1:6]
template = sys.argv[6:]

def run(path, target):
    sys.argv = ["treatydraft", *(a.format(draft=path, out=target) for a in template)]
    try:
        main()
    except SystemExit as exc:
        return exc.code or 0
    return 0

run(tiny, out + "-tiny")  # the empty run: every module loaded, the schema and grammar read
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if how == "traced":
    tracemalloc.start()
t0 = time.perf_counter()
code = run(draft, out)
seconds = time.perf_counter() - t0
peak = tracemalloc.get_traced_memory()[1] if how == "traced" else \
    (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) * 1024
with open(result, "w") as fh:
    json.dump({"code": code, "peak": peak, "seconds": seconds}, fh)
"""


def draft_file(folder: Path, case: str) -> Path:
    """The draft of ``case`` written to ``folder`` (made once)."""
    path = folder / f"{case}.txt"
    if not path.exists():
        import importlib.util
        spec = importlib.util.spec_from_file_location("synth", HERE / "synth.py")
        synth = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(synth)
        every, size, _ = CASES[case]
        path.write_text(synth.dense_draft(size, every), encoding="utf-8", newline="")
    return path


def measure(command: str, draft: Path, how: str) -> dict:
    """Run ``command`` (a key of COMMANDS) on ``draft`` in a fresh interpreter;
    ``how`` is ``traced`` or ``rss``.  Returns ``code`` (exit status), ``per_byte``
    (peak bytes per byte of the draft), ``seconds`` and ``out`` (the output path)."""
    folder = draft.parent
    tiny = folder / "tiny.txt"
    tiny.write_text("Article 1\n1. Parties [shall][may] act.\n", encoding="utf-8")
    result = folder / f"{draft.stem}-{command}-{how}.json"
    out = folder / f"{draft.stem}-{command}"
    subprocess.run([sys.executable, "-c", _CHILD, how, str(result), str(tiny), str(draft),
                    str(out), *COMMANDS[command]], check=True, timeout=900,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    got = json.loads(result.read_text())
    got["per_byte"] = got.pop("peak") / draft.stat().st_size
    got["out"] = next(iter(folder.glob(f"{draft.stem}-{command}.*")), None)
    return got


def main(argv: list[str]) -> int:
    commands = ["check", "akn"] + [c for c in ("akn-validate", "docx", "tracked") if c in argv]
    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'case':>9} {'MB':>5} {'command':>12} {'traced B/B':>10} {'rss B/B':>8} "
              f"{'s':>6} {'x check':>8} {'target':>7}")
        for case, (_, _, target) in CASES.items():
            draft = draft_file(Path(tmp), case)
            base = None
            for command in commands:
                traced = measure(command, draft, "traced")
                rss = measure(command, draft, "rss")
                if base is None:
                    base = rss
                ratio = rss["per_byte"] / base["per_byte"]
                judged = command in JUDGED
                if judged and (traced["per_byte"] > target
                               or rss["per_byte"] > target * RSS_SLACK
                               or traced["code"] or rss["code"]):
                    missed.append(f"{command} on {case}")
                print(f"{case:>9} {draft.stat().st_size / 1e6:>5.2f} {command:>12} "
                      f"{traced['per_byte']:>10.1f} {rss['per_byte']:>8.1f} "
                      f"{rss['seconds']:>6.2f} {ratio:>8.2f} "
                      f"{target if judged else '':>7}")
    print("targets " + ("NOT met: " + ", ".join(missed) if missed else "met"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
