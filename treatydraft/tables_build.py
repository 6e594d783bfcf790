"""Generate the parse tables of ``grammar/*.lark`` as plain Python modules (issue 11, part 5).

    python -m treatydraft.tables_build          # rewrite treatydraft/_tables_*.py
    python -m treatydraft.tables_build --check  # exit 1 if a committed module is stale

The grammar files are the syntax of record; Lark (a dependency of record) builds them
here, at development time only, and this module writes what :mod:`treatydraft.lalr`
needs to lex and parse with them at run time, as literals (a module loads from its
``.pyc`` in well under a millisecond, with no pickle, hash or temporary file): the
lexers' alternations of terminals in the order Lark's ``BasicLexer`` tries them, the
LALR action and goto tables (states renumbered in a canonical order, so the output does
not depend on Python's hash seed), and for each rule what Lark's parse-tree builder
does with its children (``_rule`` inlined, ``?rule`` replaced by its one child,
filtered tokens, aliases).  ``tests/test_lalr.py`` regenerates the modules in memory
and fails when a committed one differs, and checks that the runtime gives Lark's
tokens, trees and errors.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from lark import Lark, Token
from lark.lexer import BasicLexer, Lexer, Scanner
from lark.load_grammar import FromPackageLoader
from lark.parsers.lalr_analysis import Shift

from .syntax import LABEL_KINDS, grammar_text

try:  # the parser of regular expressions and its opcodes (development time only)
    from re import _constants as _const  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _const
    import sre_parse as _parser

__all__ = ["GRAMMARS", "build", "source", "module_path", "main"]

#: where `%import label (...)` in treaty.lark finds grammar/label.lark: in the package
IMPORT_PATHS = [FromPackageLoader("treatydraft.grammar", ("",))]


class _TokenList(Lexer):
    """Stands for the token pass's prepared tokens (the body parser lexes nothing)."""

    def __init__(self, lexer_conf: Any):
        pass

    def lex(self, data: list[Token]) -> Iterator[Token]:  # type: ignore[override]
        return iter(data)


#: module name -> (grammar file, Lark options, the lexer the runtime needs)
GRAMMARS: dict[str, tuple[str, dict[str, Any], str]] = {
    "treaty": ("treaty", {"parser": "lalr", "lexer": _TokenList, "import_paths": IMPORT_PATHS},
               "basic"),
    "front": ("front", {"parser": "lalr"}, "contextual"),
    "label": ("label", {"parser": "lalr", "lexer": "contextual",
                        "start": list(LABEL_KINDS.values())}, "contextual"),
}


def lark_parser(name: str) -> Lark:
    """The Lark object the tables of ``name`` are taken from (also the tests' oracle)."""
    grammar, options, _ = GRAMMARS[name]
    return Lark(grammar_text(grammar), **options)


#: a first-character class larger than this many characters is not worth a dispatch
_MAX_RANGE = 256


def _first(seq: Any) -> tuple[set[str] | None, bool]:
    """The characters a match of the parsed sequence ``seq`` (``re._parser``) can start
    with (None: too many to list) and whether it can match the empty string."""
    out: set[str] = set()
    for op, av in seq:
        chars, nullable = _first_of(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_of(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    """:func:`_first` of one item; None for anything not listed (a negated class, a
    category, a back reference, any character): the lexer then always tries it."""
    if op is _const.LITERAL:
        return {chr(av)}, False
    if op is _const.IN:
        chars: set[str] = set()
        for kind, arg in av:
            if kind is _const.LITERAL:
                chars.add(chr(arg))
            elif kind is _const.RANGE and arg[1] - arg[0] < _MAX_RANGE:
                chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
            else:
                return None, False
        return chars, False
    if op is _const.BRANCH:
        chars, empty = set(), False
        for alt in av[1]:
            first, nullable = _first(alt)
            if first is None:
                return None, False
            chars, empty = chars | first, empty or nullable
        return chars, empty
    if op is _const.SUBPATTERN:
        return _first(av[3]) if not (av[1] or av[2]) else (None, False)  # no inline flags
    if op is _const.ATOMIC_GROUP:
        return _first(av)
    if op in (_const.MAX_REPEAT, _const.MIN_REPEAT, _const.POSSESSIVE_REPEAT):
        first, nullable = _first(av[2])
        return first, nullable or av[0] == 0
    if op in (_const.ASSERT, _const.ASSERT_NOT, _const.AT):  # zero width
        return set(), True
    return None, False


def first_chars(regexp: str, flags: int) -> str | None:
    """The characters a match of ``regexp`` must start with, sorted, or None when any
    may (or the empty string matches, or the list would be long)."""
    if flags & re.IGNORECASE:
        return None
    chars, nullable = _first(_parser.parse(regexp, flags))
    return None if chars is None or nullable else "".join(sorted(chars))


def _dispatch(scanner: Scanner, flags: int) -> tuple[tuple[int, str | None], ...] | None:
    """For a lexer of one alternation: each terminal's end in it and the characters a
    match of it starts with (:func:`first_chars`), so that the lexer tries at each
    position only the terminals that can match there, in the same order
    (:meth:`treatydraft.lalr.Lexer._lex_plain`)."""
    if len(scanner._mres) != 1:  # pragma: no cover - the body lexer has one
        return None
    ends, end = [], -1
    for t in scanner.terminals:
        end += len(f"(?P<{t.name}>{t.pattern.to_regexp()})") + 1
        ends.append((end, first_chars(t.pattern.to_regexp(), flags)))
    if end != len(scanner._mres[0].pattern):  # pragma: no cover - Lark builds it so
        raise ValueError("the alternation is not the terminals joined by |")
    return tuple(ends)


def _lexer_spec(lexer: BasicLexer, dispatch: bool = False) -> tuple[Any, ...]:
    scanner: Scanner = lexer.scanner
    unless = {}
    for type_, callback in sorted(lexer.callback.items()):
        inner = getattr(callback, "scanner", None)
        if inner is None:  # pragma: no cover - the grammars declare no user callbacks
            raise ValueError(f"terminal {type_} has a callback the runtime does not know")
        unless[type_] = tuple(m.pattern for m in inner._mres)
    return (tuple(m.pattern for m in scanner._mres),
            int(lexer.g_regex_flags),
            tuple(sorted(lexer.newline_types)),
            tuple(sorted(lexer.ignore_types)),
            tuple(sorted(scanner.allowed_types - lexer.ignore_types)),
            unless,
            _dispatch(scanner, int(lexer.g_regex_flags)) if dispatch else None)


def build(name: str) -> dict[str, Any]:
    """The tables of grammar ``name`` as plain data."""
    lark = lark_parser(name)
    options = lark.options
    if options.keep_all_tokens or options.propagate_positions or options.lexer_callbacks \
            or lark.lexer_conf.postlex is not None:  # pragma: no cover - not used by the grammars
        raise ValueError("an option the runtime does not implement")
    parser = lark.parser.parser  # the LALR_Parser
    table = parser._parse_table
    rules = lark.rules
    index = {rule: i for i, rule in enumerate(rules)}

    # canonical numbering of the states: breadth first from the start states, by symbol
    order: dict[int, int] = {}
    queue = [table.start_states[s] for s in sorted(table.start_states)]
    for s in queue:
        order.setdefault(s, len(order))
    k = 0
    while k < len(queue):
        s = queue[k]
        k += 1
        for sym in sorted(table.states[s]):
            action, arg = table.states[s][sym]
            if action is Shift and arg not in order:
                order[arg] = len(order)
                queue.append(arg)
    missing = set(table.states) - set(order)
    for s in sorted(missing):  # pragma: no cover - every state is reachable
        order[s] = len(order)
    states: list[dict[str, int]] = [{} for _ in order]
    for s, actions in table.states.items():
        states[order[s]] = {str(sym): (order[arg] if action is Shift else -1 - index[arg])
                            for sym, (action, arg) in sorted(actions.items())}
    starts = {str(s): (order[table.start_states[s]], order[table.end_states[s]])
              for s in sorted(table.start_states)}

    rule_specs = []
    for rule in rules:
        opts = rule.options
        if opts.empty_indices and options.maybe_placeholders:  # pragma: no cover
            raise ValueError(f"rule {rule} uses [optional] placeholders")
        keep = opts.keep_all_tokens
        include = [(i, not sym.is_term and sym.name.startswith("_"))
                   for i, sym in enumerate(rule.expansion)
                   if keep or not (sym.is_term and getattr(sym, "filter_out", False))]
        filtered = len(include) < len(rule.expansion) or any(e for _, e in include)
        rule_specs.append((
            str(rule.origin.name),
            tuple(str(sym.name) for sym in rule.expansion),
            str(rule.alias or opts.template_source or rule.origin.name),
            bool(opts.expand1 and not rule.alias),
            tuple(include) if filtered else None))

    lexer = lark.parser.lexer
    lexers: list[tuple[Any, ...]] = []
    state_lexer: list[int] | None = None
    if GRAMMARS[name][2] == "basic":
        conf = lark.lexer_conf
        lexers.append(_lexer_spec(BasicLexer(conf), dispatch=True))
        root_at = 0
    else:
        specs: dict[Any, int] = {}
        state_lexer = [0] * len(states)
        by_state = {order[s]: basic for s, basic in lexer.lexers.items()}
        for s in range(len(states)):
            spec = _lexer_spec(by_state[s])
            key = repr(spec)
            state_lexer[s] = specs.setdefault(key, len(lexers))
            if state_lexer[s] == len(lexers):
                lexers.append(spec)
        root_spec = _lexer_spec(lexer.root_lexer)
        root_at = specs.setdefault(repr(root_spec), len(lexers))
        if root_at == len(lexers):
            lexers.append(root_spec)
    return {
        "terminals": tuple((str(t.name), t.pattern.to_regexp(), t.priority) for t in lark.terminals),
        "rules": tuple(rule_specs),
        "states": tuple(states),
        "starts": starts,
        "lexers": tuple(lexers),
        "state_lexer": None if state_lexer is None else tuple(state_lexer),
        "root_lexer": root_at,
    }


#: the annotation of each table (strings at run time: the module imports nothing)
_TYPES = {
    "terminals": "tuple[tuple[str, str, int], ...]",
    "rules": "tuple[tuple[str, tuple[str, ...], str, bool, tuple[tuple[int, bool], ...] | None], ...]",
    "states": "tuple[dict[str, int], ...]",
    "starts": "dict[str, tuple[int, int]]",
    "lexers": "tuple[tuple[Any, ...], ...]",
    "state_lexer": "tuple[int, ...] | None",
    "root_lexer": "int",
}
_FIELDS = ("terminals", "rules", "states", "starts", "lexers", "state_lexer", "root_lexer")


#: items of a table on one line, up to this many characters (a few hundred lines a file)
_WIDTH = 400


def _packed(items: Iterable[str]) -> Iterator[str]:
    """The items, indented, as many on a line as fit in :data:`_WIDTH` (one if longer)."""
    line = ""
    for item in items:
        if line and len(line) + 1 + len(item) > _WIDTH:
            yield line
            line = ""
        line = f"{line} {item}" if line else f"    {item}"
    if line:
        yield line


def source(name: str) -> str:
    """The text of ``treatydraft/_tables_<name>.py``."""
    data = build(name)
    lines = [f'"""Tables of grammar/{GRAMMARS[name][0]}.lark for treatydraft.lalr: generated by',
             '``python -m treatydraft.tables_build``; do not edit (tests/test_lalr.py checks',
             'that this file is what the grammar gives)."""',
             "# ruff: noqa",
             "# fmt: off",
             "from __future__ import annotations",
             "",
             "from typing import Any",
             ""]
    for field in _FIELDS:
        value = data[field]
        kind = _TYPES[field]
        if field in ("states", "rules", "lexers", "terminals") and value:
            lines.append(f"{field.upper()}: {kind} = (")
            lines.extend(_packed(f"{item!r}," for item in value))
            lines.append(")")
        else:
            lines.append(f"{field.upper()}: {kind} = {value!r}")
    return "\n".join(lines) + "\n"


def module_path(name: str) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), f"_tables_{name}.py")


def main(argv: list[str]) -> int:
    stale = []
    for name in GRAMMARS:
        text = source(name)
        path = module_path(name)
        try:
            with open(path, encoding="utf-8") as f:
                same = f.read() == text
        except OSError:
            same = False
        if same:
            continue
        stale.append(path)
        if "--check" not in argv:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    for path in stale:
        print(("stale: " if "--check" in argv else "written: ") + path)
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
