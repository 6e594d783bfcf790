"""The .docx package around the document: properties and deterministic bytes.

* :func:`set_core_properties` fixes author, dates and revision (no wall-clock time);
* :func:`set_app_properties` names the producing application and drops the template's
  thumbnail;
* :func:`save_deterministic` writes the package with fixed member dates, so the same
  input gives the same bytes, the spooled parts (:mod:`.spool`) piece by piece.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.opc.pkgwriter import PackageWriter

from .ooxml import clean
from .spool import PartSpool

__all__ = ["set_core_properties", "set_app_properties", "save_deterministic"]


def set_core_properties(core_properties: CoreProperties, *, title: str, subject: str,
                        when: dt.datetime) -> None:
    """Fixed core properties (no wall-clock time, fixed author and revision)."""
    core_properties.title = title
    core_properties.subject = subject
    core_properties.author = "treatydraft"
    core_properties.last_modified_by = "treatydraft"
    core_properties.created = when
    core_properties.modified = when
    core_properties.revision = 1
    core_properties.comments = ""


_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>{app}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>\n")


def set_app_properties(document: DocxDocument, application: str) -> None:
    """Name the producing application in ``docProps/app.xml`` and drop the template's
    thumbnail (python-docx ships Word's: "Microsoft Macintosh Word", zero counts, a
    blank page as the preview).  Counts are left out: Word and LibreOffice recompute them."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML.format(app=clean(application)).encode("utf-8")


_FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class _FixedDateZip:
    """python-docx's physical package writer interface, with fixed member dates
    (python-docx's own writer stamps the clock on every member)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._zip = zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED)

    @staticmethod
    def _info(pack_uri: PackURI, size: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=_FIXED_ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.file_size = size
        return info

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self._zip.writestr(self._info(pack_uri, len(blob)), blob)

    def write_pieces(self, pack_uri: PackURI, pieces: Iterable[bytes], size: int) -> None:
        """A member written piece by piece, the same bytes as :meth:`write` of the pieces
        joined (on a seekable ``stream``; ``size`` is the member's size, or a lower bound
        of it, which only decides whether it needs zip64 sizes, as ``writestr`` does)."""
        with self._zip.open(self._info(pack_uri, size), "w") as dest:
            for piece in pieces:
                dest.write(piece)

    def close(self) -> None:
        self._zip.close()


def save_deterministic(document: DocxDocument, stream: IO[bytes], *,
                       spools: Sequence[PartSpool] = (), id_offset: int = 0) -> None:
    """Write the package to ``stream``, like ``Document.save`` but with fixed zip member
    dates.

    A part whose root element is the root of one of ``spools`` is written from the
    spool (:mod:`.spool`): its root's start tag, the spooled children (the ids of
    changes and comments shifted by ``id_offset`` where the spool says so) and the
    rest of the root."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    by_root = {id(spool.part_root): spool for spool in spools}
    writer = _FixedDateZip(stream)
    # python-docx's own writing of these two (its functions are not annotated)
    PackageWriter._write_content_types_stream(writer, parts)  # type: ignore[no-untyped-call]
    PackageWriter._write_pkg_rels(writer, package.rels)  # type: ignore[no-untyped-call]
    for part in parts:
        spool = by_root.get(id(part._element)) if isinstance(part, XmlPart) else None
        if spool is None:
            writer.write(part.partname, part.blob)
        else:
            spool.flush()
            head, tail = spool.frame(serialize_part_xml)
            writer.write_pieces(part.partname, _pieces(head, spool.chunks(id_offset), tail),
                                len(head) + spool.size + len(tail))
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    writer.close()


def _pieces(head: bytes, middle: Iterable[bytes], tail: bytes) -> Iterator[bytes]:
    yield head
    yield from middle
    yield tail
