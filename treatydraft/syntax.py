"""Loading the grammar files (``grammar/*.lark``) once, and the two Lark objects built from them."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from lark import Lark
from lark.lexer import Lexer

__all__ = ["grammar_text", "body_lexer", "body_parser", "front_parser", "HEADING_TYPES"]

#: terminals that mark where a structural unit starts
HEADING_TYPES = frozenset({"PREAMBLE", "DIVISION", "ARTICLE", "PARA", "SUBPARA", "OPTION"})


def grammar_text(name: str) -> str:
    """The text of ``grammar/<name>.lark`` as shipped with the package."""
    return (resources.files("treatydraft.grammar") / f"{name}.lark").read_text(encoding="utf-8")


class _TokenList(Lexer):
    """Feeds the parser a token list already prepared by the token pass."""

    def __init__(self, lexer_conf):  # noqa: D401 - Lark's signature
        pass

    def lex(self, data):
        return iter(data)


@lru_cache(maxsize=None)
def body_lexer() -> Lark:
    """Lark with the basic lexer: used for ``.lex(text)`` only."""
    return Lark(grammar_text("treaty"), parser="lalr", lexer="basic")


@lru_cache(maxsize=None)
def body_parser() -> Lark:
    """Lark's LALR parser over prepared tokens; builds a plain parse tree."""
    return Lark(grammar_text("treaty"), parser="lalr", lexer=_TokenList)


@lru_cache(maxsize=None)
def front_parser() -> Lark:
    return Lark(grammar_text("front"), parser="lalr")
