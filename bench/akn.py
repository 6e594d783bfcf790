"""Benchmark: draft text -> Akoma Ntoso (parse + export + serialise), validation timed apart.

    python bench/akn.py [N_ARTICLES ...]     (default: 200 2000 10000)

Target (issue 4): at least 5 MB/s end to end, 10x the ~0.5 MB/s of the best-known
open-source text->AKN converter on equivalent content.  Each figure is the best of
``REPEAT`` runs; MB are megabytes (10^6 bytes) of UTF-8 draft text.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import SIZES, best_of, synthetic_draft  # noqa: E402

import treatydraft  # noqa: E402
from treatydraft.readers.akn import read_akn  # noqa: E402
from treatydraft.schema import akn_schema, validate_akn  # noqa: E402
from treatydraft.writers.akn import to_akn  # noqa: E402

REPEAT = 3
TARGET_MBPS = 5.0


def best(fn, repeat=REPEAT):
    return best_of(fn, repeat)


def run(n: int) -> dict:
    text = synthetic_draft(n)
    mb = len(text.encode("utf-8")) / 1e6
    t_parse, doc = best(lambda: treatydraft.parse(text))
    t_export, xml = best(lambda: to_akn(doc))
    t_total, _ = best(lambda: to_akn(treatydraft.parse(text)))
    t_valid, violations = best(lambda: validate_akn(xml))
    t_import, back = best(lambda: read_akn(xml))
    assert not violations, violations[:3]
    assert back.to_text() == text
    return {"articles": n, "mb": mb, "xml_mb": len(xml) / 1e6, "parse": t_parse,
            "export": t_export, "total": t_total, "mbps": mb / t_total,
            "validate": t_valid, "import": t_import}


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(SIZES)
    t0 = time.perf_counter()
    akn_schema()
    print(f"schema compile (once, cached): {time.perf_counter() - t0:.3f} s")
    print(f"{'articles':>8} {'text MB':>8} {'XML MB':>7} {'parse s':>8} {'export s':>9} "
          f"{'total s':>8} {'MB/s':>6} {'validate s':>10} {'import s':>9}")
    ok = True
    for n in sizes:
        r = run(n)
        ok &= r["mbps"] >= TARGET_MBPS
        print(f"{r['articles']:>8} {r['mb']:>8.2f} {r['xml_mb']:>7.2f} {r['parse']:>8.3f} "
              f"{r['export']:>9.3f} {r['total']:>8.3f} {r['mbps']:>6.2f} {r['validate']:>10.3f} "
              f"{r['import']:>9.3f}")
    print(f"target {TARGET_MBPS} MB/s end to end (parse + export + serialise): "
          + ("met" if ok else "NOT met at every size"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
