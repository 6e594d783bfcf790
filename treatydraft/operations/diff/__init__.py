"""Comparing two versions of a draft, article by article and bracket by bracket.

How things are matched (each report says which method matched it):

1. **Units** (articles, and the preamble or divisions before them) are cut at their
   headings.  An old unit and a new unit match when their text without the heading
   marker is identical (``identical text``, also across a renumbering), else when
   they have the same number and similar text (``number``), else the same heading
   title (``title``), else the most similar text (``similar text``, word-level
   ``difflib`` ratio >= 0.6).  What is left is ``added`` or ``removed``.  A matched
   unit whose number changed is reported as renumbered.
2. **Groups** inside a matched pair: the two units are aligned as word sequences in
   which every group is one token standing for its content (words of every
   alternative, attribution left out).  Groups aligned with identical content match
   (``content``); in the stretches that differ, groups pair by id (relative to the
   unit, so ``art_3__para_1__brk_2`` pairs with ``art_4__para_1__brk_2`` after a
   renumbering) when their content is similar, else by the most similar content.
3. An old group with no partner was **resolved** when the new text in its place reads
   like one of its alternatives (or like nothing, for dropped optional text): the
   report says which.  Groups inside the alternatives it lost are reported as
   ``discarded``.  Otherwise the group was ``removed``; a new group with no partner was
   ``added``.
4. Paired groups report ``alternatives`` changes (alternatives added or removed, by
   text) and ``attribution`` changes (same text, other proposers), recursively.
5. Stretches outside brackets whose words differ are ``text`` changes (punctuation
   and paragraph markers left behind by a resolution are not reported).

The package: :mod:`.model` (what is reported: :class:`Change`, :class:`UnitDiff`,
:class:`DocumentDiff`), :mod:`.tokens` (words and typed group tokens), :mod:`.units`
(cutting and matching units), :mod:`.align` (groups of a matched pair).  The readable
report is :func:`treatydraft.reports.diff_report`.

    >>> import treatydraft
    >>> from treatydraft.operations import diff, resolve
    >>> old = treatydraft.parse("Article 1\\n1. Parties [shall][may] act.\\n")
    >>> d = diff(old, resolve(old, {"art_1__para_1__brk_1": 1}))
    >>> [(c.kind, c.old_id, c.detail) for c in d.changes]
    [('resolved', 'art_1__para_1__brk_1', {'choice': 1})]
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...ast import BracketGroup, Footnote, LineBreak, Node, Note, OptionBlock, OptionsEnd, Text
from ...document import Document, choice_points, text_of
from ...reports import diff_report
from ..resolve import DROP, describe_choice
from .align import Differ, descendants
from .model import Change, DocumentDiff, UnitDiff
from .units import Unit, match_units, units

__all__ = ["Change", "UnitDiff", "DocumentDiff", "diff", "diff_report"]


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def diff(old: Document, new: Document) -> DocumentDiff:
    """The differences between two versions of a draft (see the module docs).

    Groups are reported by the ids they have across revisions: ``new`` takes the ids
    its groups had in ``old`` (:func:`treatydraft.operations.ids.carry_ids`), so a
    group that survived keeps its name, and a new group has an id that ``old`` never
    used.

        >>> import treatydraft
        >>> from treatydraft.operations import diff
        >>> old = treatydraft.parse("Article 1\\n1. Parties [shall][may] act.\\nArticle 2\\n1. [Text.]\\n")
        >>> new = treatydraft.parse("Article 1\\n1. Parties may act.\\nArticle 2\\n1. [Text.]\\n")
        >>> d = diff(old, new)
        >>> bool(d), [(c.kind, c.old_id, c.message) for c in d.changes]
        (True, [('resolved', 'art_1__para_1__brk_1', 'art_1__para_1__brk_1: resolved to alternative 2')])
    """
    from ..ids import carry_ids
    new = carry_ids(new, old)
    ou, nu = units(old), units(new)
    result = []
    for i, j, how in match_units(ou, nu):
        if j is None:
            assert i is not None  # match_units gives every pair at least one side
            u = ou[i]
            ud = UnitDiff(u.key, None, "removed")
            ud.changes.extend(_removed_unit(u))
        elif i is None:
            u = nu[j]
            ud = UnitDiff(None, u.key, "added")
            groups = [n for n in _walk_groups(u.nodes)]
            ud.changes.append(Change("added", None, u.key, f"{u.key}: new unit"
                                     + (f" with {_n(len(groups), 'bracket group')}" if groups
                                        else ""),
                                     {"groups": [g.id for g in groups]}))
        else:
            a, b = ou[i], nu[j]
            ud = UnitDiff(a.key, b.key, how)
            if a.key != b.key:
                ud.changes.append(Change("renumbered", a.key, b.key,
                                         f"{a.key} is now {b.key} (matched by {how})"))
            if _same_nodes(a.nodes, b.nodes):
                pass  # the very same subtrees: an operation left this unit untouched
            elif how != "identical text" or (_has_groups(a.nodes) and
                                             _raw(a.nodes) != _raw(b.nodes)):
                Differ(a.key, b.key, ud.changes).seq(a.nodes, b.nodes)
        result.append(ud)
    return DocumentDiff(result)


def _same_nodes(a: list[Node], b: list[Node]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=False))


def _raw(nodes: list[Node]) -> str:
    """The unit as written (attributions included), to skip units that did not change."""
    return text_of(nodes)


def _has_groups(nodes: list[Node]) -> bool:
    return next(choice_points(nodes), None) is not None


def _walk_groups(nodes: Iterable[Node]) -> Iterator[BracketGroup | OptionBlock]:
    for n in choice_points(nodes):  # (a footnote's text included)
        yield n
        yield from descendants(n)


def _removed_unit(u: Unit) -> list[Change]:
    """A unit gone from the new version; a unit that was one bracket or a No-text block was resolved."""
    content = [n for n in u.nodes if not (isinstance(n, Text) and not n.value.strip())
               and not isinstance(n, (LineBreak, Note, Footnote, OptionsEnd))]
    groups = [n for n in content if isinstance(n, (BracketGroup, OptionBlock))]
    blocks = [g for g in groups if isinstance(g, OptionBlock) and any(o.no_text for o in g.options)]
    if len(content) == 1 and groups and groups[0].kind == "optional":
        g = groups[0]
        return [Change("resolved", g.id, None, f"{g.id}: resolved to drop (the whole unit)",
                       {"choice": DROP})] + _discarded_all(g)
    if len(blocks) == 1:
        b = blocks[0]
        k = next(o.index for o in b.options if o.no_text)
        out = [Change("resolved", b.id, None, f"{b.id}: resolved to "
                      f"{describe_choice(b, k)}: the unit {u.key} is removed", {"choice": k})]
        out += _discarded_all(b)
        others = [g for g in groups if g is not b]
        out += [Change("discarded", g.id, None, f"{g.id}: removed with {u.key}") for g in others
                for g in [g] + descendants(g)]
        return out
    return [Change("removed", u.key, None, f"{u.key}: unit removed"
                   + (f" with {_n(len(groups), 'bracket group')}" if groups else ""),
                   {"groups": [g.id for g in _walk_groups(u.nodes)]})]


def _discarded_all(g: BracketGroup | OptionBlock) -> list[Change]:
    return [Change("discarded", d.id, None, f"{d.id}: discarded with {g.id}")
            for d in descendants(g)]
