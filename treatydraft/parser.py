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
import threading
from contextlib import contextmanager

from lark import Token
from lark.exceptions import LarkError, UnexpectedInput

from . import errors as E
from . import tokenpass as T
from .ast import Diagnostic, Document, FrontMatter, Text
from .frontmatter import EMPTY_FRONT, read_front_matter
from .readings import CONVENTIONS
from .source import Span
from .syntax import body_parser
from .tokenpass import MAX_DEPTH

__all__ = ["parse", "MAX_DEPTH"]


def parse(text: str, *, mode: str = "strict", source: str | None = None) -> Document:
    """Parse a draft.

    ``mode="strict"`` raises the first :class:`~treatydraft.errors.ParseError`
    (its ``diagnostics`` field lists every error found); ``mode="tolerant"``
    reports problems in ``Document.diagnostics`` instead, on any input (an internal
    bug still surfaces as an exception, never as a diagnostic).  Warnings are in
    ``Document.diagnostics`` in both modes.  ``source`` names the text in messages.

        >>> import treatydraft
        >>> doc = treatydraft.parse("Article 1\\n1. Parties shall [share][exchange] data.\\n")
        >>> [alt.id for alt in doc.find("art_1__para_1__brk_1").alternatives]
        ['art_1__para_1__brk_1__alt_1', 'art_1__para_1__brk_1__alt_2']
        >>> bad = "Article 1\\n1. Parties [shall share data.\\n"
        >>> treatydraft.parse(bad, mode="tolerant").diagnostics[0].code
        'unclosed-bracket'
    """
    if mode not in ("strict", "tolerant"):
        raise ValueError(f"mode must be 'strict' or 'tolerant', not {mode!r}")
    if not isinstance(text, str):
        raise TypeError("parse() takes text (str); use treatydraft.load() for files")
    with collector_paused():
        if mode == "strict":
            return _parse(text, strict=True, source=source)
        try:
            return _parse(text, strict=False, source=source)
        except E.ParseError as exc:  # the token pass should make this impossible; say why
            return _fallback(text, source, exc)


_GC_LOCK = threading.Lock()
_gc_depth = 0          # parses running now, in every thread
_gc_was_enabled = False


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while parses run, and restore it exactly.

    Every object a parse allocates lives as long as the tree, so the collector's passes
    free nothing and grow with the heap (a 12 MB draft parses about 30% faster without
    them).  The collector is process-wide state: the first of any number of concurrent
    parses (in any thread) records whether it was enabled and disables it; the last one
    to finish enables it again if it was.  A caller that disabled it keeps it disabled.
    """
    global _gc_depth, _gc_was_enabled
    with _GC_LOCK:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()


class _Problems:
    """Problems found on the way, as :class:`Diagnostic` records: the errors are raised
    at the end in strict mode (the first, carrying them all), every one is reported in
    tolerant mode; warnings are reported in both and never raised."""

    def __init__(self, text: str, source: str | None, strict: bool):
        self.text, self.source, self.strict = text, source, strict
        #: (offset, error class, diagnostic) in the order found
        self.found: list[tuple[int, type, Diagnostic]] = []

    def add(self, cls, message, line, column, hint=None, severity="error", offset=0,
            code=None):
        self.found.append((offset, cls, Diagnostic(code or cls.code, message, line, column,
                                                   severity, hint)))

    def raise_first(self):
        if not self.strict:
            return
        errors = sorted((f for f in self.found if f[2].severity == "error"),
                        key=lambda f: f[0])
        if errors:
            _, cls, first = errors[0]
            raise cls(first.message, file=self.source, line=first.line, column=first.column,
                      hint=first.hint, source=self.text, code=first.code,
                      diagnostics=tuple(d for _, _, d in errors))

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(d for _, _, d in sorted(self.found, key=lambda f: f[0]))


def _front(tokens: list[Token], problems) -> FrontMatter:
    for tok in tokens[:2]:
        if tok.type == "FRONT_MATTER":
            return read_front_matter(tok, problems)
    return EMPTY_FRONT


def _parse(text: str, *, strict: bool, source: str | None) -> Document:
    from .builder import build  # the builder imports the AST only
    problems = _Problems(text, source, strict)
    tokens = T.lex(text)
    T.line_ends(tokens, problems)
    front = _front(tokens, problems)
    convention = front.get("spaced-brackets") or "auto"
    if convention not in CONVENTIONS:
        convention = "auto"
    partner = T.pair(tokens, problems)
    T.check_pairs(tokens, partner, problems, strict)
    tokens, partner = T.type_brackets(text, tokens, partner, problems)
    tokens = T.join(text, tokens, partner, convention, problems)
    del partner
    T.settle(tokens)
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
    return build(tree, text, problems, source, front)


def _fallback(text: str, source: str | None, exc: Exception) -> Document:
    lines = text.count("\n")
    last = text.rfind("\n")
    span = Span(0, len(text), 1, 1, lines + 1, len(text) - last)
    diag = Diagnostic("internal-error", f"the text could not be structured ({exc}); "
                      "it is kept as plain text", 1, 1)
    body = (Text(text, span),) if text else ()
    return Document(FrontMatter("", (), (), None), body, (diag,), source)
