"""Pairing the brackets: the second and third steps of the token pass (:mod:`.tokenpass`).

:func:`pair` pairs every ``[`` with its ``]`` in one pass; where brackets are left
unclosed, a bracket opening a paragraph closes at that paragraph's end, so the one opened
mid-line is reported.  :func:`check_pairs` warns about pairs that cross units mid-line
and, in tolerant mode, reads a mid-line pair across an article heading as an unclosed
and a stray bracket.  Quotations are tracked here too: ``[]`` and short brackets inside
one are editorial.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import errors as E
from . import regexcache as rx
from .lalr import Token

if TYPE_CHECKING:
    from .parser import _Problems

__all__ = ["pair", "check_pairs", "MAX_DEPTH", "EMPTY_APART"]

#: Brackets may nest this deep; deeper is an error (strict) or plain text (tolerant).
MAX_DEPTH = 100

_HEADS = frozenset({"PREAMBLE", "DIVISION", "ARTICLE", "PARA", "SUBPARA", "OPTION"})
_ARTICLE_LEVEL = frozenset({"PREAMBLE", "DIVISION", "ARTICLE"})
_CONTENT = rx.compile(r"\w")
_QUOTE_OPEN = "“«„‘「『"
_QUOTE_CLOSE = "”»’」』"
#: what may stand before a heading on its line (grammar/treaty.lark: _LINE_START): blanks,
#: Markdown residue, the quotation mark opening each paragraph of a draft quoted whole
LEAD = " \t#*_“«\"「"
_QUOTES = rx.compile('[' + _QUOTE_OPEN + _QUOTE_CLOSE + '"]')
# What follows a term being defined: `"Party" means`, `« Partie » désigne`
_DEFINES = rx.compile(r"[ \t]*(?:means|shall mean|includes|refers to|significa|se entiende|"
                      r"designa|désigne|s['’]entend|означает|يعني|指)\b")
_HINT_ESCAPE = "escape editorial brackets as '\\[' and '\\]'"


def _as(type_: str, tok: Token) -> Token:
    return Token.new_borrow_pos(type_, str(tok), tok)


def _quote_depths(tokens: list[Token]) -> list[int]:
    """For each token: 0 outside a quotation, else the quotation it stands in, opened
    earlier on its line (1 + the index of the token that opened it, so true).

    A term being defined (``"measures by [the] Parties" means ...``) is no quotation:
    its brackets are negotiated like any other."""
    inside = [0] * len(tokens)
    depth, straight = 0, False
    opened = 0  # the token where the quotation now open was opened
    search = _QUOTES.search
    for i, tok in enumerate(tokens):
        t = tok.type
        if t == "NL":
            depth, straight = 0, False
            continue
        inside[i] = opened + 1 if depth > 0 or straight else 0
        if t == "TEXT" and i + 1 < len(tokens) and tokens[i + 1].type in _HEADS and \
                not tok.strip(LEAD):
            continue  # `“1. The purpose ...`: the mark that opens each paragraph of a draft
            # quoted whole; the paragraph is the draft's text, its brackets negotiated
        if t == "TEXT" and search(tok) is not None:
            for m in _QUOTES.finditer(tok):
                was = depth > 0 or straight
                ch = m.group(0)
                if ch in _QUOTE_OPEN:
                    depth += 1
                elif ch in _QUOTE_CLOSE:
                    depth = max(0, depth - 1)
                else:
                    straight = not straight
                if not was:
                    opened = i
                elif not (depth > 0 or straight) and _DEFINES.match(tok, m.end()):
                    for k in range(opened, i + 1):
                        inside[k] = 0
    return inside


# What follows the `]` of a Markdown image or link that web copies leave: `![](img.png)`,
# `[the text](https://...)`.  A link's target must look like an address, so that
# `paragraph [1](b)` stays a negotiated number.
_IMAGE_TARGET = rx.compile(r"\([^()\s]*\)")
_LINK_TARGET = rx.compile(r"\((?:[a-z]{3,6}:|www\.|/|#|\.\./)[^()\s]*\)")


_LINK_WORDS = 8  # tokens a link's text may hold (`[Option 1: Router](#option-1)`: three)
_NOT_IN_LINK = frozenset(("LBR", "RBR", "NL"))


def _markdown_link(tokens: list[Token], i: int) -> int:
    """The index of the ``]`` of a Markdown image or link whose ``[`` is at ``i``
    (``![](...)``, ``[text](https://...)``, ``[Option 1: Router](#option-1-router)``), or
    -1: its brackets are markup, not a group.  The link's text is a few tokens of one
    line without brackets; what it holds (a label, a placeholder) is read as text."""
    n = len(tokens)
    r = i + 1
    stop = min(n, r + _LINK_WORDS)
    while r < stop and tokens[r].type not in _NOT_IN_LINK:
        r += 1
    if r + 1 >= n or tokens[r].type != "RBR" or tokens[r + 1].type != "TEXT":
        return -1
    after = str(tokens[r + 1])
    if not after.startswith("("):
        return -1
    before = str(tokens[i - 1]) if i and tokens[i - 1].type == "TEXT" else ""
    target = _IMAGE_TARGET if before.endswith("!") else _LINK_TARGET
    return r if target.match(after) else -1


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


def _cells(tokens: list[Token]) -> list[int] | None:
    """For each token, which column of its line it stands in (how many ``|`` before it
    on the line; -1 on a line without one); None when no line has one."""
    if not any(t.type == "TEXT" and "|" in t for t in tokens):
        return None
    out = [-1] * len(tokens)

    def number(start: int, end: int) -> None:  # a line holding columns
        col = 0
        for k in range(start, end):
            out[k] = col
            if tokens[k].type == "TEXT":
                col += str(tokens[k]).count("|")

    start, count = 0, 0  # the line's first token, the `|` seen on it so far
    for i, tok in enumerate(tokens):
        if tok.type == "NL":
            if count:
                number(start, i)
            start, count = i + 1, 0
        elif tok.type == "TEXT":
            count += tok.count("|")
    if count:
        number(start, len(tokens))
    return out


def _same_cell(cells: list[int], tokens: list[Token], j: int, i: int) -> bool:
    """May ``tokens[j]`` and ``tokens[i]`` pair: on one line, or in the same column of two
    lines, or where a line has no columns."""
    return tokens[j].line == tokens[i].line or cells[j] < 0 or cells[i] < 0 or \
        cells[j] == cells[i]


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


def in_word(c: str) -> bool:
    """A letter of a script that writes blanks between words (not Chinese or Japanese,
    whose brackets touch the characters around them: `[网络犯罪] [...]`)."""
    return c.isalpha() and c < "\u2e80"


def pair(tokens: list[Token], problems: _Problems, *, gaps: bool = False) -> list[int]:
    """Pair the brackets: ``partner[i]`` is the index of the bracket paired with ``i`` (or -1).

    ``gaps``: the text writes ``[]`` apart from words (:data:`EMPTY_APART`), its way of
    writing a gap to fill, so an empty bracket against a word that ends a clause is one
    too, not an editor's mark."""
    partner = [-1] * len(tokens)
    stack: list[int] = []
    excess = 0  # brackets opened beyond MAX_DEPTH, read as text
    quoted: list[int] | None = None
    markup = -1  # the `]` of the Markdown link being read as text
    note = -1  # on a footnote's line: how many brackets were open before it (else -1)
    cells = _cells(tokens)
    for i, tok in enumerate(tokens):
        t = tok.type
        if note >= 0 and t == "NL":  # a footnote's brackets pair within its line
            for j in stack[note:]:
                _unclosed(tokens, j, problems, None)
            del stack[note:]
            note = -1
        elif t == "FNDEF":
            note = len(stack)
        if i <= markup:
            tokens[i] = _as("TEXT", tok)
            continue
        if t == "LBR" and (markup := _markdown_link(tokens, i)) > 0:
            tokens[i] = _as("TEXT", tok)
            continue
        if t == "LBR":
            if len(stack) >= MAX_DEPTH:
                if excess == 0:
                    problems.add(E.NestingTooDeep,
                                 f"brackets nested deeper than {MAX_DEPTH} levels",
                                 tok.line, tok.column, offset=tok.start_pos,
                                 hint="deeper brackets are read as plain text")
                excess += 1
                tokens[i] = _as("TEXT", tok)
            else:
                stack.append(i)
        elif t == "RBR":
            if excess:
                excess -= 1
                tokens[i] = _as("TEXT", tok)
            elif len(stack) > max(note, 0) and cells is not None and \
                    not _same_cell(cells, tokens, stack[-1], i):
                problems.add(E.StrayBracket, f"stray '{tok}': the bracket open here stands in "
                             "another column of another line", tok.line, tok.column,
                             offset=tok.start_pos,
                             hint="a table's cells (or a concordance's columns) are read each "
                                  "on its own; escape a literal bracket as '\\]'")
                tokens[i] = _as("TEXT", tok)
            elif len(stack) > max(note, 0):
                j = stack.pop()
                if j == i - 1:
                    if quoted is None:
                        quoted = _quote_depths(tokens)
                    glued = j > 0 and tokens[j - 1].type == "TEXT" and in_word(tokens[j - 1][-1:])
                    if quoted[j] or glued and not (gaps and _clause_ends(tokens, i)):
                        # `remain[]`, `continue[]`: an editor's mark where a quotation's
                        # verb lost its ending, in quotation marks or not (but where the
                        # text writes `[]` apart from words as a gap to fill, `the []
                        # Standards`, one against a word that ends a clause is such a
                        # gap too: `the applicable fee[];`)
                        where = "in a quotation" if quoted[j] else "against a word"
                        problems.add(E.ParseError, f"editorial bracket '[]' {where}",
                                     tokens[j].line, tokens[j].column, severity="warning",
                                     offset=tokens[j].start_pos, code="editorial-bracket",
                                     hint=_HINT_ESCAPE)
                        tokens[j], tokens[i] = _as("TEXT", tokens[j]), _as("TEXT", tok)
                        continue
                    problems.add(E.EmptyAlternative, "empty alternative '[]'",
                                 tokens[j].line, tokens[j].column, offset=tokens[j].start_pos,
                                 hint="write a placeholder such as '[...]', or escape "
                                      "an editorial bracket as '\\[\\]'")
                partner[i], partner[j] = j, i
            else:
                problems.add(E.StrayBracket, f"stray '{tok}': no bracket is open here",
                             tok.line, tok.column, offset=tok.start_pos,
                             hint="remove it, or escape a literal bracket as '\\]'")
                tokens[i] = _as("TEXT", tok)
    if note >= 0:  # the text ends on a footnote's line
        for j in stack[note:]:
            _unclosed(tokens, j, problems, None)
        del stack[note:]
    if stack:
        stack = _close_paragraph_brackets(tokens, partner, stack)
    closers = {u: k for u in stack if (k := _paren_closing(tokens, u)) is not None}
    if closers and not problems.strict:
        return _closed_by_parens(tokens, partner, stack, closers, problems)
    for j in stack:
        _unclosed(tokens, j, problems, closers.get(j))
    return partner


#: an empty bracket written apart from words (`the [] Standards`, `[][is not ...]`,
#: `[data][]`): the text's way of writing a gap to fill
EMPTY_APART = rx.compile(r"\[\](?<![^\W\d_]\[\])")  # (the brackets first: a fast scan)


def _clause_ends(tokens: list[Token], i: int) -> bool:
    """Does a clause end right after the ``]`` at ``i`` (``;`` ``.`` ``,`` ``:`` or the
    line's end)?"""
    if i + 1 >= len(tokens) or tokens[i + 1].type == "NL":
        return True
    nxt = tokens[i + 1]
    return nxt.type == "TEXT" and nxt.lstrip(" \t")[:1] in (";", ".", ",", ":", "")


_PAREN_WINDOW = 120  # characters after an unclosed `[` in which a `)` may close it


def _paren_closing(tokens: list[Token], u: int) -> tuple[int, int] | None:
    """For the unclosed ``[`` at ``u``: (token, offset in it) of a ``)`` that closes no
    ``(`` before any other bracket or the end of the line, right after a word of three
    letters or more (``[acts), when committed``: a ``]`` typed or read as ``)``), or None.
    A list label (``a)``, ``iv)``, or ``Ta)`` where a scan misread ``(a)``) is no such word."""
    depth, seen = 0, 0
    for k in range(u + 1, len(tokens)):
        tok = tokens[k]
        if tok.type != "TEXT":
            return None
        for m in _PARENS.finditer(tok):
            if m.group() == "(":
                depth += 1
            elif depth:
                depth -= 1
            else:
                word = _WORD_BEFORE.search(tok, 0, m.start())
                if word is None or _ROMAN.fullmatch(word.group()):
                    return None
                return k, m.start()
        seen += len(tok)
        if seen > _PAREN_WINDOW:
            return None
    return None


_PARENS = rx.compile(r"[()]")
_WORD_BEFORE = rx.compile(r"(?<![^\W\d_])[^\W\d_]{3,}$")
_ROMAN = rx.compile(r"[ivxlc]{1,5}", re.IGNORECASE)


def _closed_by_parens(tokens: list[Token], partner: list[int], unclosed: list[int],
                      closers: dict[int, tuple[int, int]], problems: _Problems) -> list[int]:
    """Tolerant mode: each unclosed ``[`` of ``closers`` is closed by its ``)`` (a RBR
    token ``)``, kept as written), with the error ``paren-closes-bracket``; the other
    unclosed brackets are reported.  ``tokens`` is changed in place (the text tokens
    holding those ``)`` are split); returns the partners of the new token list."""
    at = {k: (u, off) for u, (k, off) in closers.items()}
    out: list[Token] = []
    index = [0] * len(tokens)
    pairs: list[tuple[int, int]] = []
    for k, tok in enumerate(tokens):
        index[k] = len(out)
        if k not in at:
            out.append(tok)
            continue
        u, off = at[k]
        value = str(tok)
        if off:
            out.append(_tok("TEXT", value[:off], tok, 0))
        pairs.append((u, len(out)))
        close = _tok("RBR", ")", tok, off)
        out.append(close)
        if off + 1 < len(value):
            out.append(_tok("TEXT", value[off + 1:], tok, off + 1))
        opener = tokens[u]
        # an error (strict mode refuses the text), read on as the likeliest repair
        problems.add(E.UnclosedBracket, f"unclosed bracket: this '{opener}' is never "
                     f"closed; the ')' at {close.line}:{close.column}, which closes no '(', "
                     "is read as its closing bracket", opener.line, opener.column,
                     offset=opener.start_pos, code="paren-closes-bracket",
                     hint="write ']' there if that is where the bracketed text ends")
    new = [-1] * len(out)
    for k, j in enumerate(partner):
        if j >= 0:
            new[index[k]] = index[j]
    for u, c in pairs:
        new[index[u]], new[c] = c, index[u]
    for u in unclosed:
        if u not in closers:
            _unclosed(out, index[u], problems)
    tokens[:] = out
    return new


def _spanning(type_: str, text: str | None, first: Token, last: Token,
              value: str | None = None) -> Token:
    """One token of ``type_`` standing for ``first`` to ``last`` (a note or a footnote
    marker merged from its brackets, a separator merged from a line break)."""
    if value is None:
        value = text[first.start_pos:last.end_pos]  # type: ignore[index]  # text given
    return Token(type_, value, first.start_pos, first.line, first.column, last.end_line,
                 last.end_column, last.end_pos)


def _tok(type_: str, value: str, like: Token, offset: int) -> Token:
    """A token for part of ``like`` starting ``offset`` characters into it (same line)."""
    return Token(type_, value, like.start_pos + offset, like.line, like.column + offset,
                 like.line, like.column + offset + len(value),
                 like.start_pos + offset + len(value))


def _close_paragraph_brackets(tokens: list[Token], partner: list[int],
                              unclosed: list[int]) -> list[int]:
    """Which brackets are the unclosed ones: a bracket opening a paragraph (nothing but
    its number before it on its line) closes at the end of that paragraph, so where the
    ``]`` ending the paragraph was paired with a bracket opened mid-line inside it
    (``[5. ... fees. [Each Party ... law]. 14 ]`` then the next unit), the mid-line one is
    the unclosed bracket, not the paragraph's; unless the mid-line one opened on the line
    that ``]`` ends (``1. [A Party ... [The contribution shall be binding.]``): there the
    characters pair them, nearest first.  Returns the unclosed brackets."""
    out: list[int] = []
    ends = [*unclosed[1:], len(tokens)]  # each unclosed bracket holds the next one
    for u, end in zip(unclosed, ends, strict=True):
        if not _starts_line(tokens, u):  # mid-line, or too far to tell
            out.append(u)
            continue
        k, swapped = u + 1, False
        while k < end:  # the pairs directly inside u, up to the next unclosed bracket
            if tokens[k].type == "NL" and _paragraph_ends_after(tokens, k):
                break  # the paragraph ends: what follows is another one's
            if tokens[k].type == "LBR" and partner[k] > k:
                c = partner[k]
                if _ends_paragraph(tokens, c) and _starts_line(tokens, k) is False and \
                        tokens[k].line != tokens[c].line:
                    partner[u], partner[c], partner[k] = c, u, -1
                    out.append(k)
                    swapped = True
                    break
                k = c
            k += 1
        if not swapped:
            out.append(u)
    return sorted(out)


def _paragraph_ends_after(tokens: list[Token], k: int) -> bool:
    """Does the line break at ``k`` end a paragraph: a blank line, or a paragraph's or a
    larger unit's number opening the next line?"""
    n = len(tokens)
    j = k + 1
    if j < n and tokens[j].type in ("GAP", "TEXT") and not str(tokens[j]).strip(" \t"):
        j += 1
    return j < n and tokens[j].type in ("NL", "PARA", "ARTICLE", "DIVISION", "PREAMBLE")


#: how many tokens the two tests below look at before giving up (no repair then): a
#: line of a million empty brackets must not make the pairing quadratic
_LOOK = 64


def _starts_line(tokens: list[Token], i: int) -> bool | None:
    """Nothing but blanks, markup, brackets and a unit's number before ``i`` on its
    line: True; content before it: False; None when that is too far back to tell."""
    for k in range(i - 1, max(i - 1 - _LOOK, -1), -1):
        if tokens[k].type == "NL":
            return True
        if _has_content(tokens[k]) and tokens[k].type not in _HEADS:
            return False
    return True if i <= _LOOK else None


def _ends_paragraph(tokens: list[Token], i: int) -> bool:
    """Nothing after ``i`` on its line, and the next line with content starts a unit
    (or the text ends)."""
    n = len(tokens)
    for k in range(i + 1, min(i + 1 + _LOOK, n)):
        if tokens[k].type in _HEADS:
            return True
        if _has_content(tokens[k]):
            return False
    return i + 1 + _LOOK >= n


def _unclosed(tokens: list[Token], j: int, problems: _Problems,
              paren: tuple[int, int] | None = None) -> None:
    tok = tokens[j]
    hint = "add ']' where the bracketed text ends, or escape a literal bracket as '\\['"
    if paren is not None:
        k, off = paren
        hint = (f"the ')' at {tokens[k].line}:{tokens[k].column + off} closes no '(': if the "
                "bracketed text ends there, write ']'; else " + hint[:1].lower() + hint[1:])
    problems.add(E.UnclosedBracket, f"unclosed bracket: this '{tok}' is never closed",
                 tok.line, tok.column, offset=tok.start_pos, hint=hint)
    tokens[j] = _as("TEXT", tok)


# What web copies leave of their markup (`&nbsp;`, `&rsquo;`, `<br />`): no content
_MARKUP = rx.compile(r"&[A-Za-z]{2,8};|&#[0-9]{1,6};|</?[A-Za-z]{1,6}[ \t]*/?>")


def _has_content(tok: Token) -> bool:
    if tok.type not in ("TEXT", "PLACEHOLDER", "FIELD", "ESCAPE", "AT"):
        return False
    value = str(tok)
    if "&" in value or "<" in value:
        value = _MARKUP.sub("", value)
    return _CONTENT.search(value) is not None


def check_pairs(tokens: list[Token], partner: list[int], problems: _Problems,
                strict: bool) -> None:
    """Warn about pairs that open mid-line and close mid-line in another unit, or cross
    an article heading or an option label opening its line; in tolerant mode read both
    brackets of a pair opened mid-line across such a heading or label as unpaired."""
    if not any(partner[i] >= 0 and tokens[partner[i]].line != tok.line
               for i, tok in enumerate(tokens) if tok.type == "LBR"):
        return  # every pair opens and closes on one line
    n = len(tokens)
    before = [False] * n   # content earlier on the token's line
    seen = False
    heads = [0] * (n + 1)  # heading tokens before i
    articles = [0] * (n + 1)
    labels = [0] * (n + 1)  # option labels before i
    for i, tok in enumerate(tokens):
        t = tok.type
        if t == "NL":
            seen = False
        before[i] = seen
        if not seen and _has_content(tok):
            seen = True
        heads[i + 1] = heads[i] + (t in _HEADS)
        articles[i + 1] = articles[i] + (t in _ARTICLE_LEVEL)
        labels[i + 1] = labels[i] + (t == "OPTION" and not before[i])  # opening its line
    after = [False] * n    # content later on the token's line
    seen = False
    for i in range(n - 1, -1, -1):
        tok = tokens[i]
        if tok.type == "NL":
            seen = False
            continue
        after[i] = seen
        if not seen and _has_content(tok):
            seen = True
    for i, tok in enumerate(tokens):
        j = partner[i]
        if tok.type != "LBR" or j < 0:
            continue
        if not before[i]:
            if after[j] and _opens_article(tokens, i) and _goes_on(tokens, i, j) and \
                    _leaves_paragraph(tokens, i, j, heads):
                _opening_pair(tokens, partner, i, j, problems, strict)
            continue
        # a bracket opened mid-sentence does not close past an article's heading, nor
        # past an option's label (a bracket holding whole options opens its line)
        crosses_article = articles[j] > articles[i + 1] or labels[j] > labels[i + 1]
        if heads[j] == heads[i + 1] or not (after[j] or crosses_article):
            continue
        close = tokens[j]
        where = "an article heading" if articles[j] > articles[i + 1] else \
            "an option label" if crosses_article else "a unit boundary"
        problems.add(E.ParseError, f"bracket opened mid-line here closes across {where} at "
                     f"{close.line}:{close.column}", tok.line, tok.column, severity="warning",
                     offset=tok.start_pos, code="suspicious-pairing",
                     hint="check that these two brackets belong together; a bracket that "
                          "spans units usually opens at the start of a line or closes "
                          "at the end of one")
        if not strict and crosses_article:
            _read_apart(tokens, partner, i, j, problems)


def _read_apart(tokens: list[Token], partner: list[int], i: int, j: int,
                problems: _Problems) -> None:
    """Tolerant mode: the pair ``i``-``j`` is read as an unclosed and a stray bracket."""
    tok, close = tokens[i], tokens[j]
    partner[i] = partner[j] = -1
    _unclosed(tokens, i, problems)
    problems.add(E.StrayBracket, f"stray '{close}': read apart from the bracket at "
                 f"{tok.line}:{tok.column}", close.line, close.column,
                 offset=close.start_pos, hint="remove it, or escape it as '\\]'")
    tokens[j] = _as("TEXT", close)


#: what may follow a `]` that closes a paragraph on its line: punctuation, an
#: attribution or a footnote mark in parentheses or brackets, markup
_PARAGRAPH_TAIL = rx.compile(r"[\s.,;:*_)\]]*(?:\([^()]{0,40}\)[\s.,;:*_]*)?$")


def _goes_on(tokens: list[Token], i: int, j: int) -> bool:
    """Does the sentence go on after the ``]`` at ``j`` that closes the bracket at ``i``
    (words after it on its line, not only punctuation, an attribution or a footnote mark,
    nor the bracket of a rival version of the same article)?"""
    text: list[str] = []
    blank = True  # nothing but blanks and attributions after the `]` so far
    for k in range(j + 1, min(j + 1 + _LOOK, len(tokens))):
        t = tokens[k].type
        if t == "NL":
            break
        if t == "LBR" and blank and _same_heading(tokens, i, k):
            return False  # `...]@EU[Article 2. Use of terms`: a rival article follows
        if t != "ATTRIB":
            text.append(str(tokens[k]))
            blank = blank and not str(tokens[k]).strip()
    return _PARAGRAPH_TAIL.match("".join(text)) is None


def _opens_article(tokens: list[Token], i: int) -> bool:
    """Does the ``[`` at ``i`` open an article's (or a larger unit's) heading: ``[Artigo
    II. Princípios Gerais``?"""
    for k in range(i + 1, min(i + 1 + _LOOK, len(tokens))):
        if tokens[k].type in _ARTICLE_LEVEL:
            return True
        if tokens[k].type == "NL" or _has_content(tokens[k]):
            return False
    return False


def _same_heading(tokens: list[Token], i: int, k: int) -> bool:
    """Does the bracket at ``k`` open with the keyword of the heading the bracket at ``i``
    opens (``[Article 2. Definitions`` ... ``][Article 2. Use of terms``)?"""
    head = next((t for t in tokens[i + 1:i + 1 + _LOOK] if t.type in _ARTICLE_LEVEL), None)
    word = str(head).lstrip(LEAD).split()[:1] if head is not None else []
    return bool(word) and k + 1 < len(tokens) and \
        str(tokens[k + 1]).lstrip(LEAD).startswith(word[0])


def _leaves_paragraph(tokens: list[Token], i: int, j: int, heads: list[int]) -> bool:
    """Does the pair ``i``-``j`` close in a later paragraph than it opens (a unit's
    heading or number, or a blank line, between them)?"""
    if heads[j] > heads[i + 1]:
        return True
    return any(tokens[k].type == "NL" and _paragraph_ends_after(tokens, k)
               for k in range(i + 1, j))


def _opening_pair(tokens: list[Token], partner: list[int], i: int, j: int,
                  problems: _Problems, strict: bool) -> None:
    """The pair ``i``-``j`` opens its line and closes mid-sentence in a later paragraph:
    a copy that lost the paragraph's ``]`` (``[Artigo II. ...`` then ``cada Parte]
    [garantirá] ...``).  Warned in both modes; in tolerant mode the paragraph's bracket
    is unclosed and the ``]`` stray."""
    tok, close = tokens[i], tokens[j]
    problems.add(E.ParseError, f"bracket opening this line closes mid-sentence in another "
                 f"paragraph at {close.line}:{close.column}", tok.line, tok.column,
                 severity="warning", offset=tok.start_pos, code="suspicious-pairing",
                 hint="check that these two brackets belong together; a bracket around "
                      "whole paragraphs closes at the end of a line")
    if not strict:
        _read_apart(tokens, partner, i, j, problems)
