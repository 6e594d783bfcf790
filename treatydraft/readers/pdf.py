"""PDF drafts: the text layer, extracted with pypdf, reflowed into draft text.

pypdf (``pip install treatydraft[pdf]``) is a maintained, pure-Python PDF library.
Tried on PDFs LibreOffice makes from the samples, it keeps CJK lines without spurious
blanks (pdfminer.six put blanks between CJK and digits, ``备选案文 2``) and Arabic
words in logical order (pdfminer.six's own layout gave them reversed).  Neither
recovers the order of brackets and Latin runs inside right-to-left lines (a PDF
stores glyphs in visual order, brackets mirrored): when the text layer holds Arabic
or Hebrew, the page text is read again glyph by glyph with pdfminer.six (part of the
same extra) and put in logical order by :mod:`treatydraft.readers.pdfbidi`.  The text
is hard-wrapped like text copied from a PDF, so it goes through
:func:`treatydraft.readers.pdftext.reflow`.  A PDF without a text layer (a scan) is
refused with a message: treatydraft does not do OCR; so is one whose text layer is not
readable text (fonts without a usable character map: control characters, glyph
numbers, shifted letters), as published UN PDFs in Russian and Chinese can be.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..document import Document
from ..io import InputError
from .pdfbidi import has_rtl, rtl_pages
from .pdftext import Reflowed, check_readable, reflow

if TYPE_CHECKING:
    from ..parser import Mode

__all__ = ["pdf_to_text", "read_pdf", "MAX_PDF"]

MAX_PDF = 40 * 1024 * 1024


def pdf_to_text(data: bytes, *, source: str | None = None) -> Reflowed:
    """The reflowed text layer of the PDF ``data``."""
    if len(data) > MAX_PDF:
        raise InputError(f"the PDF is {len(data):,} bytes, more than {MAX_PDF:,}", file=source)
    try:
        import pypdf
    except ImportError:
        raise InputError("reading PDF needs the optional PDF support", file=source,
                         hint="pip install 'treatydraft[pdf]' (installs pypdf), or copy "
                              "the text out of the PDF and use 'treatydraft import --from "
                              "pdf-text FILE.txt'") from None
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError("the PDF is encrypted", file=source,
                             hint="save an unprotected copy first")
        text = "\f".join(page.extract_text() or "" for page in reader.pages)
    except InputError:
        raise
    except pypdf.errors.PdfReadError as exc:
        raise InputError(f"not a readable PDF ({exc})", file=source) from None
    except Exception as exc:  # damaged files raise many kinds
        raise InputError(f"cannot read the PDF ({type(exc).__name__}: {exc})",
                         file=source) from None
    if not text.strip():
        raise InputError("the PDF has no text layer (a scanned image?)", file=source,
                         hint="run OCR on it first (e.g. ocrmypdf), or type the text")
    notes = []
    if has_rtl(text):
        try:
            # (glyph by glyph, an unmapped glyph shows as (cid:N), where pypdf's text
            # silently lacks it: the check below sees it)
            text = "\f".join(rtl_pages(data))
            notes.append("right-to-left lines read glyph by glyph and put in logical order")
        except ImportError:
            notes.append("right-to-left lines: brackets and Latin text may be out of order "
                         "(pip install 'treatydraft[pdf]' adds pdfminer.six, which reads "
                         "them in logical order)")
        except Exception as exc:  # pdfminer on a damaged file: keep pypdf's text
            notes.append(f"right-to-left lines: kept pypdf's order, pdfminer.six failed "
                         f"({type(exc).__name__})")
    check_readable(text, "the PDF's text layer", source)
    result = reflow(text)
    result.notes[:0] = notes
    return result


def read_pdf(data: bytes, *, source: str | None = None, mode: Mode = "strict") -> Document:
    """The :class:`Document` of a PDF's text layer (reflowed; no front matter)."""
    from ..parser import parse
    return parse(pdf_to_text(data, source=source).text, mode=mode, source=source)
