"""Synthetic drafts for benchmarks: the generator is :func:`treatydraft.testing.synthetic_draft`
(N articles of 2-3 paragraphs of about 60 words, about one bracket group per three
paragraphs, some nested and some attributed; deterministic for a given ``n`` and
``seed``); here the sizes the benchmarks use and their timer.
"""
from __future__ import annotations

import gc
import time

from treatydraft.testing import synthetic_draft

__all__ = ["synthetic_draft", "dense_draft", "DENSE", "SIZES", "best_of"]

SIZES = (200, 2_000, 10_000)


def best_of(fn, repeat: int) -> tuple[float, object]:
    """(the best wall-clock time of ``repeat`` calls of ``fn``, the last result)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


#: bracket-dense cases (issue 8 item 10): name -> bytes of text per bracket pair
DENSE = {"dense-10": 10, "dense-3": 3}

_SHORT = ("data", "each", "with", "from", "that", "such", "rule", "term")


def dense_draft(n_bytes: int, every: int) -> str:
    """About ``n_bytes`` of bracket-dense text: one bracket pair per ``every`` bytes.

    ``every=10``: paragraphs of ``word [ab] `` (an optional insertion) and ``wd [a][b] ``
    (two alternatives), 10 bytes each: one group per 10 bytes.  ``every=3``: paragraphs
    of one-character alternatives ``[a][b][c]...`` (20 to a group), the densest a draft
    can be: one bracket pair per 3 bytes.  Deterministic; ``n_bytes`` is rounded to
    whole paragraphs of about 1 KB under articles of 10 paragraphs.
    """
    if every not in (3, 10):
        raise ValueError("every is 3 or 10")
    out, size, para, art = [], 0, 0, 0
    letters = "abcdefghijklmnopqrst"
    while size < n_bytes:
        if para % 10 == 0:
            art += 1
            line = f"Article {art}\n"
            out.append(line)
            size += len(line)
        para += 1
        if every == 10:
            units = [f"{_SHORT[k % 8]} [{letters[k % 20]}{letters[(k + 7) % 20]}] " if k % 2
                     else f"{_SHORT[k % 8][:2]} [{letters[k % 20]}][{letters[(k + 3) % 20]}] "
                     for k in range(100)]
        else:
            units = ["".join(f"[{c}]" for c in letters) + " \\+ " for _ in range(16)]
        line = f"{para % 10 or 10}. {''.join(units).rstrip()}\n"
        out.append(line)
        size += len(line)
    return "".join(out)


if __name__ == "__main__":
    import sys
    sys.stdout.write(synthetic_draft(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
