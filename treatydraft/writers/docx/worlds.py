"""What Reject All and Accept All must read: the two resolutions of the tracked groups.

The tracked style writes a base variant with the other positions as revisions.
Reject All must give exactly the text :func:`treatydraft.operations.resolve` gives
for the base choices, and Accept All exactly its text for the other choices,
including the whitespace rule of :mod:`treatydraft.operations.spacing` (no blank
before a comma where an optional text was dropped, no trailing blank, no empty
numbered paragraph).  Rather than re-implementing that rule, this module resolves
the document both ways with :func:`~treatydraft.operations.apply_decisions` and
compares, line by line, what each resolution keeps with what was written:

* every *atom* of a line (a character of a :class:`~treatydraft.ast.Text`, or a
  whole other node) gets a :class:`Status`: kept in the base world, in the other
  world, in both or in neither;
* blanks a resolution adds (``]@EU`` followed by a word, a ``\\+`` split) are
  :class:`Insertion` s before an atom;
* a line that a resolution removes (rule 6) loses its paragraph mark in that world.

The writer then writes atoms kept in both as plain text, atoms kept in one world as
a deletion (base only) or an insertion (other only), and drops atoms kept in none.
Resolution only removes characters next to a junction and adds blanks, so the
alignment (``difflib`` on atoms, per line) is unambiguous up to equal characters.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ...ast import BracketGroup, LineBreak, Text
from ...operations import apply_decisions

__all__ = ["Status", "Insertion", "LinePlan", "plan_lines", "other_choice", "lines", "BOTH"]


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
    before: tuple | None
    text: str
    status: Status


@dataclass
class LinePlan:
    """What the tracked writer needs for one line that holds a tracked group."""
    atoms: dict = field(default_factory=dict)
    """(id(node), char index or -1) -> :class:`Status` for every written atom."""
    insertions: dict = field(default_factory=dict)
    """atom key (or None for the end of the line) -> [:class:`Insertion`, ...]."""
    mark: Status = BOTH
    """The paragraph mark: kept by both unless a resolution removes the line."""

    def status(self, node, index: int = -1) -> Status:
        return self.atoms.get((id(node), index), NEITHER)

    def inserted(self, node, index: int = -1) -> list:
        return self.insertions.get((id(node), index), [])


def other_choice(group, base: int) -> int:
    """The alternative Accept All gives when the base is ``base`` (0 drops optional text)."""
    return (1 - base) if len(group.alternatives) == 1 else (3 - base)


def lines(body) -> list[tuple[list, object]]:
    """``body`` split into (nodes of the line, its LineBreak or None for the last line)."""
    out: list[tuple[list, object]] = []
    current: list = []
    for node in body:
        if isinstance(node, LineBreak):
            out.append((current, node))
            current = []
        else:
            current.append(node)
    out.append((current, None))
    return out


def _atoms(nodes, out: list) -> list:
    """(key, comparable value) per atom of ``nodes``: characters of Text, other nodes whole."""
    for node in nodes:
        if isinstance(node, Text):
            out.extend(((id(node), i), ch) for i, ch in enumerate(node.value))
        else:
            out.append(((id(node), -1), ("node", id(node))))
    return out


def _kept(nodes, choose, tracked) -> list:
    """The atoms a resolution starts from: the line as written, tracked groups resolved."""
    out: list = []
    for node in nodes:
        if isinstance(node, BracketGroup) and node.id in tracked:
            k = choose(node)
            if k:
                _atoms(node.alternatives[k - 1].children, out)
        else:
            _atoms((node,), out)
    return out


def _align(kept: list, resolved: list, world: str, plan: LinePlan) -> None:
    """Mark the atoms of ``kept`` that ``resolved`` keeps; record the text it adds."""
    matcher = difflib.SequenceMatcher(None, [v for _, v in kept], [v for _, v in resolved],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for key, _ in kept[i1:i2]:
                old = plan.atoms.get(key, NEITHER)
                plan.atoms[key] = Status(old.base or world == "base",
                                         old.other or world == "other")
        if tag in ("insert", "replace"):
            added = [v for _, v in resolved[j1:j2]]
            if all(isinstance(v, str) for v in added):  # resolution adds only blanks
                before = kept[i2][0] if i2 < len(kept) else None
                status = Status(world == "base", world == "other")
                plan.insertions.setdefault(before, []).append(
                    Insertion(before, "".join(added), status))


def plan_lines(doc, base: dict[str, int], tracked: set[str]) -> dict[int, LinePlan]:
    """id(first node of a line) -> :class:`LinePlan`, for every body line with a tracked group.

    ``base`` maps group ids to the base choice; ``tracked`` holds the ids written as
    revisions (top-level groups confined to one line).
    """
    groups = {n.id: n for line, _ in lines(doc.body) for n in line
              if isinstance(n, BracketGroup) and n.id in tracked}
    if not groups:
        return {}
    choose = {"base": lambda g: base.get(g.id, 1),
              "other": lambda g: other_choice(g, base.get(g.id, 1))}
    resolved = {}
    for world, pick in choose.items():
        rdoc = apply_decisions(doc, lambda gid, pick=pick: pick(groups[gid]) if gid in groups
                               else None)
        split = lines(rdoc.body)
        by_break = {id(brk): nodes for nodes, brk in split if brk is not None}
        last = split[-1][0]
        resolved[world] = (by_break, last)
    plans: dict[int, LinePlan] = {}
    for nodes, brk in lines(doc.body):
        if not any(isinstance(n, BracketGroup) and n.id in groups for n in nodes):
            continue
        plan = LinePlan()
        present = {}
        for world, pick in choose.items():
            by_break, last = resolved[world]
            if brk is None:
                got = last
                present[world] = bool(got)
            else:
                got = by_break.get(id(brk))
                present[world] = got is not None
            _align(_kept(nodes, pick, tracked), _atoms(got or (), []), world, plan)
        plan.mark = Status(present["base"], present["other"])
        plans[id(nodes[0])] = plan
    return plans

