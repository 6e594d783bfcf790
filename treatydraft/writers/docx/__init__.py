"""Word (.docx) export of a draft, in two styles.

``to_docx(doc, style="brackets")`` (or ``write_docx(doc, file, ...)``, streamed)
    the draft as circulated: visible brackets, option blocks with labels,
    attribution as footnotes (or comments), real heading and paragraph styles.
``to_docx(doc, style="tracked", base=...)``
    one base variant as the text and the other positions as Word revisions authored
    by the proposing delegations (see :mod:`.tracked`).

The modules: :mod:`.ooxml` (all raw XML: revisions, footnotes, comments, fields,
script properties), :mod:`.package` (properties, deterministic packaging),
:mod:`.layout` (page, styles, header and footer, label widths), :mod:`.common`
(paragraph cursor and node dispatch), :mod:`.brackets` and :mod:`.tracked` (the two
styles), :mod:`.worlds` (what Accept/Reject All must read, from
``operations.resolve_lines``, a few paragraphs at a time).  The writer never imports the parser.
"""
from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from typing import IO, Literal

import docx

from ...ast import Document, Heading
from ...document import _walk_structure
from ...errors import ExportError
from . import ooxml, package  # noqa: F401  (ooxml first: the writers import it)
from .brackets import BracketsWriter
from .common import BaseWriter
from .layout import Layout
from .tracked import TrackedWriter, base_decider, base_note, kept_as_brackets

__all__ = ["to_docx", "write_docx", "DocxResult", "STYLES", "ATTRIBUTIONS", "Style", "Attribution"]

#: How groups are written: as visible ``brackets``, or as ``tracked`` Word revisions.
Style = Literal["brackets", "tracked"]
#: Where proposers are named: in ``footnotes`` or in ``comments``.
Attribution = Literal["footnotes", "comments"]

STYLES = ("brackets", "tracked")
ATTRIBUTIONS = ("footnotes", "comments")


@dataclass(frozen=True)
class DocxResult:
    """A finished export: the file and what went into it.

    Example:

        >>> import treatydraft
        >>> doc = treatydraft.parse("Article 1\\n1. Parties shall [share]@EU data.\\n",
        ...                         mode="tolerant")
        >>> result = treatydraft.to_docx(doc)
        >>> (result.bracketed, result.tracked, result.footnotes, result.comments)
        (1, 0, 1, 0)
    """
    data: bytes
    """The .docx file (``b""`` from :func:`write_docx`, which wrote it to a file)."""
    tracked: int
    """Groups written as Word revisions (0 for style ``brackets``)."""
    bracketed: int
    """Groups (bracket groups and option blocks, nested ones included) kept as visible brackets."""
    footnotes: int = 0
    """Word footnotes written (attribution, draft footnotes, chair's notes)."""
    comments: int = 0
    """Word comments written."""
    kept: tuple[tuple[str, tuple[tuple[str, int, int], ...]], ...] = ()
    """Style ``tracked``: (reason, ((group id, line, column), ...)) for the top-level
    groups kept as visible brackets, e.g. ``("span paragraphs", (("art_5__brk_1", 70, 1),))``."""
    notes: tuple[str, ...] = ()
    """Sentences for the user, e.g. that a delegation base changes nothing."""


def to_docx(doc: Document, *, style: Style = "brackets", base: str = "first",
            attribution: Attribution = "footnotes") -> DocxResult:
    """Export ``doc`` to .docx bytes (deterministic for the same input).

    Raises :class:`~treatydraft.errors.ExportError` for an unknown style, attribution,
    base delegation or group id (the message lists the valid values).  docs/docx.md
    describes both styles.

        >>> import treatydraft
        >>> doc = treatydraft.parse("Article 1\\n1. Parties shall [share][exchange] data.\\n")
        >>> result = treatydraft.to_docx(doc)
        >>> result.data[:2], result.bracketed
        (b'PK', 1)
        >>> treatydraft.to_docx(doc, style="tracked").tracked
        1
    """
    out = io.BytesIO()
    result = write_docx(doc, out, style=style, base=base, attribution=attribution)
    return dataclasses.replace(result, data=out.getvalue())


def write_docx(doc: Document, stream: IO[bytes], *, style: Style = "brackets",
               base: str = "first", attribution: Attribution = "footnotes") -> DocxResult:
    """Export ``doc`` to .docx, written to ``stream`` (a seekable binary file): the same
    bytes as :func:`to_docx`, whose result this returns without them (``data`` is
    ``b""``).  The body is written a few paragraphs at a time (in style ``tracked``
    also planned and resolved a few paragraphs at a time), so memory does not grow
    with the draft beyond its parse: docs/performance.md.  Raises what :func:`to_docx`
    raises, before anything is written."""
    if style not in STYLES:
        raise ExportError(f"unknown docx style {style!r}", hint="use one of: " + ", ".join(STYLES))
    if attribution not in ATTRIBUTIONS:
        raise ExportError(f"unknown attribution {attribution!r}",
                          hint="use one of: " + ", ".join(ATTRIBUTIONS))
    choose = base_decider(doc, base) if style == "tracked" else None

    document = docx.Document()
    has_sections = any(isinstance(n, Heading) and n.kind == "section"
                       for n in _walk_structure(doc.body))
    layout = Layout(document, doc.front, has_sections=has_sections)
    layout.setup()
    writer: BaseWriter
    tracked: TrackedWriter | None = None
    if style == "tracked":
        assert choose is not None
        writer = tracked = TrackedWriter(doc, document, layout, choose=choose)
    else:
        writer = BracketsWriter(doc, document, layout, attribution=attribution)
    try:
        writer.run()
        package.save_deterministic(document, stream, spools=writer.spools,
                                   id_offset=writer.id_offset)
    finally:
        for spool in writer.spools:
            spool.close()

    kept: tuple[tuple[str, tuple[tuple[str, int, int], ...]], ...] = ()
    notes: tuple[str, ...] = ()
    if tracked is not None and choose is not None:
        kept = tuple((reason, tuple((g.id, g.span.line, g.span.column) for g in groups))
                     for reason, groups in kept_as_brackets(doc))
        note = base_note(doc, base, choose)
        notes = (note,) if note else ()
    return DocxResult(data=b"", tracked=writer.tracked,
                      bracketed=writer.bracketed, footnotes=writer.footnotes.count,
                      comments=writer.comments.count, kept=kept, notes=notes)
