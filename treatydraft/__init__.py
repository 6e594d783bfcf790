"""treatydraft: parse, resolve and export bracketed treaty drafts.

    >>> import treatydraft
    >>> doc = treatydraft.parse("Article 1\\n1. Parties shall share [data][information].\\n")
    >>> [(g.id, g.kind, len(g.alternatives)) for g in doc.brackets()]
    [('art_1__para_1__brk_1', 'alternatives', 2)]
    >>> doc.to_text() == "Article 1\\n1. Parties shall share [data][information].\\n"
    True

Every name below is loaded when first used (module ``__getattr__``), so
``import treatydraft`` costs almost nothing and a command imports only what it
needs: the Word writer (python-docx) and the Akoma Ntoso writer (lxml) are loaded
by the first use of :func:`to_docx` or :func:`to_akn`, not by ``parse``.

The synthetic draft generator used by the benchmarks and tests is
:mod:`treatydraft.testing`; the operations (``resolve``, ``accept``, ``diff`` ...)
are in :mod:`treatydraft.operations`.
"""
from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs more than the rest

__version__ = "0.1.0"

#: public name -> the module (relative to this package) that defines it
_LAZY = {
    "parse": ".parser",
    "load": ".io",
    "atomic_write": ".io",
    "compile": ".operations.compile",
    "Document": ".document",
    "TreatyDraftError": ".errors",
    "ParseError": ".errors",
    "OperationError": ".errors",
    "ExportError": ".errors",
    "to_akn": ".writers.akn",
    "to_docx": ".writers.docx",
    "DocxResult": ".writers.docx",
    "statistics": ".operations.stats",
    "Stats": ".operations.stats",
    "UnitStats": ".operations.stats",
    "DelegationStats": ".operations.stats",
}

__all__ = [
    "parse", "load", "atomic_write", "compile", "Document",
    "TreatyDraftError", "ParseError", "OperationError", "ExportError",
    "to_akn", "to_docx", "DocxResult",
    "statistics", "Stats", "UnitStats", "DelegationStats",
]

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time __getattr__ loads them
    from typing import Any

    from .document import Document
    from .errors import ExportError, OperationError, ParseError, TreatyDraftError
    from .io import atomic_write, load
    from .operations.compile import compile
    from .operations.stats import DelegationStats, Stats, UnitStats, statistics
    from .parser import parse
    from .writers.akn import to_akn
    from .writers.docx import DocxResult, to_docx


def __getattr__(name: str) -> Any:
    """Load a public name from its module the first time it is used, then keep it."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'treatydraft' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
