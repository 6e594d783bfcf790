"""The document and reading its tree: :class:`Document` (front matter, body,
diagnostics), its :class:`FrontMatter` and :class:`Diagnostic` records, the outline
views (:class:`Article`, :class:`Unit`), and the walks over the body (:func:`walk`,
:func:`text_of`).  The nodes of the body are in :mod:`treatydraft.ast`, which also
gives these names.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from types import MappingProxyType
from typing import Any

from . import codecache
from .ast import (
    _KINDS,
    Alternative,
    BracketGroup,
    DraftingNote,
    Escape,
    Footnote,
    Group,
    Heading,
    LineBreak,
    Node,
    NoText,
    Option,
    OptionBlock,
    Placeholder,
    Severity,
    SplitMark,
    Text,
    UnitKind,
    _lone_value,
)
from .source import Span
from .storage import SourceText

codecache.install()  # the dataclasses' methods compiled once (undone at the end)

__all__ = ["Delegation", "FrontMatter", "Diagnostic", "Article", "Unit", "Document", "walk",
           "text_of", "shown_text"]


@dataclass(frozen=True, slots=True)
class Delegation:
    """A registry entry: ``RUS: Russian Federation``; ``groups`` are the codes it belongs to.

    Example:

        >>> import treatydraft
        >>> doc = treatydraft.parse("---\\ndelegations:\\n  EU: European Union\\n---\\nArticle 1\\n")
        >>> [(d.code, d.name) for d in doc.front.delegations]
        [('EU', 'European Union')]
    """
    code: str
    name: str
    groups: tuple[str, ...]
    span: Span | None


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The ``---`` block at the top: metadata and the delegation registry.

    Example:

        >>> import treatydraft
        >>> doc = treatydraft.parse("---\\nsymbol: A/AC.1/L.2\\nlanguage: en\\n---\\nArticle 1\\n")
        >>> doc.front.symbol, doc.front.language, doc.front.get("date", "none")
        ('A/AC.1/L.2', 'en', 'none')
    """
    value: str
    """The block as written ('' when the draft has none)."""
    fields: tuple[tuple[str, str], ...]
    """Every ``key: value`` in order (``delegations`` excluded)."""
    delegations: tuple[Delegation, ...]
    span: Span | None

    def get(self, key: str, default: str | None = None) -> str | None:
        for k, v in self.fields:
            if k == key:
                return v
        return default

    title = property(lambda self: self.get("title"))
    symbol = property(lambda self: self.get("symbol"))
    language = property(lambda self: self.get("language"))
    date = property(lambda self: self.get("date"))
    stage = property(lambda self: self.get("stage"))


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in the text (tolerant mode), with its position.

    Example:

        >>> import treatydraft
        >>> doc = treatydraft.parse("Article 1\\n1. Parties [act.\\n", mode="tolerant")
        >>> [(d.code, d.severity, d.line, d.column) for d in doc.diagnostics]
        [('unclosed-bracket', 'error', 2, 12)]
    """
    code: str
    """Machine-readable name: ``unclosed-bracket``, ``stray-bracket``, ``unknown-delegation`` ..."""
    message: str
    line: int
    column: int
    severity: Severity = "error"
    """``error`` (strict mode would refuse the text) or ``warning`` (suspicious only)."""
    hint: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "line": self.line, "column": self.column, "hint": self.hint}


@dataclass(frozen=True, slots=True)
class Article:
    """An outline entry from :meth:`Document.articles` (a view, not part of the tree).

    Example:

        >>> import treatydraft
        >>> doc = treatydraft.parse("Article 1. Scope\\n1. Parties act.\\nArticle 2. Use\\n")
        >>> [(a.id, a.number, a.title) for a in doc.articles()]
        [('art_1', '1', 'Scope'), ('art_2', '2', 'Use')]
    """
    id: str
    number: str
    heading: Heading
    title: str
    """The heading text after the marker on the same line, stripped."""


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, BracketGroup):
        return node.alternatives
    if isinstance(node, OptionBlock):
        return node.options
    if isinstance(node, (Alternative, Option, Footnote)):
        return node.children
    return ()


def _structure(node: Node) -> tuple[Node, ...]:
    """:func:`_children` without the text of an alternative that holds only text."""
    if isinstance(node, Alternative) and type(
            Alternative.__dict__["children"].slot.__get__(node)) is SourceText:
        return ()
    return _children(node)


def _walk_structure(nodes: Iterable[Node]) -> Iterator[Node]:
    """:func:`walk` without the text nodes of alternatives that hold only text (no
    group, heading, note or placeholder is there): for the document's searches."""
    return _depth_first(nodes, _structure)


def walk(nodes: Iterable[Node]) -> Iterator[Node]:
    """Every node under ``nodes`` (alternatives and options included), in document order.

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse("[a][b]")
        >>> [type(n).__name__ for n in walk(doc.body)]
        ['BracketGroup', 'Alternative', 'Text', 'Alternative', 'Text']
    """
    return _depth_first(nodes, _children)


def _depth_first(nodes: Iterable[Node],
                 children: Callable[[Node], tuple[Node, ...]]) -> Iterator[Node]:
    """Every node under ``nodes`` in document order, ``children(node)`` below each
    (iteratively: no recursion limit)."""
    stack = [iter(nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        yield node
        kids = children(node)
        if kids:
            stack.append(iter(kids))


def named_delegations(text: str, names: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The registry codes ``text`` names (``names``: (code, full name) pairs), by full
    name or by code as a word, in the order it names them.

        >>> from treatydraft.document import named_delegations
        >>> named_delegations("Proposed by China and the EU.",
        ...                   [("EU", "European Union"), ("CHN", "China")])
        ('CHN', 'EU')
    """
    found: list[tuple[int, str]] = []
    for code, name in names:
        pos = text.find(name)
        if pos < 0:
            m = re.search(rf"(?<![\w]){re.escape(code)}(?![\w])", text)
            pos = m.start() if m else -1
        if pos >= 0:
            found.append((pos, code))
    return tuple(code for _, code in sorted(found))


def footnote_index(body: Iterable[Node]) -> dict[str, Footnote]:
    """label -> the first :class:`Footnote` of that label in ``body`` (what
    :attr:`Document.footnotes` holds)."""
    index: dict[str, Footnote] = {}
    for node in walk(body):
        if isinstance(node, Footnote):
            index.setdefault(node.label, node)
    return index


def choice_points(seq: Iterable[Node]) -> Iterator[BracketGroup | OptionBlock]:
    """The groups and option blocks of the sequence ``seq`` itself (not those nested in
    their alternatives), the ones in the text of its footnotes included, in order."""
    for node in seq:
        if isinstance(node, (BracketGroup, OptionBlock)):
            yield node
        elif isinstance(node, Footnote):
            yield from choice_points(node.children)


def _emit(nodes: Iterable[Node], out: list[str], notation: bool = True) -> None:
    """Append the raw text of ``nodes`` to ``out`` (iteratively: no recursion limit);
    without ``notation``, what is not text is left out (attributions, split marks) and
    escapes are the characters they stand for."""
    # the stack also holds the gaps and attributions to write, and ("alt", alternative)
    stack: list[Iterator[Node | str | tuple[str, Alternative]]] = [iter(nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, BracketGroup):
            parts: list[str | tuple[str, Alternative]] = []
            for i, alt in enumerate(node.alternatives):
                if i:
                    parts.append(node.gaps[i - 1])
                parts.append(("alt", alt))
            parts.append(node.attribution if notation else "")
            stack.append(iter(parts))
        elif isinstance(node, tuple):  # ("alt", Alternative): open, children, close
            alt = node[1]
            tail = [alt.close, alt.attribution if notation else "",
                    *(f.value for f in alt.footnotes)]
            stack.append(iter(tail))
            lone = _lone_value(alt)
            if lone is None:
                stack.append(iter(alt.children))
            else:
                tail.insert(0, lone)
            out.append(alt.open)
        elif isinstance(node, OptionBlock):
            if node.gaps:  # options bracketed whole: what stands between them
                seq: list[Node | str] = [node.options[0]]
                for gap, opt in zip(node.gaps, node.options[1:], strict=True):
                    seq += (gap, opt)
                stack.append(iter(seq))
            else:
                stack.append(iter(node.options))
        elif isinstance(node, Option):
            out.append(node.open)
            out.append(node.label)
            out.append(node.attribution if notation else "")
            if node.close:
                stack.append(iter((node.close,)))  # written after the children
            stack.append(iter(node.children))
        elif isinstance(node, Footnote):
            out.append(node.marker)
            stack.append(iter(node.children))
        elif isinstance(node, str):
            out.append(node)
        elif not notation and isinstance(node, (Escape, SplitMark)):
            out.append(node.char if isinstance(node, Escape) else "")
        else:  # an alternative comes as ("alt", alternative), handled above
            out.append(node.value)  # type: ignore[union-attr]


def shown_text(nodes: Iterable[Node]) -> str:
    """The text of ``nodes`` as a reader of the draft sees it: brackets and all, without
    what is notation (attributions ``@RUS``, split marks ``\\+``), escapes as the
    characters they stand for.

        >>> import treatydraft
        >>> from treatydraft.document import shown_text
        >>> doc = treatydraft.parse("---\\ndelegations:\\n  EU: European Union\\n---\\n"
        ...                         "Parties [shall]@EU\\\\+[may] act \\\\[sic\\\\].")
        >>> shown_text(doc.body)
        'Parties [shall][may] act [sic].'
    """
    out: list[str] = []
    _emit(nodes, out, notation=False)
    return "".join(out)


def text_of(nodes: Iterable[Node], clean: bool = False) -> str:
    """The text of ``nodes``: as written (byte for byte), or ``clean``: the words a reader
    sees, nested groups read as their first alternative (optional text kept, the first
    option), escapes as the characters they stand for, footnote markers, attributions,
    notes and split marks left out, blanks and line breaks collapsed to single spaces.

        >>> import treatydraft
        >>> from treatydraft.ast import text_of
        >>> doc = treatydraft.parse("Parties [shall][may][^1] share \\\\[sic\\\\] data.\\n"
        ...                         "\\n[^1]: A note.\\n")
        >>> text_of(doc.body[:3])
        'Parties [shall][may][^1] share '
        >>> text_of(doc.body, clean=True)
        'Parties shall share [sic] data.'

    """
    out: list[str] = []
    if not clean:
        _emit(nodes, out)
        return "".join(out)
    stack = [iter(nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, (BracketGroup, OptionBlock)):
            stack.append(iter(node.alternatives[0].children))
        elif isinstance(node, Escape):
            out.append(node.char)
        elif isinstance(node, (Text, LineBreak, Heading, Placeholder, NoText)):
            out.append(node.value if not isinstance(node, LineBreak) else " ")
    return " ".join("".join(out).split())


@dataclass(frozen=True, slots=True)
class Unit:
    """A structural unit from :meth:`Document.units` (a view, not part of the tree).

    Example:

        >>> import treatydraft
        >>> doc = treatydraft.parse("Article 1. Scope\\n1. Parties [shall][may] act.\\n")
        >>> [(u.id, u.kind, len(u.groups)) for u in doc.units()]
        [('art_1', 'article', 1), ('art_1__para_1', 'paragraph', 1)]
    """
    id: str
    """Its location id (``art_3``, ``art_3__para_2``, ``chp_1``, ``preamble``)."""
    kind: UnitKind
    """``preamble``, ``part``, ``title``, ``chapter``, ``section``, ``article``, ``paragraph``
    or ``subparagraph``."""
    number: str
    """The number normalised for ids (``3bis``; '' for a preamble)."""
    heading: Heading
    title: str
    """The rest of the heading line as written (brackets included), stripped; '' for a
    paragraph or subparagraph (its line is its text)."""
    clean_title: str
    """The same, clean (see :func:`text_of`)."""
    groups: tuple[Group, ...]
    """Groups, option blocks and placeholders located in it or in units inside it."""


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed draft: front matter, body, and what tolerant mode found.

    Immutable: the operations return new documents.  ``to_text()`` gives back the
    input byte for byte.

        >>> import treatydraft
        >>> doc = treatydraft.parse("Article 1\\n1. Parties shall [share][exchange] data.\\n")
        >>> [(g.id, g.kind) for g in doc.brackets()]
        [('art_1__para_1__brk_1', 'alternatives')]
        >>> doc.find("art_1__para_1__brk_1").alternatives[1].id
        'art_1__para_1__brk_1__alt_2'
        >>> doc.to_text()
        'Article 1\\n1. Parties shall [share][exchange] data.\\n'
    """
    front: FrontMatter
    body: tuple[Node, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    source: str | None = None
    """Where the text came from (a file name), for messages."""
    footnotes: Mapping[str, Footnote] = field(default_factory=dict, compare=False, hash=False)
    """label -> :class:`Footnote`, for every footnote line in the body (read-only)."""
    bom: str = ""
    """A byte-order mark the text started with ('' or '\\ufeff'), kept for the round trip."""
    _ids: dict[str, Group | Alternative | Option] | None = field(
        default=None, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if type(self.footnotes) is not MappingProxyType:  # a document holds no mutable dict
            object.__setattr__(self, "footnotes", MappingProxyType(dict(self.footnotes)))

    # pickle and copy rebuild it (a read-only mapping cannot pickle)
    def __reduce__(self) -> tuple[type[Document], tuple[Any, ...]]:
        return (Document, (self.front, self.body, self.diagnostics, self.source,
                           dict(self.footnotes), self.bom))

    @property
    def delegations(self) -> dict[str, Delegation]:
        """The registry: code -> :class:`Delegation`, in declaration order."""
        return {d.code: d for d in self.front.delegations}

    def to_text(self) -> str:
        """The draft as text; for a parsed document, exactly the input."""
        out = [self.bom, self.front.value]
        _emit(self.body, out)
        return "".join(out)

    def walk(self) -> Iterator[Node]:
        """Every node of the body in document order (see :func:`walk`)."""
        return walk(self.body)  # every node

    def brackets(self, kinds: str | Iterable[str] | None = None) -> Iterator[Group]:
        """Every bracket group, option block and placeholder in document order.

        Each has ``.id``, ``.kind`` (``alternatives``, ``optional``, ``options`` or
        ``placeholder``), ``.alternatives``, ``.location``, ``.depth`` and ``.span``.
        """
        wanted: set[str] | None = None
        if kinds is not None:
            wanted = {kinds} if isinstance(kinds, str) else set(kinds)
            unknown = wanted - _KINDS
            if unknown:
                from .errors import OperationError
                raise OperationError("unknown group kind " + ", ".join(sorted(map(repr, unknown))),
                                     hint="kinds are " + ", ".join(sorted(_KINDS)))
        return self._brackets(wanted)

    def _brackets(self, kinds: set[str] | None) -> Iterator[Group]:
        for node in _walk_structure(self.body):
            if isinstance(node, (BracketGroup, OptionBlock, Placeholder)) and (
                    kinds is None or node.kind in kinds):
                yield node

    def groups(self) -> Iterator[BracketGroup | OptionBlock]:
        """The choice points: bracket groups and option blocks (no placeholders)."""
        for node in _walk_structure(self.body):
            if isinstance(node, (BracketGroup, OptionBlock)):
                yield node

    def notes(self) -> Iterator[DraftingNote]:
        """The drafting notes in the text (``[Note: ...]``, ``{...}``), in document order."""
        for node in _walk_structure(self.body):
            if isinstance(node, DraftingNote):
                yield node

    def headings(self) -> Iterator[Heading]:
        for node in _walk_structure(self.body):
            if isinstance(node, Heading):
                yield node

    def articles(self) -> list[Article]:
        """The articles in document order, with their heading text (brackets as written)."""
        result: list[Article] = []
        # one sequence at a time (an alternative holding one text makes its tuple anew)
        sequences = chain((self.body,), (_structure(n) for n in _walk_structure(self.body)
                                         if isinstance(n, (Alternative, Option))))
        for seq in sequences:
            for i, node in enumerate(seq):
                if isinstance(node, Heading) and node.kind == "article":
                    rest: list[Node] = []
                    for j in range(i + 1, len(seq)):  # to the end of the line, no copying
                        if isinstance(seq[j], LineBreak):
                            break
                        rest.append(seq[j])
                    out: list[str] = []
                    _emit(rest, out)
                    title = "".join(out).strip()
                    title = title[1:].strip() if title[:1] in ".:" else title
                    result.append(Article(node.id, node.number, node, title))
        result.sort(key=lambda a: a.heading.span.start)
        return result

    def units(self) -> list[Unit]:
        """Every structural unit (divisions, preamble, articles, paragraphs, subparagraphs)
        in document order, with its heading text and its groups.

            >>> import treatydraft
            >>> doc = treatydraft.parse("Article 3. [Scope][Purpose]\\n1. Parties [shall] act.\\n")
            >>> [(u.id, u.kind, u.number, u.clean_title, len(u.groups)) for u in doc.units()]
            [('art_3', 'article', '3', 'Scope', 2), ('art_3__para_1', 'paragraph', '1', '', 1)]
        """
        heads: list[tuple[Heading, list[Node]]] = []
        sequences = [self.body]
        sequences.extend(n.children for n in walk(self.body) if isinstance(n, (Alternative, Option)))
        for seq in sequences:
            for i, node in enumerate(seq):
                if isinstance(node, Heading):
                    rest: list[Node] = []
                    for j in range(i + 1, len(seq)):
                        if isinstance(seq[j], LineBreak):
                            break
                        rest.append(seq[j])
                    heads.append((node, rest))
        heads.sort(key=lambda h: h[0].span.start)
        groups: dict[str, list[Group]] = {}
        for g in self.brackets():
            groups.setdefault(g.location, []).append(g)
        out: list[Unit] = []
        for node, rest in heads:
            if node.level > 4:  # a paragraph's line is its text, not a title
                rest = []
            title = text_of(rest).strip()
            title = title[1:].strip() if title[:1] in ".:" else title
            clean = text_of(rest, clean=True)
            clean = clean[1:].strip() if clean[:1] in ".:" else clean
            mine = tuple(g for loc, gs in groups.items()
                         if loc == node.id or loc.startswith(node.id + "__") for g in gs)
            mine = tuple(sorted(mine, key=lambda g: g.span.start))
            out.append(Unit(node.id, node.kind, node.number, node, title, clean, mine))
        return out

    def find(self, group_id: str) -> Group | Alternative | Option | Unit | None:
        """The group, option block, placeholder, alternative or option with this id, or None;
        for a unit id (``art_3``, ``art_3__para_1``) the :class:`Unit`.  The first call
        indexes the document (one walk); later ones are dictionary look-ups."""
        ids = self._ids
        if ids is None:
            ids = {}
            for node in _walk_structure(self.body):
                # the nodes with an id, headings left out (their ids name units)
                if isinstance(node, (BracketGroup, OptionBlock, Placeholder, Alternative, Option)):
                    ids.setdefault(node.id, node)
            object.__setattr__(self, "_ids", ids)
        found = ids.get(group_id)
        if found is not None:
            return found
        if any(isinstance(n, Heading) and n.id == group_id for n in _walk_structure(self.body)):
            return next(u for u in self.units() if u.id == group_id)
        return None


codecache.uninstall()
