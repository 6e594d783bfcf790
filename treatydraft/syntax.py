"""Loading the grammar files (``grammar/*.lark``) once, and the Lark objects built from them.

Each is built once per process, and its LALR tables are cached by Lark in the
temporary folder (keyed by the grammar's text and options), so a command starts
without rebuilding them; a missing or unusable cache only costs the build.
"""
from __future__ import annotations

from functools import cache
from importlib import resources

from lark import Lark
from lark.lexer import Lexer
from lark.load_grammar import FromPackageLoader

__all__ = ["grammar_text", "body_lexer", "body_parser", "front_parser", "label_parser",
           "HEADING_TYPES", "LABEL_KINDS", "IMPORT_PATHS"]

#: terminals that mark where a structural unit starts
HEADING_TYPES = frozenset({"PREAMBLE", "DIVISION", "ARTICLE", "PARA", "SUBPARA", "OPTION"})
#: the rule of grammar/label.lark that reads each of them
LABEL_KINDS = {"PREAMBLE": "preamble", "DIVISION": "division", "ARTICLE": "article",
               "PARA": "paragraph", "SUBPARA": "subparagraph", "OPTION": "option"}
#: where `%import label (...)` in treaty.lark finds grammar/label.lark: in the package
IMPORT_PATHS = [FromPackageLoader("treatydraft.grammar", ("",))]


def grammar_text(name: str) -> str:
    """The text of ``grammar/<name>.lark`` as shipped with the package."""
    return (resources.files("treatydraft.grammar") / f"{name}.lark").read_text(encoding="utf-8")


class _TokenList(Lexer):
    """Feeds the parser a token list already prepared by the token pass."""

    def __init__(self, lexer_conf):  # noqa: D401 - Lark's signature
        pass

    def lex(self, data):
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
