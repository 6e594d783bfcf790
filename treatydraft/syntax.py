"""Loading the grammar files (``grammar/*.lark``) once, and the Lark objects built from them.

Each is built once per process, and its LALR tables are cached by Lark in the
temporary folder (keyed by the grammar's text and options), so a command starts
without rebuilding them; a missing or unusable cache only costs the build.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any, Literal

from lark import Lark, Token
from lark.lexer import Lexer
from lark.load_grammar import FromPackageLoader

__all__ = ["grammar_text", "body_lexer", "body_parser", "front_parser", "label_parser",
           "HEADING_TYPES", "LABEL_KINDS", "IMPORT_PATHS"]

#: terminals that mark where a structural unit starts
HEADING_TYPES = frozenset({"PREAMBLE", "DIVISION", "ARTICLE", "PARA", "SUBPARA", "OPTION"})
#: the rule of grammar/label.lark that reads each of them
LABEL_KINDS: dict[str, Literal["preamble", "division", "article", "paragraph", "subparagraph",
                               "option"]] = {
    "PREAMBLE": "preamble", "DIVISION": "division", "ARTICLE": "article", "PARA": "paragraph",
    "SUBPARA": "subparagraph", "OPTION": "option"}
#: where `%import label (...)` in treaty.lark finds grammar/label.lark: in the package
IMPORT_PATHS = [FromPackageLoader("treatydraft.grammar", ("",))]


def grammar_text(name: str) -> str:
    """The text of ``grammar/<name>.lark`` as shipped with the package."""
    return (resources.files("treatydraft.grammar") / f"{name}.lark").read_text(encoding="utf-8")


class _TokenList(Lexer):
    """Feeds the parser a token list already prepared by the token pass."""

    def __init__(self, lexer_conf: Any):  # noqa: D401 - Lark's signature
        pass

    # Lark calls a custom lexer's ``lex`` with the data given to ``parse`` (here the
    # token list), not with the lexer state its base class declares
    def lex(self, data: list[Token]) -> Iterator[Token]:  # type: ignore[override]
        return iter(data)


def body_lexer() -> Lark:
    """The Lark object used for ``.lex(text)``: :func:`body_parser` itself.

    ``Lark.lex`` runs a basic lexer over the grammar's terminals whatever lexer the
    parser was built with, so one load of the treaty grammar serves both (a second
    Lark object only cost a second load of its tables at every start)."""
    return body_parser()


@cache
def body_parser() -> Lark:
    """Lark's LALR parser over prepared tokens; builds a plain parse tree."""
    return Lark(grammar_text("treaty"), parser="lalr", lexer=_TokenList, import_paths=IMPORT_PATHS,
                cache=True)


@cache
def front_parser() -> Lark:
    return Lark(grammar_text("front"), parser="lalr", cache=True)


@cache
def label_parser() -> Lark:
    """LALR with the contextual lexer over grammar/label.lark: the parts of a marker."""
    return Lark(grammar_text("label"), parser="lalr", lexer="contextual", cache=True,
                start=list(LABEL_KINDS.values()))
