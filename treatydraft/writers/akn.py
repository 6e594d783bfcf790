"""AST -> Akoma Ntoso 3.0 (``<bill name="convention">``), valid against the strict OASIS schema.

The body is written by walking the node stream once.  A :class:`~treatydraft.ast.Heading`
opens a container at its level (closing deeper or equal ones); text goes to the
*sink* of the innermost container (its ``<heading>`` up to the first line break for
articles and divisions, else ``<content>/<intro>`` ``<p>``).  Every byte of the
draft is kept, in document order, as text of ``num``/``heading``/``p``/``inline``
elements or, for pure syntax (``\\[``, ``\\+``, ``[^1]``, footnote lines, ``>`` notes,
control characters), in a ``td:`` attribute beside its meaning; so
:mod:`treatydraft.readers.akn` rebuilds the exact draft.  See ``docs/akn.md``.

Bracket groups without headings are inlines (``<inline name="bracketGroup">`` holding
``<inline name="option">``).  Groups that contain headings are written at container
level: either the containers opened by each alternative carry the group's attributes
(*direct form*, when every alternative starts with a heading of the group's top level),
or each alternative/option is an ``<hcontainer name="alternative|option">`` (*wrapper
form*).  This module never imports the parser.

:func:`write_akn` (and :func:`to_akn`, through it) writes the document as it is built:
a container's child is finished when the next one is added, and is then serialized and
dropped from the tree, the start tags of the open containers written before it (see
:class:`_Stream`), so a large draft's XML is never held whole.
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from lxml import etree

from ..ast import (
    Alternative,
    BracketGroup,
    DraftingNote,
    Escape,
    Footnote,
    FootnoteRef,
    Heading,
    LineBreak,
    Node,
    Note,
    NoText,
    OptionBlock,
    OptionsEnd,
    Placeholder,
    SplitMark,
    Text,
)
from ..document import Document
from ..errors import ExportError
from ..storage import SourceText
from .akn_groups import _CHILDREN, INF, GroupEncoder
from .akn_meta import AKN_NS, TD_NS, A, Organizations, T, clean, set_raw, write_meta, write_preface
from .akn_tree import Frame, TreeBuilder, ncname

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["to_akn", "write_akn", "build_akn", "ncname", "AknWriter", "FORMAT_VERSION",
           "AKN_NS", "TD_NS"]

#: ``<td:export version>`` in ``<meta>/<proprietary>``: the layout the reader expects
FORMAT_VERSION = "1"

_TAGS = {"part": "part", "title": "title", "chapter": "chapter", "section": "section",
         "article": "article", "paragraph": "paragraph", "subparagraph": "point"}
#: eId prefixes of the Akoma Ntoso naming convention (as bluebell writes them)
_PREFIX = {"part": "part", "title": "title", "chapter": "chp", "section": "sec",
           "article": "art", "paragraph": "para", "subparagraph": "point", "recital": "rec"}
#: units whose list can be followed by a ``<wrapUp>`` (hierarchical elements)
_WRAPPABLE = frozenset({"part", "title", "chapter", "section", "article", "paragraph",
                        "subparagraph"})
_TITLED = frozenset({"part", "title", "chapter", "section", "article"})
_UNITS = frozenset({"part", "title", "chapter", "section", "article", "preamble"})


class AknWriter:
    """AST -> AKN: one pass over the body, dispatching on node type.

    The writer is composed of three collaborators, each owning its own state:
    ``tree`` (:class:`~treatydraft.writers.akn_tree.TreeBuilder`: open containers,
    inlines, text sinks, eIds), ``orgs``
    (:class:`~treatydraft.writers.akn_meta.Organizations`: delegation eIds for
    ``refersTo``) and ``groups`` (:class:`~treatydraft.writers.akn_groups.GroupEncoder`:
    bracket groups and option blocks, which calls back :meth:`emit` and
    :meth:`footnote_ref` for what the alternatives hold).  :meth:`build` returns the whole
    tree; :meth:`write` streams the same document to a file, each unit written
    as soon as it is finished (``tree.spill``).  The writer itself keeps
    what only the body walk knows: the headings met and whether a line just started.

        >>> import treatydraft
        >>> from treatydraft.writers.akn import AknWriter
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act.\\n")
        >>> root = AknWriter(doc).build()
        >>> [el.get("eId") for el in root.iter() if el.get("name") == "option"]
        ['art_1__para_1__brk_1__alt_1', 'art_1__para_1__brk_1__alt_2']
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self.notes = doc.footnotes or {}
        self.tree = TreeBuilder(doc.source)
        self.orgs = Organizations(doc)
        self.groups = GroupEncoder(self.tree, self.orgs, self)
        self.line_start = False    # a line break was written; no text yet on the new line
        self.headings = list(doc.headings())
        self.heading_at = {id(h): i for i, h in enumerate(self.headings)}
        self.last_heading = -1
        # each handler takes the node type it is keyed by (a mapping mypy cannot express)
        self.dispatch: dict[type, Callable[[Any], None]] = {
            Text: self.w_text, LineBreak: self.w_linebreak, Heading: self.w_heading,
            BracketGroup: self.w_group, OptionBlock: self.w_options,
            Placeholder: self.w_placeholder, FootnoteRef: self.footnote_ref,
            Footnote: self.w_footnote, Note: self.w_note, Escape: self.w_escape,
            DraftingNote: self.w_drafting_note,
            SplitMark: self.w_marker, OptionsEnd: self.w_marker, NoText: self.w_no_text,
        }

    # ---------------------------------------------------------------- document
    def build(self) -> etree._Element:
        """The ``<akomaNtoso>`` element (call once)."""
        return self._run(None)

    def write(self, out: SupportsWrite[bytes]) -> None:
        """Write the document to ``out`` (a binary file object), one finished unit at a
        time (call once): the same bytes as serializing :meth:`build`, but only the
        units being written (the open containers and their last child) are held as XML."""
        self._run(out)

    def _run(self, out: SupportsWrite[bytes] | None) -> etree._Element:
        doc, tree = self.doc, self.tree
        # (lxml takes None for the default namespace; lxml-stubs' nsmap type does not)
        root = etree.Element(A + "akomaNtoso", nsmap={None: AKN_NS, "td": TD_NS})  # type: ignore[dict-item]
        bill = etree.SubElement(root, A + "bill", name="convention")
        write_meta(bill, doc, self.orgs.ids, tree.eids, FORMAT_VERSION)
        # delegations the body names but the front matter does not register are listed
        # in <references>, before the body: a first pass names them in body order
        self.name_proposers(doc.body)
        extra = len(self.orgs.extra)
        refs = bill[0].find(A + "references")
        assert refs is not None  # write_meta wrote it
        self.orgs.write_extra(refs, tree.add_eid)
        write_preface(bill, doc)
        stream = _Stream(out, root) if out is not None else None
        nodes = doc.body
        end = self.preamble_end(nodes)
        if end:
            preamble = etree.SubElement(bill, A + "preamble")
            tree.stack = [Frame(preamble, -1, "preambleRoot", None)]
            if stream is not None:
                stream.open(preamble, tree)
            self.emit(nodes[:end])
            tree.reset()
            if stream is not None:
                stream.close(preamble)
            nodes = nodes[end:]
        body = etree.SubElement(bill, A + "body")
        tree.stack = [Frame(body, -1, "body", None)]
        if stream is not None:
            stream.open(body, tree)
        self.emit(nodes)
        tree.flush()
        if not tree.stack[0].children:  # (an empty draft)
            tree.sink()
            tree.flush()
        if len(self.orgs.extra) != extra:
            raise ExportError("internal: the body names a delegation the first pass did not "
                              "find", file=doc.source)
        if stream is not None:
            stream.close(body)
            stream.end()
        return root

    def name_proposers(self, nodes: Iterable[Node]) -> None:
        """Name every proposer in ``nodes`` as the body writer will, in the same order
        (group, then each alternative, what it holds, its footnotes), so that the
        delegations the front matter does not register get their eIds before the body
        is written."""
        refers, notes = self.orgs.refers, self.notes
        for node in nodes:
            if isinstance(node, (BracketGroup, OptionBlock)):
                refers(node.proposers)
                for alt in node.alternatives:
                    refers(alt.proposers)
                    if type(alt) is not Alternative or \
                            type(_CHILDREN.__get__(alt)) is not SourceText:
                        self.name_proposers(alt.children)
                    if isinstance(alt, Alternative):  # (a group's, not an option block's)
                        for ref in alt.footnotes:
                            note = notes.get(ref.label)
                            if note is not None and note.proposers:
                                refers(note.proposers)
            elif isinstance(node, FootnoteRef):
                note = notes.get(node.label)
                if note is not None and note.proposers:
                    refers(note.proposers)
            elif isinstance(node, Footnote):  # the note's own line: its text's groups
                self.name_proposers(node.children)

    # ---------------------------------------------------------------- dispatch
    def emit(self, nodes: Iterable[Node]) -> None:
        dispatch = self.dispatch
        for node in nodes:
            fn = dispatch.get(type(node))
            if fn is None:
                raise ExportError(f"cannot write a {type(node).__name__} node to Akoma Ntoso",
                                  file=self.doc.source)
            fn(node)

    def w_text(self, node: Text) -> None:
        self.emit_text(node.value)

    def emit_text(self, value: str) -> None:
        """Draft text (a text node, or an alternative's only text)."""
        if value.strip(" \t") and not self.tree.inline:
            if self.line_start and self.closes_chapeau(value):
                self.open_wrap_up()
            self.groups.outside()
        if value.strip(" \t"):
            self.line_start = False
        self.tree.text(value)

    # ---------------------------------------------------------------- wrapUp
    _CONTINUES = re.compile(r"(?:[,;:，；：、،؛]|\b(?:and|or|et|ou|y|o|и|или))\s*$", re.I)
    _TAIL = re.compile(r"(?:\]|@@?[A-Za-z0-9_+\-]+|\[\^[^\]]*\]|\s)+$")

    def closes_chapeau(self, text: str) -> bool:
        """A line of text right after a point whose text runs on (``…,`` ``…; and``) and
        before any further point of that list: the end of the chapeau sentence
        (``… with intent that it be used``), Akoma Ntoso's ``<wrapUp>`` of the unit."""
        stack = self.tree.stack
        if len(stack) < 3 or stack[-1].kind != "subparagraph" or stack[-2].kind != "list":
            return False
        if stack[-3].kind not in _WRAPPABLE:
            return False
        first = text.lstrip(" \t")[:1]
        if not first.isalpha() or first.isupper():
            return False
        self.tree.flush()
        # (lxml-stubs type itertext as str | bytes; an element's text is str)
        point_text = self._TAIL.sub("", "".join(stack[-1].el.itertext()))  # type: ignore[arg-type]
        if not self._CONTINUES.search(point_text):
            return False
        owner = stack[-3]
        nxt = self.headings[self.last_heading + 1] \
            if self.last_heading + 1 < len(self.headings) else None
        return nxt is None or nxt.level <= owner.level

    def open_wrap_up(self) -> None:
        self.tree.reset()
        del self.tree.stack[-2:]
        owner = self.tree.stack[-1]
        wrap = etree.SubElement(owner.el, A + "wrapUp")
        owner.wrap = etree.SubElement(wrap, A + "p")
        owner.sealed = True
        self.groups.end_watch()

    def w_linebreak(self, node: LineBreak) -> None:
        self.tree.text(node.value)
        if not self.tree.inline:
            self.line_start = True
            f = self.tree.stack[-1]
            if f.phase == "heading" and not f.children:
                self.tree.reset()
                f.phase = "body"

    def w_no_text(self, node: NoText) -> None:
        if not self.tree.inline:
            self.groups.outside()
        self.tree.open_inline("noText")
        self.tree.text(node.value)
        self.tree.close_inline()

    def w_escape(self, node: Escape) -> None:
        if not self.tree.inline:
            self.groups.outside()
            self.line_start = False
        el = self.tree.open_inline("literal")
        el.set(T + "value", node.value)
        self.tree.text(node.char)
        self.tree.close_inline()

    def w_marker(self, node: SplitMark | OptionsEnd) -> None:
        name = "split" if isinstance(node, SplitMark) else "endOptions"
        el = self.tree.leaf("marker", name=name)
        el.set(T + "value", node.value)

    def w_footnote(self, node: Footnote) -> None:
        """The footnote's own line: its label as a marker, then its text as any other text
        (groups and all; the note's text is also written where its marker stands)."""
        el = self.tree.leaf("marker", name="footnote")
        el.set(T + "label", clean(node.label))
        set_raw(el, T + "value", node.marker)
        self.emit(node.children)

    def footnote_ref(self, ref: FootnoteRef) -> None:
        n = self.tree.counters["note"] = self.tree.counters.get("note", 0) + 1
        el = self.tree.leaf("authorialNote", marker=clean(ref.label), placement="bottom")
        self.tree.set_eid(el, f"authorialNote_{n}", "authorialNote")
        set_raw(el, T + "ref", ref.value)
        note = self.notes.get(ref.label)
        if note is not None and note.proposers:
            el.set("refersTo", self.orgs.refers(note.proposers))
        p = etree.SubElement(el, A + "p")
        p.text = clean(note.shown) if note is not None else None

    def w_note(self, node: Note) -> None:
        self.tree.flush()
        if self.tree.cur is None:
            self.tree.cur = self.tree.sink()
        el = etree.SubElement(self.tree.cur, A + "remark", {"class": "chairsNote"})
        set_raw(el, T + "value", node.value)
        el.text = clean(node.text)

    def w_drafting_note(self, node: DraftingNote) -> None:
        """A drafting note inside the text: an inline remark, not a group."""
        el = self.tree.leaf("remark", **{"class": "draftingNote"})
        set_raw(el, T + "value", node.value)
        el.text = clean(node.text)

    def w_group(self, g: BracketGroup) -> None:
        self.before_group()
        self.groups.group(g)

    def w_options(self, b: OptionBlock) -> None:
        self.before_group()
        self.groups.options(b)

    def before_group(self) -> None:
        if not self.tree.inline:
            self.groups.outside()
            self.line_start = False

    def w_placeholder(self, node: Placeholder) -> None:
        self.tree.open_inline("bracketGroup", node.id, node.location, **{"class": "placeholder"})
        self.tree.text(node.value)
        self.tree.close_inline()

    # ---------------------------------------------------------------- structure
    def w_heading(self, h: Heading) -> None:
        self.tree.reset()
        self.groups.end_watch()
        self.line_start = False
        self.last_heading = self.heading_at.get(id(h), self.last_heading)
        stack = self.tree.stack
        level = h.level
        kind: str = h.kind  # the element kind: a unit kind, or recitals/recital
        if kind in _UNITS:  # an article or division ends a preamble, whatever the levels
            for i in range(len(stack) - 1, 0, -1):
                if stack[i].kind == "wrapper":
                    break  # ... but not from inside a group's alternative
                if stack[i].kind == "preamble":
                    del stack[i:]
                    break
        self.tree.pop_to(level)
        parent = stack[-1]
        if kind == "subparagraph" and parent.kind != "list":
            el = self.tree.add_child(parent, "list")
            base = self.tree.path()
            n = self.tree.counters["list@" + base] = self.tree.counters.get("list@" + base, 0) + 1
            # unnumbered: "nn" and a counter, as bluebell writes it (list_nn_1)
            eid = self.tree.set_eid(el, f"{base}__list_nn_{n}" if base else f"list_nn_{n}", "list")
            parent = Frame(el, level - 0.5, "list", eid)
            stack.append(parent)
        if parent.kind == "preambleRoot":  # the preamble heading: <recitals>
            el = self.tree.add_child(parent, "recitals")
            kind = "recitals"
        elif parent.kind == "recitals":
            el = self.tree.add_child(parent, "recital")
            kind = "recital"
        elif kind == "preamble":
            el = self.tree.add_child(parent, "hcontainer")
            el.set("name", "preamble")
        else:
            el = self.tree.add_child(parent, _TAGS.get(kind, "hcontainer"))
            if el.tag == A + "hcontainer":
                el.set("name", kind)
        eid = self.tree.set_eid(el, self.unit_eid(h, kind), kind)
        self.tree.unit_ids[eid] = h.id
        self.groups.mark_unit(el, eid, level)
        self.tree.write_num(el, self.groups.take_prefix() + h.value)
        frame = Frame(el, level, kind, eid, "heading" if kind in _TITLED else "body")
        if kind == "recital":  # a recital needs a block even when it holds no text
            frame.p = etree.SubElement(el, A + "p")
        stack.append(frame)

    def unit_eid(self, h: Heading, kind: str) -> str:
        """The unit's eId by the Akoma Ntoso naming convention: the path of the
        enclosing units, the element's prefix, its number (see :func:`nc_number`)."""
        if kind == "recitals":
            return "preamble__recitals"
        if kind == "preamble":
            return "preamble"
        base = self.tree.path()
        own = f"{_PREFIX.get(kind, kind)}_{nc_number(h)}"
        return f"{base}__{own}" if base else own

    def preamble_end(self, nodes: Sequence[Node]) -> int:
        """Where the preamble ends when it can be AKN's ``<preamble>`` (0 when it cannot).

        It can when the preamble heading is the first heading, only ``(PP1)``-style
        paragraphs follow until the next article or division, and no group holds a
        heading (``<recital>`` takes blocks only); else it is an ``<hcontainer>``.
        """
        n, i = len(nodes), 0
        groups = (BracketGroup, OptionBlock)
        while i < n and not isinstance(nodes[i], Heading):
            if isinstance(node := nodes[i], groups) and self.groups.min_level(node) != INF:
                return 0
            i += 1
        if i == n or cast(Heading, nodes[i]).kind != "preamble":  # (the loop stopped at a heading)
            return 0
        paragraphs = 0
        for j in range(i + 1, n):
            node = nodes[j]
            if isinstance(node, Heading):
                if node.kind in _UNITS:
                    return j if paragraphs else 0
                if node.kind != "paragraph":
                    return 0
                paragraphs += 1
            elif isinstance(node, groups) and self.groups.min_level(node) != INF:
                return 0
        return n if paragraphs else 0


@lru_cache(maxsize=4096)
def _number_pattern(number: str) -> re.Pattern[str]:
    """The parser's number as it may be written (any case, blanks or dots inside)."""
    return re.compile(r"[\s.\-]*".join(re.escape(ch) for ch in number), re.I)


_DIVISIONS = frozenset({"part", "title", "chapter", "section"})


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def nc_number(h: Heading) -> str:
    """The number part of an eId: the number as written in the heading when it can be
    found there (case kept: ``Chapter I`` -> ``I``, ``(PP1)`` -> ``PP1``), else the
    parser's position-based number (Arabic and Chinese labels: ``(ب)`` -> ``b``,
    ``第五条`` -> ``5``, so ids line up across language versions); as bluebell does,
    blanks dropped (``3 bis`` -> ``3bis``), leading and trailing punctuation dropped,
    inner punctuation -> ``-`` (``1.2`` -> ``1-2``); ``nn`` when there is none."""
    number = h.number or ""
    if number and number.isascii():
        m = _number_pattern(number).search(h.value)
        if m is None and number.isdigit() and h.kind in _DIVISIONS:
            # the parser reads `Chapter I` as chp_1; bluebell's eId keeps the numeral
            m = re.search(rf"\b{_roman(int(number))}\b", h.value, re.I)
        if m:
            number = m.group()
    number = re.sub(r"\s+", "", number)
    number = re.sub(r"[^\w]+", "-", number, flags=re.UNICODE).strip("-_")
    return number or "nn"


def build_akn(doc: Document) -> etree._Element:
    """The ``<akomaNtoso>`` element for ``doc`` (an lxml element)."""
    return AknWriter(doc).build()


def to_akn(doc: Document) -> bytes:
    """``doc`` as Akoma Ntoso 3.0 XML (UTF-8, with declaration; deterministic).

    :func:`treatydraft.load` reads the file back (docs/akn.md has the mapping).

        >>> import treatydraft
        >>> doc = treatydraft.parse("Article 1\\n1. Parties shall [share][exchange] data.\\n")
        >>> xml = treatydraft.to_akn(doc)
        >>> xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\\n<akomaNtoso")
        True
    """
    out = io.BytesIO()
    write_akn(doc, out)
    return out.getvalue()


def write_akn(doc: Document, out: SupportsWrite[bytes]) -> None:
    """Write ``doc`` as Akoma Ntoso to ``out``, a binary file object: the bytes of
    :func:`to_akn`, each unit written as soon as it is finished, so that the XML of the whole
    document is never held (about 30 bytes of XML per byte of a bracket-dense draft).
    On an error part of the document may have been written: write to a temporary file
    (as :func:`treatydraft.atomic_write` does) when that matters.

        >>> import io, treatydraft
        >>> from treatydraft.writers.akn import write_akn
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act.\\n")
        >>> out = io.BytesIO()
        >>> write_akn(doc, out)
        >>> out.getvalue() == treatydraft.to_akn(doc)
        True
    """
    AknWriter(doc).write(out)


class _Stream:
    """The document written as it is built: everything before the body (``<meta>``,
    ``<preface>``) at once, then what is finished in ``<preamble>`` and ``<body>``.

    :meth:`spill` is :attr:`TreeBuilder.spill`: before a child is added to the
    innermost open container, the start tags of the open containers are written
    (*opened*) from the bottom up, and each container's children before the next one
    of the path are written and dropped from the tree.  A unit carrying a group's
    attributes (``td:group``, direct form) is not opened: text after the group may
    still take its ``class`` away (issue 9, ``GroupEncoder.outside``); nor is a point
    (``subparagraph``), whose whole text the writer reads to find a ``<wrapUp>``
    (:meth:`AknWriter.closes_chapeau`); they are written when finished.  A finished
    element that was opened gets the rest of its children and its end tag."""

    _TAIL = b"</bill></akomaNtoso>"
    _GROUP = T + "group"

    def __init__(self, out: SupportsWrite[bytes], root: etree._Element):
        self.out = out
        head = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        if not head.endswith(self._TAIL):
            raise ExportError("internal: unexpected serialization of <bill>")
        out.write(head[:-len(self._TAIL)])
        # a subtree serialized alone declares the namespaces it inherits: as part of
        # the document it does not
        self.inherited = f' xmlns="{AKN_NS}" xmlns:td="{TD_NS}"'.encode()
        # the elements whose start tag is written, by id(); held, so that lxml gives
        # the same Python object (and id) for them while they are
        self.opened: dict[int, etree._Element] = {}
        self.holder = etree.Element(A + "x", nsmap={None: AKN_NS, "td": TD_NS})  # type: ignore[dict-item]  # (as in _run)

    def _alone(self, el: etree._Element) -> bytes:
        """``el`` serialized as in the document (without the inherited declarations)."""
        data = etree.tostring(el, encoding="UTF-8", xml_declaration=False)
        start = len(etree.QName(el).localname) + 1
        if data[start:start + len(self.inherited)] != self.inherited:
            raise ExportError("internal: unexpected namespace declarations")
        return data[:start] + data[start + len(self.inherited):]

    def _open(self, el: etree._Element) -> None:
        if el.text:
            raise ExportError("internal: text in a container")
        # (lxml-stubs type attribute names and values as str | bytes; lxml gives str)
        shell = etree.SubElement(self.holder, el.tag, dict(el.attrib))  # type: ignore[misc]
        data = self._alone(shell)
        self.holder.remove(shell)
        if not data.endswith(b"/>"):
            raise ExportError("internal: unexpected serialization of a start tag")
        self.out.write(data[:-2] + b">")
        self.opened[id(el)] = el

    def _finish(self, el: etree._Element) -> None:
        """Write ``el``, finished: whole, or the rest of it if it was opened."""
        if id(el) not in self.opened:
            self.out.write(self._alone(el))
            return
        for child in el:
            self._finish(child)
        self.out.write(b"</" + etree.QName(el).localname.encode() + b">")
        if el.tail:
            raise ExportError("internal: text after a container")
        del self.opened[id(el)]

    def open(self, el: etree._Element, tree: TreeBuilder) -> None:
        self.out.write(b"<" + etree.QName(el).localname.encode() + b">")
        self.opened[id(el)] = el
        tree.spill = self.spill

    def spill(self, stack: list[Frame]) -> None:
        """Write what is finished along the path of open containers (see the class)."""
        for k, frame in enumerate(stack):
            el = frame.el
            if id(el) not in self.opened:
                if el.get(self._GROUP) is not None or frame.kind == "subparagraph":
                    return
                self._open(el)
            nxt = stack[k + 1].el if k + 1 < len(stack) else None
            if nxt is not None and nxt.getparent() is not el:
                return
            done = 0
            for child in el:
                if child is nxt:
                    break
                self._finish(child)
                done += 1
            del el[:done]

    def close(self, el: etree._Element) -> None:
        self._finish(el)
        parent = el.getparent()
        assert parent is not None  # <preamble> and <body> stand in <bill>
        parent.remove(el)

    def end(self) -> None:
        self.out.write(self._TAIL)
