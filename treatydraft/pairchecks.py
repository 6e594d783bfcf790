"""Checking the pairs: the third step of the token pass (:mod:`.tokenpass`), after
:func:`~.pairing.pair`.

:func:`check_pairs` warns about pairs that cross units mid-line, and about a bracket
opening an article whose ``]`` falls mid-sentence in a later paragraph; in tolerant mode
it reads a mid-line pair across an article heading, and such an article's bracket, as an
unclosed and a stray bracket.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import errors as E
from . import regexcache as rx
from .lalr import Token
from .pairing import (
    ARTICLE_LEVEL,
    HEADS,
    LEAD,
    LOOK,
    _as,
    has_content,
    paragraph_ends_after,
    report_unclosed,
)

if TYPE_CHECKING:
    from .parser import _Problems

__all__ = ["check_pairs"]


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
        if not seen and has_content(tok):
            seen = True
        heads[i + 1] = heads[i] + (t in HEADS)
        articles[i + 1] = articles[i] + (t in ARTICLE_LEVEL)
        labels[i + 1] = labels[i] + (t == "OPTION" and not before[i])  # opening its line
    after = [False] * n    # content later on the token's line
    seen = False
    for i in range(n - 1, -1, -1):
        tok = tokens[i]
        if tok.type == "NL":
            seen = False
            continue
        after[i] = seen
        if not seen and has_content(tok):
            seen = True
    for i, tok in enumerate(tokens):
        j = partner[i]
        if tok.type != "LBR" or j < 0:
            continue
        if not before[i]:
            if after[j] and _article_heading(tokens, i) is not None and _goes_on(tokens, i, j) and \
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
    report_unclosed(tokens, i, problems)
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
    for k in range(j + 1, min(j + 1 + LOOK, len(tokens))):
        t = tokens[k].type
        if t == "NL":
            break
        if t == "LBR" and blank and _same_heading(tokens, i, k):
            return False  # `...]@EU[Article 2. Use of terms`: a rival article follows
        if t != "ATTRIB":
            text.append(str(tokens[k]))
            blank = blank and not str(tokens[k]).strip()
    return _PARAGRAPH_TAIL.match("".join(text)) is None


def _article_heading(tokens: list[Token], i: int) -> Token | None:
    """The heading of an article (or a larger unit) that the ``[`` at ``i`` opens, with
    nothing but blanks and markup between (``[Artigo II. Princípios Gerais``), or None."""
    for k in range(i + 1, min(i + 1 + LOOK, len(tokens))):
        if tokens[k].type in ARTICLE_LEVEL:
            return tokens[k]
        if tokens[k].type == "NL" or has_content(tokens[k]):
            return None
    return None


def _same_heading(tokens: list[Token], i: int, k: int) -> bool:
    """Does the bracket at ``k`` open with the keyword of the heading the bracket at ``i``
    opens (``[Article 2. Definitions`` ... ``][Article 2. Use of terms``)?"""
    head = _article_heading(tokens, i)
    word = str(head).lstrip(LEAD).split()[:1] if head is not None else []
    return bool(word) and k + 1 < len(tokens) and \
        str(tokens[k + 1]).lstrip(LEAD).startswith(word[0])


def _leaves_paragraph(tokens: list[Token], i: int, j: int, heads: list[int]) -> bool:
    """Does the pair ``i``-``j`` close in a later paragraph than it opens (a unit's
    heading or number, or a blank line, between them)?"""
    if heads[j] > heads[i + 1]:
        return True
    return any(tokens[k].type == "NL" and paragraph_ends_after(tokens, k)
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
