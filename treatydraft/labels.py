"""The named parts of a unit's marker or an option label (grammar/label.lark).

The body grammar finds where a unit or an option starts; :func:`read_marker` reads the
marker with the rules of ``grammar/label.lark`` and returns its parts, so the builder
never re-splits strings: the kind of unit comes from the keyword's terminal, the number
from the number tokens.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Literal, NamedTuple

from .ast import UnitKind
from .lalr import Token
from .syntax import LABEL_KINDS, label_parser

__all__ = ["Marker", "read_marker"]

#: What a marker starts: a structural unit or an option.
MarkerKind = UnitKind | Literal["option"]

_KIND: dict[str, UnitKind] = {"PREAMBLE_WORD": "preamble", "PART_WORD": "part", "TITLE_WORD": "title",
         "CHAPTER_WORD": "chapter", "SECTION_WORD": "section", "CJK_PART": "part",
         "CJK_CHAPTER": "chapter", "CJK_SECTION": "section", "ARTICLE_WORD": "article",
         "CJK_ARTICLE": "article"}
_NUMBERS = frozenset({"ARABIC", "ROMAN", "CAPITAL", "LOWER", "ARABIC_LETTER", "CJK_NUMBER",
                      "DOTTED", "PP_OP", "SUFFIX", "CJK_SUFFIX_MARK"})


class Marker(NamedTuple):
    """What a marker says."""
    kind: MarkerKind
    """``preamble``, ``part``, ``title``, ``chapter``, ``section``, ``article``,
    ``paragraph``, ``subparagraph`` or ``option``."""
    number: str
    """The number with its suffix, as written, parts joined (``19ter``, ``五之二``,
    ``PP62``, ``3.3``; for a subparagraph its label ``a``, ``ii``, ``أ``)."""
    series: str = ""
    """For an option: ``arabic``, ``roman``, ``letter``, or ``alt:<unit>`` for ``3.3alt``."""
    scope: str = ""
    """For an option: its scope note, ``(paras 6-9bis)``."""


_ONES = str.maketrans("0123456789", "1111111111")


@lru_cache(maxsize=65536)
def read_marker(token_type: str, value: str) -> Marker:
    """The parts of ``value``, a token of type ``token_type`` (``ARTICLE``, ``OPTION`` ...)."""
    if token_type != "OPTION":
        # grammar/label.lark tells ASCII digits apart only as digits: `Article 17.` is
        # read as `Article 11.` is, so markers that differ only in their digits are read
        # once (an option's number is computed from its digits, so options are not)
        template = value.translate(_ONES)
        if template != value:
            marker = _read(token_type, template)
            digits = [c for c in value if "0" <= c <= "9"]
            if marker.number.count("1") == len(digits):
                it = iter(digits)
                number = "".join(next(it) if c == "1" else c for c in marker.number)
                return marker._replace(number=number)
    return _read(token_type, value)


@lru_cache(maxsize=65536)
def _read(token_type: str, value: str) -> Marker:
    rule = LABEL_KINDS[token_type]
    tree = label_parser().parse(value, start=rule)
    # a marker's rules have tokens only as their children
    parts = [t for t in tree.children if isinstance(t, Token)]
    if rule == "option":
        return _option(parts)
    kind: MarkerKind = "chapter" if rule == "division" else rule
    for tok in parts:
        kind = _KIND.get(tok.type, kind)
    number = "".join(str(t) for t in parts if t.type in _NUMBERS)
    return Marker(kind, number)


#: the numbers grammar/label.lark's NUMBER_WORD reads (English, Spanish, French, Portuguese)
_NUMBER_WORDS = {w: n for n, words in enumerate(
    ["one uno um", "two dos deux dois", "three tres trois três", "four cuatro quatre quatro",
     "five cinco cinq", "six", "seven", "eight", "nine", "ten"], start=1)
    for w in words.split()}


def _option(parts: Sequence[Token]) -> Marker:
    types = [t.type for t in parts]
    scope = next((str(t) for t in parts if t.type == "SCOPE"), "")
    keyword = types.index("ALT_WORD") if "ALT_WORD" in types else types.index("OPTION_WORD")
    unit = "".join(str(t) for t in parts[:keyword]).replace(" ", "").replace("\t", "")
    after = parts[keyword + 1:]
    # `3.3alt`, `5.2bis Alt`, `3.3alt2`: an alternative to the unit it names
    if unit and (types[keyword] == "ALT_WORD" or str(parts[keyword]).lower() == "alt"):
        k = next((int(str(t)) for t in after if t.type == "ARABIC"), 1)
        return Marker("option", str(k + 1), "alt:" + unit, scope)
    if not after or after[0].type in ("SCOPE",):
        return Marker("option", "", "other", scope)
    num = after[0]
    value = str(num)
    if num.type == "ROMAN" and value not in ("C", "L"):
        series = "roman"
    elif num.type in ("ROMAN", "CAPITAL", "LOWER"):
        series, value = "letter", value.lower()
    elif num.type == "NUMBER_WORD":  # `Option two:` is `Option 2:`
        series, value = "arabic", str(_NUMBER_WORDS[value.lower()])
    elif num.type == "DOTTED":  # `Option 1.2`: the second option of a series under 1
        series = "dotted:" + value.rpartition(".")[0]
    else:  # ARABIC (with a letter or a suffix: 2a, 2bis), CJK_NUMBER
        series = "arabic"
    if num.type in ("DOTTED", "ARABIC", "CJK_NUMBER") and len(after) > 1 and \
            after[1].type in ("LOWER", "SUFFIX"):
        value += str(after[1]).strip()
    return Marker("option", value, series, scope)
