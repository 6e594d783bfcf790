"""Reflow of text from a PDF (``import draft.pdf``, ``import --from pdf-text``): speed
and linear growth.

For synthetic hard-wrapped text of 1 and 4 MB, in two shapes:

* ``pages``: numbered paragraphs of four lines on pages with a running head and foot;
* ``open``: unnumbered lines after one bracket opened at the start and never closed, so
  that every line joins one paragraph (the reflow breaks a paragraph inside an open
  bracket only at a marker such as a number);

prints the best-of-N time of :func:`treatydraft.readers.pdftext.reflow`, of a baseline
measured in the same run (splitting the text into lines, stripping each and joining
them again: the least any reflow does), their ratio, and the time per MB relative to
the smallest size (linear growth keeps it near 1).  The exit status is 1 when the
growth from the smallest to the largest size is more than 1.5 times linear.

    python bench/reflow.py            # 1 and 4 MB
    python bench/reflow.py 2 8        # other sizes, in MB
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treatydraft.readers.pdftext import reflow  # noqa: E402

_LINE = "the Parties shall take [appropriate] measures in accordance with this Agreement and"


def synth(mb: float, shape: str) -> str:
    """About ``mb`` megabytes of PDF-like text of the given shape."""
    out: list[str] = ["[" if shape == "open" else ""]
    size, n = 0, 0
    while size < mb * 1_000_000:
        n += 1
        if shape == "pages" and n % 10 == 1:
            block = f"A/AC.999/L.{n // 10}\n26-0{n:05d} {n // 10}/99\n\f"
        else:
            block = ""
        number = f"{n}. " if shape == "pages" else ""  # (a number starts a paragraph)
        block += number + "\n".join([_LINE] * 4) + ".\n"
        out.append(block)
        size += len(block)
    return "".join(out)


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(mb: float, shape: str, repeat: int = 3) -> dict:
    text = synth(mb, shape)
    base = _best(lambda: "\n".join(ln.strip() for ln in text.split("\n")), repeat)
    took = _best(lambda: reflow(text), repeat)
    return {"shape": shape, "mb": len(text) / 1e6, "reflow": took, "base": base}


def main(argv: list[str]) -> int:
    sizes = [float(a) for a in argv] or [1.0, 4.0]
    worst = 0.0
    print(f"{'shape':6} {'MB':>6} {'reflow s':>9} {'base s':>8} {'ratio':>6} {'s/MB vs first':>14}")
    for shape in ("pages", "open"):
        first = None
        for mb in sizes:
            r = measure(mb, shape)
            per = r["reflow"] / r["mb"]
            first = first or per
            worst = max(worst, per / first)
            print(f"{shape:6} {r['mb']:6.2f} {r['reflow']:9.3f} {r['base']:8.3f} "
                  f"{r['reflow'] / r['base']:6.1f} {per / first:14.2f}")
    print(f"target: growth at most 1.5x linear (worst {worst:.2f})")
    return 0 if worst <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
