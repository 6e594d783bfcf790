"""Reading notations of real drafts (issue 13): each case under tests/fixtures/reading/ is an
input with an expected structure in the corpus format (tests/corpus/README.md), written by
reading; the parse must give exactly that structure.  The same comparison measures the
real-text corpus (bench/fidelity.py), whose floor is checked here too."""
from __future__ import annotations

import io
import logging
import re

import pytest
from fixtures import ROOT, bench_module, cases, read
from lark import Lark, logger

import treatydraft
from treatydraft.ast import BracketGroup, Heading, OptionBlock
from treatydraft.operations import resolve
from treatydraft.syntax import LABEL_KINDS, grammar_text
from treatydraft.tables_build import IMPORT_PATHS

fidelity = bench_module("fidelity")


@pytest.mark.parametrize("case", cases("reading"))
def test_reading_matches_expected_structure(case):
    text = read(case / "input.txt")
    doc = treatydraft.parse(text, mode="tolerant", source=case.name)
    assert doc.to_text() == text
    exp = fidelity.read_expected(case / "expected.txt")
    got = fidelity.read_actual(doc)
    assert sorted(got.groups) == sorted(exp.groups)
    assert got.options == exp.options
    assert sorted(got.placeholders) == sorted(exp.placeholders)
    assert sorted(got.notes) == sorted(exp.notes)
    assert sorted(got.refs) == sorted(exp.refs)
    assert sorted(got.unbalanced) == sorted(exp.unbalanced)


@pytest.mark.parametrize("case", cases("reading"))
def test_reading_is_the_same_with_crlf_line_ends(case):
    """Text saved on Windows (CRLF) reads as the same structure, at the same places."""
    text = read(case / "input.txt").replace("\r\n", "\n").replace("\n", "\r\n")
    doc = treatydraft.parse(text, mode="tolerant", source=case.name)
    assert doc.to_text() == text
    exp, got = fidelity.read_expected(case / "expected.txt"), fidelity.read_actual(doc)
    assert (sorted(got.groups), got.options, sorted(got.placeholders),
            sorted(got.notes), sorted(got.refs)) == (
        sorted(exp.groups), exp.options, sorted(exp.placeholders),
        sorted(exp.notes), sorted(exp.refs))


def _codes(text: str, mode: str = "tolerant") -> list[str]:
    return [d.code for d in treatydraft.parse(text, mode=mode).diagnostics]


def test_spaced_guess_is_a_warning_naming_both_readings():
    doc = treatydraft.parse("Parties shall share [data] [information].\n")
    (warning,) = doc.diagnostics
    assert (warning.code, warning.severity) == ("ambiguous-spacing", "warning")
    assert "1:21" in warning.hint and "1:28" in warning.hint
    assert [len(g.alternatives) for g in doc.groups()] == [2]


def test_spaced_guess_read_as_insertions_warns_too():
    """Read as two insertions on weak evidence: the warning names the other reading."""
    doc = treatydraft.parse("Parties shall achieve [within this decade] [a substantial "
                            "reduction] of emissions.\n")
    (warning,) = doc.diagnostics
    assert (warning.code, warning.severity) == ("ambiguous-spacing", "warning")
    assert "two independent insertions" in warning.message
    assert "1:23" in warning.hint and "1:44" in warning.hint
    assert [len(g.alternatives) for g in doc.groups()] == [1, 1]
    # where the reading is certain (the second continues with a connective), no warning
    doc = treatydraft.parse("Parties shall act [now] [and report on it].\n")
    assert not doc.diagnostics and [len(g.alternatives) for g in doc.groups()] == [1, 1]


def test_evidence_from_the_whole_text_is_read_across_segments(monkeypatch):
    """A group written side by side in one paragraph, and `[]` written apart as a gap,
    decide readings elsewhere, also when the draft is read in segments (as long drafts
    are): reading in segments changes nothing."""
    from treatydraft import parser
    from treatydraft.ast import Placeholder
    text = ("1. Parties report their [contributions][commitments][other].\n\n"
            "2. The [contributions] [commitments][other] of each Party.\n\n"
            "3. The [] Standards apply.\n\n4. Each Party has paid the fee[];\n")
    whole = parser._parse(text, strict=False, source=None, stream=False, fast=False)
    monkeypatch.setattr(parser, "SEGMENT", 1)
    assert parser._parse(text, strict=False, source=None) == whole
    shapes = [(g.span.line, len(g.alternatives)) for g in whole.groups()]
    assert (3, 3) in shapes
    gaps = [n.span.line for n in whole.walk() if isinstance(n, Placeholder)]
    assert gaps == [5, 7]


@pytest.mark.parametrize("convention,shape", [("alternatives", [2]), ("separate", [1, 1]),
                                              ("auto", [2])])
def test_spaced_brackets_convention_in_front_matter(convention, shape):
    text = f"---\nspaced-brackets: {convention}\n---\nshare [data] [information].\n"
    doc = treatydraft.parse(text)
    assert [len(g.alternatives) for g in doc.groups()] == shape
    assert ("ambiguous-spacing" in [d.code for d in doc.diagnostics]) == (convention == "auto")


def test_editorial_brackets_warn_with_the_escape_hint_in_both_modes():
    text = 'As written: "they remain[] free" and "[We] the peoples".\n'
    for mode in ("strict", "tolerant"):
        doc = treatydraft.parse(text, mode=mode)
        assert [d.code for d in doc.diagnostics] == ["editorial-bracket"] * 2
        assert all("\\[" in d.hint for d in doc.diagnostics)
        assert not list(doc.groups())


def test_suspicious_pairing_warns_in_strict_mode_and_keeps_the_pair():
    text = ("Article 1\n1. States shall [adopt measures.\nArticle 2\n"
            "1. Parties shall cooperate] with others.\n")
    doc = treatydraft.parse(text)  # strict: a warning, the pair is kept
    assert [d.code for d in doc.diagnostics] == ["suspicious-pairing"]
    assert "4:27" in doc.diagnostics[0].message
    assert len(list(doc.groups())) == 1
    assert _codes(text) == ["suspicious-pairing", "unclosed-bracket", "stray-bracket"]


def test_options_bracketed_one_by_one_compete_in_one_block():
    """`[Option 1: ...]` then `[Option 2: ...]`: one block whose options keep their
    brackets; resolving it keeps one option's words, without label or brackets."""
    text = ("Article 8\n1. Parties shall:\n[Option 1: cooperate [closely];]\n"
            "[Option 2: No text]\n2. Parties act.\n")
    doc = treatydraft.parse(text)
    assert doc.to_text() == text and not doc.diagnostics
    (block,) = [g for g in doc.groups() if isinstance(g, OptionBlock)]
    assert [(o.open, o.label, o.close, o.no_text) for o in block.options] == [
        ("[", "Option 1:", "]", False), ("[", "Option 2:", "]", True)]
    assert block.gaps == ("\n",) and (block.span.line, block.span.end_line) == (3, 4)
    assert resolve(doc, {block.id: 1}).to_text() == (
        "Article 8\n1. Parties shall:\ncooperate [closely];\n2. Parties act.\n")
    # `No text` removes the provision the block stands in, as in any block
    assert resolve(doc, {block.id: 2}).to_text() == "Article 8\n2. Parties act.\n"


def test_unit_number_before_the_first_label_heads_the_unit_holding_the_block():
    """Regression (issue 13): `5. Option 1: ...` made the number part of the label, so the
    block stood in the article and ran on over paragraph 6; resolving it removed paragraph
    6 and the number 5."""
    text = ("Article 5\n5. Option 1: Parties shall report.\nOption 2: Parties may report.\n\n"
            "6. Parties shall cooperate.\n7. [Option 1: Parties share data.]\n"
            "[Option 2: No text]\n8. Reports are public.\n"
            "13.2 Option 1: Parties act.\n13.2 Option 2: Parties may act.\n")
    doc = treatydraft.parse(text)
    assert doc.to_text() == text and not doc.diagnostics
    blocks = [g for g in doc.groups() if isinstance(g, OptionBlock)]
    assert [(b.location, [o.label for o in b.options]) for b in blocks] == [
        ("art_5__para_5", ["Option 1:", "Option 2:"]),
        ("art_5__para_7", ["Option 1:", "Option 2:"]),
        # the number written again before a later label continues the block
        ("art_5__para_13-2", ["Option 1:", "13.2 Option 2:"])]
    assert [h.id for h in doc.headings()] == [
        "art_5", "art_5__para_5", "art_5__para_6", "art_5__para_7", "art_5__para_8",
        "art_5__para_13-2"]
    first = resolve(doc, {b.id: 1 for b in blocks}).to_text()
    assert first == ("Article 5\n5. Parties shall report.\n6. Parties shall cooperate.\n"
                     "7. Parties share data.\n8. Reports are public.\n13.2 Parties act.\n")
    # `No text` removes paragraph 7, its number with it
    assert "7." not in resolve(doc, {blocks[1].id: 2}).to_text()


@pytest.mark.parametrize("lead,after", [("**", "**"), ("## ", ""), ("“", ""), ("", "")])
def test_resolving_a_block_removes_label_lines_with_their_residue(lead, after):
    """A label's line left with nothing but web or quotation residue (`**Option 1:**`,
    `## Option 2`, `“Option 1`) goes whole; the residue before the next label too."""
    text = (f"Article 1\n{lead}Option 1:{after}\n1. Parties act.\n"
            f"{lead}Option 2:{after}\n1. Parties may act.\n2. They report.\n")
    doc = treatydraft.parse(text)
    (block,) = [g for g in doc.groups() if isinstance(g, OptionBlock)]
    assert resolve(doc, {block.id: 1}).to_text() == "Article 1\n1. Parties act.\n"
    assert resolve(doc, {block.id: 2}).to_text() == (
        "Article 1\n1. Parties may act.\n2. They report.\n")


def test_a_parenthesis_closing_an_unclosed_bracket_is_a_warning_or_a_hint():
    text = "1. the following [crimes] [acts), when committed [and] systematic.\n"
    doc = treatydraft.parse(text, mode="tolerant")
    assert doc.to_text() == text
    # an error (strict mode refuses the text), read on with the likeliest repair
    (error,) = [d for d in doc.diagnostics if d.severity == "error"]
    assert (error.code, error.line, error.column) == ("paren-closes-bracket", 1, 27)
    assert "1:32" in error.message
    group = next(doc.groups())
    assert [(a.text(), a.close) for a in group.alternatives] == [("crimes", "]"), ("acts", ")")]
    with pytest.raises(treatydraft.errors.ParseError) as err:
        treatydraft.parse(text)
    assert err.value.diagnostics[0].code == "unclosed-bracket"
    assert "')' at 1:32" in err.value.diagnostics[0].hint


def test_options_bracketed_one_by_one_with_text_between_warn_in_both_modes():
    text = ("Article 8\n4. Parties act.\n[Option 1: The arrangements shall serve.]\n\n"
            "Page 4 of 20\n\n[Option 2: A mechanism shall be established.]\n"
            "5. [Option 1: One.]\n6. [Option (a): Two.]\n[Option (b): Three.]\n")
    for mode in ("strict", "tolerant"):
        doc = treatydraft.parse(text, mode=mode)
        assert doc.to_text() == text
        assert [(d.code, d.severity, d.line, d.column) for d in doc.diagnostics] == [
            ("bracketed-options", "warning", 7, 1)]
        assert "3:1" in doc.diagnostics[0].message
        assert [len(g.options) for g in doc.groups() if isinstance(g, OptionBlock)] == [
            1, 1, 1, 2]
    # a bracket holding a whole block, or labels outside the brackets: one block as ever
    assert _codes("Article 8\n[Option 1: A.\nOption 2: B.]\n") == []
    assert _codes("Article 8\nOption 1: [A.]\nOption 2: [B.]\n") == []
    # a bracket with an attribution of its own is a bracket holding a block of one option
    assert _codes("Article 8\n[Option 1: A.]@@EU\n\n[Option 2: B.]@@EU\n") == [
        "unknown-delegation", "bracketed-options", "unknown-delegation"]


def test_bracket_spanning_a_list_from_its_chapeau_is_not_suspicious():
    text = "1. States shall [adopt:\n(a) one;\n(b) two,]@BRA\nor other measures.\n"
    assert _codes(text.replace("@BRA", "")) == []


def test_drafting_notes_are_not_groups_nor_variants():
    doc = treatydraft.parse("1. Text [shall][may] act. [Note: to be revisited] {see 4.1}\n")
    assert [n.text for n in doc.notes()] == ["Note: to be revisited", "see 4.1"]
    assert len(list(doc.brackets())) == 1
    from treatydraft.operations.variants import count_variants
    assert count_variants(doc) == 2


def test_bom_is_kept_and_front_matter_still_read():  # issue 8, item 3
    text = "\ufeff---\nlanguage: en\ndelegations:\n  EU: European Union\n---\nArticle 1\n" \
           "1. [a]@EU text.\n"
    doc = treatydraft.parse(text)
    assert doc.to_text() == text and doc.bom == "\ufeff"
    assert doc.front.language == "en" and "EU" in doc.delegations
    assert [h.id for h in doc.headings()] == ["art_1", "art_1__para_1"]


@pytest.mark.parametrize("nl", ["\r", "\r\n", "\n"])
def test_every_line_end_is_a_line_end(nl):  # issue 8, item 8
    text = nl.join(["Article 1", "1. First [a][b].", "2. Second.", ""])
    doc = treatydraft.parse(text)
    assert doc.to_text() == text
    assert [h.id for h in doc.headings()] == ["art_1", "art_1__para_1", "art_1__para_2"]


@pytest.mark.parametrize("name,options", [
    ("treaty", {"lexer": "basic", "import_paths": IMPORT_PATHS}),
    ("label", {"lexer": "contextual", "start": list(LABEL_KINDS.values())}),
    ("front", {})])
def test_grammar_has_no_lalr_conflicts_and_no_unused_terminals(name, options):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        Lark(grammar_text(name), parser="lalr", debug=True, **options)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)
    log = stream.getvalue()
    assert "conflict" not in log.lower(), log
    # Lark lists terminals that no rule uses; each must be a part of another terminal
    # (or a keyword table that treaty.lark imports from label.lark)
    body = re.sub(r"//[^\n]*", "", grammar_text("treaty") + "\n" + grammar_text("label"))
    for line in log.splitlines():
        if line.startswith("Unused terminals:"):
            for term in set(re.findall(r"'(\w+)'", line)) - {"TERMINAL"}:
                uses = len(re.findall(rf"\b{term}\b", body)) - \
                    len(re.findall(rf"^{term}(?:\.\d+)?:", body, re.M))
                assert uses > 0, f"terminal {term} is defined but never used"


def test_every_marker_in_the_tests_reads_with_the_label_grammar():
    """The body grammar's markers and grammar/label.lark agree: each reads to named parts."""
    from treatydraft import tokenpass
    from treatydraft.labels import read_marker
    texts = [p.read_bytes().decode("utf-8") for p in sorted(ROOT.glob("tests/**/input.txt"))]
    texts += [p.read_bytes().decode("utf-8") for p in sorted(ROOT.glob("samples/*.txt"))]
    seen = 0
    for text in texts:
        for tok in tokenpass.lex(text):
            if tok.type in LABEL_KINDS:
                marker = read_marker(tok.type, str(tok))
                assert marker.kind and (marker.number or marker.kind == "preamble"), tok
                seen += 1
    assert seen > 500
    assert read_marker("ARTICLE", "Article 19 ter") == ("article", "19 ter", "", "")
    assert read_marker("DIVISION", "PARTE II.").kind == "part"
    assert read_marker("DIVISION", "第三节")[:2] == ("section", "三")
    assert read_marker("OPTION", "**Option II** (paras 6-9bis):".strip("*")) == \
        ("option", "II", "roman", "(paras 6-9bis)")
    assert read_marker("OPTION", "5.2bis Alt")[1:3] == ("2", "alt:5.2bis")


def test_issue13_renumbered_paragraph_is_a_number_with_a_warning():
    text = ("Article 3\nOption I\n1. Text [a][b].\nOption II\n1. Other text.\n"
            "[2][1]. Decides [that][this].\n")
    doc = treatydraft.parse(text)  # strict: a warning only
    assert doc.to_text() == text
    assert [u.id for u in doc.units()][-1] == "art_3__para_2"
    (warning,) = doc.diagnostics
    assert (warning.code, warning.severity, warning.line, warning.column) == \
        ("bracketed-number", "warning", 6, 1)
    assert "[2][1]." in warning.message and "paragraph 2" in warning.message
    # the brackets of the number are not a group: two groups, `[a][b]` and `[that][this]`
    groups = [g for g in doc.brackets() if isinstance(g, BracketGroup)]
    assert [len(g.alternatives) for g in groups] == [2, 2]


def test_issue13_strict_error_names_the_bracket_opened_mid_paragraph():
    # the paragraph's bracket closes at the paragraph's end; the error is the mid-line one
    text = ("Article 9\n[1. Each Party shall act. [It may also act,\n"
            "in appropriate cases.]\n2. Text.\n")
    with pytest.raises(treatydraft.ParseError) as exc:
        treatydraft.parse(text)
    assert (exc.value.code, exc.value.line, exc.value.column) == ("unclosed-bracket", 2, 27)
    doc = treatydraft.parse(text, mode="tolerant")
    assert doc.to_text() == text
    (group,) = [g for g in doc.brackets() if isinstance(g, BracketGroup)]
    assert (group.span.line, group.span.column, group.span.end_line) == (2, 1, 3)


def test_real_text_corpus_floor():
    """The reading of the published excerpts may not fall below today's measure.

    Targets (issue 13) are 95% overall and 90% per document; see docs/format.md and
    bench/fidelity.py for where the reading stands.  This floor catches regressions."""
    scores, total = fidelity.run()
    assert len(scores) >= 15
    assert total.precision >= 0.95 and total.recall >= 0.95
    assert total.options_found / total.options_expected >= 0.9
    # every document at 90% or more, except these (precision, recall today), each read
    # differently from its expected file in ways docs/format.md's notes explain
    below = {"a-unfccc-adp-2015-10-md-en": (0.93, 0.88),
             "a-unfccc-inc-1992-ocr-en": (0.85, 1.0),
             "b-acta-2010-transparency-html-en": (0.90, 0.82),
             # unseen texts (see tests/corpus/README.md): `(for example, [holders]/[owners])`
             # in a note explaining the notation, labelled editorial (doubtful)
             "b-wipo-igc-2012-tk-draft-web-en": (0.80, 1.0),
             # seventh round: `the Ministers of the [134] WTO Members`, a provisional
             # figure labelled a placeholder (doubtful), read as an optional group
             "b-wto-1999-seattle-draft2-web-en": (0.75, 1.0),
             # fifteenth round: `armed conflict [colonial and other forms of alien
             # domination ...] [failure to protect all human rights ...]`, two list items
             # side by side with a blank, labelled two insertions; no evidence either way,
             # read as alternatives with the warning ambiguous-spacing
             "b-fwcw-1995-dpa-para43-web-en": (0.80, 0.66),
             # nineteenth round: `[changing unsustainable - EU, G77 retain / promoting
             # sustainable - US]`, two rivals with their proponents inside one bracket,
             # labelled two alternatives; the format reads one bracket as one group
             "b-uncsd-2012-future-we-want-web-en": (0.5, 0.5),
             # twentieth round: paragraph 1.1 opens with a bracket the labeller reads as
             # never closed (pairing the line's last `]` with a later one, a doubt the
             # labeller noted); the parser pairs them the other way
             "b-ftaa-2001-agriculture-art1-pt": (0.81, 0.68),
             # twenty-fifth round: a news site's glosses in brackets inside its quotation of a note (`the
             # Parties [States]`), labelled editorial, read as optional groups (the
             # quotation holds three brackets)
             "a-unfccc-sb58-2023-gst-structure-web-en": (0.0, 1.0),
             # `"without prejudice to [other] measures,"`: a proposed insertion in a
             # quotation, labelled optional, read as an editor's bracket
             "b-who-inb-2024-art11-footnote-web-en": (1.0, 0.8),
             # twenty-seventh round: `[identify/address all forms and] [eradicate all]
             # manifestations`, labelled rivals (doubtful: read in sequence, the second
             # completes the first's `and`), read as two insertions
             "b-durban-review-2009-iswg-outcome-pdf-en": (0.6, 0.75),
             # twenty-eighth round: Arabic brackets of a concordance stored three ways at
             # once (as characters, mirrored beside an unmirrored Latin `[x]`, one lost),
             # labelled by their meaning (doubts noted); read as the characters pair
             "a-unfccc-2000-mechanisms-concordance-web-fr-ar": (0.7, 0.77),
             # thirtieth round: two one-word brackets in one quotation, verbs an editor put
             # in the reporting sentence's mood (`se le pidió "que [elaborara] un texto ...
             # que [integrara] ..."`), labelled editorial; a quotation holding two brackets
             # is read as quoted draft text, so they are read as optional groups
             "b-unesco-2005-diversity-consolidated-web-es": (0.0, 1.0),
             # thirty-first round: a law journal's headnote in its house style, each
             # paragraph opened with `[` and only the last closed, so the first `[` is read
             # unclosed and the second paragraph's bracket as optional text
             "b-endc-1968-npt-draft-ilm-notes-web-en": (0.0, 1.0),
             # thirty-fifth round: a compilation copied onto one line, so `1 bis alt` stands
             # mid-line (units are read at a line's start), and a sponsor's `; EU]` that the
             # labeller pairs with the proposal's first `[`, the parser with the nearest
             "b-unga-2011-ncd-compilation-pdf-en": (0.33, 0.5),
             # thirty-fourth round: a news bulletin's aside in brackets (`[Rule 16 provides
             # that “...”]`), labelled a note, read as an optional group (a whole sentence in
             # brackets after a sentence is a draft's usual optional text)
             "a-unfccc-sb64-2026-gga-twn-web-en": (0.0, 1.0),
             # fortieth round: the FTAA services chapter in French, whose brackets do not
             # balance and which the labeller pairs by the English text
             "b-ftaa-2001-services-scope-web-fr": (0.72, 0.86),
             # forty-third round: FTAA 2002 competition, where two bracketed paragraphs one
             # after the other ending with `.` are read as rival versions (`[1.3 Any
             # exclusions ...]] [The Parties agree not to exclude ...]`), the labeller reads
             # two optional paragraphs
             "b-ftaa-2002-competition-web-en": (0.88, 0.8),
             # fiftieth round: `strategy [voluntary] [national action plan]`, an adjective
             # and a noun phrase labelled two insertions, read as rivals (no evidence)
             "a-unfccc-awglca-2009-nama-cluster-e-web-en": (0.85, 0.75),
             # sixty-first round: an ENB bulletin of 1997 quoting bracketed text its own
             # way: rivals with words between them (`from [1990 levels] or an [average
             # annual level]`) and brackets written against each other that the labeller
             # reads as a chain of insertions (`reduce [or limit][its/their][net][aggregate]
             # emissions`)
             "b-unfccc-agbm8-1997-qelros-enb-md-en": (0.57, 0.44),
             # sixty-sixth round: `an [in depth][technical][assessment] or [review]`, two
             # rival adjectives side by side, then two rival nouns joined by `or`, which the
             # format reads as one group of four (brackets side by side compete, and `or`
             # joins the last to them); nothing but the words' kinds tells them apart
             "b-unfccc-sbi7-1997-nai-communications-enb-md-en": (0.66, 0.5),
             # seventieth round: a concordance whose Arabic column opens an option bracketed
             # whole mid-line, after `| UN | ` (`[الخيار1: ...`): option labels are read at
             # the start of a line only, so its bracket is read as an optional group
             "b-unfccc-2000-art8-review-concordance-web-es-ar": (0.83, 1.0),
             # seventy-third round: a blog listing a recital's brackets one per line, each
             # line one bracket, which the labeller reads as three rivals (doubtful) and the
             # parser as three optional groups
             "a-unfccc-adp-2015-10-preamble-6pumpcourt-web-en": (0.25, 0.5),
             # seventy-fourth round: a forum's copy of a draft whose note lost its opening
             # `[Note:`: the labeller reads the title's `[` as unclosed and the note's `]` as
             # stray, the parser pairs them (one optional group over the title)
             "b-itu-wsis-2003-pc3-plan-of-action-dt2-forum-web-en": (0.0, 1.0),
             # seventy-fifth round: the Lima co-chairs' draft of 2014, where the labeller
             # reads brackets written against each other as insertions (`[the reduction of
             # ][[the significant gap ...]`, doubtful) and `[2 C or] [1.5 C]` as rivals
             # (doubtful); a blog's copy of the pandemic agreement text of September 2024
             # whose new paragraph lost its closing bracket, which the labeller reads as
             # unclosed and the parser pairs with a `]` further on
             "b-unfccc-adp-2014-lima-cochairs-draft-scribd-web-en": (0.89, 0.89),
             "b-who-inb-2024-16sep-unofficial-substack-web-en": (0.87, 1.0),
             # seventy-sixth round: a table of contents' rival titles, two written against
             # each other and a third spaced from them (`[[Administration des mesures]
             # [Procédures administratives] [Application des règlements ...]]`), which the
             # labeller reads as three rivals; the format reads the blank after brackets
             # side by side as separating groups
             "b-ftaa-2003-toc-web-fr": (0.87, 0.93),
             # seventy-eighth round: a report's Akoma Ntoso HTML on one line, where a rival
             # paragraph labelled `[2bis alt ...]` stands far from the `[2bis. ...]` it
             # replaces (a list between them): read as two optional groups
             "b-ipbes-2013-rules-reio-membership-html-en": (0.6, 0.75),
             # eighty-fifth round: two paragraphs bracketed whole under one number (`[15.1.`
             # Panama's products, `[15.1` those of the United States), labelled cumulative
             # proposals by what they say; read as rival versions of paragraph 15.1, as
             # FTAA drafts write them elsewhere
             "b-ftaa-2001-distinctive-products-web-pt": (0.87, 0.77),
             # `es [el documento], [escrito] o [en forma electrónica], [con la firma ...]`:
             # labelled four insertions (the text's own `o`), read as the choice `[A], [B]
             # o [C]`; and `1.2.1A` / `[1.2.1B.`, labelled two options of one block
             "b-ftaa-2002-customs-origin-certification-web-es": (0.95, 0.88),
             # eighty-fourth round: `53. [[Clarifies] [Decides] ... [and upon ...]` with one
             # `]` short: labelled the paragraph's bracket unclosed, read (a bracket opening
             # a paragraph closes at its end) the mid-line one; and `of the [issuance, or
             # the use or cancellation, of] [first transfer ... where] the`, labelled rivals
             # (doubtful), read as two insertions (the first ends asking for what follows)
             "a-unfccc-sbsta61-2024-art62-first-transfer-options-txt-en": (0.81, 0.86),
             # `[on which ...]][.][, with such ...]`, the punctuation labelled a rival of
             # what follows it, not of what precedes; `Annex [A or B] [or] [X]`, two rivals
             # with a connective between; `[mitigation] [contribution] [commitment]`, a
             # modifier and a pair
             "a-unfccc-adp-2015-12-final-clauses-md-en": (0.86, 0.78),
             # eighty-eighth round: `3. [Alt. 1 ...] [Alt. 2. ...]` labelled one group, read
             # as the format reads labels after a unit's number and a bracket, an option
             # block of bracketed options; `[5 bis ... [ Impacts ... Area].` labelled with
             # the inner bracket unclosed, read (nearest first on one line) the paragraph's
             "b-isa-2026-exploitation-rev3-reg18-rights-txt-en": (0.93, 0.87),
             # ninety-third round: `must [immediately] [upon receiving a suspension notice],
             # suspend`, labelled rivals, read as two insertions: the draft writes its
             # choices with a slash (`[7]/[14]`), and nothing else joins them
             "b-isa-2026-exploitation-rev3-reg21-sponsorship-txt-en": (0.77, 0.87),
             # ninety-sixth round: `[Committee][mechanism][process][, including the
             # Committee,]`, a comma clause written against three rival names, which the
             # labeller reads as an insertion (with a doubt) and the parser as a fourth rival
             "a-unfccc-adp-2015-10-diff-23oct-4dec-art11-html-en": (0.92, 0.85),
             # ninety-seventh round: a paragraph bracketed whole whose second rival opening
             # lost its `[` in the copy (four `[`, five `]`): the labeller pairs them by
             # meaning, the parser as the characters stand
             "b-wipo-igc-2019-tk-preamble-web-en": (0.88, 0.88),
             # hundred-and-third round: a magazine's quotation of the AWG-LCA's 2009 text,
             # dense and doubtful: `[... emissions reductions] [through deep reductions
             # in their emissions.] [or actions.]` labelled rivals (with doubts), read
             # as an insertion going on with `or`
             "a-unfccc-awglca-2009-shared-vision-tnr-web-en": (0.84, 0.91),
             # hundred-and-fifth round: concordance rows read each on its own by the
             # labeller: an option's bracket left open on its row (unclosed), a `]` two
             # rows later (stray); the parser pairs them, the rows being one paragraph
             "a-unfccc-2000-cdm-copmop-authority-tarjamaan-web-fr-ar": (0.88, 1.0),
             # hundred-and-fifth round: `[à l'adaptation] [Les ressources financières du
             # Fonds ...] [comprennent] [peuvent comprendre]`, rivals of unequal reach
             # (labelled with a doubt), read as an insertion and a three-way group
             "a-unfccc-awglca-2009-adaptation-fund-sources-tarjamaan-web-fr-ar": (0.5, 0.5),
             # hundred-and-eighth round: `[assess] [overall] [collective] [global]
             # progress`, a verb before three rival adjectives, read as one group of four;
             # `[and long-term goals] [and to increase ambition]` labelled two insertions;
             # which `]` is stray after `INDC19]]`
             "a-unfccc-adp-2015-12-art10-stocktake-clause-web-en": (0.94, 0.88),
             # hundred-and-eleventh round: `[التغييرات ...(4)] [التعديلات ...(10)][إصدار ...]`,
             # three rivals labelled one group, read as a bracket and a pair written side
             # by side (the text's own notation for rivals)
             "a-unfccc-2000-kp-registry-option1-glosbe-web-ar-es-fr": (0.75, 0.85),
             # hundred-and-fifteenth round: a WTO chair's working document writing its two
             # options `Either: ... Or: ...` mid-line (no option word, not read), and two
             # whole sentences in brackets, the second going on after it, labelled rivals
             "b-wto-ag-workdoc14-ssg-web-en": (0.66, 0.8),
             # hundred-and-nineteenth round: a Russian article's own citation `[1]` after the
             # WIPO document symbol it quotes, alone (no run of markers), read as a number
             "b-wipo-igc-2016-tk-defs-theoryofculture-web-ru": (0.8, 1.0),
             # hundred-and-twenty-seventh round: an ENB bulletin quoting a draft title's
             # brackets `[sustainable consumption and production of] [product design]
             # [problematic] plastic products`, labelled three rivals, read as an
             # insertion and a spaced pair (what the words mean tells them apart)
             "b-unep-inc52-2025-art3-title-enb-web-en": (0.84, 0.91),
             # hundred-and-thirty-first round: a blog quoting the CBD's draft targets of 2010,
             # every bracket written against the next (`is [at least halved][against a
             # [established][2010][-2012] baseline][and where feasible][brought close to
             # zero]`), which the labeller reads as a chain of insertions among rivals
             # (doubtful) and the format, brackets side by side, as rivals
             "b-cbd-cop10-2010-strategic-plan-targets-estadao-web-pt": (0.63, 0.43),
             # hundred-and-forty-fifth round: a concordance's Arabic cell opening with a
             # paragraph number before an option bracketed whole (`| UN | 16- [الخيار 2:
             # ...]`): the label is not read there, so its bracket is an optional group
             "b-unfccc-2000-adaptation-share-of-proceeds-tarjamaan-web-fr-ar": (0.0, 1.0)}
    for s in scores:
        floor = below.get(s.name, (0.9, 0.9))
        assert (s.precision, s.recall) >= floor and s.precision >= floor[0] and \
            s.recall >= floor[1], (s.name, s.precision, s.recall)


def test_fidelity_measures_another_corpus(tmp_path, capsys):
    """`bench/fidelity.py --corpus DIR` measures texts kept outside tests/corpus/ (texts the
    rules have not seen), in the same layout; a difference is shown with `--show`."""
    doc = tmp_path / "unseen"
    doc.mkdir()
    (doc / "input.txt").write_text("1. Parties [shall][may] act [promptly].\n", encoding="utf-8")
    (doc / "expected.txt").write_text("group 1:12 alternatives n=2\ngroup 1:29 optional\n"
                                      "group 1:40 optional\n", encoding="utf-8")
    assert fidelity.main(["--corpus", str(tmp_path)]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("unseen"))
    assert row.split()[1:4] == ["3", "100.0%", "66.7%"]
    assert fidelity.main(["--corpus", str(tmp_path), "--show", "unseen"]) == 0
    assert capsys.readouterr().out == "missed   groups       (1, 40, 'optional', 1)\n"
    assert fidelity.main(["--corpus", str(tmp_path / "unseen")]) == 2  # no document there


@pytest.mark.parametrize("convention,shape,gaps", [("separate", [1], 1), ("alternatives", [2], 0),
                                                   ("auto", [2], 0)])
def test_gap_beside_a_number_follows_the_spacing_convention(convention, shape, gaps):
    """`by [year x] [2020]`: a rival of the number, unless the document says blanks
    separate groups; then the gap stays a placeholder on its own (issue 13)."""
    text = f"---\nspaced-brackets: {convention}\n---\nArticle 1\n1. Peak by [year x] [2020].\n"
    doc = treatydraft.parse(text)
    assert [len(g.alternatives) for g in doc.groups()] == shape
    assert len(fidelity.read_actual(doc).placeholders) == gaps
    assert doc.to_text() == text


def test_rival_chapeaux_leave_their_list_to_the_enclosing_unit():  # issue 13
    """`Alternative 1: ... principles:` / `Alternative 2: ... principles:` then `(a) ...`:
    the options are the chapeaux; the items are the list both introduce, so keeping
    either option keeps them (they are not Alternative 2's)."""
    path = ROOT / "tests" / "fixtures" / "reading" / "issue-13-alternative-labels-after-items"
    doc = treatydraft.parse((path / "input.txt").read_text(encoding="utf-8"), mode="tolerant")
    para = [n for n in doc.body if isinstance(n, OptionBlock)]
    assert [len(b.options) for b in para] == [2, 2, 2]
    assert not any(isinstance(c, Heading) for b in para for o in b.options
                   for c in o.children)
    kept = resolve(doc, {para[0].id: 1})
    assert "(a) Fulfil the commitments" in kept.to_text()
    assert "(b) " in kept.to_text()


def test_mixed_line_ends_are_kept_and_warned_once():  # issue 8, item 8
    text = "Article 1\n1. One [a][b].\r2. Two.\r\n3. Three.\n"
    doc = treatydraft.parse(text)
    assert doc.to_text() == text
    assert [h.id for h in doc.headings()][1:] == ["art_1__para_1", "art_1__para_2",
                                                  "art_1__para_3"]
    assert [(d.code, d.line) for d in doc.diagnostics] == [("mixed-line-ends", 2)]


def test_parse_restores_the_garbage_collector_exactly():  # issue 8, item 15
    import gc
    gc.disable()
    try:
        treatydraft.parse("1. [a][b]\n")
        assert not gc.isenabled()
    finally:
        gc.enable()
    treatydraft.parse("1. [a][b]\n")
    assert gc.isenabled()


def test_concurrent_parses_leave_the_collector_as_they_found_it():  # issue 8, item 15
    import gc
    import threading

    from treatydraft import parser
    text = "Article 1\n" + "1. Parties [shall][may] share [data] [information].\n" * 3000
    seen = []
    errors = []

    def work():
        try:
            for _ in range(3):
                seen.append(len(list(treatydraft.parse(text, mode="tolerant").groups())))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(seen) == 12 and len(set(seen)) == 1
    assert gc.isenabled() and parser._gc_depth == 0


@pytest.mark.parametrize("convention,shape,warned", [("", [2], True), ("alternatives", [2], False),
                                                     ("separate", [1, 1], False)])
def test_stacked_paragraphs_with_the_same_opening_follow_the_convention(convention, shape, warned):
    front = f"---\nspaced-brackets: {convention}\n---\n" if convention else ""
    text = front + ("[The term \"corporation\" means an enterprise.]\n"
                    "[The term \"corporation\" means an entity of any ownership.]\n")
    doc = treatydraft.parse(text)
    assert [len(g.alternatives) for g in doc.groups()] == shape
    assert ("ambiguous-spacing" in [d.code for d in doc.diagnostics]) == warned
    # under one number the paragraphs are rivals whatever the convention, without a warning
    numbered = front + "[2. Parties shall act.]\n\n[2. Each Party may act.]\n"
    doc = treatydraft.parse(numbered)
    assert [len(g.alternatives) for g in doc.groups()] == [2] and not doc.diagnostics


def test_issue13_bulletin_proposer_tags_are_attributions():
    """`[especially] (G-77/CHINA) [including] (CHAIR)`: the tags are the alternatives'
    attributions (registry codes where the registry knows the name), resolving drops them
    with their bracket, and the text is kept byte for byte."""
    case = ROOT / "tests" / "fixtures" / "reading" / "issue-13-proposers-in-parentheses"
    text = "---\ndelegations:\n  JPN: Japan\n---\n" + read(case / "input.txt")
    doc = treatydraft.parse(text, mode="tolerant")
    assert doc.to_text() == text and not doc.diagnostics
    got = [[(a.text(), a.attribution, a.proposers) for a in g.alternatives] for g in doc.groups()]
    assert got[0] == [("especially", " (G-77/CHINA)", ("G-77/CHINA",)),
                      ("including", " (CHAIR)", ("CHAIR",))]
    assert got[2][1] == ("should", " (US, JAPAN)", ("US", "JPN"))
    assert got[3][0][2] == ("EU", "SWITZERLAND")
    ids = [g.id for g in doc.groups()]
    out = resolve(doc, {ids[0]: 2, ids[1]: "drop", ids[2]: 1, ids[3]: "keep"}).to_text()
    assert "and including those related" in out and "cuts shall be made by 2005." in out
    assert "(" not in out.split("---\n")[-1]


def test_issue13_resolving_options_labelled_in_brackets_leaves_no_bracket():
    """`[Alternative A]` alone on its line labels an option; resolving the block removes
    the label's line whole, its brackets with it."""
    text = ("(4) Text if it\n[Alternative A]\ncan be made [commercial] here.\n"
            "[Alternative B]\ncan be used.\n(5) Next.\n")
    doc = treatydraft.parse(text, mode="tolerant")
    assert doc.to_text() == text and not doc.diagnostics
    (block,) = [g for g in doc.groups() if isinstance(g, OptionBlock)]
    assert len(block.options) == 2
    assert resolve(doc, {block.id: 1}).to_text() == (
        "(4) Text if it\ncan be made [commercial] here.\n(5) Next.\n")
    assert resolve(doc, {block.id: 2}).to_text() == "(4) Text if it\ncan be used.\n(5) Next.\n"


def test_issue13_drafting_notes_are_exported_as_notes():
    """A drafting note is exported as a note: an Akoma Ntoso `remark` of class
    `draftingNote` (valid against the strict schema), never a bracket group; in Word its
    words stay in the text as written, in brackets and outside any revision, in both
    styles, while the group beside it is tracked."""
    import io

    import docx
    from lxml import etree
    from test_docx_support import body_lines, q, xml

    from treatydraft.schema import validate_akn
    from treatydraft.writers.akn import to_akn
    from treatydraft.writers.docx import to_docx

    text = ("Article 1\n1. Parties [shall][may] report. [Note: to be revisited]\n"
            "2. Parties cooperate. {linkages to 4.1}\n")
    doc = treatydraft.parse(text)
    akn = to_akn(doc)
    assert validate_akn(akn) == []
    root = etree.fromstring(akn)
    ns = {"a": root.nsmap[None]}
    remarks = root.findall(".//a:remark[@class='draftingNote']", ns)
    assert [r.text for r in remarks] == ["Note: to be revisited", "linkages to 4.1"]
    assert all(r.getparent().get("name") != "bracketGroup" for r in remarks)
    for style in ("brackets", "tracked"):
        data = to_docx(doc, style=style).data
        paras = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
        assert any("[Note: to be revisited]" in p for p in paras), (style, paras)
        assert any("{linkages to 4.1}" in p for p in paras), (style, paras)
        changed = "".join(t.text or "" for tag in ("ins", "del")
                          for el in xml(data).iter(q(tag)) for t in el.iter(q("t")))
        assert "Note" not in changed and "linkages" not in changed
        if style == "tracked":
            assert any("[Note: to be revisited]" in line for line in body_lines(data, "accept"))
