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

This module holds the nodes (how they are stored compactly: :mod:`treatydraft.storage`);
:mod:`treatydraft.document` holds the document, its records and the walks over the
tree, whose names are importable from here too.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from . import codecache
from .derive import alternative_span, group_span, lone_text_span
from .source import Span, bounds, pack
from .storage import (
    CompactSpan,
    DerivedId,
    LoneText,
    Rest,
    Single,
    SourceText,
    SourceValue,
    compact,
    negative,
)

codecache.install()  # the dataclasses' methods compiled once (undone at the end)

# the nodes that are notes, not negotiated text (their own module, named from here too)
from .notenodes import DraftingNote, Footnote, FootnoteRef, Note  # noqa: E402

if TYPE_CHECKING:  # given lazily by __getattr__ below; named here for the type checker
    from .document import Article as Article
    from .document import Delegation as Delegation
    from .document import Diagnostic as Diagnostic
    from .document import Document as Document
    from .document import FrontMatter as FrontMatter
    from .document import Unit as Unit
    from .document import text_of as text_of
    from .document import walk as walk

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
    "BracketGroup", "Option", "OptionBlock", "Node", "Group", "with_alternatives",
    "GroupKind", "UnitKind", "Severity",
]


# ---------------------------------------------------------------- compact storage
# (how: treatydraft/storage.py; what each node's derivable span is: treatydraft/derive.py)


def drop_derivable_span(node: Alternative | BracketGroup, span: Span) -> None:
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

@compact
@dataclass(frozen=True, slots=True)
class Text:
    """A run of treaty text, spaces and punctuation included, as written.

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('Article 1\\n1. Parties act.\\n')
        >>> [n.value for n in walk(doc.body) if type(n).__name__ == "Text"]
        [' Parties act.']
    """
    value: str
    span: Span


@compact
@dataclass(frozen=True, slots=True)
class LineBreak:
    """A line break (``\\n`` or ``\\r\\n``, kept as written).

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('Article 1\\r\\n1. Parties act.\\n')
        >>> [n.value for n in walk(doc.body) if type(n).__name__ == "LineBreak"]
        ['\\r\\n', '\\n']
    """
    value: str
    span: Span


@compact
@dataclass(frozen=True, slots=True)
class Escape:
    """An escaped character: ``\\[`` is a literal (editorial) bracket, not negotiation text.

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('Article 1\\n1. See \\\\[sic\\\\].\\n')
        >>> [(n.value, n.char) for n in walk(doc.body) if type(n).__name__ == "Escape"]
        [('\\\\[', '['), ('\\\\]', ']')]
    """
    value: str
    """As written, backslash included."""
    span: Span

    @property
    def char(self) -> str:
        """The character meant (``[`` for ``\\[``)."""
        return self.value[1:]


@compact
@dataclass(frozen=True, slots=True)
class SplitMark:
    """``\\+`` between two brackets: they are independent optional insertions, not alternatives.

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('Article 1\\n1. Parties [may]\\\\+[also] act.\\n')
        >>> [n.value for n in walk(doc.body) if type(n).__name__ == "SplitMark"]
        ['\\\\+']
    """
    value: str
    span: Span


@compact
@dataclass(frozen=True, slots=True)
class Heading:
    """Where a structural unit starts: ``Article 5.``, ``Chapter II``, ``3bis.``, ``(a)``, ``Preamble``.

    Only the marker itself is in ``value``; the heading text that follows on the
    line (``Scope of application``) is ordinary text after it.

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('Article 19 ter. Scope\\n2. Parties act.\\n')
        >>> [(n.kind, n.number, n.id) for n in walk(doc.body) if type(n).__name__ == "Heading"]
        [('article', '19ter', 'art_19ter'), ('paragraph', '2', 'art_19ter__para_2')]
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


@compact
@dataclass(frozen=True, slots=True)
class Placeholder:
    """A gap to fill (``[...]``, ``[X]``, ``[20XX]``, ``{Placeholder for ...}``), not contested wording.

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('Article 1\\n1. By [20XX] Parties act.\\n')
        >>> [(n.value, n.id) for n in walk(doc.body) if type(n).__name__ == "Placeholder"]
        [('[20XX]', 'art_1__para_1__ph_1')]
    """
    value: str
    id: str
    location: str
    """Location id of the structural unit it stands in."""
    depth: int
    """Number of bracket groups around it."""
    span: Span
    kind = "placeholder"

    @property
    def alternatives(self) -> tuple[()]:
        """A placeholder has no alternatives to choose from."""
        return ()

    unit = property(lambda self: _unit(self.location),
                    doc="The top-level unit it stands in: ``art_3`` for ``art_3__para_2``.")


@compact
@dataclass(frozen=True, slots=True)
class NoText:
    """``No text`` as the content of an option: choosing it removes the provision.

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('Article 1\\nOption 1: Parties act.\\nOption 2: No text\\n')
        >>> [n.value for n in walk(doc.body) if type(n).__name__ == "NoText"]
        [' No text']
    """
    value: str
    span: Span


@compact
@dataclass(frozen=True, slots=True)
class OptionsEnd:
    r"""``\end-options``: closes the option block before it.

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('Article 1\nOption 1: Parties act.\nOption 2: No text\n'
        ...                         '\\end-options\nMore text.\n')
        >>> [n.value for n in walk(doc.body) if type(n).__name__ == "OptionsEnd"]
        ['\\end-options']
    """
    value: str
    span: Span


# ---------------------------------------------------------------- groups

@dataclass(frozen=True, init=False)
class Alternative:
    """One bracketed alternative ``[text]@RUS+CHN[^3]`` of a :class:`BracketGroup`.

    (Stored in five slots rather than nine: the brackets, attribution, proposers and
    footnote markers together, shared by every plain ``[...]``; see treatydraft/storage.py.)

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('---\\ndelegations:\\n  EU: European Union\\n---\\n'
        ...                         'Article 1. Scope\\n1. Parties [shall][may]@EU act.\\n')
        >>> [(a.id, a.text(), a.proposers) for a in next(doc.groups()).alternatives]
        [('art_1__para_1__brk_1__alt_1', 'shall', ()), ('art_1__para_1__brk_1__alt_2', 'may', ('EU',))]
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

    # ``children`` may be the :class:`SourceText` of one text, ``span`` packed or None
    # (derived): see treatydraft/storage.py
    def __init__(self, id: str, index: int, open: str, children: tuple[Node, ...] | SourceText,
                 close: str, attribution: str, proposers: tuple[str, ...],
                 footnotes: tuple[FootnoteRef, ...], span: Span | int | None):
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
        from .document import text_of  # the document module reads the tree
        return text_of(self.children, clean)

    def __getstate__(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _ALT_FIELDS)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.__init__(*state)  # type: ignore[misc]  # unpickling: the fields, as __getstate__ gave


_ALT_FIELDS = ("id", "index", "open", "children", "close", "attribution", "proposers",
               "footnotes", "span")
_ALT_SLOT = {name: Alternative.__dict__[name] for name in Alternative.__slots__}
_PLAIN_REST: dict[tuple[str, str], tuple[Any, ...]] = {}


for _k, _name in enumerate(("open", "close", "attribution", "proposers", "footnotes")):
    setattr(Alternative, _name, Rest(_k, _ALT_SLOT["_rest"]))
# the descriptors over the slots (type: ignore): instances still read the declared types
Alternative.index = property(lambda self: abs(_ALT_SLOT["_index"].__get__(self)),  # type: ignore[assignment]
                             doc="1-based position in the group.")


def derived_alternative(group_id: str, index: int, open: str, children: tuple[Node, ...] | SourceText,
                        close: str, attribution: str, proposers: tuple[str, ...],
                        footnotes: tuple[FootnoteRef, ...], span: Span | int | None) -> Alternative:
    """``Alternative(f"{group_id}__alt_{index}", index, ...)``, for the builder, storing the
    very string ``group_id`` (the group's own) instead of a new one: the id is made when read
    (:class:`~treatydraft.storage.DerivedId`)."""
    alt = Alternative(group_id, index, open, children, close, attribution, proposers, footnotes,
                      span)
    _ALT_SLOT["_index"].__set__(alt, negative(index))
    return alt


def _lone_text(alt: Alternative, source: SourceText) -> tuple[Node, ...]:
    # a Text's value and span slots hold the source and the packed span too
    return (Text(cast(str, source), cast(Span, lone_text_span(alt))),)


Alternative.id = DerivedId(_ALT_SLOT["_id"], _ALT_SLOT["_index"])  # type: ignore[assignment]
Alternative.children = LoneText(_ALT_SLOT["_children"], _lone_text)  # type: ignore[assignment]
Alternative.span = CompactSpan(_ALT_SLOT["_span"], alternative_span)  # type: ignore[assignment]


@dataclass(frozen=True, init=False)
class BracketGroup:
    """A bracket group: optional text ``[shall]`` or alternatives ``[data][information]``.

    (Stored in five slots rather than eight: gaps, attribution, proposers and depth
    together, shared by groups alike in them; see treatydraft/storage.py.)

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse('---\\ndelegations:\\n  EU: European Union\\n---\\n'
        ...                         'Article 1. Scope\\n1. Parties [shall][may]@EU act.\\n')
        >>> group = next(doc.groups())
        >>> group.id, group.kind, group.texts(), group.location, group.depth
        ('art_1__para_1__brk_1', 'alternatives', ('shall', 'may'), 'art_1__para_1', 1)
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

    # a lone alternative may be passed without a tuple, ``span`` packed or None (derived):
    # see treatydraft/storage.py
    def __init__(self, id: str, alternatives: tuple[Alternative, ...] | Alternative,
                 gaps: tuple[str, ...], attribution: str, proposers: tuple[str, ...],
                 location: str, depth: int, span: Span | int | None):
        _GRP_SLOT["_id"].__set__(self, id)
        _GRP_SLOT["_alternatives"].__set__(self, alternatives)
        _GRP_SLOT["_location"].__set__(self, location)
        rest = (gaps, attribution, proposers, depth)
        if not attribution and not proposers and not any(gaps):
            rest = _PLAIN_GROUP_REST.setdefault((len(gaps), depth), rest)
        _GRP_SLOT["_rest"].__set__(self, rest)
        _GRP_SLOT["_span"].__set__(self, pack(span) if type(span) is Span else span)

    def __getstate__(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _GRP_FIELDS)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.__init__(*state)  # type: ignore[misc]  # unpickling: the fields, as __getstate__ gave

    @property
    def kind(self) -> GroupKind:
        """``optional`` (one alternative) or ``alternatives``."""
        return "optional" if len(self.alternatives) == 1 else "alternatives"

    def texts(self, clean: bool = False) -> tuple[str, ...]:
        """The text of every alternative (see :meth:`Alternative.text`).

        Example:

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
_PLAIN_GROUP_REST: dict[tuple[int, int], tuple[Any, ...]] = {}
for _k, _name in enumerate(("gaps", "attribution", "proposers", "depth")):
    setattr(BracketGroup, _name, Rest(_k, _GRP_SLOT["_rest"]))
# the descriptors over the slots (type: ignore): instances still read the declared types
BracketGroup.id = property(_GRP_SLOT["_id"].__get__, doc="Stable id from structure: "
                           "``art_5__para_2__brk_3``; inside an alternative "
                           "``<alt id>__brk_1``.")  # type: ignore[assignment]
BracketGroup.location = property(_GRP_SLOT["_location"].__get__,
                                 doc="Location id of the structural unit the group opens in.")  # type: ignore[assignment]
BracketGroup.alternatives = Single(_GRP_SLOT["_alternatives"], Alternative)  # type: ignore[assignment]
BracketGroup.span = CompactSpan(_GRP_SLOT["_span"], group_span)  # type: ignore[assignment]


@compact
@dataclass(frozen=True, slots=True)
class Option:
    """One option of an :class:`OptionBlock`: the label line and what follows until the next option.

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse("---\\ndelegations:\\n  EU: European Union\\n---\\n"
        ...                         "Article 1\\nOption 1@EU: Parties act.\\nOption 2: No text\\n")
        >>> [(o.label, o.number, o.proposers, o.no_text) for o in next(doc.groups()).options]
        [('Option 1', '1', ('EU',), False), ('Option 2:', '2', (), True)]
    """
    id: str
    index: int
    label: str
    """The label as written (``Option 1:``, ``Option I (paras 6-9bis):``, ``3.3alt``)."""
    number: str
    attribution: str
    proposers: tuple[str, ...]
    children: tuple[Node, ...]
    span: Span
    open: str = ""
    """For an option bracketed whole (``[Option 2: ...]``), its opening bracket as written."""
    close: str = ""
    """... and its closing bracket (the option's content ends there)."""

    def text(self, clean: bool = False) -> str:
        """The option's content (label excluded), as written or ``clean`` (:func:`text_of`)."""
        from .document import text_of  # the document module reads the tree
        return text_of(self.children, clean)

    @property
    def no_text(self) -> bool:
        """True when the option's content is just ``No text``."""
        return any(isinstance(c, NoText) for c in self.children) and all(
            isinstance(c, (NoText, LineBreak)) or (isinstance(c, Text) and not c.value.strip())
            for c in self.children)


@compact
@dataclass(frozen=True, slots=True)
class OptionBlock:
    """Competing options ``Option 1: ... Option 2: ... No text`` at phrase, paragraph or article scope.

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> doc = treatydraft.parse("Article 1\\nOption 1: Parties act.\\nOption 2: No text\\n")
        >>> block = next(doc.groups())
        >>> block.id, block.kind, len(block.options)
        ('art_1__opts_1', 'options', 2)
    """
    id: str
    options: tuple[Option, ...]
    attribution: str
    """The block attribution as written on the first label (``@@AFG``), or ''."""
    proposers: tuple[str, ...]
    location: str
    depth: int
    span: Span
    gaps: tuple[str, ...] = ()
    """Between options bracketed whole, what stands between one's ``]`` and the next
    option (``gaps[i - 1]`` before option ``i``, ``''`` when it is not bracketed); ``()``
    when no option is bracketed whole."""
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


Text.value = SourceValue(Text.__dict__["value"],  # type: ignore[misc, assignment]  # a slot view
                    Text.__dict__["span"].slot)
_GROUPS = (BracketGroup, OptionBlock)


@overload
def with_alternatives(group: BracketGroup, alternatives: Iterable[Alternative]) -> BracketGroup: ...
@overload
def with_alternatives(group: OptionBlock, alternatives: Iterable[Option]) -> OptionBlock: ...
@overload
def with_alternatives(group: BracketGroup | OptionBlock,
                      alternatives: Iterable[Alternative | Option]) -> BracketGroup | OptionBlock: ...
def with_alternatives(group: BracketGroup | OptionBlock, alternatives: Iterable[Any]
                      ) -> BracketGroup | OptionBlock:
    """A copy of ``group`` with other alternatives (options, for an option block).

    Example:

        >>> import treatydraft
        >>> from treatydraft.document import walk
        >>> from treatydraft.ast import with_alternatives
        >>> group = next(treatydraft.parse('---\\ndelegations:\\n  EU: European Union\\n---\\n'
        ...                                'Article 1. Scope\\n1. Parties [shall][may]@EU act.\\n').groups())
        >>> with_alternatives(group, group.alternatives[:1]).texts()
        ('shall',)
    """
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


def _unit(location: str) -> str:
    return location.split("__", 1)[0]


def _lone_value(alt: Alternative) -> str | None:
    """The text of an alternative that holds one text not yet made a node, else None."""
    raw = Alternative.__dict__["children"].slot.__get__(alt)
    if type(raw) is not SourceText:
        return None
    start, end = bounds(lone_text_span(alt))
    return raw.text[start:end]



#: Names defined in :mod:`treatydraft.document` (the document, its front matter and
#: diagnostics, and reading the tree), importable from here as before.
_DOCUMENT = frozenset({"Delegation", "FrontMatter", "Diagnostic", "Article", "Unit",
                       "Document", "walk", "text_of", "_emit", "_walk_structure",
                       "_children", "_structure"})


def __getattr__(name: str) -> Any:
    if name in _DOCUMENT:
        from . import document
        return getattr(document, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


codecache.uninstall()
