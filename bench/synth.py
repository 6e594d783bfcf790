"""Synthetic drafts for benchmarks: the generator is :func:`treatydraft.testing.synthetic_draft`
(N articles of 2-3 paragraphs of about 60 words, about one bracket group per three
paragraphs, some nested and some attributed; deterministic for a given ``n`` and
``seed``); here the sizes the benchmarks use and their timer.
"""
from __future__ import annotations

import gc
import time

from treatydraft.testing import synthetic_draft

__all__ = ["synthetic_draft", "SIZES", "best_of"]

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


if __name__ == "__main__":
    import sys
    sys.stdout.write(synthetic_draft(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
