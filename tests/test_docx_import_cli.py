"""``treatydraft import draft.docx`` and every command reading a .docx (issue 12)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import treatydraft
from treatydraft.cli import main
from treatydraft.writers.docx import to_docx

from fixtures import SAMPLES, SEED, read
from test_docx_import_support import make_docx

EN = SAMPLES / "convention-en.txt"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    doc = treatydraft.load(EN)
    paths = {}
    for name, kw in {"brackets": {}, "tracked": {"style": "tracked"}}.items():
        paths[name] = folder / f"en-{name}.docx"
        paths[name].write_bytes(to_docx(doc, **kw).data)
    return paths


def run(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], **kw)


def test_import_writes_draft_text(exported, tmp_path):
    out = tmp_path / "draft.txt"
    result = run("import", exported["brackets"], "--delegations", EN, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "0 tracked changes as brackets, 23 attributions, 1 footnotes, 1 chair's notes" \
        in result.stderr
    text = read(out)
    assert text.startswith("---\ntitle: Draft convention on cooperation")
    assert "(PP2) [Concerned by]@EU [Alarmed at]@RUS+CHN the growing" in text
    assert treatydraft.parse(text).to_text() == text


def test_import_to_stdout_and_warnings_on_stderr(tmp_path):
    path = tmp_path / "t.docx"
    path.write_bytes(make_docx("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>[a][b]</w:t></w:r></w:p>"
                               "</w:tc></w:tr></w:tbl>"))
    result = run("import", path)
    assert result.exit_code == 0
    assert result.stdout.endswith("[a][b]\n")
    assert "a table, read row by row" in result.stderr


@pytest.mark.parametrize("args", [
    ["check"], ["brackets"], ["brackets", "--json"], ["stats"], ["show"], ["variants", "--count"],
    ["clean", "--policy", "first"], ["resolve", "--choose", "preamble__para_pp2__brk_1=2"],
    ["export", "--to", "akn", "-o", "-"], ["export", "--to", "docx", "-o", "-"],
])
def test_every_command_reads_docx(exported, args):
    result = run(*args[:1], exported["brackets"], *args[1:])
    assert result.exit_code == 0, (args, result.stderr)
    assert result.stdout


def test_check_counts_groups_of_a_docx(exported):
    text_result = run("stats", EN, "--json")
    docx_result = run("stats", exported["brackets"], "--json")
    assert docx_result.exit_code == 0
    ours = json.loads(docx_result.stdout)["document"]
    theirs = json.loads(text_result.stdout)["document"]
    # \[as amended\] is carried as literal brackets (style "Draft Literal")
    assert ours["groups"] == theirs["groups"]


def test_diff_between_txt_and_docx(exported):
    result = run("diff", EN, exported["brackets"])
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stdout


def test_detection_by_content_not_name(exported, tmp_path):
    disguised = tmp_path / "draft.txt"
    disguised.write_bytes(exported["brackets"].read_bytes())
    doc = treatydraft.load(disguised)
    assert len(list(doc.brackets())) > 30


def test_load_api_with_options(exported):
    doc = treatydraft.load(exported["tracked"], delegations=treatydraft.load(EN).front.delegations)
    group = next(iter(doc.brackets()))
    assert [a.proposers for a in group.alternatives] == [("EU",), ("RUS", "CHN")]
    accepted = treatydraft.load(exported["tracked"], changes="accept", mode="tolerant")
    assert "Alarmed at the growing" in accepted.to_text()


def test_unmapped_authors_strict_names_them_all(exported):
    result = run("import", exported["tracked"])
    assert result.exit_code == 1
    for name in ("Russian Federation", "European Union and its member States",
                 "United States of America"):
        assert f'"{name}"' in result.stderr
    assert "--author-map" in result.stderr


def test_unmapped_authors_tolerant_warns(exported):
    result = run("import", exported["tracked"], "--tolerant")
    # tolerant: the text is written; its unregistered codes are problems (exit 1, issue 8)
    assert result.exit_code == 1
    assert "is not a registered delegation: read as @RUSSIAN_FEDERATION" in result.stderr
    assert "@RUSSIAN_FEDERATION" in result.stdout


def test_every_command_reports_what_the_word_reader_guessed(exported):
    """``check draft.docx`` reports the reader's warnings (unmapped authors, tables,
    fields) with the text's own problems, as ``import`` does: before, only ``import``
    showed them, and ``check --tolerant`` on a published UNFCCC Word draft listed 26
    unknown codes without saying they were its two change authors."""
    result = run("check", "--tolerant", exported["tracked"])
    assert "warning: author 'Russian Federation' is not a registered delegation: read as " \
           "@RUSSIAN_FEDERATION" in result.stderr
    doc = treatydraft.load(exported["tracked"], mode="tolerant")
    found = [d for d in doc.diagnostics if d.code == "docx-import"]
    assert len(found) == 3 and all(d.severity == "warning" and d.line == 0 for d in found)
    assert not [d for d in treatydraft.load(exported["brackets"], mode="tolerant",
                                            delegations=doc.front.delegations).diagnostics
                if d.code == "docx-import"]


def test_author_map_and_registry_files(tmp_path):
    body = ('<w:p><w:r><w:t xml:space="preserve">1. Parties shall </w:t></w:r>'
            '<w:ins w:id="1" w:author="Jane Smith (EU Delegation)"><w:r><w:t>promptly</w:t></w:r>'
            '</w:ins><w:r><w:t xml:space="preserve"> share </w:t></w:r><w:del w:id="2" '
            'w:author="Russian Federation"><w:r><w:delText>all</w:delText></w:r></w:del>'
            '<w:r><w:t xml:space="preserve"> data.</w:t></w:r></w:p>')
    path = tmp_path / "d.docx"
    path.write_bytes(make_docx(body))
    (tmp_path / "reg.yaml").write_text('EU: "European Union"\nRUS: Russian Federation\n')
    (tmp_path / "map.yaml").write_text('# Word author -> delegation\n'
                                       '"Jane Smith (EU Delegation)": EU\n')
    result = run("import", path, "--delegations", tmp_path / "reg.yaml",
                 "--author-map", tmp_path / "map.yaml")
    assert result.exit_code == 0, result.stderr
    assert "1. Parties shall [promptly]@EU share [all]@@RUS data." in result.stdout
    assert "  EU: European Union\n" in result.stdout


def test_changes_and_marks_options(tmp_path):
    body = ('<w:p><w:r><w:t xml:space="preserve">Parties </w:t></w:r><w:ins w:id="1" '
            'w:author="A"><w:r><w:t>shall</w:t></w:r></w:ins><w:del w:id="2" w:author="A"><w:r>'
            '<w:delText>may</w:delText></w:r></w:del><w:r><w:rPr><w:strike/></w:rPr>'
            '<w:t xml:space="preserve"> also</w:t></w:r><w:r><w:t xml:space="preserve"> act.'
            '</w:t></w:r></w:p>')
    path = tmp_path / "c.docx"
    path.write_bytes(make_docx(body))
    assert run("import", path, "--changes", "accept").stdout.endswith("Parties shall also act.\n")
    assert run("import", path, "--changes", "reject").stdout.endswith("Parties may also act.\n")
    marked = run("import", path, "--changes", "accept", "--marks", "underline-strike")
    assert marked.stdout.endswith("Parties shall act.\n")
    marked = run("import", path, "--marks", "underline-strike", "--tolerant")
    assert marked.stdout.endswith("Parties [may][shall]@A \\+[also] act.\n")


def test_bad_registry_file_is_a_usage_error(tmp_path, exported):
    (tmp_path / "map.txt").write_text("this is not a map\n")
    result = run("import", exported["tracked"], "--author-map", tmp_path / "map.txt")
    assert result.exit_code == 2 and "author map line" in result.stderr


def test_import_pdf_text_reports_what_it_removed(tmp_path):
    out = tmp_path / "seed.txt"
    result = run("import", "--from", "pdf-text", SEED, "-o", out, "--tolerant")
    assert result.exit_code == 0, result.stderr
    assert "paragraph(s)" in result.stderr
    doc = treatydraft.parse(read(out), mode="tolerant")
    assert [len(g.alternatives) for g in doc.brackets()] == [2] * 9


def test_issue12_pdf_text_with_delegations_file(tmp_path):
    """PDF text has no front matter: --delegations gives it the registry."""
    copied = tmp_path / "copied.txt"
    copied.write_text("Article 1. Scope\n\n1. Parties shall share [data]@EU [information]@RUS.\n",
                      encoding="utf-8")
    without = run("import", "--from", "pdf-text", copied)
    assert without.exit_code == 1 and "unknown delegation code 'EU'" in without.stderr
    result = run("import", "--from", "pdf-text", copied, "--delegations", EN)
    assert result.exit_code == 0, result.stderr
    doc = treatydraft.parse(result.stdout)
    assert [a.proposers for g in doc.brackets() for a in g.alternatives] == [("EU",), ("RUS",)]


def test_import_from_standard_input(exported):
    result = run("import", "-", "--delegations", EN, input=exported["brackets"].read_bytes())
    assert result.exit_code == 0, result.output
    assert "(PP2) [Concerned by]@EU [Alarmed at]@RUS+CHN" in result.stdout
    xml = run("export", EN, "--to", "akn", "-o", "-").stdout_bytes
    back = run("import", "-", input=xml)
    assert back.exit_code == 0 and back.stdout == read(EN)
