"""Checking who made the tracked changes of a Word proposal.

A proposal sent as a ``.docx`` with Track Changes is read (by the docx reader,
through :func:`treatydraft.load`) as its text with every change accepted; the
changes' authors should be the delegation the proposal is given for.  This module
reads the authors straight from the package (``w:ins``, ``w:del``, ``w:moveFrom``,
``w:moveTo`` and formatting changes in ``word/document.xml``), so it does not
depend on what the reader keeps.  An author matches a delegation when it is its
code or its registered name (case and spacing ignored), or contains the code as a
word (``EU delegation``).
"""
from __future__ import annotations

import os
import re
import zipfile

__all__ = ["docx_authors", "check_docx_authors"]

_AUTHOR = re.compile(rb'<w:(?:ins|del|moveFrom|moveTo|rPrChange|pPrChange)\b[^>]*?\sw:author="([^"]*)"')


def docx_authors(path: str | os.PathLike[str]) -> list[str]:
    """The distinct authors of tracked changes in a .docx file, in order of appearance."""
    try:
        with zipfile.ZipFile(path) as z:
            data = z.read("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return []
    seen: dict[str, None] = {}
    for m in _AUTHOR.finditer(data):
        name = m.group(1).decode("utf-8", "replace")
        name = name.replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'") \
            .replace("&lt;", "<").replace("&gt;", ">")
        seen.setdefault(name, None)
    return list(seen)


def _matches(author: str, codes: tuple[str, ...], names: dict[str, str]) -> bool:
    flat = " ".join(author.split()).casefold()
    for code in codes:
        if flat == code.casefold() or flat == " ".join(names.get(code, "").split()).casefold():
            return True
        if re.search(rf"(?<![A-Za-z0-9]){re.escape(code)}(?![A-Za-z0-9])", author):
            return True
    return False


def check_docx_authors(source: object, codes: tuple[str, ...], names: dict[str, str]) -> list[str]:
    """Warnings for tracked changes by authors other than ``codes`` (only for .docx paths)."""
    if isinstance(source, (str, os.PathLike)) and str(source).lower().endswith(".docx") \
            and os.path.exists(source):
        who = "+".join(codes)
        return [f"tracked changes by '{a}' in the proposal of {who}"
                for a in docx_authors(source) if not _matches(a, codes, names)]
    return []
