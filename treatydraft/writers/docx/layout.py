"""Page, styles and front matter of the Word document (python-docx API only).

* A4 portrait, 2.5 cm margins; the document symbol and date in the header, the
  page number in the footer.
* Headings use Word's built-in heading styles, so the navigation pane shows the
  outline: part -> Heading 1, chapter -> Heading 2, section and preamble -> Heading 3,
  article -> Heading 3 (Heading 4 when the draft has sections).
* Numbered paragraphs and subparagraphs keep the number as written (``3 bis.``,
  ``(PP2)``, ``(a)``), followed by a tab, in paragraph styles with hanging indents
  ("Treaty Paragraph", "Treaty Subparagraph", "Treaty Subparagraph 2" for deeper
  levels).  Word's automatic numbering is not used: it cannot reproduce ``3bis``.
  Each hanging indent is 1 cm, or wider when the widest label written in that style
  (``(PP12)``, ``[3 bis.``) needs more, measured with Times New Roman's advance
  widths plus a gap of :data:`LABEL_GAP_PT`, in steps of 0.25 cm.
* Other text lines use "Body Text"; option labels "Option Label"; the title "Title".
* Two character styles without formatting mark what the Word import must read back
  and a reader of the document need not see (added only when used): "Draft Literal"
  (:data:`CHAR_LITERAL`) for an escaped character (``\\[`` is written ``[`` in that
  style) and "Draft Number" (:data:`CHAR_NUMBER`) for a paragraph number that stands
  outside the brackets but is removed with its paragraph by a tracked change.
* Fonts: Times New Roman; SimSun for East Asian text; Arial for complex scripts.
  A draft whose front matter says ``language: ar`` gets right-to-left paragraph styles.
"""
from __future__ import annotations

import datetime as dt

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from ...ast import FrontMatter, Heading
from . import ooxml, package

__all__ = ["Layout", "STYLE_PARAGRAPH", "STYLE_SUBPARAGRAPH", "STYLE_BODY", "STYLE_OPTION",
           "STYLE_TITLE", "FOOTNOTE_TEXT", "FOOTNOTE_REF", "CHAR_LITERAL", "CHAR_NUMBER"]

STYLE_BODY = "BodyText"
STYLE_TITLE = "Title"
STYLE_PARAGRAPH = "TreatyParagraph"
STYLE_SUBPARAGRAPH = "TreatySubparagraph"
STYLE_SUBPARAGRAPH2 = "TreatySubparagraph2"
STYLE_OPTION = "OptionLabel"
FOOTNOTE_TEXT = "FootnoteText"
FOOTNOTE_REF = "FootnoteReference"
CHAR_LITERAL = "DraftLiteral"
CHAR_NUMBER = "DraftNumber"
_CHAR_NAMES = {CHAR_LITERAL: "Draft Literal", CHAR_NUMBER: "Draft Number"}

LATIN_FONT = "Times New Roman"
BODY_SIZE_PT = 12
LABEL_GAP_PT = 6.0
"""The least space between a paragraph label and its text."""

# Advance widths of Times New Roman (= Liberation Serif), in 1/1000 em, printable ASCII.
_TIMES = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~",
    (250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
     500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921,
     722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722,
     667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333,
     444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500,
     333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541), strict=False))


def text_width_pt(text: str, size: float = BODY_SIZE_PT) -> float:
    """The printed width of ``text`` in points (CJK and other wide characters count 1 em,
    anything else not in the table 0.6 em: an over-estimate errs towards wider indents)."""
    total = 0
    for ch in text:
        w = _TIMES.get(ch)
        if w is None:
            w = 1000 if ooxml.is_wide(ch) else 600
        total += w
    return total * size / 1000
EAST_ASIA_FONT = "SimSun"
CS_FONT = "Arial"

# BCP 47 tags Word understands, per UN language.
_LANG = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "zh": "zh-CN", "ar": "ar-SA"}


def _lang_tag(language: str | None) -> str:
    code = (language or "en").strip().lower()
    return _LANG.get(code.split("-")[0], code if "-" in code else "en-GB")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("treatydraft")
    except PackageNotFoundError:
        return "(development)"


def parse_date(value: str | None) -> dt.datetime:
    """The front matter date as a UTC datetime; 2000-01-01 when absent or unreadable."""
    if value:
        try:
            d = dt.date.fromisoformat(value.strip()[:10])
            return dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc)
        except ValueError:
            pass
    return dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


class Layout:
    """Sets up the python-docx document: page, styles, header/footer, title."""

    def __init__(self, document: DocxDocument, front: FrontMatter, *, has_sections: bool) -> None:
        self.document = document
        self.front = front
        self.language = (front.language or "en").strip().lower().split("-")[0]
        self.rtl = self.language == "ar"
        self.lang_tag = _lang_tag(front.language)
        self.when = parse_date(front.date)
        self.date_attr = self.when.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.scripts = ooxml.Scripts(EAST_ASIA_FONT, "zh-CN", CS_FONT, "ar-SA")
        self._labels: dict[str, float] = {}
        self._char_styles: set[str] = set()
        self._heading_style = {
            "part": "Heading1", "chapter": "Heading2", "section": "Heading3",
            "preamble": "Heading3", "article": "Heading4" if has_sections else "Heading3",
        }

    # ------------------------------------------------------------ setup

    def setup(self) -> None:
        self._page()
        self._styles()
        self._header_footer()
        package.set_core_properties(self.document.core_properties,
                                  title=ooxml.clean(self.front.title or ""),
                                  subject=ooxml.clean(self.front.symbol or ""),
                                  when=self.when.replace(tzinfo=None))
        package.set_app_properties(self.document, "treatydraft " + _version())

    def _page(self) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.5))
        section.header_distance = section.footer_distance = Cm(1.25)

    def _styles(self) -> None:
        styles = self.document.styles
        ooxml.set_doc_defaults(styles.element, ascii_font=LATIN_FONT,
                               east_asia_font=EAST_ASIA_FONT, cs_font=CS_FONT,
                               lang=self.lang_tag if self.language not in ("zh", "ar") else "en-GB",
                               east_asia_lang="zh-CN", bidi_lang="ar-SA")
        normal = styles["Normal"]
        normal.font.size = Pt(12)
        normal.paragraph_format.space_after = Pt(6)
        ooxml.theme_languages(self.document.settings.element, lang=self.lang_tag,
                              east_asia="zh-CN", bidi="ar-SA")
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
            st = styles[name]
            st.font.color.rgb = None
            ooxml.style_fonts(st.element, ascii_font=LATIN_FONT, east_asia_font=EAST_ASIA_FONT,
                              cs_font=CS_FONT)
            if name != "Title":
                st.paragraph_format.keep_with_next = True
        P = WD_STYLE_TYPE.PARAGRAPH

        def para_style(name: str, style_id: str, left: float, hanging: float) -> None:
            st = styles.add_style(name, P)
            st.element.set(qn("w:styleId"), style_id)
            st.base_style = styles["Normal"]
            pf = st.paragraph_format
            pf.left_indent, pf.first_line_indent = Cm(left), Cm(-hanging)
            pf.tab_stops.add_tab_stop(Cm(left), WD_TAB_ALIGNMENT.LEFT)
            pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

        para_style("Treaty Paragraph", STYLE_PARAGRAPH, 1.0, 1.0)
        para_style("Treaty Subparagraph", STYLE_SUBPARAGRAPH, 2.0, 1.0)
        para_style("Treaty Subparagraph 2", STYLE_SUBPARAGRAPH2, 3.0, 1.0)
        opt = styles.add_style("Option Label", P)
        opt.element.set(qn("w:styleId"), STYLE_OPTION)
        opt.base_style = styles["Normal"]
        opt.font.bold = True
        opt.paragraph_format.keep_with_next = True
        fn = styles.add_style("Footnote Text", P)
        fn.element.set(qn("w:styleId"), FOOTNOTE_TEXT)
        fn.base_style = styles["Normal"]
        fn.font.size = Pt(10)
        fn.paragraph_format.space_after = Pt(0)
        ref = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        ref.element.set(qn("w:styleId"), FOOTNOTE_REF)
        ref.font.superscript = True
        ct = styles.add_style("annotation text", P)
        ct.element.set(qn("w:styleId"), "CommentText")
        ct.base_style = styles["Normal"]
        ct.font.size = Pt(10)
        cr = styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
        cr.element.set(qn("w:styleId"), "CommentReference")
        cr.font.size = Pt(8)
        if self.front.title and (self.rtl or self.language == "zh"
                                 or self.scripts.kind(self.front.title, self.rtl)):
            for sid in ("Title", "Title Char"):
                if sid in [st.name for st in styles]:
                    ooxml.style_no_letter_spacing(styles[sid].element)
        if self.rtl:
            for sid in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title",
                        "Body Text", "Header", "Footer"):
                ooxml.style_bidi(styles[sid].element)

    def _header_footer(self) -> None:
        section = self.document.sections[0]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        assert width is not None and left is not None and right is not None  # set by _page
        text_width = width - left - right
        tabs = self.document.styles["Header"].paragraph_format.tab_stops
        tabs.clear_all()
        tabs.add_tab_stop(text_width // 2, WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
        header = section.header.paragraphs[0]
        header.style = self.document.styles["Header"]
        parts = [p for p in (self.front.symbol, self.front.date) if p]
        for i, part in enumerate(parts):
            if i:
                # the tabs in a run of their own, right-to-left in an Arabic document:
                # inside a left-to-right run LibreOffice cannot place them and the symbol
                # and the date run together
                tab_rpr = self.scripts.rpr("rtl") if self.rtl else None
                ooxml.add_tab(header._p, rpr=tab_rpr, count=2)
            ooxml.add_text(header._p, part)
        footer = section.footer.paragraphs[0]
        footer.style = self.document.styles["Footer"]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ooxml.add_page_number(footer._p)
        if self.rtl:
            ooxml.set_bidi(header._p)
            ooxml.set_bidi(footer._p)

    def char_style(self, style_id: str) -> str:
        """``style_id`` (:data:`CHAR_LITERAL` or :data:`CHAR_NUMBER`), added to the styles
        on first use: a character style with no formatting of its own."""
        if style_id not in self._char_styles:
            self._char_styles.add(style_id)
            st = self.document.styles.add_style(_CHAR_NAMES[style_id], WD_STYLE_TYPE.CHARACTER)
            st.element.set(qn("w:styleId"), style_id)
        return style_id

    # ------------------------------------------------------------ per paragraph

    def heading_style(self, heading: Heading) -> str:
        """The paragraph style of a line that starts with ``heading``."""
        kind = heading.kind
        if kind in self._heading_style:
            return self._heading_style[kind]
        if kind == "paragraph":
            return STYLE_PARAGRAPH
        if kind == "subparagraph":
            return STYLE_SUBPARAGRAPH if heading.level <= 6 else STYLE_SUBPARAGRAPH2
        return STYLE_BODY

    def note_label(self, style_id: str, label: str) -> None:
        """Record a label written before a tab in a hanging-indent style."""
        width = text_width_pt(label)
        if width > self._labels.get(style_id, 0.0):
            self._labels[style_id] = width

    def fit_labels(self) -> None:
        """Widen the hanging indents so that the widest label of each style leaves a gap
        of at least :data:`LABEL_GAP_PT` before the text (1 cm at least, 0.25 cm steps)."""
        step = Cm(0.25)
        left = 0
        for name, sid in (("Treaty Paragraph", STYLE_PARAGRAPH),
                          ("Treaty Subparagraph", STYLE_SUBPARAGRAPH),
                          ("Treaty Subparagraph 2", STYLE_SUBPARAGRAPH2)):
            need = Pt(self._labels.get(sid, 0.0) + LABEL_GAP_PT)
            hanging = max(Cm(1.0), -(-need // step) * step)
            left += hanging
            pf = self.document.styles[name].paragraph_format
            pf.left_indent, pf.first_line_indent = left, -hanging
            pf.tab_stops.clear_all()
            pf.tab_stops.add_tab_stop(left, WD_TAB_ALIGNMENT.LEFT)

    @staticmethod
    def tab_after(heading: Heading) -> bool:
        """Whether the blank after this marker becomes a tab (hanging-indent styles)."""
        return heading.kind in ("paragraph", "subparagraph")
