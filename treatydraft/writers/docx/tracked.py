"""Style ``tracked``: one base variant as the text, the other positions as Word revisions.

The base
    ``first``  the first alternative of every group (an optional group is kept: the
               text as written); option blocks take option 1.
    ``CODE``   per group, the alternative (or option) ``CODE`` proposes, else one a
               negotiating group ``CODE`` belongs to proposes (``EGY: Egypt @AFG``),
               else the first; optional groups are kept (the text as written) whoever
               proposed them.
    ``ID=K,...`` explicit choices, K 1-based; for an optional group K=1 keeps it and
               K=0 drops it; groups not listed take ``first``.

Which groups become revisions
    Word revisions express an optional span and a two-way choice.  A group is
    *tracked* when it stands at the top level (not inside another group or an option
    block), has one or two alternatives, contains no nested group and stays within one
    paragraph.  Everything else (three or more alternatives, nested groups, spans
    across paragraphs, option blocks and the groups inside them) is written with
    visible brackets and attribution comments, as in style ``brackets``.

How a tracked group is written (Reject all = the base, Accept all = the other variant)
    two-way, base A, other B:  A in ``w:del`` and B in ``w:ins``, both authored by B's
                               first proposer (the change replacing A by B is B's proposal).
    optional, base keeps it:   the text in ``w:del``; accepting removes it.  Nobody is
                               known to propose the removal: the author is the group
                               attribution's delegation (``@@CODE``) or "Unattributed".
    optional, base drops it:   the text in ``w:ins`` authored by its first proposer.
    An optional group alone on its line (a whole bracketed paragraph) also tracks the
    paragraph mark, so neither Accept nor Reject leaves an empty paragraph.
    Authors fall back to the group attribution, then to "Unattributed".  A comment
    authored by the proposer names all proposers of a text when the change's author
    does not tell the whole story: an inserted text with co-sponsors, a deleted text
    that had proposers, a group attribution.
"""
from __future__ import annotations

from ...ast import (BracketGroup, Footnote, LineBreak, Note, OptionBlock, OptionsEnd, Text, walk)
from ...errors import ExportError
from . import ooxml
from .common import UNATTRIBUTED, BaseWriter

__all__ = ["TrackedWriter", "resolve_base", "classify", "UNATTRIBUTED"]


# ---------------------------------------------------------------- the base


def _groups(doc) -> list:
    return [n for n in walk(doc.body) if isinstance(n, (BracketGroup, OptionBlock))]


def _alternatives(group):
    return group.alternatives if isinstance(group, BracketGroup) else group.options


def _preferred(group, codes: list[str]) -> int:
    alts = _alternatives(group)
    for code_set in codes:
        for alt in alts:
            if any(c in code_set for c in alt.proposers):
                return alt.index
    return 1


def _list_values(values: list[str], limit: int = 30) -> str:
    shown = ", ".join(values[:limit])
    return shown + (f", ... ({len(values)} in all)" if len(values) > limit else "")


def resolve_base(doc, base: str) -> dict[str, int]:
    """group id -> chosen alternative (1-based; 0 drops an optional group), for every group."""
    groups = _groups(doc)
    base = (base or "first").strip()
    if base == "first":
        return {g.id: 1 for g in groups}
    if "=" not in base:
        registry = doc.delegations
        if base not in registry:
            folded = [code for code in registry if code.casefold() == base.casefold()]
            base = folded[0] if len(folded) == 1 else base
        if base not in registry:
            valid = list(registry) or ["(the draft has no delegation registry)"]
            raise ExportError(f"unknown base delegation {base!r}", file=doc.source,
                              hint="use 'first', a delegation code (" + _list_values(valid)
                              + ") or choices such as GROUP_ID=2,GROUP_ID=0")
        codes = [{base}, set(registry[base].groups)]
        return {g.id: _preferred(g, codes) for g in groups}
    by_id = {g.id: g for g in groups}
    choices = {g.id: 1 for g in groups}
    for item in base.split(","):
        item = item.strip()
        if not item:
            continue
        gid, sep, k = item.partition("=")
        gid, k = gid.strip(), k.strip()
        if not sep or gid not in by_id:
            raise ExportError(f"unknown group id {gid!r} in --base", file=doc.source,
                              hint="valid group ids: " + _list_values(list(by_id) or ["(none)"]))
        try:
            value = int(k)
        except ValueError:
            raise ExportError(f"choice for {gid} must be a number, not {k!r}",
                              file=doc.source) from None
        group = by_id[gid]
        n = len(_alternatives(group))
        low = 0 if isinstance(group, BracketGroup) and n == 1 else 1
        if not low <= value <= n:
            raise ExportError(f"choice {value} for {gid} is out of range", file=doc.source,
                              hint=f"{gid} accepts {low}..{n}"
                              + (" (1 keeps the optional text, 0 drops it)" if low == 0 else ""))
        choices[gid] = value
    return choices


# ---------------------------------------------------------------- which groups are tracked

_BREAKS = (BracketGroup, OptionBlock, LineBreak, Footnote, Note, OptionsEnd)


def _expressible(group) -> bool:
    if not isinstance(group, BracketGroup) or len(group.alternatives) > 2:
        return False
    for alt in group.alternatives:
        for node in walk(alt.children):
            if isinstance(node, _BREAKS):
                return False
    return True


def _blank(node) -> bool:
    return isinstance(node, Text) and not node.value.strip()


def classify(doc) -> tuple[set[str], set[str]]:
    """(ids of tracked groups, ids of tracked optional groups that fill their whole line)."""
    tracked, whole = set(), set()
    body = doc.body
    for i, node in enumerate(body):
        if not isinstance(node, BracketGroup) or not _expressible(node):
            continue
        tracked.add(node.id)
        if len(node.alternatives) != 1:
            continue
        j = i - 1
        while j >= 0 and _blank(body[j]):
            j -= 1
        k = i + 1
        while k < len(body) and _blank(body[k]):
            k += 1
        if (j < 0 or isinstance(body[j], LineBreak)) and (
                k >= len(body) or isinstance(body[k], LineBreak)):
            whole.add(node.id)
    return tracked, whole


# ---------------------------------------------------------------- writer


class TrackedWriter(BaseWriter):
    """Tracked groups as ``w:ins``/``w:del``; the others with visible brackets and comments."""

    def __init__(self, doc, document, layout, *, choices: dict[str, int]):
        super().__init__(doc, document, layout, attribution="comments")
        ooxml.track_revisions(document.settings.element)
        self.choices = choices
        self.trackable, self.whole_line = classify(doc)
        self.tracked = 0
        self.bracketed = 0
        self.authors: set[str] = set()

    def write_OptionBlock(self, node) -> None:
        self.bracketed += 1
        self.write_options_visible(node)

    def write_BracketGroup(self, node) -> None:
        if node.id not in self.trackable:
            self.bracketed += 1
            self.write_group_bracketed(node)
            return
        self.tracked += 1
        base = self.choices.get(node.id, 1)
        group_author = node.proposers
        gid = None
        if node.proposers:
            gid = self.new_comment(node.proposers, self.wording.bracketed_by(node.proposers))
            ooxml.Comments.start(self.para(), gid)
        alts = node.alternatives
        if len(alts) == 1:
            alt = alts[0]
            if base == 1:
                kind, author = "del", self.lead_author(group_author)
            else:
                kind, author = "ins", self.lead_author(alt.proposers or group_author)
            self.change(kind, author, alt)
            if node.id in self.whole_line:
                ooxml.mark_paragraph(self.para(), kind, self.ids(), author, self.date)
        else:
            kept, other = alts[base - 1], alts[2 - base]
            author = self.lead_author(other.proposers or group_author)
            self.change("del", author, kept)
            self.change("ins", author, other)
        if gid is not None:
            ooxml.Comments.end(self.para(), gid)

    def change(self, kind: str, author: str, alt) -> None:
        """Write ``alt``'s text inside one ``w:ins``/``w:del`` authored by ``author``."""
        self.authors.add(author)
        cid = None
        if alt.proposers and (kind == "del" or len(alt.proposers) > 1
                              or self.lead_author(alt.proposers) != author):
            cid = self.new_comment(alt.proposers, self.wording.proposed_by(alt.proposers))
            ooxml.Comments.start(self.para(), cid)
        wrapper = ooxml.open_change(self.target(), kind, self.ids(), author, self.date)
        self.stack.append(wrapper)
        outer, self.deleted = self.deleted, kind == "del"
        try:
            self.write_nodes(alt.children)
            for ref in alt.footnotes:
                self.write_FootnoteRef(ref)
        finally:
            self.stack.pop()
            self.deleted = outer
        if cid is not None:
            ooxml.Comments.end(self.para(), cid)

