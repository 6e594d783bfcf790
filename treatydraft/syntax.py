"""The grammars (``grammar/*.lark``) at run time: their tables, loaded once per process.

``grammar/*.lark`` is the syntax of record.  ``python -m treatydraft.tables_build`` has
Lark build each grammar and writes its lexer and LALR tables as plain Python modules
(``treatydraft/_tables_treaty.py``, ``_tables_front.py``, ``_tables_label.py``), which
:mod:`treatydraft.lalr` runs; ``tests/test_lalr.py`` checks that they are what the
grammar files give and that the runtime gives Lark's tokens, trees and errors.  A
command therefore never imports Lark (issue 11, part 5); Lark is needed to change a
grammar, not to read a draft.  The lexers compile their regular expressions through
:mod:`.regexcache`, which keeps the compiled programs in the temporary folder.
"""
from __future__ import annotations

import os
from functools import cache
from typing import Literal

from .lalr import Grammar, Lexer

__all__ = ["grammar_text", "body_lexer", "body_parser", "front_parser", "label_parser",
           "HEADING_TYPES", "LABEL_KINDS"]

#: terminals that mark where a structural unit starts
HEADING_TYPES = frozenset({"PREAMBLE", "DIVISION", "ARTICLE", "PARA", "SUBPARA", "OPTION"})
#: the rule of grammar/label.lark that reads each of them
LABEL_KINDS: dict[str, Literal["preamble", "division", "article", "paragraph", "subparagraph",
                               "option"]] = {
    "PREAMBLE": "preamble", "DIVISION": "division", "ARTICLE": "article", "PARA": "paragraph",
    "SUBPARA": "subparagraph", "OPTION": "option"}


def grammar_text(name: str) -> str:
    """The text of ``grammar/<name>.lark`` as shipped with the package."""
    folder = _grammar_folder()
    if folder is not None:  # read directly: importlib.resources costs a start 3 ms
        try:
            with open(os.path.join(folder, f"{name}.lark"), encoding="utf-8") as f:
                return f.read()
        except OSError:
            pass
    from importlib import resources  # e.g. installed in a zip file
    return (resources.files("treatydraft.grammar") / f"{name}.lark").read_text(encoding="utf-8")


@cache
def _grammar_folder() -> str | None:
    """The folder of the package ``treatydraft.grammar``, when it is one."""
    from importlib import import_module
    spec = import_module("treatydraft.grammar").__spec__
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if os.path.isfile(os.path.join(folder, "treaty.lark")):
            return folder
    return None


@cache
def body_parser() -> Grammar:
    """The LALR parser of grammar/treaty.lark over prepared tokens (``parse_tokens``);
    builds a plain parse tree."""
    from . import _tables_treaty
    return Grammar(_tables_treaty)


@cache
def body_lexer() -> Lexer:
    """The lexer of the treaty grammar (Lark's basic lexer over all its terminals):
    ``.lex(text)``."""
    return body_parser().root_lexer


@cache
def front_parser() -> Grammar:
    """LALR with the contextual lexer over grammar/front.lark: the front matter."""
    from . import _tables_front
    return Grammar(_tables_front)


@cache
def label_parser() -> Grammar:
    """LALR with the contextual lexer over grammar/label.lark: the parts of a marker."""
    from . import _tables_label
    return Grammar(_tables_label)
