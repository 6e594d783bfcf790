"""Word export, style ``brackets``: re-opened with python-docx and read from the XML."""
from __future__ import annotations

import io

import docx
import pytest
from lxml.etree import fromstring as etree_fromstring
from docx.shared import Mm

import treatydraft
from treatydraft.errors import ExportError
from treatydraft.writers.docx import DocxResult, to_docx

from fixtures import FIXTURES, SAMPLES, parse_file, samples
from test_docx_support import NS, body_lines, parts, q, variant_lines, xml

EN = FIXTURES / "docx" / "en-structure" / "input.txt"
ZH = FIXTURES / "docx" / "zh-basic" / "input.txt"
AR = FIXTURES / "docx" / "ar-basic" / "input.txt"


@pytest.fixture(scope="module")
def sample_docx(sample):
    return to_docx(sample)


def test_result_type_and_counts(sample, sample_docx):
    assert isinstance(sample_docx, DocxResult)
    assert sample_docx.tracked == 0
    assert sample_docx.bracketed == len(list(sample.groups()))
    assert sample_docx.data[:2] == b"PK"


def test_reopens_with_python_docx_a4_header_footer(sample, sample_docx):
    d = docx.Document(io.BytesIO(sample_docx.data))
    sec = d.sections[0]
    assert abs(sec.page_width - Mm(210)) < Mm(1) and abs(sec.page_height - Mm(297)) < Mm(1)
    header = sec.header.paragraphs[0].text
    assert sample.front.symbol in header and sample.front.date in header
    footer = sec.footer.paragraphs[0]._p
    assert any("PAGE" in (f.get(q("instr")) or "") for f in footer.iter(q("fldSimple")))
    assert d.paragraphs[0].style.name == "Title"
    assert d.paragraphs[0].text == sample.front.title


def _style_of(d, prefix: str) -> str:
    """The style of the first paragraph whose text starts with ``prefix``."""
    return next(p.style.name for p in d.paragraphs if p.text.startswith(prefix))


def test_heading_and_paragraph_styles(sample_docx):
    d = docx.Document(io.BytesIO(sample_docx.data))
    assert _style_of(d, "Chapter I.") == "Heading 2"
    assert _style_of(d, "Article 1.") == "Heading 3"
    assert _style_of(d, "Preamble") == "Heading 3"
    assert _style_of(d, "(PP1)") == "Treaty Paragraph"
    assert _style_of(d, "1.\tThe purposes") == "Treaty Paragraph"
    assert _style_of(d, "(a)") == "Treaty Subparagraph"
    assert _style_of(d, "Have agreed") == "Body Text"
    assert _style_of(d, "Option 1") == "Option Label"
    styles = d.styles
    para = styles["Treaty Paragraph"].paragraph_format
    assert para.first_line_indent < 0 < para.left_indent  # hanging indent
    sub = styles["Treaty Subparagraph"].paragraph_format
    assert sub.left_indent > para.left_indent and sub.first_line_indent < 0
    # the number is followed by a tab, not the blank of the source
    numbered = [p for p in d.paragraphs if p.style.name == "Treaty Paragraph"]
    assert numbered and all("\t" in p.text for p in numbered)


def test_part_and_section_levels():
    d = docx.Document(io.BytesIO(to_docx(parse_file(EN)).data))
    assert _style_of(d, "Part I.") == "Heading 1"
    assert _style_of(d, "Section 1.") == "Heading 3"
    assert _style_of(d, "Article 1.") == "Heading 4"  # below the section in the navigation pane


def test_text_as_circulated(sample, sample_docx):
    # brackets style: every line of the draft, brackets and placeholders as written
    expected = variant_lines(sample, {}, set())
    assert body_lines(sample_docx.data, "accept") == expected
    assert body_lines(sample_docx.data, "reject") == expected


def test_footnotes_for_attribution_notes_and_draft_footnotes(sample, sample_docx):
    p = parts(sample_docx.data)
    notes = xml(sample_docx.data, "word/footnotes.xml")
    bodies = [fn for fn in notes.findall("w:footnote", NS) if fn.get(q("type")) is None]
    texts = ["".join(t.text for t in fn.iter(q("t"))).strip() for fn in bodies]
    attributed = sum(1 for n in sample.walk() if getattr(n, "attribution", "")
                     and getattr(n, "proposers", ()))
    draft_refs = sum(len(a.footnotes) for a in sample.walk() if hasattr(a, "footnotes"))
    draft_refs += sum(1 for n in sample.walk() if type(n).__name__ == "FootnoteRef")
    chair = sum(1 for n in sample.walk() if type(n).__name__ == "Note")
    assert len(texts) == attributed + draft_refs + chair == sample_docx.footnotes
    assert "Proposed by the Russian Federation and China." in texts
    assert any(t.startswith("Chair's note") for t in texts)
    refs = xml(sample_docx.data).findall(".//w:footnoteReference", NS)
    assert sorted(r.get(q("id")) for r in refs) == sorted(fn.get(q("id")) for fn in bodies)
    assert b"footnotes" in p["word/_rels/document.xml.rels"]
    assert b"footnotes+xml" in p["[Content_Types].xml"]
    assert b'w:footnotePr' in p["word/settings.xml"]
    # python-docx keeps the part when it re-saves
    out = io.BytesIO()
    docx.Document(io.BytesIO(sample_docx.data)).save(out)
    assert "word/footnotes.xml" in parts(out.getvalue())


def test_comments_mode(sample):
    res = to_docx(sample, attribution="comments")
    d = docx.Document(io.BytesIO(res.data))
    comments = list(d.comments)
    attributed = [n for n in sample.walk() if getattr(n, "attribution", "")
                  and getattr(n, "proposers", ())]
    assert len(comments) == len(attributed) == res.comments
    authors = {c.author for c in comments}
    assert "Russian Federation" in authors and "European Union and its member States" in authors
    assert all(c.timestamp.date().isoformat() == sample.front.date for c in comments)
    texts = {c.text for c in comments}
    assert "Proposed by the Russian Federation and China." in texts
    # draft footnotes and the chair's note are still footnotes
    assert res.footnotes == 3
    root = xml(res.data)
    starts = {e.get(q("id")) for e in root.iter(q("commentRangeStart"))}
    ends = {e.get(q("id")) for e in root.iter(q("commentRangeEnd"))}
    refs = {e.get(q("id")) for e in root.iter(q("commentReference"))}
    assert starts == ends == refs == {str(c.comment_id) for c in comments}


def test_deterministic_bytes(sample):
    assert to_docx(sample).data == to_docx(sample).data
    assert to_docx(sample, style="tracked").data == to_docx(sample, style="tracked").data
    core = parts(to_docx(sample).data)["docProps/core.xml"].decode()
    assert "2026-03-14T00:00:00Z" in core


def test_chinese_east_asian_font():
    res = to_docx(parse_file(ZH))
    root = xml(res.data)
    cjk_runs = [r for r in root.iter(q("r"))
                if any("\u4e00" <= ch <= "\u9fff" for t in r.iter(q("t")) for ch in t.text or "")]
    assert cjk_runs
    for r in cjk_runs:
        fonts = r.find("w:rPr/w:rFonts", NS)
        assert fonts is not None and fonts.get(q("eastAsia"))
    styles = xml(res.data, "word/styles.xml")
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert default.get(q("eastAsia")) == "SimSun"
    notes = xml(res.data, "word/footnotes.xml")
    assert "由俄罗斯联邦和中国提议。" in "".join(t.text for t in notes.iter(q("t")))


def test_arabic_right_to_left():
    res = to_docx(parse_file(AR))
    root = xml(res.data)
    paras = [p for p in root.iter(q("p")) if "".join(t.text for t in p.iter(q("t"))).strip()]
    assert paras and all(p.find("w:pPr/w:bidi", NS) is not None for p in paras)
    arabic_runs = [r for r in root.iter(q("r"))
                   if any("\u0600" <= ch <= "\u06ff"
                          for t in r.iter(q("t")) for ch in t.text or "")]
    assert arabic_runs
    for r in arabic_runs:
        rpr = r.find("w:rPr", NS)
        assert rpr.find("w:rtl", NS) is not None
        assert rpr.find("w:rFonts", NS).get(q("cs"))
        assert rpr.find("w:lang", NS).get(q("bidi")) == "ar-SA"
    # brackets in an Arabic paragraph are right-to-left runs too
    brackets = [r for r in root.iter(q("r"))
                if "".join(t.text or "" for t in r.iter(q("t"))) == "["]
    assert brackets and all(r.find("w:rPr/w:rtl", NS) is not None for r in brackets)


@pytest.mark.parametrize("path", samples() + [pytest.param(p, id=p.name) for p in (EN, ZH, AR)])
def test_every_export_reopens_with_python_docx(path):
    doc = parse_file(path)
    for kw in ({}, {"attribution": "comments"}, {"style": "tracked"}):
        res = to_docx(doc, **kw)
        d = docx.Document(io.BytesIO(res.data))
        assert res.tracked + res.bracketed == len(list(doc.groups()))
        # structure: a title, headings for every article, only our paragraph styles
        names = [p.style.name for p in d.paragraphs]
        assert names[0] == "Title"
        articles = [h for h in doc.headings() if h.kind == "article"]
        assert sum(n in ("Heading 3", "Heading 4") for n in names) >= len(articles)
        assert set(names) <= {"Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4",
                              "Treaty Paragraph", "Treaty Subparagraph",
                              "Treaty Subparagraph 2", "Body Text", "Option Label"}
        # footnotes and comments as python-docx reads the package back
        rels = {r.reltype.rsplit("/", 1)[-1]: r.target_part for r in d.part.rels.values()
                if not r.is_external}
        if res.footnotes:
            notes = etree_fromstring(rels["footnotes"].blob)
            assert len(notes.findall("w:footnote", NS)) == res.footnotes + 2  # + separators
        else:
            assert "footnotes" not in rels
        assert len(list(d.comments)) == res.comments
        # text: python-docx's paragraph.text skips w:ins, so read the XML
        if kw.get("style") != "tracked":
            assert body_lines(res.data, "accept") == variant_lines(doc, {}, set())


def test_bad_arguments(sample):
    with pytest.raises(ExportError, match="style"):
        to_docx(sample, style="fancy")
    with pytest.raises(ExportError, match="attribution"):
        to_docx(sample, attribution="margin")


def test_unknown_node_raises(sample):
    import dataclasses

    class Mystery:
        value = "?"

    broken = dataclasses.replace(sample, body=sample.body[:3] + (Mystery(),))
    with pytest.raises(ExportError, match="cannot write a Mystery node"):
        to_docx(broken)


def test_minimal_draft_without_front_matter():
    doc = treatydraft.parse("Article 1. Scope\n1. Text [a][b] here.\n")
    res = to_docx(doc, style="tracked")
    assert res.tracked == 1
    core = parts(res.data)["docProps/core.xml"].decode()
    assert "2000-01-01T00:00:00Z" in core
    root = xml(res.data)
    assert {c.get(q("author")) for c in root.iter(q("ins"), q("del"))} == {"Unattributed"}
    assert body_lines(res.data, "reject") == ["Article 1. Scope", "1. Text a here."]
    assert body_lines(res.data, "accept") == ["Article 1. Scope", "1. Text b here."]


def test_deterministic_across_processes():
    """Same bytes from fresh interpreters with different hash seeds (no set-order leaks)."""
    import os
    import subprocess
    import sys
    code = ("import sys, hashlib, treatydraft\n"
            "from treatydraft.writers.docx import to_docx\n"
            "d = treatydraft.parse(open(sys.argv[1], encoding='utf-8').read())\n"
            "print(hashlib.sha256(to_docx(d, style='tracked', base='EU').data).hexdigest())\n")
    digests = {subprocess.run([sys.executable, "-c", code, str(SAMPLES / "convention-en.txt")],
                              env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True,
                              text=True, check=True).stdout for seed in ("1", "2")}
    assert len(digests) == 1
