"""The operations as a library: errors, immutability, ids, variants, statistics, diff, seed."""
from __future__ import annotations

import copy

import pytest

import treatydraft
from treatydraft.errors import OperationError
from treatydraft.operations import (DROP, Policy, accept, clean, clean_text, count_variants,
                                    diff, parse_policy, plan_accept, resolve, sample_variants,
                                    statistics, variant, variant_document, variants)
from treatydraft.operations.spacing import fix_junction
from treatydraft.operations.stats import count_words

from fixtures import SAMPLES, read, seed_text

EN = SAMPLES / "convention-en.txt"


@pytest.fixture(scope="module")
def en():
    return treatydraft.parse(read(EN))


# ---------------------------------------------------------------- resolve

def test_resolve_returns_a_new_document_and_leaves_the_input_alone(en):
    before = copy.deepcopy(en)
    text = en.to_text()
    out = resolve(en, {"art_1__brk_1": 2})
    assert out is not en
    assert en == before and en.to_text() == text
    assert out.to_text().count("Article 1. Purposes\n") == 1


def test_untouched_nodes_keep_their_ids_and_spans(en):
    out = resolve(en, {"art_4__para_2__brk_1": 2})
    inner = out.find("art_4__para_2__brk_1__alt_2__brk_1")
    assert inner is not None and inner.depth == 2  # nested ids stay stable
    assert inner.span == en.find("art_4__para_2__brk_1__alt_2__brk_1").span
    assert out.find("art_5__para_1__brk_1") is en.find("art_5__para_1__brk_1")
    assert out.find("art_4__para_2__brk_1") is None


def test_resolving_an_outer_alternative_discards_the_groups_inside_the_others(en):
    out = resolve(en, {"art_4__para_2__brk_1": 1})
    assert out.find("art_4__para_2__brk_1__alt_2__brk_1") is None
    assert "A State Party may require that the offence be committed by infringing " \
           "security measures.\n" in out.to_text()


@pytest.mark.parametrize("choices, message, hint", [
    ({"art_1__brk_9": 1}, "unknown group id 'art_1__brk_9'", "art_1__brk_1"),
    ({"art_1__brk_1": 3}, "'art_1__brk_1' has no alternative 3",
     "choose an alternative number from 1 to 2"),
    ({"art_3bis__opts_1": 5}, "has no option 5", "option number from 1 to 2"),
    ({"art_1__brk_1": "drop"}, "cannot be dropped", "from 1 to 2"),
    ({"art_3__brk_1": 2}, "has no alternative 2", "keep or drop"),
    ({"art_6__ph_1": 1}, "is a placeholder", "fill placeholders"),
    ({"art_1__brk_1": "maybe"}, "is not a number, 'keep' or 'drop'", None),
    ([("art_1__brk_1", 1), ("art_1__brk_1", 2)], "conflicting choices for 'art_1__brk_1'",
     "once"),
    ({"art_4__para_2__brk_1": 1, "art_4__para_2__brk_1__alt_2__brk_1": 2},
     "stands in alternative 2 of 'art_4__para_2__brk_1'", "art_4__para_2__brk_1=2"),
])
def test_impossible_requests_are_errors_that_say_what_is_valid(en, choices, message, hint):
    with pytest.raises(OperationError) as info:
        resolve(en, choices)
    assert message in info.value.message
    if hint:
        assert hint in info.value.hint


def test_same_choice_twice_is_fine(en):
    out = resolve(en, [("art_1__brk_1", 2), ("art_1__brk_1", "2")])
    assert "Article 1. Purposes" in out.to_text()


def test_no_text_removes_an_article_scope_provision_with_its_heading(en):
    out = resolve(en, {"art_3bis__opts_1": 2})
    text = out.to_text()
    assert "Article 3 bis" not in text and "Option" not in text.split("Article 6")[0]
    assert "3. [{Placeholder for a paragraph on the protection of personal data}]\n\n" \
           "Chapter II." in text
    assert [a.id for a in out.articles()] == ["art_1", "art_2", "art_3", "art_4", "art_5",
                                             "art_6"]


def test_resolving_an_option_block_removes_its_end_marker(en):
    out = resolve(en, {"art_6__opts_1": 2})
    assert "\\end-options" not in out.to_text()
    assert "Option" not in out.to_text().split("Article 6.")[1]
    treatydraft.parse(out.to_text())  # no option-block error


def test_footnote_lines_go_with_the_attribution_markers_they_served(en):
    out = resolve(en, {"preamble__para_pp4__brk_1": "keep"})
    assert "[^1]" not in out.to_text()
    assert "1" not in out.footnotes and "2" in out.footnotes
    assert "[^2]:" in out.to_text()  # still referenced in the text of article 2


@pytest.mark.parametrize("a, b, expected", [
    ("shall ", " measures", "shall measures"),
    ("Promote ", ", facilitate", "Promote, facilitate"),
    ("data, ", ", and", "data, and"),
    ("a, b, ", ".", "a, b."),
    ("consider (", ") the", "consider the"),
    ("合作", "，以", "合作，以"),
    ("التعاون الدولي", " على", "التعاون الدولي على"),
])
def test_the_whitespace_rule_at_one_junction(a, b, expected):
    left, right = fix_junction(a, b, False, False)
    assert left + right == expected


# ---------------------------------------------------------------- accept and policies

def test_accept_picks_the_delegations_alternatives_and_leaves_the_rest(en):
    out = accept(en, "USA")
    assert out.find("art_4__brk_1") is None and "Article 4. Unauthorized access" in out.to_text()
    assert out.find("art_1__brk_1") is not None  # USA proposed nothing there


def test_accept_reports_groups_where_two_alternatives_claim_the_code():
    doc = treatydraft.parse("---\ndelegations:\n  EU: European Union\n---\nArticle 1\n"
                            "1. Parties shall [share]@EU[exchange]@EU data.\n")
    p = plan_accept(doc, "EU")
    assert [str(c) for c in p.conflicts] == [
        "art_1__para_1__brk_1: alternatives 1 and 2 are all proposed by EU"]
    assert p.choices == {}
    assert accept(doc, "EU").to_text() == doc.to_text()
    assert "Parties shall share data" in accept(doc, "EU", "first").to_text()


def test_accept_with_an_unknown_code_lists_the_known_ones(en):
    with pytest.raises(OperationError) as info:
        accept(en, "XYZ")
    assert "RUS" in info.value.hint and "EU" in info.value.hint


def test_policies_parse_and_refuse_nonsense():
    assert parse_policy("EU>USA>drop") == Policy(("EU", "USA"), "drop")
    assert parse_policy("first") == Policy((), "first")
    assert parse_policy("EU") == Policy(("EU",), "first")
    with pytest.raises(OperationError):
        parse_policy("drop>EU")
    with pytest.raises(OperationError):
        Policy((), "random")


def test_clean_leaves_no_group_and_keeps_placeholders(en):
    out = clean(en, "drop")
    assert not list(out.groups())
    assert len(list(out.brackets({"placeholder"}))) == 4  # [four][X]: the placeholder is an alternative (issue 13)
    plain = clean_text(out)
    assert "\\[as amended\\]" not in plain and "Chair's note" not in plain
    assert not plain.startswith("---")


def test_clean_needs_a_fallback(en):
    with pytest.raises(OperationError):
        clean(en, Policy(("EU",), "open"))


# ---------------------------------------------------------------- variants

def test_variant_count_of_the_english_sample(en):
    assert count_variants(en) == 7134511104


def test_variant_count_is_exact_and_instant_for_ten_to_the_three_hundred():
    groups = " and ".join("[a][b][c][d][e][f][g][h][i][j]" for _ in range(300))
    doc = treatydraft.parse(f"Article 1\n1. {groups}.\n")
    assert count_variants(doc) == 10 ** 300
    last = variant(doc, 10 ** 300 - 1)
    assert set(last.values()) == {10} and len(last) == 300
    assert variant(doc, 10 ** 299)["art_1__para_1__brk_1"] == 2
    assert len(list(variants(doc, start=10 ** 300 - 3))) == 3


def test_variant_zero_is_the_first_policy(en):
    assert variant_document(en, 0).to_text() == clean(en, "first").to_text()


def test_variant_index_out_of_range(en):
    with pytest.raises(OperationError) as info:
        variant(en, 7134511104)
    assert "0 to 7134511103" in info.value.hint


def test_sampling_is_reproducible_and_distinct(en):
    a = sample_variants(en, 5, seed=3)
    assert a == sample_variants(en, 5, seed=3)
    assert len({i for i, _ in a}) == 5
    for i, choices in a:
        assert choices == variant(en, i)


def test_a_dropped_optional_is_choice_zero():
    doc = treatydraft.parse("Article 1\n1. Parties[ also] act.\n")
    assert list(variants(doc)) == [{"art_1__para_1__brk_1": 1}, {"art_1__para_1__brk_1": DROP}]


# ---------------------------------------------------------------- statistics

def test_words_rule():
    assert count_words("States Parties, inter alia, shall") == 5
    assert count_words("本公约的宗旨") == 3  # 本公约 / 的 / 宗旨 (issue 11)
    assert count_words("  ,  . ; ") == 0
    assert count_words("تنطبق هذه الاتفاقية") == 3


def test_statistics_of_the_english_sample(en):
    s = statistics(en)
    d = s.document
    assert (d.groups, d.alternative_groups, d.optional, d.option_blocks) == (34, 18, 14, 2)
    assert d.placeholders == 8 and d.max_depth == 2
    assert 0 < d.bracketed_words < d.words
    art4 = next(u for u in s.units if u.id == "art_4")
    assert (art4.groups, art4.alternatives, art4.max_depth) == (4, 9, 2)
    rus = next(x for x in s.delegations if x.code == "RUS")
    assert (rus.proposed, rus.cosponsored, rus.partners) == (6, 3, {"CHN": 3})
    assert sum(u.groups for u in s.units) == d.groups


def test_statistics_after_clean_show_no_brackets(en):
    assert statistics(clean(en)).document.groups == 0


# ---------------------------------------------------------------- diff

def test_diff_of_a_document_with_itself_is_empty(en):
    assert not diff(en, en)
    assert not diff(en, treatydraft.parse(read(EN)))


def test_diff_after_accept_lists_the_resolved_groups(en):
    out = accept(en, "RUS")
    d = diff(en, out)
    resolved = {c.old_id: c.detail["choice"] for c in d.by_kind("resolved")}
    assert resolved == plan_accept(en, "RUS").choices
    assert not d.by_kind("text") and not d.by_kind("added")


def test_diff_matches_renumbered_articles_and_says_how():
    old = treatydraft.parse("Article 1. Scope\n1. It applies to [data][information].\n\n"
                            "Article 2. Terms\n1. Data means [facts][records].\n")
    new = treatydraft.parse("Article 1. Purpose\n1. A new article.\n\nArticle 2. Scope\n"
                            "1. It applies to information.\n\nArticle 3. Terms\n"
                            "1. Data means [facts][records].\n")
    d = diff(old, new)
    how = {(u.old_id, u.new_id): u.method for u in d.units}
    assert how[("art_1", "art_2")] == "title"
    assert how[("art_2", "art_3")] == "identical text"
    assert how[(None, "art_1")] == "added"
    resolved = d.by_kind("resolved")
    assert [(c.old_id, c.detail["choice"]) for c in resolved] == [("art_1__para_1__brk_1", 2)]
    assert len(d.by_kind("renumbered")) == 2


# ---------------------------------------------------------------- the seed

def test_seed_has_512_variants_and_accept_with_a_policy_is_bracket_free():
    doc = treatydraft.parse(seed_text(), mode="tolerant")
    assert count_variants(doc) == 512
    assert not doc.delegations  # no registry: any code is accepted and proposed nothing
    out = accept(doc, "CHN", "first")
    again = treatydraft.parse(out.to_text(), mode="tolerant")
    assert not list(again.groups())
    assert "跨境获取数据的条款" in out.to_text()


def test_split_mark_kept_when_only_blanks_separate_the_brackets():
    """Regression (found by hypothesis): resolving `[ [b] c]` after `[a]\\+` must keep
    the `\\+`, or `[a] [b]` would read back as one group of alternatives."""
    import treatydraft
    from treatydraft.operations import resolve
    doc = treatydraft.parse("[a]\\+[ [b] c]\n")
    outer = [g.id for g in doc.groups() if g.depth == 1][1]
    text = resolve(doc, {outer: 1}).to_text()
    assert text == "[a]\\+ [b] c\n"
    assert [len(g.alternatives) for g in treatydraft.parse(text).groups()] == [1, 1]


def test_diff_does_not_read_a_dropped_word_inside_a_longer_word():
    """Found by hypothesis: the words of a dropped optional group ('data1') were read
    inside a longer word of the new text ('data11'), so the diff said 'kept'."""
    text = ("Article 1. Title 1\n[1. States [data1 [[data2] data3]]@AAA [data4][data5] "
            "data6 [data7] data8 [data9]@AAA [data10] data11.]@AAA\n")
    doc = treatydraft.parse(text, mode="tolerant")
    choices = {"art_1__para_1__brk_1": 1, "art_1__para_1__brk_1__alt_1__brk_1": 0}
    d = diff(doc, resolve(doc, choices))
    assert {c.old_id: c.detail["choice"] for c in d.by_kind("resolved")} == choices
    assert {c.old_id for c in d.by_kind("discarded")} == {
        "art_1__para_1__brk_1__alt_1__brk_1__alt_1__brk_1",
        "art_1__para_1__brk_1__alt_1__brk_1__alt_1__brk_1__alt_1__brk_1"}
    # a word glued to a group is still read inside the new word (law[s] -> laws)
    doc = treatydraft.parse("Article 1\n1. Each State shall adopt law[s] and rule[s].\n")
    d = diff(doc, resolve(doc, {"art_1__para_1__brk_1": 1, "art_1__para_1__brk_2": "drop"}))
    assert [c.detail["choice"] for c in d.by_kind("resolved")] == [1, 0]
