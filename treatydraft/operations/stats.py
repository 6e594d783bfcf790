"""Statistics: brackets remaining, per article and for the whole draft, and per delegation.

Units: each group counts in the unit its location names (``art_5__para_2`` ->
``art_5``); text before the first article counts in its preamble or division
(``preamble``, ``chp_1``), text before any heading in ``(start)``.

Counted per unit and for the document:

* ``groups``: bracket groups and option blocks (the choice points: "brackets remaining"),
  of which ``alternative_groups``, ``optional`` spans and ``option_blocks``;
* ``alternatives``: alternatives of groups of alternatives plus options of option blocks;
* ``placeholders`` (gaps to fill) and ``notes`` (drafting notes: not groups, not
  counted in ``groups``); ``max_depth`` (1 = a group not inside another);
* ``words`` and ``bracketed_words``: treaty text only (headings, labels, notes,
  footnotes, attributions and placeholders are not words).  A word is a run of
  characters between blanks that holds a letter or digit; Chinese and Japanese text
  (runs of Han characters) is cut by :func:`words`: common one-character function
  words (的, 和, 或, 及 ...) stand alone, the rest is read as words of two characters
  (three for an odd remainder), the usual length of a Chinese word.  Every alternative's words count, so
  a group of two alternatives counts both.  A word glued to a bracket (``law[s]``)
  counts once on each side.

The readable tables are :func:`treatydraft.reports.stats_table`.

Per delegation: ``proposed`` (alternatives and options whose proposers include the
code), ``cosponsored`` (of those, the ones proposed together with others),
``partners`` (co-sponsor -> count) and ``group_attributions`` (``@@CODE``).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..ast import (
    Alternative,
    BracketGroup,
    DraftingNote,
    Footnote,
    Heading,
    LineBreak,
    Option,
    OptionBlock,
    Placeholder,
    Text,
)
from ..counts import UnitStats, add_group, counts_line, tally
from ..document import Document, text_of
from ..reports import stats_table  # moved to treatydraft.reports; kept here for one release

__all__ = ["UnitStats", "DelegationStats", "Stats", "statistics", "count_words", "words",
           "stats_table", "tally", "counts_line"]

_HAN = ("\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff"
        "\uf900-\ufaff\U00020000-\U0002fa1f")
#: one-character function words of Chinese treaty text: a word of their own
_FUNCTION = frozenset("的之和与及或在对为并将应由于以其等各是了把被从向而即但如")
_HAN_RUN = re.compile(rf"[{_HAN}]+")
# a run of Han characters, or a run of other non-blank characters holding a letter or digit
_TOKEN = re.compile(rf"[{_HAN}]+|[^\s{_HAN}]*?[^\W_{_HAN}][^\s{_HAN}]*")


def words(text: str) -> list[str]:
    """The words of ``text``, by the rule of the module docs (:func:`count_words` counts them).

    Example:

        >>> from treatydraft.operations.stats import words
        >>> words("States Parties, inter alia, shall")
        ['States', 'Parties,', 'inter', 'alia,', 'shall']
        >>> words("本公约的宗旨")
        ['本公约', '的', '宗旨']
    """
    out: list[str] = []
    for w in _TOKEN.findall(text):
        if _HAN_RUN.fullmatch(w):
            out.extend(_cut(w))
        else:
            out.append(w)
    return out


def _cut(run: str) -> list[str]:
    """A run of Han characters cut into words."""
    out: list[str] = []
    chunk = ""
    for ch in run:
        if ch in _FUNCTION:
            out.extend(_pairs(chunk))
            out.append(ch)
            chunk = ""
        else:
            chunk += ch
    out.extend(_pairs(chunk))
    return out


def _pairs(chunk: str) -> list[str]:
    if len(chunk) <= 3:
        return [chunk] if chunk else []
    parts = [chunk[i:i + 2] for i in range(0, len(chunk) - len(chunk) % 2, 2)]
    if len(chunk) % 2:
        parts[-1] += chunk[-1]
    return parts


def count_words(text: str) -> int:
    """Words in ``text`` by the rule above: ``len(words(text))``.

    Example:

        >>> from treatydraft.operations import count_words
        >>> count_words("Each Party shall, in good faith, co-operate.")
        7
    """
    return len(words(text))


@dataclass(slots=True)
class DelegationStats:
    """What one delegation proposed: alternatives ``proposed`` (alone or with others),
    of which ``cosponsored`` with others, its ``partners`` (code -> alternatives
    shared), and ``group_attributions`` (whole groups attributed to it).

        >>> import treatydraft
        >>> doc = treatydraft.parse("---\\ndelegations:\\n  EU: European Union\\n"
        ...                         "  USA: United States\\n---\\n"
        ...                         "Article 1\\n1. Parties shall [share]@EU+USA[exchange]@USA.\\n")
        >>> [(d.code, d.proposed, d.cosponsored, d.partners)
        ...  for d in treatydraft.statistics(doc).delegations]
        [('EU', 1, 1, {'USA': 1}), ('USA', 2, 1, {'EU': 1})]
    """
    code: str
    name: str = ""
    proposed: int = 0
    cosponsored: int = 0
    partners: dict[str, int] = field(default_factory=dict)
    group_attributions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Stats:
    """What :func:`statistics` returns: the whole ``document``, its ``units`` in
    document order, and the ``delegations`` (registry order, then any others met).

        >>> import treatydraft
        >>> s = treatydraft.statistics(treatydraft.parse("Article 1\\n1. [a][b] c [d]\\n"))
        >>> s.to_dict()["document"]["groups"], len(s.units), s.delegations
        (2, 1, [])
    """
    document: UnitStats
    units: list[UnitStats]
    delegations: list[DelegationStats]

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document.to_dict(),
                "units": [u.to_dict() for u in self.units],
                "delegations": [d.to_dict() for d in self.delegations]}


_UNIT_KINDS = ("article", "preamble", "part", "title", "chapter", "section")


def _unit_of(location: str) -> str:
    return location.split("__", 1)[0] if location else "(start)"


def statistics(doc: Document) -> Stats:
    """The statistics of ``doc`` (one walk over the tree): for the whole document, for
    each unit (article, preamble ...) in document order, and for each delegation.

        >>> import treatydraft
        >>> doc = treatydraft.parse("Article 1\\n1. Parties shall [share][exchange] data.\\n")
        >>> s = treatydraft.statistics(doc)
        >>> s.document.groups, s.document.alternatives, [u.id for u in s.units]
        (1, 2, ['art_1'])
    """
    total = UnitStats("document", doc.front.title or "")
    units: dict[str, UnitStats] = {}
    titles = _titles(doc)
    dels: dict[str, DelegationStats] = {
        d.code: DelegationStats(d.code, d.name) for d in doc.front.delegations}

    def unit(key: str) -> UnitStats:
        u = units.get(key)
        if u is None:
            u = units[key] = UnitStats(key, titles.get(key, ""))
        return u

    def delegation(code: str) -> DelegationStats:
        d = dels.get(code)
        if d is None:
            d = dels[code] = DelegationStats(code)
        return d

    current = "(start)"
    # (iterator, bracket depth, words counted) frames: the words of a footnote's text are
    # not the draft's (its groups are counted); the unit follows headings in document order
    stack = [(iter(doc.body), 0, True)]
    while stack:
        it, depth, counted = stack[-1]
        node = next(it, None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, Text):
            n = count_words(node.value) if counted else 0
            if n:
                u = unit(current)
                u.words += n
                total.words += n
                if depth:
                    u.bracketed_words += n
                    total.bracketed_words += n
        elif isinstance(node, Heading):
            if node.kind in _UNIT_KINDS:
                current = node.id.split("__", 1)[0] or "(start)"
                unit(current)
        elif isinstance(node, Placeholder):
            for u in (unit(_unit_of(node.location)), total):
                u.placeholders += 1
        elif isinstance(node, DraftingNote):
            for u in (unit(current), total):
                u.notes += 1
        elif isinstance(node, Footnote):  # a note's text: its groups count as any others
            stack.append((iter(node.children), depth, False))
        elif isinstance(node, (BracketGroup, OptionBlock)):
            u = unit(_unit_of(node.location))
            add_group(u, node)
            add_group(total, node)
            for code in node.proposers:
                delegation(code).group_attributions += 1
            for alt in node.alternatives:
                codes = alt.proposers
                for code in codes:
                    d = delegation(code)
                    d.proposed += 1
                    if len(codes) > 1:
                        d.cosponsored += 1
                        for other in codes:
                            if other != code:
                                d.partners[other] = d.partners.get(other, 0) + 1
                stack.append((iter(alt.children), depth + 1, counted))
    order = _unit_order(doc)
    ordered = sorted(units.values(), key=lambda u: order.get(u.id, -1))
    return Stats(total, ordered, list(dels.values()))


def _titles(doc: Document) -> dict[str, str]:
    """Article id -> the heading text after its marker (one pass over the body).

    (``Document.articles()`` gives the same, but copies the rest of the body for
    every article, which is slow on drafts of thousands of articles.)
    """
    titles: dict[str, str] = {}
    sequences = [doc.body]
    sequences.extend(n.children for n in doc.walk() if isinstance(n, (Alternative, Option)))
    for seq in sequences:
        current: str | None = None
        parts: list[str] = []
        for node in seq:
            if isinstance(node, Heading) and node.kind == "article":
                current, parts = node.id, []
                continue
            if current is None:
                continue
            if isinstance(node, LineBreak):
                title = "".join(parts).strip()
                titles.setdefault(current, title[1:].strip() if title[:1] in ".:" else title)
                current = None
                continue
            parts.append(text_of((node,)))
        if current is not None:
            title = "".join(parts).strip()
            titles.setdefault(current, title[1:].strip() if title[:1] in ".:" else title)
    return titles


def _unit_order(doc: Document) -> dict[str, int]:
    """Units in the order of their headings, else of their first group."""
    order: dict[str, int] = {"(start)": -1}
    for n in doc.walk():
        if isinstance(n, Heading) and n.kind in _UNIT_KINDS:
            order.setdefault(n.id.split("__", 1)[0], n.span.start)
        elif isinstance(n, (BracketGroup, OptionBlock, Placeholder)):
            order.setdefault(_unit_of(n.location), n.span.start)
    return order
