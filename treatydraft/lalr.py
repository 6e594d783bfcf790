"""The run-time half of the grammars: tokens, trees, lexers and an LALR driver (issue 11, part 5).

``grammar/*.lark`` is the syntax of record.  :mod:`treatydraft.tables_build` has Lark
build each grammar and writes its tables as a plain Python module
(``treatydraft/_tables_<name>.py``); this module reads them and does what Lark's
``BasicLexer``, ``ContextualLexer``, LALR parser and parse-tree builder do, with the
same results (``tests/test_lalr.py`` compares tokens, trees and errors with Lark's), so
a command never imports Lark.  :class:`Token` and :class:`Tree` have the attributes
and behaviour of Lark's the package uses.  The lexers' regular expressions compile
through :mod:`.regexcache`.
"""
from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator, Sequence
from types import ModuleType
from typing import Any, Generic, TypeVar

from . import regexcache

__all__ = ["Token", "Tree", "Grammar", "Lexer", "ParseFailure", "UnexpectedInput",
           "UnexpectedCharacters", "UnexpectedToken"]

_T = TypeVar("_T", bound="Token")


class Token(str):
    """A piece of the text with its type and position (Lark's ``Token``: a ``str``).

    ``end_column`` is the column after the token's last character; ``end_pos`` is
    ``start_pos + len(token)``.  Two tokens of different types are never equal."""

    __slots__ = ("type", "start_pos", "value", "line", "column", "end_line", "end_column",
                 "end_pos")
    __match_args__ = ("type", "value")

    type: str
    start_pos: int
    value: str
    line: int
    column: int
    end_line: int
    end_column: int
    end_pos: int

    def __new__(cls, type: str, value: str, start_pos: int | None = None,
                line: int | None = None, column: int | None = None,
                end_line: int | None = None, end_column: int | None = None,
                end_pos: int | None = None) -> Token:
        inst = str.__new__(cls, value)
        inst.type = type
        inst.start_pos = start_pos  # type: ignore[assignment]  # None only when built so
        inst.value = value
        inst.line = line  # type: ignore[assignment]
        inst.column = column  # type: ignore[assignment]
        inst.end_line = end_line  # type: ignore[assignment]
        inst.end_column = end_column  # type: ignore[assignment]
        inst.end_pos = end_pos  # type: ignore[assignment]
        return inst

    @classmethod
    def new_borrow_pos(cls: builtins.type[_T], type_: str, value: str, borrow_t: Token) -> _T:
        """A token of ``type_`` and ``value`` at the position of ``borrow_t``."""
        return cls(type_, value, borrow_t.start_pos, borrow_t.line, borrow_t.column,
                   borrow_t.end_line, borrow_t.end_column, borrow_t.end_pos)

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.__class__, (self.type, self.value, self.start_pos, self.line,
                                 self.column, self.end_line, self.end_column, self.end_pos))

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Token) and self.type != other.type:
            return False
        return str.__eq__(self, other)

    __hash__ = str.__hash__


_Leaf = TypeVar("_Leaf")


class Tree(Generic[_Leaf]):
    """A node of a parse tree: the rule's name and its children (tokens and trees)."""

    __slots__ = ("data", "children")

    def __init__(self, data: str, children: list[Tree[_Leaf] | _Leaf]):
        self.data = data
        self.children = children

    def __repr__(self) -> str:
        return f"Tree({self.data!r}, {self.children!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tree):
            return NotImplemented
        return self.data == other.data and self.children == other.children

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]  # mutable, as Lark's


class ParseFailure(Exception):
    """Any failure to lex or parse (Lark's ``LarkError`` as the grammars raise it)."""


class UnexpectedInput(ParseFailure):
    """The input does not follow the grammar at ``line``, ``column`` (``pos_in_stream``
    is the offset in the text given)."""

    line: int
    column: int
    pos_in_stream: int | None
    expected: set[str]


class UnexpectedCharacters(UnexpectedInput):
    """No terminal allowed here matches the text at this position."""

    def __init__(self, text: str, pos: int, line: int, column: int, allowed: set[str]):
        super().__init__(f"no terminal matches {text[pos:pos + 1]!r} at line {line} "
                         f"column {column}")
        self.line, self.column, self.pos_in_stream = line, column, pos
        self.char = text[pos]
        self.allowed = self.expected = allowed


class UnexpectedToken(UnexpectedInput):
    """A token the parser cannot take in its state (``expected``: the terminals it can)."""

    def __init__(self, token: Token, expected: set[str]):
        super().__init__(f"unexpected token {token!r} at line {token.line} column "
                         f"{token.column}; expected one of {sorted(expected)}")
        self.token = token
        self.line, self.column, self.pos_in_stream = token.line, token.column, token.start_pos
        self.expected = expected


class Lexer:
    """Lark's ``BasicLexer`` over one set of terminals: at each position the first
    terminal that matches, in Lark's order (priority, then longest possible match, then
    length of the pattern, then name), the alternations compiled when first used."""

    def __init__(self, spec: Sequence[Any]):
        patterns, flags, newline, ignore, allowed, unless, dispatch = spec
        self._patterns, self._flags = patterns, flags
        self.newline_types = frozenset(newline)
        self.ignore_types = frozenset(ignore)
        self.allowed = frozenset(allowed)
        self._unless_specs: dict[str, tuple[str, ...]] = unless
        self._mres: list[Any] | None = None
        self._unless: dict[str, list[Any]] = {}
        # (end of each terminal in the one alternation, the characters it starts with)
        self._dispatch: tuple[tuple[int, str | None], ...] | None = dispatch
        self._by_char: dict[str, Any] = {}  # first character -> match of the terminals
        self._by_terminals: dict[tuple[int, ...], Any] = {}  # that can start with it

    @property
    def mres(self) -> list[Any]:
        """The compiled alternations, tried in order."""
        if self._mres is None:
            self._mres = [regexcache.compile(p, self._flags) for p in self._patterns]
            self._unless = {name: [regexcache.compile(p, self._flags) for p in pats]
                            for name, pats in self._unless_specs.items()}
        return self._mres

    def _retype(self, tok: Token) -> None:
        for mre in self._unless[tok.type]:
            m = mre.fullmatch(tok)
            if m:
                tok.type = m.lastgroup  # every group is named
                return

    def lex(self, text: str) -> Iterator[Token]:
        """The tokens of ``text`` (``Lark.lex``)."""
        if len(self.mres) == 1 and not self._unless and not self.ignore_types:
            return self._lex_plain(text)
        return self.tokens(text, None)

    def _match_at(self, char: str) -> Any:
        """The ``match`` of the alternation of the terminals, in order, that a token
        starting with ``char`` can be (the others fail there whatever follows: the
        table builder lists the characters each terminal starts with)."""
        if self._dispatch is None:
            return self.mres[0].match
        key = tuple(i for i, (_, first) in enumerate(self._dispatch)
                    if first is None or char in first)
        match = self._by_terminals.get(key)
        if match is None:
            pattern, branches, start = self._patterns[0], [], 0
            for end, _ in self._dispatch:
                branches.append(pattern[start:end])
                start = end + 1
            match = self._by_terminals[key] = regexcache.compile(
                "|".join(branches[i] for i in key), self._flags).match
        self._by_char[char] = match
        return match

    def _lex_plain(self, text: str) -> Iterator[Token]:
        """:meth:`tokens` for one alternation, no ignored terminals and no retyping
        (the body lexer): the same tokens, faster.  At each position only the terminals
        that can start with its character are tried (:meth:`_match_at`)."""
        by_char, match_at = self._by_char, self._match_at
        newline = self.newline_types
        pos, line, line_start, end = 0, 1, 0, len(text)
        while pos < end:
            char = text[pos]
            m = (by_char.get(char) or match_at(char))(text, pos)
            if m is None:
                raise UnexpectedCharacters(text, pos, line, pos - line_start + 1,
                                           set(self.allowed) or {"<END-OF-FILE>"})
            value = m.group()
            type_ = m.lastgroup
            start = pos
            column = pos - line_start + 1
            pos = m.end()
            if type_ in newline and "\n" in value:
                tok_line = line
                line += value.count("\n")
                line_start = start + value.rindex("\n") + 1
                yield Token(type_, value, start, tok_line, column,
                            line, pos - line_start + 1, pos)
            else:
                yield Token(type_, value, start, line, column,
                            line, column + pos - start, pos)

    def tokens(self, text: str, switch: list[Lexer] | None, pos: int = 0, line: int = 1,
               line_start: int = 0) -> Iterator[Token]:
        """The tokens of ``text`` from offset ``pos`` (on ``line``, which starts at offset
        ``line_start``); with ``switch``, a one-item list the parser sets to the lexer of
        its state before each token is read (the contextual lexer)."""
        end = len(text)
        lexer = self if switch is None else switch[0]  # (the state's, once parsing starts)
        mres = lexer.mres
        newline, ignore, unless = lexer.newline_types, lexer.ignore_types, lexer._unless
        while pos < end:
            if switch is not None and switch[0] is not lexer:
                lexer = switch[0]
                mres = lexer.mres
                newline, ignore, unless = lexer.newline_types, lexer.ignore_types, lexer._unless
            for mre in mres:
                m = mre.match(text, pos, end)
                if m:
                    break
            else:
                column = pos - line_start + 1
                allowed = set(lexer.allowed) or {"<END-OF-FILE>"}
                raise UnexpectedCharacters(text, pos, line, column, allowed)
            value = m.group(0)
            type_ = m.lastgroup
            start, column = pos, pos - line_start + 1
            if type_ in newline:
                n = value.count("\n")
                if n:
                    tok_line = line
                    line += n
                    line_start = pos + value.rindex("\n") + 1
                    pos += len(value)
                    if type_ in ignore and type_ not in unless:
                        continue
                    tok = Token(type_, value, start, tok_line, column, line,
                                pos - line_start + 1, pos)
                    if type_ in unless:
                        lexer._retype(tok)
                        if type_ in ignore:
                            continue
                    yield tok
                    continue
            pos += len(value)
            if type_ in ignore and type_ not in unless:
                continue
            tok = Token(type_, value, start, line, column, line,
                        column + len(value), pos)
            if type_ in unless:
                lexer._retype(tok)
                if type_ in ignore:
                    continue
            yield tok


#: (origin, size, tree name, expand1, children to keep: (index, inline) or None for all)
_Rule = tuple[str, int, str, bool, "tuple[tuple[int, bool], ...] | None"]


class Grammar:
    """One grammar's tables (a module written by :mod:`.tables_build`): its lexers and
    its LALR parser, building the trees Lark's parse-tree builder builds."""

    def __init__(self, tables: ModuleType):
        self.terminals: tuple[tuple[str, str, int], ...] = tables.TERMINALS
        self.rules: tuple[tuple[str, tuple[str, ...], str, bool, Any], ...] = tables.RULES
        self._rules: list[_Rule] = [(origin, len(expansion), name, expand1, include)
                                    for origin, expansion, name, expand1, include in tables.RULES]
        self.states: tuple[dict[str, int], ...] = tables.STATES
        self.starts: dict[str, tuple[int, int]] = tables.STARTS
        self.lexers = [Lexer(spec) for spec in tables.LEXERS]
        self.state_lexer: tuple[int, ...] | None = tables.STATE_LEXER
        self.root_lexer: Lexer = self.lexers[tables.ROOT_LEXER]

    def terminal_regexp(self, name: str) -> str:
        """The regular expression of terminal ``name`` as the lexer uses it."""
        return next(regexp for n, regexp, _ in self.terminals if n == name)

    def parse(self, text: str, start: str | None = None) -> Tree[Token]:
        """Lex ``text`` with the contextual lexer and parse it from ``start`` (the only
        start rule by default), as ``Lark.parse``."""
        if self.state_lexer is None:
            raise TypeError("this grammar parses prepared tokens: use parse_tokens")
        switch = [self.root_lexer]
        state_lexer, lexers = self.state_lexer, self.lexers
        try:
            return self._parse(self.root_lexer.tokens(text, switch), start,
                               lambda state: switch.__setitem__(0, lexers[state_lexer[state]]))
        except UnexpectedCharacters as exc:
            # as Lark's contextual lexer: when another terminal of the grammar matches
            # here, the error is that token, unexpected
            try:
                pos = exc.pos_in_stream or 0
                tok = next(self.root_lexer.tokens(text, None, pos, exc.line,
                                                  pos - exc.column + 1))
            except (UnexpectedCharacters, StopIteration):
                raise exc from None
            raise UnexpectedToken(tok, exc.allowed) from None

    def parse_tokens(self, tokens: Iterable[Token], start: str | None = None) -> Tree[Token]:
        """Parse prepared ``tokens`` (a grammar without a lexer of its own)."""
        return self._parse(iter(tokens), start, None)

    def _parse(self, tokens: Iterator[Token], start: str | None,
               on_state: Any) -> Tree[Token]:
        if start is None:
            (start,) = self.starts
        start_state, end_state = self.starts[start]
        states, rules = self.states, self._rules
        state_stack = [start_state]
        value_stack: list[Any] = []
        push_state, push_value = state_stack.append, value_stack.append
        state = start_state
        token = None
        if on_state is not None:
            on_state(state)
        for token in tokens:
            type_ = token.type
            while True:
                action = states[state].get(type_)
                if action is None:
                    raise UnexpectedToken(token, {s for s in states[state] if s.isupper()})
                if action >= 0:
                    push_state(action)
                    push_value(token)
                    state = action
                    break
                state = self._reduce(rules[-1 - action], state_stack, value_stack)
            if on_state is not None:
                on_state(state)
        end = (Token.new_borrow_pos("$END", "", token) if token is not None
               else Token("$END", "", 0, 1, 1))
        while True:
            action = states[state].get("$END")
            if action is None:
                raise UnexpectedToken(end, {s for s in states[state] if s.isupper()})
            if action >= 0:  # pragma: no cover - Lark's tables never shift $END
                raise AssertionError("shift on $END")
            state = self._reduce(rules[-1 - action], state_stack, value_stack)
            if state == end_state:
                result: Tree[Token] = value_stack[-1]
                return result

    def _reduce(self, rule: _Rule, state_stack: list[int], value_stack: list[Any]) -> int:
        origin, size, name, expand1, include = rule
        if size:
            children = value_stack[-size:]
            del state_stack[-size:]
            del value_stack[-size:]
        else:
            children = []
        if include is not None:
            kept: list[Any] = []
            for i, inline in include:
                if inline:
                    if kept:
                        kept += children[i].children
                    else:
                        kept = children[i].children
                else:
                    kept.append(children[i])
            children = kept
        value = children[0] if expand1 and len(children) == 1 else Tree(name, children)
        state = self.states[state_stack[-1]][origin]
        state_stack.append(state)
        value_stack.append(value)
        return state
