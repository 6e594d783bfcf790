"""The token pass: what the grammar leaves to one linear pass over the token list.

Bracket pairing cannot be recovered by an LALR parser, and which brackets compete for
one slot depends on the document's conventions, so between Lark's lexer and its parser
these steps run, in order (each linear in the number of tokens):

1. :func:`lex`: Lark's basic lexer; a line-start heading token that carries Markdown
   residue or the opening brackets of a bracketed unit in front of it (``**[3.``) is
   split into TEXT / LBR tokens and the heading proper.
2. :func:`pair` (in :mod:`.pairing`): every ``[`` with its ``]`` (in Arabic text whose
   brackets were stored as seen, ``]`` opening and ``[`` closing: :func:`mirror_rtl`, run
   first when the text holds Arabic letters).  An unpaired one, or one nested too deep, is
   an error (strict) or plain text (tolerant); ``[]`` inside a quotation or against a word
   (``continue[]``) is an editorial bracket (a warning), elsewhere an error (alone, read
   as a gap by :func:`type_brackets`).
3. :func:`check_pairs` (:mod:`.pairing`): a pair that opens mid-line and closes mid-line in another unit,
   or crosses an article heading, is suspicious (a warning); in tolerant mode a pair that
   opens mid-line and crosses an article heading is read as an unclosed and a stray
   bracket instead.
4. :func:`type_brackets`: drafting notes (``[Note: ...]``, ``*[elements for further
   discussion]*``, ``5. [Deleted]``: which ones, :mod:`.notekinds`) become DNOTE tokens;
   editorial brackets in quotations and editors' remarks (``[sic]``) become text;
   placeholders next to other brackets are split so they can be alternatives; a
   bulletin's proposer tag after a bracket (``[a] (G-77/CHINA)``: :mod:`.proposer_tags`)
   becomes its ATTRIB.
5. :func:`bracket_options`: the brackets of an option bracketed whole (``[Option 2:
   ...]``) become OPT_LBR / OPT_RBR, so that it competes in its block.
6. :func:`join` (in :mod:`.joining`): which neighbouring brackets are alternatives of one group (NEXT_LBR,
   under the document's ``spaced-brackets`` convention (:mod:`.readings`).
7. :func:`settle`: GAP, SLASH, ATTRIB and GROUP_ATTRIB are syntax only where the grammar
   allows them, elsewhere text; a footnote marker right after a bracket is ALT_FNREF.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import errors as E
from . import regexcache as rx
from .joining import SEPARATORS as _SEPARATORS
from .joining import in_word, join
from .lalr import Token
from .notekinds import (
    EDITORIAL,
    NOTE_HOLDING,
    STYLE_RULE,
    adapted_subject,
    angle_notes,
    braced_word,
    braces_beside,
    catalogued,
    is_decision_title,
    is_gap,
    is_line_tag,
    is_navigation,
    is_note,
    is_running_mark,
    is_session_number,
    relabelled,
)
from .options import first_of_series, option_number
from .pairing import (
    _HEADS,
    _HINT_ESCAPE,
    ARABIC,
    LEAD,
    MAX_DEPTH,
    _as,
    _quote_depths,
    _spanning,
    _tok,
    check_pairs,
    mirror_rtl,
    pair,
)
from .proposer_tags import tagged
from .readings import YEAR, number_slot
from .syntax import HEADING_TYPES, body_lexer

if TYPE_CHECKING:
    from .parser import _Problems

__all__ = ["lex", "lex_iter", "line_ends", "mirror_rtl", "ARABIC", "pair", "check_pairs",
           "type_brackets", "bracket_options", "join", "settle", "BracketedNumbers", "MAX_DEPTH"]


_OPENERS = "[［【"


_NUMBER_THEN_BRACKET = rx.compile(r"[ \t#*_]*[0-9][0-9.]*[a-z]*[.:]?[ \t]+(?=[\[［【])")


_RENUMBERED = rx.compile(r"[\[［【][0-9٠-٩]+[\]］】](?:[ \t]?[\[［【][0-9٠-٩]+[\]］】])*[.．]")


def _split_heading(tok: Token, out: list[Token]) -> None:
    """``  **[[3.`` -> TEXT('  **'), LBR('['), LBR('['), PARA('3.'); an option label
    after a unit number and a bracket, ``13.2 [Option 1:`` -> TEXT('13.2 '), LBR('['),
    OPTION('Option 1:')."""
    value = str(tok)
    i, start, n = 0, 0, len(value)
    while True:
        if tok.type == "OPTION" and (m := _NUMBER_THEN_BRACKET.match(value, i)):
            i = m.end()  # `13.2 [Option 1:`, `[2. [Option 1:`: the unit number is text
        j = i
        while i < n and (value[i] in LEAD or value[i] in _OPENERS):
            if tok.type == "PARA" and _RENUMBERED.match(value, i):
                break  # `[4][2].`: the brackets are the number's
            if value[i] in _OPENERS:
                if i > start:
                    out.append(_tok("TEXT", value[start:i], tok, start))
                out.append(_tok("LBR", value[i], tok, i))
                start = i + 1
            i += 1
        if i == j or tok.type != "OPTION" or not _NUMBER_THEN_BRACKET.match(value, i):
            break
    if i > start:
        out.append(_tok("TEXT", value[start:i], tok, start))
    out.append(_tok(tok.type, value[i:], tok, i))


def lex(text: str) -> list[Token]:
    """The tokens of ``text``, headings split from what stands before them."""
    return list(lex_iter(text))


def lex_iter(text: str) -> Iterator[Token]:
    """:func:`lex` one token at a time (the parser reads a draft in segments)."""
    split: list[Token] = []
    for tok in body_lexer().lex(text):
        if tok.type in HEADING_TYPES and (tok[0] in LEAD or tok[0] in _OPENERS or (
                tok.type == "OPTION" and _NUMBER_THEN_BRACKET.match(tok))):
            _split_heading(tok, split)
            if tok.type == "OPTION":
                _unit_before_label(split)
            yield from split
            split.clear()
        elif tok.type == "OPTION" and tok[0] in _UNIT_FIRST:
            split.append(tok)
            _unit_before_label(split)
            yield from split
            split.clear()
        else:
            yield tok


_UNIT_FIRST = frozenset("0123456789abcdefghijklmnopqrstuvwxyz(")
# a unit number or list letter and the blanks after it, before an option label
_UNIT_THEN_LABEL = rx.compile(r"(?:[0-9]+(?:\.[0-9]+)*[a-z]*[.:]?|[a-z][.)]|"
                              r"\((?:[0-9]{1,3}|[a-z]{1,3})\))[ \t]+")


def _unit_before_label(out: list[Token]) -> None:
    """``5. Option 1: ...`` -> PARA('5.'), TEXT(' '), OPTION('Option 1: ...'): a unit
    number before the first label of a series heads its unit, which holds the block (so
    the block ends at the next unit of that level, ``6. ...``); likewise ``13.2 [Option 1:``
    and ``a. Option (a):``.  Before a later label (``13.2 Option 2:``, the number written
    again before each option) the number stays in the label, which continues the block.
    ``out`` ends with the label's tokens; they are replaced in place."""
    label = out[-1]
    value = str(label)
    series, number = option_number(value)  # as the block's gathering reads it
    if series.startswith("alt:") or not first_of_series(number):
        return
    if len(out) >= 3 and out[-2].type == "LBR" and out[-3].type == "TEXT":
        host, at, rest = out[-3], len(out) - 3, value  # `13.2 [Option 1:`
    elif (m := _UNIT_THEN_LABEL.match(value)) is not None:
        host, at, rest = label, len(out) - 1, value[m.end():]  # `5. Option 1:`
    else:
        return
    hv = str(host)
    lead = len(hv) - len(hv.lstrip(LEAD))
    m = _UNIT_THEN_LABEL.match(hv, lead)
    if m is None:
        return
    unit = hv[lead:m.end()].rstrip(" \t")
    heads = list(body_lexer().lex(unit))
    if len(heads) != 1 or heads[0].type not in ("PARA", "SUBPARA"):
        return  # `5 Option 1:`: no unit heading
    parts = [_tok("TEXT", hv[:lead], host, 0)] if lead else []
    parts.append(_tok(heads[0].type, unit, host, lead))
    parts.append(_tok("TEXT", hv[lead + len(unit):m.end()], host, lead + len(unit)))
    if host is label:
        parts.append(_tok("OPTION", rest, label, m.end()))
    elif m.end() == len(hv):  # the text before the bracket is the number and blanks only
        parts.extend(out[-2:])
    else:
        return
    out[at:] = parts


def line_ends(tokens: list[Token], problems: _Problems, first: str | None = None) -> str | None:
    """Warn once where a draft starts mixing line ends (LF, CRLF, CR: each is a line end).

    For a draft read in segments: ``first`` is what the call on the segments before
    returned (the first line end, or '' once warned)."""
    if first == "":
        return first
    for tok in tokens:
        if tok.type == "NL":
            if first is None:
                first = str(tok)
            elif str(tok) != first:
                names = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
                problems.add(E.ParseError, f"mixed line ends: {names[str(tok)]} here after "
                             f"{names[first]} before", tok.line, tok.column,
                             severity="warning", offset=tok.start_pos, code="mixed-line-ends",
                             hint="each is read as a line end and kept as written; save the "
                                  "file with one kind of line end")
                return ""
    return first


def _inner(text: str, tokens: list[Token], i: int, j: int) -> str | None:
    """The text between brackets ``i`` and ``j`` when only plain text stands there."""
    for k in range(i + 1, j):
        if tokens[k].type not in ("TEXT", "AT", "GAP", "SLASH", "ATTRIB", "GROUP_ATTRIB", "NL"):
            return None
    return text[tokens[i].end_pos:tokens[j].start_pos]


def _neighbour(tokens: list[Token], k: int, step: int,
               skip: tuple[str, ...] = ("GAP", "SLASH")) -> Token | None:
    """The first token from ``k`` in direction ``step`` that is not a separator."""
    n = len(tokens)
    while 0 <= k < n and tokens[k].type in skip:
        k += step
    return tokens[k] if 0 <= k < n else None


def _beside_bracket(tokens: list[Token], i: int, j: int) -> bool:
    """The bracket ``i``..``j`` has another bracket (or a placeholder) beside it, blanks or a
    slash between them at most."""
    skip = ("GAP", "SLASH", "ATTRIB", "FNREF")
    prev, nxt = _neighbour(tokens, i - 1, -1, skip), _neighbour(tokens, j + 1, 1, skip)
    return prev is not None and prev.type in ("RBR", "PLACEHOLDER") or \
        nxt is not None and nxt.type in ("LBR", "PLACEHOLDER")


# (the bracket first: a pattern that starts with a look-behind is tried at every position)
_ALONE_NUMBER = rx.compile(r"[\[［【](?<![\]］】][\[［【])[ \t]*([0-9]{1,3})[ \t]*[\]］】](?![\[［【])")


class BracketedNumbers:
    """The numbers standing alone in brackets anywhere in a draft (``[17]``, ``[ 18]``):
    a run of consecutive ones marks footnote markers (see :func:`type_brackets`); and how
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


def _letter_as_text(text: str, tokens: list[Token], i: int) -> bool:
    """Is the one-letter placeholder at ``i`` text, no variable: written against a word it
    ends (``a[n]``, ``Part[y]``), or ``[y]`` after a bracket or a comma, the Spanish
    connective (``[,] [y] mantener``, ``Capítulo, [y]``)?"""
    tok = tokens[i]
    letter, s = str(tok)[1:-1], tok.start_pos
    if len(letter) != 1 or not letter.isalpha():
        return False
    if s and in_word(text[s - 1]):
        return True
    return letter in "yY" and (_CONNECTIVE_BEFORE.search(text, max(0, s - 8), s) is not None
                               or i >= 2 and tokens[i - 1].type == "GAP"
                               and tokens[i - 2].type == "RBR")


_CONNECTIVE_BEFORE = rx.compile(r"[,，][ \t]*$")
_NOTE_LINE = rx.compile(r"^[ \t]*([0-9]{1,3})(?:[ \t]{2,}|\t)(?=\S)", re.MULTILINE)
_SHORT_BRACKET = rx.compile(r"\[[^\[\]\r\n]{1,80}\]")


def type_brackets(text: str, tokens: list[Token], partner: list[int], problems: _Problems,
                  all_numbers: BracketedNumbers | None = None, convention: str = "auto"
                  ) -> tuple[list[Token], list[int]]:
    """Drafting notes, editorial brackets and placeholders among alternatives
    (``convention``: the document's ``spaced-brackets``, for a gap blanks apart from a
    number).

    Returns the token list (merged note tokens replace their brackets) and the partner
    list re-indexed to it; both unchanged when there is nothing to do."""
    quoted: list[int] | None = None
    quotes: Counter[int] | None = None
    # edits: start -> (end, replacement tokens, their partners relative to start or None)
    edits = angle_notes(text, tokens)  # `<<Note: ...>>`
    skip_to = -1
    if all_numbers is None:
        all_numbers = BracketedNumbers(text)
    numbers: list[tuple[int, int, int]] = []  # bracketed numbers alone: (open, close, n)
    fields: Counter[int] | None = None  # a template's fields on each line (`[year]`)
    for i in [k for k, tok in enumerate(tokens)
              if tok.type in ("LBR", "PLACEHOLDER", "BRACE_NOTE")]:
        if i <= skip_to:
            continue
        tok = tokens[i]
        if tok.type == "BRACE_NOTE":
            beside = braces_beside(tokens, i)
            if beside or braced_word(text, tok):
                value = str(tok)
                edits[i] = (i, [_tok("LBR", value[0], tok, 0), _tok("TEXT", value[1:-1], tok, 1),
                                _tok("RBR", value[-1], tok, len(value) - 1)], [2, None, 0])
                if beside and i + 2 < len(tokens) and tokens[i + 1].type == "TEXT" and \
                        tokens[i + 2].type == "BRACE_NOTE":  # `{a} {b}`: blanks between
                    edits[i + 1] = (i + 1, [_as("GAP", tokens[i + 1])], [None])
                what = "braces beside other braces, read as brackets" if beside else \
                    "a word of the sentence in braces, read as optional text"
                problems.add(E.ParseError, f"'{value}': {what} (braces usually hold a note)",
                             tok.line, tok.column, severity="warning", offset=tok.start_pos,
                             code="braced-word",
                             hint="write it in square brackets if it is negotiated text, or "
                                  "as a note ('{Note: ...}') if it is not")
            elif STYLE_RULE.fullmatch(tok):  # `.shape {behavior:url(#default#VML);}`
                edits[i] = (i, [_as("TEXT", tok)], [None])
            continue
        if tok.type == "LBR":
            j = partner[i]
            if j < i:
                continue
            inner = _inner(text, tokens, i, j)
            if inner is None:
                if NOTE_HOLDING.match(text, tok.end_pos) and not any(
                        tokens[k].type in _HEADS for k in range(i + 1, j)) or \
                        j - i <= 4 and is_running_mark(text, tok, tokens[j]):
                    # `[placeholder for an option on [NDMC][INDC] ...]`: brackets inside
                    # a note are part of the note; `[Article 6 (continued)]` is no heading
                    edits[i] = (j, [_spanning("DNOTE", text, tok, tokens[j])], [None])
                    skip_to = j
                continue
            skip = ("SLASH", "ATTRIB", "FNREF")
            prev, nxt = _neighbour(tokens, i - 1, -1, skip), _neighbour(tokens, j + 1, 1, skip)
            alone = not (prev is not None and prev.type in ("RBR", "PLACEHOLDER")) and \
                not (nxt is not None and nxt.type in ("LBR", "PLACEHOLDER"))
            if not inner.strip(" \t\r\n") and "\n" in inner:
                # `Settlement [<line break>]`: a footnote marker whose number a copy of a
                # superscript lost (a gap to fill is written on one line: `[ ]`)
                edits[i] = (j, [_spanning("FNREF", text, tok, tokens[j])], [None])
                skip_to = j
            elif j == i + 1 and alone or is_gap(inner) or \
                    alone and (is_decision_title(text, tok, inner)
                               or is_session_number(text, tok, tokens[j], inner)):
                # `the [] Standards`: nothing in the bracket, a gap (the error
                # `empty-alternative` says so too); `[insert reference to report]`
                edits[i] = (j, [_spanning("PLACEHOLDER", text, tok, tokens[j])], [None])
                skip_to = j
            elif j == i + 2 and is_line_tag(text, tok, tokens[j], inner, all_numbers.times):
                # `[FRA] Nations Unies`, on every other line: a bilingual file's tag
                edits[i] = (j, [_spanning("DNOTE", text, tok, tokens[j])], [None])
                skip_to = j
            elif alone and j == i + 2 and len(inner.split()) <= _FIELD_WORDS and \
                    any(c.isalpha() for c in inner) and \
                    (fields := fields or _template_fields(tokens))[tok.line] >= 2:
                # `1 January [year] ... level of [consumption or production] ... in [Group x
                # of Annex x]`: on a template's line, its short brackets are fields too
                edits[i] = (j, [_spanning("PLACEHOLDER", text, tok, tokens[j])], [None])
                skip_to = j
            elif alone and is_navigation(text, tok, tokens[j], inner):
                # `[Next] . [Previous]`, `[Linkages Home]`: a web page's links, as text
                edits[i] = (i, [_as("TEXT", tok)], [None])
                edits[j] = (j, [_as("TEXT", tokens[j])], [None])
            elif is_note(text, tok, tokens[j], inner, alone):
                edits[i] = (j, [_spanning("DNOTE", text, tok, tokens[j])], [None])
                skip_to = j
            elif alone and _NUMBER.fullmatch(inner):
                numbers.append((i, j, int(inner)))
            elif _NUMBER.fullmatch(inner) and _marker_after_bracket(text, tokens, partner, i, j):
                # `Resolutions [to date][25].`: a footnote marker written against a bracket
                edits[i] = (j, [_spanning("FNREF", text, tok, tokens[j])], [None])
                skip_to = j
            elif alone and _SYMBOL_MARK.fullmatch(inner) or _roman_mark(text, tok, tokens[j], inner):
                # `(MAI) [*]`: nothing to negotiate; `by 2030[i]`: a word processor's endnote
                edits[i] = (j, [_spanning("FNREF", text, tok, tokens[j])], [None])
                skip_to = j
            elif alone and relabelled(text, tok, tokens[j], inner):
                problems.add(E.ParseError, f"a unit's letter or number followed by another in "
                             f"brackets '{text[tok.start_pos - 1:tokens[j].end_pos]}': it "
                             "depends on which text is kept; kept as written", tok.line,
                             tok.column, severity="warning", offset=tok.start_pos,
                             code="bracketed-number",
                             hint="reletter or renumber the unit by hand once the text "
                                  "before it is settled (resolving does not change them)")
                edits[i] = (i, [_as("TEXT", tok)], [None])
                edits[j] = (j, [_as("TEXT", tokens[j])], [None])
            elif alone and (EDITORIAL.fullmatch(inner) or catalogued(text, tok, tokens[j])):
                # `[sic]`: the editor's; `Proposal : [draft Convention ...] / submitted by
                # the ILO.`: a cataloguer's; as text
                edits[i] = (i, [_as("TEXT", tok)], [None])
                edits[j] = (j, [_as("TEXT", tokens[j])], [None])
            elif alone and adapted_subject(text, tokens[j], inner):
                problems.add(E.ParseError, f"editorial bracket '[{inner}]': a quotation's "
                             "subject, its verb adapted with '[]'; read as text", tok.line,
                             tok.column, severity="warning", offset=tok.start_pos,
                             code="editorial-bracket", hint=_HINT_ESCAPE)
                edits[i] = (i, [_as("TEXT", tok)], [None])
                edits[j] = (j, [_as("TEXT", tokens[j])], [None])
            elif alone:
                if quoted is None:
                    quoted = _quote_depths(tokens)
                if quotes is None:  # brackets in each quotation, editors' remarks aside
                    quotes = Counter(quoted[k] for k, t in enumerate(tokens)
                                     if t.type == "LBR" and quoted[k] and not _remark(
                                         text, tokens, k, partner[k]))
                # an editor's bracket is the one bracket of its quotation; a quotation of
                # bracketed draft text holds more (`"affected [developing] countries
                # [needing assistance]"`)
                # ... unless the draft the quotation comes from holds the same bracket
                # elsewhere (`that [Member State's] market.` quoted and in the footnote;
                # words long enough to tell: `[the]` is in every draft)
                if quoted[i] and len(inner.split()) <= 3 and not _beside_bracket(tokens, i, j) \
                        and quotes[quoted[i]] == 1 and (len(inner.strip()) < 6 or all_numbers.times(
                            text[tok.start_pos:tokens[j].end_pos]) == 1):
                    problems.add(E.ParseError, f"editorial bracket '[{inner}]' in a "
                                 "quotation: read as text", tok.line, tok.column,
                                 severity="warning", offset=tok.start_pos,
                                 code="editorial-bracket", hint=_HINT_ESCAPE)
                    edits[i] = (i, [_as("TEXT", tok)], [None])
                    edits[j] = (j, [_as("TEXT", tokens[j])], [None])
            continue
        if tok[0] not in _OPENERS:  # `{Placeholder ...}`
            continue
        if i + 1 < len(tokens) and tokens[i + 1].type in ("ATTRIB", "GROUP_ATTRIB") or \
                _letter_as_text(text, tokens, i):
            # `[z]@EU`: an attributed proposal, not a gap to fill
            value = str(tok)
            edits[i] = (i, [_tok("LBR", value[0], tok, 0), _tok("TEXT", value[1:-1], tok, 1),
                            _tok("RBR", value[-1], tok, len(value) - 1)], [2, None, 0])
            continue
        # side by side or with a slash, a placeholder is one of the alternatives
        prev = _neighbour(tokens, i - 1, -1, ("SLASH", "ATTRIB", "FNREF"))
        nxt = _neighbour(tokens, i + 1, 1, ("SLASH",))
        if (prev is not None and prev.type in ("RBR", "PLACEHOLDER")) or \
                (nxt is not None and nxt.type in ("LBR", "PLACEHOLDER")) or \
                convention != "separate" and _beside_number(text, tokens, partner, i):
            value = str(tok)
            edits[i] = (i, [_tok("LBR", value[0], tok, 0), _tok("PH_TEXT", value[1:-1], tok, 1),
                            _tok("RBR", value[-1], tok, len(value) - 1)], [2, None, 0])
            continue
        if quoted is None:
            quoted = _quote_depths(tokens)
        if quoted[i] and _ELISION.fullmatch(tok):
            # `"... [...] ..."`: the quoter's cut; a field to fill (`“... 1 January
            # [year] ...”`) is a gap in the text quoted too
            problems.add(E.ParseError, f"editorial bracket '{tok}' in a quotation: read "
                         "as text", tok.line, tok.column, severity="warning",
                         offset=tok.start_pos, code="editorial-bracket", hint=_HINT_ESCAPE)
            edits[i] = (i, [_as("TEXT", tok)], [None])
    refs, labels = _references(text, tokens, numbers, all_numbers)
    for i, j in refs:
        edits[i] = (j, [_spanning("FNREF", text, tokens[i], tokens[j])], [None])
    for i, j in labels:  # a paragraph's number in brackets: text
        edits[i] = (i, [_as("TEXT", tokens[i])], [None])
        edits[j] = (j, [_as("TEXT", tokens[j])], [None])
    for k, tag in tagged(text, tokens, partner).items():
        # `[especially] (G-77/CHINA)`: a proposer's tag, on a bracket that stays one
        if k - 1 not in edits and partner[k - 1] not in edits:
            edits[k] = tag
    if not edits:
        return tokens, partner
    out: list[Token] = []
    newpartner: list[int] = []
    remap = [-1] * len(tokens)
    fixups: list[int] = []  # positions in ``out`` whose partner is an old index
    i, n = 0, len(tokens)
    while i < n:
        edit = edits.get(i)
        if edit is None:
            remap[i] = len(out)
            if partner[i] >= 0:
                fixups.append(len(out))
            out.append(tokens[i])
            newpartner.append(partner[i])
            i += 1
            continue
        end, new, rel = edit
        base = len(out)
        out.extend(new)
        newpartner.extend(-1 if r is None else base + r for r in rel)
        i = end + 1
    for k in fixups:
        newpartner[k] = remap[newpartner[k]]
    return out, newpartner


_NUMBER = rx.compile(r"[ \t]*[0-9]{1,3}[ \t]*")
# A template's field: the year to fill, or words holding a lone variable x written small
# (`[Group x of Annex x]`); a bare `[X]` or `[20XX]` is a negotiation's gap as well
_FIELD = rx.compile(r"[\[［【](?:[Yy]ear|[Aa]ño|[Aa]nnée|[Гг]од|السنة|年份|[^\[\]\r\n:]{0,40}"
                    r"(?<![\w.-])[x×х](?![\w.-])[^\[\]\r\n:]{0,40})[\]］】]")
_FIELD_WORDS = 4  # words a bracket on a template's line holds, at most, to be a field


def _template_fields(tokens: list[Token]) -> Counter[int]:
    """How many of a template's fields (:data:`_FIELD`) each line holds; never empty
    (line 0 holds none), so that the caller counts once."""
    out = Counter(t.line for t in tokens if t.type == "PLACEHOLDER" and _FIELD.fullmatch(t))
    out.setdefault(0, 0)
    return out


# what an editor writes for a cut in a quotation: `[...]`, `[…]`, `[ ]`
_ELISION = rx.compile(r"[\[［【](?:\.{3,}|…+|[ \t]*)[\]］】]")
# A footnote mark made of symbols: `[*]`, `[**]`, `[†]`
_SYMBOL_MARK = rx.compile(r"(?:\*{1,3}|†{1,2}|‡{1,2}|§)")
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


def _roman_mark(text: str, open_tok: Token, close_tok: Token, inner: str) -> bool:
    """``by 2030[i]``: a lower-case Roman numeral written against a word and ending its
    clause or line is an endnote marker, as a web copy of a word processor's file writes
    them (a list item's label stands apart: ``(a) [i] ...``)."""
    s = open_tok.start_pos
    return s > 0 and (text[s - 1].isalnum() or text[s - 1] in ".,;:") and \
        _ROMAN.fullmatch(inner) is not None and _MARK_END.match(text, close_tok.end_pos) is not None


def _marker_after_bracket(text: str, tokens: list[Token], partner: list[int], i: int,
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


def _beside_number(text: str, tokens: list[Token], partner: list[int], i: int) -> bool:
    """The placeholder at ``i`` is a gap for a number, blanks apart from a bracketed
    number on its line (``by [year x] [2020]``, ``[2020] [20XX]``): one of the rivals."""
    n, gap = len(tokens), str(tokens[i])[1:-1]
    for k, step in ((i + 1, 1), (i - 1, -1)):
        b = k + step
        if not (0 <= b < n and tokens[k].type == "GAP" and "\n" not in tokens[k]
                and partner[b] >= 0 and tokens[b].type == ("LBR" if step > 0 else "RBR")):
            continue
        o, c = (b, partner[b]) if step > 0 else (partner[b], b)
        if c - o <= 2 and (inner := _inner(text, tokens, o, c)) is not None and \
                number_slot(gap, inner):
            return True
    return False


def _references(text: str, tokens: list[Token], numbers: list[tuple[int, int, int]],
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
        glued = not before[-1:].isspace()
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


_NOTE_TEXT = rx.compile(r"[ \t]+[^\W\d_]")
_GLUED_MARK = rx.compile(r"[0-9]{1,3}(?![.0-9])")  # a second marker against the first


def _remark(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """Is the bracket ``i``..``j`` an editor's remark (``[sic]``, ``[emphasis added]``)?"""
    inner = _inner(text, tokens, i, j) if j > i else None
    return inner is not None and EDITORIAL.fullmatch(inner) is not None


# what may stand right after the `]` of a bracket, attached to it
_ATTACHED = ("ATTRIB", "GROUP_ATTRIB", "FNREF", "ALT_FNREF")
# what an option bracketed whole may not hold at its own level: another option's label,
# a unit (its block would end inside the bracket), the end of a block
_NOT_IN_OPTION = frozenset(("OPTION", "END_OPTIONS", *HEADING_TYPES))


def bracket_options(tokens: list[Token], partner: list[int]) -> None:
    """Options bracketed whole (``[Option 1: ...]`` then ``[Option 2: ...]``): a ``[``
    right before an option label whose ``]`` comes before any other label or unit at its
    level, with nothing attached to it (an attribution, a footnote marker), becomes
    OPT_LBR and its ``]`` OPT_RBR, so that the option competes in its block as any
    other (its brackets kept as written: ``Option.open``, ``Option.close``).  A label
    the grammar finds right after a closed bracket (``] [Alt. 2:``, a copy that lost its
    line breaks) is one only if that bracket closed an option bracketed whole; after any
    other bracket (``[annually] [Option 2: as agreed]``) it is text."""
    n = len(tokens)
    for i in range(n - 1):
        if tokens[i].type != "LBR" or tokens[i + 1].type != "OPTION":
            continue
        before = _closing_before(tokens, i)
        if before is not None and before != "OPT_RBR":
            tokens[i + 1] = _as("TEXT", tokens[i + 1])
            continue
        j = partner[i]
        if j <= i or j + 1 < n and tokens[j + 1].type in _ATTACHED:
            continue
        if _label_alone(tokens, i, j):
            # `[Alternative A]` alone on its line: the label written in brackets, its
            # option the lines after it (not an option bracketed whole, empty)
            tokens[i], tokens[j] = _as("TEXT", tokens[i]), _as("TEXT", tokens[j])
            partner[i] = partner[j] = -1
            continue
        k = i + 2
        while k < j and tokens[k].type not in _NOT_IN_OPTION:
            if tokens[k].type == "LBR" and partner[k] > k:
                k = partner[k]  # what nested brackets hold is theirs
            k += 1
        if k == j:
            tokens[i], tokens[j] = _as("OPT_LBR", tokens[i]), _as("OPT_RBR", tokens[j])
            partner[i] = partner[j] = -1


def _label_alone(tokens: list[Token], i: int, j: int) -> bool:
    """Does the bracket ``i``..``j`` hold an option label and nothing else (blanks aside),
    its ``]`` ending the line?"""
    k = i + 2
    if k < j and tokens[k].type == "TEXT" and not tokens[k].strip(" \t.:"):
        k += 1
    if k != j:
        return False
    k += 1
    if k < len(tokens) and tokens[k].type == "TEXT" and not tokens[k].strip(" \t"):
        k += 1
    return k == len(tokens) or tokens[k].type == "NL"


def _closing_before(tokens: list[Token], i: int) -> str | None:
    """The type of the closing bracket right before ``tokens[i]`` (a blank between
    them allowed), or None."""
    k = i - 1
    if k >= 0 and tokens[k].type in ("GAP", "TEXT") and not tokens[k].strip(" \t"):
        k -= 1
    return tokens[k].type if k >= 0 and tokens[k].type in ("RBR", "OPT_RBR") else None


def settle(tokens: list[Token]) -> None:
    """GAP, SLASH, ATTRIB and GROUP_ATTRIB are syntax only where the grammar allows them
    (a separator only before NEXT_LBR);
    a footnote marker right after a closing bracket belongs to that alternative."""
    tail = False         # just after the closing part of an alternative
    after_label = False  # just after an option label (and its attribution)
    prev = None
    for i, tok in enumerate(tokens):
        t = tok.type
        if t in _SEPARATORS:
            if i + 1 == len(tokens) or tokens[i + 1].type != "NEXT_LBR":
                tokens[i] = _as("TEXT", tok)
                t = "TEXT"
        elif t == "ATTRIB":
            if not ((tail and prev == "RBR") or (after_label and prev == "OPTION")):
                tokens[i] = _as("TEXT", tok)
                t = "TEXT"
        elif t == "GROUP_ATTRIB":
            if not (tail or after_label):
                tokens[i] = _as("TEXT", tok)
                t = "TEXT"
        elif t == "FNREF" and tail:
            tokens[i] = _as("ALT_FNREF", tok)
            t = "ALT_FNREF"
        tail = t == "RBR" or (tail and t in ("ATTRIB", "ALT_FNREF"))
        after_label = t == "OPTION" or (after_label and t == "ATTRIB")
        prev = t
