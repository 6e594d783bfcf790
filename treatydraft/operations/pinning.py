"""Spaced brackets keep their reading when an operation changes what they hold.

Under the ``auto`` convention the parser reads ``[A] [B]`` from the words in A and B
(:func:`treatydraft.readings.spaced_reading`). An operation that changes those words,
resolving a group nested in A for instance, can change the evidence: ``[[, data] more]
[other]`` is a group of two alternatives, and with ``[, data]`` kept the text ``[, data
more] [other]`` would be read back as two independent insertions. The operation's tree
still says what the draft means, so the text it writes must say it too:

* two alternatives of one group that the text would now keep apart get the explicit
  separator of alternatives, a slash (``[, data more] / [other]``);
* two independent groups separated by blanks that the text would now join get the
  split mark ``\\+`` before the second (``[a b] \\+[a c]``).

Only groups the operation changed are looked at, so an untouched draft keeps its text
byte for byte. Under ``alternatives`` and ``separate`` the convention decides, whatever
the words, and nothing needs pinning.

    >>> import treatydraft
    >>> from treatydraft.operations import resolve
    >>> doc = treatydraft.parse("Article 1\\n1. The P [[, data] more] [other] end.\\n")
    >>> [g.kind for g in doc.groups()]
    ['alternatives', 'optional']
    >>> text = resolve(doc, {"art_1__para_1__brk_1__alt_1__brk_1": "keep"}).to_text()
    >>> text
    'Article 1\\n1. The P [, data more] / [other] end.\\n'
    >>> [g.kind for g in treatydraft.parse(text).groups()]
    ['alternatives']
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..ast import Alternative, BracketGroup, Node, SplitMark, Text
from ..document import text_of
from ..readings import Reading, spaced_reading

__all__ = ["pin_group", "pin_sequence"]

_SNIPPET = 60  # as the parser: characters of each bracket's text the evidence looks at
_SLASH = " / "


def _spaced(gap: str) -> bool:
    """A separator of blanks only: the one the evidence decides (a line break too, when
    the draft was hard-wrapped)."""
    return bool(gap) and not gap.strip(" \t\r\n")


def _reading(a: Alternative, b: Alternative, *, chained: bool) -> Reading:
    ta, tb = text_of(a.children), text_of(b.children)
    return spaced_reading(ta[:_SNIPPET], ta[-_SNIPPET:], tb[:_SNIPPET], tb[-_SNIPPET:],
                          attributed=bool(a.attribution and b.attribution), chained=chained)


def pin_group(group: BracketGroup, convention: str) -> BracketGroup:
    """``group`` with a slash between alternatives the ``auto`` reading would now split."""
    if convention != "auto" or len(group.alternatives) < 2:
        return group
    gaps = list(group.gaps)
    chained = any(g == "" for g in gaps)
    alts = group.alternatives
    changed = False
    for i, gap in enumerate(gaps):
        if _spaced(gap) and not _reading(alts[i], alts[i + 1], chained=chained).join:
            gaps[i] = _SLASH
            changed = True
    return replace(group, gaps=tuple(gaps)) if changed else group


def pin_sequence(seq: list[Node], changed: Callable[[Node], bool], convention: str) -> list[Node]:
    """``seq`` with ``\\+`` before a group that the ``auto`` reading would now join to
    the group before it; ``changed(node)`` says which groups the operation changed and
    which blanks it made (where a resolved group stood between two groups)."""
    if convention != "auto":
        return seq
    out: list[Node] = []
    for i, node in enumerate(seq):
        if i >= 2 and isinstance(node, BracketGroup) and isinstance(seq[i - 2], BracketGroup):
            gap, before = seq[i - 1], seq[i - 2]
            if isinstance(gap, Text) and _spaced(gap.value) and "\n" not in gap.value \
                    and (changed(node) or changed(before) or changed(gap)) \
                    and isinstance(before, BracketGroup) and _joins(before, node):
                out.append(SplitMark("\\+", gap.span))
        out.append(node)
    return out


def _joins(a: BracketGroup, b: BracketGroup) -> bool:
    """Would the parser read the last bracket of ``a`` and the first of ``b`` as rivals?"""
    if a.kind == "placeholder" or b.kind == "placeholder":
        return False
    chained = len(a.alternatives) > 1 and "" in a.gaps or len(b.alternatives) > 1 and "" in b.gaps
    return _reading(a.alternatives[-1], b.alternatives[0], chained=chained).join
