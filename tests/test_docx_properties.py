"""hypothesis: any generated draft exports in every style without error, ids are unique,
every change and comment is attributed, and Reject/Accept all give the two variants."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

import treatydraft
from treatydraft.writers.docx import to_docx
from treatydraft.ast import Footnote, FootnoteRef
from treatydraft.document import walk
from treatydraft.operations import resolve
from treatydraft.writers.docx.tracked import classify, note_tracked, resolve_base

from test_docx_support import (body_lines, change_elements, other_choices, parts, q,
                               resolved_lines, unique_ids, variant_lines, xml)

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
CODES = ("RUS", "CHN", "EU", "USA", "AFG")
FRONT = ("---\ntitle: Generated\nsymbol: A/GEN/1\nlanguage: {lang}\ndate: 2026-05-04\n"
         "delegations:\n  RUS: Russian Federation\n  CHN: China\n  EU: European Union\n"
         "  USA: United States of America\n  AFG: African Group\n---\n")
words = st.sampled_from(["data", "information", "shall", "may", "数据", "信息", "بيانات",
                         ", inter alia,", "Parties", "[...]", "\\[sic\\]"])
attrib = st.one_of(st.just(""), st.lists(st.sampled_from(CODES), min_size=1, max_size=2,
                                         unique=True).map(lambda c: "@" + "+".join(c)))


@st.composite
def group(draw, depth=0):
    n = draw(st.integers(1, 3))
    alts = []
    for _ in range(n):
        text = draw(words)
        if depth < 2 and draw(st.integers(0, 4)) == 0:
            text += " " + draw(group(depth + 1)) + " "
        text += " " + draw(words)
        alts.append("[" + text + "]" + draw(attrib))
    tail = draw(st.sampled_from(["", "", "@@AFG"]))
    return draw(st.sampled_from(["", " "])).join(alts) + tail


@st.composite
def drafts(draw):
    lang = draw(st.sampled_from(["en", "zh", "ar"]))
    lines = []
    notes = 0
    for a in range(1, draw(st.integers(1, 3)) + 1):
        lines.append(f"Article {a}. " + draw(st.sampled_from(["Scope", "[Scope][Purpose]@EU"])))
        for p in range(1, draw(st.integers(1, 3)) + 1):
            kind = draw(st.integers(0, 9))
            body = f"{p}. The Parties"
            for _ in range(draw(st.integers(0, 3))):
                body += f" {draw(group())} {draw(words)}"
            if kind == 0:       # a whole bracketed paragraph
                lines.append(f"[{body}.]" + draw(attrib))
            elif kind == 1:     # a span across two subparagraphs
                lines.append(f"[(a) {draw(words)};\n(b) {draw(words)}.]" + draw(attrib))
            elif kind == 2:     # a draft footnote
                notes += 1
                lines.append(f"{body} [x y][z]{draw(attrib)}[^{notes}].")
                lines.append(f"[^{notes}]: Proposed by China.")
            elif kind == 4:     # a footnote whose own text holds groups
                notes += 1
                lines.append(f"{body} {draw(words)}[^{notes}].")
                lines.append(f"[^{notes}]: Note {draw(group())} {draw(words)} "
                             f"{draw(st.sampled_from(['', draw(group())]))}.")
            elif kind == 3:
                lines.append(f"{body}.")
                lines.append("> Chair's note: to be discussed.")
            else:
                lines.append(f"{body}.")
        if draw(st.integers(0, 3)) == 0:
            lines += ["Option 1 @RUS:", f"Text {draw(group())}.", "Option 2: No text",
                      "\\end-options"]
    return FRONT.format(lang=lang) + "\n".join(lines) + "\n"


@SETTINGS
@given(drafts(), st.sampled_from(["first", "RUS", "EU", "drop"]))
def test_generated_drafts_export(text, base):
    doc = treatydraft.parse(text)
    for kw in ({}, {"attribution": "comments"}):
        res = to_docx(doc, **kw)
        assert unique_ids(res.data)
        assert body_lines(res.data, "accept") == variant_lines(doc, {}, set())
    tracked, _ = classify(doc)
    if base == "drop":
        base = ",".join(f"{g.id}=0" for g in doc.groups()
                        if g.id in tracked and len(g.alternatives) == 1) or "first"
    res = to_docx(doc, style="tracked", base=base)
    revised = {g.id for n in doc.body if isinstance(n, Footnote) for g in note_tracked(n)}
    assert res.tracked == len(tracked) + len(revised)
    assert res.tracked + res.bracketed == len(list(doc.groups()))
    assert unique_ids(res.data)
    changes = change_elements(res.data)
    assert all(c.get(q("author")) for c in changes)
    assert not xml(res.data).findall(".//{*}del//{*}t")
    choices = resolve_base(doc, base)
    assert body_lines(res.data, "reject") == resolved_lines(doc, choices, tracked)
    assert body_lines(res.data, "accept") == resolved_lines(
        doc, other_choices(doc, choices, tracked), tracked)
    # the notes whose text holds groups ("Note ..."): Reject/Accept All give the notes
    # resolve gives with the same choices
    labels = [n.label for n in walk(doc.body) if isinstance(n, FootnoteRef)]
    for mode, picks in (("reject", choices), ("accept",
                                                other_choices(doc, choices, tracked | revised))):
        want = resolve(doc, {g: k for g, k in picks.items() if g in tracked | revised})
        expected = [want.footnotes[lb].shown for lb in labels
                    if lb in want.footnotes and want.footnotes[lb].shown.startswith("Note")]
        assert note_texts(res.data, mode) == expected


def note_texts(data: bytes, mode: str) -> list[str]:
    """The texts of the footnotes starting "Note", in order, after accepting or rejecting
    every change (our reading of word/footnotes.xml)."""
    if "word/footnotes.xml" not in parts(data):
        return []
    drop = q("ins") if mode == "reject" else q("del")
    out = []
    for fn in xml(data, "word/footnotes.xml").iter(q("footnote")):
        text = "".join(el.text or "" for el in fn.iter(q("t"), q("delText"))
                       if drop not in [a.tag for a in el.iterancestors()]).strip()
        if text.startswith("Note"):
            out.append(text)
    return out


# Pieces that exercise every terminal, glued at random: most results are broken drafts,
# read in tolerant mode; the export must still succeed and keep its rules.
FRAGMENTS = [
    "[", "]", "［", "］", "【", "】", "[^1]", "[^1]: Proposed by China.", "[...]", "[X]",
    "{Placeholder for x}", "@", "@RUS", "@@EU", "\\", "\\[", "\\+", "\\end-options", "\n",
    "\r\n", "\r", " ", "\t", "\x0c", "Article 1.", "第五条", "المادة 3.", "1.", "3bis.", "(a)",
    "(PP1)", "Option 1:", "Option 2 @RUS:", "No text", "Preamble", "Chapter II", "Part I",
    "Section 2", "> note", "---\n", "  RUS: Russia\n", "text", "数据", "بيانات", ", ", ".",
]


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
       st.sampled_from(["brackets", "comments", "tracked"]))
def test_messy_drafts_export(text, kind):
    doc = treatydraft.parse(text, mode="tolerant")
    kw = {"attribution": "comments"} if kind == "comments" else {"style": kind}
    res = to_docx(doc, **kw)
    assert unique_ids(res.data)
    assert all(c.get(q("author")) for c in change_elements(res.data))
    assert res.tracked + res.bracketed == len(list(doc.groups()))
