"""Loading the grammar files (``grammar/*.lark``) once, and the Lark objects built from them.

Each is built once per process, and its LALR tables are cached by Lark in the
temporary folder (keyed by the grammar's text and options), so a command starts
without rebuilding them; a missing or unusable cache only costs the build.  Their
lexers compile the terminals' regular expressions through :mod:`.regexcache`, which
keeps the compiled programs in the same folder (issue 11, part 5).
"""
from __future__ import annotations

from copy import copy
from functools import cache
from importlib import resources

from lark import Lark
from lark.lexer import BasicLexer, Lexer, LexerThread
from lark.load_grammar import FromPackageLoader

from .regexcache import RE_MODULE

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


class _BodyLexer:
    """What ``Lark.lex`` does (a basic lexer over all the grammar's terminals, whatever
    lexer the parser was built with), with one lexer built once, whose regular
    expressions come from :mod:`.regexcache`.  It shares the treaty grammar's one load
    with :func:`body_parser` (a second Lark object cost a second load of its tables)."""

    def __init__(self, lark: Lark):
        self.terminals = lark.terminals
        conf = copy(lark.lexer_conf)
        conf.re_module = RE_MODULE
        self._lexer = BasicLexer(conf)

    def lex(self, text: str):
        """The tokens of ``text``, as ``Lark.lex(text)`` gives them."""
        return LexerThread.from_text(self._lexer, text).lex(None)


@cache
def body_lexer() -> _BodyLexer:
    """The lexer of the treaty grammar: ``.lex(text)`` and ``.terminals``."""
    return _BodyLexer(body_parser())


def _cached_regexes(lark: Lark) -> Lark:
    """Let the lexers of ``lark`` (built, their expressions not yet compiled) compile
    through :mod:`.regexcache`."""
    lexer = getattr(lark.parser, "lexer", None)
    for basic in [*getattr(lexer, "lexers", {}).values(), getattr(lexer, "root_lexer", None),
                  lexer]:
        if isinstance(basic, BasicLexer) and basic._scanner is None:
            basic.re = RE_MODULE
    return lark


@cache
def body_parser() -> Lark:
    """Lark's LALR parser over prepared tokens; builds a plain parse tree."""
    return Lark(grammar_text("treaty"), parser="lalr", lexer=_TokenList, import_paths=IMPORT_PATHS,
                cache=True)


@cache
def front_parser() -> Lark:
    return _cached_regexes(Lark(grammar_text("front"), parser="lalr", cache=True))


@cache
def label_parser() -> Lark:
    """LALR with the contextual lexer over grammar/label.lark: the parts of a marker."""
    return _cached_regexes(Lark(grammar_text("label"), parser="lalr", lexer="contextual",
                                cache=True, start=list(LABEL_KINDS.values())))
