"""Alignment: which unit of a proposal is which unit of the base, and which words changed.

**Units** are aligned level by level, inside units already aligned, so a change in
Article 5 can never land in Article 6:

1. units with the same number and the same whole text (sub-units included) are
   anchors; between them, units with the same text under another number
   (``identical``: a renumbering), unless the proposal's unit of the base number is
   at least 75 % alike (then the texts only happen to coincide);
2. between two anchors, a base unit pairs with the proposal's unit of the same
   kind and number when their texts are at least 40 % alike (``number``), else with
   the most alike unit of the same kind among the next few, at least 50 % alike
   (``similar``, reported as uncertain), else with the unit of the same number
   however different (``number``: a rewritten unit);
3. what is left is deleted (base) or added (proposal).

**Words**: the contents of two aligned units are compared as token sequences
(:mod:`.units`) with :class:`difflib.SequenceMatcher`; two changes separated by one or
two unchanged tokens, fewer than either change, are joined into one (so a rewritten
phrase is one group, not a comb of one-word groups that happen to share "the").
"""
from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from .units import Token, Unit, keys_of

__all__ = ["Pair", "align_units", "similarity", "word_edits", "Edit", "change_share"]

NUMBER_RATIO = 0.4
SIMILAR_RATIO = 0.5
RENUMBER_RATIO = 0.75
WINDOW = 6


@dataclass(slots=True)
class Pair:
    """A base unit and the proposal's unit it was aligned with (either may be None)."""
    base: Unit | None
    prop: Unit | None
    method: str
    """``identical``, ``number``, ``similar``, ``added`` or ``deleted``."""


def similarity(a: Unit, b: Unit) -> float:
    """Word-level likeness of two units' whole text (0..1)."""
    ka, kb = a.flat_keys(), b.flat_keys()
    if ka == kb:
        return 1.0
    sm = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    if sm.real_quick_ratio() < 0.3 or sm.quick_ratio() < 0.3:
        return sm.quick_ratio() * 0.5
    return sm.ratio()


def align_units(base: list[Unit], prop: list[Unit]) -> list[Pair]:
    """Pairs in base order; added proposal units come right after the base unit before them."""
    bs = [u.number + "\x02" + u.signature() for u in base]
    ps = [u.number + "\x02" + u.signature() for u in prop]
    if bs == ps:
        return [Pair(b, p, "identical") for b, p in zip(base, prop, strict=False)]
    if [(u.kind, u.number) for u in base] == [(u.kind, u.number) for u in prop] \
            and all(u.heading is not None for u in base):
        # the same units under the same numbers (the usual case): pair them in order, in
        # linear time; a unit rewritten beyond recognition is still the unit of its number
        return [Pair(b, p, "identical" if x == y else "number")
                for b, p, x, y in zip(base, prop, bs, ps, strict=False)]
    return _anchored(base, prop, bs, ps, lambda b, p: _anchored(
        b, p, [u.signature() for u in b], [u.signature() for u in p], _align_gap, _renumbered))


def _renumbered(b: Unit, p: Unit, prop: list[Unit]) -> bool:
    """Take a same-text pair under different numbers unless the proposal's unit with the
    base unit's number is alike too (then the texts only happen to coincide)."""
    same = next((q for q in prop if q.number == b.number and q.kind == b.kind), None)
    return same is None or same is p or similarity(b, same) < RENUMBER_RATIO


def _anchored(base: list[Unit], prop: list[Unit], bs: list[str], ps: list[str],
              gap: Callable[[list[Unit], list[Unit]], list[Pair]],
              keep: Callable[[Unit, Unit, list[Unit]], bool] | None = None) -> list[Pair]:
    """Identical units (by ``bs``/``ps``) as anchors; ``gap`` aligns what lies between them."""
    sm = difflib.SequenceMatcher(None, bs, ps, autojunk=False)
    anchors = [(bi + k, pj + k) for bi, pj, size in sm.get_matching_blocks() for k in range(size)]
    if keep is not None:
        anchors = [(i, j) for i, j in anchors if keep(base[i], prop[j], prop)]
    pairs: list[Pair] = []
    i = j = 0
    for bi, pj in anchors + [(len(base), len(prop))]:
        if bi > i or pj > j:
            pairs.extend(gap(base[i:bi], prop[j:pj]))
        if bi < len(base):
            pairs.append(Pair(base[bi], prop[pj], "identical"))
        i, j = bi + 1, pj + 1
    return pairs


def _align_gap(base: list[Unit], prop: list[Unit]) -> list[Pair]:
    out: list[Pair] = []
    j = 0
    for b in base:
        same, same_ratio, best, best_j, top = -1, 0.0, -1, -1, SIMILAR_RATIO
        for k in range(j, min(len(prop), j + WINDOW)):
            p = prop[k]
            if p.kind != b.kind:
                continue
            r = similarity(b, p)
            if p.number == b.number and b.heading is not None and same < 0:
                same, same_ratio = k, r
            if r >= top:
                best, best_j, top = k, k, r
        if same >= 0 and (same_ratio >= NUMBER_RATIO or best < 0):
            k, method = same, "number"
        elif best >= 0:
            k, method = best_j, "similar"
        else:
            out.append(Pair(b, None, "deleted"))
            continue
        out.extend(Pair(None, prop[m], "added") for m in range(j, k))
        out.append(Pair(b, prop[k], method))
        j = k + 1
    out.extend(Pair(None, prop[k], "added") for k in range(j, len(prop)))
    return out


def _subtree_keys(u: Unit) -> list[str]:
    out: list[str] = []
    stack = [u]
    while stack:
        x = stack.pop()
        if x is not u and x.heading is not None:
            out.append("\x00§" + x.number)
        out.extend(keys_of(x.nodes))
        stack.extend(reversed(x.children))
    return out


def change_share(a: Unit, b: Unit) -> float:
    """How much of a unit changed (0: nothing, 1: everything): the share of its words
    (characters, in scripts without spaces) inside the changes, close changes joined."""
    ka, kb = _subtree_keys(a), _subtree_keys(b)
    if not ka and not kb:
        return 0.0
    changed = sum(max(i2 - i1, j2 - j1) for i1, i2, j1, j2 in _joined(ka, kb))
    return min(1.0, changed / max(len(ka), len(kb)))


@dataclass(slots=True)
class Edit:
    """Base tokens ``[start, end)`` replaced by ``tokens`` of one proposal."""
    start: int
    end: int
    tokens: list[Token]


def word_edits(base: list[Token], prop: list[Token]) -> list[Edit]:
    """The changes that turn ``base`` into ``prop``, close changes joined."""
    return [Edit(i1, i2, prop[j1:j2])
            for i1, i2, j1, j2 in _joined([t.akey for t in base], [t.akey for t in prop])]


def _joined(bk: list[str], pk: list[str]) -> list[list[int]]:
    """``[i1, i2, j1, j2]`` for each change between two key lists, close changes joined."""
    if bk == pk:
        return []
    sm = difflib.SequenceMatcher(None, bk, pk, autojunk=False)
    raw = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]
    joined: list[list[int]] = []
    for i1, i2, j1, j2 in raw:
        if joined:
            last = joined[-1]
            gap = i1 - last[1]
            if gap <= 2 and gap < max(last[1] - last[0], last[3] - last[2]) \
                    and gap < max(i2 - i1, j2 - j1):
                last[1], last[3] = i2, j2
                continue
        joined.append([i1, i2, j1, j2])
    return joined
