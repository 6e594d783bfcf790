"""All raw WordprocessingML plumbing of the docx writer, in one place.

python-docx has no API for revisions, footnotes, fields or complex-script run
properties, and its paragraph/run API is slow for large drafts.  Everything below
builds ``w:`` elements with lxml on python-docx's oxml tree; the rest of the
writer speaks in paragraphs, runs, changes, comments and footnotes through these
helpers and never spells an element name itself.

Conventions kept here (and checked by the tests):

* footnotes have ids 1..n in document order (after the separators' -1 and 0), and
  every ``w:id`` of an insertion, deletion, paragraph-mark change and comment comes
  from one other :class:`Ids` counter, shifted past the footnotes when the document
  is finished (:mod:`.spool` does it as the parts are copied), so no id is used twice.  LibreOffice's reader
  takes the n-th footnote for the n-th reference *and* confuses a comment with a
  footnote of the same id: with ids from one shared counter (6, 12, 24 ...) it
  printed the wrong note under a reference whenever the file also had comments or
  changes (issue 9);
* text inside ``w:del`` is written as ``w:delText``, never ``w:t``;
* every change and comment carries ``w:author`` and the fixed ``w:date``;
* the package itself (properties, deterministic zip) is :mod:`.package`.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from copy import deepcopy

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree
from lxml.etree import _Element

from .spool import PartSpool

__all__ = [
    "Ids", "Scripts", "is_wide", "new_paragraph", "paragraph_text", "set_style", "set_bidi", "add_text",
    "add_tab", "clean",
    "open_change", "mark_paragraph", "Footnotes", "Comments", "add_page_number",
    "set_doc_defaults", "style_bidi", "style_fonts", "style_no_letter_spacing", "track_revisions",
    "theme_languages",
    "detach_sectpr", "with_char_style", "add_bookmark", "last_change",
    "W_INS", "W_DEL", "W_AUTHOR", "BOOKMARK_END_OPTIONS", "BOOKMARK_SPLIT",
]

# Clark names, computed once (the hot path creates millions of elements).
W_P, W_PPR, W_PSTYLE, W_BIDI = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:bidi")
W_R, W_RPR, W_T, W_DELTEXT, W_TAB = qn("w:r"), qn("w:rPr"), qn("w:t"), qn("w:delText"), qn("w:tab")
W_INS, W_DEL = qn("w:ins"), qn("w:del")
W_RFONTS, W_RTL, W_LANG, W_RSTYLE = qn("w:rFonts"), qn("w:rtl"), qn("w:lang"), qn("w:rStyle")
W_VAL, W_ID, W_AUTHOR, W_DATE = qn("w:val"), qn("w:id"), qn("w:author"), qn("w:date")
W_EASTASIA, W_CS, W_ASCII, W_HANSI = qn("w:eastAsia"), qn("w:cs"), qn("w:ascii"), qn("w:hAnsi")
W_BIDI_ATTR = qn("w:bidi")
W_FNREF = qn("w:footnoteReference")
W_CRS, W_CRE, W_CREF = qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference")
W_SECTPR = qn("w:sectPr")
W_BR, W_TYPE = qn("w:br"), qn("w:type")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_sub = etree.SubElement

# ---------------------------------------------------------------- ids


class Ids:
    """A counter of ``w:id`` values: one for changes and comments, one for footnotes."""

    __slots__ = ("_next",)

    def __init__(self, start: int = 1) -> None:
        self._next = start

    def __call__(self) -> str:
        value = self._next
        self._next += 1
        return str(value)


# ---------------------------------------------------------------- scripts

_CJK = re.compile("[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u0400-\u04ff]")
_STRONG = re.compile("[A-Za-z\u00c0-\u024f\u0400-\u04ff\u0600-\u06ff\u0750-\u077f"
                     "\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff\u2e80-\u9fff]")


def is_wide(ch: str) -> bool:
    """A CJK character (printed one em wide)."""
    return bool(_CJK.match(ch))


class Scripts:
    """Run and paragraph properties for the six UN languages.

    Latin and Cyrillic need nothing; runs with CJK characters get the East Asian font
    and language (``w:rFonts w:eastAsia``, ``w:lang w:eastAsia``); runs with Arabic
    letters, and neutral runs (brackets, digits, punctuation) inside a right-to-left
    paragraph, get ``w:rtl``, the complex-script font and ``w:lang w:bidi``.
    """

    def __init__(self, east_asia_font: str, east_asia_lang: str, cs_font: str,
                 bidi_lang: str) -> None:
        self.east_asia_font, self.east_asia_lang = east_asia_font, east_asia_lang
        self.cs_font, self.bidi_lang = cs_font, bidi_lang
        cjk = etree.Element(W_RPR)
        _sub(cjk, W_RFONTS, {W_EASTASIA: east_asia_font})
        _sub(cjk, W_LANG, {W_EASTASIA: east_asia_lang})
        rtl = etree.Element(W_RPR)
        _sub(rtl, W_RFONTS, {W_CS: cs_font})
        _sub(rtl, W_RTL)
        _sub(rtl, W_LANG, {W_BIDI_ATTR: bidi_lang})
        self._templates = {"cjk": cjk, "rtl": rtl}

    @staticmethod
    def starts_rtl(text: str) -> bool | None:
        """True/False when ``text`` has a strong character (Arabic first or not), else None."""
        m = _STRONG.search(text)
        if m is None:
            return None
        return bool(_ARABIC.match(m.group()))

    def kind(self, text: str, rtl_paragraph: bool) -> str | None:
        """Which run properties ``text`` needs: ``"rtl"``, ``"cjk"`` or None."""
        if _ARABIC.search(text) or (rtl_paragraph and not _LATIN.search(text)):
            return "rtl"
        if _CJK.search(text):
            return "cjk"
        return None

    def rpr(self, kind: str) -> _Element:
        return deepcopy(self._templates[kind])

    def mark_rtl(self, p: _Element) -> None:
        """Give the runs written before a paragraph turned out right-to-left (numbers,
        brackets) the right-to-left properties they would have had."""
        for r in p.iter(W_R):
            rpr = r.find(W_RPR)
            if rpr is not None and [c.tag for c in rpr] != [W_RSTYLE]:
                continue
            text = "".join(t.text or "" for t in r if t.tag in (W_T, W_DELTEXT))
            if text and self.kind(text, True) == "rtl":
                if rpr is None:
                    r.insert(0, self.rpr("rtl"))
                else:
                    rpr.extend(list(self.rpr("rtl")))


# ---------------------------------------------------------------- paragraphs and runs


def detach_sectpr(body: _Element) -> _Element | None:
    """Remove and return the body's final ``w:sectPr`` (re-append it after the content)."""
    sect = body.find(W_SECTPR)
    if sect is not None:
        body.remove(sect)
    return sect


def new_paragraph(parent: _Element, style_id: str | None = None) -> _Element:
    p = _sub(parent, W_P)
    if style_id:
        set_style(p, style_id)
    return p


def _ppr(p: _Element) -> _Element:
    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = etree.Element(W_PPR)
        p.insert(0, ppr)
    return ppr


def set_style(p: _Element, style_id: str) -> None:
    """Set the paragraph style (``w:pStyle`` is the first child of ``w:pPr``)."""
    ppr = _ppr(p)
    ps = ppr.find(W_PSTYLE)
    if ps is None:
        ps = etree.Element(W_PSTYLE)
        ppr.insert(0, ps)
    ps.set(W_VAL, style_id)


# w:pPr children that come after w:bidi in the schema (CT_PPrBase order).
_AFTER_BIDI = {qn("w:" + t) for t in (
    "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}


def _insert_before_first(parent: _Element, child: _Element,
                         successors: Collection[str]) -> None:
    """Insert ``child`` before the first existing child whose tag is in ``successors``."""
    for i, existing in enumerate(parent):
        if existing.tag in successors:
            parent.insert(i, child)
            return
    parent.append(child)


def set_bidi(p: _Element) -> None:
    """Make the paragraph right-to-left (``w:bidi`` in its schema place in ``w:pPr``)."""
    ppr = _ppr(p)
    if ppr.find(W_BIDI) is None:
        _insert_before_first(ppr, etree.Element(W_BIDI), _AFTER_BIDI)


# Characters XML 1.0 cannot hold (lxml refuses them): written as U+FFFD.  A form feed
# (a page break in text from a PDF) is written as Word's page break by add_text.
_NOT_XML_BUT_FF = re.compile("[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_XML = re.compile(_NOT_XML_BUT_FF.pattern[:-1] + "\x0c]")
_TAB_OR_FF = re.compile("([\t\f])")


def clean(text: str) -> str:
    """``text`` with characters XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


#: Characters in one ``w:t`` at most (at most 4 MB of UTF-8: libxml2 refuses text nodes
#: over 10 MB unless told otherwise, and so do the readers of the .docx).
MAX_TEXT_NODE = 1_000_000


def add_text(parent: _Element, text: str, *, deleted: bool = False,
             rpr: _Element | None = None) -> _Element:
    """Append a run holding ``text`` (tabs become ``w:tab``, form feeds a page break
    ``w:br w:type="page"``) to a paragraph, ``w:ins`` or ``w:del``.

    Inside a deletion the text goes into ``w:delText``.
    """
    if _NOT_XML_BUT_FF.search(text):
        text = _NOT_XML_BUT_FF.sub("\ufffd", text)
    r = _sub(parent, W_R)
    if rpr is not None:
        r.append(rpr)
    tag = W_DELTEXT if deleted else W_T
    pieces = _TAB_OR_FF.split(text) if "\t" in text or "\f" in text else [text]
    for i, piece in enumerate(pieces):
        if i % 2:
            if piece == "\t":
                _sub(r, W_TAB)
            else:
                _sub(r, W_BR).set(W_TYPE, "page")
            continue
        # one text node stays far below libxml2's 10 MB limit, so that the import (and
        # python-docx, LibreOffice) read back a paragraph of any length
        for at in range(0, len(piece), MAX_TEXT_NODE):
            t = _sub(r, tag)
            t.text = piece[at:at + MAX_TEXT_NODE]
            t.set(XML_SPACE, "preserve")
    return r


def paragraph_text(p: _Element) -> str:
    """The text written so far in paragraph ``p`` (deleted text included; tabs as blanks)."""
    return "".join(" " if el.tag == W_TAB else (el.text or "")
                   for el in p.iter(W_T, W_DELTEXT, W_TAB))


def add_tab(parent: _Element, *, rpr: _Element | None = None, count: int = 1) -> _Element:
    r = _sub(parent, W_R)
    if rpr is not None:
        r.append(rpr)
    for _ in range(count):
        _sub(r, W_TAB)
    return r


def with_char_style(rpr: _Element | None, style_id: str) -> _Element:
    """Run properties ``rpr`` (None: none yet) with the character style ``style_id`` first."""
    if rpr is None:
        rpr = etree.Element(W_RPR)
    rpr.insert(0, etree.Element(W_RSTYLE, {W_VAL: style_id}))
    return rpr


_MARKS_ONLY = frozenset((W_CRS, W_CRE, qn("w:bookmarkStart"), qn("w:bookmarkEnd")))


def last_change(parent: _Element) -> _Element | None:
    """The ``w:ins``/``w:del`` that ends ``parent``'s text: its last child but comment and
    bookmark marks and runs holding only a comment reference (readers of tracked changes
    read two such changes of one kind and author as one), or None."""
    for el in reversed(parent):
        if el.tag in (W_INS, W_DEL):
            return el
        if el.tag in _MARKS_ONLY or el.tag == W_R and all(c.tag in (W_RPR, W_CREF) for c in el):
            continue
        return None
    return None


BOOKMARK_END_OPTIONS = "_TDEndOptions"
"""Prefix of the hidden bookmark that stands for ``\\end-options`` (read back by the import)."""
BOOKMARK_SPLIT = "_TDSplit"
"""Prefix of the hidden bookmark that stands for ``\\+`` between two groups."""

_W_BMS, _W_BME, _W_NAME = qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:name")


def add_bookmark(parent: _Element, bookmark_id: str, name: str) -> None:
    """An empty bookmark (Word hides names that start with ``_``): notation with no text."""
    _sub(parent, _W_BMS, {W_ID: bookmark_id, _W_NAME: name})
    _sub(parent, _W_BME, {W_ID: bookmark_id})


def open_change(parent: _Element, kind: str, change_id: str, author: str,
                date: str) -> _Element:
    """Append and return a ``w:ins`` (``kind="ins"``) or ``w:del`` to fill with runs."""
    return _sub(parent, W_INS if kind == "ins" else W_DEL,
                {W_ID: change_id, W_AUTHOR: clean(author), W_DATE: date})


def mark_paragraph(p: _Element, kind: str, change_id: str, author: str, date: str) -> None:
    """Track the paragraph mark itself (``w:pPr/w:rPr/w:ins|w:del``), so Accept/Reject
    removes the paragraph rather than leaving it empty."""
    ppr = _ppr(p)
    rpr = ppr.find(W_RPR)
    if rpr is None:
        rpr = _sub(ppr, W_RPR)
    _sub(rpr, W_INS if kind == "ins" else W_DEL,
         {W_ID: change_id, W_AUTHOR: clean(author), W_DATE: date})


# ---------------------------------------------------------------- footnotes

#: Footnotes and comments, which are finished when made, are written out in batches
#: (:mod:`.spool`): at most this many are held.
_KEEP = 256

_FOOTNOTES_XML = (
    f'<w:footnotes {nsdecls("w", "r")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    '</w:footnote></w:footnotes>')


class Footnotes:
    """The ``word/footnotes.xml`` part, created on first use, and footnote references."""

    def __init__(self, document: DocxDocument, ids: Ids, text_style: str, ref_style: str,
                 scripts: Scripts) -> None:
        self._document = document
        self._ids = ids
        self._text_style, self._ref_style = text_style, ref_style
        self._scripts = scripts
        self.count = 0
        self.spool: PartSpool | None = None
        """The written footnotes (:mod:`.spool`), once there is one."""

    def _part_spool(self) -> PartSpool:
        if self.spool is None:
            doc_part = self._document.part
            part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES,
                           parse_xml(_FOOTNOTES_XML.encode("utf-8")), doc_part.package)
            doc_part.relate_to(part, RT.FOOTNOTES)
            settings = self._document.settings.element
            pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                           '<w:footnote w:id="0"/></w:footnotePr>')
            _insert_before_first(settings, pr, _AFTER_FOOTNOTEPR)
            self.spool = PartSpool(part.element, shift=True)  # (changes in a note's text)
        return self.spool

    def _ref_rpr(self) -> _Element:
        rpr = etree.Element(W_RPR)
        _sub(rpr, W_RSTYLE, {W_VAL: self._ref_style})
        return rpr

    def add(self, parent: _Element, text: str, *, rtl: bool = False) -> str:
        """Add a footnote with ``text`` and its reference run at the end of ``parent``; its id."""
        fid, p, _ = self.open(parent, rtl=rtl)
        kind = self._scripts.kind(text, rtl)
        add_text(p, text, rpr=self._scripts.rpr(kind) if kind else None)
        return fid

    def open(self, parent: _Element, *, rtl: bool = False
             ) -> tuple[str, _Element, _Element]:
        """Add a footnote and its reference run at the end of ``parent``: (its id, its
        paragraph, holding the note's mark and a blank, for the caller to write the text
        into before the next footnote is opened; the reference run)."""
        spool = self._part_spool()
        root = spool.root
        if len(root) >= _KEEP:
            spool.flush()
        fid = self._ids()
        fn = _sub(root, qn("w:footnote"), {W_ID: fid})
        p = new_paragraph(fn, self._text_style)
        if rtl:
            set_bidi(p)
        r = _sub(p, W_R)
        r.append(self._ref_rpr())
        _sub(r, qn("w:footnoteRef"))
        add_text(p, " ")
        ref = _sub(parent, W_R)
        ref.append(self._ref_rpr())
        _sub(ref, W_FNREF, {W_ID: fid})
        self.count += 1
        return fid, p, ref


# ---------------------------------------------------------------- comments


class Comments:
    """Comments in python-docx's comments part, with our ids, authors and fixed dates.

    python-docx's ``Document.add_comment`` anchors on whole runs, stamps the current
    time and picks ids by scanning every comment (quadratic on large drafts); we use
    its part (``document.comments``) and write the elements and range markers here.
    """

    def __init__(self, document: DocxDocument, ids: Ids, date: str, scripts: Scripts,
                 rtl: bool = False) -> None:
        self._document = document
        self._ids = ids
        self._date = date
        self._scripts = scripts
        self._rtl = rtl
        self.count = 0
        self.spool: PartSpool | None = None
        """The written comments (:mod:`.spool`), once there is one."""

    def _part_spool(self) -> PartSpool:
        if self.spool is None:
            self.spool = PartSpool(self._document.comments._comments_elm, shift=True)
        return self.spool

    def new(self, author: str, initials: str, text: str) -> str:
        """Create a comment and return its id (anchor it with :meth:`start` / :meth:`end`)."""
        spool = self._part_spool()
        root = spool.root
        cid = self._ids()
        c = _sub(root, qn("w:comment"), {W_ID: cid, W_AUTHOR: clean(author),
                                         W_DATE: self._date, qn("w:initials"): clean(initials)})
        p = new_paragraph(c, "CommentText")
        r = _sub(p, W_R)
        rpr = _sub(r, W_RPR)
        _sub(rpr, W_RSTYLE, {W_VAL: "CommentReference"})
        _sub(r, qn("w:annotationRef"))
        if self._rtl:
            set_bidi(p)
        kind = self._scripts.kind(text, self._rtl)
        add_text(p, text, rpr=self._scripts.rpr(kind) if kind else None)
        self.count += 1
        if len(root) >= _KEEP:
            spool.flush()
        return cid

    @staticmethod
    def start(parent: _Element, cid: str) -> None:
        _sub(parent, W_CRS, {W_ID: cid})

    @staticmethod
    def around(run: _Element, cids: Sequence[str]) -> None:
        """Anchor the comments ``cids`` on ``run`` (each range holds the run alone)."""
        last = run
        for cid in cids:
            run.addprevious(etree.Element(W_CRS, {W_ID: cid}))
            end = etree.Element(W_CRE, {W_ID: cid})
            last.addnext(end)
            last = etree.Element(W_R)
            _sub(_sub(last, W_RPR), W_RSTYLE, {W_VAL: "CommentReference"})
            _sub(last, W_CREF, {W_ID: cid})
            end.addnext(last)

    @staticmethod
    def end(parent: _Element, cid: str) -> None:
        """Close the range and add the comment's reference run."""
        _sub(parent, W_CRE, {W_ID: cid})
        r = _sub(parent, W_R)
        rpr = _sub(r, W_RPR)
        _sub(rpr, W_RSTYLE, {W_VAL: "CommentReference"})
        _sub(r, W_CREF, {W_ID: cid})


# ---------------------------------------------------------------- header, footer, styles


def add_page_number(p: _Element) -> None:
    """A ``PAGE`` field in paragraph ``p`` (the page number in the footer)."""
    fld = _sub(p, qn("w:fldSimple"), {qn("w:instr"): " PAGE "})
    add_text(fld, "1")


def set_doc_defaults(styles_element: _Element, *, ascii_font: str, east_asia_font: str, cs_font: str,
                     lang: str, east_asia_lang: str, bidi_lang: str) -> None:
    """Default fonts and languages for every run (``w:docDefaults/w:rPrDefault``)."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.Element(qn("w:docDefaults"))
        styles_element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(W_RPR)
    if rpr is None:
        rpr = _sub(rpr_default, W_RPR)
    for tag in (W_RFONTS, W_LANG):
        old = rpr.find(tag)
        if old is not None:
            rpr.remove(old)
    fonts = etree.Element(W_RFONTS, {W_ASCII: ascii_font, W_HANSI: ascii_font,
                                     W_EASTASIA: east_asia_font, W_CS: cs_font})
    rpr.insert(0, fonts)
    _sub(rpr, W_LANG, {W_VAL: lang, W_EASTASIA: east_asia_lang, W_BIDI_ATTR: bidi_lang})


def style_bidi(style_element: _Element) -> None:
    """Right-to-left paragraphs for a paragraph style (``w:pPr/w:bidi``)."""
    ppr = style_element.find(W_PPR)
    if ppr is None:
        ppr = etree.Element(W_PPR)
        rpr = style_element.find(W_RPR)
        if rpr is not None:
            rpr.addprevious(ppr)
        else:
            style_element.append(ppr)
    if ppr.find(W_BIDI) is None:
        _insert_before_first(ppr, etree.Element(W_BIDI), _AFTER_BIDI)


def style_no_letter_spacing(style_element: _Element) -> None:
    """Remove a style's character spacing (``w:rPr/w:spacing``): the Title style's
    expanded spacing pulls joined Arabic letters apart and spreads CJK text."""
    rpr = style_element.find(W_RPR)
    if rpr is not None:
        for el in rpr.findall(qn("w:spacing")):
            rpr.remove(el)


def style_fonts(style_element: _Element, *, ascii_font: str, east_asia_font: str, cs_font: str) -> None:
    """Explicit fonts for a style, replacing theme fonts (``w:asciiTheme`` beats ``w:ascii``)."""
    rpr = style_element.find(W_RPR)
    if rpr is None:
        rpr = _sub(style_element, W_RPR)
    old = rpr.find(W_RFONTS)
    fonts = etree.Element(W_RFONTS, {W_ASCII: ascii_font, W_HANSI: ascii_font,
                                     W_EASTASIA: east_asia_font, W_CS: cs_font})
    if old is not None:
        old.addprevious(fonts)
        rpr.remove(old)
    else:
        rstyle = rpr.find(W_RSTYLE)
        rpr.insert(1 if rstyle is not None else 0, fonts)


# w:settings children that come after w:trackRevisions / w:footnotePr (CT_Settings order).
_AFTER_TRACK = {qn("w:" + t) for t in (
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "characterSpacingControl", "savePreviewPicture", "footnotePr", "endnotePr", "compat",
    "docVars", "rsids")}
_AFTER_FOOTNOTEPR = {qn("w:" + t) for t in ("endnotePr", "compat", "docVars", "rsids")}


def track_revisions(settings_element: _Element) -> None:
    """Turn on Track Changes in the settings, so reviewers' own edits are tracked too."""
    if settings_element.find(qn("w:trackRevisions")) is None:
        _insert_before_first(settings_element, etree.Element(qn("w:trackRevisions")),
                             _AFTER_TRACK)


def theme_languages(settings_element: _Element, *, lang: str, east_asia: str, bidi: str) -> None:
    """The languages theme fonts resolve for (python-docx's template says ja-JP)."""
    el = settings_element.find(qn("w:themeFontLang"))
    if el is not None:
        el.set(W_VAL, lang)
        el.set(W_EASTASIA, east_asia)
        el.set(W_BIDI_ATTR, bidi)
