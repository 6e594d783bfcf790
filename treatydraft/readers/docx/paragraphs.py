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

Tabs, non-breaking spaces, soft and non-breaking hyphens (``w:softHyphen``,
``w:noBreakHyphen``) and symbols are kept as characters; a line break inside a
paragraph is a line break.  Fields are read as the text they display (their
instructions are skipped); drawings, pictures, text boxes and embedded objects are
skipped with a warning; tables are read row by row, one line per row, cells separated
by tabs, with a warning.  Formatting changes (``w:rPrChange``) are ignored with a note.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .package import W

__all__ = ["Para", "BodyReader", "UNDERLINE", "STRIKE"]

UNDERLINE, STRIKE = 1, 2
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CHANGE_KIND = {W + "ins": "ins", W + "del": "del", W + "moveTo": "ins", W + "moveFrom": "del"}
#: descended into transparently
_WRAPPERS = frozenset(W + t for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir",
                                      "bdo", "sdtContent"))
_SKIPPED = {W + "drawing": "a drawing", W + "pict": "a picture or text box",
            W + "object": "an embedded object", _MC + "AlternateContent": "a drawing or text box"}
_OFF = ("0", "false", "off", "none")


@dataclass
class Para:
    """One paragraph (or one table row) of the body."""
    segs: list = field(default_factory=list)
    """The segments (see the module docstring)."""
    style: str | None = None
    """The paragraph style id (``w:pStyle``)."""
    num: tuple[str, int] | None = None
    """``(numId, ilvl)`` of direct list numbering (``w:numPr``), else None."""
    bidi: bool = False
    """Right-to-left paragraph (``w:bidi``)."""
    mark: tuple[str, str] | None = None
    """A tracked change of the paragraph mark: ``(kind, author)``."""
    row: bool = False
    """A table row read as one line."""


def _on(el) -> bool:
    return el is not None and el.get(W + "val") not in _OFF


class BodyReader:
    """Reads ``w:body`` (or a footnote, comment, header) into paragraphs."""

    def __init__(self):
        self.warnings: dict[str, int] = {}
        self.format_changes = 0

    def warn(self, what: str) -> None:
        self.warnings[what] = self.warnings.get(what, 0) + 1

    # ------------------------------------------------------------ blocks

    def blocks(self, container, change=None) -> list[Para]:
        out: list[Para] = []
        self._blocks(container, out, change)
        return out

    def _blocks(self, container, out: list, change) -> None:
        for el in container:
            tag = el.tag
            if tag == W + "p":
                out.append(self.paragraph(el, change))
            elif tag == W + "tbl":
                self.warn("a table, read row by row as text (one line per row)")
                self._table(el, out, change)
            elif tag in (W + "sdt",):
                content = el.find(W + "sdtContent")
                if content is not None:
                    self._blocks(content, out, change)
            elif tag in (W + "customXml", W + "sdtContent"):
                self._blocks(el, out, change)
            elif tag in _CHANGE_KIND:
                self._blocks(el, out, (_CHANGE_KIND[tag], el.get(W + "author") or ""))
            elif tag in _SKIPPED:
                self.warn(_SKIPPED[tag] + " (skipped)")

    def _table(self, tbl, out: list, change) -> None:
        for tr in tbl.iter(W + "tr"):
            if tr.getparent() is not tbl and tr.getparent().tag != W + "sdtContent":
                continue
            row_change = change
            trpr = tr.find(W + "trPr")
            if trpr is not None:
                for kind_tag, kind in ((W + "ins", "ins"), (W + "del", "del")):
                    mark = trpr.find(kind_tag)
                    if mark is not None:
                        row_change = (kind, mark.get(W + "author") or "")
            row = Para(row=True)
            first_cell = True
            for tc in tr.iter(W + "tc"):
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

    def paragraph(self, p, change=None) -> Para:
        para = Para()
        ppr = p.find(W + "pPr")
        if ppr is not None:
            style = ppr.find(W + "pStyle")
            if style is not None:
                para.style = style.get(W + "val")
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                nid = numpr.find(W + "numId")
                ilvl = numpr.find(W + "ilvl")
                if nid is not None:
                    try:
                        level = int(ilvl.get(W + "val")) if ilvl is not None else 0
                    except (TypeError, ValueError):
                        level = 0
                    para.num = (nid.get(W + "val") or "0", level)
            para.bidi = _on(ppr.find(W + "bidi"))
            rpr = ppr.find(W + "rPr")
            if rpr is not None:
                for kind_tag, kind in ((W + "ins", "ins"), (W + "del", "del"),
                                       (W + "moveTo", "ins"), (W + "moveFrom", "del")):
                    mark = rpr.find(kind_tag)
                    if mark is not None:
                        para.mark = (kind, mark.get(W + "author") or "")
        if para.mark is None and change is not None:
            para.mark = change
        self._inline(p, para.segs, change)
        return para

    def _inline(self, parent, segs: list, change) -> None:
        for el in parent:
            tag = el.tag
            if tag == W + "r":
                self._run(el, segs, change)
            elif tag in _CHANGE_KIND:
                self._inline(el, segs, (_CHANGE_KIND[tag], el.get(W + "author") or ""))
            elif tag in _WRAPPERS:
                self._inline(el, segs, change)
            elif tag == W + "sdt":
                content = el.find(W + "sdtContent")
                if content is not None:
                    self._inline(content, segs, change)
            elif tag == W + "commentRangeStart":
                segs.append(("cs", el.get(W + "id")))
            elif tag == W + "commentRangeEnd":
                segs.append(("ce", el.get(W + "id")))
            elif tag in _SKIPPED:
                self.warn(_SKIPPED[tag] + " (skipped)")

    def _run(self, r, segs: list, change) -> None:
        marks = 0
        for el in r:
            tag = el.tag
            if tag == W + "t" or tag == W + "delText":
                if el.text:
                    segs.append(("t", el.text, change, marks))
            elif tag == W + "rPr":
                for prop in el:
                    ptag = prop.tag
                    if ptag == W + "u":
                        if prop.get(W + "val") not in _OFF:
                            marks |= UNDERLINE
                    elif ptag == W + "strike" or ptag == W + "dstrike":
                        if prop.get(W + "val") not in _OFF:
                            marks |= STRIKE
                    elif ptag == W + "rPrChange":
                        self.format_changes += 1
            elif tag == W + "tab" or tag == W + "ptab":
                segs.append(("t", "\t", change, marks))
            elif tag == W + "br" or tag == W + "cr":
                if el.get(W + "type") in (None, "textWrapping") or tag == W + "cr":
                    segs.append(("t", "\n", change, marks))
            elif tag == W + "noBreakHyphen":
                segs.append(("t", "\u2011", change, marks))
            elif tag == W + "softHyphen":
                segs.append(("t", "\u00ad", change, marks))
            elif tag == W + "sym":
                try:
                    code = int(el.get(W + "char") or "", 16)
                    if 0xF000 <= code <= 0xF0FF:
                        code -= 0xF000
                    segs.append(("t", chr(code), change, marks))
                except ValueError:
                    pass
            elif tag == W + "footnoteReference":
                segs.append(("fn", el.get(W + "id"), change))
            elif tag == W + "endnoteReference":
                segs.append(("en", el.get(W + "id"), change))
            elif tag == W + "instrText" or tag == W + "delInstrText":
                text = (el.text or "").strip()
                if text:
                    name = text.split()[0].upper()
                    if name not in ("PAGE", "NUMPAGES"):
                        self.warn(f"a {name} field (read as the text it displays)")
            elif tag in _SKIPPED:
                self.warn(_SKIPPED[tag] + " (skipped)")
