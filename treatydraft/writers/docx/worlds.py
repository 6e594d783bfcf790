"""What Reject All and Accept All must read: the two resolutions of the tracked groups.

The tracked style writes a base variant with the other positions as revisions.
Reject All must give exactly the text :func:`treatydraft.operations.resolve` gives
for the base choices, and Accept All exactly its text for the other choices,
including the whitespace rule of :mod:`treatydraft.operations.spacing` (no blank
before a comma where an optional text was dropped, no trailing blank, no empty
numbered paragraph).  Rather than re-implementing that rule, this module resolves
the lines both ways with :func:`~treatydraft.operations.resolve_lines` (a few lines
at a time, with the line on either side: :class:`LinePlanner`; the whole draft is
never resolved) and compares, line by line, what each resolution keeps with what
was written:

* every *atom* of a line (a character of a :class:`~treatydraft.ast.Text`, or a
  whole other node) gets a :class:`Status`: kept in the base world, in the other
  world, in both or in neither;
* blanks a resolution adds (``]@EU`` followed by a word, a ``\\+`` split) are
  :class:`Insertion` s before an atom;
* a line that a resolution removes (rule 6) loses its paragraph mark in that world.

The writer then writes atoms kept in both as plain text, atoms kept in one world as
a deletion (base only) or an insertion (other only), and drops atoms kept in none.
Resolution only removes characters next to a junction and adds blanks, so one greedy
pass per line aligns the two (``difflib`` only if that fails); where equal characters
make it ambiguous, every choice reads the same.
"""
from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from ...ast import (
    Alternative,
    BracketGroup,
    Document,
    FootnoteRef,
    LineBreak,
    Node,
    OptionBlock,
    Text,
    with_alternatives,
)
from ...document import _walk_structure
from ...operations import resolve_lines, resolve_note_text
from ...storage import SourceText

__all__ = ["Status", "Insertion", "LinePlan", "LinePlanner", "other_choice", "lines",
           "iter_lines", "detached", "orphaned_footnotes", "plan_note", "BOTH"]


@dataclass(frozen=True, slots=True)
class Status:
    """In which resolution an atom (or a paragraph mark) survives."""
    base: bool
    """Kept by Reject All (the base choices)."""
    other: bool
    """Kept by Accept All (the other choices)."""


BOTH = Status(True, True)
NEITHER = Status(False, False)


@dataclass(frozen=True, slots=True)
class Insertion:
    """Text a resolution adds before the atom ``before`` (None: at the end of the line)."""
    before: tuple[int, int] | None
    text: str
    status: Status


_RUN = re.compile(rb"\x00+|\x01+|\x02+|\x03+")
_STATUS = (NEITHER, Status(True, False), Status(False, True), BOTH)


@dataclass
class LinePlan:
    """What the tracked writer needs for one line that holds a tracked group."""
    kept: dict[str, dict[int, bytearray]] = field(default_factory=lambda: {"base": {}, "other": {}})
    """world -> id(node) -> bytearray, one byte per character (1: kept) for a Text node,
    or one byte for any other node."""
    insertions: dict[tuple[int, int] | None, list[Insertion]] = field(default_factory=dict)
    """(id(node), char index or -1), or None for the end of the line -> [:class:`Insertion`]."""
    mark: Status = BOTH
    """The paragraph mark: kept by both unless a resolution removes the line."""

    def status(self, node: object, index: int = -1) -> Status:
        i = max(index, 0)
        base = self.kept["base"].get(id(node))
        other = self.kept["other"].get(id(node))
        return _STATUS[(base[i] if base is not None else 0)
                       | ((other[i] if other is not None else 0) << 1)]

    def inserted(self, node: object, index: int = -1) -> list[Insertion]:
        return self.insertions.get((id(node), index), [])

    def insertions_in(self, node: object) -> dict[int, list[Insertion]]:
        """char index -> [:class:`Insertion`] for a Text node."""
        by_node: dict[int | None, dict[int, list[Insertion]]] = \
            self.__dict__.setdefault("_by_node", {})
        if not by_node and self.insertions:
            for key, items in self.insertions.items():
                if key is not None and key[1] >= 0:
                    by_node.setdefault(key[0], {})[key[1]] = items
            by_node.setdefault(None, {})
        return by_node.get(id(node), {})

    def runs(self, node: Text) -> list[int]:
        """Offsets in a Text node where the status changes (start of each run but the first)."""
        size = len(node.value)
        base = self.kept["base"].get(id(node)) or bytes(size)
        other = self.kept["other"].get(id(node)) or bytes(size)
        both = (int.from_bytes(base, "big") + 2 * int.from_bytes(other, "big")) \
            .to_bytes(size, "big")
        return [m.start() for m in _RUN.finditer(both)][1:]


def other_choice(group: BracketGroup, base: int) -> int:
    """The alternative Accept All gives when the base is ``base`` (0 drops optional text)."""
    return (1 - base) if len(group.alternatives) == 1 else (3 - base)


def lines(body: Iterable[Node]) -> list[tuple[list[Node], LineBreak | None]]:
    """``body`` split into (nodes of the line, its LineBreak or None for the last line)."""
    out: list[tuple[list[Node], LineBreak | None]] = []
    current: list[Node] = []
    for node in body:
        if isinstance(node, LineBreak):
            out.append((current, node))
            current = []
        else:
            current.append(node)
    out.append((current, None))
    return out


class _Flat:
    """A line as one string: Text values as they are, every other node as one character
    of Unicode's supplementary private use area (one per node, shared by both sides of a
    comparison), with the node each stretch comes from."""

    def __init__(self, markers: dict[int, str]) -> None:
        self.markers = markers
        self.parts: list[str] = []
        self.segments: list[tuple[int, Node]] = []  # (start offset, node)
        self.length = 0

    def add(self, node: Node) -> None:
        if isinstance(node, Text):
            value = node.value
            if not value:
                return
        else:
            marker = self.markers.get(id(node))
            if marker is None:
                marker = self.markers[id(node)] = chr(0xF0000 + len(self.markers))
            value = marker
        self.parts.append(value)
        self.segments.append((self.length, node))
        self.length += len(value)

    def text(self) -> str:
        return "".join(self.parts)


def _kept(nodes: Iterable[Node], choose: Callable[[BracketGroup], int], tracked: set[str],
          markers: dict[int, str]) -> _Flat:
    """What a resolution starts from: the line as written, tracked groups resolved."""
    flat = _Flat(markers)
    for node in nodes:
        if isinstance(node, BracketGroup) and node.id in tracked:
            k = choose(node)
            if k:
                for child in node.alternatives[k - 1].children:
                    flat.add(child)
        else:
            flat.add(node)
    return flat


#: how far :func:`_greedy` looks for a blank of the kept text to keep, rather than add one
_LOOK = 64


def _greedy(kept: str, resolved: str, reuse: bool = True
            ) -> tuple[bytearray, list[tuple[int, str]]] | None:
    """Align ``resolved`` to ``kept`` in one pass, knowing that a resolution only removes
    characters and adds blanks: (kept flags, [(kept offset, added text)]) or None.

    With ``reuse``, a blank of ``resolved`` is the next blank of ``kept`` when the same
    character follows both (``shall,[pursuant to ...], be``, dropped: ``shall, be``
    deletes ``pursuant to ..., `` and keeps the blank before ``be``, instead of adding a
    blank and deleting ``, ``: one change, not three).  Where equal characters make the
    alignment ambiguous any choice reads the same."""
    n, m = len(kept), len(resolved)
    keep = bytearray(n)
    added: list[tuple[int, str]] = []
    i = j = 0
    while j < m:
        if i < n and kept[i] == resolved[j]:
            keep[i] = 1
            i += 1
            j += 1
        elif reuse and resolved[j] == " " and i < n and j + 1 < m and \
                (k := kept.find(" " + resolved[j + 1], i, i + _LOOK)) > i:
            i = k
        elif resolved[j] == " " and (i >= n or kept[i] != " "):
            if added and added[-1][0] == i:
                added[-1] = (i, added[-1][1] + " ")
            else:
                added.append((i, " "))
            j += 1
        elif i < n:
            i += 1
        else:
            return None
    return keep, added


def _difflib(kept: str, resolved: str) -> tuple[bytearray, list[tuple[int, str]]]:
    """The general alignment (only if :func:`_greedy` fails)."""
    keep = bytearray(len(kept))
    added: list[tuple[int, str]] = []
    matcher = difflib.SequenceMatcher(None, kept, resolved, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            keep[i1:i2] = b"\x01" * (i2 - i1)
        elif tag in ("insert", "replace"):
            text = resolved[j1:j2]
            if not any(ord(ch) >= 0xF0000 for ch in text):  # nodes are never added
                added.append((i2, text))
    return keep, added


def _align(flat: _Flat, resolved: str, world: str, plan: LinePlan) -> None:
    """Record which atoms of ``flat`` the resolution keeps, and the blanks it adds."""
    kept = flat.text()
    keep: bytearray
    added: list[tuple[int, str]]
    if kept == resolved:
        keep, added = bytearray(b"\x01" * len(kept)), []
    else:
        keep, added = _greedy(kept, resolved) or _greedy(kept, resolved, reuse=False) \
            or _difflib(kept, resolved)
    into = plan.kept[world]
    starts = [start for start, _ in flat.segments]
    for start, node in flat.segments:
        size = len(node.value) if isinstance(node, Text) else 1
        into[id(node)] = keep[start:start + size]
    status = Status(world == "base", world == "other")
    for offset, text in added:
        if offset >= len(kept):
            key = None
        else:
            k = bisect.bisect_right(starts, offset) - 1
            start, node = flat.segments[k]
            key = (id(node), offset - start if isinstance(node, Text) else -1)
        plan.insertions.setdefault(key, []).append(Insertion(key, text, status))


#: A chunk of lines planned together holds about this many nodes (or this many lines)
#: at most: memory holds one chunk, the lines next to it, and their resolutions.
CHUNK_NODES = 4096
CHUNK_LINES = 64


class _Line:
    """One line of the body while it is planned and written."""
    __slots__ = ("nodes", "brk", "groups", "detached")

    def __init__(self, nodes: list[Node], brk: LineBreak | None,
                 groups: list[BracketGroup]) -> None:
        self.nodes = nodes
        self.brk = brk
        self.groups = groups
        """The line's tracked groups (top-level, written as revisions)."""
        self.detached = False

    def detach(self) -> None:
        """The line's groups as copies whose alternatives hold their text as nodes of
        their own (:func:`detached`): resolving and writing them leaves the document as
        it was, and each node keeps one identity while the line is planned and written."""
        if self.detached:
            return
        self.detached = True
        tracked = {id(g) for g in self.groups}
        groups: list[BracketGroup] = []
        for i, node in enumerate(self.nodes):
            if isinstance(node, (BracketGroup, OptionBlock)):
                self.nodes[i] = copy = detached(node)
                if id(node) in tracked and isinstance(copy, BracketGroup):
                    groups.append(copy)
        self.groups = groups


_CHILDREN = Alternative.__dict__["children"]  # the slot view: a lone text is made when read
# the slots as stored (a copy made from them reads exactly as the original: ids derived
# from the group's, spans packed or derived from the same parts)
_ALT_SLOTS = tuple(Alternative.__dict__[name] for name in Alternative.__slots__)
_ALT_KIDS = Alternative.__dict__["_children"]
_GROUP_SLOTS = tuple(BracketGroup.__dict__[name] for name in BracketGroup.__slots__)
_GROUP_ALTS = BracketGroup.__dict__["_alternatives"]


def detached(node: Node) -> Node:
    """``node``, or for a group holding an alternative (at any depth) whose one text is
    not a node yet, a copy with that text made a node of the copy's.

    Reading ``alt.children`` makes the text a node and keeps it in the document (about
    40 bytes per byte of a bracket-dense draft); the writer reads the copies instead."""
    if isinstance(node, BracketGroup):
        alts = node.alternatives
        copies = tuple(_detached_alternative(a) for a in alts)
        if all(a is b for a, b in zip(copies, alts, strict=True)):
            return node
        group = object.__new__(BracketGroup)
        for slot in _GROUP_SLOTS:
            slot.__set__(group, slot.__get__(node))
        raw = _GROUP_ALTS.__get__(node)
        _GROUP_ALTS.__set__(group, copies[0] if raw is alts[0] else copies)
        return group
    if isinstance(node, OptionBlock):
        options = []
        for opt in node.options:
            kids = tuple(detached(k) for k in opt.children)
            same = all(a is b for a, b in zip(kids, opt.children, strict=True))
            options.append(opt if same else replace(opt, children=kids))
        if all(a is b for a, b in zip(options, node.options, strict=True)):
            return node
        return with_alternatives(node, options)
    return node


def _detached_alternative(alt: Alternative) -> Alternative:
    raw = _ALT_KIDS.__get__(alt)
    if type(raw) is SourceText:
        kids = _CHILDREN.make(alt, raw)
    else:
        kids = tuple(detached(k) for k in raw)
        if all(a is b for a, b in zip(kids, raw, strict=True)):
            return alt
    copy = object.__new__(Alternative)
    for slot in _ALT_SLOTS:
        slot.__set__(copy, slot.__get__(alt))
    _ALT_KIDS.__set__(copy, kids)
    return copy


def iter_lines(body: Iterable[Node]) -> Iterator[tuple[list[Node], LineBreak | None]]:
    """:func:`lines`, one line at a time."""
    current: list[Node] = []
    for node in body:
        if isinstance(node, LineBreak):
            yield current, node
            current = []
        else:
            current.append(node)
    yield current, None


def orphaned_footnotes(doc: Document, groups: Iterable[BracketGroup],
                       pick: Callable[[BracketGroup], int]) -> set[str]:
    """The footnote labels whose every marker goes when each of ``groups`` (top-level
    bracket groups) takes ``pick(group)``: what :func:`~treatydraft.operations.apply_decisions`
    finds by comparing the markers before and after (their definitions are removed)."""
    if not doc.footnotes:
        return set()
    removed: dict[str, int] = {}
    for group in groups:
        k = pick(group)
        for alt in group.alternatives:
            for ref in alt.footnotes:  # a note on the bracket goes with it
                removed[ref.label] = removed.get(ref.label, 0) + 1
            if alt.index != k:
                for node in _walk_structure((alt,)):
                    if isinstance(node, FootnoteRef):
                        removed[node.label] = removed.get(node.label, 0) + 1
    if not removed:
        return set()
    total: dict[str, int] = {}
    for node in _walk_structure(doc.body):
        labels: Iterable[str] = ((node.label,) if isinstance(node, FootnoteRef) else
                                 (f.label for f in node.footnotes)
                                 if isinstance(node, Alternative) else ())
        for label in labels:
            if label in removed:
                total[label] = total.get(label, 0) + 1
    return {label for label, n in removed.items() if total.get(label) == n}


class LinePlanner:
    """The body's lines, with the :class:`LinePlan` of each line holding tracked groups.

    A few lines at a time (:data:`CHUNK_NODES`): the chunk and the line on either
    side of it are resolved both ways with
    :func:`~treatydraft.operations.resolve_lines`, which reads every line of the chunk
    exactly as the whole resolved document would; the chunk's lines are then written
    and dropped.  ``is_tracked(node)`` says whether a top-level node is a tracked group,
    ``choose(group)`` gives a tracked group's base choice.
    """

    def __init__(self, doc: Document, choose: Callable[[BracketGroup], int],
                 is_tracked: Callable[[Node], bool]) -> None:
        self.doc = doc
        self.is_tracked = is_tracked
        self.picks: dict[str, Callable[[BracketGroup], int]] = {
            "base": choose, "other": lambda g: other_choice(g, choose(g))}
        self.convention = doc.front.get("spaced-brackets") or "auto"
        tracked = [n for n in doc.body if isinstance(n, BracketGroup) and is_tracked(n)] \
            if doc.footnotes else []  # (orphans are footnote definitions)
        self.orphans = {world: orphaned_footnotes(doc, tracked, pick)
                        for world, pick in self.picks.items()}

    def _read(self, it: Iterator[tuple[list[Node], LineBreak | None]]) -> _Line | None:
        got = next(it, None)
        if got is None:
            return None
        nodes, brk = got
        return _Line(nodes, brk, [n for n in nodes if isinstance(n, BracketGroup)
                                  and self.is_tracked(n)])

    def __iter__(self) -> Iterator[tuple[list[Node], LineBreak | None, LinePlan | None,
                                         set[str]]]:
        """(nodes of the line, its LineBreak or None, its plan or None, ids of its
        tracked groups), line by line."""
        it = iter_lines(self.doc.body)
        prev: _Line | None = None
        ahead = self._read(it)
        while ahead is not None:
            chunk: list[_Line] = []
            size = 0
            while ahead is not None and len(chunk) < CHUNK_LINES and (
                    not chunk or size + len(ahead.nodes) <= CHUNK_NODES):
                chunk.append(ahead)
                size += len(ahead.nodes)
                ahead = self._read(it)
            plans = self._plan(prev, chunk, ahead) if any(ln.groups for ln in chunk) else {}
            for line in chunk:
                yield line.nodes, line.brk, plans.get(id(line)), {g.id for g in line.groups}
            prev = chunk[-1]

    def _plan(self, prev: _Line | None, chunk: list[_Line], after: _Line | None
              ) -> dict[int, LinePlan]:
        window = [ln for ln in (prev, *chunk, after) if ln is not None]
        seq: list[Node] = []
        for line in window:
            line.detach()
            seq.extend(line.nodes)
            if line.brk is not None:
                seq.append(line.brk)
        groups = {g.id: g for line in window for g in line.groups}
        resolved = {}
        for world, pick in self.picks.items():
            def decide(gid: str, pick: Callable[[BracketGroup], int] = pick) -> int | None:
                return pick(groups[gid]) if gid in groups else None
            split = lines(resolve_lines(seq, decide, orphans=self.orphans[world],
                                        convention=self.convention))
            by_break = {id(brk): nodes for nodes, brk in split if brk is not None}
            resolved[world] = (by_break, split[-1][0])
        plans: dict[int, LinePlan] = {}
        for line in chunk:
            if line.groups:
                plans[id(line)] = self._plan_line(line, {g.id for g in line.groups}, resolved)
        return plans

    def _plan_line(self, line: _Line, tracked: set[str],
                   resolved: dict[str, tuple[dict[int, list[Node]], list[Node]]]) -> LinePlan:
        brk = line.brk
        got: dict[str, list[Node] | None] = {}
        for world in self.picks:
            by_break, last = resolved[world]
            got[world] = last if brk is None else by_break.get(id(brk))
        plan = _plan_nodes(line.nodes, tracked, self.picks, got)
        plan.mark = Status(*(bool(got[w]) if brk is None else got[w] is not None
                             for w in ("base", "other")))
        return plan


def _plan_nodes(nodes: Iterable[Node], tracked: set[str],
                picks: dict[str, Callable[[BracketGroup], int]],
                resolved: dict[str, list[Node] | None]) -> LinePlan:
    """The plan of ``nodes`` (one line, or a note's text), whose tracked groups
    ``tracked`` each world resolves with its pick into ``resolved[world]``."""
    plan = LinePlan()
    markers: dict[int, str] = {}
    for world, pick in picks.items():
        resolved_flat = _Flat(markers)
        kept_flat = _kept(nodes, pick, tracked, markers)
        for node in resolved[world] or ():
            resolved_flat.add(node)
        _align(kept_flat, resolved_flat.text(), world, plan)
    return plan


def plan_note(children: Iterable[Node], choose: Callable[[BracketGroup], int],
              is_tracked: Callable[[Node], bool], convention: str
              ) -> tuple[list[Node], set[str], LinePlan]:
    """A footnote's text planned as a line is (:class:`LinePlanner`): (its nodes, the
    blanks around it left out as the note is shown, with its groups :func:`detached`;
    the ids of its tracked groups; the plan).  Reject All and Accept All then read the
    note as :func:`~treatydraft.operations.resolve_note_text` resolves it."""
    nodes = [detached(n) for n in children]
    for end, strip in ((0, str.lstrip), (-1, str.rstrip)):
        if nodes and isinstance(nodes[end], Text):
            text = nodes[end]
            assert isinstance(text, Text)
            nodes[end] = replace(text, value=strip(text.value))
    groups = {n.id: n for n in nodes if isinstance(n, BracketGroup) and is_tracked(n)}
    picks: dict[str, Callable[[BracketGroup], int]] = {
        "base": choose, "other": lambda g: other_choice(g, choose(g))}
    resolved: dict[str, list[Node] | None] = {}
    for world, pick in picks.items():
        def decide(gid: str, pick: Callable[[BracketGroup], int] = pick) -> int | None:
            return pick(groups[gid]) if gid in groups else None
        resolved[world] = list(resolve_note_text(nodes, decide, convention=convention))
    return nodes, set(groups), _plan_nodes(nodes, set(groups), picks, resolved)
