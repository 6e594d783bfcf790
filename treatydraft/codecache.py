"""The methods ``dataclasses`` writes for the node classes, compiled once (issue 11, part 5).

Making a dataclass writes the source of its ``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__`` and ``__delattr__`` and compiles each with ``exec``; for
the two dozen classes of :mod:`treatydraft.ast` and :mod:`treatydraft.document` that
compiling was most of their import, about a tenth of a ``treatydraft check``.  Inside
:func:`install` (until :func:`uninstall`), the ``exec`` that :mod:`dataclasses` calls finds the code
compiled from the same text in a table kept in the temporary folder (beside the
regular expressions of :mod:`.regexcache`), so later starts skip the compiler.  The
classes are the same: the same text compiled the same way (no inherited ``__future__``
flags, file name ``<string>``) gives equal code objects (tests/test_startup_caches.py
compares them).

The table is keyed by the interpreter's version (a code object's format is its own);
a file that is missing, unreadable, damaged, another user's or from another version is
ignored and replaced; ``TREATYDRAFT_NO_REGEX_CACHE=1`` turns this off as well.
"""
from __future__ import annotations

import builtins
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import CodeType
from typing import Any

from .regexcache import _tempdir, read_kept, write_kept

__all__ = ["install", "uninstall", "kept_dataclass_code"]

_KEY: str | None = f"{sys.implementation.cache_tag}-{sys.hexversion}"
if os.environ.get("TREATYDRAFT_NO_REGEX_CACHE") or sys.implementation.cache_tag is None:
    _KEY = None

#: most entries kept (the package's dataclasses write fewer than two hundred methods)
MAX_ENTRIES = 1024

_table: dict[str, CodeType] | None = None
_dirty = False
_depth = 0  # install() calls not yet undone


def _path() -> str:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return os.path.join(_tempdir(), f".treatydraft_code_{uid}_{_KEY}.marshal")


def _read() -> dict[str, CodeType]:
    data = read_kept(_path(), _KEY)
    if data is not None and all(type(k) is str and type(v) is CodeType for k, v in data.items()):
        return data
    return {}


def _save() -> None:
    if not _dirty or _table is None:
        return
    table = {**_read(), **_table}
    write_kept(_path(), _KEY, table if len(table) <= MAX_ENTRIES else _table)


def _compiled(source: str) -> CodeType:
    """``source`` compiled as ``exec(source)`` in :mod:`dataclasses` compiles it."""
    global _table, _dirty
    table = _table if _table is not None else _load()
    code = table.get(source)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        if len(table) < MAX_ENTRIES:
            if not _dirty:
                import atexit
                atexit.register(_save)
            table[source] = code
            _dirty = True
    return code


def _load() -> dict[str, CodeType]:
    global _table
    _table = _read()
    return _table


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    if isinstance(source, str):
        source = _compiled(source)
    builtins.exec(source, globals, locals)


def install() -> None:
    """From now until :func:`uninstall`, :mod:`dataclasses` compiles the methods it
    writes through the kept table (the classes it makes are the same).  A module that
    defines dataclasses calls it before them and :func:`uninstall` after them."""
    global _depth
    import dataclasses
    _depth += 1
    if _KEY is not None and "exec" not in vars(dataclasses):  # on, and no one else's
        dataclasses.exec = _exec  # type: ignore[attr-defined]  # found before the builtin


def uninstall() -> None:
    """Undo :func:`install` (the last of nested calls; nothing that is not its own)."""
    global _depth
    import dataclasses
    _depth = max(0, _depth - 1)
    if not _depth and vars(dataclasses).get("exec") is _exec:
        del dataclasses.exec  # type: ignore[attr-defined]


@contextmanager
def kept_dataclass_code() -> Iterator[None]:
    """:func:`install` for the time of a ``with`` block."""
    install()
    try:
        yield
    finally:
        uninstall()
