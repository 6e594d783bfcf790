"""From each proposal's word changes to the bracket groups of one unit's content.

The changes of every proposal (:func:`~.align.word_edits`) are gathered on the base
token positions.  Changes that overlap or touch form one *cluster*: one place of the
text where the proposals differ from the base, which becomes one bracket group.
Each proposal's wording of a cluster is the base wording with its own changes
applied; proposals with the same wording share one alternative.

A cluster is *widened* by a neighbouring base token until the format can show it:

* an alternative would be empty (a deletion, or two different insertions at one
  place): ``[promptly take][take]@EU`` is how a deletion of "promptly" reads;
* an alternative would read as a placeholder (``[X]``, ``[TBD]``);
* the text after it would extend an attribution (``]@EU-border``) or a footnote
  marker would attach to the last alternative instead of the text.

A proposal that turns a base group into the plain text of one of its alternatives
*chooses* that alternative (:attr:`Cluster.choice`): no new group, its code joins the
alternative's proposers.  Clusters that would have to enclose a line of their own
(a note, a footnote definition) or a bracketed unit or option block cannot be shown
and are left out with a warning (:attr:`Cluster.dropped`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...ast import BracketGroup, FootnoteRef
from .align import Edit, word_edits
from .units import Token, tokens_of

__all__ = ["Cluster", "clusters_for", "alternatives", "placeholder_like"]

_CODE_START = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+@")
_PLACEHOLDER = re.compile(
    r"(?:\.\.\.|…|[ \t]*|[Xx]{1,4}|[0-9]{0,3}[Xx]{2}|[Pp]laceholder\b.*|[Tt]o be (?:completed|determined)"
    r"|TBD|TBC|[Àà] compléter|[Pp]or (?:completar|determinar)|[Пп]одлежит уточнению|يحدد لاحقا"
    r"|待定|待补充)", re.S)


@dataclass(slots=True)
class Cluster:
    """Base tokens ``[start, end)`` and each proposal's wording of them."""
    start: int
    end: int
    edits: dict[str, list[Edit]] = field(default_factory=dict)
    """proposal key -> its changes inside the cluster, in order."""
    choice: int = 0
    """For a cluster that is only a choice of a base group's alternative: 1 (always
    the single group token); 0 otherwise."""
    chosen: dict[str, int] = field(default_factory=dict)
    """proposal key -> alternative chosen (choice clusters)."""
    dropped: str = ""
    """Why the cluster cannot be shown ('' when it can)."""
    pad: bool = False
    """An alternative reads as a placeholder and no neighbour can be taken: such
    alternatives get a blank before the closing bracket (``[X ]`` is text)."""

    def version(self, base: list[Token], key: str) -> list[Token]:
        """Proposal ``key``'s tokens for the cluster (the base's when it changed nothing here)."""
        out: list[Token] = []
        pos = self.start
        for e in self.edits.get(key, ()):
            out.extend(base[pos:e.start])
            out.extend(e.tokens)
            pos = e.end
        out.extend(base[pos:self.end])
        return out


def _group_choice(token: Token, edit: Edit) -> int:
    """The alternative of the base group ``token`` whose text ``edit`` writes, or 0."""
    if edit.end - edit.start != 1 or not token.is_group or token.hard or not edit.tokens:
        return 0
    keys = [t.key for t in edit.tokens]
    akeys = [t.akey for t in edit.tokens[1:]]
    node = token.node
    assert isinstance(node, BracketGroup)  # token.is_group
    for alt in node.alternatives:
        alt_tokens = tokens_of(alt.children)[0]
        if [t.key for t in alt_tokens] == keys and [t.akey for t in alt_tokens[1:]] == akeys:
            return alt.index
    return 0


def _merge(clusters: list[Cluster]) -> list[Cluster]:
    out: list[Cluster] = []
    for c in sorted(clusters, key=lambda c: (c.start, c.end)):
        if out:
            last = out[-1]
            touch = c.start == last.end and not (c.choice or last.choice) and (
                c.start == c.end == last.start or set(c.edits) & set(last.edits))
            if c.start < last.end or touch:
                last.start, last.end = min(last.start, c.start), max(last.end, c.end)
                for key, edits in c.edits.items():
                    last.edits.setdefault(key, []).extend(edits)
                    last.edits[key].sort(key=lambda e: (e.start, e.end))
                last.choice = 0
                last.chosen = {}
                last.dropped = last.dropped or c.dropped
                continue
        out.append(c)
    return out


def alternatives(base: list[Token], c: Cluster, keys: list[str]
                 ) -> tuple[list[Token], list[tuple[list[str], list[Token]]]]:
    """(base tokens, [(keys, tokens), ...] distinct proposal wordings other than the base)."""
    mine = base[c.start:c.end]
    mine_keys = [t.akey for t in mine]
    versions: list[tuple[list[str], list[Token]]] = []
    seen: dict[tuple[str, ...], int] = {}
    for key in keys:
        if key not in c.edits:
            continue
        v = c.version(base, key)
        vk = tuple(t.akey for t in v)
        if list(vk) == mine_keys:
            continue
        if vk in seen:
            versions[seen[vk]][0].append(key)
        else:
            seen[vk] = len(versions)
            versions.append(([key], v))
    return mine, versions


def placeholder_like(tokens: list[Token]) -> bool:
    text = "".join(t.raw for t in tokens).strip()
    return bool(_PLACEHOLDER.fullmatch(text))


def _needs(base: list[Token], c: Cluster, keys: list[str]) -> str:
    """'' when the cluster can be shown as it is, else 'widen', 'right', 'left' or 'drop'."""
    if c.choice:
        return ""
    mine, versions = alternatives(base, c, keys)
    if any(t.hard for t in mine) or any(t.hard for _, v in versions for t in v):
        return "drop"
    if c.start > 0:
        prev = base[c.start - 1]
        if prev.node is None and prev.core.endswith("\\"):
            return "left"
    if c.end < len(base):
        nxt = base[c.end]
        if not nxt.lead and (isinstance(nxt.node, FootnoteRef)
                             or (nxt.node is None and nxt.core[:1] in _CODE_START)):
            return "right"
    if not versions:
        return ""
    if not mine and len(versions) > 1:
        return "widen"
    if mine and any(not v for _, v in versions):
        return "widen"
    if not c.pad and (any(placeholder_like(v) for _, v in versions)
                      or (mine and placeholder_like(mine))):
        return "placeholder"
    return ""


def _widen(base: list[Token], c: Cluster, how: str) -> bool:
    """Grow ``c`` by one base token; False when no neighbour can be taken."""
    right = base[c.end] if c.end < len(base) else None
    left = base[c.start - 1] if c.start > 0 else None
    ok_right = right is not None and not right.hard
    ok_left = left is not None and not left.hard
    attached = c.start < c.end and not base[c.start].lead  # ", inter alia," sticks to the left
    if how == "placeholder":
        how = "widen"
    if how == "right" and ok_right or how == "widen" and ok_right and not (attached and ok_left) \
            and (right is not None and right.node is None and right.core[:1].isalnum()
                 or not ok_left):  # (ok_right: right is not None)
        c.end += 1
        return True
    if how in ("left", "widen") and ok_left:
        c.start -= 1
        return True
    if how == "left" and ok_right:
        c.end += 1
        return True
    return False


def clusters_for(base: list[Token], proposals: dict[str, list[Token]],
                 keys: list[str]) -> list[Cluster]:
    """The clusters of one unit's content; ``proposals`` maps key -> that proposal's tokens."""
    found: list[Cluster] = []
    for key in keys:
        tokens = proposals.get(key)
        if tokens is None:
            continue
        for e in word_edits(base, tokens):
            c = Cluster(e.start, e.end, {key: [e]})
            k = _group_choice(base[e.start], e) if e.start < len(base) else 0
            if k:
                c.choice = 1
                c.chosen = {key: k}
            found.append(c)
    # the same choice from several proposals: one choice cluster
    merged: dict[int, Cluster] = {}
    rest: list[Cluster] = []
    for c in found:
        if c.choice and c.start in merged:
            m = merged[c.start]
            m.edits.update(c.edits)
            m.chosen.update(c.chosen)
        elif c.choice:
            merged[c.start] = c
            rest.append(c)
        else:
            rest.append(c)
    clusters = _merge(rest)
    for _ in range(len(base) + 2):
        changed = False
        for c in clusters:
            if c.dropped:
                continue
            how = _needs(base, c, keys)
            if how == "drop":
                c.dropped = "it would enclose a line of its own, a bracketed unit or an option block"
            elif how and not _widen(base, c, how):
                if how == "placeholder":
                    c.pad = True
                    continue
                c.dropped = "the format cannot show it (no neighbouring word to widen it with)"
            elif how:
                changed = True
        if not changed:
            break
        clusters = _merge(clusters)
    return clusters

