"""Bracket groups and option blocks in Akoma Ntoso: inline, or marked on containers.

A group without a heading inside is an ``<inline name="bracketGroup">`` holding one
``<inline name="option">`` per alternative.  A group holding headings is written at
container level: in the *direct form* the containers each alternative opens carry
``class``/``refersTo``/``alternativeTo`` and ``td:group``/``td:alt``; in the *wrapper
form* each alternative (or option) is an ``<hcontainer name="alternative|option">``.
See ``docs/akn.md``.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from lxml import etree

from ..ast import (
    Alternative,
    BracketGroup,
    FootnoteRef,
    Heading,
    Node,
    Option,
    OptionBlock,
    _lone_value,  # (the AST's own reading of a one-text alternative)
)
from ..storage import SourceText
from .akn_meta import Organizations, T
from .akn_tree import Frame, Mark, TreeBuilder

__all__ = ["GroupEncoder", "Body", "INF"]

INF = 1 << 30

#: the slot of :class:`~treatydraft.ast.Alternative` holding its children as stored
_CHILDREN = Alternative.__dict__["children"].slot


def lone_text(alt: Alternative | Option) -> str | None:
    """The text of an alternative holding one text only (``[shall]``), read from the
    source without making it a node (reading ``alt.children`` would make one and keep
    it: about 40 bytes per byte of the densest drafts); None for any other."""
    return _lone_value(alt) if type(alt) is Alternative else None


class Body(Protocol):
    """What the group encoder needs from the body writer: the contents of an
    alternative written as any other nodes, and a footnote reference after one."""

    def emit(self, nodes: Iterable[Node]) -> None: ...

    def emit_text(self, value: str) -> None: ...

    def footnote_ref(self, ref: FootnoteRef) -> None: ...


class GroupEncoder:
    """Bracket groups and option blocks, inline or on containers.

    It writes through ``tree`` (a :class:`~treatydraft.writers.akn_tree.TreeBuilder`),
    names proposers through ``orgs`` (an
    :class:`~treatydraft.writers.akn_meta.Organizations`) and hands the contents of
    each alternative back to ``body`` (see :class:`Body`).  It keeps what a
    container-level group leaves for the headings that follow: the open direct-form
    marks, the opening bracket to prefix to the next ``<num>``, and the last container
    of a closed group (see :meth:`outside`).

        >>> import treatydraft
        >>> from treatydraft.writers.akn import AknWriter
        >>> from treatydraft.writers.akn_groups import INF
        >>> doc = treatydraft.parse("Article 1\\n1. [Text.]\\n[2. More.][2. Other.]\\n")
        >>> groups = AknWriter(doc).groups
        >>> [groups.min_level(g) < INF for g in doc.groups()]  # holds a heading: on containers
        [False, True]
    """

    def __init__(self, tree: TreeBuilder, orgs: Organizations, body: Body):
        self.tree = tree
        self.orgs = orgs
        self.body = body
        self.min_levels: dict[int, int] = {}
        self.marks: list[Mark] = []
        self.prefix = ""    # the opening bracket of a direct-form alternative, for <num>
        self.watch: etree._Element | None = None  # last container of a closed container-level group

    # ---------------------------------------------------------------- for headings
    def mark_unit(self, el: etree._Element, eid: str, level: float) -> None:
        """A unit opened at ``level``: in the direct form of a group open at that level,
        it carries the group's attributes (the first one also ``alternativeTo``)."""
        if not self.marks or self.marks[-1].level != level:
            return
        mark = self.marks[-1]
        el.set("class", mark.cls)
        if mark.refers:
            el.set("refersTo", mark.refers)
        el.set(T + "group", mark.group.id)
        el.set(T + "alt", str(mark.index))
        if mark.group.proposers:
            el.set(T + "groupRefersTo", self.orgs.refers(mark.group.proposers))
        mark.last = el
        if mark.first is None:
            mark.first = eid
            if mark.alt_to:
                el.set("alternativeTo", mark.alt_to)
                self.tree.alternative_to(eid, mark.alt_to)

    def take_prefix(self) -> str:
        """The opening bracket a direct-form alternative puts before the next ``<num>``."""
        prefix, self.prefix = self.prefix, ""
        return prefix

    def end_watch(self) -> None:
        """Structure changed: text that follows is not after a closed group's container."""
        self.watch = None

    def min_level(self, g: BracketGroup | OptionBlock) -> int:
        """The top heading level inside group ``g`` (a large number when it holds none).

        Kept for groups holding groups (so nesting costs no second descent), not for
        the others: a dense draft has a group per few bytes."""
        key = id(g)
        got = self.min_levels.get(key)
        if got is not None:
            return got
        best = INF
        nested = False
        alts: tuple[Alternative | Option, ...] = g.alternatives
        for alt in alts:
            if type(alt) is Alternative and type(_CHILDREN.__get__(alt)) is SourceText:
                continue  # one text: no heading
            for c in alt.children:
                if isinstance(c, Heading):
                    best = min(best, c.level)
                elif isinstance(c, (BracketGroup, OptionBlock)):
                    nested = True
                    best = min(best, self.min_level(c))
        if nested:
            self.min_levels[key] = best
        return best

    def emit_alternative(self, alt: Alternative | Option) -> None:
        """What an alternative or option holds, through the body writer."""
        lone = lone_text(alt)
        if lone is None:
            self.body.emit(alt.children)
        else:
            self.body.emit_text(lone)

    # ---------------------------------------------------------------- groups
    def group(self, g: BracketGroup) -> None:
        """A bracket group: an inline, or on containers when it holds headings."""
        if self.tree.inline or self.min_level(g) == INF:
            self.inline_group(g)
        else:
            self.container_group(g, False)

    def options(self, b: OptionBlock) -> None:
        """An option block: an inline, or on containers when it holds headings."""
        if self.tree.inline or self.min_level(b) == INF:
            self.inline_options(b)
        else:
            self.container_group(b, True)

    def inline_group(self, g: BracketGroup) -> None:
        self.tree.open_inline("bracketGroup", g.id, g.location, **{"class": g.kind,
                                                  "refersTo": self.orgs.refers(g.proposers)})
        first = None
        for i, alt in enumerate(g.alternatives):
            if i:
                self.tree.text(g.gaps[i - 1])
            self.tree.text(alt.open)
            el = self.tree.open_inline("option", alt.id, refersTo=self.orgs.refers(alt.proposers),
                                  alternativeTo=first if i else None)
            if i:
                self.tree.alternative_to(el.get("eId"), first)
            else:
                first = el.get("eId")
            self.emit_alternative(alt)
            self.tree.close_inline()
            self.tree.text(alt.close + alt.attribution)
            for ref in alt.footnotes:
                self.body.footnote_ref(ref)
        self.tree.text(g.attribution)
        self.tree.close_inline()

    def inline_options(self, b: OptionBlock) -> None:
        self.tree.open_inline("bracketGroup", b.id, b.location, **{"class": "options",
                                                  "refersTo": self.orgs.refers(b.proposers)})
        first = None
        for i, opt in enumerate(b.options):
            if i and b.gaps:
                self.tree.text(b.gaps[i - 1])
            self.tree.text(opt.open + opt.label + opt.attribution)
            el = self.tree.open_inline("option", opt.id, refersTo=self.orgs.refers(opt.proposers),
                                  alternativeTo=first if i else None)
            if i:
                self.tree.alternative_to(el.get("eId"), first)
            else:
                first = el.get("eId")
            self.emit_alternative(opt)
            self.tree.close_inline()
            self.tree.text(opt.close)
        self.tree.close_inline()

    def outside(self) -> None:
        """Text is written after a container-level group closed: if it lands in the
        group's last container, that unit is not wholly bracketed (issue 9): it keeps
        ``td:group``/``td:alt`` but loses ``class``, ``refersTo`` and ``alternativeTo``
        and says ``td:partial="true"``, so that a consumer dropping the group's units
        by class or proposer does not drop words outside the bracket."""
        el = self.watch
        if el is None or self.tree.inline:
            return
        self.watch = None
        if self.tree.stack[-1].el is not el:
            return
        for attr in ("class", "refersTo", "alternativeTo"):
            if attr in el.attrib:
                del el.attrib[attr]
        el.set(T + "partial", "true")

    def container_group(self, g: BracketGroup | OptionBlock, is_opts: bool) -> None:
        """A group or option block holding headings: markup on containers, not one inline.

        ``is_opts``: ``g`` is an option block (the isinstance tests below say the same to mypy)."""
        alts: tuple[Alternative | Option, ...] = g.alternatives
        m = self.min_level(g)
        direct = not is_opts and all(
            a.children and isinstance(a.children[0], Heading) and a.children[0].level == m
            for a in alts)
        cls = "options" if is_opts else "bracketed " + g.kind
        group_refers = self.orgs.refers(g.proposers)
        alt_to: str | None = None
        for i, alt in enumerate(alts):
            if i and g.gaps:  # a group's separators; between options bracketed whole
                self.tree.text(g.gaps[i - 1])
            self.tree.reset()
            self.tree.pop_to(m)
            refers = self.orgs.refers(alt.proposers)
            wrapper = None
            if direct and isinstance(alt, Alternative):  # (direct: never options)
                self.prefix = alt.open
                mark = Mark(g, i + 1, m, cls, refers, alt_to)
                self.marks.append(mark)
                self.emit_alternative(alt)
                self.marks.pop()
                if i == 0:
                    alt_to = mark.first
                # text after the closing bracket in this container leaves it partly
                # outside the bracket: see ``outside``
                self.watch = mark.last
            else:
                parent = self.tree.stack[-1]
                el = self.tree.add_child(parent, "hcontainer")
                el.set("name", "option" if is_opts else "alternative")
                eid = self.tree.set_eid(el, self.tree.local(alt.id, 2, g.location), "hcontainer")
                el.set(T + "id", alt.id)
                el.set("class", cls)
                if refers:
                    el.set("refersTo", refers)
                if i:
                    assert alt_to is not None  # the first alternative's eId
                    el.set("alternativeTo", alt_to)
                    self.tree.alternative_to(eid, alt_to)
                else:
                    alt_to = eid
                el.set(T + "group", g.id)
                if group_refers:
                    el.set(T + "groupRefersTo", group_refers)
                wrapper = Frame(el, m - 0.5, "wrapper", eid)
                self.tree.stack.append(wrapper)
                if is_opts and isinstance(alt, Option):
                    self.tree.write_num(el, alt.open + alt.label + alt.attribution)
                elif isinstance(alt, Alternative):
                    self.tree.text(alt.open)
                self.emit_alternative(alt)
            if not is_opts and isinstance(alt, Alternative):
                self.tree.text(alt.close + alt.attribution)
                for ref in alt.footnotes:
                    self.body.footnote_ref(ref)
            elif isinstance(alt, Option):
                self.tree.text(alt.close)
            if wrapper is not None and wrapper in self.tree.stack:
                # a heading after the group starts outside it
                for f in self.tree.stack[self.tree.stack.index(wrapper):]:
                    f.sealed = True
        if not is_opts and isinstance(g, BracketGroup):
            self.tree.text(g.attribution)
