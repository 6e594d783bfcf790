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
"""
from __future__ import annotations

import difflib
import re
from sys import intern
from collections import Counter
from dataclasses import dataclass, field

from ..ast import (_emit, BracketGroup, Document, Escape, Footnote, FootnoteRef, Heading, LineBreak,
                   Note, OptionBlock, OptionsEnd, Placeholder, Text)
from .resolve import DROP, describe_choice

__all__ = ["Change", "UnitDiff", "DocumentDiff", "diff", "diff_report"]

_UNIT_KINDS = ("article", "preamble", "part", "title", "chapter", "section")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_HAN}]|[^\W{_HAN}]+|[^\w\s]", re.UNICODE)


@dataclass(slots=True)
class Change:
    """One difference. ``kind``: resolved, discarded, added, removed, alternatives,
    attribution, text, renumbered."""
    kind: str
    old_id: str | None = None
    new_id: str | None = None
    message: str = ""
    detail: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "old_id": self.old_id, "new_id": self.new_id,
                "message": self.message, **self.detail}


@dataclass(slots=True)
class UnitDiff:
    """An article (or preamble, division) in both versions, or in one of them."""
    old_id: str | None
    new_id: str | None
    method: str
    """How the unit was matched: identical text, number, title, similar text, added, removed."""
    changes: list[Change] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"old_id": self.old_id, "new_id": self.new_id, "method": self.method,
                "changes": [c.to_dict() for c in self.changes]}


@dataclass(slots=True)
class DocumentDiff:
    units: list[UnitDiff]

    @property
    def changes(self) -> list[Change]:
        return [c for u in self.units for c in u.changes]

    def __bool__(self) -> bool:
        return bool(self.changes)

    def by_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    def to_dict(self) -> dict:
        return {"units": [u.to_dict() for u in self.units if u.changes],
                "matching": [{"old_id": u.old_id, "new_id": u.new_id, "method": u.method}
                             for u in self.units],
                "summary": dict(Counter(c.kind for c in self.changes))}


# ---------------------------------------------------------------- tokens

def _words(text: str) -> list[str]:
    # each word once in memory (interned), however often the two versions use it: the
    # word lists of both drafts are what a diff holds beside them
    return list(map(intern, _TOKEN.findall(text)))


def _flat(seq, out: list, headings: bool = True) -> list:
    """Word tokens of ``seq`` with nested groups as ``[ ... | ... ]`` (attribution left out)."""
    for node in seq:
        if isinstance(node, Text):
            out.extend(_words(node.value))
        elif isinstance(node, (BracketGroup, OptionBlock)):
            out.append("[")
            for i, alt in enumerate(node.alternatives):
                if i:
                    out.append("|")
                _flat(alt.children, out, headings)
            out.append("]")
        elif isinstance(node, Heading):
            if headings:
                out.append("§" + node.number)
        elif isinstance(node, Placeholder):
            out.append(node.value)
        elif isinstance(node, Escape):
            out.append(node.char)
    return out


def _alt_text(alt) -> str:
    return " ".join(_flat(alt.children, []))


def _signature(g) -> str:
    return "\x00" + g.kind + "\x01" + "\x02".join(_alt_text(a) for a in g.alternatives)


def _token(g) -> str:
    """A group's token in a stream: its content and who proposed what."""
    return _signature(g) + "\x03" + "\x02".join(
        "+".join(a.proposers) for a in g.alternatives) + "\x03" + "+".join(g.proposers)


def _stream(seq) -> tuple[list[str], list]:
    """Tokens of a sequence, each group one token; and the group (or None) per token."""
    toks: list[str] = []
    objs: list = []
    for node in seq:
        if isinstance(node, (BracketGroup, OptionBlock)):
            toks.append(_token(node))
            objs.append(node)
        elif isinstance(node, FootnoteRef):
            continue
        else:
            before = len(toks)
            _flat([node], toks)
            objs.extend([None] * (len(toks) - before))
    return toks, objs


def _ratio(a: list, b: list) -> float:
    if not a and not b:
        return 1.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < 0.3 or sm.quick_ratio() < 0.3:
        return sm.quick_ratio() * 0.5
    return sm.ratio()


def _wordy(tokens) -> list[str]:
    """Tokens that are words (not punctuation, not paragraph markers, not groups)."""
    return [t for t in tokens if t and t[0] not in "§\x00" and any(c.isalnum() for c in t)]


# ---------------------------------------------------------------- units

@dataclass(slots=True)
class _Unit:
    key: str
    nodes: list
    title: str = ""
    tokens: tuple = ()
    body_key: tuple = ()


def _units(doc: Document) -> list[_Unit]:
    units: list[_Unit] = []
    current = _Unit("(start)", [])
    for node in doc.body:
        key = None
        if isinstance(node, Heading) and node.kind in _UNIT_KINDS:
            key = node.id.split("__", 1)[0]
        elif isinstance(node, BracketGroup):
            first = next((c for c in node.alternatives[0].children
                          if not (isinstance(c, Text) and not c.value.strip())), None)
            if isinstance(first, Heading) and first.kind in _UNIT_KINDS:
                key = first.id.split("__", 1)[0]
        if key is not None and (current.nodes or current.key != "(start)"):
            units.append(current)
            current = _Unit(key, [])
        elif key is not None:
            current.key = key
        current.nodes.append(node)
    units.append(current)
    for u in units:
        u.tokens = tuple(_flat(u.nodes, [], headings=False))
        u.body_key = u.tokens  # the words themselves, not a copy joined into a string
        line: list = []
        for n in u.nodes[1:]:
            if isinstance(n, LineBreak):
                break
            line.append(n)
        u.title = " ".join(_flat(line, []))
    return [u for u in units if u.nodes]


def _match_units(old: list[_Unit], new: list[_Unit]) -> list[tuple[int | None, int | None, str]]:
    pairs: dict[int, tuple[int, str]] = {}
    used: set[int] = set()

    def pair(i, j, how):
        pairs[i] = (j, how)
        used.add(j)

    # 1. identical text (unique on both sides)
    old_keys = Counter(u.body_key for u in old)
    new_index: dict[str, list[int]] = {}
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
        j = new_by_key.get(u.key)
        if j is not None and j not in used and _ratio(u.tokens, new[j].tokens) >= 0.5:
            pair(i, j, "number")
    # 3. same heading title (unique among those left)
    left_new = {}
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
        best, best_j = 0.6, None
        for j, v in enumerate(new):
            if j in used:
                continue
            r = _ratio(u.tokens, v.tokens)
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


# ---------------------------------------------------------------- groups

def _rel(gid: str, key: str) -> str:
    return gid[len(key):] if gid.startswith(key + "__") else gid


def _descendants(g) -> list:
    out = []
    stack = [g]
    while stack:
        n = stack.pop()
        for alt in n.alternatives:
            for c in alt.children:
                if isinstance(c, (BracketGroup, OptionBlock)):
                    out.append(c)
                    stack.append(c)
    return out


class _Differ:
    """Compares one matched pair of units; appends to ``out``."""

    def __init__(self, old_key: str, new_key: str, out: list[Change]):
        self.old_key, self.new_key, self.out = old_key, new_key, out

    # -- sequences
    def seq(self, old_seq, new_seq) -> None:
        ot, oo = _stream(old_seq)
        nt, no = _stream(new_seq)
        # a group with the same id (relative to its unit) and the same token on both
        # sides is the same group: tie the two tokens so the alignment cannot swap twins
        new_keys = Counter((_rel(g.id, self.new_key), t) for t, g in zip(nt, no) if g is not None)
        for i, (t, g) in enumerate(zip(ot, oo)):
            if g is not None and (_rel(g.id, self.old_key), t) in new_keys:
                ot[i] = t + "\x04" + _rel(g.id, self.old_key)
        old_keys = {t for t in ot if "\x04" in t}
        for j, (t, h) in enumerate(zip(nt, no)):
            if h is not None and t + "\x04" + _rel(h.id, self.new_key) in old_keys:
                nt[j] = t + "\x04" + _rel(h.id, self.new_key)
        sm = difflib.SequenceMatcher(None, ot, nt, autojunk=False)
        regions = []
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                for a, b in zip(oo[i1:i2], no[j1:j2]):
                    if a is not None:
                        self.pair(a, b, "content")
            else:
                regions.append((ot[i1:i2], oo[i1:i2], nt[j1:j2], no[j1:j2],
                                nt[max(0, j1 - 3):j2 + 3]))
        if regions:
            self.regions(regions)

    def regions(self, regions) -> None:
        """The stretches that differ: pair their groups, then explain what is left."""
        old_groups = [g for _, oo, _, _, _ in regions for g in oo if g is not None]
        new_groups = [g for _, _, _, no, _ in regions for g in no if g is not None]
        if not old_groups and not new_groups:
            for ot, oo, nt, no, _ in regions:
                if _wordy(ot) != _wordy(nt):
                    self.text_change(ot, nt)
            return
        # candidates on the old side: the groups and everything nested in them (a group
        # inside a resolved alternative stands on its own in the new text)
        cands = []
        for g in old_groups:
            cands.append(g)
            cands.extend(_descendants(g))
        taken: dict[int, object] = {}  # id(old group) -> new group
        pending = []
        for h in new_groups:
            rel = _rel(h.id, self.new_key)
            tok = _token(h)
            # the same id and content first (twins stay apart), then content, then id
            hit = next((c for c in cands if id(c) not in taken and _token(c) == tok
                        and _rel(c.id, self.old_key) == rel), None)
            if hit is None:
                hit = next((c for c in cands if id(c) not in taken and _token(c) == tok), None)
            if hit is None:
                hit = next((c for c in cands if id(c) not in taken
                            and _rel(c.id, self.old_key) == rel
                            and _akin(c, h)), None)
            if hit is None:
                sig = _signature(h)
                hit = next((c for c in cands if id(c) not in taken and _signature(c) == sig),
                           None)
            if hit is None:
                best = 0.6
                for c in cands:
                    if id(c) in taken:
                        continue
                    a, b = _wordy(_flat([c], [])), _wordy(_flat([h], []))
                    r = _ratio(a, b) if set(a) & set(b) else 0.0
                    if r >= best:
                        best, hit = r, c
            if hit is None:
                pending.append(h)
            else:
                taken[id(hit)] = h
                self.pair(hit, h, "content")
        # old groups without a partner: resolved (read against the new words of every
        # stretch that differs) or removed
        def words(ts):
            return "".join(t for t in ts if t[:1] != "\x00" and any(c.isalnum() for c in t))

        for n, (_, oo, nt, _, ctx) in enumerate(regions):
            # read against the new text of its own stretch, and of the stretches that
            # replace no group (the alignment may cut a replacement in two)
            near = list(nt)
            for m, other in enumerate(regions):
                if m != n and not any(o is not None for o in other[1]):
                    near.extend(other[2])
            target = words(near)
            everything = words(t for r in regions for t in r[4])
            for g in oo:
                if g is not None and id(g) not in taken:
                    self.resolved(g, target, taken, everything)
        for h in pending:
            self.out.append(Change("added", None, h.id, f"{h.id}: new {h.kind} group "
                                   + _brief(h), {"alternatives": _texts(h)}))
        # words outside brackets that no alternative explains are text changes
        old_plain = [t for ot, oo, _, _, _ in regions for t, o in zip(ot, oo) if o is None]
        new_plain = [t for _, _, nt, no, _ in regions for t, o in zip(nt, no) if o is None]
        explained = Counter()
        for g in old_groups:
            for d in [g] + _descendants(g):
                for alt in d.alternatives:
                    explained.update("".join(_wordy(_flat(alt.children, []))))
        old_chars = Counter("".join(_wordy(old_plain)))
        new_chars = Counter("".join(_wordy(new_plain)))
        if (new_chars - old_chars - explained) or (old_chars - new_chars):
            self.text_change(old_plain, new_plain)

    def resolved(self, g, target: str, taken, fallback: str | None = None) -> None:
        """Which alternative of ``g`` the new text ``target`` reads like (or removed).

        Words are compared as strings without blanks, so a word glued to a bracket
        (``law[s]`` -> ``laws``) still reads as its alternative.
        """
        scores = []
        k = None
        for alt in g.alternatives:
            inner = [c for c in alt.children if isinstance(c, (BracketGroup, OptionBlock))]
            if any(id(d) in taken for c in inner for d in [c] + _descendants(c)):
                k = alt.index  # a group inside it is still there: this one was chosen
                break
            hit, miss = _fit(self.expand(alt.children, taken), target)
            # ties: the alternative that needs fewer further resolutions, then the first
            scores.append((hit - miss, hit, -len(inner), -alt.index))
        best = max(scores) if scores else (0, 0, 0, 0)
        if k is None and best[1] == 0 and fallback and fallback != target \
                and g.kind != "optional":
            # the alignment may have put its words in another stretch: read them all
            return self.resolved(g, fallback, taken)
        if k is not None:
            pass
        elif best[1] > 0 and best[0] >= 0:
            k = -best[3]
        elif g.kind == "optional":
            k = DROP
        elif g.kind == "options" and any(o.no_text for o in g.options):
            k = next(o.index for o in g.options if o.no_text)
        if k is None:
            self.out.append(Change("removed", g.id, None, f"{g.id}: {g.kind} group removed "
                                   + _brief(g), {"alternatives": _texts(g)}))
            return
        self.out.append(Change("resolved", g.id, None, f"{g.id}: resolved to "
                               f"{describe_choice(g, k)}", {"choice": k}))
        for alt in g.alternatives:
            inner = [c for c in alt.children if isinstance(c, (BracketGroup, OptionBlock))]
            if alt.index != k:
                for d in inner + [x for c in inner for x in _descendants(c)]:
                    if id(d) not in taken:
                        self.out.append(Change("discarded", d.id, None, f"{d.id}: discarded "
                                               f"with alternative {alt.index} of {g.id}"))
            else:  # a group inside the chosen alternative that did not survive: resolved too
                for d in inner:
                    if id(d) not in taken:
                        self.resolved(d, target, taken)

    def expand(self, seq, taken) -> list[str]:
        toks: list[str] = []
        for node in seq:
            if isinstance(node, (BracketGroup, OptionBlock)):
                toks.append(_signature(taken[id(node)]) if id(node) in taken else "\x00?")
            else:
                _flat([node], toks)
        return toks

    def text_change(self, ot, nt) -> None:
        a = " ".join(t for t in ot if t[:1] not in ("\x00", "§"))
        b = " ".join(t for t in nt if t[:1] not in ("\x00", "§"))
        self.out.append(Change("text", None, None, f"text: '{_short(a)}' -> '{_short(b)}'",
                               {"old": a, "new": b}))

    # -- pairs
    def pair(self, g, h, how) -> None:
        changes = []
        if g.kind != h.kind:
            changes.append(f"kind {g.kind} -> {h.kind}")
        name = g.id if g.id == h.id else f"{g.id} (now {h.id})"
        if tuple(g.proposers) != tuple(h.proposers):
            self.out.append(Change("attribution", g.id, h.id,
                                   f"{name}: group attribution {_codes(g.proposers)} -> "
                                   f"{_codes(h.proposers)}"))
        old_alts = [(_alt_text(a), a) for a in g.alternatives]
        new_alts = [(_alt_text(a), a) for a in h.alternatives]
        # alternatives pair by text, then by position when similar (their inside changed)
        pairs: dict[int, int] = {i: i for i, (t, _) in enumerate(old_alts)
                                 if i < len(new_alts) and new_alts[i][0] == t}
        for i, (t, _) in enumerate(old_alts):
            if i in pairs:
                continue
            j = next((j for j, (u, _) in enumerate(new_alts)
                      if u == t and j not in pairs.values()), None)
            if j is not None:
                pairs[i] = j
        for i, (t, _) in enumerate(old_alts):
            if i in pairs or i >= len(new_alts) or i in pairs.values():
                continue
            if len(old_alts) == len(new_alts) or \
                    _ratio(t.split(), new_alts[i][0].split()) >= 0.5:
                pairs[i] = i
        added = [u for j, (u, _) in enumerate(new_alts) if j not in pairs.values()]
        removed = [t for i, (t, _) in enumerate(old_alts) if i not in pairs]
        if added or removed:
            self.out.append(Change("alternatives", g.id, h.id,
                                   f"{name}: alternatives " + "; ".join(
                                       [f"+ '{_short(t)}'" for t in added]
                                       + [f"- '{_short(t)}'" for t in removed]),
                                   {"added": added, "removed": removed}))
        for i, j in pairs.items():
            (t, a), (u, b) = old_alts[i], new_alts[j]
            if tuple(a.proposers) != tuple(b.proposers):
                self.out.append(Change("attribution", g.id, h.id,
                                       f"{name}: '{_short(u)}' {_codes(a.proposers)} -> "
                                       f"{_codes(b.proposers)}",
                                       {"text": u, "old": list(a.proposers),
                                        "new": list(b.proposers)}))
            if t != u or any(isinstance(c, (BracketGroup, OptionBlock)) for c in a.children):
                self.seq(a.children, b.children)


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _akin(old, new) -> bool:
    """Similar content, or the new group's words all come from the old one (a group
    whose inner groups were resolved keeps a subset of its words)."""
    a, b = _wordy(_flat([old], [])), _wordy(_flat([new], []))
    if _ratio(a, b) >= 0.5 or _ratio(list("".join(a)), list("".join(b))) >= 0.6:
        return True  # (characters: words glued to a resolved bracket merge)
    kept = sum((Counter(b) & Counter(a)).values())
    return bool(b) and kept / len(b) >= 0.8


def _fit(tokens: list[str], target: str) -> tuple[int, int]:
    """(characters found, characters missing) of ``tokens`` read in order in ``target``.

    Word tokens are joined without blanks into pieces, cut at group tokens.
    """
    pieces, cur = [], []
    for t in tokens:
        if t.startswith("\x00"):
            pieces.append("".join(cur))
            cur = []
        elif any(c.isalnum() for c in t):  # words, and paragraph markers (§2)
            cur.append(t)
    pieces.append("".join(cur))
    hit = miss = pos = 0
    for piece in pieces:
        if not piece:
            continue
        at = target.find(piece, pos)
        if at < 0:
            at = target.find(piece)
        if at >= 0:
            hit += len(piece)
            pos = at + len(piece)
        else:
            miss += len(piece)
    return hit, miss


def _codes(codes) -> str:
    return "+".join(codes) if codes else "(none)"


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _texts(g) -> list[str]:
    return [_alt_text(a) for a in g.alternatives]


def _brief(g) -> str:
    return "[" + "][".join(_short(t, 30) for t in _texts(g)) + "]"


def diff(old: Document, new: Document) -> DocumentDiff:
    """The differences between two versions of a draft (see the module docs)."""
    ou, nu = _units(old), _units(new)
    result = []
    for i, j, how in _match_units(ou, nu):
        if j is None:
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
                _Differ(a.key, b.key, ud.changes).seq(a.nodes, b.nodes)
        result.append(ud)
    return DocumentDiff(result)


def _same_nodes(a: list, b: list) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


def _raw(nodes) -> str:
    """The unit as written (attributions included), to skip units that did not change."""
    out: list[str] = []
    _emit(nodes, out)
    return "".join(out)


def _has_groups(nodes) -> bool:
    return any(isinstance(n, (BracketGroup, OptionBlock)) for n in nodes)


def _walk_groups(nodes):
    for n in nodes:
        if isinstance(n, (BracketGroup, OptionBlock)):
            yield n
            yield from _descendants(n)


def _removed_unit(u: _Unit) -> list[Change]:
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
                for g in [g] + _descendants(g)]
        return out
    return [Change("removed", u.key, None, f"{u.key}: unit removed"
                   + (f" with {_n(len(groups), 'bracket group')}" if groups else ""),
                   {"groups": [g.id for g in _walk_groups(u.nodes)]})]


def _discarded_all(g) -> list[Change]:
    return [Change("discarded", d.id, None, f"{d.id}: discarded with {g.id}")
            for d in _descendants(g)]


def diff_report(d: DocumentDiff) -> str:
    """The readable report of ``treatydraft diff``: per unit, how it matched and what changed."""
    lines = []
    for u in d.units:
        if u.method == "added":
            head = f"{u.new_id} (added)"
        elif u.method == "removed":
            head = f"{u.old_id} (removed)"
        elif u.old_id == u.new_id:
            head = f"{u.new_id} (matched by {u.method})"
        else:
            head = f"{u.old_id} -> {u.new_id} (matched by {u.method})"
        if not u.changes:
            continue
        lines.append(head)
        lines.extend(f"  {c.kind:<12} {c.message}" for c in u.changes)
    summary = Counter(c.kind for c in d.changes)
    lines.append("no differences" if not summary else
                 "summary: " + ", ".join(f"{n} {k}" for k, n in sorted(summary.items())))
    return "\n".join(lines) + "\n"
