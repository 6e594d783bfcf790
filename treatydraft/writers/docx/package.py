"""The .docx package around the document: properties and deterministic bytes.

* :func:`set_core_properties` fixes author, dates and revision (no wall-clock time);
* :func:`set_app_properties` names the producing application and drops the template's
  thumbnail;
* :func:`save_deterministic` writes the package with fixed member dates, so the same
  input gives the same bytes.
"""
from __future__ import annotations

import io
import zipfile

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter

from .ooxml import clean

__all__ = ["set_core_properties", "set_app_properties", "save_deterministic"]


def set_core_properties(core_properties, *, title: str, subject: str, when) -> None:
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


def set_app_properties(document, application: str) -> None:
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

    def __init__(self, stream):
        self._zip = zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=_FIXED_ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, blob)

    def close(self) -> None:
        self._zip.close()


def save_deterministic(document) -> bytes:
    """The package as bytes, like ``Document.save`` but with fixed zip member dates."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    writer = _FixedDateZip(out)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    writer.close()
    return out.getvalue()
