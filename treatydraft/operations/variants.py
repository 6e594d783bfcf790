"""Complete variants of a draft: how many, one by index, lazily all of them, a sample.

A *variant* is one way to resolve every group: a choice per surviving group (groups
inside a discarded alternative get none).  The count is computed on the bracket
tree without enumerating anything:

* a sequence: the product over the groups standing directly in it;
* optional text: ``1 + n`` (dropped, or kept in any of the ``n`` variants of its content);
* a group of alternatives or an option block: the sum over its alternatives/options
  of the variants of each one's content;
* placeholders and plain text: 1.

Counts are Python integers of any size.  Variants are numbered ``0 .. count-1`` in
mixed radix over the tree, the first group in document order most significant;
inside a group, alternatives come in order and *dropped* comes last, so variant 0
is "first alternative everywhere, optional text kept".
"""
from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from ..ast import Alternative, BracketGroup, Node, Option, OptionBlock
from ..document import Document, choice_points
from ..errors import OperationError
from .resolve import DROP, apply_decisions

__all__ = ["count_variants", "variant", "variants", "sample_variants", "variant_document",
           "digits", "from_digits"]

_DIGITS = re.compile(r"[0-9]+")
_Group = BracketGroup | OptionBlock


class _Counter:
    """Variant counts per sequence and group, memoised for one document."""

    def __init__(self) -> None:
        self.seq_cache: dict[int, tuple[list[_Group], list[int], int]] = {}
        self.group_cache: dict[int, int] = {}

    def seq(self, seq: Sequence[Node]) -> tuple[list[_Group], list[int], int]:
        """(groups, suffix products, total) of a sequence."""
        key = id(seq)
        hit = self.seq_cache.get(key)
        if hit is not None:
            return hit
        groups = list(choice_points(seq))
        counts = [self.group(g) for g in groups]
        suffix = [1] * (len(groups) + 1)
        for j in range(len(groups) - 1, -1, -1):
            suffix[j] = suffix[j + 1] * counts[j]
        result = (groups, suffix, suffix[0])
        self.seq_cache[key] = result
        return result

    def group(self, g: _Group) -> int:
        key = id(g)
        hit = self.group_cache.get(key)
        if hit is not None:
            return hit
        inner = [self.seq(a.children)[2] for a in g.alternatives]
        n = 1 + inner[0] if isinstance(g, BracketGroup) and g.kind == "optional" else sum(inner)
        self.group_cache[key] = n
        return n


def count_variants(doc: Document) -> int:
    """The exact number of complete variants of ``doc``.

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import count_variants
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act[ promptly].\\n")
        >>> count_variants(doc)          # 2 alternatives x (kept or dropped)
        4
    """
    return _Counter().seq(doc.body)[2]


def _decode(counter: _Counter, seq: Sequence[Node], i: int, out: dict[str, int]) -> None:
    work = [(seq, i)]
    while work:
        seq, i = work.pop()
        groups, _, _ = counter.seq(seq)
        # mixed radix, the first group most significant: peel digits off the end, so
        # each step divides by one group's count (small) instead of a huge suffix product
        digits_ = [0] * len(groups)
        for j in range(len(groups) - 1, -1, -1):
            i, digits_[j] = divmod(i, counter.group(groups[j]))
        for g, ij in zip(groups, digits_, strict=False):
            if isinstance(g, BracketGroup) and g.kind == "optional":
                inner = counter.seq(g.alternatives[0].children)[2]
                if ij < inner:
                    out[g.id] = 1
                    work.append((g.alternatives[0].children, ij))
                else:
                    out[g.id] = DROP
                continue
            alts: tuple[Alternative | Option, ...] = g.alternatives
            for alt in alts:
                c = counter.seq(alt.children)[2]
                if ij < c:
                    out[g.id] = alt.index
                    work.append((alt.children, ij))
                    break
                ij -= c


def _check_index(i: int, total: int) -> None:
    if not isinstance(i, int) or isinstance(i, bool):
        raise OperationError(f"variant index must be an integer, not {i!r}")
    if not 0 <= i < total:
        raise OperationError(f"no variant {digits(i)}",
                             hint=f"variants are numbered 0 to {digits(total - 1)}")


def variant(doc: Document, i: int) -> dict[str, int]:
    """The choices (group id -> choice, 0 = drop) of variant ``i``, without enumerating.

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import variant
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act[ promptly].\\n")
        >>> variant(doc, 0)
        {'art_1__para_1__brk_1': 1, 'art_1__para_1__brk_2': 1}
        >>> variant(doc, 3)              # the last: alternative 2, optional text dropped
        {'art_1__para_1__brk_1': 2, 'art_1__para_1__brk_2': 0}
    """
    counter = _Counter()
    total = counter.seq(doc.body)[2]
    _check_index(i, total)
    out: dict[str, int] = {}
    _decode(counter, doc.body, i, out)
    order = _order(doc)
    return dict(sorted(out.items(), key=lambda kv: order.get(kv[0], 0)))


def _order(doc: Document) -> dict[str, int]:
    return {g.id: n for n, g in enumerate(doc.groups())}


def variants(doc: Document, start: int = 0, limit: int | None = None) -> Iterator[dict[str, int]]:
    """Variants ``start``, ``start+1`` ... lazily (at most ``limit``), as choice dicts.

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import variants
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act[ promptly].\\n")
        >>> for choices in variants(doc, start=1, limit=2):
        ...     print(choices)
        {'art_1__para_1__brk_1': 1, 'art_1__para_1__brk_2': 0}
        {'art_1__para_1__brk_1': 2, 'art_1__para_1__brk_2': 1}
    """
    counter = _Counter()
    total = counter.seq(doc.body)[2]
    order = _order(doc)
    i = start
    produced = 0
    while i < total and (limit is None or produced < limit):
        out: dict[str, int] = {}
        _decode(counter, doc.body, i, out)
        yield dict(sorted(out.items(), key=lambda kv: order.get(kv[0], 0)))
        i += 1
        produced += 1


def sample_variants(doc: Document, n: int, seed: int | None = None
                    ) -> list[tuple[int, dict[str, int]]]:
    """``n`` distinct variants drawn at random (all of them when there are fewer), by index.

    The same ``seed`` draws the same variants; they come sorted by index.

        >>> import treatydraft
        >>> from treatydraft.operations import sample_variants
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act[ promptly].\\n")
        >>> for i, choices in sample_variants(doc, 2, seed=7):
        ...     print(i, choices)
        1 {'art_1__para_1__brk_1': 1, 'art_1__para_1__brk_2': 0}
        2 {'art_1__para_1__brk_1': 2, 'art_1__para_1__brk_2': 1}
        >>> [i for i, _ in sample_variants(doc, 10)]     # only 4 exist: all of them
        [0, 1, 2, 3]
    """
    counter = _Counter()
    total = counter.seq(doc.body)[2]
    rng = random.Random(seed)
    if n >= total:
        picks = list(range(total))
    else:
        seen: set[int] = set()
        while len(seen) < n:
            seen.add(rng.randrange(total))
        picks = sorted(seen)
    result: list[tuple[int, dict[str, int]]] = []
    for i in picks:
        out: dict[str, int] = {}
        _decode(counter, doc.body, i, out)
        result.append((i, out))
    return result


def variant_document(doc: Document, i: int) -> Document:
    """The draft of variant ``i``: every group resolved.

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import variant_document
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act[ promptly].\\n")
        >>> variant_document(doc, 3).to_text()
        'Article 1\\n1. Parties may act.\\n'
    """
    choices = variant(doc, i)
    return apply_decisions(doc, choices.get)


def digits(n: int) -> str:
    """``str(n)`` for an integer of any size.

    Python refuses ``str()`` of integers over 4,300 digits by default; the digits are
    produced through :class:`decimal.Decimal`, which has no such limit, so the
    interpreter-wide limit (``sys.set_int_max_str_digits``) is neither needed nor
    touched, and threads see no change.

        >>> from treatydraft.operations import digits
        >>> digits(4)
        '4'
        >>> text = digits(10 ** 5000)    # str() would raise ValueError here
        >>> text[:4], len(text)
        ('1000', 5001)
    """
    if -10 ** 600 < n < 10 ** 600:  # below the smallest limit Python allows (640)
        return str(n)
    return str(Decimal(n))


def from_digits(text: str) -> int:
    """The non-negative integer written in decimal ``text`` (ASCII digits), of any size.

    Raises :class:`ValueError` for anything else (signs, spaces, underscores, exponents).
    """
    if not _DIGITS.fullmatch(text):
        raise ValueError(f"{text!r} is not a non-negative integer")
    return int(text) if len(text) < 600 else int(Decimal(text))
