"""Property tests: losslessness on any input, tolerant mode never raises, generated drafts parse exactly."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings, strategies as st

import treatydraft
from treatydraft import errors as E
from treatydraft.ast import BracketGroup

# Pieces that exercise every terminal, glued at random: most results are broken drafts.
FRAGMENTS = [
    "[", "]", "［", "］", "【", "】", "[^1]", "[^1]: Proposed by China.", "[...]", "[ ]", "[X]",
    "{Placeholder for x}", "@", "@RUS", "@@EU", "+", "\\", "\\[", "\\]", "\\+", "\\end-options",
    "\n", "\r\n", "\r", " ", "\t", "Article 1.", "Article 2bis", "第五条", "المادة 3.", "1.",
    "3bis.", "(a)", "(i)", "(PP1)", "Option 1:", "Option 2 @RUS:", "Alt. 1", "3.3alt",
    "No text", "Preamble", "Chapter II", "一.", "> note", "---\n", "title: x\n", "  RUS: Russia\n",
    "text", "数据", "بيانات", ", ", ".", '"', "“", "x",
    # notations of real drafts (issue 13)
    "/", " / ", "*", "**", "_", "## ", "{linkages}", "[Note: x]", "[and]", "[20XX]", "[y]",
    "\ufeff", "**Option A:**", "Option (a):", " Option 2: ", "5.2bis Alt", "3.3", "3.3:",
    "a)", "i.", "Artigo 1", "Art.5", "[Placeholder for x]", "[.....]", "”", "«", "»",
    "\n---\nspaced-brackets: separate\n---\n",
    # options bracketed whole one by one
    "[Option 1: ", "\n[Option 2: ", "[Option (b): ", "Option 3:", "]@@EU", "Option 1.1:",
    # a footnote's own text is read as text: its brackets pair within its line
    "\n[^2]: see [a][b] and [c", "[^3]:",
]
messy = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(messy)
def test_tolerant_never_raises_and_round_trips(text):
    doc = treatydraft.parse(text, mode="tolerant")
    assert doc.to_text() == text
    assert all(d.code != "internal-error" for d in doc.diagnostics), doc.diagnostics


# Pieces of unit markers and option labels, short runs of them at the start of a line:
# the body grammar's terminals and grammar/label.lark must agree on every marker the
# first finds (`3.3alttext Option 2:`, `ALT(a) .` once made the label reader raise).
LABEL_FRAGMENTS = [
    "3", "3.3", "12", "1.2.3", ".", "a", "i", "iv", "alt", "Alt", "ALT", "Alt.", "bis", " bis",
    "quater", " ", "\t", ":", "：", ")", "(", "[", "［", "Option", "OPTION", "Alternative",
    "ALTERNATIVE", "Alternativa", "Variant", "Opción", "Вариант", "الخيار", "البديل",
    "备选案文", "二", "2", "II", "A", "(a)", "(ii)", "**", "*", "## ", "_", "one", "Uno",
    "Article", "Art.", "Artículo", "Статья", "المادة", "第", "条", "之一", "(PP1)", "PP",
    "OP2", "(OP)", "Chapter", "Глава", "Preamble", "序言", "章", "-", "(paras 4-7bis)", "٣",
    "abc", "tex", "Energy", "No text", "@RUS", "\n",
]
label_lines = st.lists(st.sampled_from(LABEL_FRAGMENTS), min_size=1, max_size=8).map("".join)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label_lines)
@example("3.3alttext Option 2:").via("regression, issue 13")
@example("3.3 alt").via("regression, issue 13")
@example("ALT(a) .").via("regression, issue 13")
@example("[2. [Option 1:").via("regression, issue 13")
def test_tolerant_reads_every_label_like_line(text):
    doc = treatydraft.parse("Article 1\n" + text + " [x] [y]\n", mode="tolerant")
    assert doc.to_text() == "Article 1\n" + text + " [x] [y]\n"


@SETTINGS
@given(st.text(max_size=200))
def test_tolerant_on_arbitrary_unicode(text):
    doc = treatydraft.parse(text, mode="tolerant")
    assert doc.to_text() == text
    assert all(d.code != "internal-error" for d in doc.diagnostics)


@SETTINGS
@given(messy)
def test_strict_either_accepts_losslessly_or_raises_a_named_error(text):
    try:
        doc = treatydraft.parse(text)
    except E.TreatyDraftError as err:
        assert err.line is not None and err.column is not None
        tolerant = treatydraft.parse(text, mode="tolerant")
        assert any(d.severity == "error" for d in tolerant.diagnostics)
    else:
        assert doc.to_text() == text
        assert not [d for d in doc.diagnostics if d.severity == "error"]


# ---- generated well-formed drafts: we know every group they contain -----------------

words = st.sampled_from(["data", "information", "shall", "may", "数据", "信息", "بيانات",
                         "y compris", ", inter alia,", "Parties"])


@st.composite
def groups(draw, depth=0):
    """(text, shape) where shape is a list of (n_alternatives, [inner shapes]) per group."""
    n = draw(st.integers(1, 4))
    alts, shape_inner = [], []
    for _ in range(n):
        parts, inner = [draw(words)], []
        if depth < 3 and draw(st.booleans()) and draw(st.booleans()):
            t, s = draw(groups(depth + 1))
            parts += [" ", t, " "]
            inner.append(s)
        parts.append(draw(words))
        alts.append("[" + "".join(parts) + "]")
        shape_inner.extend(inner)
    gap = draw(st.sampled_from(["", " "]))
    return gap.join(alts), (n, shape_inner)


@st.composite
def drafts(draw):
    lines, shapes = [], []
    for a in range(1, draw(st.integers(1, 3)) + 1):
        lines.append(f"Article {a}. Heading")
        for p in range(1, draw(st.integers(1, 3)) + 1):
            text = f"{p}. The Parties"
            for _ in range(draw(st.integers(0, 3))):
                g, s = draw(groups())
                text += f" {g} {draw(words)}"
                shapes.append(s)
            lines.append(text + ".")
    # the generator writes spaced alternatives (`[a] [b]`), so it says so
    return "---\nspaced-brackets: alternatives\n---\n" + "\n".join(lines) + "\n", shapes


def _shape(group: BracketGroup):
    inner = [_shape(g) for a in group.alternatives for g in a.children
             if isinstance(g, BracketGroup)]
    return (len(group.alternatives), inner)


@SETTINGS
@given(drafts())
# side by side, a bracket going on with `y` (`and`) is an alternative all the same in a
# draft that declares `spaced-brackets: alternatives` (found by this test)
@example(("---\nspaced-brackets: alternatives\n---\nArticle 1. Heading\n"
          "1. The Parties [datadata][y comprisdata] data.\n", [(2, [])]))
def test_generated_drafts_parse_to_the_groups_they_were_built_from(draft):
    text, shapes = draft
    doc = treatydraft.parse(text)
    assert doc.to_text() == text
    top = [n for n in doc.walk() if isinstance(n, BracketGroup) and n.depth == 1]
    assert [_shape(g) for g in top] == shapes
    ids = [g.id for g in doc.brackets()]
    assert len(ids) == len(set(ids))


MARKER_BITS = ["Option", "Alt", "alt", "Alt.", "Opción", "备选案文", "Article", "Art.", "第", "条",
               "之二", "Chapter", "PARTE", "1", "2", "13", "3.3", "5.2", "bis", " ter", "I", "II",
               "A", "(a)", "(b)", "a", ".", ":", "：", " ", "**", "(paras 6-9bis)", "(PP1)",
               "PP", "OP", "(", ")", "i", "iv", "一", "、", "[", "٣", "المادة", "Вариант"]


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(MARKER_BITS), max_size=8).map("".join), max_size=6))
def test_every_marker_the_body_grammar_finds_reads_with_the_label_grammar(lines):
    """grammar/treaty.lark and grammar/label.lark agree (issue 13): a marker the body
    lexer finds always has named parts."""
    from treatydraft import tokenpass
    from treatydraft.labels import read_marker
    from treatydraft.syntax import LABEL_KINDS
    text = "\n".join(lines) + "\n"
    for tok in tokenpass.lex(text):
        if tok.type in LABEL_KINDS:
            assert read_marker(tok.type, str(tok)).kind
    assert treatydraft.parse(text, mode="tolerant").to_text() == text
