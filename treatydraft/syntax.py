"""Loading the grammar files (``grammar/*.lark``) once, and the Lark objects built from them.

Each is built once per process, and kept in the temporary folder (keyed by the text of
every grammar file, the options, Lark's and Python's versions), so a command starts
without rebuilding it; a missing or unusable file only costs the build.  What is kept
is what ``Lark.save`` writes, with its table of rules and terminals stored as the
objects themselves rather than in Lark's portable form, which took most of a start's
time to rebuild (issue 11, part 5).  The lexers compile the terminals' regular
expressions through :mod:`.regexcache`, which keeps the compiled programs in the same
folder.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import suppress
from copy import copy
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from lark import Lark, Token
from lark import __version__ as lark_version
from lark.grammar import Rule
from lark.lexer import BasicLexer, Lexer, LexerThread, TerminalDef
from lark.load_grammar import FromPackageLoader

from .regexcache import RE_MODULE

if TYPE_CHECKING:
    import hashlib

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


#: the grammar files, all of which key every kept parser (treaty.lark imports label.lark)
GRAMMARS = ("treaty", "label", "front")


@cache
def _grammars_key() -> hashlib._Hash:
    """A hash of every grammar file and the versions of Lark and Python."""
    import hashlib
    key = hashlib.sha256()
    for part in [*(grammar_text(g) for g in GRAMMARS), lark_version, sys.version]:
        key.update(part.encode("utf-8") + b"\0")
    return key


def _cache_path(name: str, options: dict[str, Any]) -> str:
    import tempfile
    key = _grammars_key().copy()
    key.update(repr(sorted(options.items())).encode("utf-8"))
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return os.path.join(tempfile.gettempdir(),
                        f".treatydraft_{name}_{uid}_{key.hexdigest()[:40]}.pickle")


def _kept(name: str, **options: Any) -> Lark:
    """``Lark(grammar_text(name), **options)``, loaded from the temporary folder when it
    was kept there, else built and kept.  ``options`` must have a stable ``repr``."""
    import pickle
    path = _cache_path(name, options)
    try:
        with open(path, "rb") as f:
            if hasattr(os, "getuid") and os.fstat(f.fileno()).st_uid != os.getuid():
                raise OSError("not the current user's file")
            kept = pickle.load(f)
        loaded: Lark = Lark._load_from_dict(kept["data"], kept["memo"])  # type: ignore[no-untyped-call]
        return loaded
    except Exception:  # missing, unreadable, another user's, or from another version
        pass
    lark = Lark(grammar_text(name), **options)
    _keep(lark, path)
    return lark


def _keep(lark: Lark, path: str) -> None:
    """Write what ``Lark.save`` would, its memo of rules and terminals as objects.

    Anything failing here (a read-only or full temporary folder, another version of
    Lark's internals) only costs the next start its build."""
    import pickle
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        from lark.lark import _LOAD_ALLOWED_OPTIONS
        from lark.utils import SerializeMemoizer
        data, memo = lark.memo_serialize([TerminalDef, Rule])
        data["options"] = {k: v for k, v in data["options"].items()
                           if k not in _LOAD_ALLOWED_OPTIONS}
        memo = SerializeMemoizer.deserialize(memo, {"Rule": Rule, "TerminalDef": TerminalDef}, {})
        with open(tmp, "wb") as f:
            pickle.dump({"data": data, "memo": memo}, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:
        with suppress(OSError):
            os.unlink(tmp)


class _TokenList(Lexer):
    """Feeds the parser a token list already prepared by the token pass."""

    def __init__(self, lexer_conf: Any):  # noqa: D401 - Lark's signature
        pass

    # Lark calls a custom lexer's ``lex`` with the data given to ``parse`` (here the
    # token list), not with the lexer state its base class declares
    def lex(self, data: list[Token]) -> Iterator[Token]:  # type: ignore[override]
        return iter(data)


class _BodyLexer:
    """What ``Lark.lex`` does (a basic lexer over all the grammar's terminals, whatever
    lexer the parser was built with), with one lexer built once, whose regular
    expressions come from :mod:`.regexcache`.  It shares the treaty grammar's one load
    with :func:`body_parser` (a second Lark object cost a second load of its tables)."""

    def __init__(self, lark: Lark):
        self.terminals = lark.terminals
        conf = copy(lark.lexer_conf)
        # duck-typed: compile and match are all Lark's lexers use of the re module
        conf.re_module = RE_MODULE  # type: ignore[assignment]
        self._lexer = BasicLexer(conf)

    def lex(self, text: str) -> Iterator[Token]:
        """The tokens of ``text``, as ``Lark.lex(text)`` gives them."""
        tokens: Iterator[Token] = LexerThread.from_text(self._lexer, text).lex(None)  # type: ignore[no-untyped-call]
        return tokens


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
            basic.re = RE_MODULE  # type: ignore[assignment]  # duck-typed, as above
    return lark


@cache
def body_parser() -> Lark:
    """Lark's LALR parser over prepared tokens; builds a plain parse tree."""
    return _kept("treaty", parser="lalr", lexer=_TokenList, import_paths=IMPORT_PATHS)


@cache
def front_parser() -> Lark:
    return _cached_regexes(_kept("front", parser="lalr"))


@cache
def label_parser() -> Lark:
    """LALR with the contextual lexer over grammar/label.lark: the parts of a marker."""
    return _cached_regexes(_kept("label", parser="lalr", lexer="contextual",
                                 start=list(LABEL_KINDS.values())))
