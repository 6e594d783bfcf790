"""Bad Word input: a clear message and exit status 2, never a traceback (issue 12)."""
from __future__ import annotations

import io
import os
import zipfile

import pytest
from click.testing import CliRunner

import treatydraft
from treatydraft.cli import main
from treatydraft.readers.docx import DocxError, read_docx
from treatydraft.readers.docx import package

from test_docx_import_support import make_docx

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BODY = "<w:p><w:r><w:t>1. Parties shall share [data][information].</w:t></w:r></w:p>"


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _without(data: bytes, name: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    return _zip({i.filename: src.read(i) for i in src.infolist() if i.filename != name})


def _replace(data: bytes, name: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    files = {i.filename: src.read(i) for i in src.infolist()}
    files[name] = content
    return _zip(files)


ENTITY_XML = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
EXTERNAL_XML = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")

BAD = {
    "doc-97": (OLE + b"\x00" * 600 + "WordDocument".encode("utf-16-le"),
               "Word 97-2003 .doc", "--convert-to docx"),
    "encrypted": (OLE + b"\x00" * 600 + "EncryptionInfo".encode("utf-16-le")
                  + "EncryptedPackage".encode("utf-16-le"), "encrypted", "remove the password"),
    "not-word-zip": (_zip({"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<Types/>"}),
                     "an Excel workbook, not a Word .docx", None),
    "plain-zip": (_zip({"readme.txt": b"hello"}), "a zip archive, not a Word .docx", None),
    "missing-document": (_without(make_docx(BODY), "word/document.xml"),
                         "word/document.xml is missing", "re-save"),
    "missing-footnotes": (_without(make_docx(BODY, {"footnotes.xml": ""}), "word/footnotes.xml"),
                          "names the part word/footnotes.xml", "re-save"),
    "entities": (_replace(make_docx(BODY), "word/document.xml", ENTITY_XML),
                 "declares a document type", None),
    "external-entity": (_replace(make_docx(BODY), "word/document.xml", EXTERNAL_XML),
                        "declares a document type", None),
    "bomb-ratio": (_replace(make_docx(BODY), "word/document.xml", b"<" + b" " * (30 << 20)),
                   "zip bomb", None),
    "damaged": (make_docx(BODY)[:400], "damaged", None),
    "not-xml": (_replace(make_docx(BODY), "word/document.xml", b"<w:document"),
                "not well-formed XML", None),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_api(case):
    data, message, hint = BAD[case]
    with pytest.raises(DocxError) as info:
        read_docx(data, source=f"{case}.docx")
    assert message in str(info.value)
    if hint:
        assert hint in (info.value.hint or "")
    assert info.value.file == f"{case}.docx"


@pytest.mark.parametrize("command", [["import"], ["check"], ["brackets"], ["stats"]])
@pytest.mark.parametrize("case", ["doc-97", "encrypted", "bomb-ratio", "entities", "missing-document"])
def test_bad_input_cli_exit_2(tmp_path, case, command):
    data, message, _ = BAD[case]
    path = tmp_path / ("draft.doc" if case == "doc-97" else "draft.docx")
    path.write_bytes(data)
    result = CliRunner().invoke(main, [*command, str(path)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output and result.exception is None or \
        isinstance(result.exception, SystemExit)


def test_member_past_200mb_refused_from_the_directory(monkeypatch):
    """A member whose directory entry claims more than the limit is refused before inflating."""
    data = make_docx(BODY)
    monkeypatch.setattr(package, "MAX_MEMBER", 1000)
    with pytest.raises(DocxError, match=r"inflates to .* \(limit 1,000\)"):
        read_docx(data)


def test_lying_sizes_are_counted_while_inflating(monkeypatch):
    """Sizes in the zip directory are not trusted: inflating stops at the limit."""
    monkeypatch.setattr(package, "MAX_MEMBER", 5000)
    monkeypatch.setattr(package, "_RATIO_FLOOR", 10 ** 9)
    big = make_docx("<w:p><w:r><w:t>" + "x" * 20000 + "</w:t></w:r></w:p>")
    src = zipfile.ZipFile(io.BytesIO(big))
    info = src.getinfo("word/document.xml")
    # rewrite the directory entries so they declare a small size
    raw = bytearray(big)
    for sig, off in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while True:
            i = raw.find(sig, start)
            if i < 0:
                break
            name_len = int.from_bytes(raw[i + (28 if sig == b"PK\x01\x02" else 26):][:2], "little")
            name_at = i + (46 if sig == b"PK\x01\x02" else 30)
            if bytes(raw[name_at:name_at + name_len]) == b"word/document.xml":
                raw[i + off:i + off + 4] = (100).to_bytes(4, "little")
            start = i + 4
    assert info.file_size > 5000
    with pytest.raises(DocxError) as err:
        read_docx(bytes(raw))
    print(err.value)
    assert "zip bomb" in str(err.value) or "damaged" in str(err.value)


def test_fifty_megabyte_document_refused_with_bounded_memory(tmp_path):
    path = tmp_path / "huge.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/document.xml", os.urandom(50 * 1024 * 1024))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "more than the" in result.output and "a draft may have" in result.output


def test_docx_named_file_that_is_text(tmp_path):
    path = tmp_path / "draft.docx"
    path.write_text("Article 1\n1. Text.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "not a DOCX file" in result.output


def test_load_raises_input_error():
    assert issubclass(DocxError, treatydraft.io.InputError)


def test_oversized_file_refused_before_reading(tmp_path, monkeypatch):
    from treatydraft.readers import foreign
    path = tmp_path / "big.docx"
    with open(path, "wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(60 * 1024 * 1024)  # sparse: 60 MB on paper
    monkeypatch.setattr(foreign, "read_bytes", lambda p: pytest.fail("read the whole file"))
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 2 and "more than the" in result.output


def test_deeply_nested_xml_is_refused_not_a_traceback():
    body = "<w:hyperlink>" * 5000 + "<w:r><w:t>x</w:t></w:r>" + "</w:hyperlink>" * 5000
    data = make_docx("<w:p>" + body + "</w:p>")
    with pytest.raises(DocxError, match="not well-formed XML"):
        read_docx(data)
