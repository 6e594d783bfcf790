"""Issue 9 regressions of the Word export that need no LibreOffice (the rendering side
of the same items is in test_libreoffice.py)."""
from __future__ import annotations

import io
import re

import docx
import pytest
from click.testing import CliRunner

import treatydraft
from treatydraft.cli import main
from treatydraft.writers.docx import to_docx
from treatydraft.writers.docx.layout import LABEL_GAP_PT, text_width_pt
from treatydraft.writers.docx.tracked import classify, resolve_base
from treatydraft.writers.docx.worlds import other_choice

from fixtures import ROOT, SAMPLES, SEED, parse_file, read
from test_docx_support import NS, body_lines, parts, q, resolved_lines, unique_ids, xml

LANGS = ("en", "zh", "ar")


def _sample(lang):
    return parse_file(SAMPLES / f"convention-{lang}.txt")


# ---------------------------------------------------------------- item 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kw", [{}, {"attribution": "comments"}, {"style": "tracked"}],
                         ids=["brackets", "comments", "tracked"])
def test_issue_9_footnote_ids_numbered_apart(lang, kw):
    """Footnotes 1..n in reference order; changes and comments never reuse those ids."""
    res = to_docx(_sample(lang), **kw)
    assert res.footnotes and unique_ids(res.data)
    notes = {f.get(q("id")) for f in xml(res.data, "word/footnotes.xml").iter(q("footnote"))}
    others = {e.get(q("id")) for e in xml(res.data).iter(q("ins"), q("del"),
                                                         q("commentRangeStart"))}
    assert not notes & others


# ---------------------------------------------------------------- item 2


@pytest.mark.parametrize("lang", LANGS)
def test_issue_9_header_tabs_in_own_run(lang):
    """Symbol, tabs, date as separate runs; in Arabic the tab run is right-to-left."""
    doc = _sample(lang)
    hdr = xml(to_docx(doc).data, "word/header1.xml")
    runs = hdr.findall(".//w:r", NS)
    assert ["".join(t.text for t in r.iter(q("t"))) for r in runs] == \
        [doc.front.symbol, "", doc.front.date]
    assert len(runs[1].findall("w:tab", NS)) == 2
    assert (runs[1].find("w:rPr/w:rtl", NS) is not None) == (lang == "ar")


# ---------------------------------------------------------------- item 3


@pytest.mark.parametrize("lang", LANGS)
def test_issue_9_title_letter_spacing(lang):
    styles = xml(to_docx(_sample(lang)).data, "word/styles.xml")
    title = styles.find(".//w:style[@w:styleId='Title']", NS)
    spacing = title.find("w:rPr/w:spacing", NS)
    assert (spacing is None) == (lang in ("ar", "zh"))


# ---------------------------------------------------------------- item 4


def _indents(data):
    styles = xml(data, "word/styles.xml")
    out = {}
    for sid in ("TreatyParagraph", "TreatySubparagraph", "TreatySubparagraph2"):
        ind = styles.find(f".//w:style[@w:styleId='{sid}']/w:pPr/w:ind", NS)
        out[sid] = int(ind.get(q("hanging"))) / 20  # twips -> points
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_issue_9_hanging_indent_fits_labels(lang):
    """Every label written before a tab leaves LABEL_GAP_PT before the text."""
    data = to_docx(_sample(lang)).data
    hanging = _indents(data)
    seen = 0
    for p in xml(data).iter(q("p")):
        style = p.find("w:pPr/w:pStyle", NS)
        if style is None or style.get(q("val")) not in hanging:
            continue
        label = []
        for el in p.iter(q("t"), q("tab")):
            if el.tag == q("tab"):
                break
            label.append(el.text or "")
        width = text_width_pt("".join(label))
        assert width + LABEL_GAP_PT <= hanging[style.get(q("val"))] + 0.01, "".join(label)
        seen += 1
    assert seen > 10


def test_issue_9_wide_labels_widen_the_indent():
    text = ("---\ntitle: T\n---\nPreamble\n(PP1) The States,\n(PP12) Noting,\n"
            "Article 1. A\n1. Text.\n(a) x;\n")
    hanging = _indents(to_docx(treatydraft.parse(text)).data)
    assert hanging["TreatyParagraph"] > 28.35  # wider than 1 cm: '(PP12)' + gap
    assert hanging["TreatySubparagraph"] == pytest.approx(28.35, abs=0.1)
    assert text_width_pt("(PP1)") == pytest.approx(27.3, abs=0.1)  # nearly 1 cm alone


# ---------------------------------------------------------------- item 5


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("base", ["first", "EU", "drop"])
def test_issue_9_accept_all_is_resolve(lang, base):
    """Our reading of Accept/Reject all equals resolve (whitespace rule included),
    character for character (LibreOffice's reading: test_libreoffice.py)."""
    doc = _sample(lang)
    tracked, _ = classify(doc)
    if base == "drop":
        base = ",".join(f"{g.id}=0" for g in doc.groups()
                        if g.id in tracked and len(g.alternatives) == 1)
    if base == "EU" and "EU" not in doc.delegations:
        pytest.skip("no EU")
    data = to_docx(doc, style="tracked", base=base).data
    choices = {g: k for g, k in resolve_base(doc, base).items() if g in tracked}
    groups = {g.id: g for g in doc.groups()}
    other = {g: other_choice(groups[g], k) for g, k in choices.items()}
    assert body_lines(data, "reject") == resolved_lines(doc, choices, tracked)
    assert body_lines(data, "accept") == resolved_lines(doc, other, tracked)
    raw = _raw_lines(data, "accept")
    assert not [line for line in raw if line != line.rstrip()]
    assert not [line for line in raw if re.search(r"\s[,;.]", line)]
    assert not [line for line in raw if re.fullmatch(r"\[?\d+\.\s*", line)]


def _raw_lines(data, mode):
    """Paragraph texts after accept/reject, without normalising blanks (tabs as tabs)."""
    drop = q("ins") if mode == "reject" else q("del")
    out = []
    for p in xml(data).iter(q("p")):
        mark = p.find("w:pPr/w:rPr/" + ("w:ins" if mode == "reject" else "w:del"), NS)
        text = "".join("\t" if el.tag == q("tab") else el.text or ""
                       for el in p.iter(q("t"), q("delText"), q("tab"))
                       if drop not in [a.tag for a in el.iterancestors()])
        if mark is None and text:
            out.append(text)
    return out


def test_issue_9_optional_text_footnote_not_kept_by_reject():
    """``[x][^1]`` kept: resolve drops the bracket's note, so Reject All must too; the
    note's text stays visible as a comment on the change."""
    doc = _sample("en")
    data = to_docx(doc, style="tracked").data
    root = xml(data)
    pp4 = next(p for p in root.iter(q("p")) if "Reaffirming" in "".join(
        t.text or "" for t in p.iter(q("t"))))
    assert not pp4.findall(".//w:footnoteReference", NS)
    comments = ["".join(t.text for t in c.iter(q("t")))
                for c in xml(data, "word/comments.xml").iter(q("comment"))]
    assert "Proposed by the Russian Federation and China." in comments


# ---------------------------------------------------------------- item 6


def _cli(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_issue_9_cli_says_base_changes_nothing(tmp_path):
    sample = str(SAMPLES / "convention-en.txt")
    a, b = tmp_path / "first.docx", tmp_path / "egy.docx"
    _cli("export", sample, "--to", "docx", "--style", "tracked", "-o", str(a))
    res = _cli("export", sample, "--to", "docx", "--style", "tracked", "--base", "EGY",
               "-o", str(b))
    assert res.exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    assert "note: --base EGY gives the same text as --base first: all 2 tracked groups " \
        "EGY (or AFG) proposes are optional texts, which every base keeps" in res.output
    res = _cli("export", sample, "--to", "docx", "--style", "tracked", "--base", "EU",
               "-o", str(b))
    assert "note:" not in res.output and a.read_bytes() != b.read_bytes()


def test_issue_9_cli_says_why_kept_as_brackets(tmp_path):
    res = _cli("export", str(SAMPLES / "convention-en.txt"), "--to", "docx", "--style",
               "tracked", "-o", str(tmp_path / "x.docx"))
    assert "20 groups tracked as revisions, 14 kept as brackets (7 outermost: span " \
        "paragraphs at 70:1; three or more alternatives at 64:60; nested brackets at " \
        "25:7, 43:128, 51:1; option blocks at 55:1, 76:1)" in res.output
    if SEED.exists():
        res = _cli("export", str(SEED), "--to", "docx", "--style", "tracked", "-o",
                   str(tmp_path / "s.docx"))
        assert re.search(r"2 kept as brackets \(span paragraphs at \d+:\d+, \d+:\d+\)",
                         res.output), res.output


# ---------------------------------------------------------------- item 7


@pytest.mark.parametrize("lang,word", [("en", "Unattributed"), ("zh", "未注明提议方"),
                                       ("ar", "غير منسوب")])
def test_issue_9_unattributed_translated(lang, word):
    authors = {c.get(q("author")) for c in xml(to_docx(_sample(lang), style="tracked").data)
               .iter(q("ins"), q("del"))}
    assert word in authors
    assert not (authors - {word}) & {"Unattributed"}


def test_issue_9_app_properties_and_no_thumbnail():
    data = to_docx(_sample("en")).data
    p = parts(data)
    assert not [n for n in p if "thumbnail" in n]
    assert b"thumbnail" not in p["_rels/.rels"]
    app = p["docProps/app.xml"].decode()
    assert "<Application>treatydraft " in app and "Microsoft" not in app
    assert "<Words>" not in app and "<Pages>" not in app
    d = docx.Document(io.BytesIO(data))  # python-docx still opens it
    assert d.core_properties.author == "treatydraft"


# ---------------------------------------------------------------- item 8


def test_issue_9_ci_installs_libreoffice():
    """CI installs the LibreOffice oracle and refuses to skip its tests."""
    script = read(ROOT / ".ci" / "run")
    for package in ("libreoffice-writer-nogui", "python3-uno", "poppler-utils", "pandoc"):
        assert package in script
    assert "TREATYDRAFT_REQUIRE_LIBREOFFICE=1" in script
