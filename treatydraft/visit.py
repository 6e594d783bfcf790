"""Walking and transforming a draft's tree: :class:`Visitor` and :class:`Transformer`.

A :class:`Visitor` dispatches on the node's type: ``visit(node)`` calls the method
``visit_<NodeName>`` (``visit_Text``, ``visit_BracketGroup``, ``visit_Alternative`` ...)
and raises :class:`~treatydraft.errors.OperationError` for a node it has no method for,
so a new node type is never skipped in silence.

A :class:`Transformer` returns a new tree and never changes its input (the nodes are
immutable; what it does not change it shares).  Each ``visit_<NodeName>`` returns the
node to put in its place, ``None`` to drop it, or a list of nodes to splice in; the
defaults keep leaves and rebuild groups, alternatives, options and footnotes from
their transformed children.  For plain text, :func:`treatydraft.ast.text_of` gives a node
sequence's text, as written or clean.

    >>> import treatydraft
    >>> from treatydraft.visit import Transformer, Visitor
    >>> doc = treatydraft.parse("Article 1\\nParties [shall][may] share data.\\n")
    >>> class Words(Visitor):
    ...     def visit_Text(self, node):
    ...         return len(node.value.split())
    ...     def visit_Heading(self, node):
    ...         return 0
    ...     def visit_LineBreak(self, node):
    ...         return 0
    ...     def visit_BracketGroup(self, node):
    ...         return max(sum(self.visit_all(a.children)) for a in node.alternatives)
    >>> sum(Words().visit_all(doc.body))
    4
    >>> from dataclasses import replace
    >>> class Upper(Transformer):
    ...     def visit_Text(self, node):
    ...         return replace(node, value=node.value.upper())
    >>> Upper().transform(doc).to_text()
    'Article 1\\nPARTIES [SHALL][MAY] SHARE DATA.\\n'
    >>> doc.to_text()  # unchanged
    'Article 1\\nParties [shall][may] share data.\\n'
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, TypeVar

from .ast import (
    Alternative,
    BracketGroup,
    Document,
    DraftingNote,
    Escape,
    Footnote,
    FootnoteRef,
    Heading,
    LineBreak,
    Node,
    Note,
    NoText,
    Option,
    OptionBlock,
    OptionsEnd,
    Placeholder,
    SplitMark,
    Text,
    with_alternatives,
)
from .document import footnote_index
from .errors import OperationError

__all__ = ["Visitor", "Transformer", "NODE_TYPES"]

#: every node type a body holds (alternatives and options included)
NODE_TYPES = (Text, LineBreak, Escape, SplitMark, Heading, Placeholder, FootnoteRef, Footnote,
              Note, DraftingNote, NoText, OptionsEnd, BracketGroup, Alternative, OptionBlock,
              Option)


class Visitor:
    """Dispatch on node type: ``visit(node)`` calls ``visit_<NodeName>(node)``.

    A node type without a method raises :class:`~treatydraft.errors.OperationError`
    (override :meth:`generic_visit` to change that).

        >>> import treatydraft
        >>> from treatydraft.visit import Visitor
        >>> class Ids(Visitor):
        ...     def visit_BracketGroup(self, node):
        ...         return node.id
        >>> doc = treatydraft.parse("Article 1\\n[a][b] c\\n")
        >>> Ids().visit(doc.body[2])
        'art_1__brk_1'
        >>> from treatydraft.errors import OperationError
        >>> try:
        ...     Ids().visit(doc.body[0])
        ... except OperationError as e:
        ...     print(e.message)
        Ids cannot visit a Heading node (no visit_Heading method)
    """

    def __init__(self) -> None:
        self._methods: dict[type, Callable[[Any], Any]] = {}

    def visit(self, node: Any) -> Any:
        """The result of ``visit_<NodeName>(node)``."""
        try:
            method = self._methods[type(node)]
        except (KeyError, AttributeError):
            method = self._method(type(node))
        return method(node)

    def _method(self, cls: type) -> Callable[[Any], Any]:
        if not hasattr(self, "_methods"):  # a subclass __init__ that did not call ours
            self._methods = {}
        method = getattr(self, "visit_" + cls.__name__, None)
        if method is None:
            method = self.generic_visit
        self._methods[cls] = method
        return method

    def visit_all(self, nodes: Iterable[Any]) -> list[Any]:
        """``visit`` of each node, in order."""
        return [self.visit(n) for n in nodes]

    def generic_visit(self, node: Any) -> Any:
        """Called for a node type without a ``visit_`` method: raises."""
        raise OperationError(f"{type(self).__name__} cannot visit a {type(node).__name__} "
                             f"node (no visit_{type(node).__name__} method)")


#: What :meth:`Transformer._parts` transforms: the alternatives of a group, or the options of
#: a block.
_Part = TypeVar("_Part", Alternative, Option)


def _keep(self: Transformer, node: Any) -> Any:
    return node


class Transformer(Visitor):
    """A :class:`Visitor` that returns a new tree; the input is never changed.

    ``visit_<NodeName>`` returns the replacement: a node, ``None`` (drop it) or a list
    of nodes (splice them in).  By default a leaf is kept as it is and a group,
    alternative, option or footnote is rebuilt from its transformed children (the very same
    object when none changed, so unchanged subtrees are shared).  A node type that is
    not a known node raises.

        >>> import treatydraft
        >>> from treatydraft.visit import Transformer
        >>> class DropNotes(Transformer):
        ...     def visit_DraftingNote(self, node):
        ...         return None
        >>> doc = treatydraft.parse("Article 1\\nParties [shall [Note: check]][may] act.\\n")
        >>> new = DropNotes().transform(doc)
        >>> new.to_text(), len(list(doc.notes())), len(list(new.notes()))
        ('Article 1\\nParties [shall ][may] act.\\n', 1, 0)
        >>> DropNotes().transform(treatydraft.parse("Article 1\\nText.\\n")).body[0].id
        'art_1'
    """

    visit_Text = visit_LineBreak = visit_Escape = visit_SplitMark = _keep
    visit_Heading = visit_Placeholder = visit_FootnoteRef = _keep
    visit_Note = visit_DraftingNote = visit_NoText = visit_OptionsEnd = _keep

    def transform(self, tree: Any) -> Any:
        """``tree`` transformed: a :class:`~treatydraft.ast.Document` (its body; the
        footnote index follows), a sequence of nodes (a tuple), or one node (what
        ``visit`` returns for it)."""
        if isinstance(tree, Document):
            body = self.transform_seq(tree.body)
            if body is tree.body:
                return tree
            return replace(tree, body=body, footnotes=footnote_index(body))
        if isinstance(tree, (list, tuple)):
            return self.transform_seq(tree)
        return self.visit(tree)

    def transform_seq(self, nodes: Iterable[Node]) -> tuple[Node, ...]:
        """The transformed sequence (``nodes`` itself, as a tuple, when nothing changed)."""
        out: list[Node] = []
        changed = not isinstance(nodes, tuple)
        for node in nodes:
            got = self.visit(node)
            if got is node:
                out.append(node)
                continue
            changed = True
            if got is None:
                continue
            if isinstance(got, (list, tuple)):
                out.extend(got)
            else:
                out.append(got)
        if not changed and isinstance(nodes, tuple):  # (unchanged: a tuple)
            return nodes
        return tuple(out)

    # (each reads a node's parts once: a compact node may hand out a new tuple per read)
    def visit_BracketGroup(self, node: BracketGroup) -> Any:
        old = node.alternatives
        alts = self._parts(old)
        return node if alts is old else with_alternatives(node, alts)

    def visit_OptionBlock(self, node: OptionBlock) -> Any:
        old = node.options
        opts = self._parts(old)
        return node if opts is old else with_alternatives(node, opts)

    def visit_Alternative(self, node: Alternative) -> Any:
        old = node.children
        children = self.transform_seq(old)
        return node if children is old else replace(node, children=children)

    visit_Option = visit_Alternative

    def visit_Footnote(self, node: Footnote) -> Any:
        old = node.children
        children = self.transform_seq(old)
        return node if children is old else replace(node, children=children)

    def _parts(self, parts: tuple[_Part, ...]) -> tuple[_Part, ...]:
        out: list[_Part] = []
        changed = False
        for part in parts:
            got = self.visit(part)
            if not isinstance(got, type(part)):
                raise OperationError(f"{type(self).__name__}: a {type(part).__name__} must "
                                     f"become a {type(part).__name__}, not {got!r}")
            changed = changed or got is not part
            out.append(got)
        return tuple(out) if changed else parts
