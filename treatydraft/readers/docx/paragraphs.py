"""The body of a Word document as a list of :class:`Para`: paragraphs with their runs.

A paragraph's content is a flat list of *segments* in document order (plain tuples,
cheap to build for large documents):

``("t", text, change, marks)``
    text; ``change`` is None or ``(kind, author)`` with kind ``ins`` or ``del``
    (``w:moveTo`` counts as an insertion, ``w:moveFrom`` as a deletion); ``marks`` is
    a bit set, :data:`UNDERLINE` | :data:`STRIKE`, for ``--marks underline-strike``
``("fn", id, change)`` / ``("en", id, change)``
    a footnote or endnote reference
``("cs", id)`` / ``("ce", id)``
    a comment range starts or ends
``("eo", "", None)``
    ``\\end-options`` after this paragraph (the export's hidden bookmark ``_TDEndOptions``)

Notation the export marks without showing it is read back: a run in the character
style "Draft Literal" holds escaped characters (``[`` -> ``\\[``), the hidden bookmark
``_TDSplit`` is ``\\+``, and a run in the style "Draft Number" (a paragraph number the
export kept outside the brackets) carries the mark :data:`NUMBER`.

Tabs, non-breaking spaces, soft and non-breaking hyphens (``w:softHyphen``,
``w:noBreakHyphen``) and symbols are kept as characters; a line break inside a
paragraph is a line break.  Fields are read as the text they display (their
instructions are skipped); drawings, pictures, text boxes and embedded objects are
skipped with a warning; tables are read row by row, one line per row, cells separated
by tabs, with a warning.  Formatting changes (``w:rPrChange``) are ignored with a note.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .package import W

__all__ = ["Para", "BodyReader", "UNDERLINE", "STRIKE", "NUMBER", "Seg", "Change"]

#: A segment (see the module docstring): a plain tuple whose first item says its shape.
#: Its items are typed Any: the readers index segments by position after testing the
#: tag, which mypy cannot follow across tuples of different lengths.
Seg = tuple[Any, ...]
#: A tracked change around a segment or paragraph: ``(kind, author)``, or None.
Change = tuple[str, str] | None

UNDERLINE, STRIKE, NUMBER = 1, 2, 4
LITERAL_STYLE, NUMBER_STYLE = "DraftLiteral", "DraftNumber"
"""Character style ids the Word export writes (``writers.docx.layout``)."""
_ESCAPABLE = frozenset("[]［］【】\\@{")

# tag names, computed once (compared per element in the hot loops)
W_author = W + "author"
W_bidi = W + "bidi"
W_bookmarkStart = W + "bookmarkStart"
W_br = W + "br"
W_char = W + "char"
W_commentRangeEnd = W + "commentRangeEnd"
W_commentRangeStart = W + "commentRangeStart"
W_cr = W + "cr"
W_customXml = W + "customXml"
W_del = W + "del"
W_delInstrText = W + "delInstrText"
W_delText = W + "delText"
W_drawing = W + "drawing"
W_dstrike = W + "dstrike"
W_endnoteReference = W + "endnoteReference"
W_footnoteReference = W + "footnoteReference"
W_id = W + "id"
W_ilvl = W + "ilvl"
W_ins = W + "ins"
W_instrText = W + "instrText"
W_moveFrom = W + "moveFrom"
W_moveTo = W + "moveTo"
W_name = W + "name"
W_noBreakHyphen = W + "noBreakHyphen"
W_numId = W + "numId"
W_numPr = W + "numPr"
W_object = W + "object"
W_p = W + "p"
W_pPr = W + "pPr"
W_pStyle = W + "pStyle"
W_pict = W + "pict"
W_ptab = W + "ptab"
W_r = W + "r"
W_rPr = W + "rPr"
W_rPrChange = W + "rPrChange"
W_rStyle = W + "rStyle"
W_sdt = W + "sdt"
W_sdtContent = W + "sdtContent"
W_softHyphen = W + "softHyphen"
W_strike = W + "strike"
W_sym = W + "sym"
W_t = W + "t"
W_tab = W + "tab"
W_tbl = W + "tbl"
W_tc = W + "tc"
W_tr = W + "tr"
W_trPr = W + "trPr"
W_type = W + "type"
W_u = W + "u"
W_val = W + "val"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CHANGE_KIND = {W_ins: "ins", W_del: "del", W_moveTo: "ins", W_moveFrom: "del"}
#: descended into transparently
_WRAPPERS = frozenset(W + t for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir",
                                      "bdo", "sdtContent"))
_SKIPPED = {W_drawing: "a drawing", W_pict: "a picture or text box",
            W_object: "an embedded object", _MC + "AlternateContent": "a drawing or text box"}
_OFF = ("0", "false", "off", "none")



@dataclass
class Para:
    """One paragraph (or one table row) of the body."""
    segs: list[Seg] = field(default_factory=list)
    """The segments (see the module docstring)."""
    style: str | None = None
    """The paragraph style id (``w:pStyle``)."""
    num: tuple[str | None, int | None] | None = None
    """``(numId, ilvl)`` of direct list numbering (``w:numPr``; either may be absent and
    then comes from the paragraph style), else None."""
    bidi: bool = False
    """Right-to-left paragraph (``w:bidi``)."""
    mark: tuple[str, str] | None = None
    """A tracked change of the paragraph mark: ``(kind, author)``."""
    row: bool = False
    """A table row read as one line."""


def _on(el: etree._Element | None) -> bool:
    return el is not None and el.get(W_val) not in _OFF


class BodyReader:
    """Reads ``w:body`` (or a footnote, comment, header) into paragraphs."""

    def __init__(self) -> None:
        self.warnings: dict[str, int] = {}
        self.format_changes = 0

    def warn(self, what: str) -> None:
        self.warnings[what] = self.warnings.get(what, 0) + 1

    # ------------------------------------------------------------ blocks

    def blocks(self, container: etree._Element, change: Change = None) -> list[Para]:
        out: list[Para] = []
        self._blocks(container, out, change)
        return out

    def _blocks(self, container: etree._Element, out: list[Para], change: Change) -> None:
        for el in container:
            tag = el.tag
            if tag == W_p:
                out.append(self.paragraph(el, change))
            elif tag == W_tbl:
                self.warn("a table, read row by row as text (one line per row)")
                self._table(el, out, change)
            elif tag in (W_sdt,):
                content = el.find(W_sdtContent)
                if content is not None:
                    self._blocks(content, out, change)
            elif tag in (W_customXml, W_sdtContent):
                self._blocks(el, out, change)
            elif tag in _CHANGE_KIND:
                self._blocks(el, out, (_CHANGE_KIND[tag], el.get(W_author) or ""))
            elif tag in _SKIPPED:
                self.warn(_SKIPPED[tag] + " (skipped)")

    def _table(self, tbl: etree._Element, out: list[Para], change: Change) -> None:
        for tr in tbl.iter(W_tr):
            parent = tr.getparent()
            if parent is not tbl and parent is not None and parent.tag != W_sdtContent:
                continue
            row_change = change
            trpr = tr.find(W_trPr)
            if trpr is not None:
                for kind_tag, kind in ((W_ins, "ins"), (W_del, "del")):
                    mark = trpr.find(kind_tag)
                    if mark is not None:
                        row_change = (kind, mark.get(W_author) or "")
            row = Para(row=True)
            first_cell = True
            for tc in tr.iter(W_tc):
                if tc.getparent() is not tr:
                    continue
                inner: list[Para] = []
                self._blocks(tc, inner, row_change)
                texts = [p for p in inner if p.segs]
                if not first_cell:
                    row.segs.append(("t", "\t", None, 0))
                first_cell = False
                for i, p in enumerate(texts):
                    if i:
                        row.segs.append(("t", " ", None, 0))
                    row.segs.extend(p.segs)
                    if row.bidi is False and p.bidi:
                        row.bidi = True
            out.append(row)

    # ------------------------------------------------------------ paragraphs

    def paragraph(self, p: etree._Element, change: Change = None) -> Para:
        para = Para()
        ppr = p.find(W_pPr)
        if ppr is not None:
            style = ppr.find(W_pStyle)
            if style is not None:
                para.style = style.get(W_val)
            numpr = ppr.find(W_numPr)
            if numpr is not None:
                nid = numpr.find(W_numId)
                ilvl = numpr.find(W_ilvl)
                try:
                    # a missing w:val raises TypeError, caught below
                    level = int(ilvl.get(W_val)) if ilvl is not None else None  # type: ignore[arg-type]
                except (TypeError, ValueError):
                    level = None
                para.num = (nid.get(W_val) or "0" if nid is not None else None, level)
            para.bidi = _on(ppr.find(W_bidi))
            rpr = ppr.find(W_rPr)
            if rpr is not None:
                for kind_tag, kind in ((W_ins, "ins"), (W_del, "del"),
                                       (W_moveTo, "ins"), (W_moveFrom, "del")):
                    mark = rpr.find(kind_tag)
                    if mark is not None:
                        para.mark = (kind, mark.get(W_author) or "")
        if para.mark is None and change is not None:
            para.mark = change
        self._inline(p, para.segs, change)
        return para

    def _inline(self, parent: etree._Element, segs: list[Seg], change: Change) -> None:
        for el in parent:
            tag = el.tag
            if tag == W_r:
                self._run(el, segs, change)
            elif tag in _CHANGE_KIND:
                self._inline(el, segs, (_CHANGE_KIND[tag], el.get(W_author) or ""))
            elif tag in _WRAPPERS:
                self._inline(el, segs, change)
            elif tag == W_sdt:
                content = el.find(W_sdtContent)
                if content is not None:
                    self._inline(content, segs, change)
            elif tag == W_commentRangeStart:
                segs.append(("cs", el.get(W_id)))
            elif tag == W_commentRangeEnd:
                segs.append(("ce", el.get(W_id)))
            elif tag == W_bookmarkStart:
                name = el.get(W_name) or ""
                if name.startswith("_TD"):
                    if name.startswith("_TDEndOptions"):
                        segs.append(("eo", "", None))
                    elif name.startswith("_TDSplit"):
                        segs.append(("t", "\\+", None, 0))
            elif tag in _SKIPPED:
                self.warn(_SKIPPED[tag] + " (skipped)")

    def _run(self, r: etree._Element, segs: list[Seg], change: Change) -> None:
        marks = 0
        literal = False
        for el in r:
            tag = el.tag
            if tag in (W_t, W_delText):
                if el.text:
                    text = el.text
                    if literal:
                        text = "".join("\\" + ch if ch in _ESCAPABLE else ch for ch in text)
                    segs.append(("t", text, change, marks))
            elif tag == W_rPr:
                for prop in el:
                    ptag = prop.tag
                    if ptag == W_rStyle:
                        style = prop.get(W_val)
                        if style == LITERAL_STYLE:
                            literal = True
                        elif style == NUMBER_STYLE:
                            marks |= NUMBER
                    elif ptag == W_u:
                        if prop.get(W_val) not in _OFF:
                            marks |= UNDERLINE
                    elif ptag in (W_strike, W_dstrike):
                        if prop.get(W_val) not in _OFF:
                            marks |= STRIKE
                    elif ptag == W_rPrChange:
                        self.format_changes += 1
            elif tag in (W_tab, W_ptab):
                segs.append(("t", "\t", change, marks))
            elif tag in (W_br, W_cr):
                kind = el.get(W_type)
                if kind in (None, "textWrapping") or tag == W_cr:
                    segs.append(("t", "\n", change, marks))
                elif kind == "page":
                    # a page break: the form feed a PDF's text has there (and the export
                    # writes a form feed as one)
                    segs.append(("t", "\f", change, marks))
            elif tag == W_noBreakHyphen:
                segs.append(("t", "\u2011", change, marks))
            elif tag == W_softHyphen:
                segs.append(("t", "\u00ad", change, marks))
            elif tag == W_sym:
                try:
                    code = int(el.get(W_char) or "", 16)
                    if 0xF000 <= code <= 0xF0FF:
                        code -= 0xF000
                    segs.append(("t", chr(code), change, marks))
                except ValueError:
                    pass
            elif tag == W_footnoteReference:
                segs.append(("fn", el.get(W_id), change))
            elif tag == W_endnoteReference:
                segs.append(("en", el.get(W_id), change))
            elif tag in (W_instrText, W_delInstrText):
                text = (el.text or "").strip()
                if text:
                    name = text.split()[0].upper()
                    if name not in ("PAGE", "NUMPAGES"):
                        self.warn(f"a {name} field (read as the text it displays)")
            elif tag in _SKIPPED:
                self.warn(_SKIPPED[tag] + " (skipped)")
