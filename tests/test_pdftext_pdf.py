"""``treatydraft import draft.pdf``: the text layer (pypdf, optional extra) reflowed (issue 12).

PDFs are made from the samples' bodies by LibreOffice in the test (skipped, saying
why, when LibreOffice or pypdf is missing).  English, Chinese and Arabic give back the
same groups with the same alternatives; Arabic lines, which LibreOffice draws with
mixed directions, come back in logical order (read glyph by glyph with pdfminer.six,
:mod:`treatydraft.readers.pdfbidi`), the text lines exactly as in the sample.  A PDF
LibreOffice makes from the Word export of the Arabic sample (right-to-left paragraphs,
justified with kashida) gives back every bracket's text.
"""
from __future__ import annotations

import builtins
import shutil
import subprocess

import pytest
from click.testing import CliRunner

import treatydraft
from treatydraft.cli import main
from treatydraft.io import InputError
from treatydraft.readers.pdf import pdf_to_text
from treatydraft.writers.json import plain

from fixtures import SAMPLES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
try:
    import pypdf
    HAVE_PYPDF = True
except ImportError:
    HAVE_PYPDF = False

needs_all = pytest.mark.skipif(not (SOFFICE and HAVE_PYPDF),
                               reason="needs LibreOffice (soffice) and pypdf (treatydraft[pdf])")

BLANK_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
             b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    if not (SOFFICE and HAVE_PYPDF):
        pytest.skip("needs LibreOffice (soffice) and pypdf (treatydraft[pdf])")
    tmp = tmp_path_factory.mktemp("pdf")
    paths = []
    for lang in ("en", "zh", "ar"):
        text = (SAMPLES / f"convention-{lang}.txt").read_text(encoding="utf-8")
        body = tmp / f"body-{lang}.txt"
        body.write_text(text.split("---\n", 2)[2], encoding="utf-8")
        paths.append(body)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp), *map(str, paths)],
                   check=True, capture_output=True, timeout=300)
    return {p.stem[-2:]: (p, tmp / (p.stem + ".pdf")) for p in paths}


def _groups(doc):
    return [[" ".join(plain(a.children).split()) for a in g.alternatives]
            for g in doc.brackets() if hasattr(g, "alternatives")]


@needs_all
@pytest.mark.parametrize("lang", ["en", "zh", "ar"])
def test_pdf_gives_the_same_groups(pdfs, lang):
    txt, pdf = pdfs[lang]
    got = pdf_to_text(pdf.read_bytes(), source=str(pdf))
    doc = treatydraft.parse(got.text, mode="tolerant")
    original = treatydraft.parse(txt.read_text(encoding="utf-8"), mode="tolerant")
    assert _groups(doc) == _groups(original)
    assert [(a.number) for a in doc.articles()] == [a.number for a in original.articles()]


@needs_all
def test_arabic_pdf_lines_in_logical_order(pdfs):
    txt, pdf = pdfs["ar"]
    got = pdf_to_text(pdf.read_bytes())
    text = got.text
    assert text.startswith("الديباجة")
    assert "(PP2) إذ [يساورها القلق إزاء]@EU [تشعر بالجزع إزاء]@RUS+CHN تزايد" in text
    assert "المادة 1. [بيان الغرض][الأغراض]@EU" in text
    lines = [ln for ln in txt.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert [ln for ln in text.splitlines() if ln.strip()] == lines
    assert any("logical order" in line for line in got.report())


@pytest.fixture(scope="module")
def word_pdf(tmp_path_factory):
    """The Arabic sample exported to Word (right-to-left paragraphs), printed by LibreOffice."""
    if not (SOFFICE and HAVE_PYPDF):
        pytest.skip("needs LibreOffice (soffice) and pypdf (treatydraft[pdf])")
    from treatydraft.writers.docx import to_docx
    tmp = tmp_path_factory.mktemp("wordpdf")
    doc = treatydraft.parse((SAMPLES / "convention-ar.txt").read_text(encoding="utf-8"))
    (tmp / "ar.docx").write_bytes(to_docx(doc).data)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(tmp / "ar.docx")],
                   check=True, capture_output=True, timeout=300)
    return doc, tmp / "ar.pdf"


def _bracket_texts(doc):
    return [" ".join(plain(a.children).split()) for g in doc.brackets()
            if hasattr(g, "alternatives") for a in g.alternatives]


@needs_all
def test_arabic_pdf_with_right_to_left_paragraphs(word_pdf):
    """Right-to-left paragraphs, kashida, footnote numbers after the brackets: every
    bracket's text comes back, in order, up to article 4 (its option label "الخيار 1"
    runs into the footnote number: a PDF draws them as one number, "الخيار 112")."""
    doc, pdf = word_pdf
    text = pdf_to_text(pdf.read_bytes()).text
    assert "المادة 1. [بيان الغرض][الأغراض]" in text
    assert "ترويج وتدعيم التدابير" in text  # no kashida
    got = treatydraft.parse(text.split("المادة 4")[0], mode="tolerant")
    want = treatydraft.parse(doc.to_text().split("المادة 4")[0], mode="tolerant")
    assert len(_bracket_texts(want)) >= 20
    assert _bracket_texts(got) == _bracket_texts(want)


@needs_all
def test_arabic_pdf_without_pdfminer_says_so(pdfs, monkeypatch):
    real_import = builtins.__import__

    def no_pdfminer(name, *args, **kw):
        if name.startswith("pdfminer"):
            raise ImportError("no pdfminer")
        return real_import(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_pdfminer)
    _, pdf = pdfs["ar"]
    got = pdf_to_text(pdf.read_bytes())
    assert any("treatydraft[pdf]" in line and "out of order" in line for line in got.report())
    assert "الديباجة" in got.text


@needs_all
def test_cli_import_pdf(pdfs, tmp_path):
    _, pdf = pdfs["en"]
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(main, ["import", str(pdf), "-o", str(out), "--tolerant"])
    # written; the PDF text has attributions to an absent registry: problems, exit 1
    assert result.exit_code == 1, result.output
    assert "paragraph(s)" in result.output
    assert "Article 3 bis. Protection of sovereignty" in out.read_text(encoding="utf-8")


@needs_all
@pytest.mark.parametrize("lang", ["en", "zh", "ar"])
def test_cli_import_pdf_with_registry(pdfs, lang, tmp_path):
    """--delegations gives the PDF's text the registry: a valid draft, exit status 0."""
    txt, pdf = pdfs[lang]
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(main, ["import", str(pdf), "-o", str(out), "--delegations",
                                       str(SAMPLES / f"convention-{lang}.txt")])
    assert result.exit_code == 0, result.output
    doc = treatydraft.parse(out.read_text(encoding="utf-8"))
    original = treatydraft.parse((SAMPLES / f"convention-{lang}.txt").read_text(encoding="utf-8"))
    assert [[a.proposers for a in g.alternatives] for g in doc.groups()] == \
        [[a.proposers for a in g.alternatives] for g in original.groups()]


@pytest.mark.skipif(not HAVE_PYPDF, reason="pypdf (treatydraft[pdf]) is not installed")
def test_pdf_without_text_layer(tmp_path):
    import io
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(InputError, match="no text layer"):
        pdf_to_text(buf.getvalue())
    path = tmp_path / "scan.pdf"
    path.write_bytes(buf.getvalue())
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 2 and "no text layer" in result.output


def _one_line_pdf(content: bytes) -> bytes:
    """A one-page PDF drawing ``content`` (a content stream) in Helvetica."""
    objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 400 200]/Resources<</Font<</F1 5 0 R>>"
            b">>/Contents 4 0 R>>",
            b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
            b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj" % i + obj + b"endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


@pytest.mark.skipif(not HAVE_PYPDF, reason="pypdf (treatydraft[pdf]) is not installed")
def test_pdf_whose_text_layer_is_not_text(tmp_path):
    """Published UN PDFs of the BBNJ Agreement in Russian, Chinese and Arabic have fonts
    without a usable character map: their text layer gives control characters for
    blanks and shifted letters (`ɋɈȽɅȺɒȿɇɂȿ\x03ɇȺ` for `СОГЛАШЕНИЕ НА`), wrong CJK
    blocks, or glyph numbers `(cid:7255)`, which the import wrote into the draft.  Such a
    file is refused as a scan is, with the share of unreadable characters."""
    garbled = _one_line_pdf(b"BT /F1 12 Tf 10 100 Td (\x2c\x2f\x03\x30\x31\x03\x32\x2c"
                            b"\x03\x2c\x2f\x03\x30\x31) Tj ET")
    with pytest.raises(InputError, match="not readable text: 29%") as info:
        pdf_to_text(garbled)
    assert "OCR" in info.value.hint
    path = tmp_path / "garbled.pdf"
    path.write_bytes(garbled)
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 2 and "not readable text" in result.output
    fine = _one_line_pdf(b"BT /F1 12 Tf 10 100 Td (Parties [shall][may] act.) Tj ET")
    assert pdf_to_text(fine).text == "Parties [shall][may] act.\n"


def test_text_copied_from_such_a_pdf_is_refused_too(tmp_path):
    path = tmp_path / "copied.txt"
    path.write_text("\u024b\u0248\u023d\u0245\u023a\u0252\u023f\u0247\u0242\u023f\x03\u0247"
                    "\u023a\x03\u023b\u023a\u0241\u023f\x03\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "--from", "pdf-text", str(path)])
    assert result.exit_code == 2 and "the text is not readable text: 16%" in result.output


def test_unreadable_share_counts_glyph_numbers_once():
    from treatydraft.readers.pdftext import unreadable
    assert unreadable("(cid:7255)(cid:13387) ab") == 0.5
    assert unreadable("Les Parties [coopèrent]") == 0.0
    assert unreadable("") == 0.0


def test_missing_extra_has_a_clear_message(monkeypatch):
    real_import = builtins.__import__

    def no_pypdf(name, *args, **kw):
        if name == "pypdf":
            raise ImportError("no pypdf")
        return real_import(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    with pytest.raises(InputError) as info:
        pdf_to_text(BLANK_PDF)
    assert "treatydraft[pdf]" in info.value.hint


def test_damaged_pdf(tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
