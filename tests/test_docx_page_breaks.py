"""Form feeds (the page breaks of text copied from a PDF: ``pdftotext`` writes one at
each page end) are Word page breaks in the export and come back as form feeds from the
import; before, the export wrote U+FFFD, a replacement character every reader showed
on the page.  Checked in the file itself, by the import, by pandoc and by LibreOffice
(the page the text after the break lands on)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

import treatydraft
from treatydraft.readers.docx import read_docx
from treatydraft.writers.docx import to_docx

import libreoffice as lo
from fixtures import FIXTURES, read
from test_docx_support import parts

CASE = FIXTURES / "docx" / "en-page-breaks"
STYLES = {"brackets": {}, "comments": {"attribution": "comments"},
          "tracked": {"style": "tracked"}, "tracked-RUS": {"style": "tracked", "base": "RUS"}}


def _doc():
    return treatydraft.parse(read(CASE / "input.txt"), source="input.txt")


@pytest.mark.parametrize("style", sorted(STYLES))
def test_form_feed_is_a_page_break_not_a_replacement_character(style):
    xml = parts(to_docx(_doc(), **STYLES[style]).data)["word/document.xml"].decode()
    assert xml.count('<w:br w:type="page"/>') == 2
    assert "\ufffd" not in xml and "\x0c" not in xml


@pytest.mark.parametrize("style", ["brackets", "comments", "tracked"])
def test_import_reads_the_page_break_back_as_a_form_feed(style):
    doc = _doc()
    back = read_docx(to_docx(doc, **STYLES[style]).data, delegations=doc.front.delegations,
                     mode="tolerant")
    lines = back.to_text().split("\n")
    assert [ln for ln in lines if "\f" in ln] == ["\f2/3", "\f3/3"]


def test_other_control_characters_still_become_the_replacement_character():
    doc = treatydraft.parse("Article 1\n1. Parties [shall]\x01 act.\n", mode="tolerant")
    xml = parts(to_docx(doc).data)["word/document.xml"].decode()
    assert "\ufffd" in xml and '<w:br w:type="page"/>' not in xml


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_text_on_either_side_of_the_break(tmp_path):
    path = tmp_path / "breaks.docx"
    path.write_bytes(to_docx(_doc()).data)
    text = subprocess.run(["pandoc", str(path), "-t", "plain"], capture_output=True,
                          text=True, check=True).stdout
    assert "\ufffd" not in text
    assert "2/3" in text and "3/3" in text


def test_libreoffice_puts_the_text_after_each_break_on_a_new_page(tmp_path):
    lo.need()
    files = []
    for style in ("brackets", "tracked"):
        path = tmp_path / f"{style}.docx"
        path.write_bytes(to_docx(_doc(), **STYLES[style]).data)
        files.append(path)
    pdfs = lo.convert(files, "pdf", tmp_path / "pdf")
    for path in files:
        pages = lo.pdf_text(pdfs[path]).split("\f")
        pages = [p for p in pages if p.strip()]
        assert len(pages) == 3, path.name
        assert pages[1].lstrip().startswith("2/3") and pages[2].lstrip().startswith("3/3")
        assert "\ufffd" not in "".join(pages)
