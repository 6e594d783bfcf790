"""Parse benchmark: text -> AST on synthetic drafts of 200, 2,000 and 10,000 articles.

Prints, for each size: input MB, best-of-N parse time, MB/s, peak memory per input
byte (tracemalloc, measured in a separate run so it does not slow the timing), and
the ratio to one ``re.finditer(r"[\\[\\]]", text)`` pass over the same text, measured
in the same run.  Then the growth ratio 10,000 / 2,000 articles (linear = 5.0).

Targets (issue 2): >= 5 MB/s at about 3 MB, growth <= 5.5x, peak < 10 bytes/byte.

    python bench/parse.py            # all sizes
    python bench/parse.py 200 2000   # some sizes
"""
from __future__ import annotations

import re
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import SIZES, best_of, synthetic_draft  # noqa: E402

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


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or list(SIZES))
