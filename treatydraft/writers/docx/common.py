"""What both styles share: the paragraph cursor, dispatch on node type, attribution wording.

Each line of the draft (``LineBreak``-separated) becomes one Word paragraph; a
paragraph is created when the line writes its first run, so blank lines and lines
holding only footnote definitions, chair's notes or ``\\end-options`` produce none.
A line that starts with a :class:`Heading` (possibly after opening brackets) takes
the heading's paragraph style; after a paragraph or subparagraph number the blank
becomes a tab (hanging indent).

Footnote definition lines are not paragraphs: their text becomes the Word footnote
at the footnote's marker.  A definition no marker refers to, and every chair's
note, becomes a footnote at the end of the paragraph before it.

Notation the import must read back but a reader of the document need not see:
an escaped character (``\\[``) is written as the character in the character style
"Draft Literal"; ``\\end-options`` is a hidden bookmark (``_TDEndOptions<n>``) at the
end of the paragraph before it, ``\\+`` a hidden bookmark (``_TDSplit<n>``) where it
stands.  Word, LibreOffice and pandoc show neither.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from docx.document import Document as DocxDocument
from lxml.etree import _Element

from ...ast import (
    Alternative,
    BracketGroup,
    Document,
    DraftingNote,
    Escape,
    Footnote,
    FootnoteRef,
    Heading,
    LineBreak,
    Node,
    Note,
    NoText,
    Option,
    OptionBlock,
    OptionsEnd,
    Placeholder,
    SplitMark,
    Text,
    _lone_value,  # (the AST's own reading of a one-text alternative)
)

# (walk, without making the text of one-text alternatives nodes)
from ...document import _walk_structure
from ...errors import ExportError
from ...wording import UNATTRIBUTED as _U
from . import ooxml
from .layout import CHAR_LITERAL, STYLE_BODY, STYLE_OPTION, STYLE_TITLE, Layout
from .spool import PartSpool

__all__ = ["BaseWriter", "Wording", "UNATTRIBUTED", "BATCH"]

BATCH = 2048
"""Finished paragraphs are written out (:mod:`.spool`) once they hold about this many
runs, a run of more than 128 characters counting once per 128: serializing each alone
costs more time, and a batch is all the memory they take."""

UNATTRIBUTED = _U["en"]
"""Author of a change no delegation is known to have proposed (pandoc drops changes without
one), in English; :attr:`Wording.unattributed` is the word in the draft's language."""

# ---------------------------------------------------------------- wording

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_PHRASES = {
    # language: (proposed by {names}., brackets requested by {names}., " and ", ", ",
    #            author of a change no delegation is known to have proposed)
    "en": ("Proposed by {}.", "Bracketed at the request of {}.", " and ", ", ", _U["en"]),
    "fr": ("Proposé par {}.", "Crochets demandés par {}.", " et ", ", ", _U["fr"]),
    "es": ("Propuesto por {}.", "Corchetes solicitados por {}.", " y ", ", ", _U["es"]),
    "ru": ("Предложено: {}.", "Квадратные скобки по просьбе: {}.", " и ", ", ", _U["ru"]),
    "zh": ("由{}提议。", "应{}要求加括号。", "和", "、", _U["zh"]),
    "ar": ("اقترحه {}.", "وضعت بين قوسين بناءً على طلب {}.", " و", "، ", _U["ar"]),
}

# English registry names that take the article ("the Russian Federation", "the European Union").
_THE_PREFIXES = ("Russian Federation", "United ", "European ", "African Group", "Group of",
                 "Republic of", "Democratic Republic", "Islamic Republic", "Czech Republic",
                 "Dominican Republic", "Central African", "Syrian Arab", "Arab Group",
                 "Asia-Pacific", "Latin American", "Caribbean Community", "Alliance of",
                 "Non-Aligned", "Least Developed", "Core Group", "Like-minded")
_THE_NAMES = {"Niger", "Sudan", "Gambia", "Bahamas", "Comoros", "Maldives", "Seychelles",
              "Netherlands", "Philippines", "Holy See", "Marshall Islands", "Solomon Islands"}


class Wording:
    """Attribution sentences in the draft's language, with names from the registry."""

    def __init__(self, doc: Document, language: str) -> None:
        self.names: dict[str, str] = {d.code: d.name for d in doc.front.delegations}
        self.language = language if language in _PHRASES else "en"
        (self.proposed, self.bracketed, self.and_, self.comma,
         self.unattributed) = _PHRASES[self.language]

    def name(self, code: str) -> str:
        """The registry name of ``code`` (the code itself when the registry lacks it)."""
        return self.names.get(code, code)

    def _in_sentence(self, code: str) -> str:
        name = self.name(code)
        if self.language == "en" and not name.lower().startswith("the ") and (
                name in _THE_NAMES or name.startswith(_THE_PREFIXES)):
            return "the " + name
        return name

    def names_list(self, codes: Sequence[str]) -> str:
        names = [self._in_sentence(c) for c in codes]
        if len(names) <= 1:
            return "".join(names)
        return self.comma.join(names[:-1]) + self.and_ + names[-1]

    def proposed_by(self, codes: Sequence[str]) -> str:
        """``Proposed by the Russian Federation and China.``"""
        return self.proposed.format(self.names_list(codes))

    def bracketed_by(self, codes: Sequence[str]) -> str:
        return self.bracketed.format(self.names_list(codes))

    def initials(self, code: str) -> str:
        return code

    def quoted(self, text: str, sentence: str) -> str:
        """``sentence`` about the quoted ``text``: ``“to delete”: Proposed by China.``"""
        left, right = ("«\u00a0", "\u00a0»") if self.language in ("fr",) else \
            ("«", "»") if self.language in ("es", "ru", "ar") else ("“", "”")
        return f"{left}{text}{right}: {sentence}"


# ---------------------------------------------------------------- writer base


class BaseWriter:
    """Walks the body and writes paragraphs; subclasses write groups and option blocks.

    Dispatch is on node type (``write_<Type>``, collected once per class); a node type
    without a method raises :class:`ExportError` rather than being skipped.
    """

    _dispatch: dict[type, Callable[[Any, Any], None]] = {}
    bracketed: int
    """Groups written with visible brackets (counted by the subclasses; the groups in a
    footnote's text, written as its text, by :meth:`write_Footnote`)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._dispatch = {}
        for typ in (Text, LineBreak, Escape, SplitMark, Heading, Placeholder, FootnoteRef,
                    Footnote, Note, DraftingNote, NoText, OptionsEnd, BracketGroup,
                    OptionBlock):
            meth = getattr(cls, "write_" + typ.__name__, None)
            if meth is not None:
                cls._dispatch[typ] = meth

    def __init__(self, doc: Document, document: DocxDocument, layout: Layout, *,
                 attribution: str) -> None:
        self.doc = doc
        self.document = document
        self.layout = layout
        self.attribution = attribution
        self.wording = Wording(doc, layout.language)
        self.date = layout.date_attr
        self.ids = ooxml.Ids()
        self.bookmarks = ooxml.Ids()
        self.scripts = layout.scripts
        self.footnotes = ooxml.Footnotes(document, ooxml.Ids(), "FootnoteText", "FootnoteReference",
                                         self.scripts)
        self.comments = ooxml.Comments(document, self.ids, self.date, self.scripts,
                                       rtl=layout.rtl)
        self.body = document.element.body
        self.spool = PartSpool(self.body, shift=True)
        """The finished paragraphs (:mod:`.spool`)."""
        self.pending = 0           # runs (and 128 characters) not written out yet
        self.p: _Element | None = None  # the current paragraph (None between lines)
        self.last_p: _Element | None = None  # the previous paragraph (anchor for notes)
        self.stack: list[_Element] = []  # open w:ins / w:del elements (tracked style)
        self.deleted = False       # inside a w:del: runs use w:delText
        self.line_has_text = False
        self.pending_tab = False
        self.p_rtl: bool | None = None  # direction of the current paragraph once known
        self.referenced = {f.label for n in _walk_structure(doc.body)
                           for f in ((n,) if isinstance(n, FootnoteRef) else
                                     n.footnotes if isinstance(n, Alternative) else ())}

    # ------------------------------------------------------------ driver

    def run(self) -> None:
        """Write the document.  The paragraphs are in :attr:`spool` (and the footnotes
        and comments in theirs): ids of changes and comments are shifted past the
        footnotes' (:attr:`id_offset`) when the package is saved."""
        sect = ooxml.detach_sectpr(self.body)
        self.write_title()
        self.write_body()
        self.end_line()
        self.layout.fit_labels()
        self.spool.flush()
        if sect is not None:
            self.body.append(sect)

    @property
    def spools(self) -> list[PartSpool]:
        """Every spooled part: the body, and the footnotes and comments when written."""
        return [s for s in (self.spool, self.footnotes.spool, self.comments.spool)
                if s is not None]

    @property
    def id_offset(self) -> int:
        """What the ids of changes and comments are shifted by (the footnotes' count)."""
        return self.footnotes.count

    def new_paragraph(self, style_id: str | None = None) -> _Element:
        """A new body paragraph.  Every one before it is finished: they are written out
        once they hold about :data:`BATCH` runs."""
        self.pending += 1
        if self.pending >= BATCH:
            self.spool.flush()
            self.pending = 0
        return ooxml.new_paragraph(self.body, style_id)

    def write_body(self) -> None:
        self.write_nodes(self.doc.body)

    def write_nodes(self, nodes: Iterable[Node]) -> None:
        dispatch = self._dispatch
        for node in nodes:
            meth = dispatch.get(type(node))
            if meth is None:
                raise ExportError(f"the docx writer cannot write a {type(node).__name__} node")
            meth(self, node)

    def write_title(self) -> None:
        title = self.doc.front.title
        if title:
            p = self.new_paragraph(STYLE_TITLE)
            self._start_direction(p)
            self._run(p, title)
            self.last_p = None

    # ------------------------------------------------------------ paragraph cursor

    def _start_direction(self, p: _Element) -> None:
        self.p_rtl = True if self.layout.rtl else None
        if self.layout.rtl:
            ooxml.set_bidi(p)

    def para(self) -> _Element:
        """The current paragraph, created on first use."""
        if self.p is None:
            self.p = self.new_paragraph()
            self._start_direction(self.p)
            self.line_has_text = False
        return self.p

    def target(self) -> _Element:
        """Where runs go: the innermost open change, else the current paragraph."""
        return self.stack[-1] if self.stack else self.para()

    def end_line(self) -> None:
        if self.p is not None:
            ppr = self.p.find(ooxml.W_PPR)
            if ppr is None or ppr.find(ooxml.W_PSTYLE) is None:
                ooxml.set_style(self.p, STYLE_BODY)
            self.last_p = self.p
        self.p = None
        self.pending_tab = False
        self.line_has_text = False

    def _run(self, parent: _Element, text: str, char_style: str | None = None) -> _Element:
        if self.p_rtl is None:
            direction = self.scripts.starts_rtl(text)
            if direction is not None:
                self.p_rtl = direction
                if direction:
                    p = self.p if self.p is not None else parent
                    ooxml.set_bidi(p)
                    self.scripts.mark_rtl(p)
        self.pending += 1 + len(text) // 128
        kind = self.scripts.kind(text, bool(self.p_rtl))
        rpr = self.scripts.rpr(kind) if kind else None
        if char_style is not None:
            rpr = ooxml.with_char_style(rpr, char_style)
        return ooxml.add_text(parent, text, deleted=self.deleted, rpr=rpr)

    def text(self, value: str, char_style: str | None = None) -> None:
        """Write treaty text (the blank after a paragraph number becomes a tab)."""
        if not value:
            return
        target = self.target()
        if self.pending_tab:
            self.pending_tab = False
            stripped = value.lstrip(" \t")
            if stripped != value:
                ooxml.add_tab(target, rpr=self.scripts.rpr("rtl") if self.p_rtl else None)
                value = stripped
                if not value:
                    return
        if not self.line_has_text and value.strip():
            self.line_has_text = True
        self._run(target, value, char_style)

    def mark(self, value: str) -> None:
        """Write a bracket or other mark (not treaty text: does not end the line's start)."""
        self.pending_tab = False
        self._run(self.target(), value)

    def note_anchor(self) -> _Element:
        """The paragraph a chair's note or stray footnote attaches to."""
        if self.p is not None:
            return self.target()
        if self.last_p is not None:
            return self.last_p
        return self.para()

    def footnote(self, parent: _Element, text: str) -> None:
        self.pending_tab = False
        self.footnotes.add(parent, text, rtl=bool(self.p_rtl))

    def write_note(self, parent: _Element, note: Footnote) -> None:
        """A draft's footnote, its reference at the end of ``parent``: the note's text as
        a reader sees it, its groups with their brackets (see :meth:`write_Footnote`)."""
        self.footnote(parent, note.shown)

    # ------------------------------------------------------------ attribution

    def lead_author(self, codes: Sequence[str]) -> str:
        return self.wording.name(codes[0]) if codes else self.wording.unattributed

    def attribute(self, proposers: Sequence[str], anchor_start: str | None = None, *,
                  group: bool = False) -> None:
        """Attribution after a closing bracket: a footnote, or a comment over the alternative.

        ``anchor_start`` is the comment id started at the opening bracket (comments mode).
        """
        if not proposers:
            return
        text = (self.wording.bracketed_by if group else self.wording.proposed_by)(proposers)
        if self.attribution == "comments":
            cid = anchor_start
            if cid is None:
                cid = self.new_comment(proposers, text)
                ooxml.Comments.start(self.target(), cid)
            ooxml.Comments.end(self.target(), cid)
        else:
            self.footnote(self.target(), text)

    def new_comment(self, proposers: Sequence[str], text: str) -> str:
        author = self.lead_author(proposers)
        return self.comments.new(author, self.wording.initials(proposers[0]) if proposers
                                 else "", text)

    def open_attribution(self, proposers: Sequence[str]) -> str | None:
        """At an opening bracket in comments mode: start the comment range; its id or None."""
        if self.attribution != "comments" or not proposers:
            return None
        text = self.wording.proposed_by(proposers)
        cid = self.new_comment(proposers, text)
        ooxml.Comments.start(self.target(), cid)
        return cid

    # ------------------------------------------------------------ leaves

    def write_Text(self, node: Text) -> None:
        self.text(node.value)

    def write_LineBreak(self, node: LineBreak) -> None:
        self.end_line()

    def write_Escape(self, node: Escape) -> None:
        """``\\[`` is written ``[`` in the character style "Draft Literal"."""
        self.text(node.char, self.layout.char_style(CHAR_LITERAL))

    def bookmark(self, parent: _Element, prefix: str) -> None:
        bid = self.bookmarks()
        ooxml.add_bookmark(parent, bid, prefix + bid)

    def write_SplitMark(self, node: SplitMark) -> None:
        """``\\+`` (two independent brackets) is notation: a hidden bookmark."""
        self.bookmark(self.target(), ooxml.BOOKMARK_SPLIT)

    def write_OptionsEnd(self, node: OptionsEnd) -> None:
        """``\\end-options`` is notation: a hidden bookmark at the end of the paragraph
        before it (its own line is not a paragraph)."""
        self.bookmark(self.note_anchor(), ooxml.BOOKMARK_END_OPTIONS)

    def write_Heading(self, node: Heading, char_style: str | None = None) -> None:
        starts_line = not self.line_has_text
        if starts_line:
            ooxml.set_style(self.para(), self.layout.heading_style(node))
        self.pending_tab = False
        self.line_has_text = True
        self._run(self.target(), node.value, char_style)
        self.pending_tab = self.layout.tab_after(node)
        if starts_line and self.pending_tab:
            # the label is everything before the tab: opening brackets and the number
            self.layout.note_label(self.layout.heading_style(node), ooxml.paragraph_text(self.para()))

    def write_Placeholder(self, node: Placeholder) -> None:
        self.text(node.value)

    def write_DraftingNote(self, node: DraftingNote) -> None:
        self.text(node.value)  # as written, brackets or braces included

    def write_NoText(self, node: NoText) -> None:
        self.text(node.value)

    def write_FootnoteRef(self, node: FootnoteRef) -> None:
        note = self.doc.footnotes.get(node.label)
        if note is None:
            self.text(node.value)  # a marker without a note stays visible
        else:
            self.write_note(self.target(), note)

    def write_Footnote(self, node: Footnote) -> None:
        # the groups of the note's text are counted once here, however often it is written
        self.bracketed += sum(isinstance(n, (BracketGroup, OptionBlock))
                              for n in _walk_structure(node.children))
        if node.label not in self.referenced:
            self.write_note(self.note_anchor(), node)

    def write_Note(self, node: Note) -> None:
        self.footnote(self.note_anchor(), node.text)

    # ------------------------------------------------------------ groups, as brackets

    def write_alternative_bracketed(self, alt: Alternative) -> None:
        written = bool(alt.attribution)
        cid = self.open_attribution(alt.proposers) if written else None
        self.mark(alt.open)
        lone = _lone_value(alt) if type(alt) is Alternative else None
        if lone is None:
            self.write_nodes(alt.children)
        else:
            # one text, read from the source: alt.children would make it a node and
            # keep it (about 40 bytes per byte of a bracket-dense draft)
            self.text(lone)
        self.mark(alt.close)
        if written:
            self.attribute(alt.proposers, cid)
        for ref in alt.footnotes:
            self.write_FootnoteRef(ref)

    def write_group_bracketed(self, node: BracketGroup) -> None:
        for i, alt in enumerate(node.alternatives):
            if i and node.gaps[i - 1]:  # rival paragraphs bracketed whole: a line break
                self.write_gap(node.gaps[i - 1])
            self.write_alternative_bracketed(alt)
        if node.attribution:
            self.attribute(node.proposers, group=True)

    def write_options_visible(self, node: OptionBlock) -> None:
        for i, opt in enumerate(node.options):
            if i and node.gaps:  # after an option bracketed whole: its line ends here
                self.write_gap(node.gaps[i - 1])
            if opt.open:
                self.mark(opt.open)
            self.write_option_label(opt)
            self.write_nodes(opt.children)
            if opt.close:
                self.mark(opt.close)

    def write_gap(self, gap: str) -> None:
        """What stands between two options or two alternatives bracketed whole: blanks,
        and line breaks that end the paragraph as a line break of the text does."""
        for k, piece in enumerate(_LINE_BREAK.split(gap)):
            if k:
                self.end_line()
            if piece:
                self.mark(piece)

    def write_option_label(self, opt: Option) -> None:
        if not self.line_has_text:
            ooxml.set_style(self.para(), STYLE_OPTION)
        self.line_has_text = True
        self.pending_tab = False
        self._run(self.target(), opt.label)
        if opt.attribution and opt.proposers:
            self.attribute(opt.proposers)
