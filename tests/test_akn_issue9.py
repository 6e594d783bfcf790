"""Issue 9, Akoma Ntoso: bracketed units, the naming convention, FRBR, and bluebell as a
second, independent reader (Laws.Africa's parser/unparser of Akoma Ntoso)."""
from __future__ import annotations

import re

import pytest
from lxml import etree

import treatydraft
from treatydraft.schema import validate_akn
from treatydraft.writers.akn import to_akn

from fixtures import FIXTURES, SAMPLES, parse_file, read

A = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
TD = "{https://treatydraft.org/ns/akn/1.0}"
NAMING = FIXTURES / "akn" / "issue-9-naming"
STRUCTURE = ("chapter", "article", "paragraph", "list", "point")


def _xml(text: str):
    data = to_akn(treatydraft.parse(text))
    assert validate_akn(data) == []
    return etree.fromstring(data)


def _drop_group_units(root, code: str) -> str:
    """What a consumer keeps when it drops every unit bracketed for ``code`` (by class and
    refersTo, ignoring our own td: attributes)."""
    for el in list(root.iter(A + "point", A + "paragraph")):
        if "bracketed" in (el.get("class") or "") and f"#{code}" in (el.get("refersTo") or ""):
            el.getparent().remove(el)
    return "".join(root.find(A + "bill/" + A + "body").itertext())


# ---------------------------------------------------------------- item 9


def test_issue_9_bracketed_class_only_on_whole_units():
    head = "---\nlanguage: en\ndelegations:\n  EU: European Union\n---\nArticle 5. Devices\n"
    # the sample's case: the sentence goes on after the list -> wrapUp; (a), (b) bracketed
    root = _xml(head + "1. Each State shall criminalize:\n[(a) a device;\n(b) a password "
                "by which a system is accessed,]@EU\nwith intent that it be used.\n2. Next.\n")
    points = root.findall(".//" + A + "point")
    assert [p.get("class") for p in points] == ["bracketed optional"] * 2
    wrap = root.find(".//" + A + "paragraph/" + A + "wrapUp/" + A + "p")
    assert wrap.text.startswith("with intent that it be used")
    assert "with intent that it be used" in _drop_group_units(root, "eu")
    # the bracket closes inside (b) and the sentence goes on in (b): (b) is not bracketed
    root = _xml(head + "1. Each State shall criminalize:\n[(a) a device;\n(b) a password,]@EU "
                "with intent that it be used.\n2. Next.\n")
    a, b = root.findall(".//" + A + "point")
    assert a.get("class") == "bracketed optional" and a.get("refersTo") == "#eu"
    assert b.get("class") is None and b.get("refersTo") is None
    assert b.get(TD + "partial") == "true" and b.get(TD + "group") == a.get(TD + "group")
    assert "with intent that it be used" in _drop_group_units(root, "eu")
    # a further point after the text: no wrapUp (a list cannot go on after one)
    root = _xml(head + "1. Chapeau:\n[(a) x;\n(b) y,]@EU\nwith z.\n(c) w.\n")
    assert root.find(".//" + A + "wrapUp") is None
    assert root.findall(".//" + A + "point")[1].get(TD + "partial") == "true"


def test_issue_9_sample_article_5_wrap_up():
    root = etree.fromstring(to_akn(parse_file(SAMPLES / "convention-en.txt")))
    para = root.find(".//" + A + "paragraph[@eId='chp_II__art_5__para_1']")
    assert [p.get("class") for p in para.iter(A + "point")] == ["bracketed optional"] * 2
    assert "".join(para.find(A + "wrapUp").itertext()).startswith("with intent that it be used")


# ---------------------------------------------------------------- item 10


def _bluebell_xml(text: str, frbr: str):
    pytest.importorskip("bluebell", reason="bluebell-akn is a test dependency ([test] extra)")
    from bluebell.parser import AkomaNtosoParser
    from cobalt import FrbrUri
    return AkomaNtosoParser(FrbrUri.parse(frbr)).parse_to_xml(text, "bill")


def _structure(root) -> list[tuple[str, str]]:
    return [(etree.QName(e).localname, e.get("eId")) for e in root.iter()
            if etree.QName(e).localname in STRUCTURE]


def test_issue_9_naming_convention_matches_bluebell():
    """The same unbracketed text, written by hand in bluebell's syntax (bluebell.txt) and
    parsed by bluebell, gets the same eIds for chapters, articles, paragraphs, lists and
    points, and the same wrapUp."""
    ours = etree.fromstring(to_akn(parse_file(NAMING / "input.txt")))
    theirs = _bluebell_xml(read(NAMING / "bluebell.txt"),
                           "/akn/un/bill/convention/2026/a-ac-999-l-7")
    assert _structure(ours) == _structure(theirs)
    assert [w.getparent().get("eId") for w in ours.iter(A + "wrapUp")] == \
        [w.getparent().get("eId") for w in theirs.iter(A + "wrapUp")] == ["chp_I__art_1__para_1"]


def test_issue_9_naming_rules():
    root = etree.fromstring(to_akn(parse_file(SAMPLES / "convention-en.txt")))
    eids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert "chp_I" in eids and "chp_i" not in eids                       # case as written
    assert "chp_II__art_5__para_1__list_nn_1__point_a" in eids            # list in the path
    assert not [e for e in eids if "subpara" in e]                        # points are points
    assert [r.get("eId") for r in root.iter(A + "recital")][:2] == \
        ["preamble__recitals__rec_PP1", "preamble__recitals__rec_PP2"]
    # paragraphs in an option block carry the option's prefix, not a _2 suffix
    opts = root.findall(".//" + A + "hcontainer[@name='option']")
    paras = [[p.get("eId") for p in o.iter(A + "paragraph")] for o in opts]
    assert paras[0] == ["chp_I__art_3bis__opts_1__opt_1__para_1",
                        "chp_I__art_3bis__opts_1__opt_1__para_2"]
    assert not [e for e in eids if e.endswith("_2") and "__para_" in e.rsplit("__", 1)[-1]]
    # the draft's own group ids stay available for resolve --choose
    doc = parse_file(SAMPLES / "convention-en.txt")
    ids = {e.get(TD + "id") for e in root.iter() if e.get(TD + "id")}
    ids |= {e.get(TD + "group") for e in root.iter() if e.get(TD + "group")}
    assert all(g.id in ids for g in doc.groups())


def test_issue_9_arabic_and_chinese_numbers_line_up():
    """Labels in other scripts take the position-based number, so language versions share ids."""
    ids = {}
    for lang in ("en", "zh", "ar"):
        root = etree.fromstring(to_akn(parse_file(SAMPLES / f"convention-{lang}.txt")))
        ids[lang] = {e.get("eId") for e in root.iter(A + "point", A + "article")}
    assert "chp_1__art_1__para_1__list_nn_1__point_b" in ids["zh"] & ids["ar"]


# ---------------------------------------------------------------- item 11


def _ident(root):
    return root.find(A + "bill/" + A + "meta/" + A + "identification")


@pytest.mark.parametrize("front, showas", [("", "Chair"), ("proponent: Bureau of the Committee\n",
                                                          "Bureau of the Committee")])
def test_issue_9_frbr_author_is_the_proponent(front, showas):
    root = _xml(f"---\nsymbol: A/AC.9/L.1\ndate: 2026-02-02\n{front}---\nArticle 1. A\n1. B.\n")
    ident = _ident(root)
    href = ident.find(A + "FRBRWork/" + A + "FRBRauthor").get("href")
    assert href == ident.find(A + "FRBRExpression/" + A + "FRBRauthor").get("href")
    org = root.find(f".//{A}TLCOrganization[@eId='{href[1:]}']")
    assert org.get("showAs") == showas and href != "#treatydraft"


def test_issue_9_frbr_revisions_are_expressions_of_one_work():
    cobalt = pytest.importorskip("cobalt")
    uris = {}
    for rev, day in (("Rev.1", "2026-01-10"), ("Rev.2", "2026-03-14")):
        root = _xml(f"---\nsymbol: A/AC.999/L.3/{rev}\nlanguage: en\ndate: {day}\n---\n"
                    "Article 1. A\n1. B.\n")
        ident = _ident(root)
        work = ident.find(A + "FRBRWork/" + A + "FRBRuri").get("value")
        expr = ident.find(A + "FRBRExpression/" + A + "FRBRuri").get("value")
        m_this = ident.find(A + "FRBRManifestation/" + A + "FRBRthis").get("value")
        m_uri = ident.find(A + "FRBRManifestation/" + A + "FRBRuri").get("value")
        assert m_this.rsplit(".", 1)[1] == m_uri.rsplit(".", 1)[1] == "xml"
        assert ident.find(A + "FRBRExpression/" + A + "FRBRversionNumber").get("value") == \
            rev.lower()
        # cobalt (the independent FRBR parser) reads back the same Work and Expression
        uri = cobalt.Bill(etree.tostring(root, encoding="unicode")).frbr_uri
        assert uri.work_uri(work_component=False) == work
        assert uri.expression_uri(work_component=False) == expr
        assert uri.language == "eng" and uri.format == "xml"
        uris[rev] = (work, expr)
    assert uris["Rev.1"][0] == uris["Rev.2"][0] == "/akn/un/bill/convention/2026/a-ac-999-l-3"
    assert uris["Rev.1"][1] != uris["Rev.2"][1]


# ---------------------------------------------------------------- item 12


@pytest.mark.parametrize("lang", ("en", "zh", "ar"))
def test_issue_9_bluebell_unparse_recognises_structure(lang):
    """bluebell's unparse (its XSLT from Akoma Ntoso back to its text syntax) reads our
    export: every chapter, article, paragraph, list and point becomes its keyword."""
    pytest.importorskip("bluebell", reason="bluebell-akn is a test dependency ([test] extra)")
    from bluebell.parser import AkomaNtosoParser
    from cobalt import FrbrUri
    data = to_akn(parse_file(SAMPLES / f"convention-{lang}.txt"))
    root = etree.fromstring(data)
    text = AkomaNtosoParser(FrbrUri.parse("/akn/un/bill/convention/2026/x")).unparse(data)
    lines = [line.strip() for line in text.splitlines()]
    keyword = {"chapter": "CHAP", "article": "ART", "paragraph": "PARA", "list": "LIST",
               "point": "POINT"}
    for tag, word in keyword.items():
        ours = len(root.findall(".//" + A + tag))
        # "PARA 1." or, for a bracketed unit, "PARA.bracketed.optional{refersTo #afg|...} [2."
        theirs = [line for line in lines if re.match(word + r"(?=[ .{]|$)", line)]
        assert ours and len(theirs) == ours, (tag, ours, len(theirs))
    # the numbers come through as written: POINT (a) ...
    nums = [p.findtext(A + "num") for p in root.iter(A + "point")]
    got = [re.sub(r"^POINT(\.[\w.]+)?(\{[^}]*\})? ", "", line) for line in lines
           if re.match(r"POINT(?=[ .{])", line)]
    assert got == nums
