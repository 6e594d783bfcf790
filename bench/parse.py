"""Parse benchmark: text -> AST on synthetic drafts of 200, 2,000 and 10,000 articles.

Prints, for each size: input MB, best-of-N parse time, MB/s, peak memory per input
byte (tracemalloc, measured in a separate run so it does not slow the timing), and
the ratio to one ``re.finditer(r"[\\[\\]]", text)`` pass over the same text, measured
in the same run.  Then the growth ratio 10,000 / 2,000 articles (linear = 5.0).

Targets (issue 2): >= 5 MB/s at about 3 MB, growth <= 5.5x, peak < 10 bytes/byte.

Then the bracket-dense cases of issue 8 (``synth.dense_draft``, 2 MB each): one group
per 10 bytes (target: at most 60 bytes of peak memory per input byte) and one bracket
pair per 3 bytes (at most 200), with their speed against the 2,000-article draft
measured in the same run.

    python bench/parse.py            # all sizes and the dense cases
    python bench/parse.py 200 2000   # some sizes (no dense cases)
"""
from __future__ import annotations

import re
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import DENSE, SIZES, best_of, dense_draft, synthetic_draft  # noqa: E402

import treatydraft  # noqa: E402


def peak_bytes(fn) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    result = fn()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    del result
    return peak


def main(sizes) -> dict:
    treatydraft.parse("Article 1\n1. [warm][up]\n")  # grammar loading is not measured
    pattern = re.compile(r"[\[\]]")
    rows = {}
    print(f"{'articles':>8} {'MB':>7} {'parse s':>8} {'MB/s':>7} {'bytes/B':>8} "
          f"{'regex s':>8} {'x regex':>8} {'groups':>7}")
    for n in sizes:
        text = synthetic_draft(n)
        mb = len(text.encode("utf-8")) / 1e6
        repeat = 5 if n <= 2000 else 2
        t_parse = best_of(lambda: treatydraft.parse(text), repeat)[0]
        t_regex = best_of(lambda: sum(1 for _ in pattern.finditer(text)), repeat)[0]
        peak = peak_bytes(lambda: treatydraft.parse(text))
        groups = sum(1 for _ in treatydraft.parse(text).brackets())
        rows[n] = t_parse
        print(f"{n:>8} {mb:>7.2f} {t_parse:>8.3f} {mb / t_parse:>7.2f} "
              f"{peak / len(text.encode('utf-8')):>8.2f} {t_regex:>8.4f} "
              f"{t_parse / t_regex:>8.1f} {groups:>7}")
    if 2000 in rows and 10000 in rows:
        print(f"growth 10,000 / 2,000 articles: {rows[10000] / rows[2000]:.2f}x "
              "(5.0x is linear; target <= 5.5x)")
    return rows


#: peak bytes of memory per input byte allowed (issue 8 item 10)
DENSE_TARGETS = {"dense-10": 60, "dense-3": 200}


def dense(n_bytes: int = 2_000_000) -> dict:
    """The bracket-dense cases: MB/s, peak bytes per byte and groups, against the
    2,000-article synthetic draft parsed in the same run."""
    treatydraft.parse("Article 1\n1. [warm][up]\n")
    base = synthetic_draft(2000)
    t_base = best_of(lambda: treatydraft.parse(base), 3)[0]
    base_rate = len(base.encode("utf-8")) / 1e6 / t_base
    print(f"\nbracket-dense drafts (baseline: 2,000 articles at {base_rate:.2f} MB/s)")
    print(f"{'case':>9} {'MB':>6} {'parse s':>8} {'MB/s':>6} {'x base':>7} {'bytes/B':>8} "
          f"{'target':>7} {'groups':>8} {'pairs':>8}")
    rows = {}
    for name, every in DENSE.items():
        text = dense_draft(n_bytes, every)
        size = len(text.encode("utf-8"))
        t = best_of(lambda: treatydraft.parse(text), 2)[0]
        peak = peak_bytes(lambda: treatydraft.parse(text)) / size
        doc = treatydraft.parse(text)
        groups = sum(1 for _ in doc.groups())
        pairs = sum(len(g.alternatives) for g in doc.groups())
        rate = size / 1e6 / t
        rows[name] = peak
        print(f"{name:>9} {size / 1e6:>6.2f} {t:>8.3f} {rate:>6.2f} {rate / base_rate:>7.2f} "
              f"{peak:>8.1f} {DENSE_TARGETS[name]:>7} {groups:>8} {pairs:>8}")
    return rows


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or list(SIZES))
    if len(sys.argv) == 1:
        dense()
