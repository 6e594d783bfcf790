"""Writing one unit's text with a bracket group at every place proposals differ.

:class:`WordRenderer` is the half of :class:`~.render.Renderer` that works inside a
unit's content, on tokens (:mod:`.units`) and clusters (:mod:`.clusters`): the base
wording first and unattributed, each proposed wording attributed; an insertion as
optional text; two groups side by side kept apart with ``\\+``; a proposal choosing
an alternative of a base group joins that alternative's proposers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...ast import BracketGroup
from .clusters import Cluster, alternatives, clusters_for, placeholder_like
from .report import Entry
from .units import SCRIPTIO_CONTINUA, Token, Unit, normalise, raw_text

__all__ = ["WordRenderer", "GroupPlan"]

_SCRIPTIO = re.compile(f"[{SCRIPTIO_CONTINUA}]")


@dataclass(slots=True)
class GroupPlan:
    """What each proposal (by key) and the base choose in a group the renderer wrote."""
    choices: dict[str, int]
    base: int | None
    entry: Entry | None = None


class WordRenderer:
    """Word-level writing; the state (output, plans, report) lives in the Renderer."""

    # what the Renderer (render.py) defines and this half uses
    codes: dict[str, tuple[str, ...]]
    pos: int
    plans: dict[int, GroupPlan]
    _eat_lead: bool

    if TYPE_CHECKING:
        def emit(self, text: str) -> None: ...

        def warn(self, key: str, message: str, unit: str, line: int, column: int = 1) -> None: ...

        def _who(self, keys: list[str]) -> str: ...

        def _entry(self, kind: str, unit: str, line: int, column: int,
                   alts: list[list[str]]) -> Entry: ...

    def content(self, b: Unit, props: dict[str, Unit], active: list[str]) -> None:
        mine = normalise(b.raw)
        changed = [k for k in active if normalise(props[k].raw) != mine]
        if not changed:
            self.emit(b.raw)
            return
        tokens, tail = b.tokens()
        self.words(tokens, {k: (props[k].tokens()[0] if k in changed else tokens) for k in active},
                   active, b)
        self.emit(tail)

    def words(self, tokens: list[Token], props: dict[str, list[Token]], active: list[str],
              unit: Unit) -> None:
        """Write ``tokens`` with a group at every cluster of the proposals' changes."""
        clusters = clusters_for(tokens, props, active) if any(
            [t.akey for t in props[k]] != [t.akey for t in tokens] for k in active) else []
        self._moves(tokens, clusters, unit)
        pos = 0
        last_end = -1
        for c in clusters:
            if c.dropped:
                for k in c.edits:
                    t = tokens[min(c.start, len(tokens) - 1)] if tokens else None
                    self.warn(k, f"change not compiled: {c.dropped}", unit.label,
                              t.line if t else unit.line(), t.column if t else 1)
                continue
            if c.start == pos:  # no base text between: nothing to take the blanks from
                self._eat_lead = False
            self._plain(tokens, pos, c.start, last_end)
            pos = c.end
            if last_end == c.start:  # right after the group before: keep them two groups
                self.emit("\\+")
            if c.choice:
                self._choice(tokens[c.start], c, active, unit)
            elif not self._group(tokens, c, active, unit, last_end == c.start):
                continue
            last_end = c.end
        self._plain(tokens, pos, len(tokens), last_end)
        self._eat_lead = False

    def _moves(self, tokens: list[Token], clusters: list[Cluster], unit: Unit) -> None:
        """Say where a proposal moved text (shown as an insertion and a deletion)."""
        for key in {k for c in clusters for k in c.edits}:
            edits = [e for c in clusters for e in c.edits.get(key, ())]
            removed = {tuple(t.key for t in tokens[e.start:e.end]): e for e in edits
                       if e.end - e.start >= 3}
            for e in edits:
                moved = removed.get(tuple(t.key for t in e.tokens))
                if moved is not None and moved is not e:
                    at = tokens[min(e.start, len(tokens) - 1)]
                    text = normalise("".join(t.raw for t in e.tokens))
                    text = text if len(text) <= 40 else text[:39] + "…"
                    self.warn(key, f"moved text '{text}' shown as an insertion and a deletion",
                              unit.label, at.line, at.column)

    def _plain(self, tokens: list[Token], start: int, end: int, last_end: int) -> None:
        """Base tokens ``[start, end)``; a base group right after a new group is kept apart."""
        if start >= end:
            return
        if start == last_end and self._adjacent_group(tokens, start) \
                and "\n" not in tokens[start].lead:
            self.emit("\\+")
        text = "".join(t.raw for t in tokens[start:end])
        if self._eat_lead:  # its blanks went before the insertion (see _group)
            text = text[len(tokens[start].lead):]
            self._eat_lead = False
        self.emit(text)

    def _adjacent_group(self, tokens: list[Token], i: int) -> bool:
        return 0 <= i < len(tokens) and isinstance(tokens[i].node, BracketGroup)

    def _group(self, tokens: list[Token], c: Cluster, active: list[str], unit: Unit,
               split: bool) -> bool:
        """Write cluster ``c`` as a group (False: no proposal differs from the base there)."""
        mine, versions = alternatives(tokens, c, active)
        if not versions:
            self.emit("".join(t.raw for t in mine))
            return False
        alts = ([mine] if mine else []) + [v for _, v in versions]
        leads = [a[0].lead for a in alts]
        after = tokens[c.end] if c.end < len(tokens) else None
        if not mine and after is not None and after.lead and "\n" not in after.lead \
                and after.node is None and _SCRIPTIO.match(after.core) \
                and all(_SCRIPTIO.match(v[-1].core[-1]) or v[-1].core[-1] in "。，；：、" for v in alts):
            # an insertion before a word of a script without spaces: the blank before that
            # word goes before the insertion ("2. [此类测试应当善意进行。]@EU第1款")
            leads = [after.lead]
            self._eat_lead = True
        if all(lead == leads[0] for lead in leads) or all(lead and "\n" not in lead for lead in leads):
            factor = leads[0]
        else:
            factor = ""
        if c.start == 0 and not factor and unit.heading is not None:
            # a heading needs a blank after it ('3.[' would be text, not paragraph 3)
            first = tokens[0].lead if tokens else ""
            factor = first if first and "\n" not in first else " "
        before_group = not split and self._adjacent_group(tokens, c.start - 1) and "\n" not in factor
        self.emit(("\\+" if before_group else "") + factor)
        at = tokens[c.start] if c.start < len(tokens) else (tokens[-1] if tokens else None)
        line, col = (at.line, at.column) if at else (unit.line(), 1)
        edits = [e for k in c.edits for e in c.edits[k]]
        if all(e.start == e.end for e in edits):
            kind = "insertion"
        elif all(not e.tokens for e in edits):
            kind = "deletion"
        else:
            kind = "substitution"
        entry = self._entry(kind, unit.label, line, col, [keys for keys, _ in versions])
        choices: dict[str, int] = {}
        for k in active:
            choices[k] = 1 if mine else 0
        for n, (keys, _) in enumerate(versions):
            for k in keys:
                choices[k] = n + (2 if mine else 1)
        self.plans[self.pos] = GroupPlan(choices, 1 if mine else 0, entry)
        parts: list[str] = []
        for n, alt in enumerate(alts):
            text = "".join(t.raw for t in alt)
            text = text[len(alt[0].lead):] if factor else text
            if c.pad and placeholder_like(alt):
                text += " "  # '[X]' would be a placeholder, '[X ]' is text
            who = ""
            if mine and n:
                who = "@" + self._who(versions[n - 1][0])
            elif not mine:
                who = "@" + self._who(versions[n][0])
            parts.append("[" + text + "]" + who)
        self.emit("".join(parts))
        return True

    def _choice(self, token: Token, c: Cluster, active: list[str], unit: Unit) -> None:
        """Proposals chose alternatives of a base group: their codes join those alternatives."""
        g = token.node
        assert isinstance(g, BracketGroup)  # a choice cluster stands on a base group
        joining: dict[int, list[str]] = {}
        for k, chosen in c.chosen.items():
            joining.setdefault(chosen, []).extend(self.codes[k])
        moving = {code for codes in joining.values() for code in codes}
        parts = [token.lead]
        self.plans[self.pos + len(token.lead)] = GroupPlan(dict(c.chosen), None, self._entry(
            "choice", unit.label, token.line, token.column,
            [[k for k in c.chosen if c.chosen[k] == a] for a in sorted(joining)]))
        for i, alt in enumerate(g.alternatives):
            if i:
                parts.append(g.gaps[i - 1])
            proposers = [p for p in alt.proposers if p not in moving]
            proposers += [p for p in joining.get(alt.index, []) if p not in proposers]
            if list(proposers) == list(alt.proposers):
                attribution = alt.attribution
            else:
                attribution = "@" + "+".join(proposers) if proposers else ""
                moved = [p for p in alt.proposers if p in moving]
                if moved:
                    self.warn(next(k for k in c.chosen if set(self.codes[k]) & set(moved)),
                              f"{'+'.join(moved)} moved from alternative {alt.index} of a base "
                              "group to the one it now proposes", unit.label, token.line,
                              token.column)
            parts.append(alt.open + raw_text(alt.children) + alt.close + attribution
                         + "".join(f.value for f in alt.footnotes))
        parts.append(g.attribution)
        self.emit("".join(parts))

