"""pandoc as an independent reader of the Word export: authors of every change, the
Accept-all and Reject-all texts, comments and footnotes.  Skips when pandoc is absent."""
from __future__ import annotations

import collections

import pytest

from treatydraft.writers.docx import to_docx
from treatydraft.writers.docx.tracked import classify, resolve_base

from fixtures import FIXTURES, parse_file, samples
from test_docx_support import (unattributed, change_elements, need_pandoc, other_choices, pandoc_json,
                               pandoc_lines, pandoc_spans, q, resolved_lines, variant_lines)

FIX = [pytest.param(FIXTURES / "docx" / c / "input.txt", id=c)
       for c in ("en-structure", "zh-basic", "ar-basic", "en-bracketed-options",
                     "en-adjacent-tracked-groups", "issue-13-marker-without-note")]


@pytest.fixture(autouse=True)
def _pandoc():
    need_pandoc()


def _names(doc):
    return {d.name for d in doc.front.delegations} | {unattributed(doc)}


@pytest.mark.parametrize("path", samples() + FIX)
def test_tracked_with_pandoc(path, tmp_path):
    doc = parse_file(path)
    tracked, _ = classify(doc)
    choices = resolve_base(doc, "first")
    res = to_docx(doc, style="tracked")
    out = tmp_path / "t.docx"
    out.write_bytes(res.data)

    assert pandoc_lines(out, "reject") == resolved_lines(doc, choices, tracked)
    assert pandoc_lines(out, "accept") == resolved_lines(
        doc, other_choices(doc, choices, tracked), tracked)

    spans = pandoc_spans(pandoc_json(out, "all"))
    changes = [(c, a) for c, a in spans if c in ("insertion", "deletion")]
    # every change pandoc sees has an author from the registry (pandoc drops unattributed ones)
    assert changes and all(a.get("author") in _names(doc) for _, a in changes)
    # and pandoc sees every change we wrote, with the same author (paragraph marks aside)
    ours = collections.Counter(
        ("insertion" if c.tag == q("ins") else "deletion", c.get(q("author")))
        for c in change_elements(res.data) if c.getparent().tag != q("rPr"))
    theirs = collections.Counter((c, a["author"]) for c, a in changes)
    assert set(theirs) == set(ours)
    assert all(theirs[k] >= n for k, n in ours.items())
    comments = [a for c, a in spans if c == "comment-start"]
    assert len(comments) == res.comments
    assert all(a.get("author") in _names(doc) for a in comments)
    assert sum(1 for c, _ in spans if c == "Note") == res.footnotes


@pytest.mark.parametrize("path", samples() + FIX)
def test_brackets_with_pandoc(path, tmp_path):
    doc = parse_file(path)
    out = tmp_path / "b.docx"
    res = to_docx(doc)
    out.write_bytes(res.data)
    expected = variant_lines(doc, {}, set())
    assert pandoc_lines(out, "accept") == expected
    spans = pandoc_spans(pandoc_json(out, "all"))
    assert sum(1 for c, _ in spans if c == "Note") == res.footnotes
    assert not [c for c, _ in spans if c in ("insertion", "deletion")]

    out_c = tmp_path / "c.docx"
    res_c = to_docx(doc, attribution="comments")
    out_c.write_bytes(res_c.data)
    spans = pandoc_spans(pandoc_json(out_c, "all"))
    comments = [a for c, a in spans if c == "comment-start"]
    assert len(comments) == res_c.comments
    assert all(a.get("author") in _names(doc) for a in comments)


def test_base_delegation_with_pandoc(tmp_path):
    path = FIXTURES / "docx" / "en-structure" / "input.txt"
    doc = parse_file(path)
    tracked, _ = classify(doc)
    base = ",".join(f"{g.id}={0 if len(g.alternatives) == 1 else 2}"
                    for g in doc.groups() if g.id in tracked)
    choices = resolve_base(doc, base)
    out = tmp_path / "d.docx"
    out.write_bytes(to_docx(doc, style="tracked", base=base).data)
    # dropped whole paragraph: Reject removes it without leaving an empty paragraph
    rejected = pandoc_lines(out, "reject")
    assert rejected == resolved_lines(doc, choices, tracked)
    assert not any(line.startswith("2. Each State Party") for line in rejected)
    assert pandoc_lines(out, "accept") == resolved_lines(
        doc, other_choices(doc, choices, tracked), tracked)
