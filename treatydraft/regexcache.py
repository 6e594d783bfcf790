"""Compiled regular expressions kept from one process to the next (issue 11, part 5).

Compiling the grammars' terminals and the token pass's patterns was a large part of
what a short command such as ``treatydraft check`` spends: Python's :mod:`re` parses
and compiles each pattern in pure Python at every start, and the body lexer's
alternation of every terminal alone takes about 12 ms.  :func:`compile` does that work
once and keeps its result (the pattern's ``_sre`` program, a list of integers, kept as the
bytes of its 32-bit codes, which load at once) in the temporary folder, beside the
dataclass code kept by :mod:`treatydraft.codecache`, so later starts build each pattern
from its program directly, in microseconds.

The program's format belongs to the interpreter, so the file is keyed by the Python
implementation and version and the ``_sre`` engine's ``MAGIC`` and ``CODESIZE``; a
program is stored only after the pattern it builds compared equal (same flags, same
program) to the one :func:`re.compile` gives, and the engine validates every program it
is given.  A file that is missing, unreadable, not the current user's, or from another
interpreter is ignored (and replaced); any failure falls back to :func:`re.compile`.
The result is always the pattern ``re.compile(pattern, flags)`` returns.
"""
from __future__ import annotations

import os
import re
import sys
from contextlib import suppress
from typing import Any

__all__ = ["compile", "match", "RE_MODULE"]

try:  # the engine's own constructor, and the two halves of re.compile
    import _sre  # type: ignore[import-not-found]  # the engine has no stubs
    from re import _compiler, _parser  # type: ignore[attr-defined]  # private halves of re
    _KEY: str | None = (f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
                        f"-{sys.hexversion}-b")
    if _sre.CODESIZE != 4:  # pragma: no cover - the programs are kept as 32-bit codes
        _KEY = None
except (ImportError, AttributeError):  # pragma: no cover - another interpreter
    _KEY = None
if os.environ.get("TREATYDRAFT_NO_REGEX_CACHE"):  # compile as re.compile does, keep nothing
    _KEY = None

#: most patterns kept (the package compiles a fixed set of fewer than a hundred)
MAX_ENTRIES = 512

#: (pattern, flags) -> the arguments of ``_sre.compile`` after the pattern, the program
#: as the bytes of its 32-bit codes (unmarshalled at once, unlike a list of ints)
_Table = dict[tuple[str, int], tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]]
_table: _Table | None = None
_dirty = False


def _path() -> str:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return os.path.join(_tempdir(), f".treatydraft_re_{uid}_{_KEY}.marshal")


def _tempdir() -> str:
    """``tempfile.gettempdir()``, without importing :mod:`tempfile` (with ``shutil``,
    ``random`` and the compression modules, a few ms of a start) when nothing else has:
    on POSIX, the first of ``$TMPDIR``, ``$TEMP``, ``$TMP``, ``/tmp``, ``/var/tmp``,
    ``/usr/tmp`` that is a folder this user may write in, as :mod:`tempfile` chooses."""
    if "tempfile" not in sys.modules and os.name == "posix":
        env = [os.environ.get(name) for name in ("TMPDIR", "TEMP", "TMP")]
        for folder in [*(d for d in env if d), "/tmp", "/var/tmp", "/usr/tmp"]:
            if os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
                return os.path.abspath(folder)
    import tempfile
    return tempfile.gettempdir()


def read_kept(path: str, key: str | None) -> dict[Any, Any] | None:
    """The table kept at ``path`` under ``key`` (``marshal``), or None when it is
    missing, unreadable, damaged, another user's or another key's.  Shared with
    :mod:`.codecache`."""
    try:
        import marshal
        with open(path, "rb") as f:
            if hasattr(os, "getuid") and os.fstat(f.fileno()).st_uid != os.getuid():
                return None
            data = marshal.loads(f.read())
        if isinstance(data, tuple) and len(data) == 2 and data[0] == key \
                and isinstance(data[1], dict):
            return data[1]
    except Exception:  # missing, unreadable or foreign: start afresh
        pass
    return None


def write_kept(path: str, key: str | None, table: dict[Any, Any]) -> None:
    """Keep ``table`` at ``path`` under ``key``: a new file of this user's (mode 0600, not
    written through a link left in its place), then renamed over ``path``.  Any failure
    (a read-only or full temporary folder) only costs the next start its compiling."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        import marshal
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps((key, table)))
        os.replace(tmp, path)
    except Exception:
        with suppress(OSError):
            os.unlink(tmp)


def _read() -> _Table:
    """The kept table, or an empty one."""
    return read_kept(_path(), _KEY) or {}


def _load() -> _Table:
    global _table
    _table = _read() if _KEY is not None else {}
    return _table


def _save() -> None:
    if not _dirty or _table is None:
        return
    table = {**_read(), **_table}  # what other processes kept meanwhile, too
    write_kept(_path(), _KEY, table if len(table) <= MAX_ENTRIES else _table)


def _record(pattern: str, flags: int, compiled: re.Pattern[str]) -> None:
    """Keep the program of ``pattern`` if building it from the program gives ``compiled``."""
    global _dirty
    if _table is None or len(_table) >= MAX_ENTRIES:
        return
    try:
        p = _parser.parse(pattern, flags)
        from array import array
        code = array("I", [int(c) for c in _compiler._code(p, flags)])
        indexgroup = [None] * p.state.groups
        for name, i in p.state.groupdict.items():
            indexgroup[i] = name
        args = (int(flags | p.state.flags), code.tobytes(), p.state.groups - 1,
                dict(p.state.groupdict), tuple(indexgroup))
        if _build(pattern, args) != compiled:
            return
    except Exception:  # pragma: no cover - the engine changed: compile as usual
        return
    if not _dirty:
        import atexit
        atexit.register(_save)
    _table[(pattern, flags)] = args
    _dirty = True


def _build(pattern: str, args: tuple[Any, ...]) -> re.Pattern[str]:
    """The pattern made from its kept arguments (the program as bytes, see ``_Table``)."""
    flags, program, *rest = args
    built: re.Pattern[str] = _sre.compile(pattern, flags, memoryview(program).cast("I").tolist(),
                                          *rest)
    return built


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, built from the kept program when there is one."""
    flags = int(flags)
    if _KEY is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    table = _load() if _table is None else _table
    args = table.get((pattern, flags))
    if args is not None:
        try:
            return _build(pattern, args)
        except Exception:  # a damaged entry: forget it
            del table[(pattern, flags)]
    compiled = re.compile(pattern, flags)
    _record(pattern, flags, compiled)
    return compiled


def match(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    """``re.match`` through :func:`compile`."""
    return compile(pattern, flags).match(string)


class _ReModule:
    """What Lark's lexers use of the :mod:`re` module, with :func:`compile` cached."""
    error = re.error
    compile = staticmethod(compile)
    match = staticmethod(match)


#: handed to Lark's lexers in place of :mod:`re` (see :mod:`treatydraft.syntax`)
RE_MODULE = _ReModule()
