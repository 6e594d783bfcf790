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
