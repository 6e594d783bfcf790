"""Issue 11 part 5: the generated tables and the runtime of treatydraft/lalr.py give Lark's results.

The grammar files are the syntax of record; ``python -m treatydraft.tables_build``
writes their tables as plain modules, and a command parses with them and never
imports Lark.  These tests keep that honest, with Lark itself as the oracle:

* the committed ``treatydraft/_tables_*.py`` are what the grammar files give today;
* on every draft the tests have (fixtures, the corpus, the samples, the seed) and on
  random drafts, the body lexer gives Lark's tokens (types, values, every position),
  the LALR parser Lark's tree for the prepared tokens, the front-matter and label
  parsers Lark's trees; on bad front matter and bad labels, Lark's error (its class,
  position, the terminals it expected and the token it met).
"""
from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from fixtures import FIXTURES, ROOT, SAMPLES, SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark import Lark
from lark.exceptions import UnexpectedInput as LarkUnexpected
from lark.lexer import BasicLexer, LexerThread

from treatydraft import lalr, syntax, tables_build
from treatydraft import tokenpass as T
from treatydraft.parser import _Problems, _segments
from treatydraft.testing import synthetic_draft


@cache
def oracle(name: str) -> Lark:
    return tables_build.lark_parser(name)


@cache
def oracle_lexer() -> BasicLexer:
    return BasicLexer(oracle("treaty").lexer_conf)


def _drafts() -> list[Path]:
    found = [p for p in FIXTURES.rglob("*.txt") if p.stat().st_size < 400_000]
    found += sorted((ROOT / "tests" / "corpus").rglob("input.txt"))
    found += sorted(SAMPLES.glob("*.txt"))
    return sorted(set(found + [SEED]))


DRAFTS = _drafts()


def _tok(t) -> tuple:
    return (t.type, str(t), t.value, t.start_pos, t.line, t.column, t.end_line, t.end_column,
            t.end_pos)


def _shape(node) -> tuple:
    if hasattr(node, "data"):
        return (str(node.data), tuple(_shape(c) for c in node.children))
    return _tok(node)


def _error(exc: Exception) -> tuple:
    kind = type(exc).__name__
    tok = getattr(exc, "token", None)
    return (kind, exc.line, exc.column, exc.pos_in_stream,  # type: ignore[attr-defined]
            sorted(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or ()),
            None if tok is None else _tok(tok))


def _both(ours, theirs) -> tuple:
    """(shape or error) of each way."""
    results = []
    for fn, errors in ((ours, lalr.UnexpectedInput), (theirs, LarkUnexpected)):
        try:
            results.append(("tree", _shape(fn())))
        except errors as exc:
            results.append(("error", _error(exc)))
    return tuple(results)


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


def _prepared(text: str) -> list[list[lalr.Token]]:
    """The token pass's segments of ``text`` (tolerant), as the parser feeds them."""
    problems = _Problems(text, None, False)
    out = []
    numbers = T.BracketedNumbers(text)
    nl = None if "\r" in text else ""
    for tokens in _segments(T.lex_iter(text), 2048):
        nl = T.line_ends(tokens, problems, nl)
        partner = T.pair(tokens, problems)
        T.check_pairs(tokens, partner, problems, False)
        tokens, partner = T.type_brackets(text, tokens, partner, problems, numbers)
        tokens = T.join(text, tokens, partner, "auto", problems)
        T.settle(tokens)
        out.append(tokens)
    return out


def _compare_text(text: str) -> None:
    ours = [_tok(t) for t in syntax.body_lexer().lex(text)]
    theirs = [_tok(t) for t in LexerThread.from_text(oracle_lexer(), text).lex(None)]
    assert ours == theirs
    for tokens in _prepared(text):
        a, b = _both(lambda tokens=tokens: syntax.body_parser().parse_tokens(tokens),
                     lambda tokens=tokens: oracle("treaty").parse(tokens))
        assert a == b
    for tok in syntax.body_lexer().lex(text):
        if tok.type == "FRONT_MATTER":
            _compare_front(str(tok))
        elif tok.type in syntax.LABEL_KINDS:
            value = str(tok).lstrip(" \t#*_[［【")
            _compare_label(tok.type, value)


def _compare_front(value: str) -> None:
    a, b = _both(lambda: syntax.front_parser().parse(value), lambda: oracle("front").parse(value))
    assert a == b, value


def _compare_label(kind: str, value: str) -> None:
    rule = syntax.LABEL_KINDS[kind]
    a, b = _both(lambda: syntax.label_parser().parse(value, start=rule),
                 lambda: oracle("label").parse(value, start=rule))
    assert a == b, (kind, value)


def test_issue11_committed_tables_are_what_the_grammars_give():
    for name in tables_build.GRAMMARS:
        with open(tables_build.module_path(name), encoding="utf-8") as f:
            committed = f.read()
        assert committed == tables_build.source(name), (
            f"treatydraft/_tables_{name}.py is stale: run python -m treatydraft.tables_build")


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_issue11_runtime_gives_larks_tokens_and_trees(path):
    _compare_text(_read(path))


def test_issue11_runtime_on_synthetic_drafts():
    for seed in range(3):
        _compare_text(synthetic_draft(6, seed=seed))
    _compare_text(synthetic_draft(6).replace("\n", "\r\n"))


FRONT_BITS = ["---\n", "---\r\n", "---", "--- \n", "title: x\n", "delegations:\n",
              "  RUS: Russian Federation\n", "  EGY: Egypt @AFG\n", "  AFG:\n", " @X\n",
              "  bad line @\n", "# note\n", "   \n", "\n", "\r", "\r\n", "key:value",
              "x y z\n", "  lower: y\n", ": v\n", "date: 2026-01-01\n"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRONT_BITS), max_size=10).map("".join))
def test_issue11_front_matter_trees_and_errors_as_larks(body):
    _compare_front("---\n" + body)
    _compare_front(body)


def test_issue11_front_matter_errors_are_larks():
    for value in ["", "---\n", "---\ntitle: x\r---\r", "x\n---\n", "---\ntitle: x\n---\n---",
                  "---\n\x00\n---\n", "---\n---\n"]:
        _compare_front(value)


LABEL_BITS = ["Article", "Art.", "Option", "Alt.", "alt", "Chapter", "Part", "第", "章", "条",
              "之", "一", "十", " ", "\t", "1", "12", "3.3", "IV", "C", "a", "ii", "(", ")",
              "（", "）", ".", ":", "：", "*", "bis", "PP", "OP", "(paras 4-7)", "أ", "٣",
              "Preamble", "序言", "x", "-"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(syntax.LABEL_KINDS)),
       st.lists(st.sampled_from(LABEL_BITS), min_size=0, max_size=7).map("".join))
def test_issue11_label_trees_and_errors_as_larks(kind, value):
    _compare_label(kind, value)


MARKDOWNISH = st.lists(st.sampled_from(list("[]［］【】 \t\n\r@\\{}*_/^:.,;0123456789aXOV()#>")
                                       + ["Article 1", "\nArticle 2.\n", "Option 1:",
                                          "\n1. ", "\n(a) ", "[Note: x]", "---\n", "No text",
                                          "@@AFG", "[20XX]", "[^1]", "\\+", "\\end-options",
                                          "\ufeff"]),
                       max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH)
def test_issue11_runtime_on_random_text(text):
    _compare_text(text)


def test_issue11_check_never_imports_lark():
    code = ("import sys\nfrom treatydraft.cli import main\n"
            f"try:\n    main(['check', {str(SEED)!r}], prog_name='treatydraft')\n"
            "except SystemExit as exc:\n    assert exc.code in (0, 1), exc.code\n"
            "print(sorted(m for m in sys.modules if m == 'lark' or m.startswith('lark.')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_first_chars_lists_what_a_match_can_start_with():
    first = tables_build.first_chars
    assert first(r"(?<![^\n])[ \t]*>", 0) == "\t >"  # zero-width look-behind, optional blanks
    assert first(r"(?:ab|[c-e]x)+", 0) == "acde"
    assert first(r"(?=q)r", 0) == "r"  # a look-ahead does not consume
    assert first(r"[^a]b", 0) is None  # a negated class: any character
    assert first(r"\wb", 0) is None  # a category
    assert first(r"a?", 0) is None  # the empty string matches
    assert first(r"a", re.IGNORECASE) is None
    assert first(r"[一-龥]", 0) is None  # a long range is not listed


def test_body_lexer_tries_at_each_character_only_the_terminals_that_can_start_there():
    lexer = syntax.body_lexer()
    tried = {c: set(lexer._match_at(c).__self__.groupindex) for c in "xA[\n"}
    assert "TEXT" in tried["x"] and not {"ARTICLE", "LBR", "NL"} & tried["x"]
    assert {"ARTICLE", "OPTION", "TEXT"} <= tried["A"]
    assert {"LBR", "PLACEHOLDER", "FIELD"} <= tried["["] and "NL" not in tried["["]
    assert "NL" in tried["\n"]
    for c in tried:  # the terminals tried are in the grammar's order
        order = list(lexer._match_at(c).__self__.groupindex)
        assert order == sorted(order, key=lexer.mres[0].groupindex.__getitem__)
