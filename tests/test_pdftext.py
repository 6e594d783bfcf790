"""Reflowing text copied out of a PDF (issue 12): ``treatydraft import --from pdf-text``."""
from __future__ import annotations

import re

import pytest

import treatydraft
from treatydraft.readers.pdftext import reflow
from treatydraft.writers.json import plain

from fixtures import cases, golden, seed_text


@pytest.mark.parametrize("folder", cases("pdftext"))
def test_case(folder):
    got = reflow((folder / "input.txt").read_text(encoding="utf-8"))
    golden(folder / "expected.txt", got.text)
    golden(folder / "expected-report.txt", "".join(ln + "\n" for ln in got.report()))
    treatydraft.parse(got.text)  # a valid draft, strictly


def test_seed_gives_one_paragraph_per_paragraph_and_the_nine_groups():
    got = reflow(seed_text())
    doc = treatydraft.parse(got.text, mode="tolerant")
    assert not [d for d in doc.diagnostics if d.code in ("unclosed-bracket", "stray-bracket")]
    groups = [[plain(a.children) for a in g.alternatives] for g in doc.brackets()]
    assert [len(g) for g in groups] == [2] * 9
    # the bracket broken over a line and a blank line (`[计算机数` / `据]`) is one word again
    assert ["计算机数据", "电子信息"] in groups
    lines = got.text.split("\n")
    numbers = [int(m.group(1)) for ln in lines if (m := re.match(r"(\d+)\. ", ln))]
    # two introductory paragraphs, then the 48 questions, each starting its own paragraph
    assert numbers == [1, 2] + list(range(1, 49))
    q19 = next(ln for ln in lines if ln.startswith("19. "))
    assert q19.endswith("[数据][信息]的人员的同意。")
    assert "在[数据][信息]地理位置" in q19 and " " not in q19[4:]
    assert "转交请求和材料" in lines  # a heading after a paragraph is a paragraph of its own


def test_page_furniture_is_reported_and_brackets_survive_page_breaks():
    folder = next(p.values[0] for p in cases("pdftext") if "furniture" in p.id)
    got = reflow((folder / "input.txt").read_text(encoding="utf-8"))
    assert "A/AC.291/L.5" not in got.text and "V.22-" not in got.text
    assert got.page_numbers == 2 and sum(got.furniture.values()) == 7
    doc = treatydraft.parse(got.text)
    texts = [[" ".join(plain(a.children).split()) for a in g.alternatives] for g in doc.brackets()]
    assert [", one or more of which, pursuant to a program, performs automatic processing "
            "of data"] in texts
    assert ["freezing", "preservation"] in texts


def test_blank_lines_separate_paragraphs_in_single_spaced_copies():
    got = reflow("First paragraph that is\nwrapped here.\n\nSecond paragraph.\n")
    assert got.text == "First paragraph that is wrapped here.\n\nSecond paragraph.\n"


def test_empty_input():
    assert reflow("").text == "" and reflow("\n\n").paragraphs == 0


def test_lines_a_text_repeats_are_not_taken_for_running_heads():
    """A published UN PDF (A/AC.296/2026/9, 81 pages) lost body lines to the furniture
    rule: each committee's composition ends `Caribbean States and Western European and
    other States;`, the rules of procedure head each rule `Rule 53`, and 64 rule numbers
    and 5 list items were dropped as running heads.  With the PDF reader's pages (form
    feeds), furniture is only what stands at the top or bottom of a page on at least 40%
    of the pages; a line that ends a clause or heads a unit never is."""
    folder = next(p.values[0] for p in cases("pdftext") if "repeated-body-lines" in p.id)
    got = reflow((folder / "input.txt").read_text(encoding="utf-8"))
    assert got.text.count("and other States;") == 3
    assert [ln for ln in got.text.split("\n") if ln.startswith("Rule ")] == \
        ["Rule 52", "Rule 53", "Rule 54"]
    assert got.furniture == {"A/AC.296/2026/9": 3, "26-06383 2/81": 3}
    assert "26-06383" not in got.text
