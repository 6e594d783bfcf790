"""What :func:`treatydraft.operations.diff` reports: changes, per unit, per document."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Change", "UnitDiff", "DocumentDiff"]


@dataclass(slots=True)
class Change:
    """One difference. ``kind``: resolved, discarded, added, removed, alternatives,
    attribution, text, renumbered.

        >>> import treatydraft
        >>> from treatydraft.operations import diff
        >>> old = treatydraft.parse("Article 1\\n1. Parties [shall][may] act.\\nArticle 2\\n1. [Text.]\\n")
        >>> new = treatydraft.parse("Article 1\\n1. Parties may act.\\nArticle 2\\n1. [Text.]\\n")
        >>> change = diff(old, new).changes[0]
        >>> change.kind, change.old_id, change.new_id, change.detail
        ('resolved', 'art_1__para_1__brk_1', None, {'choice': 2})
        >>> change.to_dict()["message"]
        'art_1__para_1__brk_1: resolved to alternative 2'
    """
    kind: str
    old_id: str | None = None
    new_id: str | None = None
    message: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
    """What the kind reports (``choice``, ``added``, ``old``/``new`` words, ...): JSON values."""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "old_id": self.old_id, "new_id": self.new_id,
                "message": self.message, **self.detail}


@dataclass(slots=True)
class UnitDiff:
    """An article (or preamble, division) in both versions, or in one of them.

    Example:

        >>> import treatydraft
        >>> from treatydraft.operations import diff
        >>> old = treatydraft.parse("Article 1\\n1. Parties [shall][may] act.\\nArticle 2\\n1. [Text.]\\n")
        >>> new = treatydraft.parse("Article 1\\n1. Parties may act.\\nArticle 2\\n1. [Text.]\\n")
        >>> [(u.old_id, u.new_id, u.method, len(u.changes)) for u in diff(old, new).units]
        [('art_1', 'art_1', 'number', 1), ('art_2', 'art_2', 'identical text', 0)]
    """
    old_id: str | None
    new_id: str | None
    method: str
    """How the unit was matched: identical text, number, title, similar text, added, removed."""
    changes: list[Change] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"old_id": self.old_id, "new_id": self.new_id, "method": self.method,
                "changes": [c.to_dict() for c in self.changes]}


@dataclass(slots=True)
class DocumentDiff:
    """What :func:`~treatydraft.operations.diff` returns: one :class:`UnitDiff` per unit of
    either version; its ``changes`` are theirs in order, ``bool()`` is whether there are any.

        >>> import treatydraft
        >>> from treatydraft.operations import diff
        >>> old = treatydraft.parse("Article 1\\n1. Parties [shall][may] act.\\nArticle 2\\n1. [Text.]\\n")
        >>> new = treatydraft.parse("Article 1\\n1. Parties may act.\\nArticle 2\\n1. [Text.]\\n")
        >>> d = diff(old, new)
        >>> bool(d), len(d.units), [c.old_id for c in d.by_kind("resolved")]
        (True, 2, ['art_1__para_1__brk_1'])
        >>> d.to_dict()["summary"], bool(diff(old, old))
        ({'resolved': 1}, False)
    """
    units: list[UnitDiff]

    @property
    def changes(self) -> list[Change]:
        return [c for u in self.units for c in u.changes]

    def __bool__(self) -> bool:
        return bool(self.changes)

    def by_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        return {"units": [u.to_dict() for u in self.units if u.changes],
                "matching": [{"old_id": u.old_id, "new_id": u.new_id, "method": u.method}
                             for u in self.units],
                "summary": dict(Counter(c.kind for c in self.changes))}

