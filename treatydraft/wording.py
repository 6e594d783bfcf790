"""Words the Word export writes and the Word import reads back, in the six UN languages.

Writers and readers meet only at the AST; the few words both must agree on live here.
"""
from __future__ import annotations

__all__ = ["UNATTRIBUTED", "is_unattributed"]

#: Author of a tracked change no delegation is known to have proposed (pandoc drops
#: changes without an author), by draft language.
UNATTRIBUTED = {"en": "Unattributed", "fr": "Non attribué", "es": "Sin atribuir",
                "ru": "Автор не указан", "zh": "未注明提议方", "ar": "غير منسوب"}

_FOLDED = frozenset(w.casefold() for w in UNATTRIBUTED.values())


def is_unattributed(author: str) -> bool:
    """Is ``author`` the export's word for "no delegation", in any language?"""
    return author.strip().casefold() in _FOLDED
