"""Compilation golden cases (issue 10): ``tests/fixtures/compile/<case>/``.

Each case holds ``base.txt`` and one file per proposal named after its delegation
code(s) (``RUS.txt``, ``USA+CAN.txt``); ``expected.txt`` is the compiled draft and
``expected.json`` the report, both reviewed by reading.  Every case also checks the
invariant (each delegation's text back, the base back), that the compiled draft is
valid Akoma Ntoso, and that its Word export in the tracked style has each proposing
delegation as a revision author.
"""
from __future__ import annotations

import json

import pytest
import treatydraft
from treatydraft.operations import resolve, statistics
from treatydraft.schema import validate_akn
from treatydraft.writers.akn import to_akn
from treatydraft.writers.docx import to_docx

from fixtures import FIXTURES, cases, golden, parse_file, read
from test_compile_properties import same
from test_docx_support import NS, change_elements

CASES = cases("compile", needs="base.txt")
_SPECIAL = {"base.txt", "expected.txt"}


def proposals(case):
    return {p.stem: p for p in sorted(case.glob("*.txt")) if p.name not in _SPECIAL}


def compiled(case):
    settings = case / "settings.json"
    options = json.loads(read(settings)) if settings.exists() else {}
    return treatydraft.compile(parse_file(case / "base.txt"),
                               {k: parse_file(p) for k, p in proposals(case).items()}, **options)


@pytest.mark.parametrize("case", CASES)
def test_golden(case):
    result = compiled(case)
    golden(case / "expected.txt", result.text)
    golden(case / "expected.json",
           json.dumps(result.report.to_dict(), ensure_ascii=False, indent=1) + "\n")


@pytest.mark.parametrize("case", CASES)
def test_each_delegation_gets_its_text_back(case):
    result = compiled(case)
    assert same(result.base(), read(case / "base.txt"), False)
    for key, path in proposals(case).items():
        renumbered = any(w.proposal == key and "renumbering" in w.message
                         for w in result.report.warnings)
        for code in key.split("+"):
            assert same(resolve(result.document, result.choices(code)), read(path), renumbered), code


@pytest.mark.parametrize("case", CASES)
def test_valid_akoma_ntoso(case):
    assert validate_akn(to_akn(compiled(case).document)) == []


@pytest.mark.parametrize("case", CASES)
def test_word_tracked_authors_are_the_delegations(case):
    result = compiled(case)
    authors = {el.get(f"{{{NS['w']}}}author") for el in change_elements(
        to_docx(result.document, style="tracked").data)}
    names = result.document.delegations
    proposing = {names[alt[0]].name for e in result.report.entries for alt in e.alternatives
                 if e.kind in ("substitution", "insertion", "deletion")}  # co-sponsors follow the lead
    assert proposing and proposing <= authors


@pytest.mark.parametrize("case", CASES)
def test_stats_count_the_new_groups_per_delegation(case):
    result = compiled(case)
    base = {d.code: d for d in statistics(parse_file(case / "base.txt")).delegations}
    after = {d.code: d for d in statistics(result.document).delegations}
    for code in result.report.per_delegation():
        made = sum(1 for e in result.report.entries if code in e.codes)
        gained = (after[code].proposed + after[code].group_attributions
                  - base[code].proposed - base[code].group_attributions)
        assert gained >= made, code  # more when a proposal brings brackets of its own


def test_the_module_examples_run():
    import doctest
    import treatydraft.operations.compile as module
    assert doctest.testmod(module).failed == 0


def test_identical_proposals_merge_and_conflicts_are_reported():
    reg = "---\ndelegations:\n  RUS: R\n  CHN: C\n  EU: E\n---\n"
    base = reg + "Article 1. Scope\n1. Parties shall share data.\n"
    result = treatydraft.compile(base, {
        "RUS": base.replace("data", "information"), "CHN": base.replace("data", "information"),
        "EU": base.replace("data", "evidence")})
    assert "[data][information]@RUS+CHN[evidence]@EU" in result.text
    (entry,) = result.report.conflicts
    assert entry.alternatives == [["RUS", "CHN"], ["EU"]]
    assert entry.group_id == "art_1__para_1__brk_1"
    assert (entry.line, entry.column) == (8, 24)


def test_a_change_in_one_article_never_lands_in_another():
    reg = "---\ndelegations:\n  EU: E\n---\n"
    same_text = "1. States shall cooperate.\n"
    base = reg + f"Article 5. A\n{same_text}\nArticle 6. B\n{same_text}"
    prop = reg + f"Article 5. A\n{same_text}\nArticle 6. B\n1. States shall closely cooperate.\n"
    result = treatydraft.compile(base, {"EU": prop})
    (group,) = result.document.groups()
    assert group.location == "art_6__para_1"


def test_option_threshold():
    reg = "---\ndelegations:\n  EU: E\n---\n"
    base = reg + "Article 1. A\n1. Parties shall share data promptly with others.\n"
    prop = base.replace("share data promptly", "exchange information swiftly")
    low = treatydraft.compile(base, {"EU": prop}, option_threshold=0.2)
    high = treatydraft.compile(base, {"EU": prop}, option_threshold=0.9)
    assert [g.kind for g in low.document.groups()] == ["options"]
    assert [g.kind for g in high.document.groups()] == ["alternatives"]


def test_unknown_code_and_registry_additions():
    base = "Article 1. A\n1. Parties shall share data.\n"
    with pytest.raises(treatydraft.TreatyDraftError, match="unknown delegation 'RUS'"):
        treatydraft.compile(base, {"RUS": base.replace("data", "information")})
    result = treatydraft.compile(base, {"RUS": base.replace("data", "information")},
                                 delegations={"RUS": "Russian Federation"})
    assert result.document.delegations["RUS"].name == "Russian Federation"
    assert "[data][information]@RUS" in result.text



def test_base_from_akoma_ntoso():
    from treatydraft.operations.compile import normalised_text
    from treatydraft.readers.akn import read_akn
    case = FIXTURES / "compile" / "en-three-delegations"
    base = read_akn(to_akn(parse_file(case / "base.txt")))
    result = treatydraft.compile(base, {"RUS": parse_file(case / "RUS.txt"),
                                        "EU": parse_file(case / "EU.txt")})
    for code in ("RUS", "EU"):
        assert normalised_text(resolve(result.document, result.choices(code))) == \
            normalised_text(read(case / f"{code}.txt"))


def test_crlf_base_keeps_its_line_breaks():
    from treatydraft.operations.compile import normalised_text
    reg = "---\r\ndelegations:\r\n  EU: E\r\n---\r\n"
    base = (reg + "Article 1. A\r\n1. a b c.\r\n2. d e:\r\n(a) x;\r\n(b) y.\r\n\r\n"
            "Article 2. B\r\n1. f.\r\n")
    prop = base.replace("b c", "b z c").replace("(a) x;\r\n", "").replace(
        "1. f.\r\n", "1. g h i j.\r\n")
    result = treatydraft.compile(base, {"EU": prop}, delegations={"RUS": "R"})
    assert "\n" not in result.text.replace("\r\n", "")
    assert "  RUS: R\r\n" in result.text
    added = " RUS: R"  # the registry line --delegations added
    assert normalised_text(resolve(result.document, result.choices("EU"))).replace(added, "") \
        == normalised_text(prop)
    assert normalised_text(result.base()).replace(added, "") == normalised_text(base)


def test_issue_10_group_right_after_a_heading_keeps_the_blank():
    # '3.[' would be text (a paragraph number needs a blank after its dot)
    reg = "---\ndelegations:\n  RUS: R\n---\n"
    base = reg + "Article 1. 缔\n2. 缔缔:\n(a) 缔缔；\n3. 缔缔:\n(a) 缔缔；\n"
    prop = base.replace("3. 缔缔:", "3. 缔:")
    result = treatydraft.compile(base, {"RUS": prop})
    assert [h.id for h in result.document.headings()] == [
        "art_1", "art_1__para_2", "art_1__para_2__subpara_a", "art_1__para_3",
        "art_1__para_3__subpara_a"]
    assert "3. [" in result.text


def test_two_delegations_inserting_the_same_paragraph_number_stay_two_proposals():
    """Regression (found by the property test): two insertions numbered alike, written
    stacked with their attributions, were read back as one group of rivals (the reading
    of stacked paragraphs bracketed whole under one number) and compile failed."""
    head = "---\ndelegations:\n  RUS: Russia\n  EU: European Union\n---\nArticle 1\n"
    base = head + "1. States act.\n2. States report.\n"
    proposals = {"RUS": head + "1. States act.\n1bis. States cooperate.\n2. States report.\n",
                 "EU": head + "1. States act.\n1bis. States agree.\n2. States report.\n"}
    result = treatydraft.compile(base, proposals)
    assert "[1bis. States cooperate.]@RUS\n[1bis. States agree.]@EU\n" in result.text
    for code, text in proposals.items():
        assert resolve(result.document, result.choices(code)).to_text() == text
