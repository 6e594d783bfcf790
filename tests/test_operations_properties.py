"""Property tests for the operations on generated drafts (hypothesis).

The generator writes well-formed drafts with a registry, articles, paragraphs,
optional text, alternatives (nested up to three levels, attributed or not),
``\\+`` split marks, whole-paragraph brackets, placeholders and article-scope option
blocks with ``No text``, in English, Chinese and Arabic words.
"""
from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings, strategies as st

import treatydraft
from treatydraft.ast import (BracketGroup, Footnote, Heading, LineBreak, Option, OptionBlock,
                             Placeholder, Text)
from treatydraft.operations import (accept, count_variants, diff, plan_accept, resolve,
                                    variant, variants)

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

CODES = ("AAA", "BBB", "CCC")
WORDS = ["data", "information", "shall", "may", "Parties", "cooperation", "数据", "信息",
         "بيانات", "التعاون", "measures", "law"]
FRONT = "---\ndelegations:\n" + "".join(f"  {c}: Delegation {c}\n" for c in CODES) + "---\n"


@st.composite
def phrase(draw, depth=0):
    parts = [draw(st.sampled_from(WORDS)) for _ in range(draw(st.integers(1, 3)))]
    if depth < 3 and draw(st.integers(0, 3)) == 0:
        parts.insert(draw(st.integers(0, len(parts))), draw(group(depth + 1)))
    return " ".join(parts)


@st.composite
def attribution(draw):
    if draw(st.booleans()):
        return ""
    return "@" + "+".join(draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=2,
                                        unique=True)))


@st.composite
def group(draw, depth=1):
    n = draw(st.integers(1, 3))
    lead = draw(st.sampled_from(["", ", ", " "])) if n == 1 else ""
    alts = "".join(f"[{lead}{draw(phrase(depth))}]{draw(attribution())}" for _ in range(n))
    return alts


@st.composite
def sentence(draw):
    out = [draw(st.sampled_from(["The Parties", "States", "缔约国", "الدول"]))]
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            out.append("[...]")
        elif kind == 1:
            out.append(draw(group()) + "\\+" + draw(group()))
        else:
            glue = draw(st.sampled_from([" ", ""]))
            out[-1] += glue + draw(group())
        out.append(draw(st.sampled_from(WORDS)))
    return " ".join(out) + draw(st.sampled_from([".", ";", "。"]))


@st.composite
def drafts(draw):
    lines = []
    for a in range(1, draw(st.integers(1, 3)) + 1):
        lines.append(f"Article {a}. Title {a}")
        if draw(st.integers(0, 4)) == 0:
            lines.append(f"Option 1{draw(attribution())}:")
            lines.append(draw(sentence()))
            lines.append(f"Option 2{draw(attribution())}: No text")
            lines.append("")
            continue
        for p in range(1, draw(st.integers(1, 3)) + 1):
            text = f"{p}. {draw(sentence())}"
            if draw(st.integers(0, 5)) == 0:
                text = f"[{text}]{draw(attribution())}"
            lines.append(text)
        lines.append("")
    # a footnote whose own text holds groups (issue 13: its text is read as text)
    paras = [i for i, line in enumerate(lines) if line[:1].isdigit()]
    if paras and draw(st.integers(0, 3)) == 0:
        lines[paras[-1]] += "[^1]"
        lines.append(f"[^1]: Proposed by Delegation AAA: {draw(sentence())}")
        lines.append("")
    return FRONT + "\n".join(lines) + "\n"


def _canon(seq):
    """A comparable form of a tree: types, kinds, texts, proposers; no ids, no spans."""
    out = []
    for n in seq:
        if isinstance(n, Text):
            if out and out[-1][0] == "T":
                out[-1] = ("T", out[-1][1] + n.value)
            else:
                out.append(("T", n.value))
        elif isinstance(n, BracketGroup):
            out.append(("G", n.kind, n.proposers, tuple(
                (a.proposers, tuple(_canon(a.children))) for a in n.alternatives)))
        elif isinstance(n, OptionBlock):
            out.append(("O", n.proposers, tuple(
                (o.label, o.proposers, tuple(_canon(o.children))) for o in n.options)))
        elif isinstance(n, Heading):
            out.append(("H", n.kind, n.number))
        elif isinstance(n, Placeholder):
            out.append(("P", n.value))
        elif isinstance(n, Footnote):
            out.append(("F", n.label, n.proposers, tuple(_canon(n.children))))
        else:
            out.append((type(n).__name__, getattr(n, "value", "")))
    return out


def _brute_force(seq) -> list[dict]:
    """Every complete resolution of ``seq``, enumerated naively (independent of variants.py)."""
    per_group = []
    # (a footnote's own text holds groups like any other text)
    seq = [k for n in seq for k in ((n, *n.children) if isinstance(n, Footnote) else (n,))]
    for n in seq:
        if isinstance(n, (BracketGroup, OptionBlock)):
            ways = []
            for alt in n.alternatives:
                for inner in _brute_force(alt.children):
                    ways.append({n.id: alt.index, **inner})
            if n.kind == "optional":
                ways.append({n.id: 0})
            per_group.append(ways)
    result = []
    for combo in itertools.product(*per_group):
        merged = {}
        for part in combo:
            merged.update(part)
        result.append(merged)
    return result


def _discarded(doc, choices) -> set[str]:
    """Ids of groups inside alternatives the choices discard."""
    out = set()
    stack = [(doc.body, False)]
    while stack:
        seq, gone = stack.pop()
        for n in seq:
            if isinstance(n, Footnote):  # its text holds groups as any other
                stack.append((n.children, gone))
            if isinstance(n, (BracketGroup, OptionBlock)):
                if gone:
                    out.add(n.id)
                k = choices.get(n.id)
                for alt in n.alternatives:
                    stack.append((alt.children, gone or (k is not None and k != alt.index)))
    return out


@SETTINGS
@given(drafts(), st.data())
def test_resolving_every_group_leaves_a_bracket_free_draft(text, data):
    doc = treatydraft.parse(text)
    total = count_variants(doc)
    i = data.draw(st.integers(0, total - 1))
    result = resolve(doc, variant(doc, i))
    assert not list(result.groups())
    again = treatydraft.parse(result.to_text())  # strict: still a valid draft
    assert not list(again.groups())
    assert [p.value for p in again.brackets({"placeholder"})] == \
        [p.value for p in result.brackets({"placeholder"})]


@SETTINGS
@given(drafts())
def test_variant_count_equals_the_resolutions_enumerated(text):
    doc = treatydraft.parse(text)
    total = count_variants(doc)
    if total > 3000:
        return
    listed = list(variants(doc))
    assert len(listed) == total
    brute = _brute_force(doc.body)
    assert len(brute) == total
    key = lambda d: tuple(sorted(d.items()))  # noqa: E731
    assert {key(v) for v in listed} == {key(b) for b in brute}
    assert len({key(v) for v in listed}) == total


@SETTINGS
@given(drafts(), st.sampled_from(CODES))
def test_accept_never_touches_a_group_the_delegation_did_not_propose_in(text, code):
    doc = treatydraft.parse(text)
    result = accept(doc, code)
    p = plan_accept(doc, code)
    gone = _discarded(doc, p.choices)
    for g in doc.groups():
        proposed = [a.index for a in g.alternatives if code in a.proposers]
        if g.id in gone:
            continue
        if not proposed or len(proposed) > 1:
            kept = result.find(g.id)
            assert kept is not None, g.id
            assert kept.kind == g.kind and len(kept.alternatives) == len(g.alternatives)
        else:
            assert result.find(g.id) is None
            assert p.choices[g.id] == proposed[0]


@SETTINGS
@given(drafts(), st.data())
def test_resolve_then_text_then_parse_gives_the_resolved_tree(text, data):
    doc = treatydraft.parse(text)
    full = variant(doc, data.draw(st.integers(0, count_variants(doc) - 1)))
    subset = {k: v for k, v in full.items() if data.draw(st.booleans())}
    result = resolve(doc, subset)
    reparsed = treatydraft.parse(result.to_text())
    assert _canon(reparsed.body) == _canon(result.body)


def _uniquify(text: str) -> str:
    """Number every word of the body, so no two alternatives read the same."""
    import re
    front_end = text.index("---\n", 4) + 4
    front, body = text[:front_end], text[front_end:]
    counter = itertools.count(1)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(WORDS, key=len, reverse=True)
                                  if w[0].isalpha() and "," not in w))
    body = pattern.sub(lambda m: f"{m.group()}{next(counter)}", body)
    # and keep brackets off the words before them: the diff compares words, and a word
    # glued to a resolved bracket becomes another word (see docs/operations.md)
    body = re.sub(r"(?<=\w)\[(?!\^)", " [", body)
    return front + body



@SETTINGS
@given(drafts().map(_uniquify), st.data())
def test_resolve_keeps_the_reading_of_spaced_brackets_whose_words_it_changed(text, data):
    # with distinct words the spacing evidence (readings.py) decides pairs both ways; a
    # resolution inside a bracket changes that evidence, and the text written must still
    # say which brackets are alternatives (issue 11: a surviving group kept its id)
    test_resolve_then_text_then_parse_gives_the_resolved_tree.hypothesis.inner_test(text, data)

@SETTINGS
@given(drafts().map(_uniquify), st.data())
def test_diff_lists_exactly_the_resolved_groups(text, data):
    doc = treatydraft.parse(text)
    assert not diff(doc, doc)
    assert not diff(doc, treatydraft.parse(text))
    full = variant(doc, data.draw(st.integers(0, count_variants(doc) - 1)))
    subset = {k: v for k, v in full.items() if data.draw(st.booleans())}
    result = resolve(doc, subset)
    d = diff(doc, result)
    assert not [c for c in d.changes if c.kind not in ("resolved", "discarded")], \
        [c.message for c in d.changes]
    reported = {c.old_id: c.detail["choice"] for c in d.by_kind("resolved")}
    assert reported == subset
    assert {c.old_id for c in d.by_kind("discarded")} == _discarded(doc, subset)


@SETTINGS
@given(drafts(), st.data())
def test_diff_with_repeated_words_is_empty_on_itself_and_reports_only_bracket_changes(text, data):
    # with repeated words two readings can give the same text ([a][[x] a] with x
    # dropped reads as [a]), so which group was resolved is not always decidable;
    # what is: nothing is reported between equal texts, and nothing outside brackets
    doc = treatydraft.parse(text)
    assert not diff(doc, doc)
    full = variant(doc, data.draw(st.integers(0, count_variants(doc) - 1)))
    result = resolve(doc, {k: v for k, v in full.items() if data.draw(st.booleans())})
    d = diff(doc, result)
    assert not d.by_kind("text") and not d.by_kind("renumbered")


def test_generated_drafts_are_valid_and_varied():
    # the generator is only useful if it produces what the properties talk about
    seen = set()

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(drafts())
    def probe(text):
        doc = treatydraft.parse(text)
        for n in doc.walk():
            if isinstance(n, (BracketGroup, OptionBlock, Placeholder)):
                seen.add(n.kind)
            if isinstance(n, BracketGroup) and n.depth > 1:
                seen.add("nested")
            if isinstance(n, Option) and n.no_text:
                seen.add("no-text")
            if isinstance(n, LineBreak):
                seen.add("lines")
    probe()
    assert {"optional", "alternatives", "options", "placeholder", "nested",
            "no-text"} <= seen
