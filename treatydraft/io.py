"""Reading drafts from files or stdin, and writing outputs atomically.

What :func:`atomic_write` promises (see docs/safety.md):

* the target is either wholly written or left as it was: the data goes to a
  temporary file beside the target, which is renamed over it;
* a symbolic link is written through: its target is replaced, the link stays;
* an existing file we may not write (read-only for a non-root user) is refused with
  ``EACCES``, as ``cp`` would refuse it, instead of being replaced by the rename;
* temporaries are named ``.NAME.treatydraft-PID-xxxxxxxx.tmp``; one left behind by a
  killed run (its process gone, older than this run) is removed by the next write
  of the same target.
"""
from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, Literal

from .ast import Document
from .errors import InputError
from .parser import Mode, parse

__all__ = ["read_bytes", "read_text", "load", "atomic_write", "InputError", "same_file",
           "draft_format", "dump_draft", "draft_writer", "DraftFormat"]

DraftFormat = Literal["text", "akn"]

#: when this process started using the module: temporaries older than this, of a
#: process that no longer runs, are stale
_STARTED = time.time()
_TMP_TAG = ".treatydraft-"


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of ``path``; ``-`` reads standard input."""
    try:
        if str(path) == "-":
            return sys.stdin.buffer.read()
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None


_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"), (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
         (b"\xff\xfe", "UTF-16 (little-endian)"), (b"\xfe\xff", "UTF-16 (big-endian)"))


def _wide_encoding(data: bytes) -> str | None:
    """'UTF-16 (little-endian)' ... when ``data`` looks like UTF-16/32 text, else None.

    A byte-order mark says so; without one, text in a Latin or Cyrillic script has a
    NUL byte in every other position (every fourth for UTF-32)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 4 >= len(sample):
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        half = len(sample) // 2
        if odd * 10 >= half * 8 and even * 10 < half * 2:
            return "UTF-16 (little-endian)"
        if even * 10 >= half * 8 and odd * 10 < half * 2:
            return "UTF-16 (big-endian)"
        return "UTF-16 or UTF-32"
    return None


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of ``path`` (UTF-8, a BOM is kept as text); ``-`` reads standard input.

    The text is decoded without newline translation, so ``\\r\\n`` survives a round trip.
    UTF-16 and UTF-32 files are refused with a message saying so.
    """
    data = read_bytes(path)
    wide = _wide_encoding(data)
    if wide:
        raise InputError(f"the file is {wide} text, not UTF-8", file=str(path),
                         hint="save the draft as UTF-8 (in Word or Notepad: "
                              "Save As, encoding UTF-8)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        col = len(data[data.rfind(b"\n", 0, exc.start) + 1:exc.start]
                  .decode("utf-8", "replace")) + 1
        raise InputError(f"not UTF-8 text (byte 0x{data[exc.start]:02x})", file=str(path),
                         line=line, column=col,
                         hint="save the draft as UTF-8 text") from None


def _is_xml(path: str | os.PathLike[str] | None) -> bool:
    return path is not None and str(path).lower().endswith(".xml")


def load(path: str | os.PathLike[str], *, mode: Mode = "strict", **options: Any) -> Document:
    """Read and parse a draft file: ``.txt`` (the draft format) or ``.xml`` (Akoma Ntoso).

    Word (.docx) and PDF files are recognised by content (issue 12); ``options`` go to
    the Word reader (see :func:`treatydraft.readers.docx.read_docx`).
    ``-`` reads the draft format from standard input.

        >>> import treatydraft
        >>> doc = treatydraft.load("samples/convention-en.txt")
        >>> doc.front.symbol, doc.source
        ('A/AC.999/L.3/Rev.2', 'samples/convention-en.txt')
    """
    name = str(path)
    if _is_xml(name):
        from .readers.akn import read_akn
        return read_akn(read_bytes(path), source=name)
    # issue 12: Word (.docx) and PDF files, recognised by content; ``options`` are the
    # Word reader's (delegations, author_map, changes, marks)
    from .readers.foreign import read_foreign
    doc = read_foreign(path, mode=mode, **options)
    if doc is not None:
        return doc
    return parse(read_text(path), mode=mode, source=name)


def draft_format(target: str | os.PathLike[str] | None, input_path: str | os.PathLike[str] | None
                 ) -> DraftFormat:
    """The format a draft written to ``target`` takes: ``akn`` for a ``.xml`` name,
    ``text`` for ``.txt``, otherwise (standard output, another suffix) the format of
    ``input_path``, so that ``--in-place`` on an Akoma Ntoso file writes Akoma Ntoso."""
    name = str(target) if target not in (None, "-") else ""
    if _is_xml(name):
        return "akn"
    if name.lower().endswith(".txt"):
        return "text"
    return "akn" if _is_xml(input_path) else "text"


def dump_draft(doc: Document, fmt: DraftFormat) -> bytes:
    """``doc`` as draft text (UTF-8) or as Akoma Ntoso XML, which :func:`load` reads back."""
    if fmt == "akn":
        from .writers.akn import to_akn
        return to_akn(doc)
    return doc.to_text().encode("utf-8")


def draft_writer(doc: Document, fmt: DraftFormat) -> Callable[[BinaryIO], None]:
    """:func:`dump_draft` as a function writing into a binary file: Akoma Ntoso is
    streamed (a few units held at a time, never the whole XML: docs/performance.md),
    the same bytes; :func:`atomic_write` takes it.

        >>> import io, treatydraft
        >>> from treatydraft.io import draft_writer, dump_draft
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [shall][may] act.\\n")
        >>> out = io.BytesIO()
        >>> draft_writer(doc, "akn")(out)
        >>> out.getvalue() == dump_draft(doc, "akn")
        True
    """
    def write(fh: BinaryIO) -> None:
        if fmt == "akn":
            from .writers.akn import write_akn
            write_akn(doc, fh)
        else:
            fh.write(doc.to_text().encode("utf-8"))
    return write


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether paths ``a`` and ``b`` name the same file (links and ``..`` followed)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def _clean_stale(folder: Path, name: str) -> None:
    """Remove temporaries of ``name`` left by runs that were killed before renaming."""
    prefix = f".{name}{_TMP_TAG}"
    pattern = re.compile(re.escape(prefix) + r"(\d+)-[A-Za-z0-9_]+\.tmp")
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if not m:
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime >= _STARTED or _running(int(m[1])):
                continue
            os.unlink(entry.path)
        except OSError:
            pass


def _running(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":
        return True  # (on Windows os.kill would end the process: assume it runs)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def atomic_write(path: str | os.PathLike[str], data: bytes | str | Callable[[BinaryIO], object]
                 ) -> None:
    """Write ``data`` to ``path`` so that it is either wholly written or untouched.

    The data goes to a temporary file in the same folder, which is then renamed
    over ``path``; on any failure the temporary file is removed.  A symbolic link
    is written through to its target; an existing file this user may not write is
    refused (``PermissionError``), as ``cp`` would.  A ``str`` is written as UTF-8; a
    function is called with the temporary file (open for binary writing) to write the
    data itself (a streaming writer: if it raises, nothing is written).

        >>> import os, tempfile, treatydraft
        >>> path = os.path.join(tempfile.mkdtemp(), "draft.txt")
        >>> treatydraft.atomic_write(path, "Article 1\\n1. [a][b]\\n")
        >>> treatydraft.load(path).to_text()
        'Article 1\\n1. [a][b]\\n'
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    if target.exists() and not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "Permission denied (the file is read-only)",
                              str(path))
    folder = target.parent if str(target.parent) else Path(".")
    _clean_stale(folder, target.name)
    import tempfile  # only when writing: a command that only reads starts without it
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}{_TMP_TAG}{os.getpid()}-",
                               suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
