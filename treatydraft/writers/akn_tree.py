"""The XML plumbing of the Akoma Ntoso writer: open containers, text sinks, eIds.

:class:`TreeBuilder` keeps the stack of open containers (:class:`Frame`) and the
stack of open inlines, and appends text where it belongs: the innermost inline,
else the sink of the innermost container (its ``<heading>`` while the heading line
lasts, else ``<content>``/``<intro>`` ``<p>``, created on demand).  Elements are only
ever appended along the rightmost path of the tree, so the document order of the XML
is the order of the draft, which is what the reader relies on.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable

from lxml import etree

from ..ast import BracketGroup, OptionBlock
from ..errors import ExportError
from .akn_meta import ILLEGAL, A, T

__all__ = ["ncname", "Frame", "Mark", "TreeBuilder", "BARE", "EidSet"]

_ILLEGAL = ILLEGAL
_ASCII_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")
#: containers holding ``<p>`` directly (``<preamble>``, ``<recital>``), not via ``<content>``
BARE = frozenset({"preambleRoot", "recital"})


def ncname(value: str) -> str:
    """``value`` made a valid NCName (for eIds); ASCII ids pass unchanged."""
    if value.isascii() and value.replace("_", "a").isalnum() and not value[0].isdigit():
        return value  # the usual AST id: letters, digits and underscores
    if _ASCII_NCNAME.match(value):
        return value
    out = []
    for ch in value:
        cat = unicodedata.category(ch)
        ok = ch == "_" or cat[0] == "L" or ch in ".-" or cat == "Nd" or cat[0] == "M"
        out.append(ch if ok else f"_u{ord(ch):04x}_")
    s = "".join(out)
    return s if s and (s[0] == "_" or unicodedata.category(s[0])[0] == "L") else "_" + s


class Frame:
    """An open container: where its text goes and what it already holds."""
    __slots__ = ("el", "level", "kind", "eid", "phase", "block", "p", "heading",
                 "children", "sealed", "wrap", "opened")

    def __init__(self, el: etree._Element, level: float, kind: str, eid: str | None,
                 phase: str = "body"):
        self.el, self.level, self.kind, self.eid, self.phase = el, level, kind, eid, phase
        self.block: etree._Element | None = None
        self.p: etree._Element | None = None
        self.heading: etree._Element | None = None
        self.children = False
        self.sealed = False
        self.wrap: etree._Element | None = None  # the <wrapUp> <p>, once text after the unit's list started
        self.opened = False  # streaming: its start tag is written (see TreeBuilder.spill)


class Mark:
    """Direct form: attributes for the containers an alternative opens at the group's top level."""
    __slots__ = ("group", "index", "level", "cls", "refers", "alt_to", "first", "last")

    def __init__(self, group: BracketGroup | OptionBlock, index: int, level: float, cls: str,
                 refers: str, alt_to: str | None):
        self.group, self.index, self.level, self.cls = group, index, level, cls
        self.refers, self.alt_to = refers, alt_to
        self.first: str | None = None            # eId of the first unit it marked
        self.last: etree._Element | None = None  # the last unit it marked


class EidSet:
    """eId -> what it names (``inline``, ``hcontainer`` ...), kept small.

    A dense draft has an eId or two per ten bytes and every one must stay known to
    the end (a later eId may not repeat an earlier one), so they are stored by
    *scope*, the eId up to its second ``__`` (``art_1__para_1``): the rest
    (``brk_3__alt_2``), the same in many paragraphs, is one shared string; the scopes
    last written are dictionaries, and a scope left behind is packed into a sorted
    tuple and one byte per eId for what it names (a scope written to again is
    unpacked).  A plain dictionary of the eIds cost about 25 bytes per eId, 6 per byte
    of a dense draft; this, about 10 per eId.

        >>> from treatydraft.writers.akn_tree import EidSet
        >>> ids = EidSet()
        >>> ids["art_1__para_1__brk_1"] = "inline"
        >>> ids["art_1__para_2__brk_1"] = "inline"
        >>> "art_1__para_1__brk_1" in ids, "art_1__para_1" in ids, ids["art_1__para_1__brk_1"]
        (True, False, 'inline')
    """
    __slots__ = ("_open", "_packed", "_parts", "_whats", "_n")

    #: scopes kept as dictionaries (the most recently written), the others packed
    OPEN = 8

    def __init__(self) -> None:
        self._open: dict[str, dict[str, str]] = {}  # scope -> rest -> what, oldest first
        self._packed: dict[str, tuple[tuple[str, ...], bytes]] = {}
        self._parts: dict[str, str] = {}  # each rest once
        self._whats: list[str] = []       # what -> its byte
        self._n = 0

    @staticmethod
    def _split(eid: str) -> tuple[str, str]:
        i = eid.find("__")
        j = eid.find("__", i + 2) if i >= 0 else -1
        return (eid[:j], eid[j + 2:]) if j >= 0 else ("", eid)

    def _find(self, scope: str, rest: str) -> str | None:
        got = self._open.get(scope)
        if got is not None:
            return got.get(rest)
        packed = self._packed.get(scope)
        if packed is None:
            return None
        keys, codes = packed
        i = bisect_left(keys, rest)
        return self._whats[codes[i]] if i < len(keys) and keys[i] == rest else None

    def _enter(self, scope: str) -> dict[str, str]:
        """The dictionary of ``scope``, made the most recent; the oldest open scope
        beyond :attr:`OPEN` is packed."""
        got = self._open.pop(scope, None)
        if got is None:
            packed = self._packed.pop(scope, None)
            got = {} if packed is None else {k: self._whats[c] for k, c in zip(*packed, strict=True)}
        self._open[scope] = got
        if len(self._open) > self.OPEN:
            old = next(iter(self._open))
            self._pack(old, self._open.pop(old))
        return got

    def _pack(self, scope: str, entries: dict[str, str]) -> None:
        keys = sorted(entries)
        whats = self._whats
        codes: list[int] = []
        for k in keys:
            what = entries[k]
            if what not in whats:
                whats.append(what)
            codes.append(whats.index(what))
        if len(whats) > 256:  # (a few kinds of element in practice)
            raise ExportError("internal: too many kinds of element with an eId")
        self._packed[scope] = (tuple(keys), bytes(codes))

    def __contains__(self, eid: str) -> bool:
        return self._find(*self._split(eid)) is not None

    def __getitem__(self, eid: str) -> str:
        got = self._find(*self._split(eid))
        if got is None:
            raise KeyError(eid)
        return got

    def __setitem__(self, eid: str, what: str) -> None:
        scope, rest = self._split(eid)
        entries = self._open.get(scope)
        if entries is None or scope != next(reversed(self._open)):
            entries = self._enter(scope)
        if rest not in entries:
            self._n += 1
        entries[self._parts.setdefault(rest, rest)] = what

    def __len__(self) -> int:
        return self._n


class TreeBuilder:
    """Containers, inlines and text sinks; eIds checked unique as they are set.

    It owns everything about the XML being built and nothing about the draft: the
    writer (:mod:`treatydraft.writers.akn`) and the group encoder
    (:mod:`treatydraft.writers.akn_groups`) call it.  ``source`` names the draft in
    errors.

        >>> from lxml import etree
        >>> from treatydraft.writers.akn_meta import A
        >>> from treatydraft.writers.akn_tree import Frame, TreeBuilder
        >>> tree = TreeBuilder("draft.txt")
        >>> body = etree.Element(A + "body")
        >>> tree.stack.append(Frame(body, -1, "body", None))
        >>> tree.text("Preambular text")
        >>> tree.flush()
        >>> [el.get("eId") for el in body], "".join(body.itertext())
        (['text_1'], 'Preambular text')
    """

    def __init__(self, source: str | None = None):
        self.source = source
        self.stack: list[Frame] = []
        self.inline: list[etree._Element] = []  # open inlines, innermost last
        self.buf: list[str] = []        # text not yet written to ``cur``
        self.cur: etree._Element | None = None  # the element text goes to (None: ask ``sink``)
        self.eids = EidSet()            # eId -> what it names (checked unique)
        self.counters: dict[str, int] = {}
        self.unit_ids: dict[str, str] = {}  # eId of a unit -> the AST id of its heading
        #: streaming: called with the stack of open containers before a child is added to
        #: the innermost one (see :meth:`add_child`); None: keep the whole tree
        self.spill: Callable[[list[Frame]], None] | None = None

    def add_eid(self, eid: str, what: str) -> str:
        if eid in self.eids:
            raise ExportError(f"duplicate eId '{eid}' ({what} and {self.eids[eid]})",
                              file=self.source,
                              hint="two structural units or groups have the same id; "
                                   "renumber one of them")
        self.eids[eid] = what
        return eid

    def set_eid(self, el: etree._Element, raw_id: str, what: str) -> str:
        """Give ``el`` the eId ``raw_id`` (NCName-safe); a second unit with the same
        number in the same place (``[6. …][6. …]``) gets ``_2``, ``_3`` …"""
        eid = ncname(raw_id)
        if eid in self.eids:
            n = 2
            while f"{eid}_{n}" in self.eids:
                n += 1
            eid = f"{eid}_{n}"
        self.add_eid(eid, what)
        el.set("eId", eid)
        return eid

    def path(self) -> str:
        """The eId new elements are named under: the innermost inline or container with one."""
        for el in reversed(self.inline):
            eid = el.get("eId")
            if eid:
                return eid
        for f in reversed(self.stack):
            if f.eid:
                return f.eid
        return ""

    def local(self, ast_id: str, segments: int = 1, location: str | None = None) -> str:
        """An eId for a group, option or wrapper: the current path plus the last
        ``segments`` parts of its AST id (``…__brk_2`` -> ``<path>__brk_2``).  A group
        written outside the unit it belongs to (``location``, an AST unit id: a bracket
        spanning paragraphs, text in a ``<wrapUp>``) also names that unit's last part
        (``art_2__para_6__brk_1__alt_1``), so groups of sibling units never clash."""
        own = "__".join(ast_id.split("__")[-segments:])
        base = self.path()
        if location and not self.inline and self.unit_ids.get(base) != location:
            own = location.rsplit("__", 1)[-1] + "__" + own
        return f"{base}__{own}" if base else own

    def alternative_to(self, eid: str | None, target: str | None) -> None:
        """Check that ``eid``, written as ``alternativeTo="target"``, names an element
        already written (the first alternative always comes before the others)."""
        if target is None or target not in self.eids:
            raise ExportError(f"internal: {eid} is an alternative to {target}, "
                              "which is not in the document", file=self.source)

    def pop_to(self, level: float) -> None:
        """Close the containers at ``level`` or deeper, and the sealed ones."""
        stack = self.stack
        while len(stack) > 1 and (stack[-1].sealed or stack[-1].level >= level):
            stack.pop()

    def write_num(self, el: etree._Element, value: str) -> None:
        """``<num>`` of ``el``, its impossible characters as markers."""
        self.reset()
        if not _ILLEGAL.search(value):
            etree.SubElement(el, A + "num").text = value
            return
        self.cur = etree.SubElement(el, A + "num")
        self.text(value)
        self.reset()

    # ---------------------------------------------------------------- text sinks
    def text(self, s: str) -> None:
        if s:
            if self.cur is None:
                self.cur = self.sink()
            self.buf.append(s)

    def flush(self) -> None:
        if not self.buf:
            return
        s = "".join(self.buf) if len(self.buf) > 1 else self.buf[0]
        self.buf.clear()
        el = self.cur
        assert el is not None  # text() set it before buffering
        if _ILLEGAL.search(s):
            pos = 0
            for m in _ILLEGAL.finditer(s):
                self._put(el, s[pos:m.start()])
                mk = etree.SubElement(el, A + "marker", name="character")
                mk.set(T + "code", f"{ord(m.group()):04X}")
                pos = m.end()
            self._put(el, s[pos:])
            return
        self._put(el, s)

    @staticmethod
    def _put(el: etree._Element, s: str) -> None:
        if not s:
            return
        if len(el):
            last = el[-1]
            last.tail = last.tail + s if last.tail else s
        else:
            el.text = el.text + s if el.text else s

    def reset(self) -> None:
        """Flush and forget the sink: the structure is about to change."""
        self.flush()
        self.cur = None

    def sink(self) -> etree._Element:
        """The element text goes to now (created on demand)."""
        if self.inline:
            return self.inline[-1]
        f = self.stack[-1]
        if f.wrap is not None:
            return f.wrap
        if f.kind == "body" or f.children:
            f = self.open_text_container(f)
        if f.kind in BARE:  # <preamble> and <recital> hold <p> directly
            if f.p is None:
                f.p = etree.SubElement(f.el, A + "p")
            return f.p
        if f.phase == "heading":
            if f.heading is None:
                f.heading = etree.SubElement(f.el, A + "heading")
            return f.heading
        if f.p is None:
            f.block = etree.SubElement(f.el, A + "content")
            f.p = etree.SubElement(f.block, A + "p")
        return f.p

    def open_text_container(self, parent: Frame) -> Frame:
        """Text with no unit of its own (before the first heading): a sealed hcontainer."""
        el = self.add_child(parent, "hcontainer")
        el.set("name", "text")
        n = self.counters["text"] = self.counters.get("text", 0) + 1
        eid = self.set_eid(el, f"text_{n}", "hcontainer")
        f = Frame(el, parent.level + 0.25, "text", eid)
        f.sealed = True
        self.stack.append(f)
        return f

    def add_child(self, parent: Frame, tag: str) -> etree._Element:
        if parent.block is not None and not parent.children:
            parent.block.tag = A + "intro"
        if self.spill is not None and parent is self.stack[-1] and not self.inline:
            # elements are only added, and attributes only changed, along the path of
            # open containers (the stack): what ``parent`` holds is finished when
            # another child is added, and so is what each container below holds
            # before the next container of the path
            self.spill(self.stack)
        parent.children = True
        parent.phase = "body"
        return etree.SubElement(parent.el, A + tag)

    def open_inline(self, name: str, ast_id: str | None = None, location: str | None = None,
                    **attrs: str | None) -> etree._Element:
        self.flush()
        if self.cur is None:
            self.cur = self.sink()
        eid = self.local(ast_id, 1, location) if ast_id else None
        el = etree.SubElement(self.cur, A + "inline", name=name)
        if eid and ast_id:  # (eid is made from ast_id)
            self.set_eid(el, eid, "inline")
            el.set(T + "id", ast_id)  # the draft's group id (``resolve --choose ID=K``)
        for k, v in attrs.items():
            if v:
                el.set(k, v)
        self.inline.append(el)
        self.cur = el
        return el

    def close_inline(self) -> None:
        self.flush()
        self.inline.pop()
        self.cur = None

    def leaf(self, tag: str, **attrs: str) -> etree._Element:
        """An empty element (marker, authorialNote ...) at the current position."""
        self.flush()
        if self.cur is None:
            self.cur = self.sink()
        el = etree.SubElement(self.cur, A + tag)
        for k, v in attrs.items():
            el.set(k, v)
        return el
