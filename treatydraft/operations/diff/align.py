"""Groups of two matched units: aligning them, pairing their groups, reading resolutions.

The two units are aligned as token streams (:mod:`.tokens`) in which each group is
one :class:`~.tokens.GroupToken`; groups aligned with equal tokens pair by content.
In the stretches that differ, groups pair by id and similar content; an old group left
without a partner is read against the new words (:func:`_fit`) to say which alternative
it was resolved to, or that it was removed (see :mod:`treatydraft.operations.diff`).

    >>> import treatydraft
    >>> from treatydraft.operations.diff.align import Differ
    >>> old = treatydraft.parse("Article 1\\nParties [shall][may] act.\\n")
    >>> new = treatydraft.parse("Article 1\\nParties may act.\\n")
    >>> changes = []
    >>> Differ("art_1", "art_1", changes).seq(old.body, new.body)
    >>> [c.message for c in changes]
    ['art_1__brk_1: resolved to alternative 2']
"""
from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable

from ...ast import BracketGroup, Footnote, Node, OptionBlock, Text
from ...document import walk
from ..resolve import DROP, describe_choice
from .model import Change
from .tokens import (
    Cut,
    GroupToken,
    Token,
    alt_text,
    flat,
    group_token,
    is_word,
    ratio,
    signature,
    stream,
    wordy,
)

__all__ = ["Differ", "descendants"]

_Group = BracketGroup | OptionBlock
#: a stretch that differs: old tokens and their groups, new tokens and their groups,
#: and the new tokens around it
_Region = tuple[list[Token], list[_Group | None], list[Token], list[_Group | None], list[Token]]


def _rel(gid: str, key: str) -> str:
    return gid[len(key):] if gid.startswith(key + "__") else gid


def descendants(g: _Group) -> list[_Group]:
    """Every group nested in ``g``, at any depth."""
    out: list[_Group] = []
    stack = [g]
    while stack:
        n = stack.pop()
        for alt in n.alternatives:
            for c in alt.children:
                if isinstance(c, (BracketGroup, OptionBlock)):
                    out.append(c)
                    stack.append(c)
    return out


def _note_labels(seq: Iterable[Node]) -> set[str]:
    return {n.label for n in walk(seq) if isinstance(n, Footnote)}


class Differ:
    """Compares one matched pair of units (keys ``old_key``, ``new_key``); appends to ``out``."""

    def __init__(self, old_key: str, new_key: str, out: list[Change]):
        self.old_key, self.new_key, self.out = old_key, new_key, out

    # -- sequences
    def seq(self, old_seq: Iterable[Node], new_seq: Iterable[Node]) -> None:
        old_seq, new_seq = tuple(old_seq), tuple(new_seq)
        notes = _note_labels(old_seq) & _note_labels(new_seq)  # the notes both hold
        ot, oo = stream(old_seq, notes)
        nt, no = stream(new_seq, notes)
        # a group with the same id (relative to its unit) and the same token on both
        # sides is the same group: tie the two tokens so the alignment cannot swap twins
        new_keys = Counter((_rel(g.id, self.new_key), t)
                           for t, g in zip(nt, no, strict=False) if g is not None)
        for i, (t, g) in enumerate(zip(ot, oo, strict=False)):
            if g is not None and isinstance(t, GroupToken) \
                    and (_rel(g.id, self.old_key), t) in new_keys:
                ot[i] = t.tied(_rel(g.id, self.old_key))
        old_keys = {t for t in ot if isinstance(t, GroupToken) and t.tie}
        for j, (t, h) in enumerate(zip(nt, no, strict=False)):
            if h is not None and isinstance(t, GroupToken) \
                    and t.tied(_rel(h.id, self.new_key)) in old_keys:
                nt[j] = t.tied(_rel(h.id, self.new_key))
        sm = difflib.SequenceMatcher(None, ot, nt, autojunk=False)
        regions: list[_Region] = []
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                for a, b in zip(oo[i1:i2], no[j1:j2], strict=False):
                    if a is not None and b is not None:  # equal tokens: b is a group too
                        self.pair(a, b, "content")
            else:
                regions.append((ot[i1:i2], oo[i1:i2], nt[j1:j2], no[j1:j2],
                                nt[max(0, j1 - 3):j2 + 3]))
        if regions:
            self.regions(regions)

    def regions(self, regions: list[_Region]) -> None:
        """The stretches that differ: pair their groups, then explain what is left."""
        old_groups = [g for _, oo, _, _, _ in regions for g in oo if g is not None]
        new_groups = [g for _, _, _, no, _ in regions for g in no if g is not None]
        if not old_groups and not new_groups:
            for ot, _oo, nt, _no, _ in regions:
                if wordy(ot) != wordy(nt):
                    self.text_change(ot, nt)
            return
        # candidates on the old side: the groups and everything nested in them (a group
        # inside a resolved alternative stands on its own in the new text)
        cands: list[_Group] = []
        for g in old_groups:
            cands.append(g)
            cands.extend(descendants(g))
        taken: dict[int, _Group] = {}  # id(old group) -> new group
        pending: list[_Group] = []
        for h in new_groups:
            rel = _rel(h.id, self.new_key)
            tok = group_token(h)
            # the same id and content first (twins stay apart), then content, then id
            hit = next((c for c in cands if id(c) not in taken and group_token(c) == tok
                        and _rel(c.id, self.old_key) == rel), None)
            if hit is None:
                hit = next((c for c in cands if id(c) not in taken and group_token(c) == tok), None)
            if hit is None:
                hit = next((c for c in cands if id(c) not in taken
                            and _rel(c.id, self.old_key) == rel
                            and _akin(c, h)), None)
            if hit is None:
                sig = signature(h)
                hit = next((c for c in cands if id(c) not in taken and signature(c) == sig),
                           None)
            if hit is None:
                best = 0.6
                for c in cands:
                    if id(c) in taken:
                        continue
                    a, b = wordy(flat([c], list[str]())), wordy(flat([h], list[str]()))
                    r = ratio(a, b) if set(a) & set(b) else 0.0
                    if r >= best:
                        best, hit = r, c
            if hit is None:
                pending.append(h)
            else:
                taken[id(hit)] = h
                self.pair(hit, h, "content")
        # old groups without a partner: resolved (read against the new words of every
        # stretch that differs) or removed
        def words(ts: Iterable[Token]) -> _Target:
            return _Target(t for t in ts if is_word(t))

        for n, (_, oo, nt, _, _ctx) in enumerate(regions):
            # read against the new text of its own stretch, and of the stretches that
            # replace no group (the alignment may cut a replacement in two)
            near = list(nt)
            for m, other in enumerate(regions):
                if m != n and not any(o is not None for o in other[1]):
                    near.extend(other[2])
            target = words(near)
            everything = words(t for r in regions for t in r[4])
            for old in oo:
                if old is not None and id(old) not in taken:
                    self.resolved(old, target, taken, everything)
        for h in pending:
            self.out.append(Change("added", None, h.id, f"{h.id}: new {h.kind} group "
                                   + _brief(h), {"alternatives": _texts(h)}))
        # words outside brackets that no alternative explains are text changes
        old_plain = [t for ot, oo, _, _, _ in regions for t, o in zip(ot, oo, strict=False) if o is None]
        new_plain = [t for _, _, nt, no, _ in regions for t, o in zip(nt, no, strict=False) if o is None]
        explained: Counter[str] = Counter()
        for g in old_groups:
            for d in [g] + descendants(g):
                for alt in d.alternatives:
                    explained.update("".join(wordy(flat(alt.children, list[str]()))))
        old_chars = Counter("".join(wordy(old_plain)))
        new_chars = Counter("".join(wordy(new_plain)))
        if (new_chars - old_chars - explained) or (old_chars - new_chars):
            self.text_change(old_plain, new_plain)

    def resolved(self, g: _Group, target: str, taken: dict[int, _Group],
                 fallback: str | None = None) -> None:
        """Which alternative of ``g`` the new text ``target`` reads like (or removed).

        Words are compared as strings without blanks, so a word glued to a bracket
        (``law[s]`` -> ``laws``) still reads as its alternative.
        """
        scores: list[tuple[int, int, int, int]] = []
        k: int | None = None
        for alt in g.alternatives:
            inner = [c for c in alt.children if isinstance(c, (BracketGroup, OptionBlock))]
            if any(id(d) in taken for c in inner for d in [c] + descendants(c)):
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
        elif isinstance(g, OptionBlock) and any(o.no_text for o in g.options):  # kind options
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
                for d in inner + [x for c in inner for x in descendants(c)]:
                    if id(d) not in taken:
                        self.out.append(Change("discarded", d.id, None, f"{d.id}: discarded "
                                               f"with alternative {alt.index} of {g.id}"))
            else:  # a group inside the chosen alternative that did not survive: resolved too
                for d in inner:
                    if id(d) not in taken:
                        self.resolved(d, target, taken)

    def expand(self, seq: Iterable[Node], taken: dict[int, _Group]) -> list[Token]:
        """Word tokens of ``seq``, groups as ``Cut.GROUP``, and ``Cut.BLANK`` where a blank
        separates a word from a group (a word glued to a group, ``law[s]``, may be read
        inside a longer word; a word standing apart may not)."""
        toks: list[Token] = []
        for node in seq:
            if isinstance(node, (BracketGroup, OptionBlock)):
                toks.append(Cut.GROUP)
            else:
                if isinstance(node, Text) and node.value[:1].isspace():
                    toks.append(Cut.BLANK)
                flat([node], toks)
                if isinstance(node, Text) and node.value[-1:].isspace():
                    toks.append(Cut.BLANK)
        return toks

    def text_change(self, ot: Iterable[Token], nt: Iterable[Token]) -> None:
        a = " ".join(t for t in ot if isinstance(t, str) and t[:1] != "§")
        b = " ".join(t for t in nt if isinstance(t, str) and t[:1] != "§")
        self.out.append(Change("text", None, None, f"text: '{_short(a)}' -> '{_short(b)}'",
                               {"old": a, "new": b}))

    # -- pairs
    def pair(self, g: _Group, h: _Group, how: str) -> None:
        changes = []
        if g.kind != h.kind:
            changes.append(f"kind {g.kind} -> {h.kind}")
        name = g.id if g.id == h.id else f"{g.id} (now {h.id})"
        if tuple(g.proposers) != tuple(h.proposers):
            self.out.append(Change("attribution", g.id, h.id,
                                   f"{name}: group attribution {_codes(g.proposers)} -> "
                                   f"{_codes(h.proposers)}"))
        old_alts = [(alt_text(a), a) for a in g.alternatives]
        new_alts = [(alt_text(a), a) for a in h.alternatives]
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
                    ratio(t.split(), new_alts[i][0].split()) >= 0.5:
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


def _akin(old: _Group, new: _Group) -> bool:
    """Similar content, or the new group's words all come from the old one (a group
    whose inner groups were resolved keeps a subset of its words)."""
    a, b = wordy(flat([old], list[str]())), wordy(flat([new], list[str]()))
    if ratio(a, b) >= 0.5 or ratio(list("".join(a)), list("".join(b))) >= 0.6:
        return True  # (characters: words glued to a resolved bracket merge)
    kept = sum((Counter(b) & Counter(a)).values())
    return bool(b) and kept / len(b) >= 0.8


class _Target(str):
    """The words of a stretch joined without blanks, and where each word starts and ends,
    so that a piece is found as whole words where it can be (``data1`` is not read in
    ``data11``) and across word boundaries only where it must (``law[s]`` -> ``laws``)."""
    bounds: frozenset[int]

    def __new__(cls, words: Iterable[str]) -> _Target:
        words = list(words)
        self = super().__new__(cls, "".join(words))
        bounds, at = {0}, 0
        for w in words:
            at += len(w)
            bounds.add(at)
        self.bounds = frozenset(bounds)
        return self


def _find(target: str, piece: str, pos: int, glued: tuple[bool, bool]) -> int:
    """Where ``piece`` occurs in ``target`` from ``pos``: as whole words, or, on a side
    where it is glued to a group (``glued``: before, after), inside a word."""
    bounds = getattr(target, "bounds", None)
    at = target.find(piece, pos)
    if bounds is None:
        return at
    while at >= 0 and not ((glued[0] or at in bounds) and
                           (glued[1] or at + len(piece) in bounds)):
        at = target.find(piece, at + 1)
    return at


def _fit(tokens: list[Token], target: str) -> tuple[int, int]:
    """(characters found, characters missing) of ``tokens`` read in order in ``target``.

    Word tokens are joined without blanks into pieces, cut at ``Cut.GROUP``;
    ``Cut.BLANK`` marks a blank between a word and a group.
    """
    pieces: list[tuple[str, tuple[bool, bool]]] = []
    cur: list[str] = []
    # the piece being built follows a group with no blank between; the edges of the
    # tokens are open (what stands around the alternative is not known here: `law[s]`)
    glued_before = True
    for _i, t in enumerate(tokens):
        if t is Cut.GROUP:
            if cur:
                pieces.append(("".join(cur), (glued_before, True)))
            cur, glued_before = [], True
        elif t is Cut.BLANK:
            if cur:
                pieces.append(("".join(cur), (glued_before, False)))
            cur, glued_before = [], False
        elif is_word(t):  # words, and paragraph markers (§2)
            cur.append(t)
    if cur:
        pieces.append(("".join(cur), (glued_before, True)))
    hit = miss = pos = 0
    for piece, glued in pieces:
        at = _find(target, piece, pos, glued)
        if at < 0:
            at = _find(target, piece, 0, glued)
        if at >= 0:
            hit += len(piece)
            pos = at + len(piece)
        else:
            miss += len(piece)
    return hit, miss


def _codes(codes: tuple[str, ...]) -> str:
    return "+".join(codes) if codes else "(none)"


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _texts(g: _Group) -> list[str]:
    return [alt_text(a) for a in g.alternatives]


def _brief(g: _Group) -> str:
    return "[" + "][".join(_short(t, 30) for t in _texts(g)) + "]"
