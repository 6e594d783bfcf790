"""Group ids that survive revisions: fingerprints, renaming, ids carried from a revision.

A freshly parsed draft numbers its groups by position (``art_5__para_2__brk_3``, see
``docs/ids.md``).  Operations never renumber: :func:`~.resolve.resolve`,
:func:`~.accept.accept` and :func:`~.accept.clean` return documents in which every
group they did not touch keeps its id.  The *text* of a resolved draft does not carry
ids, so when it is parsed again the positional numbering starts over; :func:`carry_ids`
gives the groups of the new parse the ids they had in the previous revision:

    >>> import treatydraft
    >>> from treatydraft.operations import resolve, carry_ids
    >>> old = treatydraft.parse("Article 1\\n1. [Each][Every] Party [shall][may] act.\\n")
    >>> new = treatydraft.parse(resolve(old, {"art_1__para_1__brk_1": 2}).to_text())
    >>> [g.id for g in new.groups()]          # positional: brk_2 is now brk_1
    ['art_1__para_1__brk_1']
    >>> [g.id for g in carry_ids(new, old).groups()]
    ['art_1__para_1__brk_2']

A group *survives* when its text as written (every alternative, nested brackets
included, and its kind) is unchanged, or when only groups nested in it were resolved
(and the reading of spaced brackets pinned, see :mod:`.pinning`);
it is found first among the groups of the same unit, in order, then anywhere in the
draft when its text is unique on both sides.  A
group of the new revision that matches none gets an id no group of the previous
revision had, so an old id never names a different group.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import replace

from ..ast import (
    Alternative,
    BracketGroup,
    Footnote,
    Group,
    Node,
    Option,
    OptionBlock,
    Placeholder,
)
from ..document import Document, footnote_index, text_of

__all__ = ["fingerprint", "alternative_text", "relabel", "carry_ids", "id_map"]

_COUNTER = re.compile(r"^(.*?)(brk|opts|ph)_(\d+)$")
_PINS = re.compile(r"\\\+(?=\[)|/(?=[ \t]*\[)")  # a `\+` or a slash before a bracket


def alternative_text(alt: Alternative | Option) -> str:
    """The raw text of an alternative (or option: label included), nested brackets as written."""
    out: list[str] = []
    if not isinstance(alt, Alternative):
        out.append(alt.label)
        out.append(alt.attribution)
    out.append(text_of(alt.children))
    return "".join(out)


def fingerprint(group: Group) -> tuple[str, ...]:
    """What identifies a group across revisions: its kind and its alternatives' text.

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import fingerprint
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act[ promptly].\\n")
        >>> fingerprint(doc.find("art_1__para_1__brk_1")), fingerprint(doc.find("art_1__para_1__brk_2"))
        (('alternatives', 'shall', 'may'), ('optional', ' promptly'))
    """
    if isinstance(group, Placeholder):
        return ("placeholder", group.value)
    return (group.kind, *(alternative_text(a) for a in group.alternatives))


def _all(doc: Document) -> list[Group]:
    return list(doc.brackets())


def id_map(new: Document, old: Document) -> dict[str, str]:
    """new id -> old id for every group (and placeholder) of ``new`` that survives from ``old``."""
    old_groups, new_groups = _all(old), _all(new)
    mapping: dict[str, str] = {}
    taken: set[str] = set()

    def pair(o: Group, n: Group) -> None:
        mapping[n.id] = o.id
        taken.add(o.id)

    def remaining() -> tuple[dict[str, list[Group]], dict[str, list[Group]]]:
        by_old: dict[str, list[Group]] = {}
        by_new: dict[str, list[Group]] = {}
        for g in old_groups:
            if g.id not in taken:
                by_old.setdefault(g.location, []).append(g)
        for g in new_groups:
            if g.id not in mapping:
                by_new.setdefault(g.location, []).append(g)
        return by_old, by_new

    # 1. same id, same text (an operation's result, a revision where nothing moved)
    old_by_id = {g.id: g for g in old_groups}
    for g in new_groups:
        o = old_by_id.get(g.id)
        if o is not None and fingerprint(o) == fingerprint(g):
            pair(o, g)
    # 2. same text, in order, unit by unit
    by_old, by_new = remaining()
    for loc, ng in by_new.items():
        og = by_old.get(loc)
        if og:
            matcher = difflib.SequenceMatcher(None, [fingerprint(g) for g in og],
                                              [fingerprint(g) for g in ng], autojunk=False)
            for i, j, size in matcher.get_matching_blocks():
                for k in range(size):
                    pair(og[i + k], ng[j + k])
    # 3. groups whose nested groups were resolved: same id first, then in order
    for g in new_groups:
        o = old_by_id.get(g.id)
        if g.id not in mapping and o is not None and o.id not in taken and _shrunk(o, g):
            pair(o, g)
    by_old, by_new = remaining()
    for loc, ng in by_new.items():
        for o, n in _shrunk_pairs(by_old.get(loc, []), ng):
            pair(o, n)
    # a group that moved to another unit (renumbered, or its unit split): by unique text
    rest_old: dict[tuple[str, ...], list[Group]] = {}
    for g in old_groups:
        if g.id not in taken:
            rest_old.setdefault(fingerprint(g), []).append(g)
    rest_new: dict[tuple[str, ...], list[Group]] = {}
    for g in new_groups:
        if g.id not in mapping:
            rest_new.setdefault(fingerprint(g), []).append(g)
    for fp, ng in rest_new.items():
        og = rest_old.get(fp, [])
        if len(ng) == 1 and len(og) == 1:
            mapping[ng[0].id] = og[0].id
    return mapping


def _nested(group: BracketGroup | OptionBlock) -> bool:
    return any(isinstance(c, (BracketGroup, OptionBlock, Placeholder))
               for a in group.alternatives for c in a.children)


def _shrunk(old: Group, new: Group) -> bool:
    """True when ``new`` reads like ``old`` with groups nested in it resolved: same kind,
    same number of alternatives (same option labels), and each alternative of ``new`` is
    its alternative in ``old`` with characters left out (blanks aside)."""
    if isinstance(old, Placeholder) or isinstance(new, Placeholder) or old.kind != new.kind \
            or len(old.alternatives) != len(new.alternatives) or not _nested(old):
        return False
    old_alts: tuple[Alternative | Option, ...] = old.alternatives
    new_alts: tuple[Alternative | Option, ...] = new.alternatives
    for a, b in zip(old_alts, new_alts, strict=False):
        if getattr(a, "label", None) != getattr(b, "label", None):
            return False
        # the resolver may pin a spaced pair's reading with a slash or `\\+` (pinning.py)
        shorter = _PINS.sub("", alternative_text(b))
        if not _subsequence("".join(shorter.split()), "".join(alternative_text(a).split())):
            return False
    return True


def _subsequence(short: str, long: str) -> bool:
    """True when ``short`` is ``long`` with characters left out (blanks ignored by the caller)."""
    it = iter(long)
    return all(ch in it for ch in short)


def _shrunk_pairs(olds: list[Group], news: list[Group]) -> list[tuple[Group, Group]]:
    pairs: list[tuple[Group, Group]] = []
    start = 0
    for n in news:
        for i in range(start, len(olds)):
            if _shrunk(olds[i], n):
                pairs.append((olds[i], n))
                start = i + 1
                break
    return pairs


def _bump(gid: str, used: set[str]) -> str:
    m = _COUNTER.match(gid)
    if m is None:  # pragma: no cover - every group id ends in a counter
        n, head, kind = 2, gid + "_", "x"
    else:
        head, kind, n = m.group(1), m.group(2), int(m.group(3))
    while f"{head}{kind}_{n}" in used:
        n += 1
    return f"{head}{kind}_{n}"


def carry_ids(new: Document, old: Document) -> Document:
    """``new`` with the ids its groups had in ``old``; new groups get ids ``old`` never used.

    Nothing else changes (text, spans, diagnostics); the inputs are not changed.

        >>> import treatydraft
        >>> from treatydraft.operations import carry_ids
        >>> old = treatydraft.parse("Article 1\\n1. [Each][Every] Party [shall][may] act.\\n")
        >>> new = treatydraft.parse("Article 1\\n1. Every Party [shall][may] act [now][later].\\n")
        >>> [g.id for g in new.groups()]
        ['art_1__para_1__brk_1', 'art_1__para_1__brk_2']
        >>> [g.id for g in carry_ids(new, old).groups()]   # the new group gets an unused id
        ['art_1__para_1__brk_2', 'art_1__para_1__brk_3']
    """
    carried = id_map(new, old)
    used = {g.id for g in _all(old)}
    used.update(g.id for g in _all(new) if g.id not in carried)  # kept when free
    final: dict[str, str] = {}
    assigned: set[str] = set(carried.values())
    old_ids = {g.id for g in _all(old)}

    def name(node: Group, prefix_from: str, prefix_to: str) -> str:
        if node.id in carried:
            return carried[node.id]
        gid = node.id
        if prefix_from != prefix_to and gid.startswith(prefix_from):
            gid = prefix_to + gid[len(prefix_from):]
        if gid in old_ids or gid in assigned or (gid != node.id and gid in used):
            gid = _bump(gid, used | old_ids | assigned)
        used.add(gid)
        assigned.add(gid)
        return gid

    stack: list[tuple[tuple[Node, ...], str, str]] = [(tuple(new.body), "", "")]
    while stack:
        seq, pfrom, pto = stack.pop()
        for node in seq:
            if isinstance(node, Placeholder):
                final[node.id] = name(node, pfrom, pto)
            elif isinstance(node, Footnote):
                stack.append((node.children, pfrom, pto))
            elif isinstance(node, (BracketGroup, OptionBlock)):
                gid = name(node, pfrom, pto)
                final[node.id] = gid
                for alt in node.alternatives:
                    stack.append((alt.children, alt.id, gid + alt.id[len(node.id):]))
    return relabel(new, final)


def relabel(doc: Document, mapping: dict[str, str]) -> Document:
    """``doc`` with groups and placeholders renamed (old id -> new id); their alternatives
    and options follow their group (``<new id>__alt_2``).  Ids not in ``mapping`` stay.

        >>> import treatydraft
        >>> from treatydraft.operations import relabel
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act[ promptly].\\n")
        >>> renamed = relabel(doc, {"art_1__para_1__brk_1": "art_1__para_1__brk_7"})
        >>> [g.id for g in renamed.groups()], renamed.find("art_1__para_1__brk_7").alternatives[1].id
        (['art_1__para_1__brk_7', 'art_1__para_1__brk_2'], 'art_1__para_1__brk_7__alt_2')
        >>> renamed.to_text() == doc.to_text()
        True
    """
    if all(k == v for k, v in mapping.items()):
        return doc
    body, changed = _seq(doc.body, mapping)
    if not changed:
        return doc
    return replace(doc, body=tuple(body), footnotes=footnote_index(body))  # (renamed inside)


def _seq(seq: Iterable[Node], mapping: dict[str, str]) -> tuple[list[Node], bool]:
    out: list[Node] = []
    changed = False
    for node in seq:
        new = node
        if isinstance(node, Placeholder):
            nid = mapping.get(node.id, node.id)
            if nid != node.id:
                new = replace(node, id=nid)
        elif isinstance(node, Footnote):
            kids, kids_changed = _seq(node.children, mapping)
            if kids_changed:
                new = replace(node, children=tuple(kids))
        elif isinstance(node, (BracketGroup, OptionBlock)):
            nid = mapping.get(node.id, node.id)
            alts: list[Alternative | Option] = []
            touched = nid != node.id
            for alt in node.alternatives:
                kids, kids_changed = _seq(alt.children, mapping)
                aid = nid + alt.id[len(node.id):]
                if kids_changed or aid != alt.id:
                    touched = True
                    alt = replace(alt, id=aid, children=tuple(kids))
                alts.append(alt)
            if touched:
                # the field is named by the node's type, which a ** mapping hides from mypy
                new = replace(node, id=nid, **{("options" if isinstance(node, OptionBlock)  # type: ignore[arg-type]
                                                else "alternatives"): tuple(alts)})
        changed = changed or new is not node
        out.append(new)
    return out, changed
