"""Normalising structure numbers for ids: ``19 ter`` -> ``19ter``, ``第五条`` -> ``5``, ``٥`` -> ``5``."""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["normalise_number", "division_number", "chinese_to_int", "roman_to_int"]

_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_CN = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
       "六": 6, "七": 7, "八": 8, "九": 9}
#: Arabic list letters in abjad order (أ ب ج د هـ و ز ح ط ي ...) -> a b c d e f g h i j ...
_ABJAD = {c: chr(ord("a") + i) for i, c in enumerate("أبجدهوزحطيكلمنسعفصقرشتثخذضظغ")}
_ABJAD["ا"] = "a"
_CN_SUFFIX = {1: "", 2: "bis", 3: "ter", 4: "quater", 5: "quinquies", 6: "sexies"}


def chinese_to_int(s: str) -> int | None:
    """``十五`` -> 15, ``一百零二`` -> 102; None if ``s`` is not a Chinese numeral."""
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch in _CN:
            current = _CN[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


_DOTTED = re.compile(r"[0-9]+(?:\.[0-9]+)+[a-z]*")


@lru_cache(maxsize=8192)
def normalise_number(raw: str) -> str:
    """A compact, id-safe form of a structure number as written (``3.3bis:`` -> ``3-3bis``)."""
    s = raw.translate(_DIGITS).strip()
    dotted = s.rstrip(".:：").replace(" ", "")
    if _DOTTED.fullmatch(dotted):
        return dotted.replace(".", "-")
    if "之" in s:  # 第五条之二 -> 5bis
        head, _, tail = s.partition("之")
        n, k = chinese_to_int(head), chinese_to_int(tail)
        if n is not None and k is not None:
            return f"{n}{_CN_SUFFIX.get(k, str(k))}"
    if s and all(ch in _ABJAD or ch == "ـ" for ch in s):
        return "".join(_ABJAD.get(ch, "") for ch in s)
    n = chinese_to_int(s)
    if n is not None and s:
        return str(n)
    out = "".join(ch.lower() for ch in s if ch.isalnum() and ch.isascii())
    return out or "".join(ch for ch in s if ch.isalnum()) or "x"


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_FORM = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")


def roman_to_int(s: str) -> int | None:
    """``XIV`` -> 14 (either case); None if ``s`` is not a well-formed Roman numeral."""
    low = s.lower()
    if not low or not _ROMAN_FORM.fullmatch(low):
        return None
    total = 0
    for a, b in zip(low, low[1:] + " ", strict=False):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


def division_number(raw: str) -> str:
    """The number of a part, title, chapter or section for its id, the same in every
    language: ``I`` (``Chapter I``), ``一`` (``第一章``) and ``1`` (``الفصل 1``) all give
    ``1``, so the ids of language versions line up (``chp_1``).

        >>> from treatydraft.numbering import division_number
        >>> [division_number(n) for n in ("I", "IV", "一", "1", "١", "2bis")]
        ['1', '4', '1', '1', '1', '2bis']
    """
    n = roman_to_int(raw.strip().rstrip(".:"))
    return str(n) if n is not None else normalise_number(raw)
