"""Word import against independent programs: LibreOffice and pandoc (issue 12).

* LibreOffice converts every fixture case to plain text (one batch per session); the
  import must read the same words and numbers on every line (LibreOffice prints
  footnote reference numbers, which the import turns into notation, so extra digits
  on LibreOffice's side are allowed; alef forms are compared without hamza; LibreOffice
  writes a table cell per line where the import writes a row per line).  A case
  with ``libreoffice-differs.txt`` documents a known LibreOffice difference instead.
* LibreOffice and pandoc each *write* a .docx with automatic numbering (from HTML and
  Markdown), which the import reads with its numbers.

Each test skips, saying why, when the program is not installed.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import treatydraft
from treatydraft.readers.docx import docx_to_text, load_registry

from fixtures import FIXTURES
from test_docx_import_support import build_case

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PANDOC = shutil.which("pandoc")
needs_soffice = pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) is not installed")
needs_pandoc = pytest.mark.skipif(not PANDOC, reason="pandoc is not installed")

CASES = FIXTURES / "docx-import"
_NOTATION = re.compile(r"@@?[A-Z][A-Za-z0-9_-]*(?:\+[A-Z][A-Za-z0-9_-]*)*|\[\^[^\]]+\]")
_ALEF = str.maketrans("أإآ", "ااا")


def _comparable_cases():
    out = []
    for folder in sorted(CASES.iterdir()):
        if not (folder / "body.xml").exists():
            continue
        _, options = build_case(folder)
        if options.get("changes", "brackets") != "brackets" or options.get("marks"):
            continue  # LibreOffice shows all changes and no marks convention
        out.append(folder)
    return out


def soffice_convert(paths: list[Path], outdir: Path, target: str) -> None:
    profile = outdir / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", target, "--outdir", str(outdir), *map(str, paths)],
                   check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def libreoffice_text(tmp_path_factory):
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    tmp = tmp_path_factory.mktemp("lo")
    paths = []
    for folder in _comparable_cases():
        path = tmp / (folder.name + ".docx")
        path.write_bytes(build_case(folder)[0])
        paths.append(path)
    soffice_convert(paths, tmp, "txt:Text (encoded):UTF8")
    return {p.stem: (tmp / (p.stem + ".txt")).read_text(encoding="utf-8-sig") for p in paths}


def _letters(s: str) -> str:
    return "".join(ch for ch in s.translate(_ALEF) if ch.isalpha())


def _alnum(s: str) -> str:
    return "".join(ch for ch in s.translate(_ALEF) if ch.isalnum())


def _subsequence_digits_only(short: str, long: str) -> bool:
    """``short`` is ``long`` with only some digits removed."""
    i = 0
    for ch in long:
        if i < len(short) and ch == short[i]:
            i += 1
        elif not ch.isdigit():
            return False
    return i == len(short)


def our_lines(folder: Path) -> list[str]:
    data, options = build_case(folder)
    mode = options.pop("mode", "strict")
    if "delegations" in options:
        options["delegations"] = load_registry(options["delegations"])
    doc = treatydraft.parse(docx_to_text(data, mode=mode, **options).text, mode=mode)
    lines = [v for k, v in doc.front.fields if k == "title"]
    body = doc.to_text()[len(doc.front.value):]
    for ln in body.split("\n"):
        if ln.startswith(">") or re.match(r"\[\^[^\]]+\]:", ln):
            continue
        lines.append(_NOTATION.sub("", ln))
    return lines


@needs_soffice
@pytest.mark.parametrize("folder", [pytest.param(f, id=f.name) for f in _comparable_cases()])
def test_same_words_and_numbers_as_libreoffice(folder, libreoffice_text):
    if (folder / "libreoffice-differs.txt").exists():
        pytest.skip((folder / "libreoffice-differs.txt").read_text(encoding="utf-8").strip())
    ours = {}
    for ln in our_lines(folder):
        ours.setdefault(_letters(ln), []).append(ln)
    for lo_line in libreoffice_text[folder.name].split("\n"):
        if not _alnum(lo_line):
            continue
        candidates = ours.get(_letters(lo_line))
        if not candidates and any(_letters(lo_line) in key for key in ours):
            continue  # a table cell: LibreOffice writes one line per cell, the import per row
        assert candidates, f"LibreOffice line not read by the import: {lo_line!r}"
        assert any(_subsequence_digits_only(_alnum(c), _alnum(lo_line)) for c in candidates), \
            f"numbers differ: LibreOffice {lo_line!r}, import {candidates!r}"


@needs_soffice
def test_reads_a_docx_written_by_libreoffice(tmp_path):
    html = tmp_path / "draft.html"
    html.write_text(
        "<html><body><h1>Draft convention</h1><p>Preamble</p>"
        "<h2>Article 1. Scope</h2><ol><li>Parties shall share [data][information].</li>"
        "<li>States shall [cooperate].<ol type='a'><li>first measure;</li>"
        "<li>second [measure][action].</li></ol></li></ol>"
        "<h2>Article 2. Terms</h2><ol><li>New list.</li></ol></body></html>", encoding="utf-8")
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML",
                    "--outdir", str(tmp_path), str(html)], check=True, capture_output=True,
                   timeout=300)
    doc = treatydraft.load(tmp_path / "draft.docx")
    body = doc.to_text()
    assert "1. Parties shall share [data][information]." in body
    assert "2. States shall [cooperate]." in body
    assert "b. second [measure][action]." in body
    assert "Article 2. Terms\n1. New list." in body
    assert [len(g.alternatives) for g in doc.brackets()] == [2, 1, 2]
    assert [a.number for a in doc.articles()] == ["1", "2"]


@needs_pandoc
def test_reads_a_docx_written_by_pandoc(tmp_path):
    md = tmp_path / "draft.md"
    md.write_text("Article 1. Scope\n\n1. Parties shall share \\[data\\]\\[information\\]"
                  "^[Proposed by China.] now.\n\n    a. first \\[measure\\]\\[action\\];\n"
                  "    b. second.\n\n2. Second paragraph with **bold**.\n", encoding="utf-8")
    out = tmp_path / "draft.docx"
    subprocess.run([PANDOC, str(md), "-o", str(out)], check=True, timeout=120)
    got = docx_to_text(out.read_bytes(), delegations=load_registry("CHN: China"))
    assert "1. Parties shall share [data][information]@CHN now." in got.text
    assert "a. first [measure][action];" in got.text
    assert "2. Second paragraph with bold." in got.text
    doc = treatydraft.parse(got.text)
    assert [g.alternatives[1].proposers for g in doc.brackets()][0] == ("CHN",)


@needs_soffice
def test_bench_docx_numbers_agrees_with_libreoffice(tmp_path, capsys):
    """bench/docx_numbers.py, the measure of Word drafts the tests cannot bundle, run on a
    fixture made to look like a UN draft: every number LibreOffice prints is the import's."""
    from fixtures import bench_module
    bench = bench_module("docx_numbers")
    data, _ = build_case(CASES / "issue-12-numbering-restarted-sections")
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    assert bench.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "numbers: 10 of 10 LibreOffice prints (the import computes 10)" in out
    assert re.search(r"words: +(\d+) of \1\n", out)
