"""Synthetic drafts for benchmarks: N articles of 2-3 paragraphs of about 60 words,
about one bracket group per three paragraphs, some nested and some attributed.

``synthetic_draft(n)`` is deterministic for a given ``n`` and ``seed``.
"""
from __future__ import annotations

import gc
import random
import time

__all__ = ["synthetic_draft", "dense_draft", "DENSE", "SIZES", "best_of"]

SIZES = (200, 2_000, 10_000)

_WORDS = ("State Party shall adopt such legislative and other measures as may be necessary "
          "to establish criminal offences under its domestic law when committed intentionally "
          "the access to whole or any part of an information system without right including "
          "cooperation assistance evidence jurisdiction extradition procedure provisions "
          "competent authorities request requested requesting data traffic content").split()
_CODES = ("RUS", "CHN", "EU", "USA", "AFG", "BRA", "IND", "CAN")


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def _group(rng: random.Random) -> str:
    kind = rng.random()
    attrib = (lambda: "@" + "+".join(rng.sample(_CODES, rng.randint(1, 2)))
              if rng.random() < 0.5 else "")
    if kind < 0.35:
        return f"[{_words(rng, rng.randint(2, 6))}]{attrib()}"
    if kind < 0.85:
        alts = "".join(f"[{_words(rng, rng.randint(1, 4))}]{attrib()}"
                       for _ in range(rng.randint(2, 3)))
        return alts
    inner = f"[{_words(rng, 2)}][{_words(rng, 2)}]{attrib()}"
    return f"[{_words(rng, 3)} {inner} {_words(rng, 2)}]{attrib()}"


def best_of(fn, repeat: int) -> tuple[float, object]:
    """(the best wall-clock time of ``repeat`` calls of ``fn``, the last result)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def synthetic_draft(n_articles: int, seed: int = 7) -> str:
    """A draft of ``n_articles`` articles in the treatydraft format."""
    rng = random.Random(seed * 1_000_003 + n_articles)
    out = ["---\ntitle: Synthetic draft\nsymbol: A/AC.000/L.1\nlanguage: en\n"
           "date: 2026-01-01\nstage: zero draft\ndelegations:\n"]
    out.extend(f"  {c}: Delegation {c}\n" for c in _CODES)
    out.append("---\n")
    para_count = 0
    for a in range(1, n_articles + 1):
        out.append(f"Article {a}. {_words(rng, 4).capitalize()}\n")
        for p in range(1, rng.randint(2, 3) + 1):
            para_count += 1
            words = _words(rng, 60).split()
            text = " ".join(words)
            if para_count % 3 == 0:
                cut = rng.randint(10, 50)
                text = " ".join(words[:cut]) + " " + _group(rng) + " " + " ".join(words[cut:])
            out.append(f"{p}. {text[0].upper()}{text[1:]}.\n")
        out.append("\n")
    return "".join(out)


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
