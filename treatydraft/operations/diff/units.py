"""Cutting a draft into units (articles, and the preamble or divisions before them) and
matching the units of two versions (see :mod:`treatydraft.operations.diff`).

    >>> import treatydraft
    >>> from treatydraft.operations.diff.units import match_units, units
    >>> old = units(treatydraft.parse("Article 1\\nA text.\\nArticle 2\\nB text.\\n"))
    >>> new = units(treatydraft.parse("Article 1\\nB text.\\n"))
    >>> [u.key for u in old], match_units(old, new)
    (['art_1', 'art_2'], [(0, None, 'removed'), (1, 0, 'identical text')])
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...ast import BracketGroup, Heading, LineBreak, Node, Text
from ...document import Document
from .tokens import flat, ratio

__all__ = ["UNIT_KINDS", "Unit", "units", "match_units"]

#: the headings that start a unit
UNIT_KINDS = ("article", "preamble", "part", "title", "chapter", "section")


@dataclass(slots=True)
class Unit:
    """A unit of one version: its key (``art_3``), nodes, title line and word tokens."""
    key: str
    nodes: list[Node]
    title: str = ""
    tokens: tuple[str, ...] = ()
    body_key: tuple[str, ...] = ()


def units(doc: Document) -> list[Unit]:
    """The units of ``doc`` in order; text before the first unit is ``(start)``."""
    units: list[Unit] = []
    current = Unit("(start)", [])
    for node in doc.body:
        key = None
        if isinstance(node, Heading) and node.kind in UNIT_KINDS:
            key = node.id.split("__", 1)[0]
        elif isinstance(node, BracketGroup):
            first = next((c for c in node.alternatives[0].children
                          if not (isinstance(c, Text) and not c.value.strip())), None)
            if isinstance(first, Heading) and first.kind in UNIT_KINDS:
                key = first.id.split("__", 1)[0]
        if key is not None and (current.nodes or current.key != "(start)"):
            units.append(current)
            current = Unit(key, [])
        elif key is not None:
            current.key = key
        current.nodes.append(node)
    units.append(current)
    for u in units:
        words: list[str] = []
        u.tokens = tuple(flat(u.nodes, words, headings=False))
        u.body_key = u.tokens  # the words themselves, not a copy joined into a string
        line: list[Node] = []
        for n in u.nodes[1:]:
            if isinstance(n, LineBreak):
                break
            line.append(n)
        title: list[str] = []
        u.title = " ".join(flat(line, title))
    return [u for u in units if u.nodes]


def match_units(old: list[Unit], new: list[Unit]) -> list[tuple[int | None, int | None, str]]:
    """``(old index, new index, how)`` in the new order, a removed unit after its
    predecessor; ``how`` says how the pair matched (or ``added``, ``removed``)."""
    pairs: dict[int, tuple[int, str]] = {}
    used: set[int] = set()

    def pair(i: int, j: int, how: str) -> None:
        pairs[i] = (j, how)
        used.add(j)

    # 1. identical text (unique on both sides)
    old_keys = Counter(u.body_key for u in old)
    new_index: dict[tuple[str, ...], list[int]] = {}
    for j, u in enumerate(new):
        new_index.setdefault(u.body_key, []).append(j)
    for i, u in enumerate(old):
        js = new_index.get(u.body_key, [])
        if old_keys[u.body_key] == 1 and len(js) == 1:
            pair(i, js[0], "identical text")
    # 2. same number, similar text
    new_by_key = {u.key: j for j, u in enumerate(new)}
    for i, u in enumerate(old):
        if i in pairs:
            continue
        same = new_by_key.get(u.key)
        if same is not None and same not in used and ratio(u.tokens, new[same].tokens) >= 0.5:
            pair(i, same, "number")
    # 3. same heading title (unique among those left)
    left_new: dict[str, list[int]] = {}
    for j, u in enumerate(new):
        if j not in used and u.title:
            left_new.setdefault(u.title, []).append(j)
    left_old = Counter(u.title for i, u in enumerate(old) if i not in pairs and u.title)
    for i, u in enumerate(old):
        if i in pairs or not u.title or left_old[u.title] != 1:
            continue
        js = [j for j in left_new.get(u.title, []) if j not in used]
        if len(js) == 1:
            pair(i, js[0], "title")
    # 4. most similar text
    for i, u in enumerate(old):
        if i in pairs:
            continue
        best_j: int | None
        best, best_j = 0.6, None
        for j, v in enumerate(new):
            if j in used:
                continue
            r = ratio(u.tokens, v.tokens)
            if r >= best:
                best, best_j = r, j
        if best_j is not None:
            pair(i, best_j, "similar text")
    # in new order, with removed units placed after their predecessor
    result: list[tuple[int | None, int | None, str]] = []
    by_new = {j: (i, how) for i, (j, how) in pairs.items()}
    removed_after: dict[int | None, list[int]] = {}
    last_new = None
    for i in range(len(old)):
        if i in pairs:
            last_new = pairs[i][0]
        else:
            removed_after.setdefault(last_new, []).append(i)
    for i in removed_after.get(None, []):
        result.append((i, None, "removed"))
    for j in range(len(new)):
        if j in by_new:
            i, how = by_new[j]
            result.append((i, j, how))
        else:
            result.append((None, j, "added"))
        for i in removed_after.get(j, []):
            result.append((i, None, "removed"))
    return result
