"""Issue 4: text -> AKN -> AST -> AKN is identical, and AKN -> text gives the draft back."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import treatydraft
from treatydraft.io import load
from treatydraft.readers.akn import read_akn
from treatydraft.schema import validate_akn
from treatydraft.writers.akn import to_akn

from fixtures import cases, read, samples

ALL_INPUTS = samples() + cases("akn") + cases("parse")


def _path(p):
    return p / "input.txt" if p.is_dir() else p


@pytest.mark.parametrize("path", ALL_INPUTS)
def test_round_trip(path):
    text = read(_path(path))
    doc = treatydraft.parse(text)
    xml = to_akn(doc)
    back = read_akn(xml, source="x.xml")
    assert back.to_text() == text
    assert back.body == doc.body and back.front == doc.front
    assert to_akn(back) == xml


def test_load_reads_xml(tmp_path):
    text = read(_path(samples("convention-en.txt")[0].values[0]))
    target = tmp_path / "draft.xml"
    target.write_bytes(to_akn(treatydraft.parse(text)))
    doc = load(target)
    assert doc.to_text() == text and doc.source == str(target)


def test_tolerant_document_round_trips_tolerantly():
    text = "Article 1. [unclosed and ] stray]\n"
    doc = treatydraft.parse(text, mode="tolerant")
    assert doc.diagnostics
    back = read_akn(to_akn(doc))
    assert back.to_text() == text and back.diagnostics == doc.diagnostics


# ---- hypothesis ---------------------------------------------------------------------

FRAGMENTS = [
    "[", "]", "［", "］", "【", "】", "[^1]", "\n[^1]: Proposed by RUS.", "[...]", "[X]",
    "{Placeholder for x}", "@RUS", "@@EU", "\\[", "\\]", "\\+", "\n\\end-options\n", "\n",
    "\r\n", " ", "\nArticle 1.", "\nArticle 2bis ", "\n第五条", "\nالمادة 3.", "\n1.",
    "\n2. ",
    "\n3bis.", "\n(a)", "\n(b) ", "\n(i)", "\n(PP1)", "\nOption 1:", "\nOption 2 @RUS:",
    "\nOption 3: @EU\n", "No text", "\nPreamble\n", "\nChapter II", "\n> note", "text", "数据",
    "بيانات", ", ", '"', "\x0c", "&<>", "\n[2. y]", "\n[(c) z]@EU",
]
FRONT = ("---\ntitle: T\nlanguage: en\ndate: 2026-01-02\ndelegations:\n"
         "  RUS: Russia\n  EU: Union\n---\n")
messy = st.tuples(st.sampled_from(["", FRONT]),
                  st.lists(st.sampled_from(FRAGMENTS), max_size=40)).map(
    lambda t: t[0] + "".join(t[1]))

words = st.sampled_from(["data", "information", "shall", "数据", "بيانات", ", inter alia,"])
codes = st.sampled_from(["", "@RUS", "@EU", "@RUS+EU"])


@st.composite
def group(draw, depth=0):
    alts = []
    for _ in range(draw(st.integers(1, 6))):
        inner = draw(group(depth + 1)) + " " if depth < 4 and draw(st.booleans()) else ""
        alts.append(f"[{draw(words)} {inner}{draw(words)}]{draw(codes)}")
    return draw(st.sampled_from(["", " "])).join(alts)


@st.composite
def draft(draw):
    out = [FRONT]
    for a in range(1, draw(st.integers(1, 4)) + 1):
        out.append(f"Article {a}. {draw(words)}\n")
        for p in range(1, draw(st.integers(1, 3)) + 1):
            body = f"{p}. {draw(words)} {draw(group())} {draw(words)}.\n"
            if draw(st.integers(0, 4)) == 0:
                body = f"[{body.rstrip()}]{draw(codes)}\n"
            out.append(body)
        if draw(st.booleans()):
            out.append("(a) item [a][b];\n[(b) item b;\n(c) item c]@EU\n")
    return "".join(out)


SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(messy)
def test_any_text_exports_valid_and_round_trips(text):
    doc = treatydraft.parse(text, mode="tolerant")
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    back = read_akn(xml)
    assert back.to_text() == text
    assert to_akn(back) == xml


@SETTINGS
@given(draft())
def test_generated_drafts_export_valid_and_round_trip(text):
    doc = treatydraft.parse(text)
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    back = read_akn(xml)
    assert back.body == doc.body
    assert to_akn(back) == xml
    assert len(list(back.groups())) == len(list(doc.groups()))


def test_brackets_nested_to_the_parser_limit():
    from treatydraft.parser import MAX_DEPTH
    text = "Article 1. X\n1. " + "[a " * MAX_DEPTH + "core" + "]" * MAX_DEPTH + ".\n"
    doc = treatydraft.parse(text)
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    assert read_akn(xml).to_text() == text
    assert xml.count(b'name="bracketGroup"') == MAX_DEPTH
