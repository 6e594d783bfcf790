"""Builds .docx files for the Word-import tests from small XML fixture parts (no tests here).

A case folder ``tests/fixtures/docx-import/<case>/`` holds ``body.xml`` (the content of
``w:body``, with the ``w:`` prefix and no namespace declarations) and, optionally,
``numbering.xml``, ``footnotes.xml``, ``comments.xml``, ``styles.xml`` (their children),
``header.xml`` (a header's paragraphs) and ``options.json`` (reader options).  The
recipe: python-docx's default document is saved, and the parts are replaced or added
with their relationships and content types.  The result is deterministic.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W_NS}" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_PARTS = {  # file -> (root element, part name, relationship type, content type)
    "numbering.xml": ("numbering", "word/numbering.xml", "numbering", "numbering+xml"),
    "footnotes.xml": ("footnotes", "word/footnotes.xml", "footnotes", "footnotes+xml"),
    "endnotes.xml": ("endnotes", "word/endnotes.xml", "endnotes", "endnotes+xml"),
    "comments.xml": ("comments", "word/comments.xml", "comments", "comments+xml"),
    "header.xml": ("hdr", "word/header9.xml", "header", "header+xml"),
}

_base: bytes | None = None


def _base_docx() -> bytes:
    global _base
    if _base is None:
        buf = io.BytesIO()
        docx.Document().save(buf)
        _base = buf.getvalue()
    return _base


def _xml(root: str, inner: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:{root} {NS}>{inner}</w:{root}>").encode("utf-8")


def make_docx(body: str, parts: dict[str, str] | None = None, *, styles: str = "") -> bytes:
    """A .docx whose body is ``body`` and with the extra ``parts`` (file name -> children)."""
    parts = dict(parts or {})
    src = zipfile.ZipFile(io.BytesIO(_base_docx()))
    files = {i.filename: src.read(i) for i in src.infolist()}
    files["word/document.xml"] = _xml("document", f"<w:body>{body}</w:body>")
    rels = files["word/_rels/document.xml.rels"].decode("utf-8")
    ctypes = files["[Content_Types].xml"].decode("utf-8")
    for n, (fname, inner) in enumerate(sorted(parts.items()), 1):
        root, name, rtype, ctype = _PARTS[fname]
        if name in files:
            files[name] = _xml(root, inner)
            continue
        files[name] = _xml(root, inner)
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdTD{rtype}" Type="{_REL}{rtype}" '
                            f'Target="{name[5:]}"/></Relationships>')
        ctypes = ctypes.replace("</Types>", f'<Override PartName="/{name}" '
                                f'ContentType="{_CT}{ctype}"/></Types>')
    if styles:
        st = files["word/styles.xml"].decode("utf-8")
        files["word/styles.xml"] = st.replace("</w:styles>", styles + "</w:styles>").encode()
    files["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    files["[Content_Types].xml"] = ctypes.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name])
    return out.getvalue()


def build_case(folder: Path) -> tuple[bytes, dict]:
    """(the .docx of a case folder, its reader options)."""
    parts = {f: (folder / f).read_text(encoding="utf-8") for f in _PARTS if (folder / f).exists()}
    styles = (folder / "styles.xml").read_text(encoding="utf-8") if (folder / "styles.xml").exists() else ""
    options = json.loads((folder / "options.json").read_text(encoding="utf-8")) \
        if (folder / "options.json").exists() else {}
    return make_docx((folder / "body.xml").read_text(encoding="utf-8"), parts, styles=styles), options
