"""Inputs recognised by their content rather than their name: Word (.docx) and PDF.

:func:`read_foreign` looks at the first bytes of a file: a zip package holding
``word/document.xml`` goes to :mod:`.docx`, an OLE2 file (a Word 97-2003 ``.doc`` or
an encrypted ``.docx``) gets a clear refusal, ``%PDF-`` goes to :mod:`.pdf`.  Anything
else returns None and is read as draft text.  A file named ``.docx``/``.doc``/``.pdf``
whose content is something else is refused with a message saying so.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..document import Document
from ..io import InputError, read_bytes

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..parser import Mode
    from .docx import DocxOptions

__all__ = ["read_foreign", "sniff", "read_limited", "is_ole"]

#: the first bytes of an OLE2 compound file
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: the largest Word or PDF file read (checked before reading it)
MAX_INPUT = 40 * 1024 * 1024


def read_limited(path: str | os.PathLike[str], limit: int = MAX_INPUT) -> bytes:
    """The bytes of ``path`` (``-``: standard input), refused past ``limit`` without reading it all."""
    name = str(path)
    if name != "-":
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0
        if size > limit:
            raise InputError(f"the file is {size:,} bytes, more than the {limit:,} a draft may "
                             "have", file=name,
                             hint="remove images and embedded objects, or split the document")
        return read_bytes(path)
    import sys
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"standard input is more than the {limit:,} bytes a draft may have",
                         file=name)
    return data


def is_ole(data: bytes) -> bool:
    """An OLE2 compound file: a Word 97-2003 .doc, or an encrypted .docx.

    Here rather than in the Word reader so that sniffing a text draft loads no XML library."""
    return data[:8] == _OLE_MAGIC


def sniff(head: bytes) -> str | None:
    """``docx`` (any zip, checked further by the reader), ``ole``, ``pdf`` or None."""
    if head[:4] == b"PK\x03\x04":
        return "docx"
    if is_ole(head):
        return "ole"
    if head[:5] == b"%PDF-":
        return "pdf"
    return None


def read_foreign(path: str | os.PathLike[str], *, mode: Mode = "strict",
                 **options: Unpack[DocxOptions]) -> Document | None:
    """The Document of a Word or PDF file, or None when ``path`` is not one.

    ``options`` go to :func:`treatydraft.readers.docx.read_docx` (``delegations``,
    ``author_map``, ``changes``, ``marks``).  Standard input is never sniffed.
    """
    name = str(path)
    if name == "-":
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return None  # the text reader reports it
    kind = sniff(head)
    suffix = Path(name).suffix.lower()
    if kind is None:
        if suffix in (".docx", ".doc", ".pdf"):
            raise InputError(f"not a {suffix[1:].upper()} file (its content is not)", file=name,
                             hint="check the file, or rename it if it is a draft in text form")
        return None
    data = read_limited(path)
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf(data, source=name, mode=mode)
    from .docx import read_docx
    return read_docx(data, source=name, mode=mode, **options)
