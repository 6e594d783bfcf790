"""Bracketed numbers and marks that are footnote markers, not numbers in negotiation.

A copy of a draft from the web or a PDF writes its footnote markers in brackets
(``nationals [17] of``, ``A.1[1]``, ``Resolutions [to date][25].``, ``by 2030[i]``,
``(MAI) [*]``); a draft negotiates numbers in brackets too (``within [30] days``,
``[4][2].`` a renumbered paragraph).  The token pass (:func:`.tokenpass.type_brackets`)
asks these questions; docs/format.md ("Footnotes") documents the rules.
"""
from __future__ import annotations

import re
from collections import Counter

from . import regexcache as rx
from .lalr import Token
from .readings import YEAR

__all__ = ["BracketedNumbers", "SYMBOL_MARK", "marker_after_bracket", "references", "roman_mark"]


# (the bracket first: a pattern that starts with a look-behind is tried at every position)
_ALONE_NUMBER = rx.compile(r"[\[［【](?<![\]］】][\[［【])[ \t]*([0-9]{1,3})[ \t]*[\]］】](?![\[［【])")


class BracketedNumbers:
    """The numbers standing alone in brackets anywhere in a draft (``[17]``, ``[ 18]``):
    a run of consecutive ones marks footnote markers (see :func:`.tokenpass.type_brackets`); and how
    many times each short bracket is written (:meth:`times`).  Read once per draft, when
    first asked, so that a draft read in segments reads them all the same (and one
    without bracketed numbers never scans for them)."""
    __slots__ = ("text", "_numbers", "_brackets", "_notes")

    def __init__(self, text: str):
        self.text = text
        self._numbers: frozenset[int] | None = None
        self._brackets: Counter[str] | None = None
        self._notes: frozenset[int] | None = None

    def note_text(self, n: int) -> bool:
        """Does a line open with the number ``n`` set apart by blanks, as a footnote's
        own text at the foot of a page copied from a PDF (``3   [AU/PE: For the purpose
        ...``; a paragraph's number has its dot: ``3. ...``)?"""
        if self._notes is None:
            self._notes = frozenset(int(m) for m in _NOTE_LINE.findall(self.text))
        return n in self._notes

    def __contains__(self, n: int) -> bool:
        if self._numbers is None:
            self._numbers = frozenset(int(m) for m in _ALONE_NUMBER.findall(self.text))
        return n in self._numbers

    def times(self, bracket: str) -> int:
        """How many times the draft writes ``bracket`` (``[Member State's]``), brackets
        included; one holding no bracket and no line break, 80 characters at most."""
        if self._brackets is None:
            self._brackets = Counter(_SHORT_BRACKET.findall(self.text))
        return self._brackets[bracket]


_NOTE_LINE = rx.compile(r"^[ \t]*([0-9]{1,3})(?:[ \t]{2,}|\t)(?=\S)", re.MULTILINE)
_SHORT_BRACKET = rx.compile(r"\[[^\[\]\r\n]{1,80}\]")


# A footnote mark made of symbols: `[*]`, `[**]`, `[†]`
SYMBOL_MARK = rx.compile(r"(?:\*{1,3}|†{1,2}|‡{1,2}|§)")
# What may follow a bracketed footnote marker written apart from the text: the end of
# the line, punctuation, a capital, or a function word (`nationals [17] of the`); any
# other word is what the number counts (`[30] days`, `[6] cases`, `[50] per cent`).
_REF_FOLLOW = rx.compile(r"[ \t]*(?:$|[\r\n.,;:)\]]|[A-Z]|(?:of|as|and|or|to|in|on|at|by|"
                         r"for|with|the|a|an|it|its|their|that|which|is|are|shall|may|"
                         r"through|into|upon|under|within|without|against|between|among|"
                         r"during|when|where|while|if|unless|should|must|will|would|can|"
                         r"could|be|was|were|has|have|had|not|"
                         r"et|de|du|des|la|le|les|y|o|del|el|los|las|en|que|и|в)\b)",
                         re.MULTILINE)


# the end of a sentence or clause after a footnote marker (nothing it could count), or the
# end of a web page's element (`...possible.][3]</span>`)
_MARK_END = rx.compile(r"[ \t]*(?:$|[\r\n.,;:]|</)", re.MULTILINE)


_ROMAN = rx.compile(r"[ivx]{1,5}")


def roman_mark(text: str, open_tok: Token, close_tok: Token, inner: str) -> bool:
    """``by 2030[i]``: a lower-case Roman numeral written against a word and ending its
    clause or line is an endnote marker, as a web copy of a word processor's file writes
    them (a list item's label stands apart: ``(a) [i] ...``)."""
    s = open_tok.start_pos
    return s > 0 and (text[s - 1].isalnum() or text[s - 1] in ".,;:") and \
        _ROMAN.fullmatch(inner) is not None and _MARK_END.match(text, close_tok.end_pos) is not None


def marker_after_bracket(text: str, tokens: list[Token], partner: list[int], i: int,
                          j: int) -> bool:
    """Is the bracketed number ``i``..``j`` a footnote marker written against the
    bracket before it (``[to date][25].``)?  It touches that bracket's ``]``, ends the
    run and its clause, and that bracket holds words and no figure but a year
    (``[10][25].`` are rival figures, ``[4][2].`` a renumbered paragraph)."""
    if i == 0 or tokens[i - 1].type != "RBR" or partner[i - 1] < 0 or \
            (j + 1 < len(tokens) and tokens[j + 1].type in ("LBR", "GAP", "SLASH")) or \
            not _MARK_END.match(text, tokens[j].end_pos):
        return False
    prev = YEAR.sub("", text[tokens[partner[i - 1]].end_pos:tokens[i - 1].start_pos])
    return not any(c.isdigit() for c in prev) and sum(c.isalpha() for c in prev) >= 2


def references(text: str, tokens: list[Token], numbers: list[tuple[int, int, int]],
                all_numbers: BracketedNumbers
                ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Bracketed numbers that are footnote or note references (``nationals [17] of``,
    ``A.1[1]``), not a number in negotiation (``[30] days``, ``[4][2].``); and the
    bracketed numbers that open paragraphs one after the other (``[3] Governments ...``
    then ``[4] The commitment ...``), their labels.  Returns (references, labels).

    A reference is alone (no bracket beside it), not at the start of a line (a
    paragraph number), and either written against the text before it (``A.1[1]``), or
    with blanks on both sides inside its brackets (``option [ 13 ] as``), or one of a
    run of consecutive numbers (``[17]`` ... ``[ 18]``), as footnote markers are; apart
    from the text, it is not followed by what a number counts (``[30] days``)."""
    fit: list[tuple[int, int, int, bool]] = []
    opening: list[tuple[int, int, int]] = []  # at the start of a line
    for i, j, n in numbers:
        s = tokens[i].start_pos
        before = text[text.rfind("\n", 0, s) + 1:s]
        if not before.strip(" \t*_#"):
            opening.append((i, j, n))
            continue
        # written against the text (`A.1[1]`), or spaced inside as a converted
        # superscript is (`option [ 13 ] as an`)
        glued = _BLANK_END.search(before) is None
        if not glued and _UNIT_WORD_END.search(before) is not None:
            continue  # `ARTICLE [1]: OBJECTIVE`, `paragraph [14] above`: a unit's number
        spaced = text[tokens[i].end_pos].isspace() and text[tokens[j].start_pos - 1].isspace()
        if glued or _REF_FOLLOW.match(text, tokens[j].end_pos):
            fit.append((i, j, n, glued or spaced))
    refs = [(i, j, n) for i, j, n, marked in fit
            if marked or n - 1 in all_numbers or n + 1 in all_numbers
            or all_numbers.note_text(n)]
    # `[1] It is recognized that ...` opening a line, its number already a marker above:
    # the footnote's own text (a paragraph numbered so is `[4].`, with its dot)
    first: dict[int, int] = {}  # number -> the token where it is first a marker
    for i, _, n in refs:
        first.setdefault(n, i)
    out = [(i, j) for i, j, _ in refs]
    labels: list[tuple[int, int]] = []
    starts = {n for i, j, n in opening if _NOTE_TEXT.match(text, tokens[j].end_pos)}
    for i, j, n in opening:
        if first.get(n, i) < i and _NOTE_TEXT.match(text, tokens[j].end_pos):
            out.append((i, j))
        elif all_numbers.note_text(n) and _GLUED_MARK.match(text, tokens[j].end_pos):
            # `[38]39[PE/NZ oppose: ...`: markers opening a line, the note given below
            out.append((i, j))
        elif n in starts and (n - 1 in starts or n + 1 in starts):
            # `[3] Governments ...`, `[4] The commitment ...`: paragraphs numbered in
            # brackets, one after the other, not numbers in negotiation
            labels.append((i, j))
    return out, labels


#: a unit's word and a blank before a bracketed number: the number is the unit's (not settled)
_UNIT_WORD_END = rx.compile(
    r"(?<![^\W\d_])(?:[Aa]rticles?|ARTICLES?|[Aa]rts?\.|[Pp]aragraphs?|PARAGRAPHS?|[Pp]aras?\.|"
    r"[Cc]hapters?|CHAPTERS?|[Ss]ections?|SECTIONS?|[Aa]nnex(?:es)?|ANNEX(?:ES)?|[Rr]ules?|"
    r"[Rr]egulations?|[Aa]ppendix|[Aa]rtículos?|[Pp]árrafos?|[Cc]apítulos?|[Aa]nexos?|"
    r"[Pp]aragraphes?|[Cc]hapitres?|[Aa]nnexes?|[Aa]rtigos?|[Сс]тать[яи]|[Пп]ункт[а-я]*|"
    r"[Гг]лав[аы])[ \t]+\Z")
#: a blank ends the text before a bracket: one written as such, a zero-width space, or a
#: web page's entity for one (`paragraph&#8203;[14]`)
_BLANK_END = rx.compile(r"(?:\s|\u200b|&(?:nbsp|ensp|emsp|thinsp|#160|#8203|#x200[bB]|#x[aA]0);)\Z")
_NOTE_TEXT = rx.compile(r"[ \t]+[^\W\d_]")
_GLUED_MARK = rx.compile(r"[0-9]{1,3}(?![.0-9])")  # a second marker against the first
