"""Text for people: the readable reports of ``treatydraft stats`` and ``treatydraft diff``.

The operations (:mod:`treatydraft.operations`) compute; this module only renders what
they return, so a script can print exactly what the command line prints.

    >>> import treatydraft
    >>> from treatydraft.operations import diff, resolve
    >>> from treatydraft.reports import diff_report
    >>> old = treatydraft.parse("Article 1\\n1. Parties [shall][may] act.\\n")
    >>> print(diff_report(diff(old, resolve(old, {"art_1__para_1__brk_1": 2}))), end="")
    art_1 (matched by number)
      resolved     art_1__para_1__brk_1: resolved to alternative 2
    summary: 1 resolved
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .counts import _n, counts_line

if TYPE_CHECKING:
    from .operations.diff import DocumentDiff
    from .operations.stats import Stats

__all__ = ["stats_table", "diff_report"]


def stats_table(s: Stats) -> str:
    """The readable tables of ``treatydraft stats``: units, then delegations.

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import statistics
        >>> from treatydraft.reports import stats_table
        >>> doc = treatydraft.parse("Article 1\\nParties [shall][may] act.\\n")
        >>> table = stats_table(statistics(doc))
        >>> table.splitlines()[0].split()[:6]
        ['unit', 'groups', 'alt.groups', 'optional', 'options', 'alternatives']
        >>> table.splitlines()[2].split()  # words: 4, half of them in brackets
        ['art_1', '1', '1', '0', '0', '2', '0', '0', '1', '4', '50%']
    """
    head = ("unit", "groups", "alt.groups", "optional", "options", "alternatives",
            "placeholders", "notes", "depth", "words", "bracketed")
    rows: list[tuple[object, ...]] = [head]
    for u in s.units + [s.document]:
        rows.append(("total" if u is s.document else u.id, u.groups, u.alternative_groups,
                     u.optional, u.option_blocks, u.alternatives, u.placeholders, u.notes,
                     u.max_depth, u.words, f"{u.bracketed_share:.0%}"))
    out = _table(rows, sep_before_last=True)
    drows: list[tuple[object, ...]] = [("delegation", "proposed", "co-sponsored", "group @@", "with")]
    for d in s.delegations:
        partners = ", ".join(f"{c} {n}" for c, n in sorted(d.partners.items(),
                                                            key=lambda kv: (-kv[1], kv[0])))
        drows.append((d.code, d.proposed, d.cosponsored, d.group_attributions, partners))
    out += "\n" + _table(drows)
    doc = s.document
    out += (f"\nbrackets remaining: {counts_line(doc)}; {doc.bracketed_words} of "
            f"{_n(doc.words, 'word')} bracketed ({doc.bracketed_share:.1%})\n")
    return out


def _table(rows: list[tuple[object, ...]], sep_before_last: bool = False) -> str:
    cells = [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    lines = []
    for n, r in enumerate(cells):
        line = "  ".join(c.ljust(w) if i == 0 or i == len(r) - 1 and not c.replace(
            "%", "").isdigit() else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=False)))
        lines.append(line.rstrip())
        if n == 0 or (sep_before_last and n == len(cells) - 2):
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def diff_report(d: DocumentDiff) -> str:
    """The readable report of ``treatydraft diff``: per unit, how it matched and what
    changed, then a summary (``no differences`` when there are none).

        >>> import treatydraft
        >>> from treatydraft.operations import diff
        >>> from treatydraft.reports import diff_report
        >>> doc = treatydraft.parse("Article 1\\nText.\\n")
        >>> diff_report(diff(doc, doc))
        'no differences\\n'
    """
    lines = []
    for u in d.units:
        if u.method == "added":
            head = f"{u.new_id} (added)"
        elif u.method == "removed":
            head = f"{u.old_id} (removed)"
        elif u.old_id == u.new_id:
            head = f"{u.new_id} (matched by {u.method})"
        else:
            head = f"{u.old_id} -> {u.new_id} (matched by {u.method})"
        if not u.changes:
            continue
        lines.append(head)
        lines.extend(f"  {c.kind:<12} {c.message}" for c in u.changes)
    summary = Counter(c.kind for c in d.changes)
    lines.append("no differences" if not summary else
                 "summary: " + ", ".join(f"{n} {k}" for k, n in sorted(summary.items())))
    return "\n".join(lines) + "\n"
