"""Options bracketed whole (``[Option 1: ...]`` then ``[Option 2: ...]``), and option
labels alone in brackets (``[Alternative A]``): the token pass's step 5
(:func:`bracket_options`), so that each option competes in its block.
"""
from __future__ import annotations

from .lalr import Token
from .pairing import _as
from .syntax import HEADING_TYPES

__all__ = ["bracket_options"]


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
