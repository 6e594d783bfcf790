"""Reflow text copied out of a PDF into draft text: one line per paragraph.

Text copied from a PDF (or extracted from its text layer) is hard-wrapped, carries
page headers, footers and page numbers inside paragraphs, and breaks CJK lines in the
middle of words.  :func:`reflow`:

1. drops **page furniture**: lines that are only a page number (``12``, ``- 12 -``,
   ``Page 3 of 9``, ``3/9``), and short lines that repeat on several pages once digits
   are ignored (running headers and footers such as the document symbol or a job
   number ``V.22-12345``): where the text has its pages (form feeds, as the PDF reader
   writes them), only at the top or bottom of a page and on at least 40% of the pages;
   never a line that ends a sentence or a clause (``and other States;``) or a unit's
   heading (``Rule 53``), which a text repeats;
2. decides whether blank lines mean anything: when most lines are followed by a blank
   line (double-spaced copies), blank lines are noise; otherwise a blank line ends a
   paragraph;
3. starts a new paragraph at a line that begins with a paragraph or heading marker
   (``12.``, ``(a)``, ``b. Encourage``, ``iv. Promote``, ``二.``, ``第五条``, ``Article 5``,
   ``Option (b):``, ``Option II``,
   a preambular or operative label ``Pp4``, ``(OP2)``, a footnote ``[^1]:``; a unit's
   word only where a line can start a heading, not on a full line continuing a
   sentence: ``... as stated in its`` / ``Article 2 in order to``), at a bracket opening
   with a capital after a paragraph bracketed whole (``... circumstances,]`` /
   ``[Gravely concerned ...``), or after
   a line clearly shorter than a full line of the page (the last line of a paragraph, a heading), or at an
   indented line after a sentence end (when few lines are indented), but never
   while a bracket opened in the paragraph is still open and the next line does not
   start a numbered unit (a bracket split by a page break stays one bracket);
4. joins the lines of a paragraph with a blank, or with nothing between CJK
   characters (``[计算机数`` + ``据]`` -> ``[计算机数据]``); a hyphen between lower-case
   letters at the end of a line is taken for hyphenation and dropped
   (``preserva-`` + ``tion``).

:class:`Reflowed` says what was removed, so the command can report it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..io import InputError

__all__ = ["reflow", "Reflowed", "check_readable", "unreadable"]

_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*\d{1,4}\s*-|\d{1,4}|\d{1,4}\s*/\s*\d{1,4}|(?:page|página|стр\.?)\s*\d{1,4}"
    r"(?:\s*(?:of|de|из)\s*\d{1,4})?|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|[ivxlc]{1,6})\s*$",
    re.I)
#: a unit's word starting a line (`Article 5`, `Chapter II`)
_UNIT_WORDS = r"(?:Article|Chapter|Part|Section|Preamble|Annex|Artículo|Capítulo|Статья|Глава|المادة|الفصل)\b"
_MARKER = re.compile(
    r"^\s*(?:\d{1,3}(?:\s?(?:bis|ter|quater))?\.(?:\s|$|(?=[^\x00-\x7f])|(?=\[))|\(\w{1,6}\)|（[^）]{1,4}）"
    r"|(?:[a-z]|[ivx]{2,5})\.\s+(?=[\[\"“‘A-Z])"
    r"|[一二三四五六七八九十]{1,3}[.、．]|第[一二三四五六七八九十百零〇\d]+[条章节部分]"
    r"|" + _UNIT_WORDS +
    r"|\[?\s*(?:Option|Alt\.|Alternative|Opción|Вариант|الخيار|备选案文)\s*(?:\d|\(?[a-z]{1,2}\)?\s?:|"
    r"[IVX]{1,4}\b)|\[\s*\d{1,3}\.\s|>|\[?\(?(?:pp|op)\s?\d{1,3}(?:bis|ter)?\)?\s"
    r"|\[\^[^\]\s]{1,12}\]:)", re.I)
#: a unit's word (`Article 2`): a heading only where a line can start one (after a
#: sentence's end or a short line, or on a short line itself), not a wrapped line that
#: happens to begin with a reference (`... as stated in its` / `Article 2 in order to`)
_UNIT_WORD = re.compile(r"\s*" + _UNIT_WORDS, re.I)
#: a paragraph bracketed whole ends (`... circumstances,]`) and the next opens
#: (`[Gravely concerned ...`): a new paragraph, as the negotiating texts stack them
_WHOLE_BRACKETED = re.compile(r"[.,;:]\]+$")
_OPENS_BRACKETED = re.compile(r"\[+[^\W\d_a-z]")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_OPEN, _CLOSE = "[［【", "]］】"
_FINAL = frozenset("。？！：；.?!:;")


@dataclass
class Reflowed:
    """The reflowed text and what was removed on the way."""
    text: str
    page_numbers: int = 0
    """Page-number lines removed."""
    furniture: dict[str, int] = field(default_factory=dict)
    """Repeated header/footer lines removed: the first such line -> times (digits may vary)."""
    paragraphs: int = 0
    """Paragraphs written."""
    notes: list[str] = field(default_factory=list)
    """How the text was read, for the user (e.g. right-to-left lines put in logical order)."""

    def report(self) -> list[str]:
        out = list(self.notes)
        if self.page_numbers:
            out.append(f"removed {self.page_numbers} page number line(s)")
        for line, n in self.furniture.items():
            out.append(f"removed {n} repeated header/footer line(s): {line!r}")
        out.append(f"{self.paragraphs} paragraph(s)")
        return out


def _key(line: str) -> str:
    """A line with its digits ignored, its words in any order: the running foot of even
    pages (``26-06383 2/81``) and of odd ones (``3/81 26-06383``) are one."""
    return " ".join(sorted(re.sub(r"\d+", "#", line).split()))


def _depth(line: str, depth: int) -> int:
    for ch in line:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
    return depth


def _seam(left: str, right: str) -> tuple[str, bool]:
    """What joins a paragraph ending with ``left`` to its next line ``right``: (the
    separator, whether the hyphen ending ``left`` goes)."""
    a, b = left[-1], right[:1]
    cjk_a, cjk_b = bool(_CJK.match(a)), bool(_CJK.match(b))
    if (cjk_a or cjk_b) and (cjk_a or a in _OPEN + _CLOSE) and (cjk_b or b in _OPEN + _CLOSE):
        return "", False
    if a in _OPEN:
        return "", False
    if a == "-" and len(left) > 1 and left[-2].islower() and b.islower():
        return "", True  # a word hyphenated at the end of the line
    return " ", False


class _Paragraph:
    """A paragraph being reflowed: its lines' pieces, joined once at its end (a paragraph
    of many lines must not be copied at every line), and its last characters."""

    __slots__ = ("pieces", "tail")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.tail = ""

    def __bool__(self) -> bool:
        return bool(self.pieces)

    def add(self, line: str) -> None:
        if self.pieces:
            sep, hyphen = _seam(self.tail, line)
            if hyphen:
                self.pieces[-1] = self.pieces[-1][:-1]
                self.tail = self.tail[:-1]
            if sep:
                self.pieces.append(sep)
            self.tail += sep
        self.pieces.append(line)
        self.tail = (self.tail + line[-8:])[-8:]

    def text(self) -> str:
        return "".join(self.pieces)


# a line of the text, not a running head or foot: one that ends a sentence or a clause
# (`... and other States;`, `Agreement.`, a footnote `5 Ibid.`), or a unit's heading
# (`Rule 53`, `Regla 12`: the same once digits are ignored, but each its own)
_BODY_LIKE = re.compile(r"[.;:,!?。；：，]$|^[^\W\d_]+ \d+$")
_EDGE = 3  # lines at the top and at the bottom of a page where furniture stands


def _may_be_furniture(line: str) -> bool:
    s = " ".join(line.split())
    return bool(s) and len(s) <= 60 and not _MARKER.match(s) and not _BODY_LIKE.search(s) \
        and not any(ch in s for ch in _OPEN + _CLOSE)


def _furniture_places(text: str) -> tuple[list[str], list[bool]]:
    """The lines of ``text`` (a form feed is a page break, as blank lines) and, for each,
    whether it stands where page furniture does: among the first or last few non-blank
    lines of a page when the text has form feeds (the PDF reader's pages), anywhere
    otherwise (text copied from a PDF, whose page breaks are lost)."""
    pages = text.split("\f")
    lines: list[str] = []
    edge: list[bool] = []
    for n, page in enumerate(pages):
        if n:
            lines += ["", ""]
            edge += [False, False]
        rows = [ln.rstrip() for ln in page.split("\n")]
        filled = [i for i, ln in enumerate(rows) if ln.strip()]
        ends = set(filled[:_EDGE] + filled[-_EDGE:]) if len(pages) > 1 else set(filled)
        lines += rows
        edge += [i in ends for i in range(len(rows))]
    return lines, edge


def reflow(text: str) -> Reflowed:
    """Reflow PDF-copied ``text`` (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines, edge = _furniture_places(text)
    result = Reflowed("")
    # 1. page furniture
    # each line that may be furniture, by its key (None: a line of the text)
    keys = [_key(ln) if edge[i] and _may_be_furniture(ln) else None
            for i, ln in enumerate(lines)]
    counts = Counter(k for k in keys if k)
    pages = text.count("\f") + 1
    least = max(3, int(0.4 * pages)) if pages >= 3 else 3
    furniture = {k for k, n in counts.items() if n >= least}
    kept: list[str] = []
    shown: dict[str, str] = {}  # furniture key -> the first such line, as reported
    for i, ln in enumerate(lines):
        s = ln.strip()
        if s and _PAGE_NUMBER.match(s):
            result.page_numbers += 1
            continue
        key = keys[i]
        if key in furniture:
            first = shown.setdefault(key, " ".join(s.split()))
            result.furniture[first] = result.furniture.get(first, 0) + 1
            continue
        kept.append(ln)
    # 2. are blank lines meaningful?
    nonblank = [i for i, ln in enumerate(kept) if ln.strip()]
    followed = sum(1 for i in nonblank if i + 1 < len(kept) and not kept[i + 1].strip())
    blank_breaks = not nonblank or followed < 0.5 * len(nonblank)
    # 3. a full line's width
    widths = sorted(len(kept[i].strip()) for i in nonblank)
    full = widths[int(len(widths) * 0.8)] if widths else 0
    indented = sum(1 for i in nonblank if kept[i][:1].isspace())
    indent_breaks = indented < 0.3 * max(len(nonblank), 1)
    paras: list[str] = []
    current, depth, prev_short = _Paragraph(), 0, False
    for ln in kept:
        s = ln.strip()
        if not s:
            if blank_breaks and current and depth == 0:
                paras.append(current.text())
                current, prev_short = _Paragraph(), False
            continue
        end = current.tail[-1:]
        marker = _MARKER.match(s)
        if marker and _UNIT_WORD.match(s) and current and not prev_short \
                and end not in _FINAL and len(s) >= 0.7 * full:
            marker = None  # `... as stated in its` / `Article 2 in order to ...`: wrapped
        starts = marker or (depth == 0 and (prev_short or (
            indent_breaks and ln[:1].isspace() and end in _FINAL)
            or _WHOLE_BRACKETED.search(current.tail) and _OPENS_BRACKETED.match(s)))
        if current and starts:
            paras.append(current.text())
            current, depth = _Paragraph(), 0
        current.add(s)
        depth = _depth(s, depth)
        prev_short = len(s) < 0.7 * full
    if current:
        paras.append(current.text())
    result.paragraphs = len(paras)
    result.text = "".join(p + "\n\n" for p in paras).rstrip("\n") + ("\n" if paras else "")
    return result


#: what a text layer whose fonts have no usable character map gives: pdfminer.six's
#: glyph numbers, control characters (``\x03`` for a blank), the replacement character,
#: private-use characters, and the blocks broken CJK maps fall into (Kangxi radicals,
#: CJK Extension A, Ol Chiki), which real drafts hardly use
_CID = re.compile(r"\(cid:\d+\)")
_BROKEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd\ue000-\uf8ff\u2e80-\u2fdf"
                     "\u3400-\u4dbf\u1c50-\u1c7f]")
_UNREADABLE_SHARE = 0.05


def unreadable(text: str) -> float:
    """The share of ``text``'s characters (blanks aside) that are no readable text."""
    text = _CID.sub("\ufffd", text)
    shown = sum(1 for ch in text if not ch.isspace())
    return len(_BROKEN.findall(text)) / shown if shown else 0.0


def check_readable(text: str, what: str, source: str | None) -> None:
    """Refuse ``text`` (``what``: "the PDF's text layer", "the text") when more than 5% of
    it is no readable text: a PDF whose fonts have no usable character map, or text
    copied out of one."""
    share = unreadable(text)
    if share > _UNREADABLE_SHARE:
        raise InputError(f"{what} is not readable text: {share:.0%} of its characters are "
                         "control characters, glyph numbers ((cid:N)) or characters a broken "
                         "font encoding gives (the PDF's fonts map glyphs to no character, "
                         "or to the wrong ones)", file=source,
                         hint="run OCR on the PDF first (e.g. ocrmypdf --force-ocr), or take "
                              "the text from the Word or HTML version of the document")
