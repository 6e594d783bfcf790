"""The draft format: golden parse trees, named errors, tolerant diagnostics, round trips."""
from __future__ import annotations

import json

import pytest

import treatydraft
from treatydraft import errors as E
from treatydraft.writers.json import document_to_dict

from fixtures import FIXTURES, cases, golden, read, samples


def _dump(doc) -> str:
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("case", cases("parse"))
def test_parse_golden(case):
    text = read(case / "input.txt")
    doc = treatydraft.parse(text, source="input.txt")
    assert doc.to_text() == text
    assert not [d for d in doc.diagnostics if d.severity == "error"]
    golden(case / "expected.json", _dump(doc))


@pytest.mark.parametrize("case", cases("parse"))
def test_tolerant_agrees_with_strict_on_valid_input(case):
    text = read(case / "input.txt")
    strict = treatydraft.parse(text)
    tolerant = treatydraft.parse(text, mode="tolerant")
    assert tolerant.body == strict.body
    assert tolerant.to_text() == text


def _render_errors(err) -> str:
    return err.report() + "\n"


def _render_diagnostics(doc) -> str:
    return "".join(f"{d.line}:{d.column}: {d.severity}: {d.code}: {d.message}\n"
                   for d in doc.diagnostics)


@pytest.mark.parametrize("case", cases("errors"))
def test_errors_golden(case):
    text = read(case / "input.txt")
    tolerant = treatydraft.parse(text, mode="tolerant", source="input.txt")
    assert tolerant.to_text() == text
    assert tolerant.diagnostics, "tolerant mode must report the problem"
    golden(case / "tolerant.txt", _render_diagnostics(tolerant))
    errors = [d for d in tolerant.diagnostics if d.severity == "error"]
    if not errors:  # warnings only: strict mode accepts the text
        assert treatydraft.parse(text).to_text() == text
        return
    with pytest.raises(E.ParseError) as info:
        treatydraft.parse(text, source="input.txt")
    err = info.value
    assert (err.line, err.column) == (errors[0].line, errors[0].column)
    assert err.code == errors[0].code
    golden(case / "strict.txt", _render_errors(err))


def test_error_str_has_location_source_line_caret_and_hint():
    with pytest.raises(E.UnclosedBracket) as info:
        treatydraft.parse("Article 1\n1. Parties shall share [data][information\n",
                          source="draft.txt")
    err = info.value
    assert (err.file, err.line, err.column) == ("draft.txt", 2, 30)
    lines = str(err).splitlines()
    assert lines[0] == "draft.txt:2:30: unclosed bracket: this '[' is never closed"
    assert lines[1] == "    2 | 1. Parties shall share [data][information"
    assert lines[2] == "      |                              ^"
    assert lines[3].startswith("hint: add ']'")


@pytest.mark.parametrize("name, cls", [
    ("unclosed-bracket", E.UnclosedBracket), ("stray-bracket", E.StrayBracket),
    ("unknown-delegation", E.UnknownDelegation), ("empty-alternative", E.EmptyAlternative),
    ("option-block-without-options", E.OptionBlockError),
    ("nesting-too-deep", E.NestingTooDeep), ("front-matter-malformed", E.FrontMatterError),
])
def test_named_errors(name, cls):
    with pytest.raises(cls):
        treatydraft.parse(read(FIXTURES / "errors" / name / "input.txt"))


@pytest.mark.parametrize("path", samples())
def test_samples_parse_strictly_and_round_trip(path):
    text = read(path)
    doc = treatydraft.parse(text, source=path.name)
    assert doc.to_text() == text
    assert doc.diagnostics == ()
    assert len(doc.articles()) >= 4
    assert doc.front.delegations
    kinds = {g.kind for g in doc.brackets()}
    assert kinds == {"alternatives", "optional", "options", "placeholder"}
    # every proposer is in the registry
    codes = set(doc.delegations)
    for g in doc.brackets():
        for a in g.alternatives:
            assert set(a.proposers) <= codes


def test_ids_are_unique_and_structural():
    doc = treatydraft.load(str(FIXTURES.parent.parent / "samples" / "convention-en.txt"))
    ids = [g.id for g in doc.brackets()]
    alt_ids = [a.id for g in doc.brackets() for a in g.alternatives]
    heading_ids = [h.id for h in doc.headings()]
    assert len(set(ids + alt_ids + heading_ids)) == len(ids + alt_ids + heading_ids)
    g = doc.find("art_4__para_2__brk_1")
    assert g.kind == "alternatives" and len(g.alternatives) == 3
    assert g.alternatives[2].id == "art_4__para_2__brk_1__alt_3"
    assert g.alternatives[2].proposers == ("USA",)
    inner = doc.find("art_4__para_2__brk_1__alt_2__brk_1")
    assert inner.depth == 2 and inner.alternatives[1].proposers == ("CHN",)


@pytest.mark.parametrize("text", ["Chapter I\nArticle 1\n1. [a][b]\n", "第一章\n第一条\n1. [a][b]\n",
                                  "الفصل 1\nالمادة 1\n1. [a][b]\n", "Chapitre I\nArticle 1\n1. [a][b]\n",
                                  "Глава I\nСтатья 1\n1. [a][b]\n"])
def test_issue11_division_numbers_give_the_same_ids_in_every_language(text):
    doc = treatydraft.parse(text)
    assert [h.id for h in doc.headings()] == ["chp_1", "art_1", "art_1__para_1"]
    assert [g.id for g in doc.groups()] == ["art_1__para_1__brk_1"]


def test_issue11_depth_counts_option_blocks():
    doc = treatydraft.parse("Article 1\nOption 1: Parties [shall][may] act.\n"
                            "Option 2:\n[Option A: x [now]\nOption B: z]\n")
    assert [(g.id, g.depth) for g in doc.brackets()] == [
        ("art_1__opts_1", 1), ("art_1__brk_1", 2), ("art_1__brk_2", 2),
        ("art_1__brk_2__alt_1__opts_1", 3), ("art_1__brk_2__alt_1__brk_1", 4)]


def test_issue11_errors_carry_their_diagnostics_as_a_declared_field():
    from treatydraft.ast import Diagnostic
    from treatydraft.errors import FormatError, InputError, StrayBracket
    with pytest.raises(StrayBracket) as info:
        treatydraft.parse("1. a ] b\n2. Parties share [data\n")
    err = info.value
    assert all(isinstance(d, Diagnostic) for d in err.diagnostics)
    assert [(d.code, d.severity, d.line, d.column) for d in err.diagnostics] == [
        ("stray-bracket", "error", 1, 6), ("unclosed-bracket", "error", 2, 18)]
    assert (err.line, err.column, err.code) == (1, 6, "stray-bracket")
    assert not hasattr(err, "all_errors") and not hasattr(err, "severity")
    assert err.report().count("^") == 2 and str(err) in err.report()
    # warnings are diagnostics, never raised: strict mode reads a text that only has them
    doc = treatydraft.parse("1. [a] [b]\n")
    assert [d.severity for d in doc.diagnostics] == ["warning"]
    assert issubclass(InputError, treatydraft.TreatyDraftError)
    assert issubclass(FormatError, treatydraft.TreatyDraftError)
    from treatydraft import io
    assert io.InputError is InputError


@pytest.mark.parametrize("text", ["[a]@U@A[b]", "x [a]@U@A[b] y", "[]@U@A[]", "[a]@U@A [b]\n"])
def test_a_second_attribution_after_a_bracket_is_text(text):
    """Regression (found by fuzzing): the token pass joined `[a]@U@A[b]` as one group while
    the grammar attaches one attribution to a bracket, and the text came back reordered
    (`[a]@U[b]@A`) or with `[b]` twice."""
    doc = treatydraft.parse(text, mode="tolerant")
    assert doc.to_text() == text
    assert [len(g.alternatives) for g in doc.groups()] == [1, 1]


@pytest.mark.parametrize("text", ["{;}{;}", "{a}{b}", "x {a} {b}\n"])
def test_braces_side_by_side_at_the_end_of_the_text(text):
    """Regression (found by fuzzing): a row of braces ending the text raised IndexError
    in tolerant mode."""
    doc = treatydraft.parse(text, mode="tolerant")
    assert doc.to_text() == text
    assert [len(g.alternatives) for g in doc.groups()] == [2]
