"""Right-to-left lines of a PDF in logical order (Arabic drafts; issue 12).

A PDF stores glyphs where they are drawn: a line mixing Arabic and Latin text, digits
and brackets is in *visual* order, and text extractors give it back in an order
that is neither visual nor logical (pypdf on a LibreOffice PDF of the Arabic sample
gave ``(PP2) ]يساورها القلق إزاء[ إذ@EU`` for ``(PP2) إذ [يساورها القلق إزاء]@EU``).
This module reads each glyph with its position (pdfminer.six, which keeps a
lam-alef ligature as one glyph), sorts a line's glyphs left to right and undoes
the Unicode bidirectional algorithm:

* the paragraph direction of a page is taken from its lines' alignment (flush right:
  right-to-left paragraphs; flush left: left-to-right, as LibreOffice lays out a
  text file);
* left-to-right paragraphs: every *right-to-left run* (from an Arabic glyph to an
  Arabic glyph, with the digits and neutral characters between them, but no Latin
  letter) is reversed.  A run also takes the characters the bidi algorithm puts at
  its logical end, which are drawn at its left: a closing bracket that closes
  nothing opened to its left on the line (``...النامية]`` of a bracket opened on the
  line before), a bracketed group of digits and marks (the footnote marker
  ``[^1]``) and a number after the text (``المادة 5``);
* right-to-left paragraphs: the line is reversed and every left-to-right run (Latin
  letters and digits with what lies between them) is put back in its order;
* digits inside a reversed run keep their order (``12`` stays ``12``); kashida glyphs
  inside a word (justification) are dropped;
* a bracket whose character is the mirrored glyph's (some extractors give the
  glyph drawn, ``]`` for an opening bracket drawn in right-to-left text) is
  mirrored back when that is what balances the run's brackets.

This is a reconstruction, not a general inverse of the bidi algorithm (which does
not exist): it is tested on PDFs LibreOffice makes from the Arabic sample and on
made-up visual lines (``tests/test_pdftext_pdf.py``, ``tests/test_pdfbidi.py``).
"""
from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pdfminer.layout import LTChar

__all__ = ["has_rtl", "logical_line", "shape_swaps", "rtl_pages"]

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_OPENERS, _CLOSERS = "([{«", ")]}»"
_BLANKS = re.compile(r" {2,}")
_MIRROR = str.maketrans("()[]{}«»", ")(][}{»«")


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds right-to-left letters (Arabic, Hebrew)."""
    return _RTL.search(text) is not None


def _kind(unit: str) -> str:
    """``R`` (right-to-left letter), ``L`` (other letter), ``D`` (digit) or ``N``
    (blank, bracket, punctuation: the Arabic comma is a neutral separator)."""
    for ch in unit:
        cls = unicodedata.bidirectional(ch)
        if cls in ("R", "AL"):
            return "R"
        if cls == "L":
            return "L"
        if cls in ("EN", "AN"):
            return "D"
    return "N"


def _pairs(units: list[str]) -> dict[int, int]:
    """Brackets matched left to right (as drawn): opener index <-> closer index."""
    match: dict[int, int] = {}
    stacks: dict[str, list[int]] = {o: [] for o in _OPENERS}
    for i, u in enumerate(units):
        if u in _OPENERS:
            stacks[u].append(i)
        elif u in _CLOSERS:
            stack = stacks[_OPENERS[_CLOSERS.index(u)]]
            if stack:
                j = stack.pop()
                match[i], match[j] = j, i
    return match


def shape_swaps(lines: list[list[str]]) -> str:
    """The bracket kinds (``[``, ``(``, ``{``, ``«``) whose characters an extractor gave
    swapped (a font that maps the opening glyph to ``]`` because it first drew a mirrored
    ``]``): drawn brackets always pair left to right, so the reading that leaves fewer
    brackets unpaired over all lines wins."""
    swapped = ""
    for o, c in zip(_OPENERS, _CLOSERS, strict=False):
        plain = flipped = 0
        for units in lines:
            sub = [u for u in units if u in (o, c)]
            if sub:
                plain += _balance(sub)
                flipped += _balance([c if u == o else o for u in sub])
        if flipped < plain:
            swapped += o
    return swapped


def _extend(units: list[str], kinds: list[str], lo: int, hi: int, start: int, end: int,
            match: dict[int, int], depth: int) -> tuple[int, int]:
    """A right-to-left run from ``units[start]`` to ``units[end]`` (Arabic glyphs),
    widened to the brackets, marks and numbers the bidi algorithm drew with it."""
    while True:  # to the left: the logical end of the run
        q = start - 1
        while q >= lo and kinds[q] == "N" and units[q] not in _OPENERS + _CLOSERS:
            q -= 1
        if q < lo:
            break
        u = units[q]
        if u in _OPENERS and (start <= match.get(q, -1) <= end
                              or (q not in match and depth > 0)):
            start = q          # a closing bracket, drawn mirrored
        elif u in _CLOSERS and q in match and match[q] >= lo and all(
                kinds[p] in "ND" for p in range(match[q], q)) and all(
                units[p] == " " for p in range(q + 1, start)):
            start = match[q]   # a marker such as [^1]
        elif kinds[q] == "D" and all(units[p] == " " for p in range(q + 1, start)):
            while q - 1 >= lo and kinds[q - 1] == "D":
                q -= 1
            start = q          # a number after the text (المادة 5)
        else:
            break
    while True:  # to the right: the logical start of the run
        q = end + 1
        while q < hi and kinds[q] == "N" and units[q] not in _OPENERS + _CLOSERS:
            q += 1
        if q >= hi:
            break
        u = units[q]
        if u in _CLOSERS and (start <= match.get(q, hi) <= end
                              or (q not in match and depth == 0)):
            end = q            # an opening bracket, drawn mirrored
        else:
            break
    return start, end


def _keep_digits(run: list[str]) -> list[str]:
    """A reversed run with its numbers put back in reading order (``1.5``, ``12``)."""
    out: list[str] = []
    i, n = 0, len(run)
    while i < n:
        if _kind(run[i]) == "D":
            j = i
            while j + 1 < n and (_kind(run[j + 1]) == "D" or (
                    run[j + 1] in ".,٫٬" and j + 2 < n and _kind(run[j + 2]) == "D")):
                j += 1
            out.extend(reversed(run[i:j + 1]))
            i = j + 1
        else:
            out.append(run[i])
            i += 1
    return out


def _balance(run: list[str]) -> int:
    """How many brackets of ``run`` close nothing or stay open."""
    bad, stack = 0, []
    for u in run:
        if u in _OPENERS:
            stack.append(u)
        elif u in _CLOSERS:
            if stack and stack[-1] == _OPENERS[_CLOSERS.index(u)]:
                stack.pop()
            else:
                bad += 1
    return bad + len(stack)


def _mirror(run: list[str]) -> list[str]:
    return [u.translate(_MIRROR) if len(u) == 1 else u for u in run]


def logical_line(units: list[str], rtl_paragraph: bool = False, depth: int = 0) -> str:
    """The logical text of a line whose glyphs ``units`` are in visual order, brackets
    as drawn (see :func:`shape_swaps`); ``depth``: brackets left open by the lines before."""
    kinds = [_kind(u) for u in units]
    if "R" not in kinds:
        return "".join(units)
    n = len(units)
    if rtl_paragraph:
        rev, rkinds = units[::-1], kinds[::-1]
        out: list[str] = []
        i = 0
        while i < n:
            if rkinds[i] in "LD":  # a left-to-right run keeps its order and its brackets
                j = i
                while j + 1 < n:
                    m = j + 1
                    while m < n and rkinds[m] == "N":
                        m += 1
                    # letters join across neutrals ("RUS+CHN"), digits only across a
                    # decimal sign, a number and a word only when they touch ("PP2")
                    if m < n and (m == j + 1 and rkinds[m] in "LD" or rkinds[m] == rkinds[j] == "L"
                                  or (rkinds[m] == rkinds[j] == "D" and m == j + 2
                                      and rev[j + 1] in ".,٫٬")):
                        j = m
                    else:
                        break
                out.extend(reversed(rev[i:j + 1]))
                i = j + 1
            else:
                out.append(rev[i].translate(_MIRROR) if len(rev[i]) == 1 else rev[i])
                i += 1
        return "".join(out)
    match = _pairs(units)
    # a label that opens the line, "(أ)", is left to right (its parentheses are drawn
    # as written); square brackets there are the draft's and may be mirrored
    first = next((i for i, u in enumerate(units) if u != " "), n)
    if first < n and units[first] == "(" and first in match and match[first] - first <= 4:
        kinds[first] = kinds[match[first]] = "L"
    out = []
    i = done = 0  # units before ``done`` are written
    while i < n:
        if kinds[i] != "R":
            i += 1
            continue
        j, k = i, i + 1
        while k < n and kinds[k] != "L":
            if kinds[k] == "R":
                j = k
            k += 1
        limit = k
        start, end = _extend(units, kinds, done, limit, i, j, match, depth)
        out.extend(units[done:start])
        out.extend(_mirror(_keep_digits(units[start:end + 1][::-1])))
        done = i = end + 1
    out.extend(units[done:])
    return "".join(out)


def _depth(text: str, depth: int) -> int:
    for ch in text:
        if ch in "[［【":
            depth += 1
        elif ch in "]］】" and depth:
            depth -= 1
    return depth


# ---------------------------------------------------------------- glyphs from the PDF


def _chars(layout: Iterable[object], out: list[LTChar]) -> None:
    from pdfminer.layout import LTChar
    for item in layout:
        if isinstance(item, LTChar):
            out.append(item)
        elif hasattr(item, "__iter__"):
            _chars(item, out)


def _lines(chars: list[LTChar]) -> list[list[LTChar]]:
    """Glyphs grouped into lines (top to bottom), each sorted left to right."""
    chars = sorted(chars, key=lambda c: -(c.y0 + c.y1) / 2)
    lines: list[list[LTChar]] = []
    bottom: float | None = None
    for c in chars:
        mid = (c.y0 + c.y1) / 2
        if bottom is None or mid < bottom:
            lines.append([c])
            bottom = c.y0
        else:
            lines[-1].append(c)
            bottom = max(bottom, c.y0) if c.get_text().strip() else bottom
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _units(line: list[LTChar]) -> list[str]:
    """Glyph texts of one line, with a blank where a gap between glyphs shows one."""
    units: list[str] = []
    prev: LTChar | None = None
    for c in line:
        text = c.get_text()
        if prev is not None and text != " " and units and units[-1] != " " \
                and c.x0 - prev.x1 > 0.2 * max(c.size, 1):
            units.append(" ")
        units.append(text)
        prev = c
    # kashida (the tatweel LibreOffice stretches justified Arabic with; its font may map
    # the glyph to "6") between two letters of a word is not text
    out: list[str] = []
    i, n = 0, len(units)
    while i < n:
        j = i
        while j < n and (units[j] == "\u0640" or units[j].isdigit()):
            j += 1
        if j > i and out and _kind(out[-1]) == "R" and j < n and _kind(units[j]) == "R":
            i = j
            continue
        out.extend(units[i:max(j, i + 1)])
        i = max(j, i + 1)
    return out


def _rtl_page(lines: list[list[LTChar]]) -> bool:
    """Whether a page's paragraphs run right to left (its ragged lines are flush right)."""
    boxes = [(min(c.x0 for c in ln), max(c.x1 for c in ln)) for ln in lines if ln]
    if not boxes:
        return False
    left, right = min(b[0] for b in boxes), max(b[1] for b in boxes)
    flush_left = sum(1 for a, b in boxes if a - left < 3 and right - b >= 3)
    flush_right = sum(1 for a, b in boxes if right - b < 3 and a - left >= 3)
    return flush_right > flush_left


def rtl_pages(data: bytes) -> list[str]:
    """The text of each page, right-to-left lines in logical order (needs pdfminer.six)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[tuple[bool, list[list[str]]]] = []
    for page in PDFPage.get_pages(io.BytesIO(data)):
        interpreter.process_page(page)
        chars: list[LTChar] = []
        _chars(device.get_result(), chars)
        glyph_lines = _lines(chars)
        pages.append((_rtl_page(glyph_lines), [_units(ln) for ln in glyph_lines]))
    swapped = shape_swaps([units for _, lines in pages for units in lines])
    table = str.maketrans({o: c for o in swapped for c in (_CLOSERS[_OPENERS.index(o)],)}
                          | {_CLOSERS[_OPENERS.index(o)]: o for o in swapped})
    out: list[str] = []
    depth = 0
    for rtl, lines in pages:
        texts: list[str] = []
        for units in lines:
            if swapped:
                units = [u.translate(table) if len(u) == 1 else u for u in units]
            text = _BLANKS.sub(" ", logical_line(units, rtl, depth).strip())
            depth = _depth(text, depth)
            texts.append(text)
        out.append("\n".join(texts))
    return out
