"""Benchmark of ``treatydraft.compile`` (issue 10).

A synthetic base of N articles (bench/synth.py) and 5 proposals, each changing 5 % of
the paragraphs (a word substituted, inserted or deleted, or the paragraph deleted).
Prints, in the same run:

* the time to parse the six inputs (the baseline),
* the time to compile them (from the parsed documents; the compiled draft is parsed
  once more inside ``compile``), and the ratio to the baseline: target <= 3x,
* the same for smaller bases, with the time per article, to show that it grows
  linearly with the number of articles.

    python bench/compile.py            # 2,000 articles, plus 500 and 1,000 for linearity
    python bench/compile.py 500        # one size only (quick)
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import treatydraft  # noqa: E402
from synth import best_of, synthetic_draft  # noqa: E402

CODES = ("RUS", "CHN", "EU", "USA", "AFG")
SHARE = 0.05
TARGET = 3.0


def proposal(base: str, seed: int) -> str:
    """``base`` with 5 % of its numbered paragraphs changed."""
    rng = random.Random(seed)
    lines = base.split("\n")
    paragraphs = [i for i, ln in enumerate(lines) if ln[:1].isdigit() and ". " in ln[:4]]
    for i in rng.sample(paragraphs, max(1, int(len(paragraphs) * SHARE))):
        head, _, text = lines[i].partition(". ")
        words = text.split(" ")
        kind = rng.random()
        j = rng.randrange(1, max(2, len(words) - 1))
        if "[" in " ".join(words[max(0, j - 1):j + 2]) or "]" in " ".join(words[max(0, j - 1):j + 2]):
            continue  # leave the base's brackets alone
        if kind < 0.4:
            words[j] = rng.choice(["information", "cooperation", "evidence", "promptly"])
        elif kind < 0.7:
            words.insert(j, rng.choice(["effectively", "inter alia", "where appropriate"]))
        elif kind < 0.95:
            del words[j]
        else:
            lines[i] = None
            continue
        lines[i] = head + ". " + " ".join(words)
    return "\n".join(ln for ln in lines if ln is not None)


def run(n: int, repeat: int = 1) -> tuple[float, float]:
    base = synthetic_draft(n)
    texts = {code: proposal(base, k) for k, code in enumerate(CODES)}
    parse6, docs = best_of(lambda: [treatydraft.parse(t) for t in [base, *texts.values()]], repeat)
    base_doc, prop_docs = docs[0], dict(zip(CODES, docs[1:]))
    t_compile, result = best_of(lambda: treatydraft.compile(base_doc, prop_docs), repeat)
    groups = len(result.report.entries)
    print(f"{n:>6} articles  parse 6 inputs {parse6:6.2f} s   compile {t_compile:6.2f} s   "
          f"ratio {t_compile / parse6:4.2f}x (target <= {TARGET:.0f}x)   "
          f"{t_compile / n * 1000:5.2f} ms/article   {groups} groups, "
          f"{len(result.report.warnings)} warnings")
    return parse6, t_compile


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [500, 1_000, 2_000]
    per_article = []
    for n in sizes:
        parse6, t = run(n)
        per_article.append((n, t / n))
    if len(per_article) > 1:
        (n0, a), (n1, b) = per_article[0], per_article[-1]
        print(f"time per article at {n1} articles / at {n0}: {b / a:.2f} (1.00 = linear)")


if __name__ == "__main__":
    main(sys.argv[1:])
