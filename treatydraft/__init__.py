"""treatydraft: parse, resolve and export bracketed treaty drafts.

    >>> import treatydraft
    >>> doc = treatydraft.parse("Article 1\\n1. Parties shall share [data][information].\\n")
    >>> [(g.id, g.kind, len(g.alternatives)) for g in doc.brackets()]
    [('art_1__para_1__brk_1', 'alternatives', 2)]
    >>> doc.to_text() == "Article 1\\n1. Parties shall share [data][information].\\n"
    True
"""
from .ast import Document
from .errors import TreatyDraftError
from .io import atomic_write, load
from .parser import parse

__all__ = ["parse", "load", "atomic_write", "compile", "Document", "TreatyDraftError"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # ``treatydraft.compile`` is imported when first used: ``import treatydraft`` stays light
    if name == "compile":
        from .operations.compile import compile
        return compile
    raise AttributeError(f"module 'treatydraft' has no attribute {name!r}")
