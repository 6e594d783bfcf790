"""Brackets a copy of a draft carries that are no part of it: a web page's navigation
links (``[Next]``, ``[Return to start of article]``), a translation memory's language
labels (``Arabic[ar]``), a library catalogue's supplied title.  Read as text by the token
pass (:func:`.tokenpass.type_brackets`); documented in docs/format.md ("Editorial
brackets").
"""
from __future__ import annotations

import re

from . import regexcache as rx
from .lalr import Token

__all__ = ["catalogued", "is_navigation"]

# A title a library's cataloguer supplied, in a catalogue record's punctuation (ISBD: `Proposal
# : [draft Convention on the Rights of the Child] / submitted by the ILO.`): an editor's
# addition, not negotiated text.
_CATALOGUE_BEFORE = rx.compile(r"[ \t]:[ \t]*$")
_CATALOGUE_AFTER = rx.compile(r"[ \t]+/[ \t]+\S")


def catalogued(text: str, open_tok: Token, close_tok: Token) -> bool:
    s = open_tok.start_pos
    return _CATALOGUE_BEFORE.search(text, max(0, s - 4), s) is not None and \
        _CATALOGUE_AFTER.match(text, close_tok.end_pos) is not None or \
        _language_label(text, s, text[open_tok.end_pos:close_tok.start_pos])


def _language_label(text: str, s: int, code: str) -> bool:
    """``Arabic[ar]``: the bracket at ``s`` holds the code of the language named before it."""
    name = _LANGUAGE_NAMES.get(code)
    return name is not None and text[max(0, s - 12):s].rstrip(" \t").endswith(name)


# A language's name and its code, as a translation memory labels each version of a
# sentence (`Arabic[ar]`, `English [en]`): the page's label, not the draft's bracket.
_LANGUAGE_NAMES = {"ar": "Arabic", "en": "English", "es": "Spanish", "fr": "French",
                   "ru": "Russian", "zh": "Chinese", "de": "German", "pt": "Portuguese",
                   "it": "Italian", "ja": "Japanese"}


# A web page's navigation links, their text kept in brackets by a text copy (`[Next] .
# [Previous] . [Contents]`, `[Linkages Home]`, `[Return to start of article]`): furniture of
# the page, never a draft's text.  A phrase only navigation says is one anywhere; a word
# (`Next`, `Home`, `Caucus Page`) only on a line of such links, a page's id (`ENB:04:44`)
# and separators aside.
_NAV_PHRASE = rx.compile(
    r"[ \t]*(?:(?:Return|Back|Go) to (?:the )?(?:[\w.'’-]+ ){0,3}?(?:start|top|beginning|contents|"
    r"table of contents|index|home(?: ?page)?|main page|previous (?:page|section)|list)"
    r"(?: of (?:the |this )?(?:article|page|document|section|report))?|Top of (?:the )?page|"
    # `[ To Previous Section ]`, `[ To Next Page ]`: a site's links between its pages
    r"To (?:the )?(?:previous|next) (?:page|section|part|chapter|article)|"
    # an image's alternative text where the page shows its logo: `[PDHRE logo]`
    r"(?:[\w.'’&-]+ ){1,4}(?:logo|banner))[ \t]*", re.IGNORECASE)
_NAV_WORD = rx.compile(
    r"[ \t]*(?:Next|Previous|Prev\.?|Contents|Table of Contents|Index|Home|Top|Up|Back|Search|"
    r"(?:Send )?Feedback|Print(?: version)?|Help|Site ?map|Main (?:page|menu)|Menu|"
    r"[\w.'’ ]{1,30}? (?:Home|Page|Home ?page))[ \t]*", re.IGNORECASE)
# a menu's other links: a few words, no sentence punctuation (`[About us]`, `[... and more]`)
_LINK_WORDS = rx.compile(r"[ \t]*(?:\.{3}|…)?[ \t]*[\w'’&-]+(?:[ \t]+[\w'’&-]+){0,3}[ \t]*")
_LINK_TEXT = rx.compile(r"[\[［]([^\[\]［］\r\n]{1,40})[\]］]")
_NAV_SEPARATORS = rx.compile(r"[ \t.|·•/:\-–—*_\r]*")
_PAGE_ID = rx.compile(r"[ \t]*[A-Z][\w]*(?::[\w.]+)+")  # `ENB:04:44`


def _lines_of(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the lines holding ``text[start:end]`` begin and end (without the line end)."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return first, len(text) if last < 0 else last


def is_navigation(text: str, open_tok: Token, close_tok: Token, inner: str) -> bool:
    """``[Return to start of article]`` anywhere; ``[Next]``, ``[Linkages Home]`` on a
    line that holds nothing but such links, separators and a page's id."""
    if _NAV_PHRASE.fullmatch(inner):
        return True
    if "\n" in inner:  # `[ Multinational` / `Monitor Home Page ]`: a link wrapped, alone
        flat = " ".join(inner.split())  # on its lines
        if not (_NAV_WORD.fullmatch(flat) or _NAV_PHRASE.fullmatch(flat)):
            return False
        start, end = _lines_of(text, open_tok.start_pos, close_tok.end_pos)
        return not text[start:open_tok.start_pos].strip() and \
            not text[close_tok.end_pos:end].strip() and len(flat) <= 60
    if not (_NAV_WORD.fullmatch(inner) or _LINK_WORDS.fullmatch(inner)
            and _between_links(text, open_tok.start_pos, close_tok.end_pos)):
        return False
    start, end = _lines_of(text, open_tok.start_pos, close_tok.end_pos)
    if end - start > 200:
        return False
    rest, pos, links, other = [], start, 0, 0
    for m in _LINK_TEXT.finditer(text, start, end):
        links += 1
        if not (_NAV_WORD.fullmatch(m.group(1)) or _NAV_PHRASE.fullmatch(m.group(1))):
            if not _LINK_WORDS.fullmatch(m.group(1)):
                return False
            other += 1
        rest.append(text[pos:m.start()])
        pos = m.end()
    # a site's menu: other short links beside a navigation word (`[Home] [About us]
    # [Newsletter] [... and more] |`), three at least
    if other and (links - other == 0 or links < 3):
        return False
    rest.append(text[pos:end])
    left = "".join(rest)
    page = _PAGE_ID.match(left)
    return _NAV_SEPARATORS.fullmatch(left, page.end() if page else 0) is not None


_SEPARATOR_CHARS = " \t.|·•/:-–—*_"


def _between_links(text: str, s: int, e: int) -> bool:
    """Is the bracket ``s``..``e`` next to nothing but other brackets, separators and its
    line's ends (a quick test before reading the whole line as a menu)?"""
    k = s - 1
    while k >= 0 and text[k] in _SEPARATOR_CHARS:
        k -= 1
    if k >= 0 and text[k] not in "\r\n]］":
        return False
    k, n = e, len(text)
    while k < n and text[k] in _SEPARATOR_CHARS:
        k += 1
    return k >= n or text[k] in "\r\n[［"
