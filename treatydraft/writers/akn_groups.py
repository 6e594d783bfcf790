"""Bracket groups and option blocks in Akoma Ntoso: inline, or marked on containers.

A group without a heading inside is an ``<inline name="bracketGroup">`` holding one
``<inline name="option">`` per alternative.  A group holding headings is written at
container level: in the *direct form* the containers each alternative opens carry
``class``/``refersTo``/``alternativeTo`` and ``td:group``/``td:alt``; in the *wrapper
form* each alternative (or option) is an ``<hcontainer name="alternative|option">``.
See ``docs/akn.md``.
"""
from __future__ import annotations

from ..ast import BracketGroup, Heading, OptionBlock
from .akn_meta import T
from .akn_tree import Frame, Mark

__all__ = ["GroupWriter", "INF"]

INF = 1 << 30


class GroupWriter:
    """Mixin of the AKN writer: everything about groups (needs TreeBuilder's methods)."""

    def apply_mark(self, el, mark: Mark, eid: str) -> None:
        el.set("class", mark.cls)
        if mark.refers:
            el.set("refersTo", mark.refers)
        el.set(T + "group", mark.group.id)
        el.set(T + "alt", str(mark.index))
        if mark.group.proposers:
            el.set(T + "groupRefersTo", self.refers(mark.group.proposers))
        mark.last = el
        if mark.first is None:
            mark.first = eid
            if mark.alt_to:
                el.set("alternativeTo", mark.alt_to)
                self.alt_refs.append((eid, mark.alt_to))

    def min_level(self, g) -> int:
        """The top heading level inside group ``g`` (a large number when it holds none)."""
        key = id(g)
        got = self.min_levels.get(key)
        if got is not None:
            return got
        best = INF
        for alt in g.alternatives:
            for c in alt.children:
                if isinstance(c, Heading):
                    best = min(best, c.level)
                elif isinstance(c, (BracketGroup, OptionBlock)):
                    best = min(best, self.min_level(c))
        self.min_levels[key] = best
        return best

    # ---------------------------------------------------------------- groups
    def w_group(self, g: BracketGroup) -> None:
        if not self.inline:
            self.outside()
            self.line_start = False
        if self.inline or self.min_level(g) == INF:
            self.inline_group(g)
        else:
            self.container_group(g, False)

    def w_options(self, b: OptionBlock) -> None:
        if not self.inline:
            self.outside()
            self.line_start = False
        if self.inline or self.min_level(b) == INF:
            self.inline_options(b)
        else:
            self.container_group(b, True)

    def inline_group(self, g: BracketGroup) -> None:
        self.open_inline("bracketGroup", g.id, g.location, **{"class": g.kind,
                                                  "refersTo": self.refers(g.proposers)})
        first = None
        for i, alt in enumerate(g.alternatives):
            if i:
                self.text(g.gaps[i - 1])
            self.text(alt.open)
            el = self.open_inline("option", alt.id, refersTo=self.refers(alt.proposers),
                                  alternativeTo=first if i else None)
            if i:
                self.alt_refs.append((el.get("eId"), first))
            else:
                first = el.get("eId")
            self.emit(alt.children)
            self.close_inline()
            self.text(alt.close + alt.attribution)
            for ref in alt.footnotes:
                self.w_footnote_ref(ref)
        self.text(g.attribution)
        self.close_inline()

    def inline_options(self, b: OptionBlock) -> None:
        self.open_inline("bracketGroup", b.id, b.location, **{"class": "options",
                                                  "refersTo": self.refers(b.proposers)})
        first = None
        for i, opt in enumerate(b.options):
            self.text(opt.label + opt.attribution)
            el = self.open_inline("option", opt.id, refersTo=self.refers(opt.proposers),
                                  alternativeTo=first if i else None)
            if i:
                self.alt_refs.append((el.get("eId"), first))
            else:
                first = el.get("eId")
            self.emit(opt.children)
            self.close_inline()
        self.close_inline()

    def outside(self) -> None:
        """Text is written after a container-level group closed: if it lands in the
        group's last container, that unit is not wholly bracketed (issue 9): it keeps
        ``td:group``/``td:alt`` but loses ``class``, ``refersTo`` and ``alternativeTo``
        and says ``td:partial="true"``, so that a consumer dropping the group's units
        by class or proposer does not drop words outside the bracket."""
        el = self.watch
        if el is None or self.inline:
            return
        self.watch = None
        if self.stack[-1].el is not el:
            return
        for attr in ("class", "refersTo", "alternativeTo"):
            if attr in el.attrib:
                del el.attrib[attr]
        el.set(T + "partial", "true")

    def pop_to(self, level: int) -> None:
        stack = self.stack
        while len(stack) > 1 and (stack[-1].sealed or stack[-1].level >= level):
            stack.pop()

    def container_group(self, g, is_opts: bool) -> None:
        """A group or option block holding headings: markup on containers, not one inline."""
        alts = g.alternatives
        m = self.min_level(g)
        direct = not is_opts and all(
            a.children and isinstance(a.children[0], Heading) and a.children[0].level == m
            for a in alts)
        cls = "options" if is_opts else "bracketed " + g.kind
        group_refers = self.refers(g.proposers)
        alt_to = None
        for i, alt in enumerate(alts):
            if i and not is_opts:
                self.text(g.gaps[i - 1])
            self.reset()
            self.pop_to(m)
            refers = self.refers(alt.proposers)
            wrapper = None
            if direct:
                self.prefix = alt.open
                mark = Mark(g, i + 1, m, cls, refers, alt_to)
                self.marks.append(mark)
                self.emit(alt.children)
                self.marks.pop()
                if i == 0:
                    alt_to = mark.first
                # text after the closing bracket in this container leaves it partly
                # outside the bracket: see ``outside``
                self.watch = mark.last
            else:
                parent = self.stack[-1]
                el = self.add_child(parent, "hcontainer")
                el.set("name", "option" if is_opts else "alternative")
                eid = self.set_eid(el, self.local(alt.id, 2, g.location), "hcontainer")
                el.set(T + "id", alt.id)
                el.set("class", cls)
                if refers:
                    el.set("refersTo", refers)
                if i:
                    el.set("alternativeTo", alt_to)
                    self.alt_refs.append((eid, alt_to))
                else:
                    alt_to = eid
                el.set(T + "group", g.id)
                if group_refers:
                    el.set(T + "groupRefersTo", group_refers)
                wrapper = Frame(el, m - 0.5, "wrapper", eid)
                self.stack.append(wrapper)
                if is_opts:
                    self.write_num(el, alt.label + alt.attribution)
                else:
                    self.text(alt.open)
                self.emit(alt.children)
            if not is_opts:
                self.text(alt.close + alt.attribution)
                for ref in alt.footnotes:
                    self.w_footnote_ref(ref)
            if wrapper is not None:
                # a heading after the group starts outside it
                if wrapper in self.stack:
                    for f in self.stack[self.stack.index(wrapper):]:
                        f.sealed = True
        if not is_opts:
            self.text(g.attribution)
