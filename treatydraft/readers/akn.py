"""Akoma Ntoso 3.0 written by :mod:`treatydraft.writers.akn` -> :class:`~treatydraft.ast.Document`.

The exporter keeps every byte of the draft in the XML, in document order: as text of
``num``/``heading``/``p``/``inline``/``remark`` elements, or, for pure syntax, in a
``td:`` attribute (``td:value`` of escapes, markers and notes, ``td:ref`` of
authorial notes, ``td:code`` of control characters) and the front matter in
``<meta>/<proprietary>/<td:export>/<td:frontMatter>``.  The reader gathers that text
and parses it with :func:`treatydraft.parse`, so the AST it returns is exactly the
one the draft text gives (and the same ids, spans and diagnostics).

Whitespace-only text directly inside containers (``article``, ``content`` ...) is
ignored, so a pretty-printed export still reads back; anything else that the
exporter does not write is refused with the element and its line.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, NoReturn, cast

from lxml import etree

from ..document import Document
from ..errors import FormatError, TreatyDraftError
from ..schema import AKN_NS, TD_NS, XMLRefused, parse_xml

if TYPE_CHECKING:
    from ..parser import Mode

__all__ = ["read_akn", "akn_to_text"]

_A = f"{{{AKN_NS}}}"
_T = f"{{{TD_NS}}}"
_LAYOUTS = {"1"}

#: containers: only whitespace may stand directly inside them
_CONTAINERS = frozenset(_A + t for t in (
    "body", "part", "title", "chapter", "section", "article", "paragraph", "point", "list",
    "hcontainer", "content", "intro", "wrapUp", "preamble", "recitals", "recital"))
#: elements whose text is draft text
_TEXTUAL = frozenset(_A + t for t in ("num", "heading", "p"))
_INLINE_NAMES = frozenset({"bracketGroup", "option", "noText"})
_MARKERS = frozenset({"split", "endOptions", "footnote"})


def _where(el: etree._Element) -> str:
    name = etree.QName(el).localname if isinstance(el.tag, str) else "node"
    extra = f' name="{el.get("name")}"' if el.get("name") else ""
    return f"<{name}{extra}>"


class _Reader:
    def __init__(self, source: str | None):
        self.source = source
        self.out: list[str] = []
        self.lines: list[tuple[int, int]] = []  # (offset in text, XML line) per piece
        self.size = 0
        self.ids: list[str] = []  # td:id / td:group values in document order

    def fail(self, message: str, el: etree._Element | None = None, hint: str | None = None
             ) -> NoReturn:
        # (lxml-stubs leaves sourceline untyped; lxml gives int | None)
        line: int | None = el.sourceline if el is not None else None  # type: ignore[assignment]
        raise FormatError(message, file=self.source, line=line, hint=hint)

    def add(self, s: str | None, el: etree._Element) -> None:
        if s:
            self.lines.append((self.size, el.sourceline or 0))  # type: ignore[arg-type]  # (as in fail)
            self.out.append(s)
            self.size += len(s)

    def value(self, el: etree._Element, attr: str) -> str:
        v = el.get(attr)
        if v is None:
            self.fail(f"{_where(el)} lacks the attribute {attr.replace(_T, 'td:')} the "
                      "draft text needs", el)
        codes = el.get(_T + "codes")
        if codes:
            chars = list(v)
            try:
                for item in codes.split():
                    pos, _, code = item.partition(":")
                    chars[int(pos)] = chr(int(code, 16))
            except (ValueError, IndexError):
                self.fail(f"bad td:codes {codes!r} on {_where(el)}", el)
            v = "".join(chars)
        return v

    def whitespace(self, s: str | None, el: etree._Element) -> None:
        if s and s.strip():
            self.fail(f"text directly inside {_where(el)}: {s.strip()[:40]!r}", el,
                      hint="text belongs in <num>, <heading> or <p>")

    def walk(self, el: etree._Element) -> None:
        """Append the draft text held by ``el`` and its descendants (iteratively)."""
        stack: list[tuple[etree._Element, bool]] = [(el, False)]
        while stack:
            node, done = stack.pop()
            parent = node.getparent()
            if done:
                if node is el:
                    continue
                # after the children: the element's tail belongs to its parent
                if parent is not None and parent.tag in _CONTAINERS:
                    self.whitespace(node.tail, parent)
                else:
                    self.add(node.tail, node)
                continue
            stack.append((node, True))
            tag = node.tag
            if not isinstance(tag, str):
                continue  # a comment or processing instruction (entities: refused by parse_xml)
            for attr in (_T + "group", _T + "id"):
                value = node.get(attr)
                if value:
                    self.ids.append(value)
            if tag in _CONTAINERS:
                self.whitespace(node.text, node)
            elif tag in _TEXTUAL:
                self.add(node.text, node)
            elif tag == _A + "inline":
                name = node.get("name")
                if name == "literal":
                    self.add(self.value(node, _T + "value"), node)
                    continue
                if name not in _INLINE_NAMES:
                    self.fail(f"unexpected {_where(node)}: not written by treatydraft", node)
                self.add(node.text, node)
            elif tag == _A + "authorialNote":
                self.add(self.value(node, _T + "ref"), node)
                continue
            elif tag == _A + "remark":
                self.add(self.value(node, _T + "value"), node)
                continue
            elif tag == _A + "marker":
                name = node.get("name")
                if name == "character":
                    code = self.value(node, _T + "code")
                    try:
                        self.add(chr(int(code, 16)), node)
                    except ValueError:
                        self.fail(f"bad td:code {code!r} on {_where(node)}", node)
                elif name in _MARKERS:
                    self.add(self.value(node, _T + "value"), node)
                else:
                    self.fail(f"unexpected {_where(node)}: not written by treatydraft", node)
                continue
            else:
                self.fail(f"unexpected element {_where(node)} in the body", node,
                          hint="only Akoma Ntoso written by 'treatydraft export --to akn' "
                               "can be imported")
            for child in reversed(node):
                stack.append((child, False))

    def xml_line(self, text: str, line: int | None, column: int | None) -> int | None:
        """The XML line holding the draft text at ``line``/``column``."""
        if line is None:
            return None
        offset, seen = 0, 1
        while seen < line:
            nl = text.find("\n", offset)
            if nl < 0:
                break
            offset, seen = nl + 1, seen + 1
        offset += (column or 1) - 1
        best = None
        for start, xml_line in self.lines:
            if start > offset:
                break
            best = xml_line
        return best


def _parse_xml(data: bytes, source: str | None) -> etree._Element:
    try:
        return parse_xml(data)
    except XMLRefused as exc:
        raise FormatError(exc.message, file=source, line=exc.line, column=exc.column,
                           hint="only Akoma Ntoso written by 'treatydraft export --to akn' "
                                "can be imported") from None


def akn_to_text(data: bytes, source: str | None = None) -> tuple[str, Mode, _Reader]:
    """``(draft text, parse mode, reader)`` held by an exported Akoma Ntoso document."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    root = _parse_xml(data, source)
    reader = _Reader(source)
    if root.tag != _A + "akomaNtoso":
        reader.fail(f"root element is {_where(root)}, not <akomaNtoso> in the Akoma Ntoso "
                    "3.0 namespace", root)
    doc_el = root[0] if len(root) else None
    if doc_el is None or doc_el.tag != _A + "bill":
        reader.fail(f"{_where(doc_el) if doc_el is not None else 'nothing'} under "
                    "<akomaNtoso>: only a <bill> exported by treatydraft can be imported",
                    doc_el if doc_el is not None else root)
    export = doc_el.find(f"{_A}meta/{_A}proprietary/{_T}export")
    if export is None:
        reader.fail("<bill> has no <meta>/<proprietary>/<td:export>: this Akoma Ntoso file "
                    "was not written by treatydraft", doc_el,
                    hint="only Akoma Ntoso written by 'treatydraft export --to akn' keeps the "
                         "draft text needed to import it")
    layout = export.get("version")
    if layout not in _LAYOUTS:
        reader.fail(f"<td:export version=\"{layout}\"> is a layout this version of "
                    "treatydraft does not know", export)
    mode = export.get("mode") or "strict"
    if mode not in ("strict", "tolerant"):
        reader.fail(f"<td:export mode=\"{mode}\"> must be strict or tolerant", export)
    front = export.find(_T + "frontMatter")
    if front is not None:
        reader.add(reader.value(front, _T + "value") if front.get(_T + "value") is not None
                   else front.text, front)
    preamble = doc_el.find(_A + "preamble")
    if preamble is not None:
        reader.walk(preamble)
    body = doc_el.find(_A + "body")
    if body is None:
        reader.fail("<bill> has no <body>", doc_el)
    reader.walk(body)
    return "".join(reader.out), cast("Mode", mode), reader  # strict or tolerant: checked above


def read_akn(data: bytes, source: str | None = None) -> Document:
    """The :class:`Document` an exported Akoma Ntoso file holds.

    Raises :class:`~treatydraft.errors.FormatError` naming the element and its line
    when the file is not well-formed, not Akoma Ntoso, or not written by treatydraft,
    and when the text it holds is not a valid draft.
    """
    from .. import parse  # readers may use the public parser; writers never do

    text, mode, reader = akn_to_text(data, source)
    try:
        doc = parse(text, mode=mode, source=source)
    except TreatyDraftError as err:
        line = reader.xml_line(text, err.line, err.column)
        raise FormatError(f"the draft text in the XML is not valid: {err.message}"
                           + (f" (draft line {err.line}, column {err.column})"
                              if err.line else ""),
                           file=source, line=line, hint=err.hint) from None
    return _keep_ids(doc, reader.ids)


_ALT_ID = re.compile(r"__(?:alt|opt)_\d+$")


def _keep_ids(doc: Document, written: list[str]) -> Document:
    """``doc`` with the group ids the XML was written with (``td:id``, ``td:group``): an
    export of a resolved draft keeps the ids its groups had, not a fresh numbering."""
    from ..operations.ids import relabel

    ids = list(dict.fromkeys(i for i in written if not _ALT_ID.search(i)))  # first of each, in order
    groups = list(doc.brackets())
    if len(ids) != len(groups) or len(set(ids)) != len(ids):
        return doc  # not written by this exporter's rules: the text's own numbering
    return relabel(doc, {g.id: i for g, i in zip(groups, ids, strict=False)})
