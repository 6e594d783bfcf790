"""What compilation did: the groups it added, the conflicts, and its doubts.

:class:`CompileReport` lists one :class:`Entry` per group added or changed (with the
compiled draft's group id, the base position, the article, and who proposed what)
and one :class:`Warning` per place where the alignment was uncertain or a proposal
could not be shown.  ``to_dict()`` is the ``--json`` output; :func:`report_table`
the readable table of the command line.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Entry", "Warning", "CompileReport", "report_table", "KINDS"]

#: what an entry records
KINDS = ("substitution", "insertion", "deletion", "choice", "new-unit", "deleted-unit",
         "rewrite")


@dataclass(slots=True)
class Entry:
    """One group of the compiled draft that compilation added (or whose proposers it changed)."""
    kind: str
    """One of :data:`KINDS` (a group where proposals differ in kind is a ``substitution``)."""
    article: str
    """The article (or preamble, division, ``(start)``) it stands in, by base id."""
    unit: str
    """The base unit it stands in (``art_5__para_2``)."""
    line: int
    column: int
    """Its position in the base draft."""
    alternatives: list[list[str]] = field(default_factory=list)
    """Per proposed alternative, the delegation codes proposing it (the base's not included)."""
    group_id: str = ""
    """The id of the group in the compiled draft."""

    @property
    def conflict(self) -> bool:
        """Two or more delegations proposing different wordings at the same place."""
        return len(self.alternatives) > 1

    @property
    def codes(self) -> list[str]:
        return [c for alt in self.alternatives for c in alt]

    def to_dict(self) -> dict[str, Any]:
        return {"group_id": self.group_id, "kind": self.kind, "article": self.article,
                "unit": self.unit, "line": self.line, "column": self.column,
                "alternatives": self.alternatives, "conflict": self.conflict}


@dataclass(slots=True)
class Warning:
    """A place where alignment was uncertain or a proposal could not be shown as it is."""
    message: str
    proposal: str
    """The proposal's key (``EU+USA``)."""
    unit: str
    line: int
    column: int
    """Position in the base draft."""

    def to_dict(self) -> dict[str, Any]:
        return {"proposal": self.proposal, "unit": self.unit, "line": self.line,
                "column": self.column, "message": self.message}

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.proposal}: {self.message} ({self.unit})"


@dataclass(slots=True)
class CompileReport:
    """Everything :func:`~treatydraft.operations.compile.compile` has to say."""
    entries: list[Entry] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    proposals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """proposal key -> its delegation codes, in the order given."""

    def per_article(self) -> dict[str, int]:
        """article -> number of groups added or changed there."""
        return dict(Counter(e.article for e in self.entries))

    def per_delegation(self) -> dict[str, dict[str, int]]:
        """code -> {kind: number of entries where it proposed an alternative}."""
        out: dict[str, Counter[str]] = {c: Counter() for codes in self.proposals.values() for c in codes}
        for e in self.entries:
            for code in dict.fromkeys(e.codes):
                out.setdefault(code, Counter())[e.kind] += 1
        return {c: dict(v) for c, v in out.items()}

    @property
    def conflicts(self) -> list[Entry]:
        return [e for e in self.entries if e.conflict]

    def to_dict(self) -> dict[str, Any]:
        return {"groups": [e.to_dict() for e in self.entries],
                "per_article": self.per_article(),
                "per_delegation": self.per_delegation(),
                "conflicts": [e.group_id for e in self.conflicts],
                "warnings": [w.to_dict() for w in self.warnings]}


def report_table(report: CompileReport) -> str:
    """The report as a plain-text table."""
    lines: list[str] = []
    per_article = report.per_article()
    codes = list(report.per_delegation())
    lines.append(f"{len(report.entries)} groups added or changed, "
                 f"{len(report.conflicts)} conflicts, {len(report.warnings)} warnings")
    if per_article:
        width = max(len("article"), *(len(a) for a in per_article)) + 2
        lines.append("")
        lines.append("article".ljust(width) + "groups" + "".join(c.rjust(8) for c in codes))
        for art, n in per_article.items():
            per_code = Counter(c for e in report.entries if e.article == art
                               for c in dict.fromkeys(e.codes))
            lines.append(art.ljust(width) + str(n).rjust(6)
                         + "".join(str(per_code.get(c, 0)).rjust(8) for c in codes))
    lines.append("")
    width = max(len("delegation"), *(len(c) for c in codes)) + 2 if codes else 12
    lines.append("delegation".ljust(width) + "".join(k.rjust(len(k) + 2) for k in KINDS))
    for code, kinds in report.per_delegation().items():
        lines.append(code.ljust(width) + "".join(str(kinds.get(k, 0)).rjust(len(k) + 2)
                                                 for k in KINDS))
    if report.conflicts:
        lines.append("")
        lines.append("conflicts:")
        for e in report.conflicts:
            who = " / ".join("+".join(a) for a in e.alternatives)
            lines.append(f"  {e.group_id}  {e.line}:{e.column}  {e.kind}: {who}")
    if report.warnings:
        lines.append("")
        lines.append("warnings:")
        lines.extend(f"  {w}" for w in report.warnings)
    return "\n".join(lines) + "\n"
