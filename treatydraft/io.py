"""Reading drafts from files or stdin, and writing outputs atomically."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .ast import Document
from .errors import TreatyDraftError
from .parser import parse

__all__ = ["read_text", "load", "atomic_write", "InputError"]


class InputError(TreatyDraftError):
    """A file cannot be read (missing, unreadable, not UTF-8)."""
    code = "io"


def read_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of ``path``; ``-`` reads standard input."""
    try:
        if str(path) == "-":
            return sys.stdin.buffer.read()
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None


def read_text(path: str | os.PathLike) -> str:
    """The text of ``path`` (UTF-8, a BOM is kept as text); ``-`` reads standard input.

    The text is decoded without newline translation, so ``\\r\\n`` survives a round trip.
    """
    data = read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"not UTF-8 text (byte 0x{data[exc.start]:02x})", file=str(path),
                         line=line, column=col,
                         hint="save the draft as UTF-8 text") from None


def load(path: str | os.PathLike, *, mode: str = "strict", **options) -> Document:
    """Read and parse a draft file: ``.txt`` (the draft format) or ``.xml`` (Akoma Ntoso).

    Word (.docx) and PDF files are recognised by content (issue 12); ``options`` go to
    the Word reader (see :func:`treatydraft.readers.docx.read_docx`).
    ``-`` reads the draft format from standard input.
    """
    name = str(path)
    if name.lower().endswith(".xml"):
        from .readers.akn import read_akn
        return read_akn(read_bytes(path), source=name)
    # issue 12: Word (.docx) and PDF files, recognised by content; ``options`` are the
    # Word reader's (delegations, author_map, changes, marks)
    from .readers.foreign import read_foreign
    doc = read_foreign(path, mode=mode, **options)
    if doc is not None:
        return doc
    return parse(read_text(path), mode=mode, source=name)


def atomic_write(path: str | os.PathLike, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that it is either wholly written or untouched.

    The data goes to a temporary file in the same folder, which is then renamed
    over ``path``; on any failure the temporary file is removed.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
