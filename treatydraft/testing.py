"""Synthetic drafts for tests, benchmarks and scripts that need a draft of a given size.

:func:`synthetic_draft` makes a deterministic draft of N articles; the benchmarks in
``bench/`` and the tests use it, and so can a script that wants to try an operation
on 200 drafts or on a draft of 10,000 articles.

    >>> from treatydraft.testing import synthetic_draft
    >>> text = synthetic_draft(2)
    >>> [line[:10] for line in text.splitlines() if line.startswith("Article ")]
    ['Article 1.', 'Article 2.']
"""
from __future__ import annotations

import random

__all__ = ["synthetic_draft"]

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

    def attrib() -> str:  # about half the alternatives are attributed
        return "@" + "+".join(rng.sample(_CODES, rng.randint(1, 2))) if rng.random() < 0.5 else ""

    if kind < 0.35:
        return f"[{_words(rng, rng.randint(2, 6))}]{attrib()}"
    if kind < 0.85:
        alts = "".join(f"[{_words(rng, rng.randint(1, 4))}]{attrib()}"
                       for _ in range(rng.randint(2, 3)))
        return alts
    inner = f"[{_words(rng, 2)}][{_words(rng, 2)}]{attrib()}"
    return f"[{_words(rng, 3)} {inner} {_words(rng, 2)}]{attrib()}"


def synthetic_draft(n_articles: int, seed: int = 7) -> str:
    """A draft of ``n_articles`` articles in the treatydraft format, the same for the same
    ``n_articles`` and ``seed``: front matter with eight delegations, then articles of
    2-3 paragraphs of about 60 words, about one bracket group per three paragraphs,
    some nested, about half attributed.  It always parses.

        >>> import treatydraft
        >>> from treatydraft.testing import synthetic_draft
        >>> text = synthetic_draft(3)
        >>> text == synthetic_draft(3) and text.startswith("---\\ntitle: Synthetic draft")
        True
        >>> doc = treatydraft.parse(text)
        >>> len(doc.articles()), len(doc.front.delegations)
        (3, 8)
    """
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
