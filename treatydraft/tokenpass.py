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
3. :func:`check_pairs` (:mod:`.pairchecks`): a pair that opens mid-line and closes mid-line in another unit,
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

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import errors as E
from . import regexcache as rx
from .braces import STYLE_RULE, angle_notes, braced_word, braces_beside
from .gaps import (
    ELISION,
    FIELD_WORDS,
    is_decision_title,
    is_gap,
    is_session_number,
    template_fields,
)
from .joining import SEPARATORS as _SEPARATORS
from .joining import in_word, join
from .lalr import Token
from .markers import SYMBOL_MARK, BracketedNumbers, marker_after_bracket, references, roman_mark
from .notekinds import (
    EDITORIAL,
    NOTE_HOLDING,
    adapted_subject,
    is_line_tag,
    is_note,
    is_running_mark,
    relabelled,
    speaks_of_brackets,
)
from .optionbrackets import bracket_options
from .options import first_of_series, option_number
from .pagemarks import catalogued, is_navigation
from .pairchecks import check_pairs
from .pairing import (
    _HINT_ESCAPE,
    EMPTY_APART,
    HEADS,
    LEAD,
    MAX_DEPTH,
    _as,
    _quote_depths,
    _spanning,
    _tok,
    pair,
)
from .proposer_tags import tagged
from .readings import number_slot
from .rtlcolumns import ARABIC, mirror_rtl
from .syntax import HEADING_TYPES, body_lexer

if TYPE_CHECKING:
    from .parser import _Problems

__all__ = ["lex", "lex_iter", "line_ends", "mirror_rtl", "ARABIC", "pair", "check_pairs",
           "type_brackets", "bracket_options", "join", "settle", "BracketedNumbers", "MAX_DEPTH",
           "EMPTY_APART"]


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


def _beside_bracket(tokens: list[Token], i: int, j: int, *, gaps: bool = True) -> bool:
    """The bracket ``i``..``j`` has another bracket beside it, blanks or a slash between
    them at most; a placeholder beside it counts too, unless ``gaps`` is false."""
    skip = ("GAP", "SLASH", "ATTRIB", "FNREF")
    prev, nxt = _neighbour(tokens, i - 1, -1, skip), _neighbour(tokens, j + 1, 1, skip)
    before = ("RBR", "PLACEHOLDER") if gaps else ("RBR",)
    after = ("LBR", "PLACEHOLDER") if gaps else ("LBR",)
    return prev is not None and prev.type in before or nxt is not None and nxt.type in after


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
    fields = template_fields(tokens)  # a template's fields on each line (`[year]`)
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
                        tokens[k].type in HEADS for k in range(i + 1, j)) or \
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
            elif alone and j == i + 2 and len(inner.split()) <= FIELD_WORDS and \
                    any(c.isalpha() for c in inner) and \
                    fields[tok.line] >= 2 and not _beside_bracket(tokens, i, j, gaps=False):
                # `1 January [year] ... level of [consumption or production] ... in [Group x
                # of Annex x]`: on a template's line, its short brackets are fields too;
                # not two brackets a blank apart (`[x] [months] [sessions]`: rivals)
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
            elif _NUMBER.fullmatch(inner) and marker_after_bracket(text, tokens, partner, i, j):
                # `Resolutions [to date][25].`: a footnote marker written against a bracket
                edits[i] = (j, [_spanning("FNREF", text, tok, tokens[j])], [None])
                skip_to = j
            elif alone and SYMBOL_MARK.fullmatch(inner) or roman_mark(text, tok, tokens[j], inner):
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
                # ... or unless the sentence quoting it speaks of brackets (`The newly
                # bracketed texts are in paragraph 3, "Affected [developing] ..."`)
                if quoted[i] and len(inner.split()) <= 3 and not _beside_bracket(tokens, i, j) \
                        and quotes[quoted[i]] == 1 and (len(inner.strip()) < 6 or all_numbers.times(
                            text[tok.start_pos:tokens[j].end_pos]) == 1) \
                        and not speaks_of_brackets(text, tok.start_pos):
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
        if quoted[i] and ELISION.fullmatch(tok):
            # `"... [...] ..."`: the quoter's cut; a field to fill (`“... 1 January
            # [year] ...”`) is a gap in the text quoted too
            problems.add(E.ParseError, f"editorial bracket '{tok}' in a quotation: read "
                         "as text", tok.line, tok.column, severity="warning",
                         offset=tok.start_pos, code="editorial-bracket", hint=_HINT_ESCAPE)
            edits[i] = (i, [_as("TEXT", tok)], [None])
    refs, labels = references(text, tokens, numbers, all_numbers)
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


def _remark(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """Is the bracket ``i``..``j`` an editor's remark (``[sic]``, ``[emphasis added]``)?"""
    inner = _inner(text, tokens, i, j) if j > i else None
    return inner is not None and EDITORIAL.fullmatch(inner) is not None


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
