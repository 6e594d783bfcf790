"""Counting groups, alternatives, placeholders and notes: one rule for ``check``,
``stats`` and ``brackets`` (kept apart from :mod:`treatydraft.operations` so that
``check`` loads no operation).

* ``groups``: bracket groups and option blocks (the choice points: "brackets
  remaining"), nested ones included, of which ``alternative_groups``, ``optional``
  texts and ``option_blocks``;
* ``alternatives``: the texts of groups of alternatives and the options of option
  blocks (an optional text is not counted as an alternative);
* ``placeholders`` (gaps to fill) and ``notes`` (drafting notes): not groups.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from .ast import BracketGroup, Group, OptionBlock, Placeholder

__all__ = ["UnitStats", "add_group", "tally", "counts_line"]


@dataclass(slots=True)
class UnitStats:
    """Counts for one unit (an article, the preamble ...) or the whole document.

    ``groups`` counts bracket groups and option blocks (``alternative_groups``,
    ``optional`` and ``option_blocks`` split it), ``alternatives`` their choices,
    ``max_depth`` the deepest nesting; words are counted by :func:`count_words`.

        >>> import treatydraft
        >>> doc = treatydraft.parse("Article 1\\n1. Parties shall [share][exchange] data.\\n")
        >>> unit = treatydraft.statistics(doc).units[0]
        >>> unit.id, unit.groups, unit.words, unit.bracketed_words, unit.bracketed_share
        ('art_1', 1, 5, 2, 0.4)
    """
    id: str
    title: str = ""
    groups: int = 0
    alternative_groups: int = 0
    optional: int = 0
    option_blocks: int = 0
    alternatives: int = 0
    placeholders: int = 0
    notes: int = 0
    max_depth: int = 0
    words: int = 0
    bracketed_words: int = 0

    @property
    def bracketed_share(self) -> float:
        """Bracketed words as a share of all words (0.0 when there are no words)."""
        return self.bracketed_words / self.words if self.words else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["bracketed_share"] = round(self.bracketed_share, 4)
        return d



def add_group(u: UnitStats, node: BracketGroup | OptionBlock) -> None:
    """Count the group or option block ``node`` in ``u``."""
    u.groups += 1
    u.max_depth = max(u.max_depth, node.depth)
    if isinstance(node, OptionBlock):
        u.option_blocks += 1
        u.alternatives += len(node.options)
    elif node.kind == "optional":
        u.optional += 1
    else:
        u.alternative_groups += 1
        u.alternatives += len(node.alternatives)


def tally(items: Iterable[Group]) -> UnitStats:
    """Counts of a selection of groups, option blocks and placeholders (what
    ``treatydraft brackets`` lists), by the same rules as :func:`statistics`.

        >>> import treatydraft
        >>> doc = treatydraft.parse("1. Parties [shall][may] act [now]. [...]\\n")
        >>> from treatydraft.counts import counts_line, tally
        >>> counts_line(tally(doc.brackets()), notes=False)
        '2 groups (1 of alternatives, 1 optional, 0 option blocks), 2 alternatives, 1 placeholder'
    """
    u = UnitStats("selection")
    for node in items:
        if isinstance(node, Placeholder):
            u.placeholders += 1
            continue
        add_group(u, node)
    return u


def counts_line(u: UnitStats, notes: bool = True) -> str:
    """What ``check``, ``stats`` and ``brackets`` say they count, in one wording:
    groups (bracket groups and option blocks, nested ones included), of which groups
    of alternatives, optional texts and option blocks; alternatives (of groups of
    alternatives, and options of option blocks); placeholders; drafting notes."""
    parts = [f"{_n(u.groups, 'group')} ({u.alternative_groups} of alternatives, "
             f"{u.optional} optional, {_n(u.option_blocks, 'option block')})",
             _n(u.alternatives, "alternative"), _n(u.placeholders, "placeholder")]
    if notes:
        parts.append(_n(u.notes, "note"))
    return ", ".join(parts)


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
