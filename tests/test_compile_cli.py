"""``treatydraft compile`` on the command line (issue 10)."""
from __future__ import annotations

import json
import zipfile

from click.testing import CliRunner

import treatydraft
from treatydraft.cli.main import main
from treatydraft.operations.compile.authors import check_docx_authors, docx_authors

from fixtures import FIXTURES, read

CASE = FIXTURES / "compile" / "en-three-delegations"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def proposal_args():
    out = []
    for key in ("RUS", "CHN", "EU", "USA+CAN"):
        out += ["--proposal", f"{key}={CASE / (key + '.txt')}"]
    return out


def test_compile_writes_the_draft_and_the_report_table(tmp_path):
    out = tmp_path / "next.txt"
    r = run("compile", CASE / "base.txt", *proposal_args(), "-o", out)
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8") == read(CASE / "expected.txt")
    assert "groups added or changed" in r.stderr and "art_5" in r.stderr
    assert run("check", out).exit_code == 0
    assert run("export", out, "--to", "akn", "--validate", "-o", tmp_path / "n.xml").exit_code == 0


def test_compile_to_standard_output():
    r = run("compile", CASE / "base.txt", *proposal_args(), "--quiet")
    assert r.exit_code == 0
    assert r.stdout == read(CASE / "expected.txt")
    assert r.stderr == ""


def test_json_report(tmp_path):
    r = run("compile", CASE / "base.txt", *proposal_args(), "-o", tmp_path / "n.txt", "--json")
    assert r.exit_code == 0
    report = json.loads(r.stdout)
    assert report == json.loads(read(CASE / "expected.json"))
    assert set(report) == {"groups", "per_article", "per_delegation", "conflicts", "warnings"}


def test_json_needs_an_output_file():
    r = run("compile", CASE / "base.txt", *proposal_args(), "--json")
    assert r.exit_code == 2 and "-o" in r.stderr


def test_errors(tmp_path):
    r = run("compile", CASE / "base.txt", "--proposal", "XYZ=" + str(CASE / "RUS.txt"))
    assert r.exit_code == 1 and "unknown delegation 'XYZ'" in r.stderr
    r = run("compile", CASE / "base.txt", "--proposal", "RUS")
    assert r.exit_code == 2 and "CODE=FILE" in r.output
    r = run("compile", CASE / "base.txt", "--proposal", "RUS=" + str(tmp_path / "missing.txt"))
    assert r.exit_code == 2 and "cannot read" in r.stderr
    r = run("compile", CASE / "base.txt", *proposal_args(), "-o", CASE / "base.txt")
    assert r.exit_code == 2 and "input file" in r.stderr
    assert read(CASE / "base.txt").startswith("---")  # untouched
    bad = tmp_path / "bad.txt"
    bad.write_text("Article 1\n1. [unclosed\n", encoding="utf-8")
    r = run("compile", CASE / "base.txt", "--proposal", f"RUS={bad}")
    assert r.exit_code == 1 and "bad.txt:2" in r.stderr


def test_delegations_file(tmp_path):
    base = tmp_path / "base.txt"
    base.write_text("Article 1. Scope\n1. Parties shall share data.\n", encoding="utf-8")
    prop = tmp_path / "gha.txt"
    prop.write_text("Article 1. Scope\n1. Parties shall share information.\n", encoding="utf-8")
    names = tmp_path / "delegations.txt"
    names.write_text("GHA: Ghana\n# comment\n", encoding="utf-8")
    out = tmp_path / "next.txt"
    r = run("compile", base, "--proposal", f"GHA={prop}", "--delegations", names, "-o", out)
    assert r.exit_code == 0, r.output
    doc = treatydraft.load(out)
    assert doc.delegations["GHA"].name == "Ghana"
    assert "[data][information]@GHA" in out.read_text(encoding="utf-8")


def test_option_threshold_option(tmp_path):
    out = tmp_path / "next.txt"
    r = run("compile", CASE / "base.txt", *proposal_args(), "-o", out, "--option-threshold", "1")
    assert r.exit_code == 0
    assert "Option 2 @EU:\nArticle 7" not in out.read_text(encoding="utf-8")
    assert run("compile", CASE / "base.txt", *proposal_args(), "--option-threshold",
               "1.5").exit_code == 2


def _docx(path, authors):
    body = "".join(f'<w:ins w:id="{i}" w:author="{a}"><w:r><w:t>x</w:t></w:r></w:ins>'
                   for i, a in enumerate(authors))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                   f'wordprocessingml/2006/main"><w:body><w:p>{body}</w:p></w:body></w:document>')


def test_docx_tracked_change_authors_are_checked(tmp_path):
    path = tmp_path / "eu.docx"
    _docx(path, ["European Union and its member States", "EU delegation", "J. Smith"])
    assert docx_authors(path) == ["European Union and its member States", "EU delegation",
                                  "J. Smith"]
    names = {"EU": "European Union and its member States"}
    warnings = check_docx_authors(path, ("EU",), names)
    assert warnings == ["tracked changes by 'J. Smith' in the proposal of EU"]
    assert check_docx_authors(str(path), ("EU",), names) == warnings
    assert check_docx_authors(CASE / "EU.txt", ("EU",), names) == []
