"""Arabic whose brackets were stored as the glyphs seen: the first step of the token pass
(:mod:`.tokenpass`), before :func:`~.pairing.pair`.

:func:`mirror_rtl` finds the Arabic columns of each line (a concordance's or a
translation memory's columns, or a sentence and its translation run together) and reads
their brackets mirrored where that pairs more of them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import errors as E
from . import regexcache as rx
from .lalr import Token
from .pairing import _as, _tok

if TYPE_CHECKING:
    from .parser import _Problems

__all__ = ["mirror_rtl", "ARABIC"]

# Arabic-script letters: a text holding none has no right-to-left brackets to mirror
ARABIC = rx.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = rx.compile(r"[A-Za-z\u00c0-\u024f]")
_COLUMNS = rx.compile(r"[|\t]")  # what separates the columns of a line (`fr | UN | ar`)
_WORDS = rx.compile(r"[^\s|\t]+")
#: this many words in a row in the other script than the text before them on the line
#: start a column of their own (a term in Latin letters in Arabic text does not)
_RUN = 4


def mirror_rtl(tokens: list[Token], problems: _Problems) -> list[Token]:
    """Arabic whose brackets were stored as the glyphs seen, not as characters (old UN
    documents, some PDF copies): an opening bracket is the character ``]`` and a closing one
    ``[`` (``ويؤيدها ]ثلث[ الدول``).  In each Arabic column of a line (more Arabic letters than
    Latin ones, between line ends, ``|`` and tabs, or begun by words in the other script:
    :class:`_Columns`) where reading ``]`` as opening and ``[`` as closing pairs more
    brackets than reading them as written, they are read so (types
    swapped, characters kept), with the warning ``mirrored-brackets``; once one column of
    the text is so read, a column where both readings pair as many is read so too.  A
    blank between two such brackets (``التفتيش[ ]المقترحة``: one closing, the next opening)
    is no gap to fill there: the lexer's placeholder ``[ ]`` is split into its brackets.

    Returns the token list: ``tokens`` itself, or a new one where blank placeholders were
    split."""
    segments = _arabic_columns(tokens)
    scored = [(seg, _unpaired(tokens, seg, False), _unpaired(tokens, seg, True))
              for seg in segments]
    if not any(mirrored < plain for _, plain, mirrored in scored):
        return tokens
    split: set[int] = set()
    for seg, plain, mirrored in scored:
        if mirrored > plain:
            continue
        for i in seg:
            if tokens[i].type == "PLACEHOLDER":
                split.add(i)
            else:
                tokens[i] = _as("RBR" if tokens[i].type == "LBR" else "LBR", tokens[i])
        first = tokens[seg[0]]
        problems.add(E.ParseError, "brackets of right-to-left text stored as seen: ']' read "
                     "as opening and '[' as closing in this Arabic text", first.line,
                     first.column, severity="warning", offset=first.start_pos,
                     code="mirrored-brackets",
                     hint="store the brackets as characters: '[' opens and ']' closes in "
                          "Arabic text too (the display mirrors them)")
    if not split:
        return tokens
    out: list[Token] = []
    for i, tok in enumerate(tokens):
        if i in split:  # `[ ]` mirrored: `[` closes, `]` opens, blanks between (GAP)
            value = str(tok)
            out += [_tok("RBR", value[0], tok, 0), _tok("GAP", value[1:-1], tok, 1),
                    _tok("LBR", value[-1], tok, len(value) - 1)]
        else:
            out.append(tok)
    return out


class _Columns:
    """The columns of the lines of a token list, and the bracket tokens of each.

    A column ends at a line end, ``|`` or a tab; and where :data:`_RUN` words in a row are
    in the other script than the column before them (a sentence and its translation with
    no separator between them, ``... del artículo 10]: UN ١- يقوم ...``), if the brackets
    before those words pair as written, those words begin a column of their own."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.arabic_columns: list[list[int]] = []  # what :func:`mirror_rtl` looks at
        self.current: list[int] = []
        self.arabic = self.latin = 0
        self.depth = self.lone = 0  # the column's brackets read as written, so far
        # the run of words in one script the column ends with: its script, length,
        # letters, and where its brackets start in ``current`` (and whether the brackets
        # before them paired as written)
        self.run_arabic, self.run_words, self.run_a, self.run_l = False, 0, 0, 0
        self.run_at, self.head_paired = 0, True

    def end(self) -> None:
        if self.current and self.arabic > self.latin:
            self.arabic_columns.append(self.current)
        self.current, self.arabic, self.latin, self.run_words = [], 0, 0, 0
        self.depth = self.lone = 0

    def bracket(self, i: int) -> None:
        self.current.append(i)
        t = self.tokens[i].type
        if t == "LBR":
            self.depth += 1
        elif t == "RBR":
            if self.depth:
                self.depth -= 1
            else:
                self.lone += 1

    def word(self, a: int, la: int) -> None:
        """A word with ``a`` Arabic and ``la`` Latin letters (one of them at least)."""
        if not self.run_words or (a > la) != self.run_arabic:
            self.run_arabic, self.run_words, self.run_a, self.run_l = a > la, 0, 0, 0
            self.run_at, self.head_paired = len(self.current), self.depth == self.lone == 0
        self.run_words += 1
        self.run_a, self.run_l = self.run_a + a, self.run_l + la
        self.arabic, self.latin = self.arabic + a, self.latin + la
        head_a, head_l = self.arabic - self.run_a, self.latin - self.run_l
        if self.run_words == _RUN and self.head_paired and \
                (head_l > head_a if self.run_arabic else head_a > head_l):
            head, run = self.current[:self.run_at], self.current[self.run_at:]
            if head and head_a > head_l:
                self.arabic_columns.append(head)
            self.current, self.arabic, self.latin, self.run_at = [], self.run_a, self.run_l, 0
            self.depth = self.lone = 0
            for k in run:
                self.bracket(k)


def _arabic_columns(tokens: list[Token]) -> list[list[int]]:
    """The bracket token indices of each Arabic column of ``tokens`` (:class:`_Columns`)."""
    cols = _Columns(tokens)
    for i, tok in enumerate(tokens):
        t = tok.type
        if t == "NL":
            cols.end()
        elif t in ("LBR", "RBR") or t == "PLACEHOLDER" and _BLANK_GAP.fullmatch(tok):
            cols.bracket(i)
        elif t == "TEXT":
            for k, piece in enumerate(_COLUMNS.split(tok)):
                if k:
                    cols.end()
                for word in _WORDS.findall(piece):
                    a, la = len(ARABIC.findall(word)), len(_LATIN.findall(word))
                    if a or la:
                        cols.word(a, la)
    cols.end()
    return cols.arabic_columns


# a gap the lexer read in `[ ]`: in mirrored Arabic, a closing and an opening bracket
_BLANK_GAP = rx.compile(r"\[[ \t]+\]")


def _unpaired(tokens: list[Token], seg: list[int], mirrored: bool) -> int:
    """How many brackets of ``seg`` stay unpaired, read as written or mirrored."""
    opener = "RBR" if mirrored else "LBR"
    depth = lone = 0
    for i in seg:
        if tokens[i].type == "PLACEHOLDER":  # `[ ]`: a pair as written, mirrored `[` `]`
            if mirrored:
                if depth:
                    depth -= 1
                else:
                    lone += 1
                depth += 1
            continue
        if tokens[i].type == opener:
            depth += 1
        elif depth:
            depth -= 1
        else:
            lone += 1
    return lone + depth
