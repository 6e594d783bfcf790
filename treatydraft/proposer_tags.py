"""Proposers in parentheses after a bracket: a bulletin's notation for who proposed what.

Reports that quote a draft (the Earth Negotiations Bulletin, in the 1990s above all) write
each proposal's delegation in capitals, in parentheses, right after its bracket::

    and [especially] (G-77/CHINA) [including] (CHAIR) those [objectives] (EU) related

The parenthesis is the alternative's attribution, as ``]@G77`` is in the format: not
text of the draft, and two tagged brackets blanks apart are rival proposals for one slot
(as ``[a]@RUS [b]@EU``).  A capitalised parenthesis after a bracket is often something
else (an acronym the bracket spells out, ``[official development assistance] (ODA)``; a
unit's number, ``(II)``; an instruction, ``(DEL)``), so the notation is read only where
the draft shows it: two tagged brackets side by side somewhere in it.  Then every tag
after a bracket is read as one.  The token pass (:func:`.tokenpass.type_brackets`)
turns each into an ATTRIB token; the builder takes its proposers from
:func:`tag_proposers`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from . import regexcache as rx
from .lalr import Token
from .pairing import _tok

__all__ = ["tagged", "is_tag", "tag_proposers"]

# a name in capitals: `EU`, `G-77/CHINA`, `SAUDI ARABIA`, `AOSIS`; several joined by
# `,` `;` `/` `and`
_NAME = r"[A-Z][A-Z0-9'.&/-]*[A-Z0-9](?:[ \t][A-Z][A-Z0-9'.&/-]*[A-Z0-9])*"
_TAG = rx.compile(r"[ \t]?\((" + _NAME + r"(?:(?:[ \t]*[,;][ \t]*|[ \t]+(?:and|AND)[ \t]+)"
                  + _NAME + r")*)\)")
_ROMAN = rx.compile(r"[IVXLC]+")
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "to", "de", "des", "du", "la",
                          "le", "et", "y", "del", "el"})
# what a delegation asks for, in the same notation (`[for sale] (DEL)`): no proposer
_INSTRUCTIONS = frozenset("DEL DELETE RETAIN KEEP ADD MOVE MOVED NEW ALT AGREED REV TBD TBC "
                          "NOTE OR AND".split())
_SPLIT = rx.compile(r"[ \t]*[,;][ \t]*|[ \t]+(?:and|AND)[ \t]+")


def is_tag(value: str) -> bool:
    """Is ``value`` (an ATTRIB token's text) a proposer's tag in parentheses?"""
    return value.lstrip(" \t").startswith("(")


def _tag_at(text: str, tokens: list[Token], partner: list[int], j: int) -> re.Match[str] | None:
    """The tag written right after the ``]`` at ``j``, or None: not a Roman numeral, not
    the initials of the bracket's words."""
    if j + 1 >= len(tokens) or tokens[j + 1].type != "TEXT" or partner[j] < 0:
        return None
    m = _TAG.match(tokens[j + 1])
    if m is None or _ROMAN.fullmatch(m.group(1)) or m.group(1) in _INSTRUCTIONS:
        return None
    inner = text[tokens[partner[j]].end_pos:tokens[j].start_pos]
    initials = "".join(w[0] for w in inner.split() if w.lower() not in _SMALL_WORDS and w[0].isalpha())
    letters = "".join(c for c in m.group(1) if c.isalpha())
    if initials.upper() == letters:  # `[official development assistance] (ODA)`
        return None
    return m


def tagged(text: str, tokens: list[Token], partner: list[int]
           ) -> dict[int, tuple[int, list[Token], list[int | None]]]:
    """The edits (in :func:`.tokenpass.type_brackets`'s form) that split each proposer's
    tag after a bracket off its text as an ATTRIB token: none unless the draft writes two
    tagged brackets blanks apart somewhere."""
    found: dict[int, re.Match[str]] = {}
    for j, tok in enumerate(tokens):
        if tok.type == "RBR" and 0 <= partner[j] < j and (m := _tag_at(text, tokens, partner, j)):
            found[j] = m
    paired = any(
        m.end() < len(str(tokens[j + 1])) and not str(tokens[j + 1])[m.end():].strip(" \t")
        and j + 2 < len(tokens) and tokens[j + 2].type == "LBR" and partner[j + 2] in found
        for j, m in found.items())
    if not paired:
        return {}
    edits: dict[int, tuple[int, list[Token], list[int | None]]] = {}
    for j, m in found.items():
        host = tokens[j + 1]
        value = str(host)
        new = [_tok("ATTRIB", value[:m.end()], host, 0)]
        rest = value[m.end():]
        if rest:
            gap = not rest.strip(" \t") and j + 2 < len(tokens) and tokens[j + 2].type == "LBR"
            new.append(_tok("GAP" if gap else "TEXT", rest, host, m.end()))
        edits[j + 1] = (j + 1, new, [None] * len(new))
    return edits


def tag_proposers(value: str, names: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The proposers a tag names (``value``: the ATTRIB token's text, `` (US, JAPAN)``),
    in the order written: each the registry's code when the registry knows it, by code or
    name in any case (``JPN``), else the name as written (``US``, ``G-77/CHINA``): a
    reporter's tag names delegations the draft's registry may not hold."""
    folded = {name.casefold(): code for code, name in names}
    folded.update({code.casefold(): code for code, _ in names})
    parts = (p for p in _SPLIT.split(value.strip(" \t")[1:-1]) if p)
    return tuple(dict.fromkeys(folded.get(p.casefold(), p) for p in parts))
