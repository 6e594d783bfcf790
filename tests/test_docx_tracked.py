"""Word export, style ``tracked``: base choice, which groups become revisions, and the
correctness rules (unique ids, w:delText, authors, dates), read from the XML."""
from __future__ import annotations

import pytest

from treatydraft.errors import ExportError
from treatydraft.writers.docx import to_docx
from treatydraft.writers.docx.tracked import classify, resolve_base

from fixtures import FIXTURES, parse_file, samples
from test_docx_support import (unattributed, NS, body_lines, change_elements, other_choices, q,
                               resolved_lines, unique_ids, xml)

EN = FIXTURES / "docx" / "en-structure" / "input.txt"


@pytest.fixture(scope="module")
def en():
    return parse_file(EN)


# ---------------------------------------------------------------- the base


def test_base_first(sample):
    choices = resolve_base(sample, "first")
    assert set(choices) == {g.id for g in sample.groups()}
    assert set(choices.values()) == {1}


def test_base_delegation(sample):
    rus = resolve_base(sample, "RUS")
    assert rus["preamble__para_pp2__brk_1"] == 2          # [Concerned by]@EU [Alarmed at]@RUS+CHN
    assert rus["art_4__para_1__brk_1"] == 2
    assert rus["preamble__para_pp2__brk_2"] == 1          # RUS proposes neither: first
    assert rus["art_3bis__opts_1"] == 1                   # Option 1 @RUS+CHN
    assert resolve_base(sample, "USA")["art_3bis__opts_1"] == 2
    # optional groups stay as written, whoever proposed them
    assert resolve_base(sample, "EU")["art_1__para_1__subpara_b__brk_2"] == 1
    # a member of a negotiating group takes the group's positions (EGY @AFG)
    egy = resolve_base(sample, "EGY")
    assert all(v == 1 for v in egy.values())  # AFG proposes only optional text here


def test_base_delegation_case_insensitive(sample):
    assert resolve_base(sample, "rus") == resolve_base(sample, "RUS")


def test_base_choices(sample):
    c = resolve_base(sample, "preamble__para_pp2__brk_1=2, art_3__para_1__brk_2=0")
    assert c["preamble__para_pp2__brk_1"] == 2 and c["art_3__para_1__brk_2"] == 0
    assert c["art_4__brk_1"] == 1


@pytest.mark.parametrize("base, message, listed", [
    ("XYZ", "unknown base delegation 'XYZ'", "RUS, CHN, EU"),
    ("nope=1", "unknown group id 'nope'", "preamble__para_pp2__brk_1"),
    ("art_4__brk_1=3", "out of range", "1..2"),
    ("art_3__para_1__brk_2=2", "out of range", "0..1"),
    ("art_4__brk_1=x", "must be a number", ""),
])
def test_base_errors_list_valid_values(sample, base, message, listed):
    with pytest.raises(ExportError) as info:
        to_docx(sample, style="tracked", base=base)
    text = str(info.value)
    assert message in text and listed in text


# ---------------------------------------------------------------- which groups are tracked


def test_classification(sample):
    tracked, whole = classify(sample)
    assert "preamble__para_pp2__brk_1" in tracked            # two-way
    assert "art_1__para_1__subpara_b__brk_2" in tracked      # optional span
    assert "art_4__para_2__brk_1" not in tracked             # three alternatives, nested
    assert "preamble__para_pp3__brk_1" not in tracked        # holds a nested group
    assert "preamble__para_pp3__brk_1__alt_1__brk_1" not in tracked  # nested
    assert "art_5__para_1__subpara_a__brk_1" not in tracked  # spans two paragraphs
    assert "art_3bis__para_2__brk_1" not in tracked          # inside an option block
    res = to_docx(sample, style="tracked")
    total = len(list(sample.groups()))
    assert res.tracked == len(tracked) and res.bracketed == total - len(tracked)


def test_whole_paragraph_tracks_paragraph_mark(en):
    tracked, whole = classify(en)
    assert whole == {"art_1__para_2__brk_1"}
    root = xml(to_docx(en, style="tracked").data)
    marks = root.findall(".//w:pPr/w:rPr/w:del", NS)
    assert len(marks) == 1 and marks[0].get(q("author")) == "Unattributed"
    p = marks[0].getparent().getparent().getparent()
    assert "".join(t.text for t in p.iter(q("delText"))).startswith("2.")
    assert not list(p.iter(q("t")))  # nothing of it survives Accept
    # base dropping it: an insertion of text and mark, authored by the proposer
    root = xml(to_docx(en, style="tracked", base="art_1__para_2__brk_1=0").data)
    marks = root.findall(".//w:pPr/w:rPr/w:ins", NS)
    assert len(marks) == 1 and marks[0].get(q("author")) == "African Group"


# ---------------------------------------------------------------- correctness rules


@pytest.mark.parametrize("path", samples() + [pytest.param(EN, id="en-structure")])
@pytest.mark.parametrize("base", ["first", "RUS", "EU"])
def test_rules(path, base):
    doc = parse_file(path)
    if base != "first" and base not in doc.delegations:
        pytest.skip(f"{path.name} has no delegation {base}")
    res = to_docx(doc, style="tracked", base=base)
    changes = change_elements(res.data)
    assert changes
    # w:author always present and non-empty, w:date from the front matter
    assert all(c.get(q("author")) for c in changes)
    assert {c.get(q("date")) for c in changes} == {doc.front.date + "T00:00:00Z"}
    # no w:t inside w:del; no w:delText outside
    root = xml(res.data)
    assert not root.findall(".//w:del//w:t", NS)
    for dt in root.iter(q("delText")):
        assert any(a.tag == q("del") for a in dt.iterancestors())
    # unique ids across insertions, deletions and comments; footnotes 1..n on their own
    assert unique_ids(res.data)
    # every comment authored and dated
    for c in xml(res.data, "word/comments.xml").iter(q("comment")):
        assert c.get(q("author")) and c.get(q("date")) == doc.front.date + "T00:00:00Z"


def test_authors_are_proposers(sample):
    res = to_docx(sample, style="tracked")
    root = xml(res.data)
    names = {d.name for d in sample.front.delegations} | {unattributed(sample)}
    assert {c.get(q("author")) for c in change_elements(res.data)} <= names
    # [use][misuse]@USA: the replacement is the United States' proposal, both halves
    pp2 = [p for p in root.iter(q("p"))
           if "".join(t.text for t in p.iter(q("t"), q("delText"))).startswith("(PP2)")][0]
    by_text = {"".join(t.text for t in c.iter(q("t"), q("delText"))): (c.tag, c.get(q("author")))
               for c in pp2.iter(q("ins"), q("del"))}
    assert by_text["use"] == (q("del"), "United States of America")
    assert by_text["misuse"] == (q("ins"), "United States of America")
    assert by_text["Alarmed at"] == (q("ins"), "Russian Federation")


def test_cosponsors_in_comment(sample):
    res = to_docx(sample, style="tracked")
    comments = {c.get(q("id")): (c.get(q("author")), "".join(t.text for t in c.iter(q("t"))))
                for c in xml(res.data, "word/comments.xml").iter(q("comment"))}
    assert ("Russian Federation", "Proposed by the Russian Federation and China.") in \
        comments.values()


# ---------------------------------------------------------------- accept / reject (our reading)


@pytest.mark.parametrize("path", samples() + [pytest.param(EN, id="en-structure")])
@pytest.mark.parametrize("base", ["first", "EU", "choices"])
def test_reject_gives_base_accept_gives_other(path, base):
    doc = parse_file(path)
    tracked, _ = classify(doc)
    if base == "choices":  # drop every optional tracked group, take the 2nd of every pair
        base = ",".join(f"{g.id}={0 if len(g.alternatives) == 1 else 2}"
                        for g in doc.groups() if g.id in tracked)
    elif base != "first" and base not in doc.delegations:
        pytest.skip(f"{path.name} has no delegation {base}")
    choices = resolve_base(doc, base)
    data = to_docx(doc, style="tracked", base=base).data
    assert body_lines(data, "reject") == resolved_lines(doc, choices, tracked)
    assert body_lines(data, "accept") == resolved_lines(
        doc, other_choices(doc, choices, tracked), tracked)
