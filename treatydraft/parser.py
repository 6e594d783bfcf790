"""Text -> :class:`~treatydraft.ast.Document`.

Three steps, each linear in the input:

1. Lark's basic lexer cuts the text into the terminals of ``grammar/treaty.lark``.
2. The token pass matches brackets and settles what the grammar leaves to it (see
   the grammar's header): in strict mode every problem becomes an error, the first
   of which is raised; in tolerant mode each becomes a :class:`Diagnostic` and the
   offending token is read as plain text, so the parser always succeeds.
3. Lark's LALR parser builds the parse tree, and :mod:`treatydraft.builder` turns it
   into the AST.
"""
from __future__ import annotations

import gc

from lark import Token
from lark.exceptions import LarkError, UnexpectedInput

from . import errors as E
from .ast import Diagnostic, Document, FrontMatter, Text
from .syntax import HEADING_TYPES, body_lexer, body_parser
from .source import Span

__all__ = ["parse", "MAX_DEPTH"]

#: Brackets may nest this deep; deeper is an error (strict) or plain text (tolerant).
MAX_DEPTH = 100

_OPENERS = "[［【"


def parse(text: str, *, mode: str = "strict", source: str | None = None) -> Document:
    """Parse a draft.

    ``mode="strict"`` raises the first :class:`~treatydraft.errors.ParseError`
    (its ``all_errors`` attribute lists every error found); ``mode="tolerant"``
    never raises on any input and reports problems in ``Document.diagnostics``.
    """
    if mode not in ("strict", "tolerant"):
        raise ValueError(f"mode must be 'strict' or 'tolerant', not {mode!r}")
    if not isinstance(text, str):
        raise TypeError("parse() takes text (str); use treatydraft.load() for files")
    # The parse allocates many small objects that all live as long as the tree; the
    # cyclic collector would rescan them again and again (quadratic-looking growth on
    # large drafts) and can free none of them, so it is paused for the duration.
    paused = gc.isenabled()
    gc.disable()
    try:
        if mode == "strict":
            return _parse(text, strict=True, source=source)
        try:
            return _parse(text, strict=False, source=source)
        except Exception as exc:  # tolerant mode never raises: keep the text, say why
            return _fallback(text, source, exc)
    finally:
        if paused:
            gc.enable()


class _Problems:
    """Problems found on the way: errors to raise (strict) or diagnostics (tolerant)."""

    def __init__(self, text: str, source: str | None, strict: bool):
        self.text, self.source, self.strict = text, source, strict
        self.errors: list[E.ParseError] = []

    def add(self, cls, message, line, column, hint=None, severity="error", offset=0):
        if severity == "warning" and self.strict:
            return
        err = cls(message, file=self.source, line=line, column=column, hint=hint,
                  source=self.text)
        err.severity = severity
        err.offset = offset
        self.errors.append(err)

    def raise_first(self):
        errs = [e for e in self.errors if getattr(e, "severity", "error") == "error"]
        if self.strict and errs:
            errs.sort(key=lambda e: e.offset)
            first = errs[0]
            first.all_errors = errs
            raise first

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        ordered = sorted(self.errors, key=lambda e: e.offset)
        return tuple(Diagnostic(e.code, e.message, e.line, e.column,
                                getattr(e, "severity", "error"), e.hint) for e in ordered)


def _tok(type_: str, value: str, like: Token, offset: int) -> Token:
    """A token for part of ``like`` starting ``offset`` characters into it (same line)."""
    return Token(type_, value, like.start_pos + offset, like.line, like.column + offset,
                 like.line, like.column + offset + len(value), like.start_pos + offset + len(value))


def _split_heading(tok: Token, out: list) -> None:
    """``  [[3.`` -> TEXT('  '), LBR('['), LBR('['), PARA('3.')."""
    value = str(tok)
    i = 0
    while i < len(value) and value[i] in " \t":
        i += 1
    if i:
        out.append(_tok("TEXT", value[:i], tok, 0))
    while i < len(value) and value[i] in _OPENERS:
        out.append(_tok("LBR", value[i], tok, i))
        i += 1
    out.append(_tok(tok.type, value[i:], tok, i))


def _lex(text: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    for tok in body_lexer().lex(text):
        if tok.type in HEADING_TYPES and tok[0] in " \t[［【":
            _split_heading(tok, tokens)
        else:
            append(tok)
    return tokens


def _as_text(tok: Token) -> Token:
    return Token.new_borrow_pos("TEXT", str(tok), tok)


def _match_brackets(tokens: list[Token], problems: _Problems) -> None:
    """Pair every LBR with its RBR; an unpaired one, or one too deep, becomes text."""
    stack: list[int] = []
    excess = 0  # brackets opened beyond MAX_DEPTH, read as text
    for i, tok in enumerate(tokens):
        t = tok.type
        if t == "LBR":
            if len(stack) >= MAX_DEPTH:
                if excess == 0:
                    problems.add(E.NestingTooDeep,
                                 f"brackets nested deeper than {MAX_DEPTH} levels",
                                 tok.line, tok.column, offset=tok.start_pos,
                                 hint="deeper brackets are read as plain text")
                excess += 1
                tokens[i] = _as_text(tok)
            else:
                stack.append(i)
        elif t == "RBR":
            if excess:
                excess -= 1
                tokens[i] = _as_text(tok)
            elif stack:
                j = stack.pop()
                if j == i - 1:
                    problems.add(E.EmptyAlternative, "empty alternative '[]'",
                                 tokens[j].line, tokens[j].column, offset=tokens[j].start_pos,
                                 hint="write a placeholder such as '[...]', or escape "
                                      "an editorial bracket as '\\[\\]'")
            else:
                problems.add(E.StrayBracket, f"stray '{tok}': no bracket is open here",
                             tok.line, tok.column, offset=tok.start_pos,
                             hint="remove it, or escape a literal bracket as '\\]'")
                tokens[i] = _as_text(tok)
    for j in stack:
        tok = tokens[j]
        problems.add(E.UnclosedBracket, f"unclosed bracket: this '{tok}' is never closed",
                     tok.line, tok.column, offset=tok.start_pos,
                     hint="add ']' where the bracketed text ends, or escape a literal "
                          "bracket as '\\['")
        tokens[j] = _as_text(tok)


def _settle(tokens: list[Token], problems: _Problems) -> None:
    """GAP, ATTRIB and GROUP_ATTRIB are syntax only where the grammar allows them."""
    tail = False        # just after the closing part of an alternative
    after_label = False  # just after an option label (and its attribution)
    n = len(tokens)
    prev = None
    for i in range(n):
        tok = tokens[i]
        t = tok.type
        if t == "GAP":
            nxt = tokens[i + 1].type if i + 1 < n else None
            if not (tail and nxt == "LBR"):
                tokens[i] = _as_text(tok)
                t = "TEXT"
        elif t == "ATTRIB":
            if not ((tail and prev == "RBR") or (after_label and prev == "OPTION")):
                tokens[i] = _as_text(tok)
                t = "TEXT"
        elif t == "GROUP_ATTRIB":
            if not (tail or after_label):
                tokens[i] = _as_text(tok)
                t = "TEXT"
        if t == "RBR" or (tail and t in ("ATTRIB", "FNREF")):
            tail = True
        elif t == "GAP":
            tail = True  # a GAP is only kept between an alternative and the next '['
        else:
            tail = False
        if t == "OPTION" or (after_label and t == "ATTRIB"):
            after_label = True
        else:
            after_label = False
        prev = t


def _parse(text: str, *, strict: bool, source: str | None) -> Document:
    from .builder import build  # the builder imports the AST only
    problems = _Problems(text, source, strict)
    tokens = _lex(text)
    _match_brackets(tokens, problems)
    _settle(tokens, problems)
    try:
        tree = body_parser().parse(tokens)
    except UnexpectedInput as exc:  # the token pass should make this impossible
        tok = getattr(exc, "token", None)
        line, col = getattr(exc, "line", 1), getattr(exc, "column", 1)
        expected = sorted(getattr(exc, "expected", ()) or ())
        raise E.ParseError(f"unexpected {tok.type if tok else 'input'}", file=source,
                           line=line, column=col, source=text, expected=expected) from None
    except LarkError as exc:  # pragma: no cover - grammar errors are bugs
        raise E.ParseError(f"parser failure: {exc}", file=source, source=text) from None
    del tokens
    return build(tree, text, problems, source)


def _fallback(text: str, source: str | None, exc: Exception) -> Document:
    lines = text.count("\n")
    last = text.rfind("\n")
    span = Span(0, len(text), 1, 1, lines + 1, len(text) - last)
    diag = Diagnostic("internal-error", f"the text could not be structured ({exc}); "
                      "it is kept as plain text", 1, 1)
    body = (Text(text, span),) if text else ()
    return Document(FrontMatter("", (), (), None), body, (diag,), source)
