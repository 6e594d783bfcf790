"""Issue 4: ``treatydraft validate`` and ``treatydraft import``."""
from __future__ import annotations

from click.testing import CliRunner

import treatydraft
from treatydraft.cli.main import main
from treatydraft.writers.akn import to_akn

from fixtures import SAMPLES, read


def _export(tmp_path, name="convention-en.txt"):
    text = read(SAMPLES / name)
    target = tmp_path / (name[:-4] + ".xml")
    target.write_bytes(to_akn(treatydraft.parse(text)))
    return text, target


def test_validate_ok(tmp_path):
    _, xml = _export(tmp_path)
    result = CliRunner().invoke(main, ["validate", str(xml)])
    assert result.exit_code == 0, result.output
    assert "valid Akoma Ntoso 3.0" in result.output


def test_validate_prints_each_violation_with_its_line(tmp_path):
    _, xml = _export(tmp_path)
    data = xml.read_bytes().replace(b'<num>1.</num>', b'<num>1.</num>\n<bogus/>', 1)
    xml.write_bytes(data)
    line = data[:data.index(b"<bogus/>")].count(b"\n") + 1
    result = CliRunner().invoke(main, ["validate", str(xml)])
    assert result.exit_code == 1
    assert f"{xml}:{line}:" in result.output and "bogus" in result.output


def test_validate_missing_file():
    result = CliRunner().invoke(main, ["validate", "/nonexistent/x.xml"])
    assert result.exit_code == 2


def test_import_to_stdout_and_file(tmp_path):
    text, xml = _export(tmp_path)
    result = CliRunner().invoke(main, ["import", str(xml)])
    assert result.exit_code == 0 and result.stdout_bytes.decode("utf-8") == text
    out = tmp_path / "back.txt"
    result = CliRunner().invoke(main, ["import", str(xml), "-o", str(out)])
    assert result.exit_code == 0 and read(out) == text


def test_import_error_exit_code(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<html/>")
    result = CliRunner().invoke(main, ["import", str(bad)])
    assert result.exit_code == 1 and "bad.xml:1: root element is <html>" in result.output


def test_show_reads_xml(tmp_path):
    _, xml = _export(tmp_path)
    result = CliRunner().invoke(main, ["show", str(xml)])
    assert result.exit_code == 0 and "art_3bis__opts_1" in result.output
