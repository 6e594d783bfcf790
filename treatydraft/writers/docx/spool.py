"""Parts written as they are finished: the document body, footnotes and comments.

The writer builds each paragraph (footnote, comment) as a small lxml element on
python-docx's tree, as before; finished ones are serialized into a temporary file
and removed from the tree in batches (:meth:`PartSpool.flush`), so the export holds
a few paragraphs at a time, not the whole body (issue 8 item 10).  A body paragraph
is finished when the next one starts: only the current paragraph and the one before
it (the anchor of a chair's note) are ever changed.

When the package is saved (:func:`.package.save_deterministic`), a spooled part is
its root's start tag, the spooled children and the root's end (and the document's),
byte for byte what serializing the whole tree gives.  The
ids of changes and comments, which follow the footnotes' 1..n and so are known only
at the end (see :mod:`.ooxml`), are shifted while the spool is copied
(:meth:`PartSpool.chunks`).
"""
from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from typing import IO

from lxml import etree
from lxml.etree import _Element

__all__ = ["PartSpool", "CHUNK"]

#: Bytes read from a spool at a time when it is copied into the package.
CHUNK = 1 << 20

# The elements whose w:id follows the footnotes' (see :mod:`.ooxml`), with the id first:
# written by this writer only (open_change, mark_paragraph, Comments).  "<" never occurs in
# text or attribute values (it is escaped), so a match is always a start tag.
_SHIFTED = re.compile(rb'<w:(?:ins|del|commentRangeStart|commentRangeEnd|commentReference'
                      rb'|comment) w:id="(\d+)"')
_MARKER = b"<w:p/>"


class PartSpool:
    """The finished children of ``root`` (an element of a part: its root, or the body
    of the document), serialized into a temporary file in document order.  Close it
    (or use it as a context manager)."""

    def __init__(self, root: _Element, *, shift: bool = False) -> None:
        self.root = root
        self.part_root: _Element = root.getroottree().getroot()
        """The root element of the part (what the package serializes)."""
        self.shift = shift
        """Whether the ids of changes and comments are shifted when copied."""
        self.file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self.size = 0
        name = etree.QName(root).localname
        self._end = ("</" + (f"{root.prefix}:{name}" if root.prefix else name) + ">").encode()

    def __enter__(self) -> PartSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.file.close()

    def flush(self) -> None:
        """Write the children of the root and remove them from the tree."""
        root = self.root
        if not len(root):
            return
        # the root serialized with its children, less its own start and end tags: the
        # children's bytes as in the whole part (serialized alone, each child would
        # repeat every namespace declaration of its ancestors)
        text = etree.tostring(root, encoding="UTF-8", with_tail=False)
        start = text.find(b">") + 1
        end = len(text) - len(self._end)
        if not start or text[end:] != self._end:
            raise RuntimeError("a spooled element does not serialize as expected")
        self.file.write(memoryview(text)[start:end])
        self.size += end - start
        del root[:]

    def frame(self, serialize: Callable[[_Element], bytes]) -> tuple[bytes, bytes]:
        """(what comes before the spooled children, what comes after them) in the part's
        bytes, ``serialize(part_root)`` being how the part serializes its root.  Children
        of the root not written out yet are in the second."""
        marker = etree.Element(_w("p"))
        self.root.insert(0, marker)
        try:
            text: bytes = serialize(self.part_root)
        finally:
            self.root.remove(marker)
        at = text.find(_MARKER)
        if at < 0:
            raise RuntimeError("a spooled part does not serialize as expected")
        return text[:at], text[at + len(_MARKER):]

    def chunks(self, offset: int) -> Iterator[bytes]:
        """The spooled bytes, ids shifted by ``offset`` when :attr:`shift` is set."""
        self.file.seek(0)
        if not (self.shift and offset):
            while chunk := self.file.read(CHUNK):
                yield chunk
            return

        def shifted(m: re.Match[bytes]) -> bytes:
            return (m.group(0)[:m.start(1) - m.start(0)] + str(int(m.group(1)) + offset).encode()
                    + b'"')

        rest = b""
        while chunk := self.file.read(CHUNK):
            data = rest + chunk
            # a start tag holds no "<": every match before the last "<" is complete
            cut = data.rfind(b"<")
            if cut < 0:
                cut = len(data)
            yield _SHIFTED.sub(shifted, data[:cut])
            rest = data[cut:]
        if rest:
            yield _SHIFTED.sub(shifted, rest)


def _w(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name
