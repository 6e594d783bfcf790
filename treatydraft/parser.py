"""Text -> :class:`~treatydraft.ast.Document`.

Three steps, each linear in the input:

1. The basic lexer (:mod:`treatydraft.lalr`, from tables generated from the grammar)
   cuts the text into the terminals of ``grammar/treaty.lark``.
2. The token pass matches brackets and settles what the grammar leaves to it (see
   the grammar's header): in strict mode every problem becomes an error, the first
   of which is raised; in tolerant mode each becomes a :class:`Diagnostic` and the
   offending token is read as plain text, so the parser always succeeds.
3. The LALR parser (:mod:`treatydraft.lalr`) builds the parse tree of the groups and
   option labels (a token that is a body item by itself is passed on as it stands),
   and :mod:`treatydraft.builder` turns it into the AST.

The draft is read in segments cut at line ends outside brackets (:func:`_segments`):
steps 2 and 3 and the builder take one segment at a time, so the tokens and parse
tree of the whole draft are never in memory beside the AST (issue 8).
"""
from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from itertools import chain
from typing import Literal

from . import errors as E
from . import tokenpass as T
from .ast import Delegation, Diagnostic, Document, FrontMatter, Severity, Text
from .frontmatter import EMPTY_FRONT, read_front_matter
from .joining import SLASHED, WrittenGroups
from .lalr import ParseFailure, Token, Tree, UnexpectedInput
from .readings import CONVENTIONS
from .source import Span
from .syntax import body_parser
from .tokenpass import MAX_DEPTH

__all__ = ["parse", "Mode", "MAX_DEPTH"]

#: How to read a draft: ``strict`` (authoring: raise on the first error) or ``tolerant``
#: (real drafts: report every problem and carry on).
Mode = Literal["strict", "tolerant"]


def parse(text: str, *, mode: Mode = "strict", source: str | None = None) -> Document:
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
def collector_paused() -> Iterator[None]:
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
        self.found: list[tuple[int, type[E.ParseError], Diagnostic]] = []

    # ``line``, ``column`` and ``offset`` are mostly a lark token's, which lark declares
    # Optional: every token the lexer makes has them (hence the type: ignore)
    def add(self, cls: type[E.ParseError], message: str, line: int | None, column: int | None,
            hint: str | None = None, severity: Severity = "error", offset: int | None = 0,
            code: str | None = None) -> None:
        self.found.append((offset, cls, Diagnostic(  # type: ignore[arg-type]
            code or cls.code, message, line, column, severity, hint)))  # type: ignore[arg-type]

    def raise_first(self) -> None:
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


def _front(tokens: list[Token], problems: _Problems) -> FrontMatter:
    for tok in tokens[:2]:
        if tok.type == "FRONT_MATTER":
            return read_front_matter(tok, problems)
    return EMPTY_FRONT


#: tokens in a segment before it may be cut (at the next line end outside brackets)
SEGMENT = 2048


def _segments(tokens: Iterable[Token], size: int | None) -> Iterator[list[Token]]:
    """The token stream cut into lists at line ends outside any bracket, each of at
    least ``size`` tokens (one list when ``size`` is None).  Brackets pair within a
    segment, so the token pass and the parser read one segment at a time, and only
    one is in memory beside the AST built so far.  An unclosed bracket keeps its
    segment open to the end of the text, as one list would."""
    seg: list[Token] = []
    depth = 0
    append = seg.append
    after_close = False  # the line so far ends with `]` (blanks aside)
    for tok in tokens:
        append(tok)
        t = tok.type
        if t == "LBR":
            depth += 1
        elif t == "RBR":
            if depth:
                depth -= 1
        elif t == "NL" and not depth and size is not None and len(seg) >= size \
                and not after_close:
            # (not after a line ending with `]`: a hard-wrapped line may join that bracket
            # to one on the next line, see tokenpass.join)
            yield seg
            seg = []
            append = seg.append
        if t == "RBR":
            after_close = True
        elif t != "TEXT" or tok.value.strip(" \t"):  # (the value: no copy of the token)
            after_close = False
    if seg:
        yield seg


def _known_footnotes(text: str, tokens: list[Token] | None,
                     delegations: Iterable[Delegation]) -> dict[str, tuple[str, ...]]:
    """label -> proposers of the first footnote line of each label, read ahead of the
    body: from ``tokens`` when the whole list is at hand, else from the text with the
    grammar's own FNDEF terminal (the builder checks the guess, see builder.build)."""
    from .builder import footnote_proposers
    names = [(d.code, d.name) for d in delegations]
    known: dict[str, tuple[str, ...]] = {}
    if tokens is not None:
        starts: Iterable[int] = (t.start_pos for t in tokens if t.type == "FNDEF")
    elif "^" not in text:
        return known
    else:
        starts = (m.start() for m in _fndef().finditer(text))
    for start in starts:  # the marker's line, to its end
        value = text[start:_line_end(text, start)]
        label, proposers, _ = footnote_proposers(value, names)
        known.setdefault(label, proposers)
    return known


_EOL = re.compile(r"[\r\n]")


def _line_end(text: str, start: int) -> int:
    """Where the line holding ``start`` ends (before its line break, or the text's end)."""
    m = _EOL.search(text, start)
    return m.start() if m is not None else len(text)


@cache
def _fndef() -> re.Pattern[str]:
    return re.compile(body_parser().terminal_regexp("FNDEF"))


@cache
def _plain() -> frozenset[str]:
    """Terminals that are a whole item of the body (``_item: TEXT | NL | ...`` and the
    start rule's BOM and FRONT_MATTER in grammar/treaty.lark), read from the grammar."""
    rules = body_parser().rules  # (origin, expansion, ...); terminals are upper case
    return frozenset(
        [expansion[0] for origin, expansion, *_ in rules if origin == "_item"
         and len(expansion) == 1 and expansion[0].isupper()]
        + [s for origin, expansion, *_ in rules if origin == "start" for s in expansion
           if s.isupper()])


def _items(tokens: list[Token], source: str | None, text: str,
           fast: bool = True) -> list[Token | Tree[Token]]:
    """The items of the body in ``tokens`` (a segment, token pass done), as the start
    rule's children.  The LALR parser reads the groups and option labels; a token outside
    them that is an item by itself (plain text, a line end, a heading ...) is one as it
    stands, so the parser is not fed it (``_item*`` accepts any sequence of them).  Should
    the grammar ever read such a token as part of a larger top-level item, the two
    readings disagree and the whole segment is parsed (``fast=False`` always does;
    tests/test_issue8_memory.py checks both give the same documents)."""
    if not fast:
        return _parse_tokens(tokens, source, text).children
    plain = _plain()
    items: list[Token | Tree[Token] | None] = []  # None: a group or label still to parse
    fed: list[Token] = []   # the tokens of groups and option labels, in order
    slots: list[int] = []   # where in ``items`` each group or label goes
    depth = 0
    for tok in tokens:
        t = tok.type
        if not depth and t in plain:
            items.append(tok)
            continue
        fed.append(tok)
        if t == "LBR" or t == "NEXT_LBR":
            if not depth and t == "LBR":
                slots.append(len(items))
                items.append(None)
            depth += 1
        elif t == "RBR":
            depth -= 1
        elif t == "OPTION" and not depth:
            slots.append(len(items))
            items.append(None)
    if not fed:
        return items  # type: ignore[return-value]  # no group or label: no None in it
    try:
        parsed = body_parser().parse_tokens(fed).children
    except ParseFailure:
        parsed = None
    if parsed is None or len(parsed) != len(slots) or not all(
            isinstance(tree, Tree) and tree.data in ("group", "option_label")
            for tree in parsed):
        return _parse_tokens(tokens, source, text).children
    for k, tree in zip(slots, parsed, strict=True):
        items[k] = tree
    return items  # type: ignore[return-value]  # every None replaced by its tree


def _parse_tokens(tokens: list[Token], source: str | None, text: str) -> Tree[Token]:
    try:
        return body_parser().parse_tokens(tokens)
    except UnexpectedInput as exc:  # the token pass should make this impossible
        tok = getattr(exc, "token", None)
        line, col = getattr(exc, "line", 1), getattr(exc, "column", 1)
        expected = sorted(getattr(exc, "expected", ()) or ())
        raise E.ParseError(f"unexpected {tok.type if tok else 'input'}", file=source,
                           line=line, column=col, source=text,
                           expected=expected) from None
    except ParseFailure as exc:  # pragma: no cover - grammar errors are bugs
        raise E.ParseError(f"parser failure: {exc}", file=source, source=text) from None


def _trees(text: str, segments: Iterable[list[Token]], problems: _Problems, strict: bool,
           convention: str, source: str | None, fast: bool = True) -> Iterator[Tree[Token]]:
    """The parse tree of each segment, token pass done, one at a time."""
    nl = None if "\r" in text else ""  # without CR, line ends cannot be mixed
    numbers = T.BracketedNumbers(text)  # footnote-marker runs, across segments
    rtl = T.ARABIC.search(text) is not None  # brackets stored as seen are read mirrored
    slashed = SLASHED.search(text) is not None  # the draft's own notation for a choice
    known = WrittenGroups(text)  # groups written side by side, across segments
    gaps = T.EMPTY_APART.search(text) is not None  # `[]` written apart from words: a gap
    for tokens in segments:
        nl = T.line_ends(tokens, problems, nl)
        if rtl:
            tokens = T.mirror_rtl(tokens, problems)
        partner = T.pair(tokens, problems, gaps=gaps)
        T.check_pairs(tokens, partner, problems, strict)
        tokens, partner = T.type_brackets(text, tokens, partner, problems, numbers,
                                           convention)
        T.bracket_options(tokens, partner)
        tokens = T.join(text, tokens, partner, convention, problems, slashed=slashed,
                        known=known)
        del partner
        T.settle(tokens)
        items = _items(tokens, source, text, fast)
        del tokens
        yield Tree("start", items)


def _parse(text: str, *, strict: bool, source: str | None, stream: bool = True,
           fast: bool = True) -> Document:
    from .builder import build  # the builder imports the AST only
    problems = _Problems(text, source, strict)
    segments = _segments(T.lex_iter(text), SEGMENT if stream else None)
    first = next(segments, [])
    front = _front(first, problems)
    convention = front.get("spaced-brackets") or "auto"
    if convention not in CONVENTIONS:
        convention = "auto"
    known = _known_footnotes(text, None if stream else first, front.delegations)
    trees = _trees(text, chain((first,), segments), problems, strict, convention, source,
                   fast)
    del first
    doc = build(trees, text, problems, source, front, known)
    if doc is None:  # a footnote line read ahead was not one: read the draft whole
        return _parse(text, strict=strict, source=source, stream=False, fast=fast)
    return doc


def _fallback(text: str, source: str | None, exc: Exception) -> Document:
    lines = text.count("\n")
    last = text.rfind("\n")
    span = Span(0, len(text), 1, 1, lines + 1, len(text) - last)
    diag = Diagnostic("internal-error", f"the text could not be structured ({exc}); "
                      "it is kept as plain text", 1, 1)
    body = (Text(text, span),) if text else ()
    return Document(FrontMatter("", (), (), None), body, (diag,), source)
