"""The document model: small frozen dataclasses, one per concept, no I/O.

A :class:`Document` holds the front matter and the *body*, a sequence of nodes in
document order.  The body is a bracket tree: :class:`BracketGroup` and
:class:`OptionBlock` nodes hold alternatives, whose children are again body nodes,
so a bracket may open in one paragraph and close several paragraphs later.
Structure (preamble, chapters, articles, paragraphs, subparagraphs) is marked by
:class:`Heading` nodes where it starts, exactly as in the draft; every group knows
the structural ``location`` it opens in, and :meth:`Document.articles` gives the
outline.

Every node carries its :class:`~treatydraft.source.Span` and the raw text it was
read from, so :meth:`Document.to_text` gives the input back byte for byte.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import chain
from types import MappingProxyType
from typing import Literal

from .source import Span, bounds, pack, unpack

#: What a group is (:attr:`BracketGroup.kind` and the others' ``kind``).
GroupKind = Literal["alternatives", "optional", "options", "placeholder"]
#: What a structural unit is (:attr:`Heading.kind`, :attr:`Unit.kind`).
UnitKind = Literal["preamble", "part", "title", "chapter", "section", "article",
                   "paragraph", "subparagraph"]
#: How bad a problem is: ``error`` (strict mode refuses the text) or ``warning``.
Severity = Literal["error", "warning"]

__all__ = [
    "Span", "Text", "LineBreak", "Escape", "SplitMark", "Heading", "Placeholder",
    "FootnoteRef", "Footnote", "Note", "DraftingNote", "NoText", "OptionsEnd", "Alternative",
    "BracketGroup", "Option", "OptionBlock", "Delegation", "FrontMatter",
    "Diagnostic", "Article", "Unit", "Document", "Node", "Group", "walk", "with_alternatives",
    "text_of",
]


# ---------------------------------------------------------------- compact storage
# A parsed draft holds several nodes per bracket group, so what each node stores
# decides the memory of a parse (issue 8: bytes of memory per byte of draft).  Nodes
# are plain frozen slots dataclasses; two attributes are stored compactly behind a
# descriptor, invisible to users (constructors, fields, replace(), ==, hash, pickle):
# ``span`` as one int (:func:`~treatydraft.source.pack`); the ``id`` of an alternative
# the builder made as the id of its group (see :class:`GroupId`); the ``value`` of a
# text read from the draft as a reference to the draft (:class:`SourceText`); the
# ``children`` of an alternative that holds one such text, and the ``alternatives`` of
# a group of one, without a tuple.  Reading any of them gives the plain value.


class SourceText:
    """The text a draft was parsed from, shared by the nodes read from it.  A
    :class:`Text` whose value is this reads the source at its span; an
    :class:`Alternative` whose children are this holds one such text, between its
    brackets."""
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


class _Value:
    """``Text.value``: a :class:`SourceText` in the slot reads as the source at the span."""
    __slots__ = ("slot", "span")

    def __init__(self, slot, span):
        self.slot, self.span = slot, span

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        raw = self.slot.__get__(obj, cls)
        if type(raw) is SourceText:
            start, end = bounds(self.span.__get__(obj, cls))
            return raw.text[start:end]
        return raw

    def __set__(self, obj, value):
        self.slot.__set__(obj, value)


class _Children:
    """``Alternative.children``: a :class:`SourceText` in the slot is one :class:`Text`,
    the source between the brackets, made when first read and kept from then on (so a
    node has one identity: writers key their plans by ``id(node)``).  The document's
    own searches (groups, headings, notes, the outline, the text) do not look inside
    such an alternative, so a parse that is only checked stays small."""
    __slots__ = ("slot",)

    def __init__(self, slot):
        self.slot = slot

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        raw = self.slot.__get__(obj, cls)
        if type(raw) is SourceText:
            raw = (Text(raw, _lone_text_span(obj)),)
            self.slot.__set__(obj, raw)
        return raw

    def __set__(self, obj, value):
        self.slot.__set__(obj, value)


class _Single:
    """``BracketGroup.alternatives``: a lone alternative is stored without a tuple."""
    __slots__ = ("slot",)

    def __init__(self, slot):
        self.slot = slot

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        raw = self.slot.__get__(obj, cls)
        return (raw,) if type(raw) is Alternative else raw

    def __set__(self, obj, value):
        self.slot.__set__(obj, value)


class _CompactSpan:
    """``span`` stored packed in the slot, a :class:`Span` when read.  For a group or
    an alternative whose span follows from its parts, the builder stores None and the
    span is derived when read (:func:`drop_derivable_span`)."""
    __slots__ = ("slot", "derive")

    def __init__(self, slot, derive=None):
        self.slot, self.derive = slot, derive

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        raw = self.slot.__get__(obj, cls)
        if raw is None and self.derive is not None:
            return self.derive(obj)
        return unpack(raw)

    def __set__(self, obj, value):
        self.slot.__set__(obj, pack(value) if type(value) is Span else value)


class GroupId(str):
    """The id of a bracket group made by the parser.  Its alternatives store this very
    object as their id and read it as ``<group id>__alt_<index>``, so the ids of
    alternatives take no memory until asked for."""
    __slots__ = ()


class _AltId:
    """``Alternative.id``: a :class:`GroupId` in the slot reads as ``<id>__alt_<index>``."""
    __slots__ = ("slot",)

    def __init__(self, slot):
        self.slot = slot

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        raw = self.slot.__get__(obj, cls)
        if type(raw) is GroupId:
            return f"{raw}__alt_{obj.index}"
        return raw

    def __set__(self, obj, value):
        self.slot.__set__(obj, value)


def _compact(cls):
    cls.span = _CompactSpan(cls.__dict__["span"])
    return cls


def _alternative_span(alt) -> Span | None:
    """From the open bracket before the first child to the last footnote marker."""
    kids = alt.children
    if not kids:
        return None
    first, last = kids[0].span, kids[-1].span
    opening = len(alt.open)
    tail = len(alt.close) + len(alt.attribution) + sum(len(f.value) for f in alt.footnotes)
    return Span(first.start - opening, last.end + tail, first.line, first.column - opening,
                last.end_line, last.end_column + tail)


def _lone_text_span(alt):
    """The span of the text between the brackets of ``alt`` (on one line), packed."""
    raw = Alternative.__dict__["span"].slot.__get__(alt)
    opening = len(alt.open)
    tail = len(alt.close) + len(alt.attribution) + sum(len(f.value) for f in alt.footnotes)
    if type(raw) is int and raw >= 0 and (raw & _M32) + opening <= _M32 and \
            (raw >> 32 & _M24) + opening < _M24:
        # the short form of source.pack: start, column, line, length, all on one line
        return raw + opening + (opening << 32) - ((opening + tail) << 80)
    s = unpack(raw)
    return Span(s.start + opening, s.end - tail, s.line, s.column + opening, s.end_line,
                s.end_column - tail)


_M32, _M24 = (1 << 32) - 1, (1 << 24) - 1


def _group_span(group) -> Span | None:
    """From the first alternative to the group attribution after the last one."""
    if not group.alternatives:
        return None
    first, last = group.alternatives[0].span, group.alternatives[-1].span
    tail = len(group.attribution)
    return Span(first.start, last.end + tail, first.line, first.column, last.end_line,
                last.end_column + tail)


def drop_derivable_span(node, span: Span) -> None:
    """Store no span in ``node`` (just built with ``span``) when reading it would derive
    the same one from its parts.  For the builder only: an alternative keeps its span
    when its first or last child is a group (so deriving one never descends more than
    two levels)."""
    descriptor = type(node).__dict__["span"]
    if isinstance(node, Alternative) and type(
            Alternative.__dict__["children"].slot.__get__(node)) is SourceText:
        return
    if isinstance(node, Alternative) and node.children and isinstance(
            node.children[0] if isinstance(node.children[0], _GROUPS) else node.children[-1],
            _GROUPS):
        return
    if descriptor.derive(node) == span:
        descriptor.slot.__set__(node, None)


# ---------------------------------------------------------------- leaves

@_compact
@dataclass(frozen=True, slots=True)
class Text:
    """A run of treaty text, spaces and punctuation included, as written."""
    value: str
    span: Span


@_compact
@dataclass(frozen=True, slots=True)
class LineBreak:
    """A line break (``\\n`` or ``\\r\\n``, kept as written)."""
    value: str
    span: Span


@_compact
@dataclass(frozen=True, slots=True)
class Escape:
    """An escaped character: ``\\[`` is a literal (editorial) bracket, not negotiation text."""
    value: str
    """As written, backslash included."""
    span: Span

    @property
    def char(self) -> str:
        """The character meant (``[`` for ``\\[``)."""
        return self.value[1:]


@_compact
@dataclass(frozen=True, slots=True)
class SplitMark:
    """``\\+`` between two brackets: they are independent optional insertions, not alternatives."""
    value: str
    span: Span


@_compact
@dataclass(frozen=True, slots=True)
class Heading:
    """Where a structural unit starts: ``Article 5.``, ``Chapter II``, ``3bis.``, ``(a)``, ``Preamble``.

    Only the marker itself is in ``value``; the heading text that follows on the
    line (``Scope of application``) is ordinary text after it.
    """
    kind: UnitKind
    """``preamble``, ``part``, ``chapter``, ``section``, ``article``, ``paragraph`` or ``subparagraph``."""
    value: str
    """The marker as written (``Article 19 ter``, ``第五条``, ``(PP6)``)."""
    number: str
    """The number normalised for ids (``19ter``, ``5``, ``pp6``; '' for a preamble)."""
    level: int
    """Depth in the outline: 1 part, 2 chapter, 3 section/preamble, 4 article,
    5 paragraph, 6+ subparagraph."""
    id: str
    """The location id of the unit it starts (``art_5__para_2``)."""
    span: Span


@_compact
@dataclass(frozen=True, slots=True)
class Placeholder:
    """A gap to fill (``[...]``, ``[X]``, ``[20XX]``, ``{Placeholder for ...}``), not contested wording."""
    value: str
    id: str
    location: str
    """Location id of the structural unit it stands in."""
    depth: int
    """Number of bracket groups around it."""
    span: Span
    kind = "placeholder"

    @property
    def alternatives(self) -> tuple:
        """A placeholder has no alternatives to choose from."""
        return ()

    unit = property(lambda self: _unit(self.location),
                    doc="The top-level unit it stands in: ``art_3`` for ``art_3__para_2``.")


@_compact
@dataclass(frozen=True, slots=True)
class FootnoteRef:
    """A footnote marker in the text, ``[^6]``."""
    label: str
    value: str
    span: Span


@_compact
@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote, ``[^6]: Proposed by the Russian Federation and China.``, on a line of its own."""
    label: str
    text: str
    """The note's text, marker and colon removed, leading blanks kept out."""
    proposers: tuple[str, ...]
    """Registry codes the note names (by code or full name), in registry order."""
    value: str
    """The whole line as written."""
    span: Span


@_compact
@dataclass(frozen=True, slots=True)
class Note:
    """A chair's note or comment (a line starting with ``>``): not treaty text."""
    text: str
    value: str
    span: Span


@_compact
@dataclass(frozen=True, slots=True)
class DraftingNote:
    """A drafting note or instruction inside the text, not negotiated wording.

    ``[Note: ...]``, ``[Further provisions may be needed here]``, ``*[elements for further
    discussion]*`` (a bracket set in italics), ``{linkages to 4.1}`` (braces).  It is not a
    group: it is never offered as a variant nor counted as a bracket, and it is exported
    as a note.
    """
    text: str
    """The note without its brackets or braces."""
    value: str
    """As written, brackets or braces included."""
    span: Span
    kind = "note"


@_compact
@dataclass(frozen=True, slots=True)
class NoText:
    """``No text`` as the content of an option: choosing it removes the provision."""
    value: str
    span: Span


@_compact
@dataclass(frozen=True, slots=True)
class OptionsEnd:
    r"""``\end-options``: closes the option block before it."""
    value: str
    span: Span


# ---------------------------------------------------------------- groups

@dataclass(frozen=True, init=False)
class Alternative:
    """One bracketed alternative ``[text]@RUS+CHN[^3]`` of a :class:`BracketGroup`.

    (Stored in five slots rather than nine: the brackets, attribution, proposers and
    footnote markers together, shared by every plain ``[...]``; see "compact storage".)
    """
    __slots__ = ("_id", "_index", "_children", "_rest", "_span")
    id: str
    """``<group id>__alt_<k>``."""
    index: int
    """1-based position in the group."""
    open: str
    """The opening bracket as written (``[``, ``［`` or ``【``)."""
    children: tuple[Node, ...]
    close: str
    """The closing bracket as written."""
    attribution: str
    """The attribution as written (``@RUS+CHN``), or ''."""
    proposers: tuple[str, ...]
    """Delegation codes proposing it: the attribution's, else those its footnotes name."""
    footnotes: tuple[FootnoteRef, ...]
    """Footnote markers written right after the closing bracket (and attribution)."""
    span: Span

    def __init__(self, id, index, open, children, close, attribution, proposers, footnotes,
                 span):
        _ALT_SLOT["_id"].__set__(self, id)
        _ALT_SLOT["_index"].__set__(self, index)
        _ALT_SLOT["_children"].__set__(self, children)
        rest = (open, close, attribution, proposers, footnotes)
        if not attribution and not proposers and not footnotes and len(open) == len(close) == 1:
            rest = _PLAIN_REST.setdefault((open, close), rest)  # `[...]`: one tuple for all
        _ALT_SLOT["_rest"].__set__(self, rest)
        _ALT_SLOT["_span"].__set__(self, pack(span) if type(span) is Span else span)

    def text(self, clean: bool = False) -> str:
        """The alternative's text: as written (nested brackets included), or ``clean``
        (see :func:`text_of`).

            >>> import treatydraft
            >>> g = next(treatydraft.parse("Parties [shall [promptly] share] data.").groups())
            >>> g.alternatives[0].text(), g.alternatives[0].text(clean=True)
            ('shall [promptly] share', 'shall promptly share')
        """
        return text_of(self.children, clean)

    def __getstate__(self):
        return tuple(getattr(self, name) for name in _ALT_FIELDS)

    def __setstate__(self, state):
        self.__init__(*state)


_ALT_FIELDS = ("id", "index", "open", "children", "close", "attribution", "proposers",
               "footnotes", "span")
_ALT_SLOT = {name: Alternative.__dict__[name] for name in Alternative.__slots__}
_PLAIN_REST: dict = {}


class _Rest:
    """A field kept in the node's ``_rest`` tuple (shared by nodes alike in them)."""
    __slots__ = ("k", "slot")

    def __init__(self, k: int, slot):
        self.k, self.slot = k, slot

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return self.slot.__get__(obj, cls)[self.k]


for _k, _name in enumerate(("open", "close", "attribution", "proposers", "footnotes")):
    setattr(Alternative, _name, _Rest(_k, _ALT_SLOT["_rest"]))
Alternative.index = property(_ALT_SLOT["_index"].__get__, doc="1-based position in the group.")
Alternative.id = _AltId(_ALT_SLOT["_id"])
Alternative.children = _Children(_ALT_SLOT["_children"])
Alternative.span = _CompactSpan(_ALT_SLOT["_span"], _alternative_span)


@dataclass(frozen=True, init=False)
class BracketGroup:
    """A bracket group: optional text ``[shall]`` or alternatives ``[data][information]``.

    (Stored in five slots rather than eight: gaps, attribution, proposers and depth
    together, shared by groups alike in them; see "compact storage".)
    """
    __slots__ = ("_id", "_alternatives", "_location", "_rest", "_span")
    id: str
    """Stable id from structure: ``art_5__para_2__brk_3``; inside an alternative ``<alt id>__brk_1``."""
    alternatives: tuple[Alternative, ...]
    gaps: tuple[str, ...]
    """The blanks written between consecutive alternatives ('' when adjacent); len = alternatives - 1."""
    attribution: str
    """A group attribution as written (``@@AFG``), or ''."""
    proposers: tuple[str, ...]
    """Delegations the group attribution names (who proposed the bracketing as a whole)."""
    location: str
    """Location id of the structural unit the group opens in."""
    depth: int
    """1 for a top-level group, 2 inside one alternative or option, ... (option blocks
    count, as bracket groups do)."""
    span: Span

    def __init__(self, id, alternatives, gaps, attribution, proposers, location, depth, span):
        _GRP_SLOT["_id"].__set__(self, id)
        _GRP_SLOT["_alternatives"].__set__(self, alternatives)
        _GRP_SLOT["_location"].__set__(self, location)
        rest = (gaps, attribution, proposers, depth)
        if not attribution and not proposers and not any(gaps):
            rest = _PLAIN_GROUP_REST.setdefault((len(gaps), depth), rest)
        _GRP_SLOT["_rest"].__set__(self, rest)
        _GRP_SLOT["_span"].__set__(self, pack(span) if type(span) is Span else span)

    def __getstate__(self):
        return tuple(getattr(self, name) for name in _GRP_FIELDS)

    def __setstate__(self, state):
        self.__init__(*state)

    @property
    def kind(self) -> GroupKind:
        """``optional`` (one alternative) or ``alternatives``."""
        return "optional" if len(self.alternatives) == 1 else "alternatives"

    def texts(self, clean: bool = False) -> tuple[str, ...]:
        """The text of every alternative (see :meth:`Alternative.text`).

            >>> import treatydraft
            >>> next(treatydraft.parse("[data][information]").groups()).texts()
            ('data', 'information')
        """
        return tuple(a.text(clean) for a in self.alternatives)

    unit = property(lambda self: _unit(self.location),
                    doc="The top-level unit it stands in: ``art_3`` for ``art_3__para_2``.")
    is_top_level = property(lambda self: self.depth == 1,
                            doc="True when no group or option block is around it.")


_GRP_FIELDS = ("id", "alternatives", "gaps", "attribution", "proposers", "location", "depth",
               "span")
_GRP_SLOT = {name: BracketGroup.__dict__[name] for name in BracketGroup.__slots__}
_PLAIN_GROUP_REST: dict = {}
for _k, _name in enumerate(("gaps", "attribution", "proposers", "depth")):
    setattr(BracketGroup, _name, _Rest(_k, _GRP_SLOT["_rest"]))
BracketGroup.id = property(_GRP_SLOT["_id"].__get__, doc="Stable id from structure: "
                           "``art_5__para_2__brk_3``; inside an alternative "
                           "``<alt id>__brk_1``.")
BracketGroup.location = property(_GRP_SLOT["_location"].__get__,
                                 doc="Location id of the structural unit the group opens in.")
BracketGroup.alternatives = _Single(_GRP_SLOT["_alternatives"])
BracketGroup.span = _CompactSpan(_GRP_SLOT["_span"], _group_span)


@_compact
@dataclass(frozen=True, slots=True)
class Option:
    """One option of an :class:`OptionBlock`: the label line and what follows until the next option."""
    id: str
    index: int
    label: str
    """The label as written (``Option 1:``, ``Option I (paras 6-9bis):``, ``3.3alt``)."""
    number: str
    attribution: str
    proposers: tuple[str, ...]
    children: tuple[Node, ...]
    span: Span

    def text(self, clean: bool = False) -> str:
        """The option's content (label excluded), as written or ``clean`` (:func:`text_of`)."""
        return text_of(self.children, clean)

    @property
    def no_text(self) -> bool:
        """True when the option's content is just ``No text``."""
        return any(isinstance(c, NoText) for c in self.children) and all(
            isinstance(c, (NoText, LineBreak)) or (isinstance(c, Text) and not c.value.strip())
            for c in self.children)


@_compact
@dataclass(frozen=True, slots=True)
class OptionBlock:
    """Competing options ``Option 1: ... Option 2: ... No text`` at phrase, paragraph or article scope."""
    id: str
    options: tuple[Option, ...]
    attribution: str
    """The block attribution as written on the first label (``@@AFG``), or ''."""
    proposers: tuple[str, ...]
    location: str
    depth: int
    span: Span
    kind = "options"

    @property
    def alternatives(self) -> tuple[Option, ...]:
        return self.options

    def texts(self, clean: bool = False) -> tuple[str, ...]:
        """The content of every option (see :meth:`Option.text`)."""
        return tuple(o.text(clean) for o in self.options)

    unit = property(lambda self: _unit(self.location),
                    doc="The top-level unit it stands in: ``art_3`` for ``art_3__para_2``.")
    is_top_level = property(lambda self: self.depth == 1,
                            doc="True when no group or option block is around it.")


Text.value = _Value(Text.__dict__["value"], Text.__dict__["span"].slot)
_GROUPS = (BracketGroup, OptionBlock)


def with_alternatives(group: BracketGroup | OptionBlock, alternatives) -> BracketGroup | OptionBlock:
    """A copy of ``group`` with other alternatives (options, for an option block)."""
    if isinstance(group, OptionBlock):
        return replace(group, options=tuple(alternatives))
    return replace(group, alternatives=tuple(alternatives))


_KINDS = frozenset({"alternatives", "optional", "options", "placeholder"})

#: Every node :func:`walk` yields: the body's nodes, and the alternatives and options
#: inside groups and option blocks.
Node = (Text | LineBreak | Escape | SplitMark | Heading | Placeholder | FootnoteRef
        | Footnote | Note | DraftingNote | NoText | OptionsEnd | BracketGroup | OptionBlock
        | Alternative | Option)
Group = BracketGroup | OptionBlock | Placeholder


# ---------------------------------------------------------------- document

@dataclass(frozen=True, slots=True)
class Delegation:
    """A registry entry: ``RUS: Russian Federation``; ``groups`` are the codes it belongs to."""
    code: str
    name: str
    groups: tuple[str, ...]
    span: Span | None


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The ``---`` block at the top: metadata and the delegation registry."""
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
    """A problem found in the text (tolerant mode), with its position."""
    code: str
    """Machine-readable name: ``unclosed-bracket``, ``stray-bracket``, ``unknown-delegation`` ..."""
    message: str
    line: int
    column: int
    severity: Severity = "error"
    """``error`` (strict mode would refuse the text) or ``warning`` (suspicious only)."""
    hint: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "line": self.line, "column": self.column, "hint": self.hint}


@dataclass(frozen=True, slots=True)
class Article:
    """An outline entry from :meth:`Document.articles` (a view, not part of the tree)."""
    id: str
    number: str
    heading: Heading
    title: str
    """The heading text after the marker on the same line, stripped."""


def _children(node) -> tuple:
    if isinstance(node, BracketGroup):
        return node.alternatives
    if isinstance(node, OptionBlock):
        return node.options
    if isinstance(node, (Alternative, Option)):
        return node.children
    return ()


def _lone_value(alt) -> str | None:
    """The text of an alternative that holds one text not yet made a node, else None."""
    raw = Alternative.__dict__["children"].slot.__get__(alt)
    if type(raw) is not SourceText:
        return None
    start, end = bounds(_lone_text_span(alt))
    return raw.text[start:end]


def _structure(node) -> tuple:
    """:func:`_children` without the text of an alternative that holds only text."""
    if isinstance(node, Alternative) and type(
            Alternative.__dict__["children"].slot.__get__(node)) is SourceText:
        return ()
    return _children(node)


def _walk_structure(nodes) -> Iterator:
    """:func:`walk` without the text nodes of alternatives that hold only text (no
    group, heading, note or placeholder is there): for the document's searches."""
    stack = [iter(nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        yield node
        kids = _structure(node)
        if kids:
            stack.append(iter(kids))


def walk(nodes) -> Iterator[Node]:
    """Every node under ``nodes`` (alternatives and options included), in document order."""
    stack = [iter(nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        yield node
        kids = _children(node)
        if kids:
            stack.append(iter(kids))


def _emit(nodes, out: list) -> None:
    """Append the raw text of ``nodes`` to ``out`` (iteratively: no recursion limit)."""
    stack = [iter(nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, BracketGroup):
            parts = []
            for i, alt in enumerate(node.alternatives):
                if i:
                    parts.append(node.gaps[i - 1])
                parts.append(("alt", alt))
            parts.append(node.attribution)
            stack.append(iter(parts))
        elif isinstance(node, tuple):  # ("alt", Alternative): open, children, close
            alt = node[1]
            tail = [alt.close, alt.attribution, *(f.value for f in alt.footnotes)]
            stack.append(iter(tail))
            lone = _lone_value(alt)
            if lone is None:
                stack.append(iter(alt.children))
            else:
                tail.insert(0, lone)
            out.append(alt.open)
        elif isinstance(node, OptionBlock):
            stack.append(iter(node.options))
        elif isinstance(node, Option):
            out.append(node.label)
            out.append(node.attribution)
            stack.append(iter(node.children))
        elif isinstance(node, str):
            out.append(node)
        else:
            out.append(node.value)


def _unit(location: str) -> str:
    return location.split("__", 1)[0]


def text_of(nodes, clean: bool = False) -> str:
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
    """A structural unit from :meth:`Document.units` (a view, not part of the tree)."""
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
    groups: tuple
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
    _ids: dict | None = field(default=None, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if type(self.footnotes) is not MappingProxyType:  # a document holds no mutable dict
            object.__setattr__(self, "footnotes", MappingProxyType(dict(self.footnotes)))

    def __reduce__(self):  # pickle and copy rebuild it (a read-only mapping cannot pickle)
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

    def walk(self) -> Iterator:
        """Every node of the body in document order (see :func:`walk`)."""
        return walk(self.body)  # every node

    def brackets(self, kinds=None) -> Iterator[Group]:
        """Every bracket group, option block and placeholder in document order.

        Each has ``.id``, ``.kind`` (``alternatives``, ``optional``, ``options`` or
        ``placeholder``), ``.alternatives``, ``.location``, ``.depth`` and ``.span``.
        """
        if kinds is not None:
            kinds = {kinds} if isinstance(kinds, str) else set(kinds)
            unknown = kinds - _KINDS
            if unknown:
                from .errors import OperationError
                raise OperationError("unknown group kind " + ", ".join(sorted(map(repr, unknown))),
                                     hint="kinds are " + ", ".join(sorted(_KINDS)))
        return self._brackets(kinds)

    def _brackets(self, kinds) -> Iterator[Group]:
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
        result = []
        # one sequence at a time (an alternative holding one text makes its tuple anew)
        sequences = chain((self.body,), (_structure(n) for n in _walk_structure(self.body)
                                         if isinstance(n, (Alternative, Option))))
        for seq in sequences:
            for i, node in enumerate(seq):
                if isinstance(node, Heading) and node.kind == "article":
                    rest = []
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
        heads = []
        sequences = [self.body]
        sequences.extend(n.children for n in walk(self.body) if isinstance(n, (Alternative, Option)))
        for seq in sequences:
            for i, node in enumerate(seq):
                if isinstance(node, Heading):
                    rest = []
                    for j in range(i + 1, len(seq)):
                        if isinstance(seq[j], LineBreak):
                            break
                        rest.append(seq[j])
                    heads.append((node, rest))
        heads.sort(key=lambda h: h[0].span.start)
        groups: dict[str, list] = {}
        for g in self.brackets():
            groups.setdefault(g.location, []).append(g)
        out = []
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

    def find(self, group_id: str):
        """The group, option block, placeholder, alternative or option with this id, or None;
        for a unit id (``art_3``, ``art_3__para_1``) the :class:`Unit`.  The first call
        indexes the document (one walk); later ones are dictionary look-ups."""
        ids = self._ids
        if ids is None:
            ids = {}
            for node in _walk_structure(self.body):
                nid = getattr(node, "id", None)
                if nid is not None and not isinstance(node, Heading):
                    ids.setdefault(nid, node)
            object.__setattr__(self, "_ids", ids)
        node = ids.get(group_id)
        if node is not None:
            return node
        if any(isinstance(n, Heading) and n.id == group_id for n in _walk_structure(self.body)):
            return next(u for u in self.units() if u.id == group_id)
        return None
