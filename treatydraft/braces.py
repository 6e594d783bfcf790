"""Braces and double angle brackets: which braces are a draft's brackets
(``{confidential}`` in a sentence, ``{framework}{programme}``), which a style sheet's rule
(``{mso-style-parent:""; ...}``), and the notes in ``<<...>>``.  Asked by the token pass
(:func:`.tokenpass.type_brackets`); documented in docs/format.md ("Notes").
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from . import regexcache as rx
from .lalr import Token

__all__ = ["STYLE_RULE", "angle_notes", "braced_word", "braces_beside"]

# One word of a cased script in braces, and the lower-case word it runs on to
_BRACED = rx.compile(r"\{([^\W\d_]+)\}")
_RUNS_ON = rx.compile(r"[ \t]+[{\[]?([^\W\d_])")


# A rule of a style sheet, as a web page saved by a word processor leaves it in a text
# copy (`v\:* {behavior:url(#default#VML);}`, `{mso-style-parent:""; font-size:12.0pt;}`):
# declarations `property: value;`, at least one `;`.  Markup, not a note.
STYLE_RULE = rx.compile(r"\{(?:[ \t]*-?[a-z][a-z-]*[ \t]*:[^;{}:]*(?::[^;{}]*)?;)+[ \t]*"
                        r"(?:-?[a-z][a-z-]*[ \t]*:[^;{}]*)?\}")


def braces_beside(tokens: list[Token], i: int) -> bool:
    """Braces side by side with other braces, blanks between at most
    (``{framework}{programme}``, ``{existing ...} {and the following ...}``): a draft
    that writes its brackets as braces; notes do not stand in rows."""
    def brace(k: int) -> bool:
        return 0 <= k < len(tokens) and tokens[k].type == "BRACE_NOTE"

    def blank(k: int) -> bool:
        return 0 <= k < len(tokens) and tokens[k].type == "TEXT" and not tokens[k].strip(" \t")
    return brace(i + 1) or brace(i - 1) or (blank(i + 1) and brace(i + 2)) or \
        (blank(i - 1) and brace(i - 2))


def braced_word(text: str, tok: Token) -> bool:
    """``disclose {confidential} information``: one lower-case word in braces that the
    sentence runs on from (a lower-case word follows, also after an opening brace or bracket:
    ``whisky bourbon {e} {ou whisky ...``) is a word of the text set off as
    brackets set off optional words; a note has more to say (``{linkages to 4.1}``)."""
    m = _BRACED.fullmatch(str(tok))
    if m is None or not m.group(1)[0].islower():
        return False
    after = _RUNS_ON.match(text, tok.end_pos)
    return after is not None and after.group(1).islower()


# A note in double angle brackets, as some negotiating texts write them (`<<Note: subject to
# the outcome of discussions in the IP Chapter ...>>`, `<<xx note: ...>>`), over lines too;
# with no square bracket inside (those are the draft's own).
_ANGLE_NOTE = rx.compile(r"<<[^<>\[\]［］【】\r\n]{0,40}?\b(?:[Nn]otes?|NOTES?|[Cc]omments?|COMMENTS?)"
                         r"\b(?:[^<>\[\]［］【】]|>(?!>)|<(?!<)){0,2000}?>>")
_IN_ANGLE_NOTE = ("TEXT", "NL", "GAP", "SLASH", "AT", "BACKSLASH")


def angle_notes(text: str, tokens: list[Token]) -> dict[int, tuple[int, list[Token], list[int | None]]]:
    """The notes in double angle brackets, as edits of the token list (start index ->
    (end index, replacement tokens, their partners)): the text before and after the note
    on its first and last tokens stays text."""
    edits: dict[int, tuple[int, list[Token], list[int | None]]] = {}
    if not tokens:
        return edits
    lo, hi = tokens[0].start_pos, tokens[-1].end_pos  # this segment of the draft only
    if text.find("<<", lo, hi) < 0:
        return edits
    starts = [tok.start_pos for tok in tokens]
    for m in _ANGLE_NOTE.finditer(text, lo, hi):
        a, b = m.span()
        k = bisect_right(starts, a) - 1
        last = bisect_left(starts, b) - 1
        if k < 0 or (edits and max(edits) >= k) or \
                any(tokens[t].type not in _IN_ANGLE_NOTE for t in range(k, last + 1)):
            continue
        first, end = tokens[k], tokens[last]
        if first.type != "TEXT" or end.type != "TEXT":
            continue
        new: list[Token] = []
        if a > first.start_pos:
            new.append(Token("TEXT", text[first.start_pos:a], first.start_pos, first.line,
                             first.column, first.line, first.column + a - first.start_pos, a))
        new.append(Token("DNOTE", text[a:b], a, first.line, first.column + a - first.start_pos,
                         end.line, end.column + b - end.start_pos, b))
        if b < end.end_pos:
            new.append(Token("TEXT", text[b:end.end_pos], b, end.line,
                             end.column + b - end.start_pos, end.line, end.end_column,
                             end.end_pos))
        edits[k] = (last, new, [None] * len(new))
    return edits
