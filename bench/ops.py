"""Operations benchmark on the synthetic 10,000-article draft (bench/synth.py).

Times, best of N, in the same run: parse; resolve-all (``clean`` with the ``first``
policy, i.e. plan + resolve + whitespace rule); ``accept`` of one delegation; the
statistics; the exact variant count; one variant by index (the last); and ``diff``
of the draft with its accepted version.  Each is printed with its ratio to the parse
time (for diff, which compares two drafts, also to parsing both).  Target (issue 3): any single operation costs less than parsing the document.

    python bench/ops.py            # 10,000 articles
    python bench/ops.py 2000       # another size
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import best_of, synthetic_draft  # noqa: E402

import treatydraft  # noqa: E402
from treatydraft.operations import (accept, clean, count_variants, diff, statistics,  # noqa: E402
                                    variant)


def main(n: int = 10_000, repeat: int = 3) -> dict:
    text = synthetic_draft(n)
    treatydraft.parse("Article 1\n1. [warm][up]\n")
    t_parse, doc = best_of(lambda: treatydraft.parse(text), repeat)
    groups = sum(1 for _ in doc.groups())
    print(f"{n} articles, {len(text.encode('utf-8')) / 1e6:.2f} MB, {groups} groups")
    print(f"{'operation':<28} {'seconds':>8} {'x parse':>8}")
    print(f"{'parse':<28} {t_parse:>8.3f} {1.0:>8.2f}")
    rows = {"parse": t_parse}
    total = count_variants(doc)
    accepted = accept(doc, "EU")
    ops = [
        ("resolve all (clean first)", lambda: clean(doc, "first")),
        ("accept EU", lambda: accept(doc, "EU")),
        ("stats", lambda: statistics(doc)),
        ("variants count", lambda: count_variants(doc)),
        ("variant by index (last)", lambda: variant(doc, total - 1)),
        ("diff draft vs accept EU", lambda: diff(doc, accepted)),
    ]
    for name, fn in ops:
        t, _ = best_of(fn, repeat)
        rows[name] = t
        base = 2 * t_parse if name.startswith("diff") else t_parse  # diff reads two drafts
        flag = "" if t < base else "  <- slower than parsing its input"
        note = "  (x parsing both inputs: %.2f)" % (t / base) if base != t_parse else ""
        print(f"{name:<28} {t:>8.3f} {t / t_parse:>8.2f}{note}{flag}")
    print(f"variants: {len(str(total)) if total < 10 ** 4000 else '>4000'} digits")
    return rows


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
