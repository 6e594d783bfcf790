"""Word's automatic numbering (``word/numbering.xml``) computed into text.

UN drafts number articles, paragraphs and subparagraphs with list numbering, so the
numbers are not in the text.  :class:`Numbering` follows Word's model:

* a ``w:abstractNum`` defines up to nine levels (start value, ``w:numFmt``,
  ``w:lvlText`` such as ``(%2)`` or ``Article %1.``, ``w:lvlRestart``, ``w:isLgl``,
  ``w:suff``); a ``w:num`` instance points at one and may override levels
  (``w:lvlOverride`` with ``w:startOverride`` or a whole ``w:lvl``);
* counters belong to the abstract numbering, so two instances of one list continue
  each other unless an instance restarts a level with ``w:startOverride`` (applied
  when that instance is first used, to the level it is used at and the deeper ones:
  sections restarted at A under chapter III, with an override for every level, leave
  the chapters' count alone, so the next chapter is IV, as LibreOffice numbers a
  published UNFCCC draft);
* using a level resets the deeper levels (or, with ``w:lvlRestart``, those that
  restart after it), and a level above that was never used counts as used once.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import overload

from lxml import etree

from .package import W

__all__ = ["Numbering", "Level", "format_number"]

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_CN_DIGITS = "零一二三四五六七八九"
_ARABIC_ALPHA = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي"
_ARABIC_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_FULLWIDTH = "０１２３４５６７８９"


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int, alphabet: str, repeat: bool = True) -> str:
    """``a .. z, aa .. zz`` (Word repeats the letter) for n >= 1."""
    if n <= 0:
        return str(n)
    k = len(alphabet)
    return alphabet[(n - 1) % k] * ((n - 1) // k + 1) if repeat else alphabet[(n - 1) % k]


def _chinese(n: int) -> str:
    if n <= 0 or n >= 10000:
        return str(n)
    units = ((1000, "千"), (100, "百"), (10, "十"))
    out, zero = [], False
    for value, name in units:
        d, n = divmod(n, value)
        if d:
            if zero:
                out.append("零")
            out.append(("" if (value == 10 and not out and d == 1) else _CN_DIGITS[d]) + name)
            zero = False
        elif out:
            zero = True
    if n:
        if zero:
            out.append("零")
        out.append(_CN_DIGITS[n])
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """``n`` in the Word number format ``fmt`` (``decimal``, ``lowerLetter`` ...)."""
    if fmt in ("lowerLetter",):
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "upperLetter":
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional",
               "taiwaneseCounting", "taiwaneseCountingThousand", "chineseLegalSimplified",
               "japaneseCounting"):
        return _chinese(n)
    if fmt == "arabicAlpha":
        return _letters(n, _ARABIC_ALPHA, repeat=False)
    if fmt == "arabicAbjad":
        return _letters(n, _ARABIC_ABJAD, repeat=False)
    if fmt == "hindiNumbers":
        return str(n).translate(str.maketrans("0123456789", _ARABIC_INDIC))
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", _FULLWIDTH))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "ordinal":
        return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
    return str(n)  # decimal and every format we do not know


@dataclass(frozen=True)
class Level:
    """One level of an abstract numbering."""
    start: int = 1
    """The first value (``w:start``)."""
    fmt: str = "decimal"
    """``w:numFmt``."""
    text: str = ""
    """``w:lvlText`` with ``%1`` ... ``%9`` placeholders."""
    restart: int | None = None
    """``w:lvlRestart``: restart after this (1-based) level is used; 0 never; None: any higher."""
    legal: bool = False
    """``w:isLgl``: show every level's counter as a decimal number."""
    suffix: str = "tab"
    """``w:suff``: tab, space or nothing after the number."""


def _val(el: etree._Element, name: str) -> str | None:
    child = el.find(W + name)
    return None if child is None else child.get(W + "val")


@overload
def _int(value: str | None, default: int) -> int: ...
@overload
def _int(value: str | None, default: None) -> int | None: ...
def _int(value: str | None, default: int | None) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]  # None raises TypeError, caught below
    except (TypeError, ValueError):
        return default


def _level(el: etree._Element) -> Level:
    legal = el.find(W + "isLgl")
    return Level(start=_int(_val(el, "start"), 1) or 0, fmt=_val(el, "numFmt") or "decimal",
                 text=_val(el, "lvlText") or "", restart=_int(_val(el, "lvlRestart"), None),
                 legal=legal is not None and legal.get(W + "val") not in ("0", "false", "off"),
                 suffix=_val(el, "suff") or "tab")


class Numbering:
    """Counters for the paragraphs of one document, in document order."""

    def __init__(self, root: etree._Element | None = None):
        # (keyed as written: an id attribute Word left out is None)
        self.abstract: dict[str | None, dict[int, Level]] = {}
        self.nums: dict[str | None, tuple[str | None, dict[int, Level], dict[int, int]]] = {}
        self.counters: dict[str | None, dict[int, int]] = {}
        self.used: set[str] = set()
        if root is None:
            return
        links: dict[str | None, str] = {}
        for ab in root.iter(W + "abstractNum"):
            aid = ab.get(W + "abstractNumId")
            self.abstract[aid] = {_int(lv.get(W + "ilvl"), 0): _level(lv)
                                  for lv in ab.findall(W + "lvl")}
            link = _val(ab, "numStyleLink")
            if link:
                links[aid] = link
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            aid = _val(num, "abstractNumId")
            levels: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for ov in num.findall(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl"), 0)
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                start = _int(_val(ov, "startOverride"), None)
                if start is not None:
                    starts[ilvl] = start
            self.nums[nid] = (aid, levels, starts)

    def level(self, num_id: str, ilvl: int) -> Level | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        aid, levels, _ = entry
        return levels.get(ilvl) or self.abstract.get(aid, {}).get(ilvl)

    def next(self, num_id: str | None, ilvl: int) -> tuple[str, str]:
        """Count a paragraph of list ``num_id`` at level ``ilvl``: (its number text, suffix).

        ``("", "")`` for no numbering (numId 0, unknown lists, bullets and ``none``).
        """
        if not num_id or num_id == "0" or num_id not in self.nums:
            return "", ""
        aid, _, starts = self.nums[num_id]
        level = self.level(num_id, ilvl)
        if level is None:
            return "", ""
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for lv, value in starts.items():
                if lv < ilvl:
                    continue  # a level above the one used is not restarted
                counters[lv] = value - 1
                for deeper in [k for k in counters if k > lv]:
                    del counters[deeper]
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        for above in range(ilvl):
            # a level above, not used yet, counts as used once: its next paragraph
            # is the second (`(b)` after `(i)`-`(iii)` opened a list, as Word and
            # LibreOffice number it)
            if above not in counters:
                counters[above] = self._level_or_default(num_id, above).start
        for deeper in [k for k in counters if k > ilvl]:
            restart = self._level_or_default(num_id, deeper).restart
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet" or level.fmt == "none":
            return "", ""
        out: list[str] = []
        text, i = level.text, 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                lv = int(text[i + 1]) - 1
                lvl = self._level_or_default(num_id, lv)
                value = counters.get(lv, lvl.start)
                fmt = "decimal" if (level.legal and lv != ilvl) else lvl.fmt
                out.append(format_number(value, fmt))
                i += 2
            else:
                out.append(ch)
                i += 1
        suffix = {"tab": "\t", "space": " "}.get(level.suffix, "")
        return "".join(out), suffix

    def _level_or_default(self, num_id: str, ilvl: int) -> Level:
        return self.level(num_id, ilvl) or replace(Level())
