"""The material compilation works on: the outline of units and their token streams.

A draft's top-level body is cut at its :class:`~treatydraft.ast.Heading` nodes into
:class:`Unit` objects (preamble, divisions, articles, paragraphs, subparagraphs),
nested by heading level.  A unit's *content* is what follows its heading up to the
heading of its first sub-unit; it is turned into :class:`Token` objects only when
it has to be compared word by word (most units of a long draft are unchanged).

A token is one word (a run of letters and digits), one punctuation mark, one
character of a script written without spaces (Han, kana, Thai ...), or one whole
non-text node (a bracket group, placeholder, footnote marker, escape ...), with the
whitespace before it (blanks and line breaks) kept in ``lead``.  Joining the raw
text of the tokens and the unit's ``tail`` (the whitespace after the last token)
gives the content back exactly.

Only public parts of the AST are used: node fields, :func:`~treatydraft.ast.walk`
and :meth:`Document.to_text`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ...ast import (
    BracketGroup,
    Escape,
    Footnote,
    FootnoteRef,
    Heading,
    LineBreak,
    Node,
    Note,
    NoText,
    OptionBlock,
    OptionsEnd,
    Placeholder,
    SplitMark,
    Text,
)
from ...document import Document, FrontMatter, walk
from ...errors import OperationError
from ...source import Span

__all__ = ["Token", "Unit", "outline", "raw_text", "tokens_of", "keys_of", "normalise",
           "SCRIPTIO_CONTINUA"]

#: scripts written without spaces: aligned character by character
SCRIPTIO_CONTINUA = ("\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3400-\u4dbf"
                     "\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f"
                     "\u1780-\u17ff")
_TOKEN = re.compile(rf"(\s*)([{SCRIPTIO_CONTINUA}]|[^\W{SCRIPTIO_CONTINUA}]+|[^\w\s])")
_CLOSING = set(",.;:)!?，。；：）、！？،؛»”")
_OPENING = set("(（[«“")
_SC = re.compile(f"[{SCRIPTIO_CONTINUA}\u3000-\u303f\uff00-\uffef]")
_EMPTY_FRONT = FrontMatter("", (), (), None)
_ATOMIC = (BracketGroup, OptionBlock, Placeholder, FootnoteRef, Footnote, Note, NoText,
           OptionsEnd, Escape, SplitMark)


def raw_text(nodes: Iterable[Node]) -> str:
    """The text of ``nodes`` as written (through the public :meth:`Document.to_text`)."""
    return Document(front=_EMPTY_FRONT, body=tuple(nodes)).to_text()


def normalise(text: str) -> str:
    """Blanks and line breaks collapsed: what "whitespace-normalised" compares."""
    return " ".join(text.split())


@dataclass(slots=True)
class Token:
    """One word, mark or node of a unit's content, with the whitespace before it."""
    key: str
    """What alignment compares: the word itself, or a node's kind and normalised text."""
    lead: str
    """Blanks and line breaks before it, as written."""
    core: str
    """The word, mark or node as written."""
    node: Node | None = None
    """The AST node of a node token (``None`` for words and marks)."""
    line: int = 0
    column: int = 0
    """Where it stands in its draft (1-based), for messages."""
    spaced: bool = False
    """A blank separates it from the token before (not counted before closing punctuation,
    after an opening one, or next to a character of a script without spaces, where
    whitespace-normalised texts ignore blanks)."""

    @property
    def akey(self) -> str:
        """The key alignment uses: ``key``, marked when :attr:`spaced` (so that ``数据`` and
        ``数 据`` differ, as whitespace-normalised texts do)."""
        return "\x01" + self.key if self.spaced else self.key

    @property
    def raw(self) -> str:
        return self.lead + self.core

    @property
    def hard(self) -> bool:
        """A token that cannot stand inside a new bracket: lines of their own (notes,
        footnote definitions, ``\\end-options``), option blocks, and bracketed units."""
        node = self.node
        if isinstance(node, (Note, Footnote, OptionsEnd, OptionBlock, NoText)):
            return True
        if isinstance(node, BracketGroup):
            return any(isinstance(n, (Heading, Note, Footnote, OptionBlock)) for n in walk([node]))
        return False

    @property
    def is_group(self) -> bool:
        return isinstance(self.node, BracketGroup)


def _node_key(node: Node, core: str) -> str:
    return "\x00" + type(node).__name__ + "\x00" + normalise(core)


@lru_cache(maxsize=1 << 16)
def _cores(text: str) -> tuple[str, ...]:
    return tuple(m.group(2) for m in _TOKEN.finditer(text))


def keys_of(nodes: Iterable[Node]) -> list[str]:
    """The keys of :func:`tokens_of` without building tokens (cached per text: the
    proposals share most of their text with the base)."""
    keys: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            keys.extend(_cores(node.value))
        elif isinstance(node, _ATOMIC):
            keys.append(_node_key(node, raw_text([node])))
    return keys


def tokens_of(nodes: Iterable[Node]) -> tuple[list[Token], str]:
    """The tokens of ``nodes`` (one unit's content) and the whitespace after the last one."""
    tokens: list[Token] = []
    pending: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            value, span = node.value, node.span
            pos = 0
            for m in _TOKEN.finditer(value):
                lead, core = m.group(1), m.group(2)
                if pending:
                    lead = "".join(pending) + lead
                    pending = []
                tokens.append(Token(core, lead, core, None, span.line,
                                    span.column + m.start(2)))
                pos = m.end()
            if pos < len(value):
                pending.append(value[pos:])
        elif isinstance(node, LineBreak):
            pending.append(node.value)
        elif isinstance(node, Heading):
            raise OperationError(f"unexpected heading '{node.value}' inside a unit's content")
        elif isinstance(node, _ATOMIC):
            core = raw_text([node])
            span = node.span
            tokens.append(Token(_node_key(node, core), "".join(pending), core, node,
                                span.line, span.column))
            pending = []
        else:
            raise OperationError(f"compile: unknown node type {type(node).__name__}")
    prev = ""
    for t in tokens:
        t.spaced = bool(t.lead) and t.core[0] not in _CLOSING and prev[-1:] not in _OPENING \
            and not _SC.match(t.core) and not _SC.match(prev[-1:] or "x")
        prev = t.core
    return tokens, "".join(pending)


@dataclass(eq=False, slots=True)
class Unit:
    """A structural unit: its heading, its own content, and its sub-units."""
    heading: Heading | None
    """``None`` for the text before the first heading."""
    nodes: list[Node]
    """The content after the heading, up to the first sub-unit's heading."""
    children: list[Unit] = field(default_factory=list)
    _raw: str | None = None
    _tokens: tuple[list[Token], str] | None = None
    _sig: str | None = None
    _flat: tuple[str, ...] | None = None

    @property
    def level(self) -> int:
        return self.heading.level if self.heading else 0

    @property
    def kind(self) -> str:
        return self.heading.kind if self.heading else "front"

    @property
    def number(self) -> str:
        return self.heading.number if self.heading else ""

    @property
    def label(self) -> str:
        """The unit's id in its draft (``art_5__para_2``), or ``(start)``."""
        return self.heading.id if self.heading else "(start)"

    @property
    def raw(self) -> str:
        """The content as written (heading excluded, sub-units excluded)."""
        if self._raw is None:
            self._raw = raw_text(self.nodes)
        return self._raw

    def tokens(self) -> tuple[list[Token], str]:
        if self._tokens is None:
            self._tokens = tokens_of(self.nodes)
        return self._tokens

    def subtree_raw(self) -> str:
        """Heading, content and every sub-unit, as written."""
        out: list[str] = []
        stack = [self]
        while stack:
            u = stack.pop()
            if u.heading is not None:
                out.append(u.heading.value)
            out.append(u.raw)
            stack.extend(reversed(u.children))
        return "".join(out)

    def signature(self) -> str:
        """The whole subtree's text, whitespace-normalised, without this unit's own number."""
        if self._sig is None:
            parts = [self.kind, normalise(self.raw)]
            for c in self.children:
                parts.append((c.heading.value if c.heading else "") + " " + c.signature())
            self._sig = "\x01".join(parts)
        return self._sig

    def flat_keys(self) -> tuple[str, ...]:
        """Token keys of the subtree (sub-unit headings as ``§number``), for similarity."""
        if self._flat is None:
            keys = [t.key for t in self.tokens()[0]]
            for c in self.children:
                keys.append("\x00§" + c.number)
                keys.extend(c.flat_keys())
            self._flat = tuple(keys)
        return self._flat

    def line(self) -> int:
        if self.heading is not None:
            return self.heading.span.line
        for n in self.nodes:
            span: Span | None = getattr(n, "span", None)
            if span is not None:
                return span.line
        return 1


def outline(doc: Document) -> Unit:
    """The unit tree of ``doc``: a root unit (the text before the first heading) and its sub-units."""
    root = Unit(None, [])
    stack = [root]
    for node in doc.body:
        if isinstance(node, Heading):
            unit = Unit(node, [])
            while len(stack) > 1 and stack[-1].level >= node.level:
                stack.pop()
            stack[-1].children.append(unit)
            stack.append(unit)
        else:
            stack[-1].nodes.append(node)
    return root
