"""Which brackets are gaps to fill, not words to keep or drop, by where they stand.

The lexer types most gaps by their words alone (grammar/treaty.lark, PLACEHOLDER and FIELD:
``[X]``, ``[20XX]``, ``[year]``, ``[Group x of Annex x]``); the token pass
(:func:`.tokenpass.type_brackets`) asks these questions of the rest: a reference to
insert, a decision's title still to come, a session's number to come, the short brackets
on a template's line.  And which gaps in a quotation are the editor's cut.  The
vocabulary is documented in docs/format.md ("Placeholders").
"""
from __future__ import annotations

import re
from collections import Counter

from . import regexcache as rx
from .lalr import Token

__all__ = ["ELISION", "FIELD_WORDS", "is_gap", "is_decision_title", "is_session_number",
           "template_fields"]

# A reference, a name or a number to put in, and nothing to negotiate: `[insert reference
# to report]` (across a line break too), `[(document A72/xx) (INSERT EB REF)]`, `[insert
# the title of the person or body administering ...]`: a gap; so is what a model law
# leaves the enacting State to fill (`[identify laws of the enacting State relating to
# insolvency]`, `[l'État adoptant indique ...]`).
_GAP = rx.compile(r"[^\]]{0,60}?\b(?i:insert)[ \t\r\n]+(?:[\w-]+[ \t\r\n]+){0,2}"
                  r"(?i:ref(?:erence)?s?|title|name|date|number|symbol|citation|link)\b"
                  r"[^\]]{0,200}"
                  r"|[^\]]{0,200}?(?:\b(?i:enacting)[ \t\r\n]+State|État[ \t\r\n]+adoptant|"
                  r"Estado[ \t\r\n]+promulgante|принимающе(?:го|е)[ \t\r\n]+(?:типовой[ \t\r\n]+"
                  r"закон[ \t\r\n]+)?государств)[^\]]{0,200}")


def is_gap(inner: str) -> bool:
    return _GAP.fullmatch(inner) is not None


# A decision's symbol (`decision 1/CMP.7`, `decision X/CP.17`, `décision -/CMA.1`) and a
# blank before a bracket
_DECISION_BEFORE = rx.compile(r"(?:decisions?|décisions?|decisión|decisiones|решени[еяи])[ \t]+"
                              r"(?:[0-9]{1,3}|[Xx]{1,2}|-)/(?:CP|CMP|CMA|COP|MOP|COP-MOP)"
                              r"\.(?:[0-9]{1,2}|[Xx]{1,2})[ \t]+$", re.IGNORECASE)


# The number of a session still to come, in a template: an ordinal in brackets before
# the body or the session it numbers (`The [Seventy-seventh] World Health Assembly`,
# `at its [80th] session`, `sa [quatre-vingtième] session`)
_ORDINAL = rx.compile(r"[ \t]*(?:(?:[A-Za-z]+-)?(?:first|second|third|fourth|fifth|sixth|"
                      r"seventh|eighth|ninth|tenth|eleventh|twelfth|[a-z]*teenth|[a-z]*tieth)|"
                      r"[0-9]{1,3}(?:st|nd|rd|th|e|ème|[oº])|[a-zé-]+ième)[ \t]*", re.IGNORECASE)
_SESSION_AFTER = rx.compile(r"[ \t]+(?:(?:[A-Z][a-z]+[ \t]*\r?\n?[ \t]*){0,3}(?:Assembly|Conference|"
                            r"Congress|Meeting|Session)|session|meeting|sesión|reunión|"
                            r"réunion|сесси)", )


def is_session_number(text: str, open_tok: Token, close_tok: Token, inner: str) -> bool:
    """``The [Seventy-seventh] World Health Assembly``: the number of a session to come,
    left to fill in a template: a gap, not words to keep or drop.  Beside another
    bracket, blanks apart, it is a rival number (``[seizième] [énième] session``)."""
    s = open_tok.start_pos
    return _ORDINAL.fullmatch(inner) is not None and \
        _SESSION_AFTER.match(text, close_tok.end_pos) is not None and \
        not text[max(0, s - 4):s].rstrip(" \t").endswith(("]", "］", "】"))


def is_decision_title(text: str, open_tok: Token, inner: str) -> bool:
    """``decision 1/CMP.7 [Giving effect to Kyoto amendments ...]``: the title of a
    decision still being adopted, in brackets after its symbol, to be filled in when it
    is (``decision X/CMP.7 [Title]``): a gap, not words to keep or drop."""
    s = open_tok.start_pos
    return inner[:1].isupper() and _DECISION_BEFORE.search(text, max(0, s - 40), s) is not None


FIELD_WORDS = 4  # words a bracket on a template's line holds, at most, to be a field


def template_fields(tokens: list[Token]) -> Counter[int]:
    """How many of a template's fields (grammar/treaty.lark, FIELD: ``[year]``, ``[Group
    x of Annex x]``) each line holds; never empty (line 0 holds none).  From here on a
    field is a gap like any other: its token is retyped PLACEHOLDER in place."""
    out: Counter[int] = Counter()
    out[0] = 0
    for i, tok in enumerate(tokens):
        if tok.type == "FIELD":
            out[tok.line] += 1
            tokens[i] = Token.new_borrow_pos("PLACEHOLDER", str(tok), tok)
    return out


# what an editor writes for a cut in a quotation: `[...]`, `[…]`, `[ ]`
ELISION = rx.compile(r"[\[［【](?:\.{3,}|…+|[ \t]*)[\]］】]")
