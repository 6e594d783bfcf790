"""The library API: parse/load, Document accessors, spans, limits."""
from __future__ import annotations

import io
import sys

import pytest

import treatydraft
from treatydraft import errors as E
from treatydraft.ast import BracketGroup, Heading
from treatydraft.testing import synthetic_draft

from fixtures import SAMPLES


def test_parse_modes_and_types():
    with pytest.raises(ValueError):
        treatydraft.parse("x", mode="lenient")
    with pytest.raises(TypeError):
        treatydraft.parse(b"x")


def test_brackets_in_document_order_with_ids_kinds_spans():
    text = "Article 5\n1. x\n2. A [b][c] d [e [f][g]] h [...]\n"
    doc = treatydraft.parse(text)
    got = [(g.id, g.kind, len(g.alternatives), g.span.line, g.span.column)
           for g in doc.brackets()]
    assert got == [
        ("art_5__para_2__brk_1", "alternatives", 2, 3, 6),
        ("art_5__para_2__brk_2", "optional", 1, 3, 15),
        ("art_5__para_2__brk_2__alt_1__brk_1", "alternatives", 2, 3, 18),
        ("art_5__para_2__ph_1", "placeholder", 0, 3, 28),
    ]
    g = doc.find("art_5__para_2__brk_1")
    assert text[g.span.start:g.span.end] == "[b][c]"
    assert (g.span.end_line, g.span.end_column) == (3, 12)
    assert g.alternatives[1].id == "art_5__para_2__brk_1__alt_2"


def test_delegations_and_diagnostics():
    doc = treatydraft.load(str(SAMPLES / "convention-en.txt"))
    assert doc.delegations["EGY"].groups == ("AFG",)
    assert doc.delegations["EU"].name == "European Union and its member States"
    assert doc.front.symbol == "A/AC.999/L.3/Rev.2" and doc.front.language == "en"
    bad = treatydraft.parse("1. a ] b [c\n", mode="tolerant")
    assert [(d.code, d.line, d.column) for d in bad.diagnostics] == [
        ("stray-bracket", 1, 6), ("unclosed-bracket", 1, 10)]


def test_footnote_attribution_is_read_from_the_note():
    doc = treatydraft.load(str(SAMPLES / "convention-en.txt"))
    g = doc.find("preamble__para_pp4__brk_1")
    assert g.alternatives[0].footnotes[0].label == "1"
    assert g.alternatives[0].proposers == ("RUS", "CHN")
    assert doc.footnotes["1"].text == "Proposed by the Russian Federation and China."


def test_document_is_immutable():
    doc = treatydraft.parse("[a][b]\n")
    with pytest.raises(Exception):
        doc.body = ()
    with pytest.raises(Exception):
        next(doc.brackets()).id = "x"


@pytest.mark.parametrize("depth", [12, 100])
def test_nesting_within_the_limit(depth):
    text = "[" * depth + "deep" + "]" * depth
    doc = treatydraft.parse(text)
    assert max(g.depth for g in doc.brackets()) == depth
    assert doc.to_text() == text


def test_thousands_of_levels_are_an_error_not_a_recursion_error():
    text = "[" * 5000 + "deep" + "]" * 5000
    with pytest.raises(E.NestingTooDeep) as info:
        treatydraft.parse(text)
    assert info.value.column == 101
    doc = treatydraft.parse(text, mode="tolerant")
    assert doc.to_text() == text
    assert [d.code for d in doc.diagnostics] == ["nesting-too-deep"]
    assert max(g.depth for g in doc.brackets()) == 100


def test_unclosed_thousands_of_brackets_tolerant():
    text = "Article 1\n" + "[" * 20000
    doc = treatydraft.parse(text, mode="tolerant")
    assert doc.to_text() == text
    assert {d.code for d in doc.diagnostics} <= {"unclosed-bracket", "nesting-too-deep"}


def test_large_draft_parses():
    text = synthetic_draft(3000)
    doc = treatydraft.parse(text)
    assert doc.to_text() == text
    assert len(doc.articles()) == 3000


def test_load_reads_files_and_stdin(tmp_path, monkeypatch):
    p = tmp_path / "d.txt"
    p.write_bytes("Article 1\r\n1. [a][b]\r\n".encode())
    assert treatydraft.load(p).to_text() == "Article 1\r\n1. [a][b]\r\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"[x]\n")))
    assert treatydraft.load("-").to_text() == "[x]\n"
    with pytest.raises(E.TreatyDraftError) as info:
        treatydraft.load(tmp_path / "missing.txt")
    assert "cannot read" in str(info.value)
    (tmp_path / "latin1.txt").write_bytes(b"Article 1\nna\xefve\n")
    with pytest.raises(E.TreatyDraftError) as info:
        treatydraft.load(tmp_path / "latin1.txt")
    assert (info.value.line, info.value.column) == (2, 3)


def test_headings_carry_levels_and_numbers():
    doc = treatydraft.parse("Chapter II\nArticle 19 ter\n3bis. x\n(a) y\n(i) z\n")
    got = [(h.kind, h.number, h.level, h.id) for h in doc.headings()]
    assert got == [("chapter", "2", 2, "chp_2"), ("article", "19ter", 4, "art_19ter"),
                   ("paragraph", "3bis", 5, "art_19ter__para_3bis"),
                   ("subparagraph", "a", 6, "art_19ter__para_3bis__subpara_a"),
                   ("subparagraph", "i", 7, "art_19ter__para_3bis__subpara_a__subpara_i")]
    assert all(isinstance(h, Heading) for h in doc.headings())


def test_group_around_a_paragraph_is_named_after_it():
    doc = treatydraft.parse("Article 1\n1. x\n[2. whole paragraph]\n")
    g = next(doc.brackets())
    assert isinstance(g, BracketGroup) and g.id == "art_1__para_2__brk_1"


def test_issue11_synthetic_drafts_from_the_package_are_deterministic_and_parse():
    from treatydraft.testing import synthetic_draft
    from fixtures import bench_module
    assert bench_module("synth").synthetic_draft is synthetic_draft  # bench/ uses it
    for n, seed in ((1, 7), (40, 7), (40, 3)):
        text = synthetic_draft(n, seed)
        assert text == synthetic_draft(n, seed)
        doc = treatydraft.parse(text)
        assert len(doc.articles()) == n and doc.to_text() == text
        assert not [d for d in doc.diagnostics if d.severity == "error"]
    assert synthetic_draft(40, 7) != synthetic_draft(40, 3)
    assert sum(1 for _ in treatydraft.parse(synthetic_draft(40)).brackets()) > 10


def test_issue11_document_holds_no_mutable_dict_and_finds_by_index():
    import pickle
    from dataclasses import replace
    doc = treatydraft.load(SAMPLES / "convention-en.txt")
    with pytest.raises(TypeError):
        doc.footnotes["x"] = None  # read-only
    g = doc.find("preamble__para_pp3__brk_1__alt_1__brk_1")
    assert g is doc.find(g.id) and g.kind == "alternatives"
    assert doc.find(g.id + "__alt_2").index == 2
    assert doc.find("art_1").id == "art_1" and doc.find("nope") is None
    # a new document indexes itself anew: never a stale look-up
    shorter = replace(doc, body=doc.body[:1])
    assert shorter.find(g.id) is None
    assert pickle.loads(pickle.dumps(doc)) == doc


def test_issue11_node_union_covers_every_node_walk_yields_and_literals():
    import typing

    from treatydraft import ast, parser
    from treatydraft.writers import docx as docx_writer
    members = set(typing.get_args(ast.Node))
    for sample in SAMPLES.glob("*.txt"):
        doc = treatydraft.load(sample)
        assert {type(n) for n in doc.walk()} <= members, sample.name
        assert {g.kind for g in doc.brackets()} <= set(typing.get_args(ast.GroupKind))
        assert {h.kind for h in doc.headings()} <= set(typing.get_args(ast.UnitKind))
    assert set(typing.get_args(ast.Severity)) == {"error", "warning"}
    assert set(typing.get_args(parser.Mode)) == {"strict", "tolerant"}
    assert set(typing.get_args(docx_writer.Style)) == set(docx_writer.STYLES)
    assert set(typing.get_args(docx_writer.Attribution)) == set(docx_writer.ATTRIBUTIONS)
