"""Pairing the brackets: the second step of the token pass (:mod:`.tokenpass`).

:func:`pair` pairs every ``[`` with its ``]`` in one pass; where brackets are left
unclosed, a bracket opening a paragraph closes at that paragraph's end, so the one opened
mid-line is reported.  Quotations are tracked here too: ``[]`` and short brackets inside
one are editorial.  The token helpers here (a token retyped, part of a token, a token
spanning others) serve the whole token pass.  Arabic brackets stored as seen are read
before (:mod:`.rtlcolumns`); the pairs are checked after (:mod:`.pairchecks`).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import errors as E
from . import regexcache as rx
from .lalr import Token

if TYPE_CHECKING:
    from .parser import _Problems

__all__ = ["pair", "MAX_DEPTH", "EMPTY_APART", "LEAD", "HEADS", "ARTICLE_LEVEL", "LOOK",
           "has_content", "report_unclosed", "paragraph_ends_after", "in_word"]

#: Brackets may nest this deep; deeper is an error (strict) or plain text (tolerant).
MAX_DEPTH = 100

HEADS = frozenset({"PREAMBLE", "DIVISION", "ARTICLE", "PARA", "SUBPARA", "OPTION"})
ARTICLE_LEVEL = frozenset({"PREAMBLE", "DIVISION", "ARTICLE"})
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
        if t == "TEXT" and i + 1 < len(tokens) and tokens[i + 1].type in HEADS and \
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
                report_unclosed(tokens, j, problems, None)
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
            report_unclosed(tokens, j, problems, None)
        del stack[note:]
    if stack:
        stack = _close_paragraph_brackets(tokens, partner, stack)
    closers = {u: k for u in stack if (k := _paren_closing(tokens, u)) is not None}
    if closers and not problems.strict:
        return _closed_by_parens(tokens, partner, stack, closers, problems)
    for j in stack:
        report_unclosed(tokens, j, problems, closers.get(j))
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
            report_unclosed(out, index[u], problems)
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
            if tokens[k].type == "NL" and paragraph_ends_after(tokens, k):
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


def paragraph_ends_after(tokens: list[Token], k: int) -> bool:
    """Does the line break at ``k`` end a paragraph: a blank line, or a paragraph's or a
    larger unit's number opening the next line?"""
    n = len(tokens)
    j = k + 1
    if j < n and tokens[j].type in ("GAP", "TEXT") and not str(tokens[j]).strip(" \t"):
        j += 1
    return j < n and tokens[j].type in ("NL", "PARA", "ARTICLE", "DIVISION", "PREAMBLE")


#: how many tokens the two tests below look at before giving up (no repair then): a
#: line of a million empty brackets must not make the pairing quadratic
LOOK = 64


def _starts_line(tokens: list[Token], i: int) -> bool | None:
    """Nothing but blanks, markup, brackets and a unit's number before ``i`` on its
    line: True; content before it: False; None when that is too far back to tell."""
    for k in range(i - 1, max(i - 1 - LOOK, -1), -1):
        if tokens[k].type == "NL":
            return True
        if has_content(tokens[k]) and tokens[k].type not in HEADS:
            return False
    return True if i <= LOOK else None


def _ends_paragraph(tokens: list[Token], i: int) -> bool:
    """Nothing after ``i`` on its line, and the next line with content starts a unit
    (or the text ends)."""
    n = len(tokens)
    for k in range(i + 1, min(i + 1 + LOOK, n)):
        if tokens[k].type in HEADS:
            return True
        if has_content(tokens[k]):
            return False
    return i + 1 + LOOK >= n


def report_unclosed(tokens: list[Token], j: int, problems: _Problems,
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


def has_content(tok: Token) -> bool:
    if tok.type not in ("TEXT", "PLACEHOLDER", "FIELD", "ESCAPE", "AT"):
        return False
    value = str(tok)
    if "&" in value or "<" in value:
        value = _MARKUP.sub("", value)
    return _CONTENT.search(value) is not None
