"""Issue 4: validation against the official, strict Akoma Ntoso 3.0 schema."""
from __future__ import annotations

import treatydraft
import shutil
import subprocess

import pytest

from treatydraft.schema import Violation, akn_schema, schema_path, validate_akn
from treatydraft.writers.akn import to_akn

TEXT = "Article 1. Scope\n1. Parties [shall][may] act.\n"


def test_uses_the_strict_schema_not_the_lenient_one():
    path = schema_path()
    assert path.name == "akomantoso30.xsd" and path.exists()
    assert akn_schema() is akn_schema()  # compiled once


def test_valid_document_has_no_violations():
    assert validate_akn(to_akn(treatydraft.parse(TEXT))) == []


def test_violations_carry_line_and_message():
    xml = to_akn(treatydraft.parse(TEXT)).replace(b"<num>1.</num>", b"<num>1.</num>\n<bogus/>")
    violations = validate_akn(xml)
    assert violations and all(isinstance(v, Violation) for v in violations)
    v = violations[0]
    assert v.line == xml[:xml.index(b"<bogus/>")].count(b"\n") + 1
    assert "bogus" in v.message
    assert str(v).startswith(f"{v.line}:")


def test_duplicate_eids_fail_the_strict_schema():
    xml = to_akn(treatydraft.parse(TEXT)).replace(b'eId="art_1__para_1"', b'eId="art_1"')
    assert any("art_1" in v.message for v in validate_akn(xml))


def test_year_only_date_fails():
    xml = to_akn(treatydraft.parse(TEXT)).replace(b'date="1970-01-01"', b'date="2024"', 1)
    assert validate_akn(xml)


def test_malformed_xml_is_a_violation():
    [v] = validate_akn(b"<akomaNtoso>\n<bill>")
    assert v.line == 2 and "well-formed" in v.message


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint is not installed")
def test_xmllint_agrees_on_the_samples(tmp_path):
    from fixtures import SAMPLES, read
    for path in sorted(SAMPLES.glob("*.txt")):
        target = tmp_path / (path.stem + ".xml")
        target.write_bytes(to_akn(treatydraft.parse(read(path))))
        run = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(schema_path()),
                              str(target)], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
