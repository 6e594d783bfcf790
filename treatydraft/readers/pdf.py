"""PDF drafts: the text layer, extracted with pdfminer.six, reflowed into draft text.

pdfminer.six (``pip install treatydraft[pdf]``) is a maintained, pure-Python
extractor that maps CJK and Arabic glyphs to Unicode through the fonts' CMaps.  Its
text is hard-wrapped like text copied from a PDF, so it goes through
:func:`treatydraft.readers.pdftext.reflow`.  A PDF without a text layer (a scan) is
refused with a message: treatydraft does not do OCR.
"""
from __future__ import annotations

import io

from ..ast import Document
from ..io import InputError
from .pdftext import Reflowed, reflow

__all__ = ["pdf_to_text", "read_pdf", "MAX_PDF"]

MAX_PDF = 40 * 1024 * 1024


def pdf_to_text(data: bytes, *, source: str | None = None) -> Reflowed:
    """The reflowed text layer of the PDF ``data``."""
    if len(data) > MAX_PDF:
        raise InputError(f"the PDF is {len(data):,} bytes, more than {MAX_PDF:,}", file=source)
    try:
        from pdfminer.high_level import extract_text
        from pdfminer.layout import LAParams
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:
        raise InputError("reading PDF needs the optional PDF support", file=source,
                         hint="pip install 'treatydraft[pdf]' (installs pdfminer.six), or copy "
                              "the text out of the PDF and use 'treatydraft import --from "
                              "pdf-text FILE.txt'") from None
    try:
        text = extract_text(io.BytesIO(data), laparams=LAParams())
    except PDFSyntaxError as exc:
        raise InputError(f"not a readable PDF ({exc})", file=source) from None
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise InputError(f"cannot read the PDF ({type(exc).__name__}: {exc})",
                         file=source) from None
    if not text.strip():
        raise InputError("the PDF has no text layer (a scanned image?)", file=source,
                         hint="run OCR on it first (e.g. ocrmypdf), or type the text")
    return reflow(text)


def read_pdf(data: bytes, *, source: str | None = None, mode: str = "strict") -> Document:
    """The :class:`Document` of a PDF's text layer (reflowed; no front matter)."""
    from ..parser import parse
    return parse(pdf_to_text(data, source=source).text, mode=mode, source=source)
