"""The .docx package: recognising Word files, zip safety, safe XML, finding parts.

Everything that touches the zip container or raw XML bytes lives here, so the rest of
the reader only sees parsed elements.  Limits (all checked before or while inflating,
so memory stays bounded whatever the file claims):

* the file itself: at most :data:`MAX_FILE` bytes;
* one member: at most :data:`MAX_MEMBER` bytes once inflated, counted while reading
  (the sizes in the zip directory are not trusted);
* a member larger than 1 MB inflated may not be compressed more than
  :data:`MAX_RATIO` : 1 (zip bombs);
* XML with a document type declaration (entities, external references) is refused,
  and the parser never resolves entities nor touches the network.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from typing import NoReturn

from lxml import etree

from ...io import InputError
from ..foreign import is_ole  # sniffing text loads no lxml: it lives there

__all__ = ["DocxError", "Package", "open_package", "is_ole", "W", "R_NS",
           "MAX_FILE", "MAX_MEMBER", "MAX_RATIO"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

MAX_FILE = 40 * 1024 * 1024
MAX_MEMBER = 200 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024
_CONVERT = "convert it to .docx first, e.g. 'soffice --headless --convert-to docx FILE'"


class DocxError(InputError):
    """A Word file that cannot be read (not Word, damaged, encrypted, too large ...)."""
    code = "docx"


def _main_part(zf: zipfile.ZipFile) -> str | None:
    """The main document part named by ``_rels/.rels`` (usually word/document.xml)."""
    if "_rels/.rels" not in zf.NameToInfo:
        return None
    info = zf.NameToInfo["_rels/.rels"]
    if info.file_size > 1024 * 1024:
        return None
    try:
        root = etree.fromstring(zf.read(info), _parser())
    except etree.XMLSyntaxError:
        return None
    for rel in root.iter(_PKG_REL):
        if rel.get("Type", "").endswith("/officeDocument"):
            target = rel.get("Target", "").lstrip("/")
            if target in zf.NameToInfo and target.startswith("word/"):
                return target
    return None


def _parser() -> etree.XMLParser:
    # huge_tree stays off: libxml2 then refuses nesting deeper than 256 levels (which also
    # bounds the reader's recursion) and single text nodes over 10 MB
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           remove_comments=True, remove_pis=True, huge_tree=False)


class Package:
    """An opened .docx: its main part and the parts related to it, as parsed XML."""

    def __init__(self, zf: zipfile.ZipFile, main: str, source: str | None):
        self.zf = zf
        self.main = main
        self.source = source
        self.rels = self._relationships(main)

    def fail(self, message: str, hint: str | None = None) -> NoReturn:
        raise DocxError(message, file=self.source, hint=hint)

    def read(self, name: str) -> bytes | None:
        """The inflated bytes of member ``name`` (None when absent), within the limits."""
        info = self.zf.NameToInfo.get(name)
        if info is None:
            return None
        if info.flag_bits & 0x1:
            self.fail(f"the member {name} is encrypted", "remove the password in Word and save again")
        if info.file_size > MAX_MEMBER:
            self.fail(f"the member {name} inflates to {info.file_size:,} bytes "
                      f"(limit {MAX_MEMBER:,}): refused as a possible zip bomb")
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            self.fail(f"the member {name} is compressed {info.file_size // max(info.compress_size, 1)}:1 "
                      f"(limit {MAX_RATIO}:1): refused as a possible zip bomb")
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zf.open(info) as fh:
                while True:
                    chunk = fh.read(1 << 20)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > MAX_MEMBER or (size > _RATIO_FLOOR
                                             and size > MAX_RATIO * max(info.compress_size, 1)):
                        self.fail(f"the member {name} inflates past its declared size and the "
                                  "limits: refused as a possible zip bomb")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
            self.fail(f"the member {name} is damaged ({exc})", "open and re-save the file in Word")
        return b"".join(chunks)

    def xml(self, name: str | None) -> etree._Element | None:
        """The parsed root element of member ``name``, or None when it is absent."""
        if not name:
            return None
        data = self.read(name)
        if data is None:
            return None
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            self.fail(f"{name} is not well-formed XML ({exc})", "open and re-save the file in Word")
        tree = root.getroottree()
        # (lxml-stubs' DocInfo lacks doctype, which lxml has)
        if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:  # type: ignore[union-attr]
            self.fail(f"{name} declares a document type (entities or external references), "
                      "which Word never writes: refused")
        return root

    def _relationships(self, part: str) -> dict[str, str]:
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, str] = {}
        if root is None:
            return out
        for rel in root.iter(_PKG_REL):
            if rel.get("TargetMode") == "External":
                continue
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
            out.setdefault(kind, path)
            out[rel.get("Id", "")] = path
        return out

    def related(self, kind: str) -> etree._Element | None:
        """The parsed part of relationship type ``kind`` (``footnotes``, ``numbering`` ...).

        None when the document has no such relationship; a relationship whose part is
        missing from the package is an error (a damaged file).
        """
        name = self.rels.get(kind)
        if name and name not in self.zf.NameToInfo:
            self.fail(f"the package names the part {name} ({kind}) but does not contain it",
                      "open and re-save the file in Word")
        return self.xml(name)

    def part_names(self, prefix: str) -> list[str]:
        return [n for n in self.zf.NameToInfo if n.startswith(prefix)]


def open_package(data: bytes, source: str | None = None) -> Package:
    """Open ``data`` as a .docx, or raise :class:`DocxError` saying what it is instead."""
    if len(data) > MAX_FILE:
        raise DocxError(f"the file is {len(data):,} bytes, more than the {MAX_FILE:,} a draft "
                        "may have", file=source,
                        hint="remove images and embedded objects, or split the document")
    if is_ole(data):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise DocxError("the Word file is encrypted (password-protected)", file=source,
                            hint="open it in Word, remove the password (File > Info > Protect "
                                 "Document), save, and import again")
        raise DocxError("a Word 97-2003 .doc file (binary format), not a .docx", file=source,
                        hint=_CONVERT)
    if data[:4] != b"PK\x03\x04":
        raise DocxError("not a Word .docx file (not a zip package)", file=source,
                        hint="a draft is a .txt, .xml (Akoma Ntoso), .docx or .pdf file")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = zf.NameToInfo
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocxError(f"damaged zip package ({exc})", file=source,
                        hint="open and re-save the file in Word") from None
    main = "word/document.xml" if "word/document.xml" in names else _main_part(zf)
    if main is None:
        if any(n.startswith("word/") for n in names):
            raise DocxError("the Word package has no main document part (word/document.xml "
                            "is missing)", file=source, hint="open and re-save the file in Word")
        what = ("an OpenDocument file" if "mimetype" in names else
                "an Excel workbook" if any(n.startswith("xl/") for n in names) else
                "a PowerPoint file" if any(n.startswith("ppt/") for n in names) else
                "a zip archive")
        raise DocxError(f"{what}, not a Word .docx file", file=source,
                        hint="save the draft as a Word .docx (or convert it with 'soffice "
                             "--headless --convert-to docx FILE')")
    return Package(zf, main, source)
